"""Issue 10 in Chromium: a changed setting is in the address bar, that address in a fresh browser shows the same
numbers, presenter mode enlarges the type, and a clicker's keys act."""

from __future__ import annotations

import pytest
from browser import (
    chart,
    chart_label,
    goto,
    live_rest,
    live_step,
    metric,
    new_page,
    no_exception,
    on_chart,
    sampled_word,
    settle,
)

from makemore import tour

pytestmark = pytest.mark.e2e


def heat_stat(pg, label: str) -> str:
    return metric(pg, label)


def test_a_changed_setting_is_in_the_address_and_a_fresh_browser_shows_the_same_numbers(page, browser, server):
    goto(page, "Bigram_counts")
    page.get_by_text("probabilities", exact=True).click()
    settle(page)
    slider = page.get_by_label("Smoothing k (counts model)").locator("input[type='range']").first
    slider.focus()
    for _ in range(3):  # k = 1 → 0.5 → 0.2 → 0.1, one option per press
        slider.press("ArrowLeft")
    page.wait_for_timeout(800)
    settle(page)
    url = page.url
    assert "view=probabilities" in url and "k=0.1" in url, url
    nll, title = heat_stat(page, "mean NLL"), on_chart(page, "counts_heatmap", "c => c.getOption().title[0].text")
    fresh = new_page(browser, server.url)
    try:
        fresh.goto(url)
        settle(fresh)
        assert heat_stat(fresh, "mean NLL") == nll
        assert on_chart(fresh, "counts_heatmap", "c => c.getOption().title[0].text") == title
        assert title.startswith("probabilities (P with k=0.1)")
        no_exception(fresh)
    finally:
        fresh.context.close()


def test_settings_survive_page_switches_and_a_refresh(page):
    goto(page, "Sampling?seed=42&stream=torch&k=0.5")
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="Bigram counts").click()
    settle(page)
    assert "k=0.5" in page.url  # the sidebar's k goes with every page
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="Sampling").click()
    settle(page)
    assert "seed=42" in page.url and "stream=torch" in page.url
    page.reload()
    settle(page)
    assert page.get_by_label("Seed").input_value() == "42"


def test_presenter_mode_enlarges_the_type_and_the_heatmap(browser, server):
    sizes = {}
    for present in (False, True):
        pg = new_page(browser, server.url)
        pg.set_viewport_size({"width": 1920, "height": 1080})
        try:
            goto(pg, "Bigram_counts" + ("?present=true" if present else ""))
            pg.wait_for_timeout(500)
            sizes[present] = pg.evaluate(
                """() => ({
                  h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
                  stat: parseFloat(getComputedStyle(document.querySelector('[data-testid=stMetricValue]')).fontSize),
                  stage: document.querySelector('.mm-stage').dataset.present,
                })"""
            ) | {
                "cellText": on_chart(pg, "counts_heatmap", "c => c.getOption().series[0].label.fontSize"),
                "cell": chart(pg, "counts_heatmap").bounding_box()["height"],
            }
            no_exception(pg)
        finally:
            pg.context.close()
    normal, big = sizes[False], sizes[True]
    assert normal["stage"] == "0" and big["stage"] == "1"
    for what in ("h1", "stat", "cellText"):
        assert big[what] >= 1.3 * normal[what], (what, normal, big)
    assert big["cell"] > normal["cell"]  # the key figure grows to fill the screen


def test_a_clickers_keys_act(page):
    goto(page, "Sampling")
    page.keyboard.press("PageDown")
    settle(page)
    assert "drew 'm'" in chart_label(page, "sample_dist", until="drew")  # the lecture's first character
    page.keyboard.press("Space")
    settle(page)
    assert sampled_word(page, until=".mo") == ".mo"
    goto(page, "Neural_training")
    page.keyboard.press("PageDown")  # one tick's worth of steps
    settle(page)
    assert live_step(page, until=10) == 10
    page.keyboard.press("Space")  # start
    page.wait_for_timeout(1500)
    page.keyboard.press("Space")  # pause
    settle(page)
    step, _ = live_rest(page)
    assert step > 10
    page.wait_for_timeout(1000)
    assert live_step(page) == step  # paused
    no_exception(page)


def test_quick_presses_of_a_clicker_each_draw_a_character(page):
    """Twenty presses as fast as a clicker sends them: presses that arrive mid-run are queued, none is lost."""
    goto(page, "Sampling")
    for _ in range(20):
        page.keyboard.press("PageDown")
    page.wait_for_function(
        "document.querySelector('.st-key-sample_word [data-testid=stText]')?.innerText.trim() === '.minaymoryles'",
        timeout=60_000,
    )  # the lecture's mor. axx. then twelve characters of minaymoryles.
    settle(page)
    assert sampled_word(page) == ".minaymoryles"
    no_exception(page)


def test_the_tour_walks_to_the_end_with_the_lectures_numbers(page):
    """With a list whose bigram counts are the lecture's (tests/lecture_words.py), the clicker's key walks the
    tour from step 1 to the last, and the steps print the lecture's numbers."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from browser import upload
    from lecture_words import lecture_words

    upload(page, "lecture.txt", ("\n".join(lecture_words()) + "\n").encode())
    goto(page, "Tour")
    seen = {}
    last = len(tour.STEPS)
    for step in range(1, last + 1):
        assert f"Step {step} of {last}" in page.inner_text("[data-testid='stMain']")
        seen[step] = page.inner_text("[data-testid='stMain']")
        page.keyboard.press("PageDown")
        settle(page)
    assert f"Step {last} of {last}" in page.inner_text("[data-testid='stMain']")  # the last step stays the last
    assert "3.7693" in seen[9]
    assert "3.7686" in seen[10] and "3.3788" in seen[10]
    assert all(w in seen[11] for w in ("mor", "axx", "minaymoryles", "kondlaisah", "anchshizarie"))
    assert "MLP after 30,000 steps, dev NLL" in seen[12]  # what comes next: part 2, trained a few seconds
    assert "tour" in page.url.lower() and f"step={last}" in page.url
    page.keyboard.press("PageUp")
    settle(page)
    assert f"Step {last - 1} of {last}" in page.inner_text("[data-testid='stMain']")
    no_exception(page)
