"""A replica lost mid-lecture (docs/room.md): two replicas behind HAProxy (scripts/serve_room.py), a visitor on
each, one replica killed. Its visitor's page reconnects to the other by itself and comes back with its link's
settings and the one line on what could not come along; the other replica's visitor keeps their session."""

from __future__ import annotations

import os
import shutil
import sys
from urllib.parse import parse_qs, urlsplit

import browser as b
import pytest

sys.path.insert(0, str(b.ROOT / "scripts"))
import serve_room

NOTE = "server stopped and it reopened on another"


@pytest.fixture(scope="module")
def room():
    if shutil.which("haproxy") is None:
        if os.environ.get("CI"):
            pytest.fail("haproxy is missing: .ci/run installs it with apt-get install haproxy")
        pytest.skip("no haproxy (apt-get install haproxy)")
    logs = b.ROOT / "tests" / "e2e" / "room_logs"
    with serve_room.room(2, serve_room.free_port(), logs=logs, say=lambda _: None) as r:
        yield r


def visitor(browser, room, replica: str, link: str):
    """A browser already placed on `replica` by the proxy's cookie (so the test knows whom it kills), at a link."""
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    context.add_cookies([{"name": "MMROOM", "value": replica, "url": room.url}])
    pg = context.new_page()
    pg.base_url = room.url
    b.goto(pg, link)
    return pg


def sidebar(pg) -> str:
    return pg.locator("[data-testid='stSidebar']").inner_text()


def replica_of(pg) -> str:
    return next(c["value"] for c in pg.context.cookies() if c["name"] == "MMROOM")


def test_a_killed_replicas_visitor_comes_back_with_the_links_settings(browser, room):
    lost = visitor(browser, room, "r1", "Neural_training?k=0.5&lr=20")
    kept = visitor(browser, room, "r2", "Neural_training?lr=80")
    try:
        b.upload(lost, "pets.txt", b"rex\nfido\nspot\nbuddy\n")  # through the proxy, to its replica
        b.click(lost, "Step")
        b.upload(kept, "cats.txt", b"tom\nfelix\nkitty\n")
        assert "cats.txt" in sidebar(kept) and replica_of(lost) == "r1" and replica_of(kept) == "r2"
        before = parse_qs(urlsplit(lost.url).query)
        assert before["steps"] == ["10"] and before["file"] == ["pets.txt"]

        room.kill_replica(1)  # as a crash: SIGKILL to its process group

        note = lost.get_by_text(NOTE)
        note.wait_for(timeout=90_000)  # Streamlit's frontend reconnects by itself; HAProxy sends it to r2
        b.settle(lost)
        assert replica_of(lost) == "r2"
        said = note.inner_text()
        assert "upload pets.txt again" in said and "retrained to step 10" in said
        after = parse_qs(urlsplit(lost.url).query)
        assert {k: after.get(k) for k in ("k", "lr", "steps")} == {"k": ["0.5"], "lr": ["20.0"], "steps": ["10"]}
        assert lost.get_by_label("Learning rate").input_value() == "20" and b.live_step(lost, until=10) == 10
        b.no_exception(lost)

        # the surviving replica's visitor: the same session (their upload is still there), nothing said
        b.click(kept, "Step")
        assert "cats.txt" in sidebar(kept) and "3 words" in sidebar(kept) and b.live_step(kept, until=10) == 10
        assert kept.get_by_text(NOTE).count() == 0 and replica_of(kept) == "r2"
    finally:
        lost.context.close()
        kept.context.close()
