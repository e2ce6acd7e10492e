"""AppTest fixtures: the multipage app from its entry point, with Streamlit's caches cleared between tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "home": None,
    "counts": "pages/1_Bigram_counts.py",
    "sampling": "pages/2_Sampling.py",
    "training": "pages/3_Neural_training.py",
    "compare": "pages/4_Compare.py",
}


@pytest.fixture()
def app(monkeypatch):
    """A function page_name -> AppTest that has run that page once (no exception checked yet)."""
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)

    def open_page(name: str = "home") -> AppTest:
        if PAGES[name]:
            at.switch_page(PAGES[name])
        return at.run()

    return open_page


def plotly_spec(at: AppTest, key_part: str) -> dict:
    """The figure JSON of the plotly chart whose element id contains `key_part`."""
    for el in at.get("plotly_chart"):
        if key_part in el.proto.id:
            return json.loads(el.proto.spec)
    raise KeyError(key_part)


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise KeyError(label)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.radio(key="data_source").set_value("Upload a word list").run()
    at.file_uploader(key="data_upload").set_value((name, content, "text/plain"))
    return at.run()
