"""Figures and tables, built without Streamlit and asserted on their data."""

from __future__ import annotations

import math
from collections import Counter

import pytest
import torch

from makemore import (
    CountsModel,
    FullNet,
    History,
    Sampler,
    Trainer,
    Vocab,
    figures,
    figures_live,
    figures_models,
    make_examples,
)
from makemore.sweeps import regularisation_sweep, smoothing_sweep


def test_heatmap_counts_view_is_N_with_lecture_labels(names_model):
    d = figures_live.heatmap_payload(names_model, k=1, view="counts")
    assert d["z"] == [float(v) for v in names_model.N.flatten().tolist()]
    assert d["labels"] == names_model.vocab.itos
    assert d["cells"][27] == ["a.", "6773"]  # bigram and count, like the lecture's picture
    assert d["N"][27] == 6773 and d["P"][27] == pytest.approx(float(names_model.P(1)[1, 0]), abs=0)


def test_heatmap_probability_and_log_views(names_model):
    P = names_model.P(0.5)
    d = figures_live.heatmap_payload(names_model, k=0.5, view="probabilities")
    assert (
        d["z"][3 * 27 + 4] == pytest.approx(float(P[3, 4]), rel=1e-5)
        and d["cells"][3 * 27 + 4][1] == f"{float(P[3, 4]):.2f}"
    )
    assert d["title"] == "probabilities (P with k=0.5)"
    logz = figures_live.heatmap_payload(names_model, k=0, view="log-probabilities")
    assert all(math.isfinite(v) for v in logz["z"])  # -inf clamped for colour
    assert ["..", "-∞"] == logz["cells"][0]  # but the cell says what it is
    with pytest.raises(ValueError):
        figures.view_matrix(names_model, 0, "bogus")


def test_heatmap_labels_are_text_and_show_spaces():
    words = ["<b>", "a b", "&x"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    d = figures_live.heatmap_payload(m, view="counts")
    assert "<" in d["labels"] and "␣" in d["labels"] and "&" in d["labels"]  # drawn as text on a canvas


def test_large_vocabulary_shows_the_most_frequent_characters():
    words = [chr(0x4E00 + i) * 2 + chr(0x4E00 + i + 1) for i in range(300)] + [chr(0x4E00)] * 50
    m = CountsModel.from_words(words, Vocab.from_words(words))
    d = figures_live.heatmap_payload(m, view="counts")
    assert len(d["labels"]) == figures.MAX_HEATMAP_CHARS
    assert d["cells"] is None  # no per-cell labels where they cannot fit
    assert "most frequent" in d["title"]
    assert chr(0x4E00) in d["labels"]  # the most frequent character is kept


def test_highlighted_row(names_model):
    assert figures_live.heatmap_payload(names_model, view="counts", highlight_row=5)["highlight_row"] == 5
    assert (
        figures_live.matrix_payload(names_model.P(1), names_model.vocab.itos, "P", highlight_row=3)["highlight_row"]
        == 3
    )


def test_tables(names_model):
    top = figures.top_bigrams(names_model, k=0, n=3)
    assert top["bigram"].tolist()[:2] == ["n.", "a."] and top["count"].is_monotonic_decreasing
    s = figures.score_table(names_model.score("emma", k=1))
    assert s["bigram"].tolist() == [".e", "em", "mm", "ma", "a."]
    assert (s["NLL"] == -s["log P"]).all()
    assert figures.row_sums_error(names_model, 1) < 1e-12
    assert figures.preview_text(["a", "bb"] * 150).count(" · ") == 199  # the first 200 words


def test_dataset_figures(names):
    from makemore.words import char_counts

    lengths = figures_live.length_bars(figures.length_counts(names))
    assert sum(lengths["values"]) == len(names) and lengths["labels"][0] == "2" and lengths["labels"][-1] == "15"
    chars = figures_live.char_bars(char_counts(names))
    assert chars["labels"][0] == "a" and sum(chars["values"]) == sum(len(w) for w in names)
    many = figures_live.char_bars({chr(0x4E00 + i): i + 1 for i in range(500)})
    assert len(many["labels"]) == 80 and "80 most frequent of 500" in many["title"]


def test_sampling_panel(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    row, upcoming = s.upcoming()
    d = s.step()
    assert row == d.row == 0 and torch.equal(upcoming, d.probs)  # upcoming draws nothing
    panel = figures_live.draw_payload(names_model.vocab.itos, d.probs, d.row, d.ix, d.u)
    assert panel["labels"][panel["drew"]] == "m" and panel["u"] == d.u
    cum = torch.cumsum(d.probs.double(), 0).tolist()
    assert (cum[d.ix - 1] if d.ix else 0.0) < d.u <= cum[d.ix] + 1e-6  # u falls in the chosen interval
    before = figures_live.draw_payload(names_model.vocab.itos, d.probs, d.row)
    assert before["drew"] is None and "drawn from it" in before["title"]
    s.finish()
    table = figures_models.samples_table(s.history)
    assert table["word"].tolist() == ["mor"] and table["ended"].tolist() == ["."]


def test_live_loss_points_are_increments_and_downsampled():
    n = 10_000
    h = History(loss=[3 - i / n for i in range(n)], nll=[2.9 - i / n for i in range(n)], dev_nll=[3.0] * n)
    pts = figures_live.loss_points(h, start=0, max_points=2000)
    assert len(pts) <= 2001 and pts[0][0] == 1 and pts[-1] == [n, h.loss[-1], h.nll[-1], 3.0]
    tail = figures_live.loss_points(h, start=n - 5)
    assert [p[0] for p in tail] == [n - 4, n - 3, n - 2, n - 1, n]  # only the steps since the last tick
    assert figures_live.loss_points(h, start=n) == []
    refs = figures_live.reference_lines(counts_nll=2.45, V=27, counts_dev_nll=2.46)
    assert sorted(r["y"] for r in refs) == pytest.approx([2.45, 2.46, math.log(27)])
    assert len(figures_live.reference_lines(counts_nll=math.inf, V=27)) == 1  # ∞ is not a line


def test_matrix_payload_and_scatter(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    logP = figures_live.matrix_payload(names_model.logP(0), names_model.vocab.itos, "log P")
    assert len(logP["z"]) == 27 * 27 and all(math.isfinite(v) for v in logP["z"])
    grad = figures_live.matrix_payload(t.grads["W"], names_model.vocab.itos, "grad", diverging=True)
    assert grad["diverging"] and grad["z"][5] == pytest.approx(float(t.grads["W"].flatten()[5]), rel=1e-4)
    sc = figures_live.scatter_payload(names_model.P(0), t.model.probs(), names_model.vocab.itos)["panels"][0]
    points = sc["series"][0]
    assert len(points["xs"]) == 27 * 27 and points["texts"][1] == ".a" and sc["diagonal"]
    big = figures_live.scatter_payload(torch.rand(200, 200), torch.rand(200, 200), [str(i) for i in range(200)])
    assert len(big["panels"][0]["series"][0]["xs"]) == 15_000 and "most probable" in big["panels"][0]["title"]


def test_sweeps_and_their_figure(names):
    from makemore import split_words

    v = Vocab.from_words(names)
    sp = split_words(names)
    train = CountsModel.from_words(sp.train, v)
    ks = smoothing_sweep(train, sp.dev, [0.01, 1, 100])
    assert ks["train"].is_monotonic_increasing  # smoothing only moves away from the training optimum
    lams = regularisation_sweep(train, make_examples(sp.dev, v), [0.001, 1.0], steps=200)
    assert lams["train"].iloc[1] > lams["train"].iloc[0]
    panels = figures_live.sweep_payload(ks, lams)["panels"]
    assert [len(p["series"]) for p in panels] == [2, 2] and all(p["log_x"] for p in panels)
    assert panels[1]["series"][0]["ys"] == pytest.approx(lams["train"].tolist())


def test_nll_table_shows_infinity_as_text():
    rows = [{"model": "counts", "split": "dev", "NLL": math.inf}, {"model": "net", "split": "train", "NLL": 2.5}]
    table = figures_models.nll_table(rows)
    assert table.to_dict("records") == [
        {"model": "counts", "train NLL": "–", "dev NLL": "∞"},
        {"model": "net", "train NLL": "2.5000", "dev NLL": "–"},
    ]


def test_regularisation_sweep_settles_on_a_lopsided_list():
    """One row holding nearly all the data makes lr 50 oscillate; the sweep halves lr until the loss settles."""
    words = ["a" * 200, "b"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    df = regularisation_sweep(m, None, [0.01, 0.3, 3.0], steps=300)
    assert (df["train"] < math.log(3)).all()
    assert df["lr"].iloc[-1] < 50


def test_bigram_pictures_refuse_other_orders_and_tables_name_the_ngram(names):
    """A trigram used to make top_bigrams raise IndexError and the heatmap show 729 rows under 27 labels."""
    v = Vocab.from_words(names)
    tri = CountsModel.from_words(names, v, order=3)
    for build in (lambda: figures_live.heatmap_payload(tri), lambda: figures.view_matrix(tri, 0, "counts")):
        with pytest.raises(ValueError, match=r"order 3 .*729 rows"):
            build()
    top = figures.top_ngrams(tri, n=5)
    assert top.columns[0] == "trigram" and all(len(g) == 3 for g in top["trigram"])
    assert top["count"].tolist() == sorted(top["count"].tolist(), reverse=True)
    ex = make_examples(names, v, 3)
    plain = Counter(v.decode(x) + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist(), strict=True))
    assert top["count"][0] == plain.most_common(1)[0][1] and plain[top["trigram"][0]] == top["count"][0]
    table = figures.score_table(tri.score("emma"))
    assert table.columns[0] == "trigram" and table["trigram"].tolist()[0] == "..e"


def test_matrix_pictures_refuse_rows_that_are_not_their_labels(names):
    v = Vocab.from_words(names)
    W = FullNet(CountsModel.from_words(names[::20], v, order=3)).W
    with pytest.raises(ValueError, match=r"729×27 matrix is not a V×V picture"):
        figures_live.matrix_payload(W, v.itos, "W")
    assert len(figures_live.matrix_payload(W[:27], v.itos, "W")["z"]) == 27 * 27
