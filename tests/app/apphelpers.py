"""Helpers the AppTest modules share (a module of its own: test files never import conftest)."""

from __future__ import annotations

import gc
import itertools
import json
import re
from pathlib import Path

import streamlit as st
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from makemore.app.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
PAGE = {p.key: p.file for p in PAGES}  # a page's script by its key in the registry: PAGE["training"]


def cold_caches() -> None:
    """Empty Streamlit's shared caches (the built-in lists, their Corpus and the sweeps, which the tests otherwise
    share as a server's visitors do) and collect what they held: for a test that needs what a fresh server has,
    such as its whole memory budget free."""
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


def ran_clean(at: AppTest) -> AppTest:
    """The AppTest, checked to have run without an exception."""
    assert not at.exception, at.exception
    return at


def at_order(at: AppTest, n: int) -> AppTest:
    """The sidebar's order set on the page shown (AppTest keeps no address between pages: set it on each)."""
    return ran_clean(at.select_slider(key="order").set_value(n).run())


def component_data(at: AppTest, key: str) -> dict:
    """What the element with this key was last sent (AppTest has no browser to draw it): the JSON data of our
    components (the live panel, the stage), or a chart's ECharts option (`chart`)."""
    for el in at.main:
        proto = getattr(el, "proto", None)
        if type(proto).__name__ == "BidiComponent" and proto.id.endswith(f"-{key}"):
            return json.loads(proto.json)
    return chart(at, key)


def chart(at: AppTest, key: str) -> dict:
    """The ECharts option the chart with this key was last sent (st.echarts_chart's proto: its JSON, and each
    `dataset.source` back as the DataFrame it was), with its alt text under "alt"."""
    for el in at.get("echarts_chart"):
        if el.proto.id.endswith(f"-{key}"):
            option = json.loads(el.proto.spec)
            frames = {d.name: dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in el.proto.datasets}
            sets = option.get("dataset")
            for d in sets if isinstance(sets, list) else [sets] if sets else []:
                d["source"] = frames[d["source"]["name"]]
            return option | {"alt": el.proto.alt}
    raise KeyError(key)


def stat(at: AppTest, label: str) -> str:
    """A number shown over a chart (the counts page's NLL and friends, st.metric), as shown."""
    return metric(at, label)


def notes(at: AppTest) -> list[str]:
    """The captions of the page (the counts page's sanity checks and dev NLL among them)."""
    return [c.value for c in at.caption]


def sampled_word(at: AppTest) -> str:
    """The word the Sampling page shows beside its chart (the text after its "Word so far" / "Last word")."""
    texts = [e for e in at.main if type(e).__name__ in ("Caption", "Text")]
    for label, word in itertools.pairwise(texts):
        if type(label).__name__ == "Caption" and label.value in ("Word so far", "Last word"):
            return word.value
    raise KeyError("word")


def live(at: AppTest) -> dict:
    """What the training page's live panel shows: its step, and its last loss and data NLL (None before step 1)."""
    d = component_data(at, "train_live")
    last = d["points"][-1] if d["points"] else [0, None, None, None]
    return {"step": f"{d['step']:,}", "loss": last[1], "nll": last[2], "points": d["points"]}


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise KeyError(label)


def caption(at: AppTest, text: str) -> str:
    """The first caption containing `text`."""
    return next(c.value for c in at.caption if text in c.value)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.selectbox(key="data").set_value("upload").run()
    at.file_uploader(key="upload").set_value((name, content, "text/plain"))
    return at.run()


def table_cells(table):
    """A table's cells as the browser shows them: text is Markdown-escaped for st.table (a word must not become
    a link), and the browser does not show the escapes."""
    return table.value.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)
