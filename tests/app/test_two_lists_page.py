"""The Two lists page: a second list beside the first, the presets, the 2×2 table at any order, a failed upload
that changes nothing, and words shown as typed."""

from __future__ import annotations

import math

from apphelpers import PAGE, component_data, ran_clean, upload

from makemore.datasets import us_names
from makemore.two_lists import compare


def table(at):
    return at.table[0].value


def test_the_girls_vs_boys_preset_fills_the_table(app):
    at = ran_clean(app("two_lists"))
    assert any("Pick a preset" in i.value for i in at.info)
    at.button(key="preset_0").click().run()
    assert not at.exception
    r = compare(us_names(2017, 2017, "girls"), us_names(2017, 2017, "boys"), k=1)
    t = table(at)
    assert t.loc["model of A", "words of B"] == f"{r.nll['a']['b']:.4f}"
    assert t.loc["model of B", "words of B"] == f"{r.nll['b']['b']:.4f}"
    assert float(at.metric[0].value) > 0  # the boys' names cost extra under the girls' model
    assert len(component_data(at, "two_pa")["dataset"]["source"]) == 27 * 27
    scale = component_data(at, "two_ratio")["visualMap"]
    assert scale["min"] == -scale["max"] < 0  # diverging: symmetric around 0
    samples = [t.value for t in at.table if "model of A" in t.value.columns and "model of B" in t.value.columns]
    assert samples and len(samples[-1]) == 10


def test_k0_shows_infinity_and_says_why(app):
    at = ran_clean(app("two_lists"))
    at.select_slider(key="k").set_value(0).run()
    at.button(key="preset_1").click().run()
    t = table(at)
    assert "∞" in (t.loc["model of A", "words of B"], t.loc["model of B", "words of A"])
    assert any("never has" in w.value for w in at.warning)


def test_a_second_upload_that_fails_changes_nothing_and_the_first_lists_net_survives(app):
    at = app("training")
    at.button(key="train_step").click().run()
    step = component_data(at, "train_live")["step"]
    at.switch_page(PAGE["two_lists"]).run()
    at.radio(key="b_source").set_value("upload").run()
    at.file_uploader(key="b_upload").set_value(("pets.txt", b"rex\nfido\nbuddy\n", "text/plain")).run()
    assert "pets.txt" in at.text[1].value
    at.file_uploader(key="b_upload").set_value(("x.png", b"\x89PNG\r\n\x1a\n", "image/png")).run()
    assert at.error and "as they were" in at.error[0].value
    assert "pets.txt" in at.text[1].value  # B kept
    assert not math.isnan(float(table(at).loc["model of A", "words of A"]))
    at.switch_page(PAGE["training"]).run()
    assert component_data(at, "train_live")["step"] == step  # loading a second list never touched the first's net


def test_any_order(app):
    at = ran_clean(app("two_lists"))
    at.select_slider(key="order").set_value(3).run()
    at.button(key="preset_0").click().run()
    assert not at.exception
    r = compare(us_names(2017, 2017, "girls"), us_names(2017, 2017, "boys"), k=1, order=3)
    assert table(at).loc["model of A", "words of A"] == f"{r.nll['a']['a']:.4f}"


def test_words_in_tables_are_shown_as_typed(app):
    """st.table renders Markdown in its cells: a word from a list must not become a link or bold text."""
    at = upload(app(), "md.txt", b"[x](http://e.com)\n**bold**\nann\n")
    at.switch_page(PAGE["two_lists"]).run()
    at.button(key="preset_1").click().run()
    at.button(key="use_sidebar").click().run()
    cells = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    assert any("\\[x\\]" in c for c in cells) and not any("[x](http" in c for c in cells)
