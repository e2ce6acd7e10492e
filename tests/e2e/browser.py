"""Browser helpers shared by the e2e tests and scripts/readme_screenshots.py: start the app, drive Chromium,
wait for Streamlit the way its own e2e tests do, read metrics, take screenshots."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", Path(__file__).parent / "screenshots"))
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Counts, in window.__removed, the removals from the page of elements matching a selector (page.evaluate it with
# the selector): a chart updated in place is never removed.
WATCH_REMOVALS = """sel => {
  window.__removed = 0;
  new MutationObserver((ms) => {
    for (const m of ms) for (const n of m.removedNodes)
      if (n.nodeType === 1 && (n.matches(sel) || n.querySelector(sel))) window.__removed++;
  }).observe(document.body, { childList: true, subtree: true });
}"""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class App:
    url: str
    pid: int

    def rss_mb(self) -> float:
        """The server's resident memory now, from /proc (Linux)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (user + system), from /proc (Linux)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextlib.contextmanager
def running_app(log_path: Path, extra_args: list[str] | None = None):
    """`streamlit run streamlit_app.py` on a free loopback port; yields the App (URL, pid), stops it after."""
    port = free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                *(extra_args or []),
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"streamlit did not start: see {log_path}") from None
                    time.sleep(0.3)
            yield App(url, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def new_page(browser, base_url: str, height: int = 1500):
    """A fresh browser context (a new Streamlit session) on the home page; JS dialogs are recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": height})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.base_url = base_url
    goto(pg, "")
    return pg


def settle(pg, timeout: float = 60_000) -> None:
    """Wait until the script has finished its run (the way Streamlit's own e2e tests wait), then for no
    element to be marked stale from the previous run and none still loading its code."""
    pg.wait_for_timeout(150)
    pg.wait_for_selector(IDLE, timeout=timeout)
    pg.wait_for_function("document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=timeout)
    # Streamlit 1.67 loads each kind of element's code on first use and shows a skeleton until it arrives: the
    # script is done then, but the page is not yet there.
    pg.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    # Our components' own code mounts a moment later still (the live panel builds .mm-live, the stage .mm-stage).
    pg.wait_for_function(
        "[...document.querySelectorAll('.st-key-train_live')].every((e) => e.querySelector('.mm-live')) && "
        "[...document.querySelectorAll('.st-key-stage')].every((e) => e.querySelector('.mm-stage'))",
        timeout=timeout,
    )


def goto(pg, path: str) -> None:
    pg.goto(f"{pg.base_url}/{path}")
    pg.wait_for_selector("[data-testid='stApp']", timeout=60_000)
    settle(pg)


def nav(pg, label: str) -> None:
    """Open a page through the sidebar, as a person would."""
    pg.locator("[data-testid='stSidebar'] [data-testid='stSidebarNavLink']").filter(has_text=label).click()
    settle(pg)


def metric(pg, label: str) -> str:
    box = pg.locator("[data-testid='stMetric']").filter(has=pg.locator("[data-testid='stMetricLabel']", has_text=label))
    return box.locator("[data-testid='stMetricValue']").first.inner_text().strip()


def live_stat(pg, label: str, scope: str = ".mm-live") -> str:
    """A number the live training panel shows (its step, loss, data NLL, steps / s), as shown."""
    box = pg.locator(f"{scope} .mm-stat").filter(has=pg.locator(".mm-stat-label", has_text=label))
    return box.locator(".mm-stat-value").first.inner_text().strip()


def live_step(pg, until: int | None = None) -> int:
    """The step the live panel shows (its counter and the last point of its curve); with `until`, once it shows
    that step (a key press reaches the app a moment after the page is idle, and the panel plays a tick's steps out
    over a few frames)."""
    if until is not None:
        pg.wait_for_function(
            "(n) => +(document.querySelector('.mm-live')?.dataset.step ?? -1) === n", arg=until, timeout=30_000
        )
    return int(pg.locator(".mm-live").first.get_attribute("data-step") or 0)


def live_rest(pg) -> tuple[int, str]:
    """The live panel once it rests after a pause: (its step, its loss curve's accessible name), read together.
    After Pause the panel may still be playing out the last tick's steps for a few frames, each moving its step
    and then its name; read one at a time they could disagree. Waits for the two to agree on two looks 100 ms apart."""
    pg.wait_for_function(
        """() => {
          const r = document.querySelector('.mm-live');
          const step = r?.dataset.step, name = r?.querySelector('canvas.mm-loss')?.getAttribute('aria-label') || '';
          const agree = step !== undefined && name.startsWith(`Loss curve, step ${Number(step).toLocaleString('en-US')}:`);
          const rests = agree && window.__mmRestStep === step;
          window.__mmRestStep = agree ? step : null;
          return rests;
        }""",
        polling=100,
        timeout=30_000,
    )
    return pg.evaluate(
        "() => { const r = document.querySelector('.mm-live'); "
        "return [+r.dataset.step, r.querySelector('canvas.mm-loss').getAttribute('aria-label')]; }"
    )


def button(pg, name: str):
    """The button labelled `name`; a button with a keyboard shortcut is named "<label> Shortcut <key>"."""
    return pg.get_by_role("button", name=re.compile(rf"^{re.escape(name)}( Shortcut .+)?$")).first


def click(pg, name: str) -> None:
    button(pg, name).click()
    settle(pg)


def choose_list(pg, label: str) -> None:
    """Pick a word-list source in the sidebar's "Word list" box."""
    pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Word list").click()
    pg.get_by_role("option", name=label, exact=True).click()
    settle(pg)


def upload(pg, name: str, content: bytes) -> None:
    choose_list(pg, "Upload a file")  # the box shows words; the link keeps "upload"
    pg.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": content}]
    )
    pg.wait_for_timeout(500)
    settle(pg)


ECHARTS = "[data-testid='stEChartsChart']"  # the element st.echarts_chart draws into (role="img", its alt)


def chart(pg, key: str):
    """The ECharts chart drawn with this key (Streamlit gives a keyed element the class st-key-<key>), once it has
    drawn its option: a page can be idle (the run over, no skeleton) while a new chart's ECharts is still
    drawing, with no accessible name yet (seen in CI: an empty label just after a click)."""
    drawn = pg.locator(f".st-key-{key} {ECHARTS}[aria-busy='false']:not([aria-label=''])[aria-label]").first
    drawn.wait_for(state="attached", timeout=30_000)
    return pg.locator(f".st-key-{key} {ECHARTS}").first


def chart_label(pg, key: str, until: str | None = None) -> str:
    """A chart's accessible name: its alt text, which says what it shows now (the view, k, the draw...); with
    `until`, once it holds that text (a key press reaches the app a moment after the page is idle)."""
    if until is not None:
        pg.wait_for_function(
            "([sel, text]) => (document.querySelector(sel)?.getAttribute('aria-label') || '').includes(text)",
            arg=[f".st-key-{key} {ECHARTS}", until],
            timeout=30_000,
        )
    return chart(pg, key).get_attribute("aria-label") or ""


# The ECharts instance drawing into an element, found through React's fiber (Streamlit keeps it in a hook of its
# chart component; ECharts' own registry is not on window). For tests only: what a chart holds, where a cell is.
INSTANCE = """(el) => {
  const key = Object.keys(el).find((k) => k.startsWith('__reactFiber'));
  for (let f = el[key]; f; f = f.return)
    for (let h = f.memoizedState; h && typeof h === 'object' && 'next' in h; h = h.next)
      if (h.memoizedState && typeof h.memoizedState.convertToPixel === 'function') return h.memoizedState;
  throw new Error('no ECharts instance');
}"""


def on_chart(pg, key: str, js: str, arg=None):
    """`js`, a function of the chart's ECharts instance (and `arg`), evaluated in the page: e.g.
    "c => c.getOption().title[0].text"."""
    return chart(pg, key).evaluate(f"(el, arg) => ({js})(({INSTANCE})(el), arg)", arg)


def chart_tooltip(pg, key: str, x, y) -> str:
    """Hover the point (x, y) of the chart's first series (a heatmap's cell: its column and row labels), as a
    person would, and read the tooltip ECharts shows."""
    px, py = on_chart(pg, key, "(c, p) => c.convertToPixel({seriesIndex: 0}, p)", [x, y])
    chart(pg, key).hover(position={"x": px, "y": py})
    tip = chart(pg, key).locator("xpath=./div[contains(@style, 'z-index: 9999999')]")
    tip.wait_for(state="visible", timeout=10_000)
    return tip.inner_text().strip()


def sampled_word(pg, until: str | None = None) -> str:
    """The word so far (or the last word) the Sampling page shows beside its chart; with `until`, once it is
    that word."""
    word = pg.locator(".st-key-sample_word [data-testid='stText']").first
    if until is not None:
        word.filter(has_text=until).wait_for(timeout=30_000)
    return word.inner_text().strip()


def no_exception(pg) -> None:
    """No Python exception on the page, none in our components' JavaScript (Streamlit shows those as an alert
    inside the component) nor in an ECharts option, every canvas of ours shown drawn and every chart given its
    option and named."""
    assert pg.locator("[data-testid='stException']").count() == 0, pg.locator(
        "[data-testid='stException']"
    ).first.inner_text()
    broken = pg.locator(".stBidiComponent [data-testid='stAlertContainer'], [data-testid='stEChartsChartError']")
    assert broken.count() == 0, broken.first.inner_text()
    undrawn = pg.locator(".mm-chart:not([data-drawn='1']):visible")  # a net with no V×V picture hides its panes
    assert undrawn.count() == 0, f"{undrawn.count()} canvas(es) not drawn"
    pg.wait_for_function(
        f"[...document.querySelectorAll({ECHARTS!r})].every(c => c.getAttribute('aria-busy') === 'false' && "
        "c.getAttribute('aria-label'))",
        timeout=30_000,
    )


def shoot(pg, name: str) -> Path:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the window grows to fit."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.mouse.move(0, 0)  # no tooltip in the picture
    size = pg.viewport_size
    height = pg.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main')].map(e => e.scrollHeight), 0)"
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(int(height), size["height"]), 4000)})
    pg.wait_for_timeout(700)  # let the charts redraw at the new size
    pg.screenshot(path=str(path))
    pg.set_viewport_size(size)
    return path
