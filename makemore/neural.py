"""Neural n-gram nets: one linear layer W, softmax, NLL + λ·mean(W²), plain gradient descent.

Mirrors steps 8-11 of the lecture, for any order n. Two nets:

- `full`: one row of W per context (the input is the context one-hot among all contexts); for n = 2 this is the
  lecture's V×V W. At λ = 0 it converges to the counts model of the same order.
- `concat`: the n−1 context tokens one-hot each and side by side, W of ((n−1)·V, V); a context's logits are the
  sum of one row per position (exercise E01's usual answer). It cannot express every table, so it stays above
  the counts model's NLL. For n = 2 it is the full net.

Three compute modes give the same loss at every step (to float32 rounding):

- `onehot`: the lecture's code, `xenc = F.one_hot(xs).float(); logits = xenc @ W; counts = logits.exp();
  probs = counts / counts.sum(1, keepdims=True); loss = -probs[arange, ys].log().mean()`, with autograd.
- `index`: exercises E04/E05, `F.cross_entropy(W[xs], ys)`, with autograd.
- `counts`: the counts of each (context, next) cell are sufficient statistics, so the full-batch loss and its
  gradient need them alone: for the full net loss = -Σ N·log_softmax(W) / ΣN + λ·mean(W²) and
  grad = (rowsum(N)·softmax(W) - N)/ΣN + 2λW/numel(W). A step costs O(contexts·V) however many words there are.

    >>> from makemore.vocab import Vocab
    >>> from makemore.counts import CountsModel
    >>> m = CountsModel.from_words(["ab", "b"], Vocab.from_words(["ab", "b"]))
    >>> t = Trainer(m, lr=10.0, lam=0.0, seed=1)
    >>> t.step(300)
    >>> round(t.history.nll[-1], 3), round(m.evaluate().mean_nll, 3)  # the net approaches the counts model
    (0.278, 0.277)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from . import memory
from .config import LECTURE_SEED, MODES, NETS, TrainConfig, check_choice
from .counts import NLL, CountsModel, CountTable, evaluate_model
from .windows import Examples, decode_codes, encode_context, make_examples

# Where float32 exp() overflows to ∞ (log of the largest float32) or underflows to 0 (log of the smallest
# subnormal). A weight outside makes the lecture's `counts = logits.exp()` give NaN or an infinite loss; the counts
# and index modes would carry on (log_softmax is stable), so every mode stops there, together. Gradient descent
# never takes a weight there unless it diverges: a never-seen bigram's weight falls only like -log(steps).
EXP_OVERFLOW = math.log(torch.finfo(torch.float32).max)  # 88.72
EXP_UNDERFLOW = math.log(2.0**-149)  # -103.28
MAX_EXAMPLE_BYTES = 2**30  # the onehot and index modes' working memory; beyond it only counts mode trains
_DEFAULT = TrainConfig()
# Logits one live step of the counts mode may compute (a softmax and its gradient over each): about 1 ms per
# 50,000 here, so at most ~40 ms (concat a little more: each logit is a sum of n−1 rows), about a tick's 50 ms.
# The names at order 10 take 1.6 M; a 1,000-character list at order 3, 43 M (1.55 s a step): refused.
LIVE_MAX_CELLS = 2**21


def step_cells(counts: CountsModel, net: str) -> int:
    """Logits one counts-mode step computes, a row of V per row of W (full) or per seen context (concat, each a
    sum of n−1 rows of W): what a tick of live training costs, known before the net is built.

    >>> from makemore.vocab import Vocab
    >>> step_cells(CountsModel.from_words(["ab"], Vocab.from_words(["ab"])), "full")
    9
    """
    t = counts.table
    rows = t.contexts_seen if net == "concat" and counts.order > 2 else t.rows
    return rows * counts.V


def live_problem(counts: CountsModel, net: str) -> str | None:
    """Why this net cannot train live (one step would not fit a tick), or None."""
    cells = step_cells(counts, net)
    if cells <= LIVE_MAX_CELLS:
        return None
    return (
        f"one step of the {net} net of order {counts.order} computes {cells:,} logits, about "
        f"{cells / 50_000:,.0f} ms here, more than a live tick's 50 ms; choose a lower order"
        + (" or the concat net" if net == "full" else "")
    )


def init_W(rows: int, V: int, seed: int = LECTURE_SEED) -> torch.Tensor:
    """The lecture's initial weights: `torch.randn((V, V), generator=g)` with g seeded by `seed`."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn((rows, V), generator=g)  # (rows, V) float32 log-counts


def _log_softmax(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = w - w.max(1, keepdims=True)  # shift by the row max: exp never overflows
    e = np.exp(z)
    s = e.sum(1, keepdims=True)
    return z - np.log(s), e / s


# --- losses: each returns (total loss, data NLL, gradient of the total loss) ------------------------------


def loss_onehot(W: torch.Tensor, xenc: torch.Tensor, ys: torch.Tensor, lam: float):
    """The lecture's forward pass: one-hot inputs times W, exp, normalise, pick, log."""
    W = W.detach().requires_grad_(True)
    num = xenc.shape[0]
    logits = xenc @ W  # (num, V) log-counts
    counts = logits.exp()  # (num, V) counts
    probs = counts / counts.sum(1, keepdim=True)  # (num, V) next-character distributions
    nll = -probs[torch.arange(num), ys].log().mean()
    loss = nll + lam * (W**2).mean()
    loss.backward()
    return loss.detach(), nll.detach(), W.grad


def loss_index(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, lam: float):
    """Exercises E04/E05: a one-hot row times W is just a row of W (a sum of rows for `concat`'s several
    one-hots); cross_entropy fuses softmax and log."""
    W = W.detach().requires_grad_(True)
    logits = W[xs] if xs.dim() == 1 else W[xs].sum(1)  # (num, V)
    nll = F.cross_entropy(logits, ys)
    loss = nll + lam * (W**2).mean()
    loss.backward()
    return loss.detach(), nll.detach(), W.grad


def loss_counts(W: torch.Tensor, weights: torch.Tensor, row_weights: torch.Tensor, lam: float):
    """The full net's loss and gradient from the counts alone; no autograd needed.

    `weights` is N / ΣN (each cell's share of all examples) and `row_weights` its row sums, (rows, 1). Written
    with NumPy on zero-copy views: for a 27×27 matrix, per-call overhead is the whole cost, and NumPy's is a
    third of torch's (see `python -m makemore.bench`).
    """
    w, n, rw = W.numpy(), weights.numpy(), row_weights.numpy()
    logp, p = _log_softmax(w)  # (rows, V) log probs and probs
    nll = -float((n * logp).sum())
    loss = nll + lam * float((w * w).mean())
    grad = rw * p - n + (2 * lam / w.size) * w
    return loss, nll, torch.from_numpy(grad)


def loss_concat_counts(W: torch.Tensor, idx: torch.Tensor, weights: torch.Tensor, row_weights, lam: float, logits=None):
    """`concat`'s loss and gradient from the counts of each distinct context: `idx` (C, n−1) the rows of W each
    context sums, `weights` (C, V) its cells' shares of all examples; `logits`, `W[idx].sum(1)` if already known."""
    logits = W[idx].sum(1) if logits is None else logits  # (C, V)
    logp = torch.log_softmax(logits, dim=1)
    nll = -float((weights * logp).sum())
    loss = nll + lam * float((W * W).mean())
    g = row_weights * logp.exp() - weights  # (C, V): d nll / d logits
    grad = torch.zeros_like(W)
    for i in range(idx.shape[1]):  # one scatter per context position
        grad.index_add_(0, idx[:, i], g)
    return loss, nll, grad + (2 * lam / W.numel()) * W


# --- the nets as models -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeuralModel:
    """A W as a model (the contract the counts model also keeps): next-token distribution, log-probabilities
    for contexts, evaluation.

    `full`: `table` maps a context to its row of W. `concat`: row i·V + t of W is token t at position i.
    """

    vocab: object  # Vocab
    order: int
    windows: str
    net: str
    W: torch.Tensor
    table: CountTable | None = None  # the training table whose rows W's rows are (full nets)

    @property
    def V(self) -> int:
        return self.vocab.size

    def _concat_rows(self, contexts: torch.Tensor) -> torch.Tensor:
        return contexts + torch.arange(self.order - 1, dtype=torch.int64) * self.V

    def logits(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float32 logits after each context (code; `concat` also reads the tokens)."""
        if self.net == "full":
            return self.W[self.table.rows_of(codes)]
        if contexts is None:
            contexts = decode_codes(codes, self.order, self.V)
        return self.W[self._concat_rows(contexts)].sum(1)

    def log_probs(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float64 log-softmax of the logits: the model's log-probabilities."""
        return torch.log_softmax(self.logits(codes, contexts).double(), dim=1)

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor:
        """The lecture's sampling forward pass for one context: exp(logits) normalised, float32."""
        code = encode_context(tokens, self.order, self.V)
        counts = self.logits(torch.tensor([code])).exp()  # (1, V): one_hot(ix) @ W is exactly row ix of W
        return (counts / counts.sum(1, keepdim=True))[0]

    def row_of(self, tokens: Sequence[int]) -> int | None:
        return self.table.row_of(tokens) if self.net == "full" else None

    def probs(self) -> torch.Tensor:
        """softmax(W) by rows, float64 (for `full`: the counterpart of the counts model's P)."""
        return torch.softmax(self.W.double(), dim=1)

    def evaluate(self, data: Examples | Sequence[str]) -> NLL:
        ex = data if isinstance(data, Examples) else make_examples(data, self.vocab, self.order, self.windows)
        return evaluate_model(self, ex)


# --- the trainer ------------------------------------------------------------------------------------------


@dataclass
class History:
    """One entry per step: the loss computed in that step, before its update, as the lecture prints it."""

    loss: list[float] = field(default_factory=list)  # total loss: data NLL + λ·mean(W²)
    nll: list[float] = field(default_factory=list)  # data NLL on the training examples
    dev_nll: list[float] = field(default_factory=list)  # NLL on held-out examples (empty without a dev set)
    lr: list[float] = field(default_factory=list)
    lam: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.loss)


class Trainer:
    """Gradient descent on a net's W, a chunk of steps at a time, so a page can train live between reruns.

    `counts` is the training counts model (its table gives the full net's rows and both nets' sufficient
    statistics). `examples` are the training examples, needed only by the onehot and index modes (the counts mode
    learns from the table alone). `dev` adds a dev NLL to the history. lr, λ and the mode may change between
    chunks. A non-finite loss or gradient stops training with `diverged` set to a sentence, and W keeps its last
    finite value; so does a weight outside (EXP_UNDERFLOW, EXP_OVERFLOW) (all modes stop where the lecture's code
    would produce NaN). `reset()` starts again.
    """

    def __init__(
        self,
        counts: CountsModel,
        *,
        net: str = _DEFAULT.net,
        examples: Examples | None = None,
        dev: Examples | None = None,
        lr: float = _DEFAULT.lr,
        lam: float = _DEFAULT.lam,
        seed: int = _DEFAULT.seed,
        mode: str = _DEFAULT.mode,
    ) -> None:
        check_choice("net", net, NETS)
        self.counts, self.net, self.examples = counts, net, examples
        self.vocab, self.order, self.windows = counts.vocab, counts.order, counts.windows
        table, V = counts.table, counts.V
        if net == "concat" and self.order == 1:
            raise ValueError("order 1 has no context tokens to concatenate; the full net is the unigram")
        if net == "concat" and self.order == 2:
            self.net = net = "full"  # one one-hot block of V: the same W, the same numbers
        total = int(table.N.sum())
        if total == 0:
            raise ValueError("there are no training examples")
        # What this net holds while it lives (W, its gradient and update, the cells' weights, the dev weights),
        # paid from the process's memory budget before any of it is made.
        rows = table.rows if net == "full" else counts.table.contexts_seen
        kept = rows * V * 4 * (5 if dev is not None else 4) + (rows * (self.order - 1) * 8 if net == "concat" else 0)
        paid = memory.reserve(kept, f"the {net} net of order {self.order}", "choose a lower order or the other net")
        paid.keep(self)
        self.N = table.N
        if net == "full":
            self.rows = table.rows
            self._weights = (table.N.double() / total).float()  # (rows, V) each cell's share of the examples
            seen = table.seen
            self._seen_rows = None if seen.numel() == self.rows else seen.numpy()  # rows the examples read
        else:
            seen = table.N.sum(1) > 0
            codes = table.codes[seen]
            self._idx = decode_codes(codes, self.order, V) + torch.arange(self.order - 1) * V  # (C, n−1)
            self._weights = (table.N[seen].double() / total).float()
            self.rows = (self.order - 1) * V
        self._row_weights = self._weights.double().sum(1, keepdim=True).float()
        self._dev = self._dev_setup(dev) if dev is not None and dev.num > 0 else None
        self.lr, self.lam, self.mode = lr, lam, mode
        self.seed = seed
        self._xs = self._ys = None
        self.reset(seed)

    @property
    def V(self) -> int:
        return self.counts.V

    def _dev_setup(self, dev: Examples):
        """What one step's dev NLL needs: weights over W's rows (full) or over the dev contexts (concat)."""
        V = self.V
        if self.net == "full":
            rows = self.counts.table.rows_of(dev.codes)
            w = torch.bincount(rows * V + dev.Y, minlength=self.rows * V).view(self.rows, V)
            return None, (w.double() / dev.num).float()
        g = dev.groups()
        w = torch.zeros((g.codes.numel(), V), dtype=torch.float64)
        w[g.rows, g.ys] = g.counts.double() / dev.num
        return g.contexts + torch.arange(self.order - 1) * V, w.float()

    def reset(self, seed: int | None = None) -> None:
        """Back to the initial W of `seed` (default: the current seed), with an empty history."""
        if seed is not None:
            self.seed = seed
        self.W = init_W(self.rows, self.V, self.seed)
        self.grad: torch.Tensor | None = None
        self._logits = (None, None)  # ((generation, step), concat's logits at that W), from the divergence check
        self.steps = 0
        self.history = History()
        self.diverged: str | None = None
        self.generation = getattr(self, "generation", -1) + 1  # counts resets: which net this W belongs to

    @property
    def has_dev(self) -> bool:
        return self._dev is not None

    def _inputs(self):
        """The onehot and index modes' (xs, ys): row of W per example (full) or rows per position (concat)."""
        if self._xs is None:
            if self.examples is None:
                raise ValueError(f"mode {self.mode!r} needs the training examples")
            ex = self.examples
            if self.net == "full":
                self._xs = self.counts.table.rows_of(ex.codes)
            else:
                self._xs = ex.X + torch.arange(self.order - 1) * self.V
            self._ys = ex.Y
        return self._xs, self._ys

    def loss_and_grad(self):
        """(loss, nll, grad) at the current W in the current mode."""
        if self.mode == "counts":
            if self.net == "full":
                return loss_counts(self.W, self._weights, self._row_weights, self.lam)
            known = self._logits[1] if self._logits[0] == (self.generation, self.steps) else None
            return loss_concat_counts(self.W, self._idx, self._weights, self._row_weights, self.lam, known)
        xs, ys = self._inputs()
        if self.mode == "index":
            return loss_index(self.W, xs, ys, self.lam)
        if self.mode == "onehot":
            if self.net == "full":
                xenc = F.one_hot(xs, num_classes=self.rows).float()
            else:  # (num, n−1, V) → (num, (n−1)·V): the one-hots side by side
                xenc = F.one_hot(xs - torch.arange(self.order - 1) * self.V, self.V).float().flatten(1)
            return loss_onehot(self.W, xenc, ys, self.lam)
        raise ValueError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")

    def _dev_nll(self) -> float:
        idx, w = self._dev
        if idx is None:
            return -float((w.numpy() * _log_softmax(self.W.numpy())[0]).sum())
        return -float((w * torch.log_softmax(self.W[idx].sum(1), dim=1)).sum())

    def step(self, k: int = 1) -> None:
        """Advance up to k steps of `W -= lr * grad`; stops early, with `diverged` set, when training blows up."""
        self.check_settings()
        h = self.history
        for _ in range(k):
            if self.diverged:
                return
            loss, nll, grad = self.loss_and_grad()
            loss_f = float(loss)
            if not math.isfinite(loss_f):
                self._diverge(f"the loss became {loss_f} at step {self.steps + 1}")
                return
            new_W = self.W.numpy() - self.lr * grad.numpy()  # NumPy: a third of torch's per-call cost
            problem = self._forward_problem(new_W)
            if problem:
                self._diverge(f"at step {self.steps + 1} {problem}")
                return
            h.loss.append(loss_f)
            h.nll.append(float(nll))
            if self._dev is not None:
                h.dev_nll.append(self._dev_nll())
            h.lr.append(self.lr)
            h.lam.append(self.lam)
            self.W, self.grad = torch.from_numpy(new_W), grad
            self.steps += 1

    def _forward_problem(self, W: np.ndarray) -> str | None:
        """Why the lecture's float32 forward pass (`counts = logits.exp(); probs = counts / counts.sum(1)`) would
        fail at W on a training example, or None: the one divergence rule of every compute mode.

        The counts and index modes use a stable log-softmax and could carry on where the onehot mode's `exp`
        gives ∞ or 0, so every mode checks here, on the logits of the contexts the examples read (for concat,
        the sums of n−1 rows: each weight in range is not enough), and all stop at the same step: a row's largest
        logit must leave room for the sum of V exps, and its smallest must not underflow to a probability of 0.
        """
        lo, hi = float(W.min()), float(W.max())
        if not (EXP_UNDERFLOW < lo and hi < EXP_OVERFLOW):  # also catches NaN and ∞ in the gradient
            return (
                f"a weight reached {hi if hi > -lo else lo:.4g}; beyond [{EXP_UNDERFLOW:.0f}, {EXP_OVERFLOW:.0f}] "
                "exp(W) is 0 or ∞ in float32 and the lecture's forward pass gives NaN"
            )
        if self.net == "full":
            logits = W if self._seen_rows is None else W[self._seen_rows]
        else:  # each seen context's logits, (C, V): kept for the next step's loss, which needs them too
            sums = torch.from_numpy(W)[self._idx].sum(1)
            self._logits = ((self.generation, self.steps + 1), sums)
            logits = sums.numpy()
        top, bottom = logits.max(1), logits.min(1)
        room = math.log(self.V)
        if float(top.max()) >= EXP_OVERFLOW - room:
            return (
                f"a logit reached {float(top.max()):.4g}: the sum of exp(logits) over {self.V} characters is ∞ in "
                "float32 and the lecture's forward pass gives NaN"
            )
        if float((bottom - top).min()) <= EXP_UNDERFLOW + room:
            return (
                f"the logits of one context spread over {float((top - bottom).max()):.4g}: its least likely "
                "character's probability is 0 in float32 and the lecture's loss is ∞"
            )
        return None

    def check_settings(self) -> None:
        """Raise ValueError with a sentence if lr, λ or the mode cannot train (e.g. onehot too large)."""
        TrainConfig(lr=self.lr, lam=self.lam, mode=self.mode, net=self.net)  # validates each field
        if self.mode != "counts" and self.examples is not None:
            need = self.working_bytes()
            if need > MAX_EXAMPLE_BYTES:
                raise ValueError(
                    f"the {self.mode} mode would need about {need / 2**30:.1f} GB for {self.examples.num:,} "
                    f"examples (the limit is {MAX_EXAMPLE_BYTES / 2**30:.0f} GB); use the counts mode, which "
                    "gives the same losses from the counts alone"
                )

    def working_bytes(self) -> int:
        """Memory one step of the current mode allocates: onehot holds xenc (num × W's rows), logits, counts,
        probs and their gradients (~5 float32 (num, V) tensors more), index ~4 (num, V); counts mode a few
        (rows, V) arrays."""
        V = self.V
        if self.mode == "counts" or self.examples is None:
            return 8 * self.W.numel() * 4 + 4 * self._weights.numel() * 4 * max(self.order - 1, 1)
        num = self.examples.num
        if self.mode == "onehot":
            return num * (self.rows + 5 * V) * 4
        return num * V * 4 * (4 + (self.order - 1 if self.net == "concat" else 0))

    def _diverge(self, what: str) -> None:
        self.diverged = (
            f"Training diverged: {what} (learning rate {self.lr:g}, λ {self.lam:g}). "
            "Lower the learning rate or λ and reset."
        )

    # --- what the net predicts: the model contract ---------------------------------------------------------

    def model(self) -> NeuralModel:
        """A frozen copy of the current net, for sampling while training goes on."""
        return self._as_model(self.W.clone())

    def _as_model(self, W: torch.Tensor) -> NeuralModel:
        table = self.counts.table if self.net == "full" else None
        return NeuralModel(self.vocab, self.order, self.windows, self.net, W, table)

    def probs(self) -> torch.Tensor:
        """softmax(W) by rows, float64: the neural counterpart of the counts model's P."""
        return torch.softmax(self.W.double(), dim=1)

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor:
        return self._as_model(self.W).next_probs(tokens)

    def log_probs(self, codes, contexts=None) -> torch.Tensor:
        return self._as_model(self.W).log_probs(codes, contexts)

    def evaluate(self, data: Examples | Sequence[str]) -> NLL:
        """The data NLL (no λ term) of the current W on any examples or words, exact."""
        return self._as_model(self.W).evaluate(data)
