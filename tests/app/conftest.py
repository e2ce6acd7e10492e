"""AppTest fixtures: the multipage app from its entry point, with Streamlit's caches cleared between tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from makemore.app.pages import page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))  # the tests import apphelpers (importlib mode adds no paths)


@pytest.fixture()
def app(monkeypatch):
    """A function page key (the registry's, `pages.PAGES`; "home" is the first page) -> AppTest that has run that
    page once (no exception checked yet)."""
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)

    def open_page(name: str = "home") -> AppTest:
        if name != "home" and page(name).url:
            at.switch_page(page(name).file)
        return at.run()

    return open_page


@pytest.fixture()
def link(monkeypatch):
    """A function (page file, or "" for the first page; query parameters) -> AppTest run once, as a fresh browser
    opening that address."""
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()

    def open_link(page: str, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at.run()

    return open_link
