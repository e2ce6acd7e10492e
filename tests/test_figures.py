"""Figures and tables, built without Streamlit and asserted on their data."""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import pytest

from makemore import CountsModel, History, Sampler, Trainer, Vocab, figures, figures_models
from makemore.sweeps import regularisation_sweep, smoothing_sweep


def test_heatmap_counts_view_is_N_with_lecture_labels(names_model):
    fig = figures.bigram_heatmap(names_model, k=1, view="counts")
    h = fig.data[0]
    assert [list(r) for r in h.z] == names_model.N.tolist()
    assert list(h.x) == list(h.y) == names_model.vocab.itos
    assert h.text[1][0] == "a.<br>6773"  # bigram and count, like the lecture's picture
    assert "P 0." in h.hovertext[1][0] and "log P" in h.hovertext[1][0]


def test_heatmap_probability_and_log_views(names_model):
    P = names_model.P(0.5)
    z = figures.bigram_heatmap(names_model, k=0.5, view="probabilities").data[0].z
    assert z[3][4] == pytest.approx(float(P[3, 4]))
    logz = figures.bigram_heatmap(names_model, k=0, view="log-probabilities").data[0].z
    assert all(math.isfinite(v) for row in logz for v in row)  # -inf clamped for colour
    with pytest.raises(ValueError):
        figures.view_matrix(names_model, 0, "bogus")


def test_heatmap_escapes_html_and_shows_spaces():
    words = ["<b>", "a b", "&x"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    h = figures.bigram_heatmap(m, view="counts").data[0]
    assert "&lt;" in h.x and "␣" in h.x and "&amp;" in h.x
    assert all("<b>" not in t for row in h.text for t in row)


def test_large_vocabulary_shows_the_most_frequent_characters():
    words = [chr(0x4E00 + i) * 2 + chr(0x4E00 + i + 1) for i in range(300)] + [chr(0x4E00)] * 50
    m = CountsModel.from_words(words, Vocab.from_words(words))
    fig = figures.bigram_heatmap(m, view="counts")
    assert len(fig.data[0].z) == figures.MAX_HEATMAP_CHARS
    assert fig.data[0].text is None  # no per-cell labels where they cannot fit
    assert "most frequent" in fig.layout.title.text
    assert chr(0x4E00) in fig.data[0].x  # the most frequent character is kept


def test_highlighted_row(names_model):
    fig = figures.bigram_heatmap(names_model, view="counts", highlight_row=5)
    assert fig.layout.shapes[0].y0 == 4.5


def test_tables(names_model):
    top = figures.top_bigrams(names_model, k=0, n=3)
    assert top["bigram"].tolist()[:2] == ["n.", "a."] and top["count"].is_monotonic_decreasing
    s = figures.score_table(names_model.score("emma", k=1))
    assert s["bigram"].tolist() == [".e", "em", "mm", "ma", "a."]
    assert (s["NLL"] == -s["log P"]).all()
    assert figures.row_sums_error(names_model, 1) < 1e-12
    assert figures.preview_table(["a", "bb"])["length"].tolist() == [1, 2]


def test_dataset_figures(names):
    from makemore.words import char_counts

    lengths = figures.length_histogram(figures.length_counts(names)).data[0]
    assert sum(lengths.y) == len(names) and min(lengths.x) == 2 and max(lengths.x) == 15
    chars = figures.char_frequency(char_counts(names)).data[0]
    assert chars.x[0] == "a" and sum(chars.y) == sum(len(w) for w in names)
    many = figures.char_frequency({chr(0x4E00 + i): i + 1 for i in range(500)})
    assert len(many.data[0].x) == 80 and "80 most frequent of 500" in many.layout.title.text


def test_sampling_figures(names_model):
    s = Sampler(partial(names_model.next_probs, k=1), names_model.vocab, stream="lecture")
    d = s.step()
    bar = figures_models.distribution_figure(d, names_model.vocab).data[0]
    assert list(bar.marker.color).count(figures_models.HIGHLIGHT) == 1
    assert bar.marker.color[d.ix] == figures_models.HIGHLIGHT
    cdf = figures_models.cumulative_figure(d, names_model.vocab)
    red = next(t for t in cdf.data if t.marker.color == figures_models.HIGHLIGHT)
    assert red.base[0] <= d.u <= red.base[0] + red.x[0] + 1e-6  # u falls in the chosen interval
    assert any(sh.x0 == d.u for sh in cdf.layout.shapes)
    s.finish()
    table = figures_models.samples_table(s.history)
    assert table["word"].tolist() == ["mor"] and table["ended"].tolist() == ["."]


def test_loss_figure_downsamples_and_draws_references():
    n = 10_000
    h = History(loss=[3 - i / n for i in range(n)], nll=[2.9 - i / n for i in range(n)], dev_nll=[3.0] * n)
    fig = figures_models.loss_figure(h, counts_nll=2.45, V=27, counts_dev_nll=2.46)
    assert [t.name for t in fig.data] == ["total loss", "data NLL (train)", "data NLL (dev)"]
    assert len(fig.data[0].x) <= figures_models.MAX_POINTS + 1 and fig.data[0].x[-1] == n
    ys = sorted(sh.y0 for sh in fig.layout.shapes)
    assert ys == pytest.approx([2.45, 2.46, math.log(27)])


def test_matrix_heatmap_and_scatter(names_model):
    t = Trainer(names_model.N)
    t.step(3)
    fig = figures_models.matrix_heatmap(names_model.logP(0), names_model.vocab, "log P")
    assert all(math.isfinite(v) for row in fig.data[0].z for v in row)
    grad = figures_models.matrix_heatmap(t.grad, names_model.vocab, "grad", diverging=True).data[0]
    assert grad.zmid == 0
    sc = figures_models.probs_scatter(names_model.P(0), t.probs(), names_model.vocab).data[0]
    assert len(sc.x) == 27 * 27 and sc.text[1] == ".a"


def test_sweeps_and_their_figure(names):
    from makemore import split_words

    v = Vocab.from_words(names)
    sp = split_words(names)
    train = CountsModel.from_words(sp.train, v)
    ks = smoothing_sweep(train, sp.dev, [0.01, 1, 100])
    assert ks["train"].is_monotonic_increasing  # smoothing only moves away from the training optimum
    lams = regularisation_sweep(train.N, CountsModel.from_words(sp.dev, v).N, [0.001, 1.0], steps=200)
    assert lams["train"].iloc[1] > lams["train"].iloc[0]
    fig = figures_models.strength_figure(ks, lams)
    assert len(fig.data) == 4


def test_nll_bars_hide_infinity():
    df = pd.DataFrame(
        [{"model": "counts", "split": "dev", "NLL": math.inf}, {"model": "net", "split": "train", "NLL": 2.5}]
    )
    fig = figures_models.nll_bars(df)
    dev = next(t for t in fig.data if t.name == "dev")
    assert dev.y == (None,) and dev.text == ("∞",)


def test_regularisation_sweep_settles_on_a_lopsided_list():
    """One row holding nearly all the data makes lr 50 oscillate; the sweep halves lr until the loss settles."""
    words = ["a" * 200, "b"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    df = regularisation_sweep(m.N, None, [0.01, 0.3, 3.0], steps=300)
    assert (df["train"] < math.log(3)).all()
    assert df["lr"].iloc[-1] < 50
