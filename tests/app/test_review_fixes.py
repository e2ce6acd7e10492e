"""Regressions found in review: tiny lists with the split, stale nets, seeds at reset, tick budgets, Markdown."""

from __future__ import annotations

import time

from apphelpers import PAGE, metric, upload


def test_a_tiny_list_with_the_split_on_works_on_every_page(app):
    at = upload(app("home"), "one.txt", b"hello\n")
    at.toggle(key="split").set_value(True).run()
    assert at.warning and "too few" in at.warning[0].value
    for page in (
        PAGE["counts"],
        PAGE["sampling"],
        PAGE["training"],
        PAGE["compare"],
    ):
        at.switch_page(page).run()
        assert not at.exception, page
        assert all("nan" not in m.value.lower() for m in at.metric), page


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


def test_reset_uses_the_seed_in_the_box(app):
    at = app("training")
    at.number_input(key="init").set_value(3)
    at.button(key="train_reset").click().run()  # both arrive in one rerun
    assert at.session_state["mm_training"].trainer.seed == 3


def test_an_expensive_mode_keeps_ticks_short(app):
    at = app("training")
    at.radio(key="mode").set_value("onehot").run()
    ts = at.session_state["mm_training"]
    ts.advance(1)  # measure one onehot step first
    start = time.perf_counter()
    done = ts.advance(1000, budget_s=0.05)
    assert 1 <= done < 1000
    assert time.perf_counter() - start < 2.0


def test_markdown_in_a_csv_header_is_shown_as_typed(app):
    at = upload(app("home"), "links.csv", b"[click](http://example.com),n\nemma,1\nava,2\n")
    assert metric(at, "words") == "2"
    note = next(c.value for c in at.caption if "table" in c.value)
    assert "\\[click\\]\\(http" in note  # escaped Markdown: shown as text, not a link
