"""The README's promises, run as printed: its quick start (the dashboard's command and the test command, which CI
runs verbatim), its command-line examples, its notebook example; and docs/classroom.md's table of URL names."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from makemore.app import settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def blocks(section: str, lang: str = "bash") -> list[str]:
    body = README.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.+?)\n```", body, re.DOTALL)


def test_quick_start_is_numbered_commands_ending_with_run_and_test():
    venv, torch_cpu, run, test = blocks("Quick start")
    assert venv.startswith("python3.11 -m venv .venv")
    assert "torch==2.13.0" in torch_cpu and "/cpu" in torch_cpu
    assert run == "pip install . && streamlit run streamlit_app.py"  # the installed command: tests/test_install.py
    assert "requirements-dev.txt" in test and "pytest" in test and "ruff check" in test


def test_ci_runs_the_readme_test_command_verbatim():
    test = blocks("Quick start")[-1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci


def test_the_readme_is_short():
    assert len(README.encode()) < 10 * 1024


def test_torch_is_pinned_to_the_cpu_build():
    assert "torch==2.13.0" in (ROOT / "requirements.txt").read_text().splitlines()


@pytest.mark.parametrize("command", blocks("The command line")[0].splitlines())
def test_every_command_line_example_runs_as_printed(command):
    out = subprocess.run(shlex.split(command), cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() and not out.stderr.strip()


def test_the_fetch_command_runs_as_printed(tmp_path):
    """Offline (as here, in CI) it says so in one line and changes nothing; online it fetches and checks."""
    (command,) = blocks("The lecture's own data")
    env = {**os.environ, "MAKEMORE_CACHE": str(tmp_path)}
    out = subprocess.run(
        shlex.split(command), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if out.returncode == 0:
        assert "32,033 words, checked" in out.stdout
    else:
        assert out.returncode == 2 and out.stderr.count("\n") == 1 and "nothing was changed" in out.stderr


def test_the_notebook_example_runs_as_printed(tmp_path):
    (code,) = blocks("In a notebook", "python")
    assert len([line for line in code.splitlines() if line]) == 5  # import, then count, train, sample, plot
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Trainer(full net of order 2, step 200, loss ") and "'mor'" in out.stdout


def test_the_classroom_guide_lists_every_url_name():
    assert settings.readme_table() in (ROOT / "docs" / "classroom.md").read_text()
