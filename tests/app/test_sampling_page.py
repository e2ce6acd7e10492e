"""The Sampling page: stepping, finishing, new words, reset, models and streams, extreme settings, and the page
at any order (order 2 is the lecture's page)."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, at_order, component_data, sampled_word, table_cells

from makemore import CountsModel, Sampler, Vocab


def word_shown(at) -> str:
    return sampled_word(at)


def test_runs_clean_and_steps_three_characters(app):
    at = app("sampling")
    assert not at.exception
    for _ in range(3):
        at.button(key="sample_next").click().run()
    assert not at.exception
    assert word_shown(at) == ".mor"  # the lecture stream with the lecture's seed
    bars = component_data(at, "sample_dist")
    probs = [bar["value"] for bar in bars["series"][0]["data"]]
    assert len(probs) == 27 and abs(sum(probs) - 1) < 1e-5
    assert "after 'o' · drew 'r'" in bars["title"]["text"] and "u = 0.7236" in bars["alt"]  # the third draw
    framed = [r["value"] for r in component_data(at, "sample_rows")["yAxis"]["data"] if isinstance(r, dict)]
    assert framed == ["o"]  # the row the draw read
    assert len(table_cells(at.table[0])) == 3  # one row per draw


def test_finish_new_word_and_reset_are_deterministic(app):
    at = app("sampling")
    at.button(key="sample_finish").click().run()
    first = word_shown(at)
    at.button(key="sample_new").click().run()
    second = word_shown(at)
    assert (first, second) == (".mor.", ".axx.")
    history = table_cells(at.table[-1])
    assert history["word"].tolist() == ["mor", "axx"]
    assert history["ended"].tolist() == ["ended the word", "ended the word"]
    at.button(key="sample_reset").click().run()
    at.button(key="sample_finish").click().run()
    assert word_shown(at) == first


def test_stream_seed_temperature_topk(app):
    at = app("sampling")
    at.radio(key="stream").set_value("torch").run()
    at.button(key="sample_finish").click().run()
    assert word_shown(at) == ".cexze."  # the lecture's code on today's torch
    at.number_input(key="seed").set_value(1).run()
    at.button(key="sample_finish").click().run()
    assert word_shown(at) != ".cexze."
    at.select_slider(key="temp").set_value(0.01).run()
    at.number_input(key="topk").set_value(1).run()
    at.button(key="sample_finish").click().run()
    assert not at.exception
    greedy = word_shown(at)
    at.button(key="sample_finish").click().run()
    assert word_shown(at) == greedy  # top-1 is greedy: the same word every time


def test_neural_model_before_and_after_training(app):
    at = app("sampling")
    at.radio(key="model").set_value("neural").run()
    assert at.warning and "untrained" in at.warning[0].value
    at.switch_page(PAGE["training"]).run()
    at.select_slider(key="speed").set_value(250).run()
    for _ in range(2):
        at.button(key="train_step").click().run()
    at.switch_page(PAGE["sampling"]).run()
    assert not at.warning
    assert any("step 500" in c.value for c in at.caption)
    at.button(key="sample_finish").click().run()
    assert word_shown(at) == ".mor."  # the trained net samples the counts model's first word


def test_the_sampler_follows_a_reset_net(app):
    at = app("training")
    at.button(key="train_step").click().run()
    at.switch_page(PAGE["sampling"]).run()
    at.radio(key="model").set_value("neural").run()
    at.button(key="sample_finish").click().run()
    before = at.session_state["mm_sampling"].sampler
    at.switch_page(PAGE["training"]).run()
    at.number_input(key="init").set_value(7).run()
    at.button(key="train_reset").click().run()
    at.button(key="train_step").click().run()  # the same step count as before, another net
    assert at.session_state["mm_training"].trainer.seed == 7
    at.switch_page(PAGE["sampling"]).run()
    assert at.session_state["mm_sampling"].sampler is not before


def test_changing_the_seed_mid_word_says_what_was_set_aside(app):
    at = app("sampling")
    at.button(key="sample_finish").click().run()
    at.button(key="sample_next").click().run()
    at.number_input(key="seed").set_value(7).run()
    assert any("2 word(s) drawn before were set aside" in i.value for i in at.info)


def test_sampling_extremes_end(app):
    at = app("sampling")
    for temperature, top_k in ((0.01, 0), (100.0, 0), (1.0, 1), (100.0, 1)):
        at.select_slider(key="temp").set_value(temperature).run()
        at.number_input(key="topk").set_value(top_k).run()
        for _ in range(3):
            at.button(key="sample_finish").click().run()
        assert not at.exception
        assert word_shown(at).startswith(".")


@pytest.mark.parametrize("n", [1, 3, 5])
def test_sampling_page_at_any_order_draws_the_clis_words(app, names, n):
    at = at_order(app("sampling"), n)
    for _ in range(3):
        at.button(key="sample_finish").click().run()
    assert not at.exception
    m = CountsModel.from_words(names, Vocab.from_words(names), order=n, k=1)
    want = [s.word for s in Sampler(m, seed=2147483647, stream="lecture").sample(3)]
    words = table_cells(at.table[-1])["word"].tolist()
    assert words[-3:] == [w or "(empty)" for w in want]
    rows = component_data(at, "sample_rows")
    assert len(rows["yAxis"]["data"]) == (1 if n == 1 else 27) and "the row used" in rows["title"]["text"]
    steps = table_cells(at.table[-2])
    assert steps["after"].iloc[0] == ("(nothing)" if n == 1 else "." * (n - 1))  # the tape at a word's start
