"""What every model kind shares: the contract, the picture of W a live panel draws, the lecture's one-layer net.

The contract, makemore.py's idea (one small interface for every model; the sampler, `evaluate`, the trainer, the
pages and the CLI need nothing else):

- every model: `name` (its registry name), `order`, `vocab`, `windows`, `config`, `next_probs(tokens)` (float32,
  sums to 1), `log_probs(codes, contexts)` ((C, V) float64), `evaluate(examples_or_words)` (one exact float64
  NLL, through `exact_nll`), `tensors()` (what an export writes), and the class methods `build(counts, config)`
  and `unavailable(order)`;
- a trainable model also: `parameters()` / `set_parameters()` / `init_parameters(g)`, `batch(examples)` and
  `loss(batch, lam, mode)` (autograd), optionally `loss_and_grad(lam)` (a closed-form gradient: the counts
  mode), `seen_logits(params)` (what the trainer's divergence rule checks), `dev_scorer(dev)`,
  `working_bytes(mode, num)`, `step_cells(counts)`, `stable_lr(lam)`, `weight_view()`, `copy()` and the page
  texts below;
- a model trained on minibatches (`minibatch = True`, makemore part 2's MLP) instead has its own `step(xb, yb, lr)`,
  `working_bytes(batch)` and `step_macs(batch)` (a step's cost, counted: what a Step click may do).

`OneLayerNet` holds what the lecture's nets share (steps 8-11): a W of logits, softmax, the loss
`nll + λ·mean(W²)` in the lecture's one-hot form and as `F.cross_entropy` (exercises E04/E05), the lecture's
`W = torch.randn((rows, V), generator=g)`. Each net's own file says how a context's logits come from W.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np
import torch
import torch.nn.functional as F

from .. import memory
from ..config import LECTURE_SEED, MODES, WINDOWS, check_choice, check_order
from ..windows import Examples, context_labels, encode_context, make_examples, word_start_codes
from .counts import NLL, CountsModel, evaluate_model


class Model(Protocol):
    """What the sampler, `evaluate` and the pages ask of any model."""

    name: ClassVar[str]
    vocab: object
    order: int
    windows: str

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor: ...
    def log_probs(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor: ...
    def evaluate(self, data) -> NLL: ...
    def tensors(self) -> dict[str, torch.Tensor]: ...


class Trainable(Model, Protocol):
    """What `makemore.train.Trainer` asks of a model (and the live page of its picture and its bound)."""

    modes: ClassVar[tuple[str, ...]]

    def parameters(self) -> dict[str, torch.Tensor]: ...
    def set_parameters(self, params: dict[str, torch.Tensor]) -> None: ...
    def init_parameters(self, g: torch.Generator) -> None: ...
    def batch(self, examples: Examples): ...
    def loss(self, batch, lam: float, mode: str) -> tuple[torch.Tensor, torch.Tensor]: ...
    def seen_logits(self, params: dict[str, np.ndarray]) -> np.ndarray: ...
    def dev_scorer(self, dev: Examples) -> Callable[[], float]: ...
    def working_bytes(self, mode: str, num: int | None) -> int: ...
    def stable_lr(self, lam: float) -> float: ...
    def weight_view(self) -> WeightView: ...
    def copy(self) -> Trainable: ...


def init_W(rows: int, V: int, seed: int = LECTURE_SEED) -> torch.Tensor:
    """The lecture's initial weights: `torch.randn((V, V), generator=g)` with g seeded by `seed`."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn((rows, V), generator=g)  # (rows, V) float32 log-counts


@dataclass(frozen=True)
class WeightView:
    """The part of a net's parameter the live panel draws (at most V×V), the matching rows of the counts model's
    log P, and what each pane's title says it is. `W_title` and `grad_title` hold `{step}` for the step shown."""

    rows: torch.Tensor  # (R,) rows of the parameter (and of its gradient) drawn
    row_labels: list[str]  # what each of those rows is
    logP: torch.Tensor  # (R, V) log P of the counts model (k = 0) for the contexts in `logP_row_labels`
    logP_row_labels: list[str]
    W_title: str
    logP_title: str
    grad_title: str
    param: str = "W"  # which of the model's parameters the rows are of


@dataclass(frozen=True)
class NetConfig:
    """A one-layer net of characters: the order and the windows of the examples it learns from (its W follows
    from them and the counts: the nets have no other setting; lr, λ and the seed are the trainer's)."""

    order: int = 2  # n: logits for each token from the n−1 before it (2: the lecture's bigram net)
    windows: str = "word"  # "word": n−1 boundaries before each word (makemore); "stream": ngram.py's

    def __post_init__(self) -> None:
        check_order(self.order)
        check_choice("windows", self.windows, WINDOWS)


def word_start_logP(counts: CountsModel):
    """The word-start slice of the counts model's table (contexts boundary×(n−2) + c): (codes, table rows, log P
    at k = 0 of those rows, their labels), the counts side of every net's picture."""
    n, V = counts.order, counts.V
    codes = word_start_codes(n, V)
    rows = counts.table.rows_of(codes)
    logP = counts.table.logP_rows(rows, 0.0)  # (R, V) the counts model at k = 0, the net's target at λ = 0
    return codes, rows, logP, context_labels(codes, n, counts.vocab.itos)


class OneLayerNet:
    """The lecture's net on the counts of a word list: a W of logits, trained by `makemore.train.Trainer`.

    A subclass says how W's rows are laid out (`rows`), how a context's logits come from them (`logits`,
    `onehot`, `index_logits`, `batch`) and what follows (its closed-form gradient, bound, picture, costs).
    `counts` is the training counts model: its table holds the sufficient statistics of the counts mode.
    """

    name: ClassVar[str]
    Config: ClassVar[type] = NetConfig
    modes: ClassVar[tuple[str, ...]] = MODES  # counts (closed form), index, onehot: the same losses
    cheaper: ClassVar[str] = ""  # what else to choose when a step of this net is too large for a live tick
    explanation: ClassVar[str] = ""  # a sentence for the training page at n ≥ 3 ({gram}: "trigram", ...)
    logits_from: ClassVar[str] = ""  # where a context's logits come from, for the Compare page
    at_lambda_0: ClassVar[str] = ""  # what it converges to at λ = 0, for the Compare page
    label: ClassVar[str] = ""  # a few words a control shows beside its name ("a row of W per context")
    index_gathers: ClassVar[int] = 0  # (num, V) tensors the index mode's gather adds (one per summed position)

    def __init__(self, counts: CountsModel, rows: int, stat_rows: int, extra_bytes: int = 0) -> None:
        """`rows`: W's rows; `stat_rows`: rows of the counts-mode statistics (and of the dev weights). What the
        net holds while it lives (W, its gradient and update, the cells' weights) is paid from the process's
        memory budget before any of it is made."""
        if int(counts.table.N.sum()) == 0:
            raise ValueError("there are no training examples")
        self.counts = counts
        self.vocab, self.order, self.windows = counts.vocab, counts.order, counts.windows
        self.V = counts.V  # read on every step: an attribute, not a property
        self.rows, self._stat_rows = rows, stat_rows
        kept = stat_rows * self.V * 4 * 4 + extra_bytes
        memory.reserve(kept, self._what(), "choose a lower order or the other net").keep(self)
        self.W = init_W(rows, self.V)  # the lecture's W until a trainer seeds it again

    def _what(self) -> str:
        return f"the {self.name} net of order {self.order}"

    def __repr__(self) -> str:  # one line, not W
        shape = "×".join(map(str, self.W.shape))
        return f"{type(self).__name__}(order={self.order}, V={self.V}, windows={self.windows!r}, W={shape})"

    @classmethod
    def build(cls, counts: CountsModel, config: NetConfig) -> OneLayerNet:
        """The registry's way in: the net of the config's kind on these training counts."""
        return cls(counts)

    @classmethod
    def unavailable(cls, order: int) -> str | None:
        """Why there is no such net at this order, as a page says it, or None."""
        return None

    @property
    def config(self) -> NetConfig:
        return self.Config(order=self.order, windows=self.windows)

    # --- the model contract -------------------------------------------------------------------------------

    def logits(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float32 logits after each context (code; a net may also read the tokens)."""
        raise NotImplementedError

    def log_probs(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float64 log-softmax of the logits: the model's log-probabilities."""
        return torch.log_softmax(self.logits(codes, contexts).double(), dim=1)

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor:
        """The lecture's sampling forward pass for one context: exp(logits) normalised, float32."""
        code = encode_context(tokens, self.order, self.V)
        counts = self.logits(torch.tensor([code])).exp()  # (1, V): one_hot(ix) @ W is exactly row ix of W
        return (counts / counts.sum(1, keepdim=True))[0]

    def row_of(self, tokens: Sequence[int]) -> int | None:
        """The row of W that is the distribution after `tokens`, or None where no row is."""
        return None

    def probs(self) -> torch.Tensor:
        """softmax(W) by rows, float64 (for a net with a row per context: the counterpart of the counts P)."""
        return torch.softmax(self.W.double(), dim=1)

    def evaluate(self, data: Examples | Sequence[str]) -> NLL:
        """The data NLL (no λ term) of the current W on any examples or words, exact."""
        ex = data if isinstance(data, Examples) else make_examples(data, self.vocab, self.order, self.windows)
        return evaluate_model(self, ex)

    def tensors(self) -> dict[str, torch.Tensor]:
        return {"W": self.W}

    def copy(self) -> OneLayerNet:
        """The net as it is now, for sampling while training goes on. The counts statistics are shared, and so is
        their memory charge: the copy keeps the net that paid for them alive."""
        twin = copy.copy(self)
        twin.W = self.W.clone()
        twin._paid_by = getattr(self, "_paid_by", self)
        return twin

    # --- what the trainer asks -----------------------------------------------------------------------------

    def parameters(self) -> dict[str, torch.Tensor]:
        return {"W": self.W}

    def set_parameters(self, params: dict[str, torch.Tensor]) -> None:
        self.W = params["W"]

    def init_parameters(self, g: torch.Generator) -> None:
        """The lecture's `W = torch.randn((rows, V), generator=g)`."""
        self.W = torch.randn((self.rows, self.V), generator=g)  # (rows, V) float32 log-counts

    def batch(self, examples: Examples) -> tuple[torch.Tensor, torch.Tensor]:
        """(xs, ys) of the onehot and index modes: the row(s) of W each example reads, and its next token."""
        raise NotImplementedError

    def onehot(self, xs: torch.Tensor) -> torch.Tensor:
        """The lecture's `xenc` for a batch's xs: (num, rows) float32, so that `xenc @ W` is the logits."""
        raise NotImplementedError

    def index_logits(self, xs: torch.Tensor) -> torch.Tensor:
        """Exercise E04: the logits `xenc @ W` without the one-hots, by indexing W."""
        raise NotImplementedError

    def loss(self, batch, lam: float, mode: str) -> tuple[torch.Tensor, torch.Tensor]:
        """(loss, data NLL) on a batch, with autograd through W: the lecture's forward pass (`onehot`) or
        exercise E05's `F.cross_entropy` of the indexed logits (`index`). The same number to float32 rounding."""
        xs, ys = batch
        W = self.W
        if mode == "onehot":
            logits = self.onehot(xs) @ W  # (num, V) log-counts
            counts = logits.exp()  # (num, V) counts
            probs = counts / counts.sum(1, keepdim=True)  # (num, V) next-character distributions
            nll = -probs[torch.arange(xs.shape[0]), ys].log().mean()
        elif mode == "index":
            nll = F.cross_entropy(self.index_logits(xs), ys)
        else:
            raise ValueError(f"mode {mode!r} has no autograd loss; choose index or onehot")
        return nll + lam * (W**2).mean(), nll

    def working_bytes(self, mode: str, num: int | None) -> int:
        """Memory one step of `mode` allocates over `num` examples. The counts mode: a few (rows, V) arrays;
        onehot holds xenc (num × W's rows), logits, counts, probs and their gradients (~5 float32 (num, V)
        tensors more); index ~4 (num, V) and what its indexing gathers."""
        V = self.V
        if mode == "counts" or num is None:
            return 8 * self.W.numel() * 4 + 4 * self._stat_rows * V * 4 * max(self.order - 1, 1)
        if mode == "onehot":
            return num * (self.rows + 5 * V) * 4
        return num * V * 4 * (4 + self.index_gathers)

    def _dev_reservation(self) -> memory.Reservation:
        """The dev weights of `dev_scorer`, as large as the counts-mode statistics, paid before they are made
        (the scorer keeps them)."""
        return memory.reserve(self._stat_rows * self.V * 4, self._what(), "choose a lower order or the other net")

    # --- what the pages show -------------------------------------------------------------------------------

    def floor_note(self, gram: str) -> str:
        """What the training page adds after the gap to the counts floor ("" when the net can close it)."""
        return ""

    def probs_title(self) -> str:
        """What the Compare page calls the net's probabilities."""
        return f"{self.name} net's softmax(W)"
