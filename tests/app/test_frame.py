"""The frame around every page (`streamlit_app.py`, `makemore/app/frame.py`): the sidebar's choices carried from
page to page, each visitor's session apart from the others', and every page at any order or on a list too small
to split, with a sentence where a page cannot show it."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, live, metric, upload

from makemore.app.pages import PAGES


def test_choices_survive_page_switches(app):
    at = upload(app(), "w.txt", b"anna\nbob\n")
    at.switch_page(PAGE["counts"]).run()
    at.select_slider(key="k").set_value(0).run()
    at.switch_page(PAGE["sampling"]).run()
    at.radio(key="model").set_value("neural").run()
    at.switch_page(PAGE["dataset"]).run()
    assert at.selectbox(key="data").value == "upload"
    assert metric(at, "words") == "2"
    at.switch_page(PAGE["counts"]).run()
    assert at.select_slider(key="k").value == 0
    at.switch_page(PAGE["sampling"]).run()
    assert at.radio(key="model").value == "neural"
    at.toggle(key="split").set_value(True).run()
    at.switch_page(PAGE["training"]).run()
    assert at.toggle(key="split").value is True  # the sidebar switch too
    assert not at.exception


def test_two_sessions_never_see_each_other(app):
    """Two visitors at once: one uploads and trains, the other still has the built-in list and an untrained net."""
    first = upload(app(), "mine.txt", b"anna\nbob\ncarl\n")
    first.switch_page(PAGE["training"]).run()
    first.button(key="train_step").click().run()
    second = app()
    assert metric(first.switch_page(PAGE["dataset"]).run(), "words") == "3"
    assert metric(second, "words") == "32,469"
    second.switch_page(PAGE["training"]).run()
    assert live(second)["step"] == "0"


def test_a_tiny_list_with_the_split_on_works_on_every_page(app):
    at = upload(app(), "one.txt", b"hello\n")
    at.toggle(key="split").set_value(True).run()
    assert at.warning and "too few" in at.warning[0].value
    for page in (PAGE["counts"], PAGE["sampling"], PAGE["training"], PAGE["compare"]):
        at.switch_page(page).run()
        assert not at.exception, page
        assert all("nan" not in m.value.lower() for m in at.metric), page


@pytest.mark.parametrize("n", [1, 3, 5])
def test_every_page_runs_at_orders_1_3_and_5(app, n):
    at = app()
    at.select_slider(key="order").set_value(n).run()
    for page in (p.file for p in PAGES):
        at.switch_page(page).run()
        at.select_slider(key="order").set_value(n).run()  # AppTest keeps no address between pages
        assert not at.exception, (page, at.exception)
        assert at.select_slider(key="order").value == n


def test_an_order_the_vocabulary_cannot_hold_is_one_line(app):
    """200 characters at order 10: 200^9 contexts cannot be numbered in 64 bits; every page says so and stops."""
    words = "\n".join(chr(0x4E00 + i) * 2 + chr(0x4E00 + (i + 1) % 200) for i in range(200)).encode()
    at = upload(app(), "wide.txt", words + b"\n")
    for page in (PAGE["counts"], PAGE["sampling"], PAGE["training"]):
        at.switch_page(page).run()
        at.select_slider(key="order").set_value(10).run()
        assert not at.exception, (page, at.exception)
        assert at.error and "choose order 9 or lower" in at.error[0].value.replace("\\", "")


def test_a_first_visit_is_pointed_at_the_tour_once(app):
    at = app("dataset")
    said = [i.value for i in at.main.info if "New here?" in i.value]
    assert said and "Lecture tour" in said[0]
    at.run()
    assert not [i for i in at.main.info if "New here?" in i.value]  # once a session
    linked = app("dataset", k="0.1")
    assert not [i for i in linked.main.info if "New here?" in i.value]  # a lecturer's link goes straight in


def test_the_exercises_controls_are_folded_until_used(app):
    fresh = app("counts")
    (box,) = [e for e in fresh.sidebar.expander if e.label.startswith("Exercises")]
    assert not box.proto.expanded
    linked = app("counts", order="3")
    (box,) = [e for e in linked.sidebar.expander if e.label.startswith("Exercises")]
    assert box.proto.expanded and linked.select_slider(key="order").value == 3
