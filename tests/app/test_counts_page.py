"""The bigram counts page: the heatmap's views, k moving the NLL, scoring a word."""

from __future__ import annotations

import math

from apphelpers import PAGE, component_data, metric, notes, stat, table_cells, upload


def test_runs_clean_and_shows_the_lectures_numbers(app):
    at = app("counts")
    assert not at.exception
    assert stat(at, "mean NLL (the loss)") == "2.4546"  # k = 1 by default, the lecture's N+1
    assert stat(at, "uniform baseline ln 27") == "3.2958"
    heat = component_data(at, "counts_heatmap")
    z = heat["dataset"]["source"]["value"]
    assert len(z) == 27 * 27 and z[1] == 4501  # N['.', 'a']
    assert z[0] == 0  # nothing follows '.' to '.'
    assert heat["dataset"]["source"].loc[1, ["cell", "label"]].tolist() == [".a", "4501"]  # the lecture's labels
    assert heat["alt"] == "Bigram counts (N) of names.txt (US baby names, 2017), 27×27, largest n→. 6,860"


def test_k_changes_the_nll_and_the_probabilities(app):
    at = app("counts")
    at.select_slider(key="k").set_value(0).run()
    assert stat(at, "mean NLL (the loss)") == "2.4540"
    at.select_slider(key="k").set_value(1_000_000).run()
    assert 3.29 < float(stat(at, "mean NLL (the loss)")) < 3.2958  # all but uniform
    at.radio(key="view").set_value("probabilities").run()
    heat = component_data(at, "counts_heatmap")
    z = heat["dataset"]["source"]["value"]
    assert abs(sum(z[5 * 27 : 6 * 27]) - 1) < 1e-9 and abs(z[5 * 27 + 5] - 1 / 27) < 1e-4


def test_log_probability_view_has_no_nan(app):
    at = app("counts")
    at.select_slider(key="k").set_value(0).run()
    at.radio(key="view").set_value("log-probabilities").run()
    heat = component_data(at, "counts_heatmap")["dataset"]["source"]
    assert all(math.isfinite(v) for v in heat["value"]) and heat.loc[0, "label"] == "-∞"  # coloured, and said


def test_score_a_word(app):
    at = app("counts")
    table = table_cells(at.table[-1])
    assert table["bigram"].tolist() == [".a", "an", "nd", "dr", "re", "ej", "jq", "q."]
    at.text_input(key="word").set_value("zoë").run()
    assert at.error and "never uses" in at.error[0].value


def test_infinite_nll_is_explained(app):
    at = upload(app("home"), "w.txt", b"emma\nava\n")
    at.switch_page(PAGE["counts"]).run()
    at.select_slider(key="k").set_value(0).run()
    at.text_input(key="word").set_value("eva").run()
    assert metric(at, "NLL") == "∞"
    assert at.warning and "ev" in at.warning[0].value and "never occurs" in at.warning[0].value
    at.select_slider(key="k").set_value(1).run()
    assert metric(at, "NLL") != "∞" and not at.warning


def test_dev_split_reports_dev_nll(app):
    at = app("counts")
    at.toggle(key="split").set_value(True).run()
    assert not at.exception
    assert any("dev NLL" in n for n in notes(at))
