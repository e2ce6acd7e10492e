"""Issue 11 under AppTest: the Bigram counts and Sampling pages at any order (order 2 is the lecture's page)."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, component_data, stat, table_cells

from makemore import CountsModel, Sampler, Vocab, default_words
from makemore.app.pages import PAGES


@pytest.fixture(scope="module")
def names():
    return default_words().words


def at_order(app, page: str, n: int):
    at = app(page)
    at.select_slider(key="order").set_value(n).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("n", [1, 3, 5])
def test_counts_page_at_any_order(app, names, n):
    at = at_order(app, "counts", n)
    m = CountsModel.from_words(names, Vocab.from_words(names), order=n)
    assert stat(at, "mean NLL (the loss)") == f"{m.evaluate(k=1).mean_nll:.4f}"
    unit = {1: "unigram", 3: "trigram", 5: "5-gram"}[n]
    assert stat(at, f"{unit}s") == "231,718"  # word windows: every character and every end, whatever n
    heat = component_data(at, "counts_heatmap")
    assert len(heat["dataset"]["source"]) == len(heat["yAxis"]["data"]) * 27 and "bigram" not in heat["title"]["text"]
    assert not [t for t in at.title if "Bigram" in t.value]
    assert table_cells(at.table[0]).columns[0] == unit  # the top table names what it counts


def test_the_slice_and_the_context_lookup_at_order_3(app, names):
    at = at_order(app, "counts", 3)
    at.text_input(key="ctx").set_value("e").run()
    heat = component_data(at, "counts_heatmap")
    assert heat["yAxis"]["data"][1] == "ea" and "contexts 'e' + row" in heat["title"]["text"]
    m = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    row = m.N[m.row_of(m.vocab.encode("em"))]
    at.text_input(key="look").set_value("em").run()
    assert any(f"seen {int(row.sum()):,} times" in c.value for c in at.caption)
    contexts = [t for t in at.table if "context" in t.value.columns]
    assert contexts and contexts[0].value["seen"].iloc[0] == int(m.N.sum(1).max())


def test_order_2_is_the_lectures_page(app):
    at = app("counts")
    assert at.title[0].value == "Bigram counts"
    assert component_data(at, "counts_heatmap")["yAxis"]["name"] == "first character"  # not a context


@pytest.mark.parametrize("n", [1, 3, 5])
def test_sampling_page_at_any_order_draws_the_clis_words(app, names, n):
    at = at_order(app, "sampling", n)
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


@pytest.mark.parametrize("n", [1, 3, 5])
def test_every_page_runs_at_orders_1_3_and_5(app, n):
    at = app("home")
    at.select_slider(key="order").set_value(n).run()
    for page in (p.file for p in PAGES):
        at.switch_page(page).run()
        at.select_slider(key="order").set_value(n).run()  # AppTest keeps no address between pages
        assert not at.exception, (page, at.exception)
        assert at.select_slider(key="order").value == n


def test_an_order_the_vocabulary_cannot_hold_is_one_line(app):
    """200 characters at order 10: 200^9 contexts cannot be numbered in 64 bits; every page says so and stops."""
    from apphelpers import upload

    words = "\n".join(chr(0x4E00 + i) * 2 + chr(0x4E00 + (i + 1) % 200) for i in range(200)).encode()
    at = upload(app("home"), "wide.txt", words + b"\n")
    for page in (PAGE["counts"], PAGE["sampling"], PAGE["training"]):
        at.switch_page(page).run()
        at.select_slider(key="order").set_value(10).run()
        assert not at.exception, (page, at.exception)
        assert at.error and "choose order 9 or lower" in at.error[0].value.replace("\\", "")
