"""Tables (makemore/views/tables.py): the pages' DataFrames, built without Streamlit and asserted on their cells."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from makemore import CountsModel, Sampler, Vocab, make_examples
from makemore.grid import GridRow
from makemore.positions import loss_by_position, summary
from makemore.two_lists import compare
from makemore.views import tables
from makemore.views.slices import ContextError


def test_top_bigrams_and_a_word_scored(names_model):
    top = tables.top_ngrams(names_model, k=0, n=3)
    assert top["bigram"].tolist()[:2] == ["n.", "a."] and top["count"].is_monotonic_decreasing
    s = tables.score_table(names_model.score("emma", k=1))
    assert s["bigram"].tolist() == [".e", "em", "mm", "ma", "a."]
    assert (s["NLL"] == -s["log P"]).all()


def test_tables_name_the_ngram_at_any_order(names):
    v = Vocab.from_words(names)
    tri = CountsModel.from_words(names, v, order=3)
    top = tables.top_ngrams(tri, n=5)
    assert top.columns[0] == "trigram" and all(len(g) == 3 for g in top["trigram"])
    assert top["count"].tolist() == sorted(top["count"].tolist(), reverse=True)
    ex = make_examples(names, v, 3)
    plain = Counter(v.decode(x) + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist(), strict=True))
    assert top["count"][0] == plain.most_common(1)[0][1] and plain[top["trigram"][0]] == top["count"][0]
    table = tables.score_table(tri.score("emma"))
    assert table.columns[0] == "trigram" and table["trigram"].tolist()[0] == "..e"
    contexts = tables.top_contexts(tri, 3)
    assert contexts["context"].tolist()[0] == ".." and contexts["seen"][0] == len(names)


def test_a_typed_context_is_padded_like_a_word_start(names):
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    found = tables.context_row(tri, "e", k=0)
    assert found["context"] == ".e" and found["table"]["P"].is_monotonic_decreasing
    assert found["seen"] == int(found["table"]["count"].sum())
    with pytest.raises(ContextError, match="not a character"):
        tables.context_row(tri, "é", k=0)


def test_samples_and_draws(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    s.step()
    s.step()
    draws = tables.draws_table(s.shown, names_model.vocab)
    assert draws["after"].tolist()[0] == "." and draws["drew"].tolist() == ["m", "o"]
    assert draws.columns.tolist() == ["after", "drew", "p", "u"]
    s.finish()
    table = tables.samples_table(s.history)
    assert table["word"].tolist() == ["mor"] and table["ended"].tolist() == ["ended the word"]
    torch_draws = Sampler(names_model, stream="torch")
    torch_draws.step()
    assert math.isnan(tables.draws_table(torch_draws.shown, names_model.vocab)["u"][0])  # no single uniform
    pair = tables.samples_side_by_side({"counts model": ["mor", "axx"], "neural net": ["mor", "ax"]}, same=True)
    assert pair.to_dict("records")[1] == {"counts model": "axx", "neural net": "ax", "same": False}


def test_nll_table_shows_infinity_as_text():
    rows = [{"model": "counts", "split": "dev", "NLL": math.inf}, {"model": "net", "split": "train", "NLL": 2.5}]
    assert tables.nll_table(rows).to_dict("records") == [
        {"model": "counts", "train NLL": "–", "dev NLL": "∞"},
        {"model": "net", "train NLL": "2.5000", "dev NLL": "–"},
    ]


def test_the_lambda_sweep_has_a_dev_column_only_with_a_split():
    rows = [{"λ": 0.1, "lr": 50.0, "train": 2.5, "dev": 2.6}]
    assert tables.lambda_sweep(rows, dev=True).columns.tolist() == ["λ", "lr", "train", "dev"]
    assert tables.lambda_sweep([], dev=False).columns.tolist() == ["λ", "lr", "train"]


def test_grid_and_positions_tables():
    rows = [GridRow(2, 0, 2.4, math.inf), GridRow(3, 0.1, 2.1, 2.3)]
    t = tables.grid_table(rows, rows[1])
    assert t.to_dict("records") == [
        {"order": 2, "k": "0", "train NLL": "2.4000", "dev NLL": "∞", "best": ""},
        {"order": 3, "k": "0.1", "train NLL": "2.1000", "dev NLL": "2.3000", "best": "◀"},
    ]
    words = ["ab", "abc", "b"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    p = tables.positions_table({2: summary(loss_by_position(m, m.examples(words)))})
    assert p.to_dict("records") == [
        {
            "order": 2,
            "predictions": "9",
            "mean NLL": "0.4243",
            "without the first character": "0.3183",
            "predictions without it": "6",
        }
    ]


def test_two_lists_tables():
    a, b = ["emma", "ava", "anna", "bob"], ["bob", "ben", "ava", "emma"]
    r = compare(a, b, k=0)
    nll = tables.two_lists_nll(r)
    assert (
        nll.loc["model of A", "words of B"] == "∞" and nll.loc["model of A", "words of A"] == f"{r.nll['a']['a']:.4f}"
    )
    moved = tables.moved_table(r.moved_up)
    assert moved.columns.tolist() == ["n-gram", "count A", "count B", "P in A", "P in B", "log ratio"]
    shares = tables.char_shares(a, b)
    assert shares.columns.tolist() == ["character", "share in A", "share in B", "B − A"]
    assert shares["B − A"].abs().is_monotonic_decreasing and set(shares["character"]) == set("emavnbo")
    assert tables.word_nlls([("bob", 3.5)]).to_dict("records") == [{"word": "bob", "NLL": 3.5}]
