"""A room (docs/room.md): scripts/serve_room.py starts replicas behind HAProxy and stops every process it started;
the HAProxy configuration passes `haproxy -c`; an upload through the proxy reaches its own visitor's session; the
compose file, the Kubernetes manifest and the Dockerfile say what the room needs. (The browser's side, a replica
killed under a visitor: tests/e2e/test_room_browser.py.)"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import streamlit
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # the launcher and the protocol client are scripts, imported here
import serve_room
from protocol_client import StreamlitSession

# In CI (.ci/run installs it) a missing haproxy fails these tests; elsewhere they are skipped with the reason.
needs_haproxy = pytest.mark.skipif(
    shutil.which("haproxy") is None and not os.environ.get("CI"), reason="no haproxy (apt-get install haproxy)"
)


def process_groups() -> set[int]:
    """The process group of every process alive on this machine (zombies not counted: they are gone but for
    their exit status)."""
    groups = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            groups.add(int(fields[2]))
    return groups


@pytest.fixture(scope="module")
def launched():
    """`serve_room.py --replicas 2` as a person starts it: (its process, the pids and ports it printed, its URL)."""
    port = serve_room.free_port()
    proc = subprocess.Popen(
        [sys.executable, "scripts/serve_room.py", "--replicas", "2", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    printed = []
    for line in proc.stdout:
        printed.append(line.split())
        if line.startswith("room "):
            break
    try:
        yield proc, printed, f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@needs_haproxy
def test_the_rendered_config_passes_haproxy_check():
    config = serve_room.render("127.0.0.1:8500", ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"])
    assert "Configuration file is valid" in serve_room.check(config)
    for line in ("cookie MMROOM insert", "option redispatch", "timeout tunnel", "uri /_stcore/health"):
        assert line in config
    broken = config.replace("timeout tunnel", "timeout tunel")
    with pytest.raises(ValueError, match="tunel"):
        serve_room.check(broken)


@needs_haproxy
def test_the_compose_config_is_the_template_rendered_for_its_replicas():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    replicas = sorted(name for name in compose["services"] if name.startswith("replica"))
    assert replicas == ["replica1", "replica2"] and compose["services"]["haproxy"]["ports"] == ["8500:8500"]
    mounted = compose["services"]["haproxy"]["volumes"][0].split(":")[0]
    config = (ROOT / "deploy" / mounted).read_text()
    assert config == serve_room.render("0.0.0.0:8500", [f"{name}:8501" for name in replicas])
    assert "Configuration file is valid" in serve_room.check(config)  # names it cannot resolve here: no error
    env = compose["services"]["replica1"]["environment"]
    assert (
        "STREAMLIT_SERVER_COOKIE_SECRET" in env and compose["services"]["replica2"] == compose["services"]["replica1"]
    )


def test_the_kubernetes_manifest_keeps_a_browser_on_its_replica():
    docs = {d["kind"]: d for d in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text())}
    assert set(docs) == {"Deployment", "Service", "Ingress"}
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert pod["securityContext"]["runAsNonRoot"] and container["ports"][0]["containerPort"] == 8501
    assert {e["name"] for e in container["env"]} >= {"STREAMLIT_SERVER_COOKIE_SECRET"}
    notes = docs["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # a websocket for a lecture
    selector = docs["Service"]["spec"]["selector"]
    assert selector == docs["Deployment"]["spec"]["selector"]["matchLabels"]


def test_the_dockerfile_follows_streamlits_deployment_conventions():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    assert "FROM python:3.11-slim" in lines and "EXPOSE 8501" in lines
    assert any(line.startswith("USER ") and line != "USER root" for line in lines)
    assert any(line.startswith("HEALTHCHECK") for line in lines)
    assert "/_stcore/health" in "".join(lines)
    torch = next(line for line in lines if line.startswith("RUN") and "torch==" in line)
    assert "torch==2.13.0" in torch and "/whl/cpu" in torch  # the CPU build, as requirements.txt pins it


@needs_haproxy
def test_the_launcher_prints_each_process_and_the_room_answers(launched):
    _, printed, url = launched
    replicas = [words for words in printed if words[0] == "replica"]
    assert [(w[1], w[2], w[4]) for w in replicas] == [("1", "pid", "port"), ("2", "pid", "port")]
    assert any(words[0] == "haproxy" for words in printed)
    assert len({w[5] for w in replicas}) == 2  # each on its own port
    with urllib.request.urlopen(url + "/") as r:  # the page, with the cookie that names a replica
        assert r.status == 200 and re.match(r"MMROOM=r[12];", r.headers["Set-Cookie"])


@needs_haproxy
def test_the_frontends_scripts_leave_the_proxy_gzipped_and_whole(launched):
    """ECharts' code, 1.2 MB from a replica, crosses the room's network gzipped to under 0.65 MB and unpacks to the
    same bytes."""
    _, printed, url = launched
    replica = next(f"http://127.0.0.1:{w[5]}" for w in printed if w[0] == "replica")
    (code,) = (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("EChartsChart.*.js")
    with urllib.request.urlopen(f"{replica}/static/js/{code.name}") as r:
        plain = r.read()
    request = urllib.request.Request(f"{url}/static/js/{code.name}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as r:
        assert r.headers["Content-Encoding"] == "gzip"
        packed = r.read()
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 1.8


@needs_haproxy
def test_an_upload_through_the_proxy_reaches_its_visitors_session(launched):
    """Two visitors the proxy put on different replicas each upload their own list (the page, the websocket and
    the upload's PUT all follow the cookie; XSRF protection is on, as served) and each sees only their own."""
    _, _, url = launched

    async def visit(name: str, words: bytes):
        s = StreamlitSession(url)
        await s.open()
        await s.set("data", string_value="upload")
        await s.upload("upload", name, words)
        return s

    async def two_replicas():
        sessions = {}
        for i in range(6):  # dealt in turn: two visits land on two replicas (a few more allowed, in case)
            s = await visit(f"list{i}.txt", b"\n".join([b"ab", b"abc"] * (i + 1)))
            if s.cookie("MMROOM") in sessions:
                await s.close()
                continue
            sessions[s.cookie("MMROOM")] = (s, i)
            if len(sessions) == 2:
                break
        for s, i in sessions.values():
            assert not s.exceptions
            assert s.metric("words") == str(2 * (i + 1)) and f"list{i}.txt" in s.texts()
            await s.close()
        return set(sessions)

    # in a thread of its own: after the browser tests, Playwright's event loop is running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, two_replicas()).result(timeout=300) == {"r1", "r2"}


@needs_haproxy
def test_sigterm_stops_every_process_the_launcher_started(launched):
    proc, printed, _ = launched
    pids = [int(words[words.index("pid") + 1]) for words in printed if "pid" in words]
    assert len(pids) == 3 and set(pids) <= process_groups()  # two replicas and HAProxy, each its own group
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    assert "room stopped" in proc.stdout.read()
    assert not set(pids) & process_groups()  # nothing left in any group it started: no orphan
