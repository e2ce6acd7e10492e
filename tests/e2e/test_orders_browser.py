"""The Orders & smoothing page in Chromium: the grid runs with a progress bar, its table and chart appear, the
test words are scored once; and the counts page at order 3."""

from __future__ import annotations

import re

import pytest
from browser import button, chart, goto, metric, no_exception, on_chart, settle, shoot

pytestmark = pytest.mark.e2e


def test_grid_table_chart_and_the_test_words_once(page):
    goto(page, "Orders?split=true")
    no_exception(page)
    assert chart(page, "orders_positions").get_attribute("aria-busy") == "false"  # loss by position, drawn
    button(page, "Run the grid").click()
    page.wait_for_selector("[data-testid='stProgress']", timeout=30_000)  # it fills live, one model a step
    settle(page)
    assert page.locator("[data-testid='stProgress']").count() == 0
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    assert "best: order 4, k = 0.1" in on_chart(page, "orders_chart", "c => c.getOption().legend[0].data.join()")
    main = page.inner_text("[data-testid='stMain']")
    assert "best: order 4, k = 0.1" in main
    test = button(page, "Score the test words (once)")
    assert test.is_enabled()
    test.click()
    settle(page)
    assert re.fullmatch(r"2\.\d{4}", metric(page, "test NLL (order 4, k = 0.1)"))
    assert button(page, "Score the test words (once)").is_disabled()
    assert "used once" in page.inner_text("[data-testid='stMain']")
    no_exception(page)
    shoot(page, "orders")


def test_counts_page_at_order_3(page):
    goto(page, "Bigram_counts?order=3")
    no_exception(page)
    goto(page, "Orders?order=3&windows=stream")
    no_exception(page)
    settle(page)
