"""Helpers the AppTest modules share (a module of its own: test files never import conftest)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


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
