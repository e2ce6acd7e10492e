"""The neural bigram: one linear layer W (V×V), softmax, NLL + λ·mean(W²), plain gradient descent.

Mirrors steps 8-11 of the lecture. Three compute modes give the same loss at every step (to float32 rounding):

- `onehot`: the lecture's code, `xenc = F.one_hot(xs).float(); logits = xenc @ W; counts = logits.exp();
  probs = counts / counts.sum(1, keepdims=True); loss = -probs[arange, ys].log().mean()`, with autograd.
- `index`: exercises E04/E05, `F.cross_entropy(W[xs], ys)`, with autograd.
- `counts`: the bigram counts N are sufficient statistics, so the full-batch loss and its gradient need N alone:
  loss = -Σ N·log_softmax(W) / ΣN + λ·mean(W²) and grad = (rowsum(N)·softmax(W) - N)/ΣN + 2λW/numel(W)
  (numel(W) = V² for the bigram).
  A step costs O(V²) however many words there are.

    >>> import torch
    >>> N = torch.tensor([[0, 3], [1, 1]])
    >>> t = Trainer(N, lr=10.0, lam=0.0, seed=1)
    >>> t.step(200)
    >>> round(t.history.loss[-1], 2)  # approaching the counts model's 2·ln 2 / 5 = 0.2773
    0.28
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from .counts import context_row

LECTURE_SEED = 2147483647
MODES = ("counts", "index", "onehot")
# Where float32 exp() overflows to ∞ (log of the largest float32) or underflows to 0 (log of the smallest
# subnormal). A weight outside makes the lecture's `counts = logits.exp()` give NaN or an infinite loss; the counts
# and index modes would carry on (log_softmax is stable), so every mode stops there, together. Gradient descent
# never takes a weight there unless it diverges: a never-seen bigram's weight falls only like -log(steps).
EXP_OVERFLOW = math.log(torch.finfo(torch.float32).max)  # 88.72
EXP_UNDERFLOW = math.log(2.0**-149)  # -103.28
MAX_EXAMPLE_BYTES = 2**30  # the onehot and index modes' working memory; beyond it only counts mode trains


def init_W(rows: int, V: int, seed: int = LECTURE_SEED) -> torch.Tensor:
    """The lecture's initial weights: `torch.randn((V, V), generator=g)` with g seeded by `seed`."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn((rows, V), generator=g)  # (rows, V) float32 log-counts


# --- losses: each returns (total loss, data NLL, gradient of the total loss) ------------------------------


def loss_onehot(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, lam: float):
    """The lecture's forward pass, verbatim in spirit: one-hot inputs times W, exp, normalise, pick, log."""
    W = W.detach().requires_grad_(True)
    num = xs.shape[0]
    xenc = F.one_hot(xs, num_classes=W.shape[0]).float()  # (num, rows) one-hot inputs
    logits = xenc @ W  # (num, V) log-counts
    counts = logits.exp()  # (num, V) counts
    probs = counts / counts.sum(1, keepdim=True)  # (num, V) next-character distributions
    nll = -probs[torch.arange(num), ys].log().mean()
    loss = nll + lam * (W**2).mean()
    loss.backward()
    return loss.detach(), nll.detach(), W.grad


def loss_index(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, lam: float):
    """Exercises E04/E05: a one-hot row times W is just a row of W; cross_entropy fuses softmax and log."""
    W = W.detach().requires_grad_(True)
    logits = W[xs]  # (num, V) the row of W selected by each input
    nll = F.cross_entropy(logits, ys)
    loss = nll + lam * (W**2).mean()
    loss.backward()
    return loss.detach(), nll.detach(), W.grad


def loss_counts(W: torch.Tensor, weights: torch.Tensor, row_weights: torch.Tensor, lam: float):
    """Full-batch loss and gradient from the counts alone; no autograd needed.

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


def mean_nll(W: torch.Tensor, N: torch.Tensor) -> float:
    """Mean NLL of the bigrams counted in N under softmax(W), in float64: the net's loss on any counts.

    >>> mean_nll(torch.zeros(2, 2), torch.tensor([[1, 1], [0, 2]]))  # uniform: ln 2
    0.6931471805599453
    """
    logp = torch.log_softmax(W.double(), dim=1)
    return -float((N.double() * logp).sum() / N.sum())


def dev_nll(W: torch.Tensor, weights: torch.Tensor) -> float:
    """Mean NLL of held-out counts (as weights N_dev/ΣN_dev) under softmax(W)."""
    return -float((weights.numpy() * _log_softmax(W.numpy())[0]).sum())


def _log_softmax(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = w - w.max(1, keepdims=True)  # shift by the row max: exp never overflows
    e = np.exp(z)
    s = e.sum(1, keepdims=True)
    return z - np.log(s), e / s


# --- the trainer ------------------------------------------------------------------------------------------


@dataclass
class History:
    """One entry per step: the loss computed in that step, before its update, as the lecture prints it."""

    loss: list[float] = field(default_factory=list)  # total loss: data NLL + λ·mean(W²)
    nll: list[float] = field(default_factory=list)  # data NLL on the training bigrams
    dev_nll: list[float] = field(default_factory=list)  # NLL on held-out bigrams (empty without a dev set)
    lr: list[float] = field(default_factory=list)
    lam: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.loss)


class Trainer:
    """Gradient descent on W, a chunk of steps at a time, so a page can train live between reruns.

    `N` is the training counts (V**context, V). `xs`/`ys` are the training examples, needed only by the onehot
    and index modes (the counts mode learns from N alone). `N_dev` adds a dev NLL to the history. lr, λ and
    the mode may change between chunks. A non-finite loss or gradient stops training with `diverged` set to a
    sentence, and W keeps its last finite value; so does a weight outside (EXP_UNDERFLOW, EXP_OVERFLOW) (all modes stop where the lecture's
    code would produce NaN). `reset()` starts again.
    """

    def __init__(
        self,
        N: torch.Tensor,
        *,
        xs: torch.Tensor | None = None,
        ys: torch.Tensor | None = None,
        N_dev: torch.Tensor | None = None,
        lr: float = 50.0,
        lam: float = 0.01,
        seed: int = LECTURE_SEED,
        mode: str = "counts",
    ) -> None:
        self.N = N
        self.xs, self.ys = xs, ys
        total = N.sum()
        if int(total) == 0:
            raise ValueError("there are no training bigrams")
        self._weights = (N.double() / total).float()  # (rows, V) each cell's share of the examples
        self._row_weights = self._weights.double().sum(1, keepdim=True).float()  # (rows, 1)
        self._dev_weights = None
        if N_dev is not None and int(N_dev.sum()) > 0:
            self._dev_weights = (N_dev.double() / N_dev.sum()).float()
        self.lr, self.lam, self.mode = lr, lam, mode
        self.seed = seed
        self.reset(seed)

    def reset(self, seed: int | None = None) -> None:
        """Back to the initial W of `seed` (default: the current seed), with an empty history."""
        if seed is not None:
            self.seed = seed
        rows, V = self.N.shape
        self.W = init_W(rows, V, self.seed)
        self.grad: torch.Tensor | None = None
        self.steps = 0
        self.history = History()
        self.diverged: str | None = None
        self.generation = getattr(self, "generation", -1) + 1  # counts resets: which net this W belongs to

    @property
    def has_dev(self) -> bool:
        return self._dev_weights is not None

    def loss_and_grad(self):
        """(loss, nll, grad) at the current W in the current mode."""
        if self.mode == "counts":
            return loss_counts(self.W, self._weights, self._row_weights, self.lam)
        if self.xs is None or self.ys is None:
            raise ValueError(f"mode {self.mode!r} needs the examples xs, ys")
        if self.mode == "index":
            return loss_index(self.W, self.xs, self.ys, self.lam)
        if self.mode == "onehot":
            return loss_onehot(self.W, self.xs, self.ys, self.lam)
        raise ValueError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")

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
            lo, hi = float(new_W.min()), float(new_W.max())
            if not (EXP_UNDERFLOW < lo and hi < EXP_OVERFLOW):  # also catches NaN and ∞ in the gradient
                self._diverge(
                    f"at step {self.steps + 1} a weight reached {hi if hi > -lo else lo:.4g}; beyond "
                    f"[{EXP_UNDERFLOW:.0f}, {EXP_OVERFLOW:.0f}] exp(W) is 0 or ∞ in float32 and the lecture's "
                    "forward pass gives NaN"
                )
                return
            h.loss.append(loss_f)
            h.nll.append(float(nll))
            if self._dev_weights is not None:
                h.dev_nll.append(dev_nll(self.W, self._dev_weights))
            h.lr.append(self.lr)
            h.lam.append(self.lam)
            self.W, self.grad = torch.from_numpy(new_W), grad
            self.steps += 1

    def check_settings(self) -> None:
        """Raise ValueError with a sentence if lr, λ or the mode cannot train (e.g. onehot too large)."""
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"the learning rate must be a positive number, not {self.lr}")
        if not (math.isfinite(self.lam) and self.lam >= 0):
            raise ValueError(f"λ must be a number ≥ 0, not {self.lam}")
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")
        if self.mode != "counts" and self.xs is not None:
            need = self.working_bytes()
            if need > MAX_EXAMPLE_BYTES:
                raise ValueError(
                    f"the {self.mode} mode would need about {need / 2**30:.1f} GB for {self.xs.shape[0]:,} examples "
                    f"(the limit is {MAX_EXAMPLE_BYTES / 2**30:.0f} GB); use the counts mode, which gives the "
                    "same losses from N alone"
                )

    def working_bytes(self) -> int:
        """Memory one step of the current mode allocates: onehot holds xenc, logits, counts, probs and their
        gradients (~6 float32 (num, V) tensors), index ~4; counts mode only a few (rows, V) arrays."""
        if self.mode == "counts" or self.xs is None:
            return 8 * self.W.numel() * 4
        return self.xs.shape[0] * self.W.shape[1] * 4 * (6 if self.mode == "onehot" else 4)

    def _diverge(self, what: str) -> None:
        self.diverged = (
            f"Training diverged: {what} (learning rate {self.lr:g}, λ {self.lam:g}). "
            "Lower the learning rate or λ and reset."
        )

    # --- what the model predicts --------------------------------------------------------------------------

    def probs(self) -> torch.Tensor:
        """softmax(W) by rows, float64: the neural counterpart of the counts model's P."""
        return torch.softmax(self.W.double(), dim=1)

    def model(self) -> NeuralBigram:
        """A frozen copy of the current net, for sampling while training goes on."""
        return NeuralBigram(self.W.clone())

    def next_probs(self, context) -> torch.Tensor:
        return NeuralBigram(self.W).next_probs(context)


@dataclass(frozen=True)
class NeuralBigram:
    """A trained W as a model: the next-character distribution is softmax of a row of W."""

    W: torch.Tensor  # (V**context, V) log-counts

    @property
    def context(self) -> int:
        rows, V = self.W.shape
        return round(math.log(rows, V)) if rows > 1 else 1

    def next_probs(self, context) -> torch.Tensor:
        """The lecture's sampling forward pass for the last character: exp(W[ix]) normalised, float32."""
        row = context_row(context, self.W.shape[1], self.context)
        counts = self.W[row : row + 1].exp()  # (1, V): one_hot(ix) @ W is exactly row ix of W
        return (counts / counts.sum(1, keepdim=True))[0]
