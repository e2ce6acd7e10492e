"""The sampling page: stepping, finishing, new words, reset, models and streams."""

from __future__ import annotations

from apphelpers import PAGE, component_data, sampled_word, table_cells


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
    assert history["ended"].tolist() == [".", "."]
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
