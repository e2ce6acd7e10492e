"""The lecture's own names.txt in one step (issue 20): fetched from a real local HTTP server, checked, kept in the
cache and then a built-in list; offline or a wrong file is one sentence and changes nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import json
import socket
import threading
from pathlib import Path

import pytest

from makemore import fetch as fetching
from makemore.__main__ import main

WORDS = [f"name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(500)]
DATA = ("\n".join(WORDS) + "\n").encode()


@pytest.fixture()
def server(tmp_path):
    """A real HTTP server on loopback serving tmp_path/site."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "names.txt").write_bytes(DATA)
    (site / "other.txt").write_bytes(b"emma\nava\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, *args):  # the tests read stderr: the server's access log stays out of it
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAKEMORE_CACHE", str(folder))
    return folder


@pytest.fixture()
def test_source(monkeypatch):
    """The lecture's Source, with the test file's digest and size in place of the real one's."""
    source = dataclasses.replace(fetching.LECTURE, sha256=hashlib.sha256(DATA).hexdigest(), words=len(WORDS))
    monkeypatch.setattr(fetching, "LECTURE", source)
    import makemore.__main__ as cli

    monkeypatch.setattr(cli, "LECTURE", source)
    return source


def test_fetch_checks_keeps_and_then_offers_the_list(server, cache, test_source, capsys):
    assert fetching.cached_words(test_source) is None
    assert main(["fetch", "lecture", "--url", f"{server}/names.txt", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["words"] == 500 and Path(out["path"]) == cache / "names.txt"
    assert (cache / "names.txt").read_bytes() == DATA
    assert main(["stats", "--data", "lecture", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["words"] == 500
    assert fetching.cached_words(test_source).name == test_source.name


def test_the_wrong_file_is_refused_and_nothing_kept(server, cache, test_source, capsys):
    assert main(["fetch", "lecture", "--url", f"{server}/other.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another digest" in err and "nothing was kept" in err
    assert not (cache / "names.txt").exists()


def test_offline_is_one_sentence_and_nothing_changes(cache, capsys):
    with socket.socket() as s:  # a port nothing listens on: connection refused, as with no network
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["fetch", "lecture", "--url", f"http://127.0.0.1:{port}/names.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "offline" in err and "nothing was changed" in err
    assert not cache.exists() or not any(cache.iterdir())


def test_a_server_error_is_said(server, cache, capsys):
    assert main(["fetch", "lecture", "--url", f"{server}/missing.txt"]) == 2
    assert "answered 404" in capsys.readouterr().err


def test_before_fetching_the_lecture_list_says_how_to_get_it(cache, capsys):
    assert main(["stats", "--data", "lecture"]) == 2
    assert "makemore fetch lecture" in capsys.readouterr().err


def test_years_and_bad_data_names(capsys):
    assert main(["stats", "--data", "years:1920-1921", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] > 1000
    assert main(["stats", "--data", "years:1700-1701"]) == 2
    assert "not a built-in list" in capsys.readouterr().err


def test_the_lecture_source_is_makemores_file():
    """The published file's facts: 32,033 names, its SHA-256 (checked against the file in makemore's repository)."""
    assert fetching.LECTURE.words == 32_033
    assert fetching.LECTURE.sha256 == "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d"
    assert fetching.LECTURE.url.endswith("/karpathy/makemore/master/names.txt")
