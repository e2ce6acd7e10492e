"""Issue 19 in Chromium: the charts are Streamlit's ECharts (the live panel ours): no chart is removed while training
or drawing, every chart has an accessible name, the heatmap's toolbar and the live panel download a PNG, the live
panel shows the tail of its curve, the dark theme renders every page, and presenter mode's large numbers fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import (
    ECHARTS,
    ROOT,
    WATCH_REMOVALS,
    chart,
    chart_label,
    click,
    goto,
    live_rest,
    new_page,
    no_exception,
    running_app,
)

from makemore.app import pages

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"

# What each page is shown doing before its charts are looked at (a page key of the registry -> what to do).
SETUP = {
    "sampling": lambda pg: click(pg, "Next character"),
    "training": lambda pg: click(pg, "Step"),
    "orders": lambda pg: (goto(pg, "Orders?split=true"), click(pg, "Run the grid")),
    "two_lists": lambda pg: click(pg, "Girls vs boys (2017)"),
}


def open_page(pg, entry) -> None:
    goto(pg, "Tour?step=3" if entry.key == "tour" else entry.url)
    SETUP.get(entry.key, lambda _: None)(pg)
    no_exception(pg)


def test_no_chart_is_removed_while_training_and_the_curve_says_its_step(page):
    goto(page, "Neural_training")
    page.evaluate(WATCH_REMOVALS, f".mm-live, .mm-live canvas, {ECHARTS}")
    click(page, "Start")
    page.wait_for_timeout(1500)
    lr = page.get_by_label("Learning rate")
    lr.fill("20")
    lr.press("Enter")  # a full rerun mid-run
    page.wait_for_timeout(1500)
    click(page, "Pause")
    assert page.evaluate("window.__removed") == 0
    step, name = live_rest(page)
    assert step > 10 and name.startswith(f"Loss curve, step {step:,}: total loss 2.") and "uniform ln 27" in name
    w = page.locator(".mm-heat canvas").first.get_attribute("aria-label")
    assert w.startswith("W at step") and w.endswith("heatmap, 27×27")
    no_exception(page)


def test_every_chart_has_an_accessible_name(page):
    named = 0
    for entry in pages.PAGES:
        open_page(page, entry)
        for el in page.locator(f"{ECHARTS}, .mm-live canvas").all():
            label = el.get_attribute("aria-label") or ""
            assert el.get_attribute("role") == "img" and len(label) > 20, (entry.key, label)
            named += 1
    assert named >= 20  # every page's charts were there to be named


def test_the_heatmap_downloads_a_png_and_so_does_the_live_panel(page):
    goto(page, "Bigram_counts")
    chart(page, "counts_heatmap").hover()
    png = page.locator(".st-key-counts_heatmap").get_by_role("button", name="Download as PNG")
    assert png.get_attribute("aria-label") == f"Download as PNG: {chart_label(page, 'counts_heatmap')}"
    with page.expect_download() as got:
        png.click()
    assert Path(got.value.path()).read_bytes().startswith(PNG)
    goto(page, "Neural_training")
    click(page, "Step")
    with page.expect_download() as got:
        page.locator(".mm-live").get_by_role("button", name="Download PNG").click()
    assert got.value.suggested_filename == "training_step_10.png"
    assert Path(got.value.path()).read_bytes().startswith(PNG)


def test_the_live_curve_shows_its_tail(page):
    goto(page, "Neural_training?speed=100")
    for _ in range(3):
        click(page, "Step")
    loss = page.locator(".mm-live canvas.mm-loss")
    box = loss.bounding_box()

    def first_step_shown() -> int:  # hover the left edge of the plot: the tip names the step there
        loss.hover(position={"x": 62, "y": box["height"] / 2})
        return int(page.locator(".mm-live .mm-tip").inner_text().split(" · ")[0].removeprefix("step ").replace(",", ""))

    assert first_step_shown() < 10
    page.locator(".mm-live select").select_option(label="last 200 steps")
    assert 100 <= first_step_shown() <= 110  # of 300 steps, the last 200


# Every element inside a metric's value whose text runs past its box (Streamlit cuts it with "…").
CUT_METRICS = """() => [...document.querySelectorAll('[data-testid=stMetricValue]')].flatMap((m) =>
  [m, ...m.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1).map(() => m.textContent))"""


def test_presenter_mode_shows_every_number_of_the_counts_page_whole(page):
    goto(page, "Bigram_counts?present=true")
    page.wait_for_selector(".mm-stage[data-present='1']", state="attached")
    page.wait_for_timeout(300)  # presenter mode's type is a class on <body>, set as the stage is drawn
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert len(values) == 7 and "-568,771.76" in values, values  # the loss's four and the word's three
    assert page.evaluate(CUT_METRICS) == []
    no_exception(page)


@pytest.fixture(scope="module")
def dark_server():
    with running_app(ROOT / "tests" / "e2e" / "server_dark.log", ["--theme.base", "dark"]) as app:
        yield app


def test_the_dark_theme_renders_every_page(browser, dark_server):
    pg = new_page(browser, dark_server.url)
    try:
        for entry in pages.PAGES:
            open_page(pg, entry)
            background = pg.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
            assert sum(map(int, background[4:-1].split(",")[:3])) < 150, (entry.key, background)  # dark
        goto(pg, "Neural_training")
        text = pg.evaluate("getComputedStyle(document.querySelector('.mm-live')).color")
        assert sum(map(int, text[4:-1].split(",")[:3])) > 500, text  # the live panel's text is the theme's, light
    finally:
        pg.context.close()
