"""The lecture's own names.txt from the sidebar (issue 20): chosen, fetched once on request from a real local HTTP
server, then a built-in list; before it is here, or offline, one sentence and the current list stays."""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import socket
import threading

import pytest

from makemore import fetch as fetching
from makemore.app import picker

WORDS = ["emma", "olivia", "ava", "isabella", "sophia"] * 20
DATA = ("\n".join(WORDS) + "\n").encode()


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MAKEMORE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture()
def served(tmp_path, monkeypatch):
    """makemore's names.txt as this test's file, served by a real HTTP server on loopback."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "names.txt").write_bytes(DATA)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/names.txt"
    source = dataclasses.replace(fetching.LECTURE, url=url, sha256=hashlib.sha256(DATA).hexdigest(), words=len(WORDS))
    monkeypatch.setattr(picker, "LECTURE", source)
    yield source
    httpd.shutdown()


def current_list(at) -> str:
    return at.sidebar.text[0].value


def test_the_lecture_list_is_fetched_on_request_and_then_loaded(app, cache, served):
    at = app("dataset")
    at.selectbox(key="data").set_value("lecture").run()
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.sidebar.error]
    assert said and "not on this server yet" in said[0]
    assert current_list(at).startswith("US names 2017")  # the list before stays
    at.button(key="fetch_lecture").click().run()
    assert not at.exception and not at.sidebar.error
    assert current_list(at) == served.name and (cache / "names.txt").read_bytes() == DATA
    assert at.query_params["data"] == "lecture"  # the short value in the link


def test_offline_is_one_sentence_and_nothing_changes(app, cache, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/names.txt"
    monkeypatch.setattr(picker, "LECTURE", dataclasses.replace(fetching.LECTURE, url=closed))
    at = app("dataset", data="lecture")
    at.button(key="fetch_lecture").click().run()
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.sidebar.error]
    assert len(said) == 1 and "offline" in said[0] and "previous word list is still loaded" in said[0]
    assert current_list(at).startswith("US names 2017") and not cache.exists()


def test_the_box_shows_words_and_the_link_the_short_value(app):
    at = app("dataset")
    box = at.selectbox(key="data")
    assert box.options == [
        "Built-in: US names 2017",
        "The lecture's names.txt (makemore)",
        "US names by year",
        "Upload a file",
    ]
