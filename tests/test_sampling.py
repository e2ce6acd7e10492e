"""Samplers: the lecture stream against a plain-Python reimplementation, the torch stream against the lecture's
own loop, determinism per seed, and every word ending."""

from __future__ import annotations

import itertools
import math
import random

import pytest
import torch
from engine_helpers import f32

from makemore import FullNet, Sampler, Trainer, shape_probs

# --- a plain-Python pre-2.0 torch.multinomial: MT19937 seeded as torch seeds it, float32 cumulative sums ---


def mt19937(seed: int) -> random.Random:
    """Python's Mersenne Twister put in the state torch's CPU generator has after manual_seed(seed)."""
    state = [seed & 0xFFFFFFFF]
    for j in range(1, 624):
        state.append((1812433253 * (state[-1] ^ (state[-1] >> 30)) + j) & 0xFFFFFFFF)
    r = random.Random()
    r.setstate((3, (*state, 624), None))
    return r


def old_multinomial(probs: list[float], r: random.Random) -> int:
    hi, lo = r.getrandbits(32), r.getrandbits(32)
    u = (((hi << 32) | lo) & ((1 << 53) - 1)) / 2.0**53  # uniform_real_distribution<double>(0, 1)
    cum, total = [], 0.0
    for p in probs:
        total = f32(total + p)
        cum.append(total)
    cum = [f32(c / total) for c in cum]
    cum[-1] = 1.0
    for i, c in enumerate(cum):
        if not c < u:
            return i
    raise AssertionError("unreachable")


def plain_lecture_samples(P: torch.Tensor, itos, seed: int, num: int) -> list[str]:
    r = mt19937(seed)
    rows = [[float(x) for x in row] for row in P]
    out = []
    for _ in range(num):
        ix, word = 0, ""
        while True:
            ix = old_multinomial(rows[ix], r)
            if ix == 0:
                break
            word += itos[ix]
        out.append(word)
    return out


def lecture_loop_today(P: torch.Tensor, itos, seed: int, num: int) -> list[str]:
    """Step 4 of the lecture, verbatim, under today's torch."""
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(num):
        word, ix = "", 0
        while True:
            p = P[ix]
            ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
            if ix == 0:
                break
            word += itos[ix]
        out.append(word)
    return out


# --- the tests --------------------------------------------------------------------------------------------


def test_mt19937_matches_torchs_generator():
    r = mt19937(2147483647)
    g = torch.Generator().manual_seed(2147483647)
    for x in torch.rand(5, dtype=torch.float64, generator=g).tolist():
        hi, lo = r.getrandbits(32), r.getrandbits(32)
        assert x == (((hi << 32) | lo) & ((1 << 53) - 1)) / 2.0**53


@pytest.mark.parametrize("seed", [2147483647, 0, 42, 12345])
@pytest.mark.parametrize("k", [1, 0])
def test_lecture_stream_matches_the_plain_python_algorithm(names_model, seed, k):
    s = Sampler(names_model.with_k(k), seed=seed, stream="lecture")
    got = [x.word for x in s.sample(20)]
    assert got == plain_lecture_samples(names_model.P_lecture(k), names_model.vocab.itos, seed, 20)


@pytest.mark.parametrize("seed", [2147483647, 3])
def test_torch_stream_is_the_lectures_loop_today(names_model, seed):
    s = Sampler(names_model.with_k(1), seed=seed, stream="torch")
    got = [x.word for x in s.sample(20)]
    assert got == lecture_loop_today(names_model.P_lecture(1), names_model.vocab.itos, seed, 20)


def test_lecture_stream_on_our_names_resembles_the_lectures_printout(names_model):
    """The lecture printed mor. axx. minaymoryles. kondlaisah. anchshizarie. from its 2018 names; our 2017
    names share the seed's uniforms and almost all of P, so the words nearly coincide."""
    s = Sampler(names_model.with_k(1), stream="lecture")
    assert [x.word for x in s.sample(5)] == ["mor", "axx", "minaymoryles", "kondmaisah", "anchshizarie"]


def test_same_seed_same_words_and_reset(names_model):
    def mk():
        return Sampler(names_model.with_k(1), seed=7)

    a, b = mk(), mk()
    words = [x.word for x in a.sample(10)]
    assert words == [x.word for x in b.sample(10)]
    a.reset()
    assert [x.word for x in a.sample(10)] == words
    a.reset(seed=8)
    assert [x.word for x in a.sample(10)] != words


def test_stepping_is_the_same_as_finishing(names_model):
    a = Sampler(names_model.with_k(1), stream="lecture")
    b = Sampler(names_model.with_k(1), stream="lecture")
    draws = []
    while not a.history:
        draws.append(a.step())
    assert a.history[0] == b.finish()
    assert [d.ix for d in draws][:-1] == list(a.history[0].ix[:-1])
    assert all(d.u is not None and 0 <= d.u < 1 for d in draws)
    for d in draws:  # the drawn index is where u falls on the cumulative distribution
        cum = torch.cumsum(d.probs.double(), 0)
        assert (d.ix == 0 or cum[d.ix - 1] < d.u + 1e-6) and d.u <= cum[d.ix] + 1e-6


def test_logprob_and_training_membership(names, names_model):
    s = Sampler(names_model.with_k(0), stream="lecture", training_words=set(names))
    for x in s.sample(30):
        P = names_model.P_lecture(0).double()
        chain = [0, *x.ix]
        expected = math.fsum(math.log(P[a, b]) for a, b in itertools.pairwise(chain))
        assert x.logprob == pytest.approx(expected, rel=1e-6)
        assert x.in_training == (x.word in set(names))
        assert x.ended


def test_sampling_always_ends(names_model):
    # greedy from the counts model loops ("an" -> "n" -> ...) or ends; either way max_len cuts it
    s = Sampler(names_model.with_k(0), greedy=True, max_len=12)
    for x in s.sample(3):
        assert len(x.word) <= 12
    # a model that never draws the boundary
    from makemore import Vocab

    class NeverEnds:  # a model that never draws the boundary
        vocab, order, windows = Vocab.from_words(["a"]), 2, "word"

        def next_probs(self, tokens):
            return torch.tensor([0.0, 1.0])

    s = Sampler(NeverEnds(), max_len=7)
    x = s.finish()
    assert x.word == "aaaaaaa" and not x.ended


@pytest.mark.parametrize("temperature", [1e-6, 0.5, 2.0, 1e6])
def test_temperature_extremes_stay_finite(names_model, temperature):
    s = Sampler(names_model.with_k(0), temperature=temperature, max_len=40)
    for x in s.sample(5):
        assert not math.isnan(x.logprob)
    p = shape_probs(names_model.P_lecture(0)[0], temperature)
    assert torch.isfinite(p).all() and float(p.sum()) == pytest.approx(1, abs=1e-5)


def test_tiny_temperature_is_greedy_and_top1_too(names_model):
    p = names_model.P_lecture(1)[0]
    assert int(shape_probs(p, 1e-6).argmax()) == int(p.argmax())
    assert float(shape_probs(p, 1e-6).max()) == pytest.approx(1.0)
    top1 = shape_probs(p, 1.0, top_k=1)
    assert float(top1.max()) == 1.0 and int(top1.argmax()) == int(p.argmax())
    top3 = shape_probs(p, 1.0, top_k=3)
    assert int((top3 > 0).sum()) == 3


def test_zero_probabilities_stay_zero_under_temperature(names_model):
    p = names_model.P_lecture(0)[0]  # '.' -> '.' has probability 0
    assert float(shape_probs(p, 5.0)[0]) == 0.0


@pytest.mark.parametrize(
    "kwargs", [{"stream": "numpy"}, {"temperature": 0}, {"temperature": math.nan}, {"top_k": 0}, {"max_len": 0}]
)
def test_bad_sampler_settings(names_model, kwargs):
    with pytest.raises(ValueError):
        Sampler(names_model.with_k(1), **kwargs)


def test_neural_net_samples_match_the_counts_model_almost(names_model):
    """Step 11: trained to convergence with λ=0, the net samples nearly the counts model's words."""
    t = Trainer(FullNet(names_model), lr=50.0, lam=0.0)
    t.step(2000)
    a = Sampler(t.snapshot(), stream="lecture")
    b = Sampler(names_model.with_k(0), stream="lecture")
    same = sum(x.word == y.word for x, y in zip(a.sample(20), b.sample(20), strict=True))
    assert same >= 10


def test_top_k_keeps_exactly_k_even_with_ties():
    """The issue's case: ten characters tied at the 5th probability used to keep all eleven non-zero."""
    p = torch.tensor([0.2] + [0.08] * 10)
    kept = shape_probs(p / p.sum(), 1.0, top_k=5)
    assert int((kept > 0).sum()) == 5 and float(kept[0]) == pytest.approx(float(kept.max()))
