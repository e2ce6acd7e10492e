"""The live training panel's payload (makemore/views/live.py): increments, reference lines, W as drawn."""

from __future__ import annotations

import math

import pytest

from makemore import CountsModel, FullNet, History, Trainer, Vocab
from makemore.views import live, palette


def test_loss_points_are_increments_and_downsampled():
    n = 10_000
    h = History(loss=[3 - i / n for i in range(n)], nll=[2.9 - i / n for i in range(n)], dev_nll=[3.0] * n)
    pts = live.loss_points(h, start=0, max_points=2000)
    assert len(pts) <= 2001 and pts[0][0] == 1 and pts[-1] == [n, h.loss[-1], h.nll[-1], 3.0]
    tail = live.loss_points(h, start=n - 5)
    assert [p[0] for p in tail] == [n - 4, n - 3, n - 2, n - 1, n]  # only the steps since the last tick
    assert live.loss_points(h, start=n) == []


def test_reference_lines():
    refs = live.reference_lines(counts_nll=2.45, V=27, counts_dev_nll=2.46)
    assert sorted(r["y"] for r in refs) == pytest.approx([2.45, 2.46, math.log(27)])
    assert [r["color"] for r in refs] == [palette.FLOOR, palette.DEV_FLOOR, palette.UNIFORM]
    assert [r["above"] for r in refs] == [False, True, True]  # two floors: the higher one's label above it
    assert len(live.reference_lines(counts_nll=math.inf, V=27)) == 1  # ∞ is not a line


def test_a_full_payload_then_a_tick(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    itos = names_model.vocab.itos
    full = live.training_payload(
        t, itos, full=True, start=0, running=False, rate=None, counts_nll=2.454, dev_floor=None
    )
    assert full["step"] == 3 and [p[0] for p in full["points"]] == [1, 2, 3] and full["labels"] == itos
    assert full["titles"]["W"] == "W at step {step} (the net's log-counts)" and len(full["logP"]) == 27 * 27
    assert full["heat"]["W"][28] == pytest.approx(float(t.model.W[1, 1]), rel=1e-4) and full["heat"]["grad"] is not None
    t.step(2)
    tick = live.training_payload(
        t, itos, full=False, start=3, running=True, rate=100.0, counts_nll=2.454, dev_floor=2.46
    )
    assert [p[0] for p in tick["points"]] == [4, 5] and "labels" not in tick and tick["rate"] == 100.0
    assert len(tick["refs"]) == 3 and tick["heat"]["step"] == 5


def test_a_large_vocabulary_sends_no_heatmaps():
    words = ["".join(chr(0x4E00 + i + j) for j in range(3)) for i in range(130)]
    t = Trainer(FullNet(CountsModel.from_words(words, Vocab.from_words(words))))
    d = live.training_payload(
        t, t.model.vocab.itos, full=True, start=0, running=False, rate=None, counts_nll=1.0, dev_floor=None
    )
    assert d["heat"] is None and "labels" not in d


def test_a_trigrams_panel_shows_the_word_start_rows(names):
    v = Vocab.from_words(names)
    t = Trainer(FullNet(CountsModel.from_words(names[::10], v, order=3)))
    d = live.training_payload(t, v.itos, full=True, start=0, running=False, rate=None, counts_nll=2.0, dev_floor=None)
    assert d["row_labels"][:2] == ["..", ".a"] and len(d["heat"]["W"]) == 27 * 27
    assert d["titles"]["W"].startswith("W rows for contexts '.' + row")
