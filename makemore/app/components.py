"""Our canvas components (Streamlit's components API, JavaScript in `assets/`, served by the app itself: nothing
is fetched from elsewhere): the live training panel, the heatmap, the sampling panel, bar charts
and x-y panels. Each is mounted
once and then redrawn in place when its data changes.

Why not `st.plotly_chart`: in a rerun (a fragment's too) the chart element is removed and re-created, a blank
frame in front of a room, and a 27×27 heatmap with its 729 cell labels takes plotly hundreds of milliseconds to
lay out; a canvas draws it in a few. The training panel is sent only the new loss points each tick (see
`assets/live_training.js`).

Under AppTest (no browser) a component is an element without a front end: tests read its JSON data
(`apphelpers.component_data`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from makemore import figures_live

ASSETS = Path(__file__).parent / "assets"


def _module_js(*names: str) -> str:
    """Our JS files as one ES module: a component's inline JS cannot import its neighbours, so the shared canvas
    helpers are inlined (their `export`s dropped) ahead of the panel's own code."""
    parts = []
    for name in names:
        src = (ASSETS / name).read_text(encoding="utf-8")
        if name != names[-1]:
            src = src.replace("export function", "function").replace("export const", "const")
        parts.append(src)
    return "\n".join(parts)


def _component(name: str, js_file: str):
    return st.components.v2.component(
        f"makemore.{name}",
        css=(ASSETS / "live.css").read_text(encoding="utf-8"),
        js=_module_js("canvas.js", js_file),
        isolate_styles=False,  # in the page's DOM: tests and the browser benchmark read its data-* attributes
    )


_panel = _component("live_training", "live_training.js")
_heatmap = _component("heatmap", "heatmap.js")
_sampling = _component("sampling", "sampling.js")
_bars = _component("bars", "bars.js")
_xy = _component("xy", "xy.js")
_stage = st.components.v2.component(
    "makemore.stage",
    css=(ASSETS / "live.css").read_text(encoding="utf-8"),
    js=(ASSETS / "stage.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # its class on <body> and its key listener act on the whole page
)


def stage(present: bool, keys: dict[str, list[str]]) -> None:
    """Presenter mode on or off, and the clicker keys of this page (key name → buttons to press, the first
    enabled one wins), e.g. {"PageDown": ["sample_next"], "Space": ["sample_next"]}."""
    _stage(data={"present": present, "keys": keys}, key="stage")


def xy(payload: dict, key: str) -> None:
    """x-y panels (lines or markers) from `figures_live.sweep_payload` or `scatter_payload`."""
    _xy(data=payload, key=key)


def bars(payload: dict, key: str) -> None:
    """A bar chart from `figures_live.length_bars` or `char_bars`."""
    _bars(data=payload, key=key)


def sampling_panel(payload: dict, key: str) -> None:
    """The distribution of a draw and its cumulative strip, from `figures_live.draw_payload`."""
    _sampling(data=payload, key=key)


def heatmap(payload: dict, key: str) -> None:
    """A heatmap from `figures_live.heatmap_payload` or `matrix_payload`, redrawn in place when it changes."""
    _heatmap(data=payload, key=key)


def training_panel(ts, corpus, *, counts_nll: float, dev_floor: float | None, key: str = "train_live") -> None:
    """Draw (or update in place) the panel for the TrainingSession `ts`: a full payload on a full page run, the
    increment since the last call on a fragment tick. Its heatmaps show at most V×V of W (the model's
    `weight_view`: all of the bigram's W, a slice of rows or one block at other orders), titled for what they are."""
    t = ts.trainer
    h = t.history
    full = ts.full_pending or ts.sent_gen != t.generation
    start = 0 if full else ts.sent
    V = corpus.vocab.size
    payload = {
        "gen": f"{t.generation}",
        "full": full,
        "running": ts.running,
        "rate": ts.steps_per_s if ts.running else None,
        "step": t.steps,
        "points": figures_live.loss_points(h, start, 2000 if full else 200),
        "refs": figures_live.reference_lines(counts_nll, V, dev_floor),
        "heat": None,
    }
    if V <= 120:
        view = t.model.weight_view()
        if full:
            payload["labels"] = figures_live.labels(corpus.vocab.itos)
            payload["row_labels"] = figures_live.labels(view.row_labels)
            payload["logP_row_labels"] = figures_live.labels(view.logP_row_labels)
            payload["logP"] = figures_live.matrix_values(view.logP)
            payload["titles"] = {"W": view.W_title, "logP": view.logP_title, "grad": view.grad_title}
        payload["heat"] = {
            "step": t.steps,
            "W": figures_live.matrix_values(t.model.parameters()[view.param][view.rows]),
            "grad": figures_live.matrix_values(t.grads[view.param][view.rows]) if t.grads is not None else None,
        }
    ts.sent, ts.sent_gen, ts.full_pending = len(h), t.generation, False
    _panel(data=payload, key=key)
