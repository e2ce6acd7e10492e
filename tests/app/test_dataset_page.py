"""The Dataset page (the first page): the built-in names, normalisation, US names by year, and a new list
resetting the models."""

from __future__ import annotations

from apphelpers import PAGE, live, metric, upload


def test_runs_clean_on_the_builtin_names(app):
    at = app()
    assert not at.exception
    assert metric(at, "words") == "32,469"
    assert metric(at, "unique words") == "29,910"
    assert metric(at, "vocabulary V") == "27"
    assert metric(at, "longest") == "15"


def test_upload_a_small_list_and_normalise_it(app):
    at = upload(app(), "pets.txt", b"Rex\nfido\nrex\n\nBuddy\n")
    assert not at.exception and not at.error
    assert metric(at, "words") == "4"
    assert metric(at, "duplicates") == "0"
    assert any("Loaded pets" in i.value for i in at.info)
    assert any("blank line" in c.value for c in at.caption)
    at.checkbox(key="lower").check().run()
    assert metric(at, "duplicates") == "1"
    at.checkbox(key="dedupe").check().run()
    assert metric(at, "words") == "3"


def test_us_names_by_year(app):
    at = app()
    at.selectbox(key="data").set_value("years").run()
    at.slider(key="years").set_value((1950, 1950)).run()
    assert not at.exception
    assert metric(at, "words") != "32,469"
    assert any("US baby names 1950" in i.value for i in at.info)
    at.selectbox(key="data").set_value("builtin").run()
    assert metric(at, "words") == "32,469"


def test_switching_datasets_resets_the_models_and_says_so(app):
    at = app("training")
    at.button(key="train_step").click().run()
    assert live(at)["step"] == "10"
    at.switch_page(PAGE["dataset"]).run()
    at = upload(at, "tiny.txt", b"ab\nba\n")
    assert any("reset" in i.value for i in at.info)
    at.switch_page(PAGE["training"]).run()
    assert live(at)["step"] == "0"
    assert not at.exception
