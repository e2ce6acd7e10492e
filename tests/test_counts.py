"""The counts model against a plain-Python reference, and the exactness rules of the design."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest
import torch

from makemore import CountsModel, Vocab, count_matrix, smoothed_probs


def plain_counts(words):
    """The lecture's dict of bigram counts."""
    b = Counter()
    for w in words:
        chs = [".", *list(w), "."]
        for ch1, ch2 in itertools.pairwise(chs):
            b[(ch1, ch2)] += 1
    return b


def plain_log_likelihood(words, k):
    """Σ log P over every bigram, P from the dict counts with add-k, summed with math.fsum."""
    b = plain_counts(words)
    chars = [*sorted(set("".join(words))), "."]
    rows = Counter()
    for (c1, _), n in b.items():
        rows[c1] += n
    terms = []
    for w in words:
        chs = [".", *list(w), "."]
        for ch1, ch2 in itertools.pairwise(chs):
            terms.append(math.log((b[(ch1, ch2)] + k) / (rows[ch1] + k * len(chars))))
    return math.fsum(terms), len(terms)


def test_counts_match_the_plain_dict(small, small_model):
    itos = small_model.vocab.itos
    expected = plain_counts(small)
    N = small_model.N
    for i in range(N.shape[0]):
        for j in range(N.shape[1]):
            assert int(N[i, j]) == expected.get((itos[i], itos[j]), 0)


def test_names_counts_match_the_plain_dict(names, names_model):
    expected = plain_counts(names)
    itos = names_model.vocab.itos
    got = {
        (itos[i], itos[j]): int(n)
        for (i, j), n in zip(names_model.N.nonzero().tolist(), names_model.N[names_model.N > 0].tolist(), strict=True)
    }
    assert got == dict(expected)
    # The lecture's observations hold on our names too: nothing follows '.' to '.', n. and a. are frequent.
    assert names_model.N[0, 0] == 0
    top = names_model.N.flatten().topk(2).indices.tolist()
    assert {(itos[t // 27], itos[t % 27]) for t in top} == {("n", "."), ("a", ".")}


@pytest.mark.parametrize("k", [0, 0.5, 1, 10, 1e6])
def test_rows_of_P_sum_to_one(names_model, k):
    P = names_model.P(k)
    assert torch.allclose(P.sum(1), torch.ones(27, dtype=torch.float64), atol=1e-12)
    assert P.dtype == torch.float64


@pytest.mark.parametrize("k", [0, 1, 2.5])
def test_log_likelihood_matches_plain_python(small, small_model, k):
    ll, n = plain_log_likelihood(small, k)
    r = small_model.evaluate(k=k)
    assert r.examples == n
    assert r.log_likelihood == pytest.approx(ll, rel=1e-13, abs=1e-12)
    assert r.mean_nll == pytest.approx(-ll / n, rel=1e-13)


def test_names_nll_is_exact_and_better_than_uniform(names, names_model):
    ll, n = plain_log_likelihood(names, 0)
    r = names_model.evaluate(k=0)
    assert r.examples == n == 231718
    assert r.log_likelihood == pytest.approx(ll, rel=1e-14)
    assert r.mean_nll < math.log(27)
    assert names_model.evaluate(k=1).mean_nll > r.mean_nll  # smoothing moves away from the ML estimate


def test_unseen_bigram_at_k0_is_infinite_not_nan(small_model):
    s = small_model.score("eh", k=0)  # "eh" never occurs in the small list
    assert s.nll == math.inf and s.log_likelihood == -math.inf
    assert not math.isnan(s.mean_nll)
    assert s.unseen == ["eh", "h."]
    r = small_model.evaluate(["eh"], k=0)
    assert r.nll == math.inf and r.mean_nll == math.inf


def test_score_andrejq_like_the_lecture(names_model):
    s = names_model.score("andrejq", k=1)
    assert [b.bigram for b in s.predictions] == [".a", "an", "nd", "dr", "re", "ej", "jq", "q."]
    P = names_model.P(1)
    stoi = names_model.vocab.stoi
    for b in s.predictions:
        i, j = stoi[b.context], stoi[b.char]
        assert b.count == int(names_model.N[i, j])
        assert b.prob == float(P[i, j])
        assert b.logprob == pytest.approx(math.log(b.prob))
    assert s.log_likelihood == pytest.approx(math.fsum(b.logprob for b in s.predictions))
    assert s.mean_nll == pytest.approx(s.nll / 8)


def test_huge_k_tends_to_uniform(names_model):
    assert names_model.evaluate(k=1e9).mean_nll == pytest.approx(math.log(27), abs=1e-5)


def test_negative_or_nan_k_is_refused(names_model):
    for k in (-1, math.nan, math.inf):
        with pytest.raises(ValueError):
            names_model.P(k)


def test_empty_rows_are_uniform_at_k0():
    P = smoothed_probs(torch.tensor([[2, 2], [0, 0]]), 0)
    assert P.tolist() == [[0.5, 0.5], [0.5, 0.5]]


def test_lecture_float32_P(names_model):
    P32 = names_model.P_lecture(1)
    expected = (names_model.N + 1).float()
    expected /= expected.sum(1, keepdims=True)
    assert torch.equal(P32, expected)


def test_trigram_counts_fit_the_same_model():
    words = ["emma", "ava", "emma"]
    m = CountsModel.from_words(words, Vocab.from_words(words), order=3)
    assert m.N.shape == (5**2, 5)
    assert int(m.N.sum()) == sum(len(w) + 1 for w in words)
    stoi = m.vocab.stoi
    assert int(m.N[stoi["e"] * 5 + stoi["m"], stoi["m"]]) == 2  # "emm" twice
    assert m.evaluate(k=0).mean_nll < CountsModel.from_words(words, m.vocab).evaluate(k=0).mean_nll


def test_count_matrix_is_a_bincount():
    N = count_matrix(torch.tensor([0, 0, 1]), torch.tensor([1, 1, 0]), V=2)
    assert N.tolist() == [[0, 2], [1, 0]] and N.dtype == torch.int64
