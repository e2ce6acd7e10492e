"""`pip install .` gives a working package anywhere (issue 20): the engine imports from another folder with its
built-in data, the `makemore` command runs, and `makemore-dashboard` serves the app with the project's settings."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project installed as pip installs it (into a folder of its own; the dependencies are this machine's)."""
    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("source") / "project"  # a copy: setuptools writes build/ beside the source
    skip = shutil.ignore_patterns(".git", "tests", "build", "*.egg-info", "__pycache__", ".*_cache", "docs")
    shutil.copytree(ROOT, source, ignore=skip)
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target)]
    subprocess.run([*pip, str(source)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    return target, env


def run(args, env, cwd):
    return subprocess.run(args, check=False, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_engine_imports_anywhere_with_its_data(installed, tmp_path):
    target, env = installed
    code = "import makemore; print(makemore.__file__); print(len(makemore.default_words()))"
    out = run([sys.executable, "-c", code], env, tmp_path)
    assert out.returncode == 0, out.stderr
    where, words = out.stdout.split()
    assert Path(where).is_relative_to(target) and int(words) == 32_469


def test_the_command_runs(installed, tmp_path):
    target, env = installed
    out = run([str(target / "bin" / "makemore"), "stats", "--json"], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["words"] == 32_469


def test_the_dashboard_starts_with_the_projects_settings(installed, tmp_path):
    target, env = installed
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(target / "bin" / "makemore-dashboard"), "--server.port", str(port)]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the dashboard did not answer on its health check")
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_packaged_settings_are_the_repositorys():
    packaged = tomllib.loads((ROOT / "makemore" / "app" / "streamlit.toml").read_text())
    assert packaged == tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
