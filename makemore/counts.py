"""The counts model: N, P with add-k smoothing, the (negative) log-likelihood and per-word scores.

Mirrors steps 2-7 of the lecture. `N[ix1, ix2]` counts how often character ix2 follows ix1; `P` is N plus k
normalised by rows (the lecture's `(N+1)` is k=1); the quality of P is the mean negative log-likelihood of the
training bigrams. Likelihoods are summed in float64 with `math.fsum` (exact to the last bit, unlike the lecture's
float32 loop), and an unseen bigram at k=0 gives probability 0 and an infinite NLL, never NaN.

N is stored as (V**context, V) so a longer context (exercise E01's trigram: context=2) is the same code.

    >>> from makemore.vocab import Vocab
    >>> words = ["emma", "ava"]
    >>> m = CountsModel.from_words(words, Vocab.from_words(words))
    >>> int(m.N.sum()), m.N.shape
    (9, torch.Size([5, 5]))
    >>> r = m.evaluate(words, k=0)
    >>> r.bigrams, round(r.mean_nll, 4)
    (9, 0.5202)
    >>> m.score("emmv", k=0).nll
    inf
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from .vocab import Vocab


@dataclass(frozen=True)
class NLL:
    """The lecture's three numbers for a set of bigrams, plus how many there were."""

    log_likelihood: float  # sum of log P over every bigram (≤ 0; -inf if one has probability 0)
    nll: float  # -log_likelihood
    mean_nll: float  # nll / bigrams: "the loss" (2.45 for the lecture's names)
    bigrams: int


@dataclass(frozen=True)
class BigramScore:
    context: str  # the conditioning character(s), boundary shown as itself
    char: str  # the predicted character
    count: int  # N[context, char]
    prob: float
    logprob: float

    @property
    def bigram(self) -> str:
        return self.context + self.char


@dataclass(frozen=True)
class WordScore:
    word: str
    bigrams: tuple[BigramScore, ...]
    log_likelihood: float
    nll: float
    mean_nll: float

    @property
    def unseen(self) -> list[str]:
        """Bigrams never seen in the data: the reason an NLL is infinite at k=0."""
        return [b.bigram for b in self.bigrams if b.count == 0]


def count_matrix(xs: torch.Tensor, ys: torch.Tensor, V: int, context: int = 1) -> torch.Tensor:
    """N: (V**context, V) int64 counts of every (context, next) pair, by one `bincount` on pair codes.

    >>> count_matrix(torch.tensor([0, 1, 1]), torch.tensor([1, 1, 0]), V=2).tolist()
    [[0, 1], [1, 1]]
    """
    rows = context_codes(xs, V)
    codes = rows * V + ys  # one integer per example: row-major cell of N
    return torch.bincount(codes, minlength=V**context * V).view(V**context, V)


def context_codes(xs: torch.Tensor, V: int) -> torch.Tensor:
    """The row of N for each example: the context's indices read as digits in base V."""
    if xs.dim() == 1:
        return xs
    code = torch.zeros(xs.shape[0], dtype=torch.int64)
    for i in range(xs.shape[1]):  # a loop over context positions (1-2), not over examples
        code = code * V + xs[:, i]
    return code


def context_row(context: Sequence[int], V: int, n: int = 1) -> int:
    """The row of N (or W) for the word so far: its last n indices read as digits in base V.

    >>> context_row([0, 5, 3], V=27), context_row([0, 5, 3], V=27, n=2)
    (3, 138)
    """
    row = 0
    for i in context[-n:]:
        row = row * V + i
    return row


def smoothed_probs(N: torch.Tensor, k: float) -> torch.Tensor:
    """P = (N + k) / rowsum, in float64. A row with no counts at k=0 has no evidence: it is uniform.

    >>> smoothed_probs(torch.tensor([[3, 1], [0, 0]]), k=1).tolist()
    [[0.6666666666666666, 0.3333333333333333], [0.5, 0.5]]
    """
    if not (k >= 0 and math.isfinite(k)):
        raise ValueError(f"smoothing k must be a finite number ≥ 0, not {k}")
    P = N.double() + k
    rowsum = P.sum(1, keepdim=True)  # keepdim: the broadcasting trap the lecture dwells on
    empty = rowsum == 0
    P = torch.where(empty, 1.0, P)
    return P / P.sum(1, keepdim=True)


def log_likelihood_from_counts(N_eval: torch.Tensor, logP: torch.Tensor) -> NLL:
    """Σ N_eval · log P, exactly: each cell's term in float64 then `math.fsum`; 0·log 0 counts as 0."""
    mask = N_eval > 0
    terms = (N_eval[mask].double() * logP[mask]).tolist()
    ll = -math.inf if any(t == -math.inf for t in terms) else math.fsum(terms)
    n = int(N_eval.sum())
    nll = -ll if ll != 0 else 0.0
    return NLL(log_likelihood=ll, nll=nll, mean_nll=nll / n if n else math.nan, bigrams=n)


@dataclass(frozen=True)
class CountsModel:
    """Bigram (or n-gram) counts of a word list, and everything derived from them."""

    vocab: Vocab
    N: torch.Tensor  # (V**context, V) int64: N[ix1, ix2] = how often ix2 follows ix1
    context: int = 1
    _lecture_P: dict[float, torch.Tensor] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_words(cls, words: Sequence[str], vocab: Vocab, context: int = 1) -> CountsModel:
        xs, ys = vocab.examples(words, context)
        return cls(vocab=vocab, N=count_matrix(xs, ys, vocab.size, context), context=context)

    @property
    def V(self) -> int:
        return self.vocab.size

    def P(self, k: float = 0.0) -> torch.Tensor:
        """Row probabilities with add-k smoothing, float64 (V**context, V)."""
        return smoothed_probs(self.N, k)

    def P_lecture(self, k: float = 0.0) -> torch.Tensor:
        """The lecture's float32 P: `P = (N+k).float(); P /= P.sum(1, keepdims=True)`.

        Sampling uses this one so the same seed draws exactly the lecture's characters. Cached per k: the
        sampler asks for one row per character.
        """
        P = self._lecture_P.get(k)
        if P is None:  # a local, not a re-read: models are shared between sessions' threads
            P = self._compute_P_lecture(k)
            if len(self._lecture_P) > 8:
                self._lecture_P.clear()
            self._lecture_P[k] = P
        return P

    def _compute_P_lecture(self, k: float) -> torch.Tensor:
        P = (self.N.double() + k).float()
        rowsum = P.sum(1, keepdim=True)
        P = torch.where(rowsum == 0, 1.0, P)
        return P / P.sum(1, keepdim=True)

    def logP(self, k: float = 0.0) -> torch.Tensor:
        return self.P(k).log()  # log 0 = -inf: an unseen bigram at k=0

    def evaluate(self, words: Sequence[str] | None = None, k: float = 0.0, N_eval: torch.Tensor | None = None) -> NLL:
        """Log-likelihood and NLL of `words`, or of counts `N_eval` already made from them (default: the
        training counts themselves), under P with add-k."""
        if N_eval is None:
            N_eval = self.N if words is None else CountsModel.from_words(words, self.vocab, self.context).N
        return log_likelihood_from_counts(N_eval, self.logP(k))

    def score(self, word: str, k: float = 0.0) -> WordScore:
        """Every bigram of `.word.` with its count, probability and log-probability (the lecture's andrejq)."""
        xs, ys = self.vocab.examples([word], self.context)  # raises VocabError on unknown characters
        rows = context_codes(xs, self.V)
        P = self.P(k)
        itos = self.vocab.itos
        items = []
        for x, r, y in zip(xs.tolist(), rows.tolist(), ys.tolist(), strict=True):
            ctx = "".join(itos[i] for i in (x if isinstance(x, list) else [x]))
            p = float(P[r, y])
            items.append(BigramScore(ctx, itos[y], int(self.N[r, y]), p, math.log(p) if p > 0 else -math.inf))
        logps = [b.logprob for b in items]
        ll = -math.inf if -math.inf in logps else math.fsum(logps)
        nll = -ll if ll != 0 else 0.0
        return WordScore(word, tuple(items), ll, nll, nll / len(items))

    def next_probs(self, context: Sequence[int], k: float = 0.0) -> torch.Tensor:
        """The next-character distribution (float32, the lecture's) after the given indices.

        `context` is the word so far with its leading boundary tokens; only the last `self.context` count.
        """
        return self.P_lecture(k)[context_row(context, self.V, self.context)]
