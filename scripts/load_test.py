"""Many users at once: N concurrent sessions against one server on loopback (run by hand, not in CI).

    python scripts/load_test.py                            # 20 sessions over Streamlit's own protocol, 60 s each
    python scripts/load_test.py --client browser --sessions 5 --seconds 20   # real Chromium contexts
    python scripts/load_test.py --room 2 --sessions 100 --seconds 30         # a room: 2 replicas behind HAProxy
    python scripts/load_test.py --url http://127.0.0.1:8500                   # a server or room already running

Each session uploads its own small word list (a different size and file name per session), samples words, trains
live for the given time while changing the learning rate, then checks that it still sees only its own dataset and
model. Reported: errors (exceptions, failed steps), isolation, rerun latency (request to the script finishing,
p50/p95), and the server's memory (peak and final RSS). Through a room (`--room N`, started with
scripts/serve_room.py, XSRF protection on as served): the sessions each replica held (by the proxy's cookie), each
replica's RSS idle and at its peak, and the memory per session ((peak - idle) / sessions on that replica).

Two clients. `protocol` speaks Streamlit's websocket protocol directly (what the browser sends: reruns with widget
states, file uploads, the fragment's timed reruns), so twenty sessions cost the machine what twenty visitors
would cost the server. `browser` drives real Chromium contexts; on two cores, twenty of them starve the server
of CPU, which measures the load generator more than the app.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser as b
from playwright.async_api import async_playwright

IDLE = b.IDLE


def word_list(i: int) -> tuple[str, bytes, int]:
    """Session i's own list: 40 + i words over its own letters, so its vocabulary and count are unique."""
    rng = random.Random(i)
    letters = "abcdefghijklmnopqrstuvwxyz"[i % 10 : i % 10 + 12]
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(40 + i)]
    return f"user{i:02d}.txt", "\n".join(words).encode(), len(words)


async def settle(page, timeout: float = 120_000) -> None:
    await page.wait_for_timeout(150)
    await page.wait_for_selector(IDLE, timeout=timeout)
    await page.wait_for_function("document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=timeout)


async def timed_click(page, name: str, latencies: list[float]) -> None:
    start = time.perf_counter()
    await page.get_by_role("button", name=re.compile(rf"^{re.escape(name)}( Shortcut .+)?$")).first.click()
    await settle(page)
    latencies.append(time.perf_counter() - start)


async def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=label)
    )
    return (await box.locator("[data-testid='stMetricValue']").first.inner_text()).strip()


async def nav(page, label: str, latencies: list[float]) -> None:
    start = time.perf_counter()
    await page.locator("[data-testid='stSidebar'] [data-testid='stSidebarNavLink']").filter(has_text=label).click()
    await settle(page)
    latencies.append(time.perf_counter() - start)


async def session(i: int, chromium, url: str, seconds: float, report: dict) -> None:
    name, content, n_words = word_list(i)
    lat: list[float] = report["latencies"]
    errors: list[str] = report["errors"]
    context = await chromium.new_context(viewport={"width": 1200, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(url)
        await settle(page)
        await page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Word list").click()
        await page.get_by_role("option", name="upload", exact=True).click()
        await settle(page)
        await page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": "text/plain", "buffer": content}]
        )
        await page.wait_for_timeout(500)
        await settle(page)
        if await metric(page, "words") != str(n_words):
            errors.append(f"session {i}: upload shows {await metric(page, 'words')} words, not {n_words}")
        await nav(page, "Sampling", lat)
        for _ in range(5):
            await timed_click(page, "Finish this word", lat)
        await nav(page, "Neural training", lat)
        await timed_click(page, "Start", lat)
        end = time.perf_counter() + seconds
        lr_values = ["50", "20", "80"]
        while time.perf_counter() < end:
            await page.wait_for_timeout(5000)
            box = page.get_by_label("Learning rate")
            await box.fill(lr_values[int(time.perf_counter()) % 3])
            start = time.perf_counter()
            await box.press("Enter")
            await settle(page)
            lat.append(time.perf_counter() - start)
        await timed_click(page, "Pause", lat)
        steps = int(await page.locator(".mm-live").first.get_attribute("data-step") or 0)
        report["steps"].append(steps)
        if steps == 0:
            errors.append(f"session {i}: training never advanced")
        await nav(page, "Dataset", lat)
        shown = await page.locator("[data-testid='stSidebar']").inner_text()
        words_now = await metric(page, "words")
        if name not in shown or words_now != str(n_words):
            report["isolation"].append(f"session {i}: sees {words_now} words / sidebar {shown[:80]!r}")
        exceptions = await page.locator("[data-testid='stException']").count()
        if exceptions:
            errors.append(f"session {i}: {exceptions} exception(s) on the page")
    except Exception as e:  # noqa: BLE001 (a load test reports what broke, session by session)
        errors.append(f"session {i}: {type(e).__name__}: {str(e).splitlines()[0][:160]}")
    finally:
        await context.close()


HOSTILE_LINKS = (  # issue 17: links whose `?steps=` replays training (the tab kept open a few seconds, then closed)
    "/Neural_training?order=10&net=concat&steps=100000",
    "/Neural_training?order=5&steps=100000",
)


async def hostile_session(url: str, report: dict) -> None:
    """The visitors issues 13 and 17 describe, one after another while the others train: a thousand words of a
    thousand distinct characters (V = 1,001) with Compare opened twice; links that replay 100,000 steps, each tab
    closed after 5 s; the issue's CJK list (42,000 two-character words over 1,000 characters, ~294 KB) at order 3
    on Bigram counts, Neural training and Compare (tables the server's memory budget must refuse or pay for). Its
    own latencies are kept apart from everyone else's; what it was told is reported."""
    from hostile_bench import cjk_list
    from protocol_client import StreamlitSession

    said: list[str] = report["hostile_said"]

    async def visit(s: StreamlitSession, what: str, work) -> None:
        try:
            await s.open()
            await work(s)
            if s.exceptions:
                report["errors"].append(f"hostile {what}: {s.exceptions[0][:120]}")
        except Exception as e:  # noqa: BLE001
            report["errors"].append(f"hostile {what}: {type(e).__name__}: {str(e)[:160]}")
        finally:
            await s.close()

    async def wide(s: StreamlitSession) -> None:
        await asyncio.sleep(10)  # the others are training by now
        await s.set("data", string_value="upload")
        await s.upload("upload", "wide.txt", "\n".join(chr(0x100 + i) * 3 for i in range(1000)).encode())
        for _ in range(2):
            report["hostile"].append(await s.page("Compare"))

    await visit(StreamlitSession(url), "V = 1,001", wide)

    for link in HOSTILE_LINKS:
        path, _, query = link.lstrip("/").partition("?")

        async def replay(s: StreamlitSession, link: str = link) -> None:
            await s.run_fragments(5.0)
            said.append(f"{link}, tab closed after 5 s: {'; '.join(s.progress() or s.alerts()) or '(nothing)'}")

        await visit(StreamlitSession(url, path, query), link, replay)

    async def cjk(s: StreamlitSession) -> None:
        await s.set("data", string_value="upload")
        start = time.perf_counter()
        await s.upload("upload", "cjk.txt", cjk_list())
        report["hostile"].append(time.perf_counter() - start)
        for name in ("Bigram counts", "Neural training", "Compare"):
            s.exceptions.clear()
            report["hostile"].append(await s.page(name))
            said.append(f"CJK list at order 3, {name}: {'; '.join(s.alerts()) or '(no message)'}")

    await visit(StreamlitSession(url, "", "order=3"), "CJK list", cjk)


def watch_memory(app: b.App, samples: list[float], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            samples.append(app.rss_mb())
        except OSError:
            return
        stop.wait(1.0)


async def warm(url: str, replicas: int) -> None:
    """One visit to each replica of a room (its cookie set by hand), closed when its first page is drawn."""
    from protocol_client import StreamlitSession

    for i in range(1, replicas + 1):
        s = StreamlitSession(url, cookies={"MMROOM": f"r{i}"})
        await s.open()
        await s.close()


@contextlib.contextmanager
def target(client: str, url: str | None, replicas: int):
    """The servers under test: (URL to open, the App of each server process whose memory is watched)."""
    if url:
        yield url, []
    elif replicas:
        from serve_room import room

        with room(replicas, b.free_port(), logs=Path("/tmp/load_test_room"), say=lambda _: None) as r:
            yield r.url, [b.App(r.url, pid) for pid, _ in r.replicas]
    else:
        extra = ["--server.enableXsrfProtection", "false"] if client == "protocol" else []
        with b.running_app(Path("/tmp/load_test_server.log"), extra) as app:
            yield app.url, [app]


async def run(
    sessions: int, seconds: float, client: str, hostile: bool = False, url: str | None = None, replicas: int = 0
) -> dict:
    report: dict = {"latencies": [], "errors": [], "isolation": [], "steps": [], "hostile": [], "hostile_said": []}
    report["replica_of"] = {}  # session -> the replica the proxy's cookie names
    with target(client, url, replicas) as (base, servers):
        if replicas:  # each replica warmed by one visit (the app's imports, the built-in list), as after a first
            await warm(base, replicas)  # visitor: memory per session is measured from there
        report["rss_idle_mb"] = [s.rss_mb() for s in servers]
        cpu_start = [s.cpu_seconds() for s in servers]
        samples: list[float] = []
        stop = threading.Event()
        watchers = [threading.Thread(target=watch_memory, args=(s, samples, stop), daemon=True) for s in servers]
        for w in watchers:
            w.start()
        start = time.perf_counter()
        if client == "protocol":
            from protocol_client import protocol_session

            visitors = [protocol_session(i, base, seconds, report, word_list) for i in range(sessions)]
            if hostile:
                visitors.append(hostile_session(base, report))
            await asyncio.gather(*visitors)
        else:
            async with async_playwright() as p:
                chromium = await p.chromium.launch(executable_path=b.chromium_path(), args=b.CHROMIUM_ARGS)
                await asyncio.gather(*(session(i, chromium, base, seconds, report) for i in range(sessions)))
                await chromium.close()
        report["wall_s"] = time.perf_counter() - start
        report["cpu_s"] = [s.cpu_seconds() - c for s, c in zip(servers, cpu_start, strict=True)]
        report["rss_final_mb"] = [s.rss_mb() for s in servers]
        report["rss_peak_mb"] = [s.peak_rss_mb() for s in servers]
        stop.set()
        report["rss_samples"] = samples
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0, help="live training time per session")
    parser.add_argument("--client", choices=("protocol", "browser"), default="protocol")
    parser.add_argument("--url", help="a server or room already running (its memory is not watched)")
    parser.add_argument("--room", type=int, default=0, metavar="N", help="start a room of N replicas behind HAProxy")
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="add one hostile visitor: a V = 1,001 list on Compare, replay links closed after 5 s, the CJK list at order 3",
    )
    args = parser.parse_args()
    hostile = args.hostile and args.client == "protocol"
    r = asyncio.run(run(args.sessions, args.seconds, args.client, hostile, args.url, args.room))
    lat = sorted(r["latencies"])
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")
    print(
        f"{args.client} client, sessions: {args.sessions}, training {args.seconds:.0f} s each, wall {r['wall_s']:.0f} s"
    )
    print(f"errors: {len(r['errors'])}")
    for e in r["errors"]:
        print("  ", e)
    print(f"isolation failures: {len(r['isolation'])}")
    for e in r["isolation"]:
        print("  ", e)
    if lat:
        print(
            f"rerun latency over {len(lat)} actions: p50 {statistics.median(lat):.2f} s, p95 {p95:.2f} s, "
            f"max {lat[-1]:.2f} s"
        )
    if r["steps"]:
        print(f"training steps per session: min {min(r['steps']):,}, median {statistics.median(r['steps']):,.0f}")
    if r["hostile"]:
        print(
            f"hostile visitor's own runs (Compare twice at V = 1,001, the CJK upload and its three pages): "
            f"{', '.join(f'{x:.2f} s' for x in r['hostile'])}"
        )
    for line in r["hostile_said"]:
        told = re.sub(r"\\(.)", r"\1", line)  # as the visitor reads it: the app escapes Markdown in what it says
        print(f"  hostile visitor was told: {told}")
    where = collections.Counter(r["replica_of"].values())
    if where:
        print("sessions per replica (the proxy's cookie): " + ", ".join(f"{k} {v}" for k, v in sorted(where.items())))
    for i, (idle, peak, final) in enumerate(zip(r["rss_idle_mb"], r["rss_peak_mb"], r["rss_final_mb"], strict=True)):
        held = where.get(f"r{i + 1}", 0) if where else args.sessions
        per = f", {(peak - idle) / held:.1f} MB per session ({held})" if held else ""
        name = f"replica r{i + 1}" if args.room else "server"
        print(f"{name} RSS: idle {idle:.0f} MB, peak {peak:.0f} MB, final {final:.0f} MB{per}")
    if r["cpu_s"]:  # what the machine's other work does not change much: the servers' own CPU per session
        cpu = sum(r["cpu_s"])
        print(
            f"servers' CPU: {cpu:.0f} s over {r['wall_s']:.0f} s wall ({cpu / r['wall_s']:.2f} cores busy), "
            f"{cpu / r['wall_s'] / args.sessions:.3f} cores per session"
        )
    sys.exit(1 if r["errors"] or r["isolation"] else 0)


if __name__ == "__main__":
    main()
