"""makemore part 2's MLP in Chromium (issue 21): trained live, the minibatch loss falls on the live panel, the
embedding plot moves in place, the learning-rate finder draws and its rate is taken in one click."""

from __future__ import annotations

import re

import pytest
from browser import (
    ECHARTS,
    WATCH_REMOVALS,
    chart_label,
    click,
    goto,
    live_rest,
    no_exception,
    on_chart,
    settle,
)

pytestmark = pytest.mark.e2e


def positions(page) -> list:
    """Where the embedding chart draws its first characters now (the data of its series, from ECharts)."""
    return on_chart(page, "mlp_embedding", "c => c.getOption().series.map(s => s.data.slice(0, 3))")


def test_the_mlp_trains_live_and_its_embedding_moves(page):
    goto(page, "Neural_training?net=mlp&order=4&split=true&emb=2")
    no_exception(page)
    assert "C[:, 0] and C[:, 1]" in chart_label(page, "mlp_embedding")
    page.evaluate(WATCH_REMOVALS, f".st-key-mlp_embedding {ECHARTS}")
    before = positions(page)
    # the whole training set's NLL at step 0 (the lecture's unscaled init: ~27), as the page's caption says it
    at_start = page.get_by_text("Whole sets after step 0:").first.inner_text()
    first_loss = float(re.search(r"train NLL ([0-9.]+)", at_start).group(1))
    click(page, "Start")
    page.wait_for_function("() => +(document.querySelector('.mm-live')?.dataset.step || 0) > 3000", timeout=90_000)
    click(page, "Pause")
    steps, aria = live_rest(page)
    assert steps > 3000
    # the whole sets are evaluated at the pause's step, over a few ticks (a large net's evaluation is spread)
    at_pause = page.get_by_text(f"Whole sets after step {steps:,}:").first
    at_pause.wait_for(timeout=30_000)
    pause_loss = float(re.search(r"train NLL ([0-9.]+)", at_pause.inner_text()).group(1))
    assert pause_loss < 3.0 < first_loss  # the whole training set's NLL, at the pause and at step 0
    page.wait_for_function(  # the panel shows the same, once it has drawn that update
        """(want) => [...document.querySelectorAll('.mm-live .mm-stat')].some((b) =>
          b.querySelector('.mm-stat-label')?.textContent.includes('train NLL') &&
          b.querySelector('.mm-stat-value')?.textContent.trim() === want)""",
        arg=f"{pause_loss:.4f}",
        timeout=30_000,
    )
    label = chart_label(page, "mlp_embedding")
    assert f"at step {steps:,}" in label, label
    assert positions(page) != before  # the points moved ...
    assert page.evaluate("window.__removed") == 0  # ... in the same chart, never re-created
    assert aria.startswith(f"Loss curve, step {steps:,}: minibatch loss") and "dev NLL (whole set)" in aria
    no_exception(page)


def test_the_learning_rate_finder_in_one_click(page):
    goto(page, "Neural_training?net=mlp&order=3")
    click(page, "Find the learning rate")
    assert chart_label(page, "mlp_lr_finder").startswith("Learning-rate finder")
    use = page.get_by_role("button", name=re.compile(r"^Use this rate: ")).first
    rate = use.inner_text().rsplit("=", 1)[1].strip()  # "Use this rate: 10^-0.79 = 0.162"
    use.click()
    settle(page)
    assert page.get_by_label("Learning rate").input_value() == rate
    assert f"mlr={rate}" in page.url
    no_exception(page)
