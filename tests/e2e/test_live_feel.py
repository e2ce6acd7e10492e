"""Issue "live feel" in Chromium: what a person sees, not how long it took (timings live in scripts/ux_bench.py).

The live chart is updated in place (never removed), the counter and the heatmap agree, the first sampling click
shows its letter, moving k redraws the heatmap with the NLL, and nothing is fetched from outside the app.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser import (
    ECHARTS,
    WATCH_REMOVALS,
    chart,
    chart_label,
    click,
    goto,
    live_stat,
    metric,
    nav,
    no_exception,
    sampled_word,
    settle,
)

pytestmark = pytest.mark.e2e


def test_training_chart_is_updated_in_place(page):
    nav(page, "Neural training")
    page.evaluate(WATCH_REMOVALS, ".mm-live")
    panel = page.locator(".mm-live")
    click(page, "Step")  # a full rerun: the panel is fed anew, not re-created
    click(page, "Start")
    page.wait_for_timeout(1500)
    draws = int(panel.get_attribute("data-draws"))
    lam = page.get_by_label("λ (regularisation)")
    lam.fill("0")
    lam.press("Enter")  # a setting changed mid-run: a full rerun while the chart animates
    page.wait_for_timeout(2500)
    assert page.evaluate("window.__removed") == 0  # never removed, so never blank
    assert int(panel.get_attribute("data-draws")) >= draws + 20  # redrawn many times a second
    step, wstep = page.evaluate(
        "[+document.querySelector('.mm-live').dataset.step, +document.querySelector('.mm-live').dataset.wstep]"
    )
    # W's title names a step the curve has reached: never ahead of the counter, at most a few ticks behind
    assert 0 <= step - wstep <= 100, (step, wstep)
    rate = float(panel.get_attribute("data-rate"))
    assert rate > 0 and live_stat(page, "steps / s") != "paused"
    click(page, "Pause")
    assert live_stat(page, "steps / s") == "paused"
    assert page.evaluate("window.__removed") == 0
    no_exception(page)


def test_first_sampling_click_shows_its_letter(page):
    nav(page, "Sampling")
    assert "drawn from it" in chart_label(page, "sample_dist")  # before any draw: where the first letter comes from
    assert chart(page, "sample_dist").get_attribute("aria-busy") == "false"  # drawn
    page.evaluate(WATCH_REMOVALS, ECHARTS)
    click(page, "Next character")
    assert sampled_word(page) == ".m"  # the lecture's 'mor'
    assert "drew 'm'" in chart_label(page, "sample_dist")
    click(page, "Next character")
    assert "drew 'o'" in chart_label(page, "sample_dist") and "row of 'm' framed" in chart_label(page, "sample_rows")
    assert page.evaluate("window.__removed") == 0


def test_smoothing_redraws_the_heatmap_with_the_nll(page):
    nav(page, "Bigram counts")
    page.evaluate(WATCH_REMOVALS, ECHARTS)
    slider = page.get_by_label("Smoothing k (counts model)").locator("input[type='range']").first
    slider.focus()
    slider.press("ArrowLeft")  # k = 1 -> 0.5
    settle(page)
    assert metric(page, "mean NLL (the loss)") == "2.4543"
    page.get_by_text("probabilities", exact=True).click()
    settle(page)
    assert chart_label(page, "counts_heatmap").startswith("Bigram probabilities (P with k=0.5) of ")
    assert page.evaluate("window.__removed") == 0


def test_nothing_is_fetched_from_outside(browser, server):
    """A lecture hall without internet: every request of every page (icons, fonts, scripts) goes to the app."""
    host = urlparse(server.url).netloc
    context = browser.new_context()
    outside = []
    local = ("blob", "data")  # made in the page itself (the components' module code is loaded from a blob)
    context.on(
        "request",
        lambda r: None if urlparse(r.url).netloc == host or urlparse(r.url).scheme in local else outside.append(r.url),
    )
    pg = context.new_page()
    pg.base_url = server.url
    for path in ("", "Bigram_counts", "Sampling", "Compare", "Neural_training"):
        goto(pg, path)
        no_exception(pg)
    click(pg, "Start")
    pg.wait_for_timeout(1000)
    click(pg, "Pause")
    context.close()
    assert outside == []
