"""Sampling one token at a time from any model of the package (counts or net, any order).

Mirrors steps 4 and 11 of the lecture, with the tape of n−1 tokens a model of order n reads: start from
boundaries, draw the next index from the model's distribution after the tape, slide the tape, repeat until the
boundary is drawn. With `word` windows every word starts from a tape of boundaries (makemore); with `stream`
windows the tape carries across word ends, as ngram.py samples.

Three random streams:
- `torch`: the lecture's code as today's torch runs it, `torch.multinomial(p, 1, replacement=True, generator=g)`.
- `lecture`: the pre-2.0 CPU algorithm that printed the lecture's samples: one float64 uniform u per draw, then
  the first index whose float32 cumulative probability (normalised by its last value) is ≥ u.
- `xorshift`: ngram.py's own generator, xorshift* on a 64-bit state giving a float in [0, 1) from 24 bits, and
  its inverse-CDF draw: the first index whose float64 running sum of the float32 probabilities exceeds u.

    >>> from makemore.vocab import Vocab
    >>> from makemore.models.counts import CountsModel
    >>> words = ["emma", "ava", "mia"]
    >>> m = CountsModel.from_words(words, Vocab.from_words(words), k=1)
    >>> s = Sampler(m, seed=2147483647, stream="lecture")
    >>> [x.word for x in s.sample(3)]
    ['imm', '', 'vv']
    >>> [x.word for x in Sampler(CountsModel.from_words(words, m.vocab, order=3), stream="xorshift").sample(3)]
    ['mia', 'emma', 'ava']
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch

from .config import SampleConfig

_DEFAULT = SampleConfig()


class Model(Protocol):
    """What a sampler needs of a model: the counts model and the nets both provide it."""

    vocab: object
    order: int
    windows: str

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor: ...


@dataclass(frozen=True)
class Draw:
    """One character drawn: the tape it was drawn after, the distribution, the random number, the choice."""

    context: tuple[int, ...]  # the n−1 tokens the model read (empty for a unigram)
    row: int | None  # the row of the model's table (P or W) that distribution is; None where there is none
    probs: torch.Tensor  # (V,) float32: the distribution the draw used (after temperature and top-k)
    u: float | None  # the uniform drawn (lecture and xorshift streams); None for the torch stream and greedy
    ix: int  # the chosen index
    prob: float  # probs[ix]


@dataclass(frozen=True)
class Sample:
    word: str  # without the closing boundary
    ix: tuple[int, ...]  # indices drawn, the closing boundary included when the word ended
    logprob: float  # Σ log prob of every draw (the end included): the word's log-likelihood under the sampler
    ended: bool  # False when cut at max_len before the boundary was drawn
    in_training: bool | None  # whether the word occurs in the training words (None if not given)


class XorShift:
    """ngram.py's random numbers: xorshift* (Marsaglia's xorshift with Vigna's multiplier) on 64 bits.

    >>> r = XorShift(1337)
    >>> [r.random_u32() for _ in range(2)]
    [989205090, 818269915]
    """

    MASK = 2**64 - 1

    def __init__(self, seed: int) -> None:
        self.state = seed & self.MASK

    def random_u32(self) -> int:
        x = self.state
        x ^= x >> 12
        x ^= (x << 25) & self.MASK
        x ^= x >> 27
        self.state = x
        return ((x * 0x2545F4914F6CDD1D) >> 32) & 0xFFFFFFFF  # bits 32-63 of the 64-bit product

    def random(self) -> float:
        """A float in [0, 1) from the top 24 bits: exactly representable in float32."""
        return (self.random_u32() >> 8) / 16777216.0


# --- the two random streams and the shaping of a distribution ---------------------------------------------


def draw_lecture(p: torch.Tensor, g: torch.Generator) -> tuple[int, float]:
    """Pre-2.0 `torch.multinomial(p, 1, replacement=True)` on the CPU: returns (index, uniform drawn)."""
    u = float(torch.rand((), dtype=torch.float64, generator=g))
    cum = np.cumsum(p.detach().float().numpy(), dtype=np.float32)  # sequential float32 sums, as the old kernel
    cum = cum / cum[-1]
    cum[-1] = 1.0
    return int(np.searchsorted(cum, u, side="left")), u  # first index with cum >= u


def draw_xorshift(p: torch.Tensor, rng: XorShift) -> tuple[int, float]:
    """Inverse CDF: the first index whose running float64 sum of the float32 probabilities exceeds u (the last
    index if rounding leaves the sum at or below u)."""
    u = rng.random()
    cum = np.cumsum(p.detach().float().numpy().astype(np.float64))  # sequential sums, as a Python loop adds
    return min(int(np.searchsorted(cum, u, side="right")), p.numel() - 1), u


def draw_torch(p: torch.Tensor, g: torch.Generator) -> int:
    """The lecture's call as today's torch runs it."""
    return int(torch.multinomial(p, num_samples=1, replacement=True, generator=g))


def shape_probs(p: torch.Tensor, temperature: float = 1.0, top_k: int | None = None) -> torch.Tensor:
    """Apply temperature (p^(1/T), renormalised) and top-k to a distribution; T=1 and no top-k return p as is.

    >>> shape_probs(torch.tensor([0.5, 0.25, 0.25]), temperature=0.5).tolist()
    [0.6666666865348816, 0.1666666716337204, 0.1666666716337204]
    >>> shape_probs(torch.tensor([0.25, 0.25, 0.25, 0.25]), top_k=2).tolist()  # ties: the first two by index
    [0.5, 0.5, 0.0, 0.0]
    """
    if not (temperature > 0 and math.isfinite(temperature)):
        raise ValueError(f"temperature must be a positive number, not {temperature}")
    if temperature == 1.0 and (top_k is None or top_k >= p.numel()):
        return p
    logp = p.double().log() / temperature  # log-space: p^(1/T) underflows for tiny T
    if top_k is not None:
        if top_k < 1:
            raise ValueError(f"top-k must be at least 1, not {top_k}")
        # exactly k survive: ties at the k-th value are broken by index (a stable sort), not all kept
        keep = torch.argsort(logp, descending=True, stable=True)[: min(top_k, p.numel())]
        logp = torch.full_like(logp, -math.inf).index_copy(0, keep, logp[keep])
    return torch.softmax(logp, dim=0).float()


# --- the sampler ------------------------------------------------------------------------------------------


@dataclass
class Sampler:
    """A step-wise sampler; keeps the tape, the word being drawn, its draws, and every finished word.

    Words come one after another from one generator, as the lecture's loop draws them: the n-th word for a seed
    is always the same, whichever page or command draws it.
    """

    model: Model
    seed: int = _DEFAULT.seed
    stream: str = _DEFAULT.stream
    temperature: float = _DEFAULT.temperature
    top_k: int | None = _DEFAULT.top_k
    greedy: bool = _DEFAULT.greedy
    max_len: int = _DEFAULT.max_len
    training_words: Collection[str] | None = None
    g: torch.Generator = field(init=False, repr=False)
    rng: XorShift = field(init=False, repr=False)
    tape: list[int] = field(init=False, default_factory=list)  # the n−1 tokens the next draw reads
    current: list[int] = field(init=False, default_factory=list)  # indices drawn for the unfinished word
    draws: list[Draw] = field(init=False, default_factory=list)  # the unfinished word's draws
    history: list[Sample] = field(init=False, default_factory=list)
    shown: list[Draw] = field(init=False, default_factory=list)  # the draws of the word in progress, else the last

    def __post_init__(self) -> None:
        SampleConfig(seed=self.seed, stream=self.stream, max_len=self.max_len)  # validates them
        shape_probs(torch.ones(1), self.temperature, self.top_k)  # validate now, not at the first draw
        self.reset()

    @property
    def vocab(self):
        return self.model.vocab

    def reset(self, seed: int | None = None) -> None:
        """Reseed and forget every word: the next words are the first words of the seed again."""
        if seed is not None:
            self.seed = seed
        self.g = torch.Generator().manual_seed(self.seed)
        self.rng = XorShift(self.seed)
        self.current, self.draws, self.history, self.shown = [], [], [], []
        self.tape = [0] * (self.model.order - 1)

    @property
    def word_so_far(self) -> str:
        return self.vocab.decode(self.current)

    def upcoming(self) -> tuple[int | None, torch.Tensor]:
        """The row and the distribution (after temperature and top-k) the next character will be drawn from;
        nothing is drawn, the generator is untouched."""
        row_of = getattr(self.model, "row_of", None)
        row = row_of(self.tape) if row_of is not None else None
        return row, shape_probs(self.model.next_probs(self.tape), self.temperature, self.top_k)

    def step(self) -> Draw:
        """Draw the next character of the current word; a drawn boundary (or max_len) finishes the word."""
        row, probs = self.upcoming()
        u = None
        if self.greedy:
            ix = int(torch.argmax(probs))
        elif self.stream == "lecture":
            ix, u = draw_lecture(probs, self.g)
        elif self.stream == "xorshift":
            ix, u = draw_xorshift(probs, self.rng)
        else:
            ix = draw_torch(probs, self.g)
        d = Draw(context=tuple(self.tape), row=row, probs=probs, u=u, ix=ix, prob=float(probs[ix]))
        self.draws.append(d)
        self.shown = self.draws
        if self.tape:
            self.tape = [*self.tape[1:], ix]  # slide: the oldest token leaves, the new one enters
        if ix == 0:
            self._finish(ended=True)
        else:
            self.current.append(ix)
            if len(self.current) >= self.max_len:
                self._finish(ended=False)
        return d

    def finish(self) -> Sample:
        """Draw until the current word ends; returns it."""
        n = len(self.history)
        while len(self.history) == n:
            self.step()
        return self.history[-1]

    def new_word(self) -> Sample:
        """Abandon the word in progress (its draws stay spent) and draw a whole new one."""
        self.current, self.draws = [], []
        self._start_word(ended=False)
        return self.finish()

    def sample(self, num: int) -> list[Sample]:
        """The next `num` words (an unfinished word is finished first and counts as one)."""
        return [self.finish() for _ in range(num)]

    def _start_word(self, ended: bool) -> None:
        # `word` windows: every word starts from boundaries. `stream`: the tape runs on across a word's end
        # (it already holds the boundary just drawn); a word cut short starts the next from boundaries.
        if self.model.windows == "word" or not ended:
            self.tape = [0] * (self.model.order - 1)

    def _finish(self, ended: bool) -> None:
        word = self.vocab.decode(self.current)
        ix = (*self.current, 0) if ended else tuple(self.current)
        logprob = math.fsum(math.log(d.prob) if d.prob > 0 else -math.inf for d in self.draws)
        in_training = None if self.training_words is None else word in self.training_words
        self.history.append(Sample(word, ix, logprob, ended, in_training))
        self.current, self.draws = [], []
        self._start_word(ended)
