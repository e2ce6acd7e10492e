"""The Neural training page: step, start/pause, lr and λ mid-training, divergence and reset, the stable lr it
offers, modes, and the page at any order with the full and concat nets (order 2 is the lecture's page)."""

from __future__ import annotations

import math
import re

import pytest
from apphelpers import PAGE, at_order, caption, component_data, live, upload

from makemore.health import offer
from makemore.models.concat import stable_lr_concat


def losses(at) -> list[float]:
    """The total loss per step as the live panel was sent it (AppTest runs the whole page: a full payload)."""
    return [p[1] for p in live(at)["points"]]


def step(at) -> str:
    return live(at)["step"]


def test_runs_clean_and_nothing_trains_on_load(app):
    at = app("training")
    assert not at.exception
    assert step(at) == "0"


def test_step_grows_the_history_and_the_loss_falls(app):
    at = app("training")
    at.button(key="train_step").click().run()
    at.button(key="train_step").click().run()
    ys = losses(at)
    assert len(ys) == 20
    assert abs(ys[0] - 3.7702) < 1e-4 and ys[-1] < ys[0]


def test_start_runs_ticks_and_pause_stops(app):
    at = app("training")
    at.button(key="train_start").click().run()
    assert step(at) == "10"
    at.run()  # each rerun while running is one tick of the fragment
    assert step(at) == "20"
    at.number_input(key="lr").set_value(10.0).run()  # changed while running
    at.number_input(key="lam").set_value(0.0).run()
    assert step(at) == "40"
    at.button(key="train_pause").click().run()
    steps = step(at)
    at.run()
    assert step(at) == steps == "40"
    ts = at.session_state["mm_training"]
    assert ts.trainer.history.lr[:20] == [50.0] * 20 and ts.trainer.history.lr[-10:] == [10.0] * 10
    assert ts.trainer.history.lam[-1] == 0.0


def test_divergence_shows_its_message_and_reset_recovers(app):
    at = app("training")
    at.number_input(key="lr").set_value(10000.0).run()
    at.button(key="train_start").click().run()
    assert at.error and "diverged" in at.error[0].value
    assert not at.session_state["mm_training"].running
    assert at.button(key="train_start").disabled
    at.number_input(key="lr").set_value(50.0).run()
    at.button(key="train_reset").click().run()
    assert not at.error and step(at) == "0"
    at.button(key="train_step").click().run()
    assert step(at) == "10"


def test_reset_uses_the_seed_in_the_box(app):
    at = app("training")
    at.number_input(key="init").set_value(3)
    at.button(key="train_reset").click().run()  # both arrive in one rerun
    assert at.session_state["mm_training"].trainer.seed == 3


def test_training_extremes_never_show_nan(app):
    at = app("training")
    for lr, lam in ((1e-6, 0.0), (1e6, 0.01), (50.0, 1000.0), (1e-6, 1000.0)):
        at.number_input(key="lr").set_value(lr).run()
        at.number_input(key="lam").set_value(lam).run()
        at.button(key="train_reset").click().run()
        at.button(key="train_step").click().run()
        assert not at.exception
        shown = [m.value for m in at.metric]
        assert not any("nan" in v.lower() for v in shown), (lr, lam, shown)
        if lr == 1e6 or (lam == 1000.0 and lr == 50.0):
            assert at.error and "diverged" in at.error[0].value, (lr, lam)
        else:
            assert not at.error
            assert math.isfinite(live(at)["loss"])


def test_training_says_when_lr_is_too_large_and_offers_a_stable_one(app):
    at = upload(app(), "emma.txt", b"emma\n")
    at.switch_page(PAGE["training"]).run()
    at.select_slider(key="speed").set_value(100).run()
    at.button(key="train_step").click().run()
    said = at.warning[0].value if at.warning else ""
    assert "at lr 50" in said and ("oscillates" in said or "above the uniform model's ln 4" in said)
    offered = at.button(key="train_use_safe_lr")
    assert offered.label == "Use lr = 9.93"  # the bound 9.938, rounded down
    offered.click().run()
    assert at.number_input(key="lr").value == 9.93
    assert live(at)["step"] == "100"  # nothing else changed: the same net goes on
    for _ in range(3):
        at.button(key="train_step").click().run()
    assert live(at)["nll"] < 0.35 and not at.warning  # the counts model's 0.2773 is the floor


def test_modes_agree_and_are_measured(app):
    at = upload(app(), "w.txt", "\n".join(["emma", "olivia", "ava", "mia", "sophia"] * 30).encode())
    at.switch_page(PAGE["training"]).run()
    results = {}
    for mode in ("counts", "index", "onehot"):
        at.radio(key="mode").set_value(mode).run()
        at.button(key="train_reset").click().run()
        at.button(key="train_step").click().run()
        assert not at.exception, mode
        results[mode] = losses(at)
    for mode in ("index", "onehot"):
        assert max(abs(a - b) for a, b in zip(results["counts"], results[mode], strict=True)) < 1e-4
    at.button(key="train_measure").click().run()
    assert any("counts:" in c.value and "onehot:" in c.value for c in at.caption)


def test_dev_curve_with_the_split(app):
    at = app("training")
    at.toggle(key="split").set_value(True).run()
    at.button(key="train_step").click().run()
    points = live(at)["points"]
    assert len(points) == 10 and all(p[3] is not None and p[3] > 0 for p in points)  # a dev NLL at every step


# --- any order, the full and concat nets ------------------------------------------------------------------


def shown_nll_and_floor(at) -> tuple[float, float]:
    """The page's data NLL of W and its counts floor, as the captions under the chart say them."""
    nll = float(re.search(r"data NLL (\d+\.\d+)", caption(at, "data NLL")).group(1))
    floor = float(re.search(r"k = 0\): (\d+\.\d+)", caption(at, "net − counts floor")).group(1))
    return nll, floor


@pytest.mark.parametrize("n", [1, 3, 5])
def test_training_page_at_any_order_draws_at_most_VxV_of_W_and_says_what(app, n):
    at = at_order(app("training"), n)
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
    if n == 5:  # a concat step at order 5 gathers and scatters ~10 M cells, more than a tick: refused in a sentence
        assert at.error and "more than a live tick's 50 ms" in at.error[0].value
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
    at = at_order(app("training"), 3)
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    for _ in range(2):
        at.button(key="train_step").click().run()
    full, floor = shown_nll_and_floor(at)
    assert floor == round(trigram.evaluate(k=0).mean_nll, 4)  # 2.1863: the trigram counts model, not the bigram's
    assert live(at)["step"] == "2,000" and 0 < full - floor < 0.04
    assert live(at)["nll"] - floor < 0.04  # the curve says the same
    assert any(r["y"] == pytest.approx(floor, abs=1e-4) for r in component_data(at, "train_live")["refs"])
    at.radio(key="net").set_value("concat").run()
    at.number_input(key="lr").set_value(20.0).run()  # lr 50 oscillates for concat (the page says so)
    for _ in range(2):
        at.button(key="train_step").click().run()
    concat, same_floor = shown_nll_and_floor(at)
    assert same_floor == floor and concat - floor > 0.1 and concat > full + 0.1
    assert "cannot in general close this gap" in caption(at, "net − counts floor")


def test_concat_at_lr_50_is_diagnosed_with_its_own_bound(app, trigram):
    at = at_order(app("training"), 3)
    at.radio(key="net").set_value("concat").run()
    at.select_slider(key="speed").set_value(100).run()
    at.button(key="train_step").click().run()
    bound = stable_lr_concat(trigram.table, 0.01)
    assert at.warning and "oscillates" in at.warning[0].value and "trigrams" in at.warning[0].value
    assert f"lr ≤ {offer(bound):g}" in at.warning[0].value  # 7.13, where the full net's bound says 28.5
