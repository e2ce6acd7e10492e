"""x-y charts (makemore/views/xy.py): lines and markers, built without Streamlit."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import torch

from makemore import CountsModel, FullNet, Trainer, Vocab, make_examples, split_words
from makemore.grid import GridRow, best_of
from makemore.positions import loss_by_position
from makemore.sweeps import regularisation_sweep, smoothing_sweep
from makemore.views import palette, xy

WORDS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn"]


def test_a_series_lifts_over_infinity_and_nan():
    s = xy.series("n=2", "#000", [1, 2, 3], [2.5, math.inf, math.nan])
    assert s["ys"] == [2.5, None, None] and s["xs"] == [1, 2, 3] and "texts" not in s
    assert "height" not in xy.chart(xy.panel("t", "x", "y", [s])) and "diagonal" not in xy.panel("t", "x", "y", [])


def test_scatter_of_P_against_softmax_W(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    sc = xy.scatter(names_model.P(0), t.model.probs(), names_model.vocab.itos)["panels"][0]
    points = sc["series"][0]
    assert len(points["xs"]) == 27 * 27 and points["texts"][1] == ".a" and sc["diagonal"]
    assert points["mode"] == "markers" and points["color"] == palette.TRAIN
    big = xy.scatter(torch.rand(200, 200), torch.rand(200, 200), [str(i) for i in range(200)])
    assert len(big["panels"][0]["series"][0]["xs"]) == 15_000 and "most probable" in big["panels"][0]["title"]


def test_scatter_of_the_contexts_seen(names):
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    seen = tri.table.seen
    codes = tri.table.codes[seen]
    d = xy.seen_contexts_scatter(tri.P(1)[seen], tri.P(1)[seen], tri.vocab.itos, codes, 3, "full")
    p = d["panels"][0]
    assert (
        p["title"] == f"the 5,000 most probable of {len(codes) * 27:,} cells · {len(codes):,} contexts seen in training"
    )
    assert p["y_title"] == "full net's probabilities" and p["series"][0]["xs"] == p["series"][0]["ys"]
    assert all(len(t) == 3 for t in p["series"][0]["texts"])


def test_sweeps_and_their_chart(names):
    v = Vocab.from_words(names)
    sp = split_words(names)
    train = CountsModel.from_words(sp.train, v)
    ks = smoothing_sweep(train, sp.dev, [0.01, 1, 100])
    assert ks["train"].is_monotonic_increasing  # smoothing only moves away from the training optimum
    lams = regularisation_sweep(train, make_examples(sp.dev, v), [0.001, 1.0], steps=200)
    assert lams["train"].iloc[1] > lams["train"].iloc[0]
    d = xy.sweeps(ks, lams)
    panels = d["panels"]
    assert [len(p["series"]) for p in panels] == [2, 2] and all(p["log_x"] for p in panels) and d["height"] == 360
    assert panels[1]["series"][0]["ys"] == pytest.approx(lams["train"].tolist())
    assert [s["color"] for s in panels[0]["series"]] == [palette.TRAIN, palette.DEV]
    assert xy.sweeps(ks, pd.DataFrame())["panels"][1]["series"] == []  # no λ sweep: an empty panel


def test_positions_put_the_end_after_the_last_position():
    vocab = Vocab.from_words(WORDS)
    by_order = {
        n: loss_by_position(CountsModel.from_words(WORDS, vocab, n), make_examples(WORDS, vocab, n), 4) for n in (1, 2)
    }
    panel = xy.positions(by_order)["panels"][0]
    assert [s["name"] for s in panel["series"]] == ["n=1", "n=2"]
    assert [s["color"] for s in panel["series"]] == list(palette.CATEGORY[:2])
    assert panel["series"][1]["xs"] == [0, 1, 2, 3, 4, 5]  # 4 is "4 and later", 5 the end
    assert "5: end" in panel["x_title"]


def test_the_grid_marks_the_best_setting():
    rows = [
        GridRow(2, 0, 2.4, math.inf),
        GridRow(2, 0.1, 2.4, 2.5),
        GridRow(2, 1, 2.45, 2.48),
        GridRow(3, 0.1, 2.1, 2.3),
        GridRow(3, 1, 2.2, 2.35),
    ]
    best = best_of(rows)
    series = xy.grid_search(rows, best)["panels"][0]["series"]
    assert [s["name"] for s in series] == ["n=2", "n=3", "", "best: order 3, k = 0.1"]
    assert series[0]["xs"] == [0.1, 1]  # k = 0 has no place on a log axis
    assert series[2]["ys"] == [2.3, 2.5] and series[3]["color"] == palette.BEST and series[3]["mode"] == "markers"
    assert [s["name"] for s in xy.grid_search(rows[:1], rows[0])["panels"][0]["series"]] == ["n=2"]


def test_length_shares_of_two_lists():
    d = xy.length_shares(["ab", "abc", "abc", "abcd"], ["ab"])
    a, b = d["panels"][0]["series"]
    assert a["xs"] == [2, 3, 4] and a["ys"] == [0.25, 0.5, 0.25] and b["ys"] == [1.0, 0.0, 0.0]
    assert (a["color"], b["color"]) == (palette.LIST_A, palette.LIST_B) and "height" not in d
