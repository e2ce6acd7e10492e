"""What the pages draw charts with: `chart` for every chart (Streamlit's own `st.echarts_chart`, Apache ECharts,
built into Streamlit and served by the app), and our two components (Streamlit's components API, JavaScript in
`assets/`, each file one ES module handed over as it is): the live training panel and the stage.

Why ECharts: a chart with a `key` is updated in place when a rerun (a fragment's too) sends it a new option, never
removed and re-created; it follows Streamlit's light or dark theme (`theme="streamlit"`); its toolbar downloads a
PNG and goes full screen; its `alt` is the chart's accessible name (role="img"). The option dicts are built in
`makemore/views/`.

Why the live training panel stays ours: each tick sends only the loss points trained since the last one, and the
panel plays them out frame by frame until the next tick (`assets/live_panel.js`), so the curve grows smoothly
while the server ticks a few times a second; a chart library redraws what it is given, when it is given it.

Under AppTest (no browser) a chart is an element whose proto holds its option as JSON and its alt, a component
one whose proto holds its data (`tests/app/apphelpers.py` reads both by key).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from makemore.views import live
from makemore.views.charts import Chart

ASSETS = Path(__file__).parent / "assets"
CSS = (ASSETS / "live.css").read_text(encoding="utf-8")

_panel = st.components.v2.component(
    "makemore.live_panel",
    css=CSS,
    js=(ASSETS / "live_panel.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # in the page's DOM: tests and the browser benchmark read its data-* attributes
)
_stage = st.components.v2.component(
    "makemore.stage",
    css=CSS,
    js=(ASSETS / "stage.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # its class on <body> and its key listener act on the whole page
)


def chart(c: Chart, key: str) -> None:
    """A chart from `makemore.views` (its option, alt text and height), updated in place under `key`."""
    st.echarts_chart(c.option, key=key, theme="streamlit", alt=c.alt, height=c.height)


def stage(present: bool, keys: dict[str, list[str]]) -> None:
    """Presenter mode on or off, and the clicker keys of this page (key name → buttons to press, the first
    enabled one wins), e.g. {"PageDown": ["sample_next"], "Space": ["sample_next"]}."""
    _stage(data={"present": present, "keys": keys}, key="stage")


def training_panel(
    ts,
    corpus,
    *,
    counts_nll: float,
    dev_floor: float | None,
    dev_label: str = "counts model (k = 0), dev",
    key: str = "train_live",
) -> None:
    """Draw (or update in place) the panel for the TrainingSession `ts`: a full payload on a full page run, the
    increment since the last call on a fragment tick (`views.live.training_payload`)."""
    t = ts.trainer
    full = ts.full_pending or ts.sent_gen != t.generation
    payload = live.training_payload(
        t,
        corpus.vocab.itos,
        full=full,
        start=0 if full else ts.sent,
        running=ts.running,
        rate=ts.steps_per_s if ts.running else None,
        counts_nll=counts_nll,
        dev_floor=dev_floor,
        dev_label=dev_label,
    )
    ts.sent, ts.sent_gen, ts.full_pending = len(t.history), t.generation, False
    _panel(data=payload, key=key)
