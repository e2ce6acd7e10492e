"""End-to-end: what a person does in Chromium, against the real server."""

from __future__ import annotations

import re

import pytest
from browser import (
    chart_label,
    chart_tooltip,
    click,
    live_rest,
    live_stat,
    live_step,
    metric,
    nav,
    no_exception,
    sampled_word,
    settle,
    shoot,
    upload,
)

from makemore.app import pages

pytestmark = pytest.mark.e2e

PAGES = [p.title for p in pages.PAGES]  # the menu's labels, in its order


def test_every_page_runs_on_the_builtin_data(page):
    for label in PAGES:
        nav(page, label)
        no_exception(page)
        assert page.locator("h1").first.inner_text().strip()
        shoot(page, label.lower().replace(" ", "_"))
    nav(page, "Dataset")
    assert metric(page, "words") == "32,469"


def test_upload_then_counts_page_shows_its_cells(page):
    upload(page, "cities.txt", b"paris\nrome\noslo\nlima\n")
    no_exception(page)
    assert metric(page, "words") == "4"
    nav(page, "Bigram counts")
    no_exception(page)
    assert hover_cell(page, "p", "a").startswith("pa · count 1 · P 0.1818")  # (1 + k) / (1 + 10k): k = 1
    assert hover_cell(page, "r", "o").startswith("ro · count 1")


def hover_cell(page, first: str, second: str) -> str:
    """Hover the heatmap's cell (first, second) and read its tooltip."""
    return chart_tooltip(page, "counts_heatmap", second, first)


def test_smoothing_slider_changes_the_nll(page):
    nav(page, "Bigram counts")
    before = metric(page, "mean NLL (the loss)")
    slider = page.get_by_label("Smoothing k (counts model)").locator("input[type='range']").first
    slider.focus()
    for _ in range(6):
        slider.press("ArrowRight")
    settle(page)
    after = metric(page, "mean NLL (the loss)")
    assert before == "2.4546" and after != before
    assert float(after) > float(before)  # more smoothing, further from the counts


def test_sampling_one_character_at_a_time(page):
    nav(page, "Sampling")
    for _ in range(3):
        click(page, "Next character")
    word = sampled_word(page)
    assert re.fullmatch(r"\.\w{3}", word), word
    assert "drew 'r'" in chart_label(page, "sample_dist") and "u = " in chart_label(page, "sample_dist")  # .mor
    click(page, "Finish this word")
    first = sampled_word(page)
    click(page, "Reset")
    click(page, "Finish this word")
    assert sampled_word(page) == first == ".mor."
    no_exception(page)


def test_training_live(page):
    nav(page, "Neural training")
    click(page, "Start")
    page.wait_for_timeout(2500)
    draws1 = int(page.locator(".mm-live").get_attribute("data-draws"))
    step1, loss1 = live_step(page), float(live_stat(page, "loss"))
    lr = page.get_by_label("Learning rate")
    lr.fill("20")
    lr.press("Enter")
    page.wait_for_timeout(2000)
    step2, loss2 = live_step(page), float(live_stat(page, "loss"))
    assert step2 > step1 > 0 and loss2 < loss1 < 3.77  # the history grows and the loss falls, while lr changes
    assert int(page.locator(".mm-live").get_attribute("data-draws")) > draws1 > 1  # and the chart draws it
    click(page, "Pause")
    paused, _ = live_rest(page)  # the last tick's steps played out
    page.wait_for_timeout(1200)
    assert live_step(page) == paused
    assert live_stat(page, "steps / s") == "paused"
    lr.fill("10000")
    lr.press("Enter")
    settle(page)
    click(page, "Step")
    assert "diverged" in page.locator("[data-testid='stAlert']").first.inner_text()
    click(page, "Reset")
    assert live_step(page, until=0) == 0 and live_stat(page, "step") == "0"
    no_exception(page)


def test_bad_uploads_keep_the_previous_list(page):
    upload(page, "good.txt", b"anna\nbob\ncarl\n")
    assert metric(page, "words") == "3"
    for name, content, needle in (
        ("empty.txt", b"", "empty"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        ("data.bin", bytes(range(256)) * 8, "binary"),
    ):
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
        )
        page.wait_for_timeout(500)
        settle(page)
        alert = page.locator("[data-testid='stAlertContentError']").first.inner_text()
        assert needle in alert and "previous word list" in alert, name
        assert metric(page, "words") == "3", name
        no_exception(page)


def test_html_in_words_stays_text(page):
    upload(page, "xss.txt", b"<script>alert(1)</script>\n<img src=x onerror=alert(1)>\nbob\n")
    assert metric(page, "words") == "3"
    for label in PAGES:
        nav(page, label)
        no_exception(page)
    nav(page, "Bigram counts")
    box = page.get_by_label("Word", exact=True)
    box.fill("<img src=x onerror=alert(2)>")
    box.press("Enter")
    settle(page)
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script:text('alert')").count() == 0
    assert ".<" in " ".join(page.locator("[data-testid='stTable']").all_inner_texts())  # shown as text
    assert page.dialogs == []
