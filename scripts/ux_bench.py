"""How live the dashboard feels in a real browser ("Live feel"): click-to-feedback latency, fresh page loads, and
what the live training view looks like while it runs. Run by hand, not in CI.

    python scripts/ux_bench.py                                   # this repo's app, default trials (~6 min on 2 cores)
    python scripts/ux_bench.py --app-dir /tmp/before --json /tmp/ux_before.json
    python scripts/ux_bench.py --only counts_k,sampling --trials 5

Measures (each over repeated trials; median, p95 and n are printed as one Markdown table):
  load        fresh context per trial: navigation start to idle with every chart drawn, for every page; rounds
              stop early once they have taken --load-budget s (a cold Plotly load is 5-20 s on a busy 2-core box)
  load_cached the same loads by a returning visitor: one browser that has opened the home page, each page in a
              new tab (ECharts' 1.2 MB of code is then in the browser's cache, as Streamlit serves it immutable)
  counts_k    Bigram counts, ArrowRight/Left on the smoothing-k slider: to the NLL metric changing, to the heatmap's
              first mutation, and the gap between the two
  counts_view Bigram counts, click each "Show" option: to the heatmap redrawn, and to redrawn and idle
  sampling    Sampling, "Next character": the first click of a fresh session (measured in load's sessions when
              load runs too), and later clicks in one session
  training    Neural training, Start / Pause / Reset / Step: to the buttons or the step showing the new state
  mlp         Neural training with makemore part 2's MLP: Start / Pause / Reset / Step, the learning-rate finder,
              one live window (loss-chart removals and updates, steps/s)
  live        --seconds of live training, 3 times: loss-chart removals, loss and W updates per second, frames with
              no loss chart, W heatmap's step vs the displayed step, displayed steps/s vs the true rate, long tasks
Requests to any host other than the app's are recorded throughout (the app should work offline).

Clicks are timed in page time: a capture-phase pointerdown/keydown listener records t0, a predicate polled every
animation frame records t1 the first time it holds. Charts are read wherever an app has them: Streamlit's ECharts
charts through their element (`[data-testid="stEChartsChart"]`: aria-busy="false" once it has drawn its option;
ECharts sets its aria-label as it draws each option, so that attribute's mutation is a redraw), our canvases through
`.mm-chart` (`data-drawn="1"` once drawn) and `.mm-live` (data-step, data-draws, data-wdraws, data-wstep,
data-rate), an older app's through its Plotly charts. Chart updates are counted at most once per animation frame;
"busy" is the sum of all long tasks (> 50 ms) over the window.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import re
import statistics
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT))

import browser as b
from playwright.sync_api import sync_playwright

from makemore.app import pages

PAGES = [p.url for p in pages.PAGES]  # every page's address, in the menu's order
K_LABEL = "Smoothing k (counts model)"
HEATMAP = ".st-key-counts_heatmap"
SAMPLE_CHART = f".st-key-sample_dist {b.ECHARTS}"  # the sampling page's distribution, where it is an ECharts chart
# The targets (p95): a click on Next character within 300 ms; k, the view, Step, Pause, Reset within 400 ms.
CLICK = "p95 ≤ 400 ms"
NEXT = "p95 ≤ 300 ms"

# Installed in every document before the app's own scripts (add_init_script), so it survives navigations.
INIT_JS = r"""
(() => {
  if (window.__ux) return;
  const ux = (window.__ux = { t0: null, t1: null, watches: {}, roots: [], mo: null });
  const mark = () => { if (ux.t0 === null) ux.t0 = performance.now(); };
  addEventListener('pointerdown', mark, true);
  addEventListener('keydown', mark, true);
  // Custom components may live in shadow roots (even closed ones): remember them so queries and the observer reach in.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const r = attach.call(this, init);
    ux.roots.push(r);
    if (ux.mo) ux.mo.observe(r, OPTS);
    return r;
  };
  const OPTS = { subtree: true, childList: true, attributes: true, characterData: true };
  const doc = (f) => { try { return f.contentDocument; } catch (e) { return null; } };  // cross-origin: not ours
  const frames = () => [...document.querySelectorAll('iframe')].map(doc).filter(Boolean);
  const scopes = () => [document, ...ux.roots.filter((r) => r.host.isConnected), ...frames()];
  ux.qa = (sel) => scopes().flatMap((s) => [...s.querySelectorAll(sel)]);
  ux.q = (sel) => ux.qa(sel)[0] || null;
  const closest = (el, sel) => { for (; el; el = el.getRootNode().host) if (el.closest(sel)) return el.closest(sel); };
  const holds = (n, sel) =>
    n.nodeType === 1 &&
    (n.matches(sel) || !!n.querySelector(sel) ||
     ux.roots.some((r) => (r.host === n || n.contains(r.host)) && r.querySelector(sel)));
  ux.num = (s) => {
    const v = s == null ? NaN : parseFloat(String(s).replace(/[,\s]/g, ''));
    return Number.isFinite(v) ? v : null;
  };
  // a number as shown: an st.metric, or one our components draw (.mm-stat, e.g. the counts page's NLL)
  ux.metric = (label) => {
    const m = ux.qa('[data-testid="stMetric"]').find(
      (m) => m.querySelector('[data-testid="stMetricLabel"]')?.textContent.trim() === label);
    if (m) return m.querySelector('[data-testid="stMetricValue"]')?.textContent.trim() ?? null;
    const c = ux.qa('.mm-stat').find((c) => c.querySelector('.mm-stat-label')?.textContent.trim() === label);
    return c?.querySelector('.mm-stat-value')?.textContent.trim() ?? null;
  };
  ux.attr = (sel, a) => ux.q(sel)?.getAttribute(a) ?? null;
  ux.live = () => !!ux.q('.mm-live');
  ux.currentStep = () => ux.num(ux.attr('.mm-live[data-step]', 'data-step') ?? ux.metric('step'));
  ux.wStep = () => {
    if (ux.live()) return ux.num(ux.attr('.mm-live[data-wstep]', 'data-wstep'));
    return ux.num(ux.q('.st-key-train_W .gtitle')?.textContent.match(/step\s+([\d,]+)/)?.[1]);
  };
  ux.rate = () => ux.num(ux.live() ? ux.attr('.mm-live', 'data-rate') : ux.metric('steps / s'));
  // idle: the run is over, nothing is stale, and no element is still loading its code (Streamlit's skeleton)
  ux.idle = () => !!document.querySelector(IDLE) && !document.querySelector('[data-stale="true"]') &&
    !document.querySelector('[data-testid="stSkeleton"]');
  ux.enabled = (name) => ux.qa('button').some((e) => e.textContent.trim() === name && !e.disabled);
  // the word so far: the text beside the sampling chart, else our sampling canvas's, else an st.code element
  ux.code = () => ux.q('.st-key-sample_word [data-testid="stText"]')?.textContent ??
    ux.q('.mm-sampling')?.dataset.word ?? ux.q('[data-testid="stCode"]')?.textContent ?? null;
  ux.chartsDrawn = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
    if (main.querySelector('[data-testid="stSkeleton"]')) return false;  // a chart still loading its library
    return [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].every((c) => c.querySelector('.main-svg')) &&
      [...main.querySelectorAll(ECHARTS)].every((c) => c.getAttribute('aria-busy') === 'false') &&
      ux.qa('.mm-chart').every((c) => c.offsetParent === null || c.getAttribute('data-drawn') === '1');  // shown ones
  };
  // Watches: one observer over the document. A change counts as a redraw of `sel` if it happens inside a drawn
  // chart there (an ECharts element, whose aria-label ECharts sets as it draws; Plotly's svg; a canvas of ours), not
  // on the wrappers Streamlit restyles every rerun (data-stale).
  const CHART = `${ECHARTS}, .main-svg, .mm-chart, canvas`;
  const onMutations = (ms) => {
    const now = performance.now();
    for (const w of Object.values(ux.watches)) {
      for (const m of ms) {
        // A Plotly redraw is thousands of mutations: stop looking once this batch has told us what we need.
        if (!w.dirty || (ux.t0 !== null && w.first === null)) {
          const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
          const added = [...m.addedNodes];
          const drawn =
            (el && closest(el, w.sel) && (closest(el, CHART) || added.some((n) => holds(n, CHART)))) ||
            added.some((n) => holds(n, w.sel) && holds(n, CHART));
          if (drawn) {
            w.dirty = true;
            if (ux.t0 !== null && w.first === null) w.first = now;
          }
        }
        if (w.rsel && !w.removed && [...m.removedNodes].some((n) => holds(n, w.rsel))) w.removed = true;
      }
    }
  };
  ux.watch = (name, sel, rsel) => {
    ux.watches[name] = { sel, rsel, first: null, dirty: false, removed: false };
    if (!ux.mo) {
      ux.mo = new MutationObserver(onMutations);
      for (const s of [document, ...ux.roots]) ux.mo.observe(s, OPTS);
    }
  };
  ux.unwatch = () => { ux.watches = {}; if (ux.mo) ux.mo.disconnect(); ux.mo = null; };
  // arm(pred): from the next pointerdown/keydown on, test pred every animation frame; t1 = first frame it holds.
  ux.arm = (pred, t0 = null) => {
    ux.t0 = t0; ux.t1 = null;
    const tick = () => {
      if (ux.t1 !== null) return;
      let ok = false;
      try { ok = ux.t0 !== null && pred(); } catch (e) {}
      if (ok) ux.t1 = performance.now(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  // Live training: sample every frame (blank, redraws, removals), every 200 ms (steps) and 500 ms (rate).
  ux.liveStart = () => {
    const live = ux.live();
    const s = (ux.s = { live, t0: performance.now(), frames: 0, blank: 0, ups: 0, wups: 0, removals: 0,
      agree: [], rates: [], longs: [], step0: ux.currentStep(),
      draws0: ux.num(ux.attr('.mm-live', 'data-draws')), wdraws0: ux.num(ux.attr('.mm-live', 'data-wdraws')) });
    ux.watch('loss', '.st-key-train_loss', '.st-key-train_loss, .st-key-train_loss [data-testid="stPlotlyChart"], ' +
      '.mm-live, .mm-chart');
    ux.watch('W', '.st-key-train_W');
    const frame = () => {
      if (ux.s !== s) return;  // stopped
      s.frames++;
      if (!(live ? ux.q('.mm-live .mm-chart[data-drawn="1"]') : ux.q('.st-key-train_loss .main-svg'))) s.blank++;
      const [l, w] = [ux.watches.loss, ux.watches.W];
      if (l.dirty) s.ups++;
      if (w.dirty) s.wups++;
      if (l.removed) s.removals++;
      l.dirty = w.dirty = l.removed = false;  // at most one of each per frame
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    s.timers = [
      setInterval(() => s.agree.push([ux.currentStep(), ux.wStep()]), 200),
      setInterval(() => s.rates.push(ux.rate()), 500),
    ];
    s.po = new PerformanceObserver((list) => { for (const e of list.getEntries()) s.longs.push(e.duration); });
    s.po.observe({ type: 'longtask' });
  };
  ux.liveStop = () => {
    const { timers, po, ...s } = ux.s;
    ux.s = null;
    timers.forEach(clearInterval);
    po.disconnect();
    ux.unwatch();
    Object.assign(s, { elapsed: performance.now() - s.t0, step1: ux.currentStep() });
    if (s.live) {  // the new app counts its own draws
      s.ups = ux.num(ux.attr('.mm-live', 'data-draws')) - s.draws0;
      s.wups = ux.num(ux.attr('.mm-live', 'data-wdraws')) - s.wdraws0;
    }
    return s;
  };
})();
""".replace("IDLE", json.dumps(b.IDLE)).replace("ECHARTS", json.dumps(b.ECHARTS))


def _button(pg, name: str):
    """A button by its label (one with a keyboard shortcut is named "<label> Shortcut <key>")."""
    return pg.get_by_role("button", name=re.compile(rf"^{re.escape(name)}( Shortcut .+)?$")).first


@contextlib.contextmanager
def running_app(app_dir: Path, log: Path):
    """browser.running_app, serving the app in app_dir: it starts the server with cwd = browser.ROOT, read when
    called, so point ROOT there only while the server starts."""
    saved, b.ROOT = b.ROOT, app_dir
    try:
        with b.running_app(log) as app:
            b.ROOT = saved
            yield app
    finally:
        b.ROOT = saved


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: with n = 5, p95 is the worst trial)."""
    s = sorted(xs)
    return s[max(0, math.ceil(q * len(s)) - 1)]


class Bench:
    def __init__(self, browser, url: str, args):
        self.browser, self.url, self.args = browser, url, args
        self.host = urlparse(url).hostname
        self.results: dict[str, dict] = {}
        self.external: list[str] = []
        self.sessions: dict[str, object] = {}  # path -> page, shared by the measures on that page

    def record(self, measure: str, values: list[float], unit: str, target: str) -> None:
        values = [v for v in values if v is not None and math.isfinite(v)]
        row = self.results.setdefault(measure, {"unit": unit, "target": target, "values": []})
        row["values"].extend(values)

    def _request(self, url: str) -> None:
        u = urlparse(url)
        if u.scheme in ("http", "https", "ws", "wss") and u.hostname not in (self.host, "127.0.0.1", "localhost"):
            self.external.append(url)

    def context(self):
        ctx = self.browser.new_context(viewport={"width": 1400, "height": 1500})
        ctx.add_init_script(INIT_JS)
        ctx.on("request", lambda r: self._request(r.url))
        ctx.on("page", lambda p: p.on("websocket", lambda ws: self._request(ws.url)))
        return ctx

    def page(self, path: str):
        """A fresh session on `path`, settled, with every chart drawn."""
        ctx = self.context()
        pg = ctx.new_page()
        pg.base_url = self.url
        b.goto(pg, path)
        pg.wait_for_function("__ux.chartsDrawn()", polling="raf", timeout=60_000)
        return pg

    def session(self, path: str):
        """One session per page for the click measures: a page load costs ~10 s on a busy two-core machine."""
        if path not in self.sessions:
            self.sessions[path] = self.page(path)
        return self.sessions[path]

    def close_sessions(self) -> None:
        for pg in self.sessions.values():
            pg.context.close()
        self.sessions.clear()

    def timed(self, pg, action, until: str, arg=None, timeout: float = 60_000) -> float:
        """ms from the action's pointerdown/keydown to the first animation frame where `until` holds (JS, `arg`)."""
        pg.evaluate(f"(arg) => __ux.arm(() => ({until}))", arg)
        action()
        pg.wait_for_function("__ux.t1 !== null", polling="raf", timeout=timeout)
        return pg.evaluate("__ux.t1 - __ux.t0")

    # -- measures ----------------------------------------------------------------------------------------------

    def load(self) -> None:
        started = time.time()
        for i in range(self.args.load_trials):
            if i >= 2 and time.time() - started > self.args.load_budget:
                print(f"  load: stopping after {i} rounds (--load-budget {self.args.load_budget:g} s)")
                break
            for path in PAGES:
                ctx = self.context()
                try:
                    pg = ctx.new_page()
                    pg.goto(f"{self.url}/{path}", wait_until="commit")
                    pg.evaluate("__ux.arm(() => __ux.idle() && __ux.chartsDrawn(), 0)")  # t0 = navigation start
                    pg.wait_for_function("__ux.t1 !== null", polling="raf", timeout=90_000)
                    self.record(f"fresh load: /{path}", [pg.evaluate("__ux.t1")], "ms", "median ≤ 3000 ms")
                    if path == "Sampling":  # a fresh session, idle and drawn: its first click is measured here
                        self.first_click(pg)
                finally:
                    ctx.close()
            print(f"  load trial {i + 1}: done", flush=True)

    def load_cached(self) -> None:
        """A returning visitor: one browser (one context, its HTTP and code caches) that has opened the home page
        once, then opens each page in a new tab (a new session), timed as `load` times a fresh one."""
        ctx = self.context()
        try:
            first = ctx.new_page()
            first.base_url = self.url
            b.goto(first, "")
            first.wait_for_function("__ux.chartsDrawn()", polling="raf", timeout=60_000)
            first.close()
            for i in range(self.args.load_trials):
                for path in PAGES:
                    pg = ctx.new_page()
                    try:
                        pg.goto(f"{self.url}/{path}", wait_until="commit")
                        pg.evaluate("__ux.arm(() => __ux.idle() && __ux.chartsDrawn(), 0)")
                        pg.wait_for_function("__ux.t1 !== null", polling="raf", timeout=90_000)
                        self.record(f"cached load: /{path}", [pg.evaluate("__ux.t1")], "ms", "median ≤ 3000 ms")
                    finally:
                        pg.close()
                print(f"  cached load trial {i + 1}: done", flush=True)
        finally:
            ctx.close()

    def counts_k(self) -> None:
        pg = self.session("Bigram_counts")
        pg.get_by_label(K_LABEL).locator("input[type='range']").first.focus()
        for i in range(self.args.trials):
            old = pg.evaluate("__ux.metric('mean NLL (the loss)')")
            pg.evaluate(f"__ux.watch('heat', {json.dumps(HEATMAP)})")
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"  # k steps back and forth, never off the end
            nll = self.timed(pg, lambda k=key: pg.keyboard.press(k), "__ux.metric('mean NLL (the loss)') !== arg", old)
            pg.wait_for_function("__ux.watches.heat.first !== null", polling="raf", timeout=60_000)
            heat = pg.evaluate("__ux.watches.heat.first - __ux.t0")
            pg.evaluate("__ux.unwatch()")
            self.record("counts k → NLL text changed", [nll], "ms", CLICK)
            self.record("counts k → heatmap redrawn", [heat], "ms", CLICK)
            self.record("counts k → gap heatmap vs NLL", [abs(heat - nll)], "ms", "≈ 0 (same frame)")
            b.settle(pg)

    def counts_view(self) -> None:
        pg = self.session("Bigram_counts")
        radio = pg.locator("[data-testid='stRadio']").filter(has_text="Show")
        views = ["probabilities", "log-probabilities", "counts"]
        for i in range(self.args.trials):
            label = radio.get_by_text(views[i % 3], exact=True)
            pg.evaluate(f"__ux.watch('heat', {json.dumps(HEATMAP)})")
            done = self.timed(pg, label.click, "__ux.watches.heat.first !== null && __ux.idle()")
            heat = pg.evaluate("__ux.watches.heat.first - __ux.t0")
            pg.evaluate("__ux.unwatch()")
            self.record("counts view → heatmap redrawn", [heat], "ms", CLICK)
            self.record("counts view → redrawn and idle", [done], "ms", CLICK)
            b.settle(pg)

    # the word so far changed and the app is idle
    # the word so far changed, the distribution's chart (where it is an ECharts chart) drew the draw, and idle
    NEXT_DONE = (
        "__ux.code() !== null && __ux.code() !== arg.word && "
        "(arg.chart === null || __ux.attr(SAMPLE_CHART, 'aria-label') !== arg.chart) && __ux.idle()"
    ).replace("SAMPLE_CHART", json.dumps(SAMPLE_CHART))
    NOW = "({word: __ux.code(), chart: __ux.attr(SAMPLE_CHART, 'aria-label')})".replace(
        "SAMPLE_CHART", json.dumps(SAMPLE_CHART)
    )

    def first_click(self, pg) -> None:
        button = _button(pg, "Next character")
        ms = self.timed(pg, button.click, self.NEXT_DONE, pg.evaluate(self.NOW))
        self.record("Next character, first of a session", [ms], "ms", NEXT)

    def sampling(self) -> None:
        if "load" not in self.args.measures:  # otherwise load() measured the first clicks already
            for _ in range(self.args.load_trials):
                pg = self.page("Sampling")
                try:
                    self.first_click(pg)
                finally:
                    pg.context.close()
        pg = self.session("Sampling")
        button = _button(pg, "Next character")
        b.click(pg, "Next character")  # not a later click if this session is new
        for _ in range(self.args.trials):
            ms = self.timed(pg, button.click, self.NEXT_DONE, pg.evaluate(self.NOW))
            self.record("Next character, later clicks", [ms], "ms", NEXT)
            b.settle(pg)

    def training(self) -> None:
        self.training_clicks("Neural_training", "training")

    def training_clicks(self, path: str, name: str):
        """Start / Pause / Reset / Step on a training page, --trials times each, recorded under `name`; the page."""
        pg = self.session(path)
        btn = {n: _button(pg, n) for n in ("Start", "Pause", "Reset", "Step")}
        for _ in range(self.args.trials):
            ms = self.timed(pg, btn["Start"].click, "__ux.enabled('Pause')")
            self.record(f"{name} Start → Pause enabled", [ms], "ms", CLICK)
            pg.wait_for_timeout(500)  # let it train a little so that Reset has a step to undo
            ms = self.timed(pg, btn["Pause"].click, "__ux.enabled('Start') && __ux.idle()")
            self.record(f"{name} Pause → Start enabled, idle", [ms], "ms", CLICK)
            b.settle(pg)
            ms = self.timed(pg, btn["Reset"].click, "__ux.currentStep() === 0 && __ux.idle()")
            self.record(f"{name} Reset → step 0, idle", [ms], "ms", CLICK)
            b.settle(pg)
            old = pg.evaluate("__ux.currentStep()")
            ms = self.timed(pg, btn["Step"].click, "__ux.currentStep() !== arg && __ux.idle()", old)
            self.record(f"{name} Step → step shown, idle", [ms], "ms", CLICK)
            b.settle(pg)
        return pg

    def mlp(self) -> None:
        """makemore part 2's MLP on Neural training: the same clicks, the finder, and a live window."""
        pg = self.training_clicks("Neural_training?net=mlp&order=4&split=true", "MLP")
        # once: 1,000 steps from a fresh net, until its chart has drawn (the same chart again is not a change)
        chart = ".st-key-mlp_lr_finder [data-testid='stEChartsChart'][aria-busy='false']"
        find = _button(pg, "Find the learning rate")
        ms = self.timed(pg, find.click, f"__ux.idle() && !!document.querySelector({chart!r})")
        self.record("MLP Find the learning rate → its chart drawn", [ms], "ms", "")
        b.settle(pg)
        b.click(pg, "Reset")
        _button(pg, "Start").click()
        pg.wait_for_function("__ux.enabled('Pause')", polling="raf", timeout=60_000)
        pg.evaluate("__ux.liveStart()")
        pg.wait_for_timeout(self.args.seconds * 1000)
        s = pg.evaluate("__ux.liveStop()")
        b.click(pg, "Pause")
        sec = s["elapsed"] / 1000
        self.record("MLP live: loss-chart removals per 10 s", [s["removals"] * 10 / sec], "", "0")
        self.record("MLP live: loss chart updates /s", [s["ups"] / sec], "/s", "≥ 10 /s")
        if s["step1"] is not None and s["step0"] is not None:
            self.record("MLP live: true steps /s", [(s["step1"] - s["step0"]) / sec], "/s", "")

    def live(self) -> None:
        pg = self.session("Neural_training")
        for _ in range(3):
            b.click(pg, "Reset")
            _button(pg, "Start").click()
            pg.wait_for_function("__ux.enabled('Pause')", polling="raf", timeout=60_000)
            pg.evaluate("__ux.liveStart()")
            pg.wait_for_timeout(self.args.seconds * 1000)
            s = pg.evaluate("__ux.liveStop()")
            b.click(pg, "Pause")
            self.live_window(s)

    def live_window(self, s: dict) -> None:
        sec = s["elapsed"] / 1000
        true_rate = (s["step1"] - s["step0"]) / sec if s["step1"] is not None and s["step0"] is not None else None
        self.record("live: loss-chart removals per 10 s", [s["removals"] * 10 / sec], "", "0")
        self.record("live: loss chart updates /s", [s["ups"] / sec], "/s", "≥ 10 /s")
        self.record("live: W heatmap updates /s", [s["wups"] / sec], "/s", "≥ 2 /s")
        self.record("live: blank-frame fraction", [s["blank"] / max(1, s["frames"])], "", "0")
        self.record("live: frames /s", [s["frames"] / sec], "/s", "")
        diffs = [abs(a - w) for a, w in s["agree"] if a is not None and w is not None]
        self.record("live: step − W's step, abs", diffs, "steps", "")
        if true_rate:
            self.record("live: step − W's step, s of training", [d / true_rate for d in diffs], "s", "")
            rate_err = [abs(r / true_rate - 1) for r in s["rates"] if r is not None]
            self.record("live: shown steps/s ÷ true − 1, abs", rate_err, "", "≤ 0.2")
            self.record("live: true steps /s", [true_rate], "/s", "")
        longs = [d for d in s["longs"] if d > 100]
        self.record("live: long tasks > 100 ms per 20 s", [len(longs) * 20 / sec], "", "0")
        self.record("live: main-thread busy (long tasks)", [sum(s["longs"]) / s["elapsed"]], "", "")


MEASURES = ["load", "load_cached", "counts_k", "counts_view", "sampling", "training", "live", "mlp"]


def table(bench: Bench, errors: dict[str, str]) -> str:
    lines = ["| measure | median | p95 | n | target |", "|---|---|---|---|---|"]

    def fmt(v: float, unit: str) -> str:
        if unit == "ms":
            return f"{v:.0f} ms"
        return f"{v:.3g}{(' ' + unit) if unit else ''}"

    for name, r in bench.results.items():
        vs = r["values"]
        if not vs:
            lines.append(f"| {name} | – | – | 0 | {r['target']} |")
            continue
        med, p95 = statistics.median(vs), pct(vs, 0.95)
        lines.append(f"| {name} | {fmt(med, r['unit'])} | {fmt(p95, r['unit'])} | {len(vs)} | {r['target']} |")
    ext = sorted(set(bench.external))
    lines.append(f"| requests to other hosts | {len(bench.external)} | | {len(ext)} unique | 0 |")
    lines += [f"| error in {k} | {v} | | | |" for k, v in errors.items()]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--app-dir", type=Path, default=ROOT, help="the app to serve (a checkout with streamlit_app.py)")
    ap.add_argument("--trials", type=int, default=10, help="clicks per click measure")
    ap.add_argument("--load-trials", type=int, default=5, help="fresh sessions per page load / first click")
    ap.add_argument("--load-budget", type=float, default=150, help="no new round of loads after this many s (n ≥ 2)")
    ap.add_argument("--seconds", type=float, default=10, help="each live-training window")
    ap.add_argument("--only", default="", help="comma-separated subset of: " + ",".join(MEASURES))
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    args.measures = [m.strip() for m in args.only.split(",") if m.strip()] or MEASURES
    started = time.time()
    errors: dict[str, str] = {}
    with (
        running_app(args.app_dir.resolve(), Path("/tmp/ux_bench_server.log")) as app,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=b.chromium_path(), args=b.CHROMIUM_ARGS)
        bench = Bench(browser, app.url, args)
        warm = bench.page("")  # the server's first session loads the word list and imports; not counted
        warm.context.close()
        for name in args.measures:
            print(f"{name} …", flush=True)
            t = time.time()
            try:
                getattr(bench, name)()
            except Exception as e:  # noqa: BLE001 - one app lacking an element must not lose the other measures
                errors[name] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
                traceback.print_exc()
                bench.close_sessions()  # a session left mid-way (training running) would skew the next measure
            print(f"{name}: {time.time() - t:.0f} s", flush=True)
        bench.close_sessions()
        browser.close()
    for url in sorted(set(bench.external)):
        print("external request:", url)
    out = table(bench, errors)
    print(f"\n{out}\n\napp: {args.app_dir}  ·  total {time.time() - started:.0f} s")
    if args.json:
        results = {
            name: {**r, "n": len(r["values"]), "median": statistics.median(r["values"]) if r["values"] else None}
            | {"p95": pct(r["values"], 0.95) if r["values"] else None}
            for name, r in bench.results.items()
        }
        doc = {
            "app_dir": str(args.app_dir),
            "args": vars(args) | {"app_dir": str(args.app_dir), "json": str(args.json)},
        }
        doc |= {"results": results, "external_requests": sorted(set(bench.external)), "errors": errors}
        args.json.write_text(json.dumps(doc, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
