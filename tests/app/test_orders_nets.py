"""Issue 11 under AppTest: the Neural training and Compare pages at any order n, with the full and concat nets
(order 2 is the lecture's page, tested in test_training_page.py and test_compare_page.py)."""

from __future__ import annotations

import re

import pytest
import torch
from apphelpers import PAGE, component_data, live, metric, table_cells

from makemore import ConcatNet, CountsModel, Trainer, Vocab, default_words
from makemore.health import offer
from makemore.models.concat import stable_lr_concat
from makemore.sweeps import smoothing_sweep


@pytest.fixture(scope="module")
def names():
    return default_words().words


@pytest.fixture(scope="module")
def trigram(names):
    return CountsModel.from_words(names, Vocab.from_words(names), order=3)


def at_order(app, page: str, n: int):
    at = app(page)
    at.select_slider(key="order").set_value(n).run()  # on the page itself: AppTest keeps no address between pages
    assert not at.exception, at.exception
    return at


def caption(at, text: str) -> str:
    return next(c.value for c in at.caption if text in c.value)


def shown(at) -> tuple[float, float]:
    """The training page's data NLL of W and its counts floor, as the captions under the chart say them."""
    nll = float(re.search(r"data NLL (\d+\.\d+)", caption(at, "data NLL")).group(1))
    floor = float(re.search(r"k = 0\): (\d+\.\d+)", caption(at, "net − counts floor")).group(1))
    return nll, floor


@pytest.mark.parametrize("n", [1, 3, 5])
def test_training_page_at_any_order_draws_at_most_VxV_of_W_and_says_what(app, n):
    at = at_order(app, "training", n)
    at.button(key="train_step").click().run()
    assert not at.exception and live(at)["step"] == "10"
    d = component_data(at, "train_live")
    rows = 1 if n == 1 else 27
    assert len(d["heat"]["W"]) == len(d["heat"]["grad"]) == len(d["logP"]) == rows * 27
    assert len(d["row_labels"]) == len(d["logP_row_labels"]) == rows
    titles = " ".join(d["titles"].values())
    assert "bigram" not in titles
    if n == 1:
        assert "one row" in d["titles"]["W"] and d["row_labels"] == [""]
    else:
        prefix = "." * (n - 2)
        assert d["titles"]["W"].startswith(f"W rows for contexts '{prefix}' + row")
        assert d["row_labels"][1] == prefix + "a" and "+ row" in d["titles"]["logP"]
    at.radio(key="net").set_value("concat").run()
    assert not at.exception
    if n == 1:  # no context to concatenate: said in a sentence, the radio stays to choose full
        assert at.error and "no concat net" in at.error[0].value
        at.radio(key="net").set_value("full").run()
        assert not at.error and not at.exception
        return
    at.button(key="train_step").click().run()
    d = component_data(at, "train_live")
    assert len(d["heat"]["W"]) == 27 * 27 and d["titles"]["W"].startswith("W block for the last context character")
    assert d["row_labels"][1] == "…a" and d["logP_row_labels"][1] == "." * (n - 2) + "a"


def test_order_2_panel_keeps_the_lecture_titles(app):
    d = component_data(app("training"), "train_live")
    assert d["titles"]["W"] == "W at step {step} (the net's log-counts)"
    assert d["titles"]["logP"] == "log P of the counts model" and len(d["heat"]["W"]) == 27 * 27


def test_order_3_full_approaches_the_trigram_floor_and_concat_stays_above(app, trigram):
    at = at_order(app, "training", 3)
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    for _ in range(2):
        at.button(key="train_step").click().run()
    full, floor = shown(at)
    assert floor == round(trigram.evaluate(k=0).mean_nll, 4)  # 2.1863: the trigram counts model, not the bigram's
    assert live(at)["step"] == "2,000" and 0 < full - floor < 0.04
    assert live(at)["nll"] - floor < 0.04  # the curve says the same
    assert any(r["y"] == pytest.approx(floor, abs=1e-4) for r in component_data(at, "train_live")["refs"])
    at.radio(key="net").set_value("concat").run()
    at.number_input(key="lr").set_value(20.0).run()  # lr 50 oscillates for concat (the page says so)
    for _ in range(2):
        at.button(key="train_step").click().run()
    concat, same_floor = shown(at)
    assert same_floor == floor and concat - floor > 0.1 and concat > full + 0.1
    assert "cannot in general close this gap" in caption(at, "net − counts floor")


def test_concat_at_lr_50_is_diagnosed_with_its_own_bound(app, trigram):
    at = at_order(app, "training", 3)
    at.radio(key="net").set_value("concat").run()
    at.select_slider(key="speed").set_value(100).run()
    at.button(key="train_step").click().run()
    bound = stable_lr_concat(trigram.table, 0.01)
    assert at.warning and "oscillates" in at.warning[0].value and "trigrams" in at.warning[0].value
    assert f"lr ≤ {offer(bound):g}" in at.warning[0].value  # 7.13, where the full net's bound says 28.5


def test_below_the_concat_bound_gradient_descent_never_rises(names):
    """The bound's promise on samples of the names at orders 3-5, with a busy row: every step lowers the loss."""
    g = torch.Generator().manual_seed(0)
    v = Vocab.from_words(names)
    for n in (3, 4, 5):
        words = [names[int(i)] for i in torch.randint(len(names), (200,), generator=g)] + ["aaaa"] * 50
        m = CountsModel.from_words(words, v, order=n)
        t = Trainer(ConcatNet(m), lr=stable_lr_concat(m.table, 0.1), lam=0.1, seed=1)
        t.step(150)
        assert all(b <= a + 1e-6 for a, b in zip(t.history.loss, t.history.loss[1:], strict=False)), n


@pytest.mark.parametrize("n", [1, 3, 5])
def test_compare_page_at_any_order(app, names, n):
    at = at_order(app, "compare", n)
    m = CountsModel.from_words(names, Vocab.from_words(names), order=n)
    assert metric(at, "counts model NLL (train)") == f"{m.evaluate(k=1).mean_nll:.4f}"  # the sidebar's k = 1
    rows = 1 if n == 1 else 27
    for key in ("compare_P", "compare_Q", "compare_diff"):
        d = component_data(at, key)
        assert len(d["dataset"]["source"]) == rows * 27 and len(d["yAxis"]["data"]) == rows
    scatter = component_data(at, "compare_scatter")
    assert "seen in training" in scatter["title"]["text"] or n == 1
    assert len(scatter["dataset"][0]["source"]["point"][0]) == n  # a context and its next character
    at.radio(key="net").set_value("concat").run()
    assert not at.exception
    if n == 1:
        assert at.error and "no concat net" in at.error[0].value


def test_compare_at_order_3_losses_sweeps_and_samples(app, names, trigram):
    at = at_order(app, "compare", 3)
    at.select_slider(key="k").set_value(0).run()
    assert metric(at, "counts model NLL (train)") == f"{trigram.evaluate(k=0).mean_nll:.4f}" == "2.1863"
    assert table_cells(at.table[0])["model"].tolist()[0] == "trigram counts (k=0)"
    assert component_data(at, "compare_P")["yAxis"]["data"][:2] == ["..", ".a"]
    k_panel = component_data(at, "compare_sweep_k")["series"][0]
    want = smoothing_sweep(trigram, None)["train"].tolist()  # the trigram's sweep, not a cached bigram's
    assert [y for _, y in k_panel["data"]] == pytest.approx(want)
    assert component_data(at, "compare_sweep_lam")["series"] == []  # the λ sweep waits for a click
    at.button(key="compare_lam_sweep").click().run()
    assert not at.exception and not [b for b in at.button if b.key == "compare_lam_sweep"]
    lam = component_data(at, "compare_sweep_lam")["series"][0]["data"]
    assert len(lam) == 8 and lam[0][1] < 2.3  # 600 steps of the full trigram net at λ = 0.0001
    samples = table_cells(at.table[-1])
    assert len(samples) == 10 and samples["counts model"].str.len().gt(0).any()


def test_compare_follows_the_training_of_each_net_at_order_3(app, trigram):
    at = at_order(app, "training", 3)
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    at.button(key="train_step").click().run()
    at.switch_page(PAGE["compare"]).run()
    at.select_slider(key="order").set_value(3).run()
    at.select_slider(key="k").set_value(0).run()
    gap = float(metric(at, "gap (neural − counts)"))
    assert 0 < gap < 0.06  # the full net 1,000 steps in, against the trigram counts model at k = 0
