"""Issue 5 in the browser: every awkward upload, a file over the limit, a million words, extreme settings."""

from __future__ import annotations

import random
import time

import pytest
from browser import click, live_step, metric, nav, new_page, no_exception, settle, upload
from cases import UPLOAD_CASES

pytestmark = pytest.mark.e2e


def set_file(page, name: str, content: bytes) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )
    page.wait_for_timeout(500)
    settle(page)


def test_every_awkward_upload(page):
    """One session through the whole list: each file loads or is refused, and a refusal keeps the last list."""
    upload(page, "before.txt", b"anna\nbob\n")
    expected_words = "2"
    for case, name, content, (kind, value) in UPLOAD_CASES:
        set_file(page, name, content)
        no_exception(page)
        if kind == "words":
            assert page.locator("[data-testid='stAlertContentError']").count() == 0, case
            expected_words = str(value)
        else:
            alert = page.locator("[data-testid='stAlertContentError']").first.inner_text()
            assert value in alert and "previous word list" in alert, case
        assert metric(page, "words") == expected_words, case


def test_a_file_over_the_upload_limit_is_refused(page, tmp_path):
    upload(page, "before.txt", b"anna\nbob\n")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"abcdefghij\n" * (51 * 2**20 // 11 + 1))  # 51 MB; the limit is 50
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(huge))
    page.wait_for_timeout(1000)
    settle(page)
    uploader = page.locator("[data-testid='stFileUploader']").inner_text()
    assert "50" in uploader and "MB" in uploader  # Streamlit's own message, in the uploader
    assert metric(page, "words") == "2"
    no_exception(page)


@pytest.mark.slow
def test_a_million_words_in_bounded_memory(page, server):
    rng = random.Random(0)
    words = ("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 12))) for _ in range(10**6))
    upload(page, "million.txt", "\n".join(words).encode())
    assert metric(page, "words") == "1,000,000"
    for label in ("Bigram counts", "Sampling", "Neural training"):
        nav(page, label)
        no_exception(page)
    click(page, "Step")
    assert live_step(page, until=10) == 10
    print(f"server peak RSS after a million words: {server.peak_rss_mb():.0f} MB")
    assert server.peak_rss_mb() < 2048, f"server peak RSS {server.peak_rss_mb():.0f} MB"


def test_a_hostile_list_leaves_the_server_idle(browser, server):
    """V = 1,001 (a thousand words of a thousand distinct characters) used to keep Compare sweeping for minutes
    after its visitor left. Now: Compare answers, and once the visitor leaves the server is idle within seconds
    while another visitor's page still shows its numbers."""
    hostile = new_page(browser, server.url)
    upload(hostile, "wide.txt", "\n".join(chr(0x100 + i) * 3 for i in range(1000)).encode())
    assert metric(hostile, "vocabulary V") == "1001"
    nav(hostile, "Compare")
    no_exception(hostile)
    hostile.context.close()
    time.sleep(2)
    before = server.cpu_seconds()
    time.sleep(3)
    assert (server.cpu_seconds() - before) / 3 < 0.25  # well under a core: nothing left running
    other = new_page(browser, server.url)
    nav(other, "Bigram counts")
    assert metric(other, "mean NLL (the loss)") == "2.4546"
    other.context.close()
