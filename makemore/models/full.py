"""The full net: one row of W per context, the lecture's net (steps 8-11) at any order n.

The input is the context one-hot among all contexts (`xenc = F.one_hot(rows, num_classes=rows of W)`), so a
context's logits are its own row of W; for n = 2 that is the lecture's V×V W, for n = 1 one row (the unigram).
W's rows are the training table's rows (a dense table's every context, or a sparse one's seen contexts plus
its shared empty row). At λ = 0 it converges to the counts model of the same order: W ≈ log N up to a
per-row constant.

The counts mode: the counts of each (context, next) cell are sufficient statistics, so the full-batch loss and
its gradient need them alone, loss = -Σ N·log_softmax(W) / ΣN + λ·mean(W²) and
grad = (rowsum(N)·softmax(W) − N)/ΣN + 2λW/numel(W): a step costs O(rows·V) however many words there are.

A stable learning rate: gradient descent on a smooth loss is stable while lr < 2 / L, where L bounds the
curvature (the Hessian's largest eigenvalue). Here the Hessian is block-diagonal by rows of W: row i contributes
(n_i / N) · (diag(s_i) − s_i s_iᵀ), whose eigenvalues are at most 1/2, plus 2λ/numel(W) from the L2 term. So
lr ≤ 2 / (max_i(n_i / N) / 2 + 2λ / numel(W)) never diverges, whatever W is. The bound is cautious (names.txt
trains well at 50 while the bound says 26.8), so the pages offer it only when the loss misbehaves.

    >>> from makemore.vocab import Vocab
    >>> from makemore.models.counts import CountsModel
    >>> m = CountsModel.from_words(["ab", "b"], Vocab.from_words(["ab", "b"]))
    >>> net = FullNet(m)
    >>> tuple(net.W.shape), FullNet.step_cells(m)
    ((3, 3), 9)
    >>> round(stable_lr(torch.tensor([[0, 1, 0], [0, 0, 2], [1, 1, 0]]), lam=0.0), 3)  # the busiest row: 2 of 5
    10.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

import numpy as np
import torch
import torch.nn.functional as F

from ..windows import Examples, ngram_name
from .base import OneLayerNet, WeightView, word_start_logP
from .counts import CountsModel


def stable_lr(N: torch.Tensor, lam: float) -> float:
    """The largest learning rate the curvature bound guarantees stable for counts N and L2 strength λ."""
    share = float(N.sum(1).max()) / float(N.sum())  # the busiest row's share of the examples
    return 2.0 / (share / 2.0 + 2.0 * lam / N.numel())


def log_softmax_np(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(log softmax, softmax) of each row of w, in NumPy."""
    z = w - w.max(1, keepdims=True)  # shift by the row max: exp never overflows
    e = np.exp(z)
    s = e.sum(1, keepdims=True)
    return z - np.log(s), e / s


def loss_counts(w: np.ndarray, n: np.ndarray, rw: np.ndarray, lam: float) -> tuple[float, float, np.ndarray]:
    """The full net's (loss, data NLL, gradient) from the counts alone; no autograd needed.

    `n` is N / ΣN (each cell's share of all examples) and `rw` its row sums, (rows, 1). NumPy on zero-copy views:
    for a 27×27 matrix, per-call overhead is the whole cost, and NumPy's is a third of torch's (see
    `python -m makemore.bench`).
    """
    logp, p = log_softmax_np(w)  # (rows, V) log probs and probs
    nll = -float((n * logp).sum())
    loss = nll + lam * float((w * w).mean())
    grad = rw * p - n + (2 * lam / w.size) * w
    return loss, nll, grad


class FullNet(OneLayerNet):
    """One row of W per row of the training table; `counts` the training counts model."""

    name: ClassVar[str] = "full"
    cheaper: ClassVar[str] = " or the concat net"
    explanation: ClassVar[str] = (
        "`xenc` is the context one-hot among all contexts, so W has a row per context and at λ = 0 learns "
        "`W ≈ log N` of the {gram} counts: the loss falls to their NLL (dashed line)."
    )
    logits_from: ClassVar[str] = "its row of W"
    label: ClassVar[str] = "a row of W per context"  # what a control shows beside its name
    at_lambda_0: ClassVar[str] = "converges to `P` itself"

    def __init__(self, counts: CountsModel) -> None:
        table = counts.table
        super().__init__(counts, rows=table.rows, stat_rows=table.rows)
        total = int(table.N.sum())
        self._weights = (table.N.double() / total).float()  # (rows, V) each cell's share of the examples
        self._row_weights = self._weights.double().sum(1, keepdim=True).float()  # (rows, 1)
        self._n, self._rw = self._weights.numpy(), self._row_weights.numpy()  # zero-copy views for the step
        seen = table.seen
        self._seen_rows = None if seen.numel() == self.rows else seen.numpy()  # the rows the examples read

    @classmethod
    def step_cells(cls, counts: CountsModel) -> int:
        """Logits one counts-mode step computes: a row of V per row of W (known before the net is built)."""
        return counts.table.rows * counts.V

    # --- the model contract -------------------------------------------------------------------------------

    def logits(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        return self.W[self.counts.table.rows_of(codes)]

    def row_of(self, tokens: Sequence[int]) -> int:
        return self.counts.table.row_of(tokens)

    # --- the three compute modes ---------------------------------------------------------------------------

    def batch(self, examples: Examples) -> tuple[torch.Tensor, torch.Tensor]:
        return self.counts.table.rows_of(examples.codes), examples.Y

    def onehot(self, xs: torch.Tensor) -> torch.Tensor:
        return F.one_hot(xs, num_classes=self.rows).float()  # (num, rows of W)

    def index_logits(self, xs: torch.Tensor) -> torch.Tensor:
        return self.W[xs]  # (num, V): a one-hot row times W is just a row of W

    def loss_and_grad(self, lam: float, logits=None) -> tuple[float, float, dict[str, torch.Tensor]]:
        """The counts mode at the current W (`logits`, the trainer's last `seen_logits`, is not needed here)."""
        loss, nll, grad = loss_counts(self.W.numpy(), self._n, self._rw, lam)
        return loss, nll, {"W": torch.from_numpy(grad)}

    def seen_logits(self, params: dict[str, np.ndarray]) -> np.ndarray:
        """The logits of the contexts the training examples read, at W = params["W"]: their rows."""
        W = params["W"]
        return W if self._seen_rows is None else W[self._seen_rows]

    def dev_scorer(self, dev: Examples) -> Callable[[], float]:
        """The dev NLL of the current W, a step's worth of work: dev counts over W's rows, against log softmax(W)."""
        paid = self._dev_reservation()
        V = self.V
        rows = self.counts.table.rows_of(dev.codes)
        w = torch.bincount(rows * V + dev.Y, minlength=self.rows * V).view(self.rows, V)
        w = (w.double() / dev.num).float().numpy()
        return paid.keep(lambda: -float((w * log_softmax_np(self.W.numpy())[0]).sum()))

    # --- what the pages show -------------------------------------------------------------------------------

    def stable_lr(self, lam: float) -> float:
        """`stable_lr` of the training table (W's rows are its rows)."""
        return stable_lr(self.counts.N, lam)

    def weight_view(self) -> WeightView:
        """What of W a V×V picture shows, labelled for what it is.

        - order 2: all of W, the lecture's V×V picture against log P.
        - order 1: W is one row (no context): that row against the unigram's log P.
        - order n ≥ 3: the rows of the contexts boundary×(n−2) + c (the word-start slice), against the same
          rows of log P.

        >>> from makemore import Vocab
        >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
        >>> v = FullNet(m).weight_view()
        >>> v.rows.tolist()[:3], v.row_labels[:3], v.W_title
        ([0, 1, 2], ['..', '.a', '.e'], "W rows for contexts '.' + row, step {step} (5 of 25 rows)")
        """
        n, V = self.order, self.V
        _, rows, logP, ctx = word_start_logP(self.counts)
        if n == 2:
            return WeightView(
                rows,
                ctx,
                logP,
                ctx,
                "W at step {step} (the net's log-counts)",
                "log P of the counts model",
                "gradient of step {step}",
            )
        if n == 1:
            return WeightView(
                rows,
                ctx,
                logP,
                ctx,
                "W at step {step}: the unigram's one row (no context)",
                "log P of the unigram counts model (one row)",
                "gradient of step {step} (one row)",
            )
        where = f"contexts '{self.vocab.itos[0] * (n - 2)}' + row"
        return WeightView(
            rows,
            ctx,
            logP,
            ctx,
            f"W rows for {where}, step {{step}} ({V} of {self.rows:,} rows)",
            f"log P of the {ngram_name(n)} counts model, {where}",
            f"gradient rows for {where}, step {{step}}",
        )
