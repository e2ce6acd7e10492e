"""The Bigram counts page: the heatmap's views, k moving the NLL, scoring a word, and the same page at any order
(order 2 is the lecture's page)."""

from __future__ import annotations

import math

import pytest
from apphelpers import PAGE, at_order, component_data, metric, notes, stat, table_cells, upload

from makemore import CountsModel, Vocab


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
    assert heat["alt"] == "Bigram counts (N) of US names 2017 (built in), 27×27, largest n→. 6,860"


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


def test_huge_k_on_every_view(app):
    at = app("counts")
    at.select_slider(key="k").set_value(1_000_000).run()
    for view in ("counts", "probabilities", "log-probabilities"):
        at.radio(key="view").set_value(view).run()
        assert not at.exception
    assert math.isfinite(float(stat(at, "mean NLL (the loss)")))


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
    at = upload(app(), "w.txt", b"emma\nava\n")
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


def test_order_2_is_the_lectures_page(app):
    at = app("counts")
    assert at.title[0].value == "Bigram counts"
    assert component_data(at, "counts_heatmap")["yAxis"]["name"] == "first character"  # not a context


@pytest.mark.parametrize("n", [1, 3, 5])
def test_counts_page_at_any_order(app, names, n):
    at = at_order(app("counts"), n)
    m = CountsModel.from_words(names, Vocab.from_words(names), order=n)
    assert stat(at, "mean NLL (the loss)") == f"{m.evaluate(k=1).mean_nll:.4f}"
    unit = {1: "unigram", 3: "trigram", 5: "5-gram"}[n]
    assert stat(at, f"{unit}s") == "231,718"  # word windows: every character and every end, whatever n
    heat = component_data(at, "counts_heatmap")
    assert len(heat["dataset"]["source"]) == len(heat["yAxis"]["data"]) * 27 and "bigram" not in heat["title"]["text"]
    assert not [t for t in at.title if "Bigram" in t.value]
    assert table_cells(at.table[0]).columns[0] == unit  # the top table names what it counts


def test_the_slice_and_the_context_lookup_at_order_3(app, names):
    at = at_order(app("counts"), 3)
    at.text_input(key="ctx").set_value("e").run()
    heat = component_data(at, "counts_heatmap")
    assert heat["yAxis"]["data"][1] == "ea" and "contexts 'e' + row" in heat["title"]["text"]
    m = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    row = m.N[m.row_of(m.vocab.encode("em"))]
    at.text_input(key="look").set_value("em").run()
    assert any(f"seen {int(row.sum()):,} times" in c.value for c in at.caption)
    contexts = [t for t in at.table if "context" in t.value.columns]
    assert contexts and contexts[0].value["seen"].iloc[0] == int(m.N.sum(1).max())
