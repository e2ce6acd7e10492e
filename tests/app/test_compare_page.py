"""The Compare page: losses and their gap, P against softmax(W), the k/λ sweep, samples side by side; one NLL for
one net with the training page; bounded on a hostile list; and the page at any order (order 2 is the lecture's)."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, at_order, caption, component_data, metric, table_cells, upload

from makemore import CountsModel, Vocab
from makemore.sweeps import smoothing_sweep


def test_runs_clean_untrained(app):
    at = app("compare")
    assert not at.exception
    assert at.info and "step 0" in at.info[0].value
    assert metric(at, "counts model (k = 1) NLL (train)") == "2.4546"  # the sidebar's k = 1, the lecture's N+1
    at.select_slider(key="k").set_value(0).run()
    assert metric(at, "counts model (k = 0) NLL (train)") == "2.4540"


def test_training_closes_the_gap_and_the_samples_meet(app):
    at = app("compare")
    before = float(metric(at, "gap (neural − counts)"))
    at.switch_page(PAGE["training"]).run()
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    for _ in range(3):
        at.button(key="train_step").click().run()
    at.switch_page(PAGE["compare"]).run()
    at.select_slider(key="k").set_value(0).run()  # the net at λ = 0 converges to the raw P
    after = float(metric(at, "gap (neural − counts)"))
    assert before > 1 and 0 <= after < 0.005
    samples = table_cells(at.table[-1])
    assert samples["same"].sum() >= 7
    scatter = component_data(at, "compare_scatter")["dataset"][0]["source"]  # a row a cell: x P, y softmax(W)
    assert len(scatter) == 27 * 27
    assert (scatter["x"] - scatter["y"]).abs().max() < 0.02  # near the diagonal


def test_sweep_shows_train_and_dev_with_the_split(app):
    at = app("compare")
    at.toggle(key="split").set_value(True).run()
    assert not at.exception
    panels = [component_data(at, key)["series"] for key in ("compare_sweep_k", "compare_sweep_lam")]
    assert [[s["name"] for s in p] for p in panels] == [["train NLL", "dev NLL"]] * 2  # for k and for λ
    assert all(len(s["data"]) >= 8 for p in panels for s in p)


def test_training_and_compare_give_one_nll_for_one_net(app):
    at = upload(app(), "abba.txt", b"ab\nba\naa\n")
    at.switch_page(PAGE["training"]).run()
    at.select_slider(key="speed").set_value(100).run()
    for _ in range(3):
        at.button(key="train_step").click().run()
    shown = caption(at, "W after step 300")
    assert shown.startswith("W after step 300")
    nll = shown.split("data NLL ")[1].split(" ")[0]
    at.switch_page(PAGE["compare"]).run()
    assert metric(at, "neural net NLL (train)") == nll
    assert "step 300" in at.metric[1].proto.help


def test_compare_caption_when_the_list_is_too_small_to_split(app):
    at = upload(app("compare"), "one.txt", b"anna\n")  # the word list is in the sidebar of every page
    at.toggle(key="split").set_value(True).run()
    assert any("too small to hold out dev words" in c.value for c in at.caption)
    assert not any("Turn on the dev/test split" in c.value for c in at.caption)


def test_a_thousand_character_alphabet_keeps_compare_bounded(app):
    words = "\n".join(chr(0x100 + i) * 3 for i in range(1000)).encode()  # V = 1,001
    at = upload(app(), "wide.txt", words)
    assert metric(at, "vocabulary V") == "1001"
    at.switch_page(PAGE["compare"]).run()
    assert not at.exception
    assert any("skipped, since V = 1,001" in c.value for c in at.caption)


def test_a_list_of_one_letter_has_a_point_at_every_lambda(app):
    at = upload(app(), "a.txt", b"a\n")
    at.switch_page(PAGE["compare"]).run()
    assert not at.exception
    sweep = [y for _, y in component_data(at, "compare_sweep_lam")["series"][0]["data"]]
    assert len(sweep) == 8 and all(y is not None for y in sweep)  # a point at every λ, λ = 3 included


# --- any order ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3, 5])
def test_compare_page_at_any_order(app, names, n):
    at = at_order(app("compare"), n)
    m = CountsModel.from_words(names, Vocab.from_words(names), order=n)
    assert metric(at, "counts model (k = 1) NLL (train)") == f"{m.evaluate(k=1).mean_nll:.4f}"  # the sidebar's k = 1
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


def test_compare_at_order_3_losses_sweeps_and_samples(app, trigram):
    at = at_order(app("compare"), 3)
    at.select_slider(key="k").set_value(0).run()
    assert metric(at, "counts model (k = 0) NLL (train)") == f"{trigram.evaluate(k=0).mean_nll:.4f}" == "2.1863"
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


def test_compare_follows_the_training_of_each_net_at_order_3(app):
    at = at_order(app("training"), 3)
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    at.button(key="train_step").click().run()
    at.switch_page(PAGE["compare"]).run()
    at_order(at, 3)
    at.select_slider(key="k").set_value(0).run()
    gap = float(metric(at, "gap (neural − counts)"))
    assert 0 < gap < 0.06  # the full net 1,000 steps in, against the trigram counts model at k = 0
