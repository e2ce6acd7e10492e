"""Serve a room: N Streamlit replicas of the dashboard behind HAProxy, with sticky sessions (docs/room.md).

    python scripts/serve_room.py --replicas 2 --port 8500          # http://127.0.0.1:8500, until Ctrl-C
    python scripts/serve_room.py --replicas 4 --port 8500 --host 0.0.0.0   # the room's network
    python scripts/serve_room.py --replicas 2 --print-config --check       # the rendered config, `haproxy -c`'d
    python scripts/serve_room.py --print-config --backends replica1:8501,replica2:8501   # for replicas elsewhere

Each replica is `streamlit run streamlit_app.py`, headless, on a free local port, in its own process group; all
share one cookie secret (the upload's XSRF cookie a replica signed is honoured by the one a visitor moves to).
HAProxy runs in the foreground from deploy/haproxy.cfg with the replicas filled in. One line per process is
printed (`replica I pid PID port PORT`, then `haproxy pid PID port PORT`, then `room URL`); SIGTERM or Ctrl-C
stops every process group it started. A replica that dies is not restarted: HAProxy takes it out of rotation and
its visitors' browsers reconnect to the others.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
START_TIMEOUT_S = 90.0  # a replica imports torch and pandas before it answers: slow on a busy machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(bind: str, backends: list[str]) -> str:
    """deploy/haproxy.cfg with its two blanks filled: where HAProxy listens, and one server line per replica
    (named r1, r2, ...; the name is also its cookie's value).

    >>> cfg = render("127.0.0.1:8500", ["127.0.0.1:9001", "127.0.0.1:9002"])
    >>> [line.strip() for line in cfg.splitlines() if line.strip().startswith(("bind", "server"))]
    ['bind 127.0.0.1:8500', 'server r1 127.0.0.1:9001 check cookie r1', 'server r2 127.0.0.1:9002 check cookie r2']
    """
    servers = [f"    server r{i} {b} check cookie r{i}" for i, b in enumerate(backends, 1)]
    lines = TEMPLATE.read_text().splitlines()
    lines = [line.replace("@BIND@", bind) if line.strip().startswith("bind ") else line for line in lines]
    i = lines.index("@SERVERS@")
    return "\n".join([*lines[:i], *servers, *lines[i + 1 :]]) + "\n"


def haproxy() -> str:
    path = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)
    if path is None:
        raise SystemExit("haproxy is missing: apt-get install haproxy (Debian/Ubuntu)")
    return path


def check(config: str) -> str:
    """`haproxy -c` on a rendered config; returns what it said, raises ValueError if it refused it."""
    with tempfile.NamedTemporaryFile("w", suffix=".cfg") as f:
        f.write(config)
        f.flush()
        r = subprocess.run([haproxy(), "-c", "-f", f.name], check=False, capture_output=True, text=True)
    said = (r.stdout + r.stderr).strip()
    if r.returncode != 0:
        raise ValueError(said)
    return said


@dataclass
class Room:
    """The processes of a running room: `replicas[i]` is (pid, port) of replica i + 1."""

    port: int
    host: str
    replicas: list[tuple[int, int]] = field(default_factory=list)
    haproxy_pid: int = 0
    procs: list[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{'127.0.0.1' if self.host in ('0.0.0.0', '') else self.host}:{self.port}"

    def kill_replica(self, i: int) -> None:
        """Kill replica i (1-based) and its process group at once, as a crash would (tests, failover drills)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.replicas[i - 1][0], signal.SIGKILL)
        self.procs[i - 1].wait()

    def stop(self) -> None:
        """SIGTERM to every process group started, then SIGKILL to any still there after 10 s; each reaped."""
        for p in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in self.procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            with contextlib.suppress(ProcessLookupError):  # anything left in its group (none expected)
                os.killpg(p.pid, signal.SIGKILL)


def wait_until(ready, what: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll `ready()` until it holds; RuntimeError naming `what` and its log if `proc` ends or START_TIMEOUT_S
    passes first."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start: see {log}")
        time.sleep(0.2)


def healthy(url: str) -> bool:
    """Whether a GET of `url` (a server's /_stcore/health) answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def room(replicas: int, port: int, host: str = "127.0.0.1", logs: Path | None = None, say=print):
    """Start a room (N replicas, then HAProxy once they answer); yield the Room; stop everything after."""
    logs = Path(logs or tempfile.mkdtemp(prefix="makemore-room-"))
    logs.mkdir(parents=True, exist_ok=True)
    r = Room(port=port, host=host)
    secret = secrets.token_hex(16)  # one for all: a cookie one replica signed is valid on the others
    try:
        for i in range(1, replicas + 1):
            rport = free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(rport)]
            cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
            env = os.environ | {"STREAMLIT_SERVER_COOKIE_SECRET": secret}  # Streamlit takes it only from here
            with open(logs / f"replica{i}.log", "w") as log:
                p = subprocess.Popen(
                    cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            r.procs.append(p)
            r.replicas.append((p.pid, rport))
            say(f"replica {i} pid {p.pid} port {rport}")
        for i, (_, rport) in enumerate(r.replicas, 1):
            url = f"http://127.0.0.1:{rport}/_stcore/health"
            wait_until(lambda url=url: healthy(url), f"replica {i}", r.procs[i - 1], logs / f"replica{i}.log")
        config = render(f"{host}:{port}", [f"127.0.0.1:{p}" for _, p in r.replicas])
        (logs / "haproxy.cfg").write_text(config)
        with open(logs / "haproxy.log", "w") as log:
            cmd = [haproxy(), "-db", "-f", str(logs / "haproxy.cfg")]
            p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        r.procs.append(p)
        r.haproxy_pid = p.pid
        say(f"haproxy pid {p.pid} port {port}")
        wait_until(lambda: healthy(r.url + "/_stcore/health"), "haproxy", p, logs / "haproxy.log")
        say(f"room {r.url} (logs in {logs})")
        yield r
    finally:
        r.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (about one core each)")
    parser.add_argument("--port", type=int, default=8500, help="the port people open")
    parser.add_argument("--host", default="127.0.0.1", help="where HAProxy listens (0.0.0.0: the room's network)")
    parser.add_argument("--logs", type=Path, help="folder for each process's log and the rendered config")
    parser.add_argument("--print-config", action="store_true", help="print the rendered HAProxy config and exit")
    parser.add_argument("--check", action="store_true", help="with --print-config: also run haproxy -c on it")
    parser.add_argument("--backends", help="with --print-config: replicas as host:port,host:port (not started)")
    args = parser.parse_args()
    if args.print_config:
        backends = (
            args.backends.split(",") if args.backends else [f"127.0.0.1:{8501 + i}" for i in range(args.replicas)]
        )
        config = render(f"{args.host}:{args.port}", backends)
        print(config, end="")
        if args.check:
            print(check(config), file=sys.stderr)
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with room(args.replicas, args.port, args.host, args.logs, say=lambda s: print(s, flush=True)):
            signal.pause()
    except KeyboardInterrupt:
        pass
    print("room stopped", flush=True)


if __name__ == "__main__":
    main()
