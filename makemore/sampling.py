"""Sampling one character at a time from any model that gives a next-character distribution.

Mirrors steps 4 and 11 of the lecture: start at the boundary, draw the next index from the current row's
distribution, repeat until the boundary is drawn again. The model is any callable
`next_probs(context) -> probs` where `context` is the word so far (indices, with its leading boundary) and
`probs` is a (V,) float tensor: `CountsModel.next_probs` or `Trainer.next_probs`.

Two random streams, both from a `torch.Generator` seeded by the caller:
- `torch`: the lecture's code as today's torch runs it, `torch.multinomial(p, 1, replacement=True, generator=g)`.
- `lecture`: the pre-2.0 CPU algorithm that printed the lecture's samples: one float64 uniform u per draw, then
  the first index whose float32 cumulative probability (normalised by its last value) is ≥ u.

    >>> from functools import partial
    >>> from makemore.vocab import Vocab
    >>> from makemore.counts import CountsModel
    >>> words = ["emma", "ava", "mia"]
    >>> m = CountsModel.from_words(words, Vocab.from_words(words))
    >>> s = Sampler(partial(m.next_probs, k=1), m.vocab, seed=2147483647, stream="lecture")
    >>> [x.word for x in s.sample(3)]
    ['imm', '', 'vv']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

from .vocab import Vocab

STREAMS = ("torch", "lecture")
LECTURE_SEED = 2147483647
DEFAULT_MAX_LEN = 100  # characters; a word cut there is marked `ended=False`

NextProbs = Callable[[Sequence[int]], torch.Tensor]


@dataclass(frozen=True)
class Draw:
    """One character drawn: the distribution it came from, the random number, the choice."""

    row: int  # index of the previous character (the row of P or W for a bigram model)
    probs: torch.Tensor  # (V,) float32: the distribution the draw used (after temperature and top-k)
    u: float | None  # the uniform drawn (lecture stream); None for the torch stream and greedy
    ix: int  # the chosen index
    prob: float  # probs[ix]


@dataclass(frozen=True)
class Sample:
    word: str  # without the closing boundary
    ix: tuple[int, ...]  # indices drawn, the closing boundary included when the word ended
    logprob: float  # Σ log prob of every draw (the end included): the word's log-likelihood under the sampler
    ended: bool  # False when cut at max_len before the boundary was drawn
    in_training: bool | None  # whether the word occurs in the training words (None if not given)


# --- the two random streams and the shaping of a distribution ---------------------------------------------


def draw_lecture(p: torch.Tensor, g: torch.Generator) -> tuple[int, float]:
    """Pre-2.0 `torch.multinomial(p, 1, replacement=True)` on the CPU: returns (index, uniform drawn)."""
    u = float(torch.rand((), dtype=torch.float64, generator=g))
    cum = np.cumsum(p.detach().float().numpy(), dtype=np.float32)  # sequential float32 sums, as the old kernel
    cum = cum / cum[-1]
    cum[-1] = 1.0
    return int(np.searchsorted(cum, u, side="left")), u  # first index with cum >= u


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
    """A step-wise sampler; keeps the word being drawn, its draws, and every finished word.

    Words come one after another from one generator, as the lecture's loop draws them: the n-th word for a seed
    is always the same, whichever page or command draws it.
    """

    next_probs: NextProbs
    vocab: Vocab
    seed: int = LECTURE_SEED
    stream: str = "torch"
    temperature: float = 1.0
    top_k: int | None = None
    greedy: bool = False
    max_len: int = DEFAULT_MAX_LEN
    training_words: Collection[str] | None = None
    context: int = 1
    g: torch.Generator = field(init=False, repr=False)
    current: list[int] = field(init=False, default_factory=list)  # indices drawn for the unfinished word
    draws: list[Draw] = field(init=False, default_factory=list)  # the unfinished word's draws
    history: list[Sample] = field(init=False, default_factory=list)
    shown: list[Draw] = field(init=False, default_factory=list)  # the draws of the word in progress, else the last

    def __post_init__(self) -> None:
        if self.stream not in STREAMS:
            raise ValueError(f"unknown random stream {self.stream!r}; choose one of {', '.join(STREAMS)}")
        if self.max_len < 1:
            raise ValueError("max_len must be at least 1")
        shape_probs(torch.ones(1), self.temperature, self.top_k)  # validate now, not at the first draw
        self.reset()

    def reset(self, seed: int | None = None) -> None:
        """Reseed and forget every word: the next words are the first words of the seed again."""
        if seed is not None:
            self.seed = seed
        self.g = torch.Generator().manual_seed(self.seed)
        self.current, self.draws, self.history, self.shown = [], [], [], []

    @property
    def word_so_far(self) -> str:
        return self.vocab.decode(self.current)

    def upcoming(self) -> tuple[int, torch.Tensor]:
        """The row and the distribution (after temperature and top-k) the next character will be drawn from;
        nothing is drawn, the generator is untouched."""
        context = [0] * self.context + self.current
        return context[-1], shape_probs(self.next_probs(context), self.temperature, self.top_k)

    def step(self) -> Draw:
        """Draw the next character of the current word; a drawn boundary (or max_len) finishes the word."""
        row, probs = self.upcoming()
        u = None
        if self.greedy:
            ix = int(torch.argmax(probs))
        elif self.stream == "lecture":
            ix, u = draw_lecture(probs, self.g)
        else:
            ix = draw_torch(probs, self.g)
        d = Draw(row=row, probs=probs, u=u, ix=ix, prob=float(probs[ix]))
        self.draws.append(d)
        self.shown = self.draws
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
        return self.finish()

    def sample(self, num: int) -> list[Sample]:
        """The next `num` words (an unfinished word is finished first and counts as one)."""
        return [self.finish() for _ in range(num)]

    def _finish(self, ended: bool) -> None:
        word = self.vocab.decode(self.current)
        ix = (*self.current, 0) if ended else tuple(self.current)
        logprob = math.fsum(math.log(d.prob) if d.prob > 0 else -math.inf for d in self.draws)
        in_training = None if self.training_words is None else word in self.training_words
        self.history.append(Sample(word, ix, logprob, ended, in_training))
        self.current, self.draws = [], []
