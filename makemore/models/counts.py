"""The counts model of any order: N, P with add-k smoothing, exact likelihoods and per-word scores.

Mirrors steps 2-7 of the lecture, for contexts of n−1 tokens. `N[row, y]` counts how often token y follows the
row's context; `P` is N plus k normalised by rows (the lecture's `(N+1)` is k=1). A row with no counts (a context
never seen in training) is uniform at every k, as ngram.py has it; at k=0 a seen context with an unseen
continuation gives probability 0 and an infinite NLL, never NaN.

Small tables are dense (every possible context a row, row = the context's base-V code: for n=2 the lecture's
V×V N). Beyond `DENSE_MAX_CELLS` only the contexts that occur get a row, plus one shared empty row standing for
every unseen context. Likelihoods are summed in float64 with `math.fsum` (exact to the last bit), by one function,
`exact_nll`, which every model's `evaluate` goes through.

In the registry as `counts`: a model that is fitted (counted), not trained.

    >>> from makemore.vocab import Vocab
    >>> words = ["emma", "ava"]
    >>> m = CountsModel.from_words(words, Vocab.from_words(words))
    >>> int(m.N.sum()), tuple(m.N.shape)
    (9, (5, 5))
    >>> r = m.evaluate(k=0)
    >>> r.examples, round(r.mean_nll, 4)
    (9, 0.5202)
    >>> m.score("emmv", k=0).nll
    inf
    >>> tri = CountsModel.from_words(words, m.vocab, order=3)
    >>> round(tri.evaluate().mean_nll, 4), tri.evaluate().examples  # same predictions, more context
    (0.154, 9)
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import torch

from .. import memory
from ..config import ModelConfig, check_k
from ..windows import Examples, OrderError, encode_context, make_examples

DENSE_MAX_CELLS = 2**21  # V^n cells beyond the bigram (16 MB of int64): 27⁴ = 531 k is dense, 27⁵ = 14 M is not
# A bigram is always dense: its V×V N is the lecture's picture (V ≤ 1,001, so at most a million cells).
MAX_TABLE_BYTES = 2**30  # N, P and log P together (int64/float64 each); beyond it the order is refused


@dataclass(frozen=True)
class NLL:
    """The lecture's three numbers for a set of predictions, plus how many there were."""

    log_likelihood: float  # sum of log P over every prediction (≤ 0; -inf if one has probability 0)
    nll: float  # -log_likelihood
    mean_nll: float  # nll / examples: "the loss" (2.45 for the lecture's bigrams)
    examples: int  # predictions scored


def exact_nll(counts: torch.Tensor, logp: torch.Tensor) -> NLL:
    """Σ counts · log p over cells, exactly: each term in float64, then `math.fsum`; an empty cell adds nothing.

    Every likelihood in the package comes here (counts model, nets, sweeps, grid, CLI).

    >>> round(exact_nll(torch.tensor([2, 1]), torch.tensor([math.log(0.5), math.log(0.25)])).mean_nll, 4)
    0.9242
    """
    keep = counts > 0
    lp = logp[keep].double()
    ll = -math.inf if bool(torch.isneginf(lp).any()) else math.fsum((counts[keep].double() * lp).tolist())
    n = int(counts.sum())
    nll = -ll if ll != 0 else 0.0
    return NLL(log_likelihood=ll, nll=nll, mean_nll=nll / n if n else math.nan, examples=n)


def evaluate_model(model, examples: Examples) -> NLL:
    """Mean NLL of any model (it gives `log_probs(codes, contexts)`) on a set of examples of its order."""
    if examples.order != model.order:
        raise ValueError(f"examples of order {examples.order} cannot score a model of order {model.order}")
    g = examples.groups()
    # (C, V) float64 and its intermediates while it lives: paid from the memory budget
    with memory.transient(g.codes.numel() * model.vocab.size * 8 * 3, f"scoring {examples.num:,} examples"):
        logp = model.log_probs(g.codes, g.contexts)  # (C, V) float64, one row per distinct context
        return exact_nll(g.counts, logp[g.rows, g.ys])


@dataclass(frozen=True)
class Prediction:
    context: str  # the conditioning token(s), boundary shown as itself
    char: str  # the predicted token
    count: int  # how often char followed context in training
    prob: float
    logprob: float

    @property
    def ngram(self) -> str:
        return self.context + self.char

    bigram = ngram  # the lecture's word for n = 2


@dataclass(frozen=True)
class WordScore:
    word: str
    predictions: tuple[Prediction, ...]
    log_likelihood: float
    nll: float
    mean_nll: float

    @property
    def unseen(self) -> list[str]:
        """Windows never seen in the data: the reason an NLL is infinite at k=0."""
        return [b.ngram for b in self.predictions if b.count == 0]


def count_matrix(xs: torch.Tensor, ys: torch.Tensor, V: int, context: int = 1) -> torch.Tensor:
    """N: (V**context, V) int64 counts of every (context, next) pair, by one `bincount` on pair codes.

    >>> count_matrix(torch.tensor([0, 1, 1]), torch.tensor([1, 1, 0]), V=2).tolist()
    [[0, 1], [1, 1]]
    """
    rows = xs if xs.dim() == 1 else _codes_of(xs, V)
    return torch.bincount(rows * V + ys, minlength=V**context * V).view(V**context, V)


def _codes_of(xs: torch.Tensor, V: int) -> torch.Tensor:
    code = torch.zeros(xs.shape[0], dtype=torch.int64)
    for i in range(xs.shape[1]):
        code = code * V + xs[:, i]
    return code


def smoothed_probs(N: torch.Tensor, k: float) -> torch.Tensor:
    """P = (N + k) / rowsum, in float64. A row with no counts at k=0 has no evidence: it is uniform.

    >>> smoothed_probs(torch.tensor([[3, 1], [0, 0]]), k=1).tolist()
    [[0.6666666666666666, 0.3333333333333333], [0.5, 0.5]]
    """
    check_k(k)
    P = N.double() + k
    rowsum = P.sum(1, keepdim=True)  # keepdim: the broadcasting trap the lecture dwells on
    P = torch.where(rowsum == 0, 1.0, P)
    return P / P.sum(1, keepdim=True)


def probs32(counts: np.ndarray, k: float) -> np.ndarray:
    """One row's float32 distribution as ngram.py computes it (and the lecture's `(N+k).float()` normalised):
    counts as float32, plus k in float32, divided by their float32 sum; a row without mass is uniform."""
    c = counts.astype(np.float32) + np.float32(k)
    s = c.sum(-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(s > 0, c / s, np.float32(1.0 / c.shape[-1])).astype(np.float32)


@dataclass(frozen=True)
class CountTable:
    """N for every context seen (sparse) or possible (dense), and the map from a context to its row."""

    order: int
    V: int
    codes: torch.Tensor  # (R,) base-V code of each row's context, ascending; a sparse table ends with -1 (unseen)
    N: torch.Tensor  # (R, V) int64
    dense: bool
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_examples(cls, ex: Examples) -> CountTable:
        V, n = ex.V, ex.order
        what = f"the order-{n} table of counts ({V} characters)"
        if n <= 2 or V**n <= DENSE_MAX_CELLS:
            paid = memory.reserve(V**n * 8, what)  # before the bincount allocates it
            N = torch.bincount(ex.cells, minlength=V**n).view(V ** (n - 1), V)
            return paid.keep(cls(n, V, torch.arange(V ** (n - 1), dtype=torch.int64), N, True))
        g = ex.groups()
        rows = g.codes.numel() + 1
        need = rows * V * 8 * 3
        if need > MAX_TABLE_BYTES:
            raise OrderError(
                f"order {n} on this list has {rows - 1:,} distinct contexts: its table would need "
                f"{need / 2**30:.1f} GB (the limit is {MAX_TABLE_BYTES / 2**30:.0f} GB); choose a lower order"
            )
        paid = memory.reserve(rows * V * 8, what)
        N = torch.zeros((rows, V), dtype=torch.int64)
        N[g.rows, g.ys] = g.counts
        return paid.keep(cls(n, V, torch.cat([g.codes, torch.tensor([-1])]), N, False))

    @property
    def rows(self) -> int:
        return int(self.N.shape[0])

    @property
    def contexts_seen(self) -> int:
        """Distinct contexts that occur in the training examples."""
        return int((self.N.sum(1) > 0).sum())

    def rows_of(self, codes: torch.Tensor) -> torch.Tensor:
        """The row of each context code; an unseen context of a sparse table gets the last (empty) row."""
        if self.dense:
            return codes
        seen = self.codes[:-1]
        if seen.numel() == 0:
            return torch.full_like(codes, self.rows - 1)
        ix = torch.searchsorted(seen, codes).clamp(max=seen.numel() - 1)
        return torch.where(seen[ix] == codes, ix, self.rows - 1)

    def row_of(self, tokens: Sequence[int]) -> int:
        """The row for the context at the end of `tokens` (fewer than n−1 are padded with boundaries). Plain
        Python (a sampler asks once per character): the code itself, or a bisection of the seen codes."""
        code = encode_context(tokens, self.order, self.V)
        if self.dense:
            return code
        seen = self._per_k("seen_codes", 0.0, lambda: self.codes[:-1].tolist())
        i = bisect.bisect_left(seen, code)
        return i if i < len(seen) and seen[i] == code else self.rows - 1

    @property
    def seen(self) -> torch.Tensor:
        """Indices of the rows with counts: the only ones the training likelihood reads."""
        return self._per_k("seen", 0.0, lambda: (self.N.sum(1) > 0).nonzero().squeeze(1))

    def P(self, k: float) -> torch.Tensor:
        return self._per_k("P", k, lambda: smoothed_probs(self.N, k))

    def logP_rows(self, rows: torch.Tensor, k: float) -> torch.Tensor:
        """log P of some rows only (the same numbers as `logP(k)[rows]`), without smoothing the whole table."""
        return smoothed_probs(self.N[rows], k).log()

    def train_nll(self, k: float) -> NLL:
        """The likelihood of the training examples themselves, from the table's non-empty cells alone:
        log P = log(N + k) − log(row total + k·V), O(cells) a k however many rows the table has."""

        def build():
            counts, totals = self._per_k("cells", 0.0, self._cells)
            logp = torch.log(counts.double() + k) - torch.log(totals.double() + k * self.V)
            return exact_nll(counts, logp)

        return self._per_k("nll", k, build)

    def _cells(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The non-empty cells' counts and their rows' totals."""
        rows, ys = self.N.nonzero(as_tuple=True)
        return self.N[rows, ys], self.N.sum(1)[rows]

    def logP(self, k: float) -> torch.Tensor:
        return self._per_k("logP", k, lambda: self.P(k).log())  # log 0 = -inf: unseen at k=0

    def _per_k(self, name, k, build):
        key = (name, float(k))
        value = self._cache.get(key)
        if value is None:  # a local, not a re-read: tables are shared between sessions' threads
            if len(self._cache) > 16:
                self._cache.clear()
            # P and log P are float64 tables as large as N (and take two more while built): paid from the memory
            # budget while they are cached
            paid = None
            if name in ("P", "logP"):
                paid = memory.reserve(self.N.numel() * 8, f"{name} of the order-{self.order} table")
            try:
                with memory.transient(2 * self.N.numel() * 8 if paid else 0, f"smoothing the order-{self.order} table"):
                    value = build()
            except memory.MemoryBudgetError:
                if paid:
                    paid.release()
                raise
            self._cache[key] = paid.keep(value) if paid else value
        return value


@dataclass(frozen=True)
class CountsConfig(ModelConfig):
    """The counts model is what `ModelConfig` describes, field for field: its order n, its windows and its add-k
    smoothing (defaults and a comment per field there, in `makemore/config.py`)."""


@dataclass(frozen=True)
class CountsModel:
    """The n-gram counts model of a word list, with its smoothing k. `with_k` gives the same counts at another k.

    The model contract (shared with the nets, see `models/base.py`): `order`, `vocab`, `windows`,
    `next_probs(tokens)`, `log_probs(codes, contexts)`, `evaluate(...)`, `tensors()`.
    """

    name: ClassVar[str] = "counts"  # its name in the registry, the CLI and links
    Config: ClassVar[type] = CountsConfig

    vocab: object  # Vocab
    table: CountTable
    windows: str = "word"
    k: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "k", check_k(self.k))

    def __repr__(self) -> str:  # one line, not the tensors
        t = self.table
        return (
            f"CountsModel(order={self.order}, V={self.V}, windows={self.windows!r}, k={self.k:g}, "
            f"contexts seen={t.contexts_seen:,}, examples={int(t.N.sum()):,})"
        )

    @classmethod
    def build(cls, counts: CountsModel, config: CountsConfig) -> CountsModel:
        """The registry's way in: the counts model is the training counts themselves, at the config's k."""
        return counts.with_k(config.k)

    @classmethod
    def unavailable(cls, order: int) -> str | None:
        """Why there is no such model at this order (never: every order has counts)."""
        return None

    @property
    def config(self) -> CountsConfig:
        return CountsConfig(order=self.order, windows=self.windows, k=self.k)

    def tensors(self) -> dict[str, torch.Tensor]:
        """What an export writes: the counts N (P follows from N and k)."""
        return {"N": self.N}

    @classmethod
    def from_words(
        cls, words: Sequence[str], vocab, order: int = 2, windows: str = "word", k: float = 0.0
    ) -> CountsModel:
        return cls.from_examples(make_examples(words, vocab, order, windows), vocab, k)

    @classmethod
    def from_examples(cls, ex: Examples, vocab, k: float = 0.0) -> CountsModel:
        return cls(vocab=vocab, table=CountTable.from_examples(ex), windows=ex.windows, k=k)

    @classmethod
    def from_counts(cls, vocab, N: torch.Tensor, k: float = 0.0) -> CountsModel:
        """A bigram model from a V×V count matrix (e.g. the lecture's, from its figures)."""
        V = vocab.size
        if tuple(N.shape) != (V, V):
            raise ValueError(f"a bigram count matrix must be {V}×{V}, not {tuple(N.shape)}")
        return cls(vocab=vocab, table=CountTable(2, V, torch.arange(V), N.long(), True), k=k)

    def _k(self, k: float | None) -> float:
        return self.k if k is None else k

    def with_k(self, k: float) -> CountsModel:
        return self if k == self.k else dataclasses.replace(self, k=k)

    # --- the lecture's names -------------------------------------------------------------------------------

    @property
    def order(self) -> int:
        return self.table.order

    @property
    def context(self) -> int:
        """n−1: how many tokens a prediction reads."""
        return self.order - 1

    @property
    def V(self) -> int:
        return self.vocab.size

    @property
    def N(self) -> torch.Tensor:
        """(rows, V) int64 counts; for n = 2 the lecture's V×V N[ix1, ix2]."""
        return self.table.N

    def P(self, k: float | None = None) -> torch.Tensor:
        """Row probabilities with add-k smoothing (default: the model's k), float64 (rows, V)."""
        return self.table.P(self.k if k is None else k)

    def logP(self, k: float | None = None) -> torch.Tensor:
        return self.table.logP(self.k if k is None else k)

    def P_lecture(self, k: float | None = None) -> torch.Tensor:
        """The float32 table sampling draws from: `P = (N+k).float(); P /= P.sum(1, keepdims=True)`."""
        return torch.from_numpy(probs32(self.N.numpy(), self.k if k is None else k))

    # --- the model contract --------------------------------------------------------------------------------

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor:
        """The next-token distribution (float32) after `tokens` (the tape; only the last n−1 count)."""
        row = self.table.row_of(tokens)
        return torch.from_numpy(probs32(self.N[row].numpy(), self.k))

    def row_of(self, tokens: Sequence[int]) -> int:
        return self.table.row_of(tokens)

    def log_probs(self, codes: torch.Tensor, contexts: torch.Tensor | None = None, k: float | None = None):
        """(C, V) float64 log-probabilities after each context code."""
        return self.table.logP_rows(self.table.rows_of(codes), self.k if k is None else k)

    def examples(self, words: Sequence[str]) -> Examples:
        return make_examples(words, self.vocab, self.order, self.windows)

    def evaluate(self, data: Examples | Sequence[str] | None = None, k: float | None = None) -> NLL:
        """Log-likelihood and mean NLL of `data` (examples or words; default: the training counts themselves)."""
        k = self.k if k is None else k
        if data is None:  # the table holds the training cells and their counts
            return self.table.train_nll(k)
        ex = data if isinstance(data, Examples) else self.examples(data)
        return evaluate_model(self.with_k(k), ex)

    def score(self, word: str, k: float | None = None) -> WordScore:
        """Every prediction of `word` (its characters and its end, from boundaries before it) with its count,
        probability and log-probability: the lecture's `andrejq`, for any order."""
        ex = make_examples([word], self.vocab, self.order, "word")  # raises VocabError on unknown characters
        rows = self.table.rows_of(ex.codes)
        P = self.P(k) if self.table.dense else None  # a sparse table smooths only the rows the word reads
        itos = self.vocab.itos
        items = []
        for x, r, y in zip(ex.X.tolist(), rows.tolist(), ex.Y.tolist(), strict=True):
            p = float(P[r, y]) if P is not None else float(smoothed_probs(self.N[r : r + 1], self._k(k))[0, y])
            ctx = "".join(itos[i] for i in x)
            items.append(Prediction(ctx, itos[y], int(self.N[r, y]), p, math.log(p) if p > 0 else -math.inf))
        logps = [b.logprob for b in items]
        ll = -math.inf if -math.inf in logps else math.fsum(logps)
        nll = -ll if ll != 0 else 0.0
        return WordScore(word, tuple(items), ll, nll, nll / len(items))
