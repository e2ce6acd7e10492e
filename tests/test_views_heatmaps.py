"""Heatmaps (makemore/views/heatmaps.py): the data the canvas heatmap is given, for every matrix a page draws."""

from __future__ import annotations

import math

import pytest
import torch

from makemore import ConcatNet, CountsModel, FullNet, Trainer, Vocab, make_examples
from makemore.views import heatmaps
from makemore.views.slices import context_slice
from makemore.windows import word_start_codes


def test_counts_view_is_N_with_lecture_labels(names_model):
    d = heatmaps.counts_heatmap(names_model, k=1, view="counts")
    assert d["z"] == [float(v) for v in names_model.N.flatten().tolist()]
    assert d["labels"] == names_model.vocab.itos
    assert d["cells"][27] == ["a.", "6773"]  # bigram and count, like the lecture's picture
    assert d["N"][27] == 6773 and d["P"][27] == pytest.approx(float(names_model.P(1)[1, 0]), abs=0)
    assert d["col_title"] == "rows: first character · columns: second character" and "row_labels" not in d


def test_probability_and_log_views(names_model):
    P = names_model.P(0.5)
    d = heatmaps.counts_heatmap(names_model, k=0.5, view="probabilities")
    assert (
        d["z"][3 * 27 + 4] == pytest.approx(float(P[3, 4]), rel=1e-5)
        and d["cells"][3 * 27 + 4][1] == f"{float(P[3, 4]):.2f}"
    )
    assert d["title"] == "probabilities (P with k=0.5)"
    logz = heatmaps.counts_heatmap(names_model, k=0, view="log-probabilities")
    assert all(math.isfinite(v) for v in logz["z"])  # -inf clamped for colour
    assert ["..", "-∞"] == logz["cells"][0]  # but the cell says what it is
    assert logz["cells"][1] == [".a", f"{math.log(float(names_model.P(0)[0, 1])):.1f}"]
    with pytest.raises(ValueError, match="unknown view"):
        heatmaps.view_matrix(names_model, 0, "bogus")


def test_labels_are_text_and_show_spaces():
    words = ["<b>", "a b", "&x"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    d = heatmaps.counts_heatmap(m, view="counts")
    assert "<" in d["labels"] and "␣" in d["labels"] and "&" in d["labels"]  # drawn as text on a canvas
    assert any(cell[0] == "a␣" for cell in d["cells"])  # a cell's bigram joins two visible characters


def test_large_vocabulary_shows_the_most_frequent_characters():
    words = [chr(0x4E00 + i) * 2 + chr(0x4E00 + i + 1) for i in range(300)] + [chr(0x4E00)] * 50
    m = CountsModel.from_words(words, Vocab.from_words(words))
    d = heatmaps.counts_heatmap(m, view="counts")
    assert len(d["labels"]) == heatmaps.MAX_HEATMAP_CHARS
    assert d["cells"] is None  # no per-cell labels where they cannot fit
    assert "most frequent" in d["title"]
    assert chr(0x4E00) in d["labels"]  # the most frequent character is kept


def test_highlighted_row(names_model):
    assert heatmaps.counts_heatmap(names_model, view="counts", highlight_row=5)["highlight_row"] == 5
    P = names_model.P(1)
    assert heatmaps.matrix_heatmap(P, names_model.vocab.itos, "P", highlight_row=3)["highlight_row"] == 3


def test_any_matrix_and_its_gradient(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    logP = heatmaps.matrix_heatmap(names_model.logP(0), names_model.vocab.itos, "log P")
    assert len(logP["z"]) == 27 * 27 and all(math.isfinite(v) for v in logP["z"])
    assert logP["cells"] is None and logP["max_cell"] == 16 and "N" not in logP
    grad = heatmaps.matrix_heatmap(t.grads["W"], names_model.vocab.itos, "grad", diverging=True)
    assert grad["diverging"] and grad["z"][5] == pytest.approx(float(t.grads["W"].flatten()[5]), rel=1e-4)


def test_bigram_pictures_refuse_other_orders(names):
    """A trigram used to make the heatmap show 729 rows under 27 labels."""
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    for build in (lambda: heatmaps.counts_heatmap(tri), lambda: heatmaps.view_matrix(tri, 0, "counts")):
        with pytest.raises(ValueError, match=r"bigram.*order 3 .*729 rows"):
            build()


def test_matrix_pictures_refuse_rows_that_are_not_their_labels(names):
    v = Vocab.from_words(names)
    t = Trainer(FullNet(CountsModel.from_words(names[::20], v, order=3)))
    with pytest.raises(ValueError, match=r"729×27 matrix is not a V×V picture"):
        heatmaps.matrix_heatmap(t.model.W, v.itos, "W")
    assert len(heatmaps.matrix_heatmap(t.model.W[:27], v.itos, "W")["z"]) == 27 * 27


def test_a_slice_of_a_trigram_is_labelled_by_its_contexts(names):
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    s = context_slice(tri, "e", k=1)
    d = heatmaps.slice_heatmap(s, tri, 1, "counts", highlight_row=2)
    assert d["row_labels"][:3] == ["e.", "ea", "eb"] and d["highlight_row"] == 2
    assert d["title"] == "counts (N): contexts 'e' + row"
    assert d["col_title"] == "rows: the context (2 characters) · columns: the next character"
    assert d["cells"][27 + 14] == ["ean", str(int(s.N[1, 14]))]  # after "ea", n
    assert d["N"] == [int(v) for v in s.N.flatten().tolist()]
    uni = CountsModel.from_words(names, Vocab.from_words(names), order=1)
    u = heatmaps.slice_heatmap(context_slice(uni), uni, 0, "probabilities")
    assert u["row_labels"] == ["(no context)"] and u["title"] == "probabilities (P with k=0)"


def test_the_sampling_rows_highlight_the_row_read(names):
    v = Vocab.from_words(names)
    bi = CountsModel.from_words(names, v)
    d = heatmaps.sampling_rows(bi, bi.P(1), v.itos, (0, 5), 2)
    assert d["highlight_row"] == 5 and d["title"] == "the row used: 'e'" and len(d["z"]) == 27 * 27
    tri = CountsModel.from_words(names, v, order=3).with_k(1)
    d = heatmaps.sampling_rows(tri, None, v.itos, (5, 13), 3)
    assert d["highlight_row"] == 13 and d["row_labels"][13] == "em"
    assert d["title"] == "the row used: 'em' (rows: contexts 'e' + one character)"
    rows = tri.log_probs(torch.arange(5 * 27, 6 * 27)).exp()
    assert d["z"][13 * 27 + 1] == pytest.approx(float(rows[13, 1]), rel=1e-4)


def test_compare_pictures_are_titled_for_their_rows(names):
    v = Vocab.from_words(names)
    tri = CountsModel.from_words(names, v, order=3)
    s = context_slice(tri, ".", k=1)
    Q = torch.softmax(torch.zeros(27, 27), 1)
    p, q, diff = heatmaps.compare_heatmaps(s.P, Q, v.itos, 1, 3, ConcatNet(tri).probs_title(), s.row_labels)
    assert p["title"] == "P (counts, k=1): contexts '.' + row"
    assert q["title"] == "concat net's softmax: contexts '.' + row"
    assert diff["diverging"] and diff["title"] == "difference net − P: contexts '.' + row"
    assert diff["z"][0] == pytest.approx(float(Q[0, 0] - s.P[0, 0]), rel=1e-4)
    bi = CountsModel.from_words(names, v)
    titles = [d["title"] for d in heatmaps.compare_heatmaps(bi.P(0), bi.P(0), v.itos, 0, 2, FullNet(bi).probs_title())]
    assert titles == ["P (counts, k=0)", "softmax(W) (neural)", "difference softmax(W) − P"]
    assert len(word_start_codes(3, 27)) == 27


def test_two_lists_ratio_is_diverging_and_zero_where_both_lack_a_cell():
    a, b = ["ab", "ba"], ["aa", "ab"]
    v = Vocab.from_words(a + b)
    ma, mb = CountsModel.from_words(a, v), CountsModel.from_words(b, v)
    sa, sb = context_slice(ma), context_slice(mb)
    pa, pb, ratio = heatmaps.two_lists_heatmaps(sa, sb, ma, mb, 0)
    assert (pa["title"], pb["title"]) == ("P of A", "P of B") and not pa["diverging"]
    assert ratio["diverging"] and ratio["cells"] is None and ratio["N"] == pa["N"]
    assert ratio["z"][0] == 0.0  # "..": neither list has an empty word


def test_the_counts_readout_says_infinity_and_why(names_model):
    fit = names_model.evaluate(k=0)
    r = heatmaps.counts_readout(fit, 27, "bigram", 1e-16, split=True, k=0, dev=math.inf)
    assert r["stats"][0] == ["mean NLL (the loss)", "2.4540"]
    assert r["stats"][1] == ["log-likelihood", f"{fit.log_likelihood:,.2f}"]
    assert r["stats"][3] == ["uniform baseline ln 27", "3.2958"]
    assert "on the training split" in r["notes"][0] and "dev NLL is ∞" in r["notes"][1]
    scored = CountsModel.from_words(["ab"], Vocab.from_words(["ab", "ba"]))
    inf = scored.evaluate(make_examples(["ba"], scored.vocab, 2), k=0)
    assert heatmaps.counts_readout(inf, 3, "bigram", 0.0, split=False, k=0)["stats"][0][1] == "∞"
    assert heatmaps.row_sums_error(names_model, 1) < 1e-12
