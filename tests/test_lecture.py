"""The lecture's printed numbers, reproduced from the lecture's own bigram counts (tests/data/lecture_counts.json).

The counts are the figures of the lecture's 27×27 heatmap; everything below depends on N alone: P, the NLL, the
samples for a seed, and full-batch training in counts mode.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from makemore import CountsModel, FullNet, Sampler, Trainer, Vocab

DATA = Path(__file__).parent / "data" / "lecture_counts.json"


@pytest.fixture(scope="module")
def lecture():
    d = json.loads(DATA.read_text())
    vocab = Vocab(chars=tuple(d["itos"][1:]))
    assert vocab.itos == d["itos"]
    return CountsModel.from_counts(vocab, torch.tensor(d["N"]))


def test_sizes(lecture):
    assert int(lecture.N.sum()) == 228146  # bigrams of 32,033 names
    assert int(lecture.N[0].sum()) == 32033  # one start per name
    assert int(lecture.N[:, 0].sum()) == 32033  # one end per name


def test_nll_exact_and_the_lectures_float32_figures(lecture):
    """The lecture's float32 loop printed -559891.7500 (k=0) and -559951.5625 (k=1); the exact sums differ from
    the 5th significant digit on, as a float32 running sum of 228,146 terms drifts."""
    r0, r1 = lecture.evaluate(k=0), lecture.evaluate(k=1)
    assert r0.log_likelihood == pytest.approx(-559873.589642728, abs=1e-6)
    assert r1.log_likelihood == pytest.approx(-560001.8832021174, abs=1e-6)
    assert round(r0.mean_nll, 4) == 2.4540 and round(r1.mean_nll, 4) == 2.4546
    assert 0 < abs(r0.mean_nll - 559891.75 / 228146) < 1e-4
    assert 0 < abs(r1.mean_nll - 559951.5625 / 228146) < 5e-4


def test_lecture_stream_prints_the_lectures_samples(lecture):
    s = Sampler(lecture.with_k(1), seed=2147483647, stream="lecture")
    assert [x.word for x in s.sample(5)] == ["mor", "axx", "minaymoryles", "kondlaisah", "anchshizarie"]


def test_torch_stream_is_what_the_lectures_code_prints_today(lecture):
    s = Sampler(lecture.with_k(1), seed=2147483647, stream="torch")
    assert [x.word for x in s.sample(5)] == ["cexze", "momasurailezitynn", "konimittain", "llayn", "ka"]


def test_training_and_the_nets_samples(lecture):
    """The lecture's first losses (3.7686, 3.3788, 3.1611, ...), then its last printed loss 2.481828451156616,
    which it reached after about 267 steps of lr 50, and the five names its net then sampled."""
    t = Trainer(FullNet(lecture), lr=50.0, lam=0.01, seed=2147483647)
    t.step(267)
    assert t.history.loss[0] == pytest.approx(3.768618583679199, abs=2e-6)
    assert [round(x, 4) for x in t.history.loss[:5]] == [3.7686, 3.3788, 3.1611, 3.0272, 2.9345]
    assert t.history.loss[99] == pytest.approx(2.4901, abs=1e-4)
    assert t.history.loss[-1] == pytest.approx(2.481828451156616, abs=1e-5)
    s = Sampler(t.snapshot(), seed=2147483647, stream="lecture")
    assert [x.word for x in s.sample(5)] == ["mor", "axx", "minaymoryles", "kondlaisah", "anchthizarie"]


def test_first_row_and_first_draw(lecture):
    """`p = N[0].float(); p = p / p.sum()` as printed, and the lecture's first single draw from it: 'm'."""
    p = lecture.N[0].float()
    p = p / p.sum()
    printed = [0.0000, 0.1377, 0.0408, 0.0481, 0.0528, 0.0478, 0.0130, 0.0209, 0.0273, 0.0184, 0.0756, 0.0925, 0.0491]
    assert [round(x, 4) for x in p[:13].tolist()] == printed
    s = Sampler(lecture, stream="lecture")  # k=0: row 0 of P is N[0] normalised, as printed
    assert lecture.vocab.itos[s.step().ix] == "m"
