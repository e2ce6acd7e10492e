"""Every default in one place: frozen settings for the models, the training and the sampling.

Like makemore.py's `ModelConfig`, each field carries a comment. The CLI takes its defaults from these, the pages
start sessions from them, and because they are frozen (hashable) they serve as cache keys.

    >>> ModelConfig()
    ModelConfig(order=2, windows='word', k=0.0)
    >>> ModelConfig(order=4, windows="stream").context_size
    3
    >>> ModelConfig(order=11)
    Traceback (most recent call last):
    ...
    ValueError: order must be a whole number from 1 to 10, not 11
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LECTURE_SEED = 2147483647  # the lecture's `torch.Generator().manual_seed(2147483647)`
NGRAM_SEED = 1337  # ngram.py's `RNG(1337)`
MIN_ORDER, MAX_ORDER = 1, 10
WINDOWS = ("word", "stream")
MODES = ("counts", "index", "onehot")  # how a net computes its loss; all give the same numbers
STREAMS = ("torch", "lecture", "xorshift")  # the random streams a sampler can draw from
# What the dashboard and the command line start with, the same in both: the lecture's (N+1) smoothing and its
# printed samples (the `lecture` stream reproduces `mor. axx. minaymoryles.` on today's torch).
DEFAULT_K = 1.0
DEFAULT_STREAM = "lecture"
MAX_SEED = 2**63 - 1  # torch.Generator.manual_seed takes a signed 64-bit integer


def check_order(order: int) -> int:
    """The order as an int, or ValueError with a sentence."""
    if isinstance(order, bool) or not isinstance(order, int) or not MIN_ORDER <= order <= MAX_ORDER:
        raise ValueError(f"order must be a whole number from {MIN_ORDER} to {MAX_ORDER}, not {order}")
    return order


def check_k(k: float) -> float:
    if not (isinstance(k, int | float) and math.isfinite(k) and k >= 0):
        raise ValueError(f"smoothing k must be a finite number ≥ 0, not {k}")
    return float(k)


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")
    return value


@dataclass(frozen=True)
class ModelConfig:
    """What a model of characters is: how much context it reads and how a word list becomes examples."""

    order: int = 2  # n: predict each token from the n−1 before it (2 = the lecture's bigram, 1 = unigram)
    windows: str = "word"  # "word": n−1 boundaries before each word, one after (makemore's block_size);
    #                        "stream": the file as one sequence, windows across word ends (ngram.py)
    k: float = 0.0  # add-k smoothing of the counts model; 0 is the lecture's raw P, 1 its (N+1)

    def __post_init__(self) -> None:
        check_order(self.order)
        check_choice("windows", self.windows, WINDOWS)
        object.__setattr__(self, "k", check_k(self.k))

    @property
    def context_size(self) -> int:
        """n−1: the tokens a prediction reads (the tape's length when sampling)."""
        return self.order - 1


@dataclass(frozen=True)
class TrainConfig:
    """Gradient descent on a net's parameters (`makemore.train.Trainer`): the lecture's settings."""

    lr: float = 50.0  # the lecture's `W.data += -50 * W.grad`
    lam: float = 0.01  # λ of the L2 term λ·mean(W²) (the lecture's 0.01*(W**2).mean())
    seed: int = LECTURE_SEED  # seeds W's initial randn
    mode: str = "counts"  # counts (from N, O(rows·V) a step), index (W[xs]) or onehot (the lecture's code)
    # which net trains is a model's name in the registry (`makemore.models.registry`, DEFAULT_NET)

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"the learning rate must be a positive number, not {self.lr}")
        if not (math.isfinite(self.lam) and self.lam >= 0):
            raise ValueError(f"λ must be a number ≥ 0, not {self.lam}")
        check_choice("mode", self.mode, MODES)


@dataclass(frozen=True)
class SampleConfig:
    """How words are drawn from a model."""

    seed: int = LECTURE_SEED  # the same seed draws the same words on every page and in the CLI
    stream: str = "torch"  # torch (today's multinomial), lecture (pre-2.0 torch) or xorshift (ngram.py's RNG)
    temperature: float = 1.0  # p^(1/T) renormalised; 1 leaves p as it is
    top_k: int | None = None  # keep only the k likeliest characters (None: all)
    greedy: bool = False  # always the likeliest character (no randomness)
    max_len: int = 100  # characters; a word cut there is marked unfinished
    k: float = 1.0  # smoothing of the counts model when sampling (the lecture samples from N+1)

    def __post_init__(self) -> None:
        check_choice("random stream", self.stream, STREAMS)
        if not 0 <= self.seed <= MAX_SEED:
            raise ValueError(f"the seed must be between 0 and {MAX_SEED}, not {self.seed}")
        if self.max_len < 1:
            raise ValueError("max_len must be at least 1")
        check_k(self.k)


@dataclass(frozen=True)
class GridConfig:
    """ngram.py's grid search: every order with every smoothing, fitted on train and scored on dev."""

    orders: tuple[int, ...] = (3, 4, 5)  # ngram.py's seq_lens
    smoothings: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0)  # ngram.py's smoothings
    windows: str = "word"  # ngram.py itself reads its files as one stream: pass "stream" to reproduce it

    def __post_init__(self) -> None:
        if not self.orders or not self.smoothings:
            raise ValueError("a grid needs at least one order and one smoothing")
        for n in self.orders:
            check_order(n)
        for k in self.smoothings:
            check_k(k)
        check_choice("windows", self.windows, WINDOWS)
