"""Settings in the address bar: a link's settings read once, widgets bound to settings, the address written back.

Every setting (`settings.SETTINGS`) has a URL name, which is also its widget's key. The session remembers each
value as it changes (`remember`), every run gives the page's widgets and the sidebar's their remembered values
(`carry`), and the address is written from them (`write_address`), so a copied address reproduces the page and
a value survives page switches. Which settings a page shows is the page registry's (`pages.PAGES`).
"""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from . import settings
from .keys import LAST_PAGE, LINK_CHECKED, LINK_STEPS, MOVED, REMEMBERED
from .pages import Page, shown_settings


def bound(key: str, options=None, on_change=None, args=()) -> dict:
    """A widget's keyword arguments that make its value a setting: its key is its URL name, its value is written
    into the address as it changes (a copied link reproduces it) and survives page switches. The default
    (`value=`, or `index=` into `options` for a radio or a box) is given only while the session has no value
    for it: a value already in the session (a person's, or a link's) is the widget's. `on_change`/`args`: the
    widget's own callback, run after the value is remembered.

    Why not Streamlit's `bind="query-params"` and `persist_state="session"`, which promise this: measured in
    Chromium, a bound widget whose value came from the link and was never touched falls back to its default at
    the first page switch (and leaves the address), so a lecturer's `?k=0.1` silently became k = 1 on the next
    page; and a persisted widget ignored a value set for it in the session (a link's, a button's)."""
    kw = {"key": key, "on_change": remember, "args": (key, on_change, args)}
    if key not in st.session_state:
        d = settings.default(key)
        kw |= {"value": d} if options is None else {"index": list(options).index(d)}
    return kw


def remember(key: str, then=None, args=()) -> None:
    """A setting changed (a widget callback, or a button setting it): keep its value and write the address."""
    value = st.session_state.get(key)
    st.session_state.setdefault(REMEMBERED, {})[key] = value
    write_address([key])
    if then is not None:
        then(*args)


def set_setting(key: str, value) -> None:
    """Change a setting from code (a button's callback), as a person would."""
    st.session_state[key] = value
    remember(key)


def setting(key: str):
    """A setting's current value: the widget's, else the link's (read before the widget exists), else the
    default."""
    if key in st.session_state:
        return st.session_state[key]
    linked = settings.parse(key, st.query_params.get_all(key))
    return settings.default(key) if linked is None else linked


def order() -> int:
    """The order n every page uses (the sidebar's)."""
    return int(setting("order"))


def windows() -> str:
    """The windows every page uses (the sidebar's): word or stream."""
    return str(setting("windows"))


def presenting() -> bool:
    """Presenter mode (the sidebar's)."""
    return bool(setting("present"))


def _page_settings(page: Page) -> list[str]:
    """The settings a page's run shows (the sidebar's and its own), in the table's order."""
    shown = shown_settings(page)
    return [key for key in settings.SETTINGS if key in shown]


def carry(page: Page) -> None:
    """Give the page's widgets (and the sidebar's) their remembered values: all of them on arriving at the page,
    and any that Streamlit dropped while its widget was not drawn (the years, while another list was chosen)."""
    arriving = st.session_state.get(LAST_PAGE) != page.key
    st.session_state[LAST_PAGE] = page.key
    saved = st.session_state.get(REMEMBERED, {})
    keys = _page_settings(page)
    for key in keys:
        # Every one assigned on arrival, even when the session still shows the value: it belonged to the last
        # page's widget, and Streamlit hands a new page's widget only a value set from code (left alone, an
        # untouched slider came back at its first option).
        if arriving:
            st.session_state[key] = saved.get(key, settings.default(key))
        elif key in saved and key not in st.session_state:
            st.session_state[key] = saved[key]
    if arriving:
        write_address(keys, clear_others=True)


def write_address(keys, clear_others: bool = False) -> None:
    """Write these settings into the address where they differ from their defaults (removed where they do not);
    `clear_others`: also drop settings of other pages (a page switch)."""
    saved = st.session_state.get(REMEMBERED, {})
    if clear_others:
        for key in settings.SETTINGS:
            if key not in keys and key != "steps":
                st.query_params.pop(key, None)
    for key in keys:
        value = saved.get(key, st.session_state.get(key))
        if value is None or value == settings.default(key):
            st.query_params.pop(key, None)
        elif isinstance(value, tuple):
            st.query_params[key] = [settings.url_value(v) for v in value]
        else:
            st.query_params[key] = settings.url_value(value)


def read_link() -> list[str]:
    """The problems of the link this session opened with, once: the raw parameters are read before any widget
    takes (or silently drops) them."""
    if st.session_state.get(LINK_CHECKED):
        return []
    st.session_state[LINK_CHECKED] = True
    st.session_state[LINK_STEPS] = st.query_params.get("steps")
    if previous_session():
        st.session_state[MOVED] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    # The link's valid settings become the session's values, as a person's choices are: a bound widget would read
    # its own from the address too, but a value it only read there is forgotten at the first page switch.
    for key, raw in params.items():
        if key in settings.SETTINGS and key not in st.session_state:
            value = settings.parse(key, raw)
            if value is not None:
                st.session_state[key] = value
                st.session_state.setdefault(REMEMBERED, {})[key] = value
    problems = settings.problems(params)
    for text in problems:  # a setting this page has no widget for stays in the address unless removed here
        with contextlib.suppress(StreamlitAPIException):  # a widget's own parameter: Streamlit removes it
            st.query_params.pop(text.split("=", 1)[0], None)
    return problems


def previous_session() -> str | None:
    """The id of the session this browser had before this one, when its websocket reconnected to a server that
    does not have it: the replica it was on died and the proxy sent it to another (docs/room.md), or the server
    restarted. Streamlit's frontend names the session it wants back in the handshake's subprotocol list
    ("streamlit, <xsrf token>, <session id>"); a page opened afresh names none, and a session resumed on its own
    server is not a new session (its link is not read again)."""
    entries = [e.strip() for e in (st.context.headers.get("Sec-Websocket-Protocol") or "").split(",")]
    return entries[2] if len(entries) >= 3 and entries[2] else None
