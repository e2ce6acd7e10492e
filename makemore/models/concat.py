"""The concat net: the n−1 context tokens one-hot each and side by side, exercise E01's usual answer.

W is ((n−1)·V, V): row i·V + t is token t at context position i, and a context's logits are the sum of one row
per position. Far fewer weights than the full net at n ≥ 3, but it cannot express every table, so at λ = 0 it
stays above the counts model's NLL. For n = 2 it is the full net (one block of V rows: the same W, the same
numbers), which the registry builds in its place; n = 1 has no context to concatenate.

The counts mode works from the counts of each distinct context seen in training: the loss is that of their
summed logits, and the gradient of a row of W gathers the logit gradients of every context that reads it.

    >>> from makemore.vocab import Vocab
    >>> from makemore.models.counts import CountsModel
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
    >>> net = ConcatNet(m)
    >>> tuple(net.W.shape), ConcatNet.step_cells(m)  # 2 positions × 5 tokens; 8 of 25 contexts seen, × (1 + 2)
    ((10, 5), 120)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import torch
import torch.nn.functional as F

from ..windows import Examples, decode_codes, ngram_name
from .base import NetConfig, OneLayerNet, WeightView, word_start_logP
from .counts import CountsModel, CountTable
from .full import FullNet

NO_CONTEXT = "order 1 has no context tokens to concatenate; the full net is the unigram"


@dataclass(frozen=True)
class ConcatConfig(NetConfig):
    """The concat net's order and windows (`NetConfig`'s fields); an order of 1 has no context to concatenate."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.order == 1:
            raise ValueError(NO_CONTEXT)


def stable_lr_concat(table: CountTable, lam: float) -> float:
    """The full net's curvature guarantee (`models.full.stable_lr`) for the concat net, W of ((n−1)·V, V): a
    context's logits are the sum of its n−1 rows (one per position), so a change δ of those rows moves its logits
    by Σ_i δ_i, and by Cauchy-Schwarz |Σ_i δ_i|² ≤ (n−1)·Σ_i |δ_i|². Each row of W then carries the curvature of
    every example that reads it: L ≤ (n−1)/2 · max_row(share of the examples reading that row) + 2λ/numel(W).
    For n = 2 this is `stable_lr`. More cautious than the full net's bound (the boundary row at the first position
    is read by every word's first n−1 predictions), so, like it, it is offered only when the loss misbehaves.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["ab", "b"], Vocab.from_words(["ab", "b"]), order=3)
    >>> round(stable_lr_concat(m.table, 0.0), 3)  # '.' at the first position: 4 of the 5 examples
    2.5
    """
    n, V = table.order, table.V
    totals = table.N.sum(1)  # (rows,) examples per context
    seen = totals > 0
    rows = decode_codes(table.codes[seen], n, V) + torch.arange(n - 1) * V  # (C, n−1) the rows each context reads
    reads = torch.bincount(rows.flatten(), weights=totals[seen].double().repeat_interleave(n - 1), minlength=1)
    share = float(reads.max()) / float(totals.sum())  # the busiest row's share of the examples
    return 2.0 / ((n - 1) * share / 2.0 + 2.0 * lam / ((n - 1) * V * V))


def loss_concat_counts(W: torch.Tensor, idx: torch.Tensor, weights: torch.Tensor, row_weights, lam: float, logits=None):
    """The concat net's (loss, data NLL, gradient) from the counts of each distinct context: `idx` (C, n−1) the
    rows of W each context sums, `weights` (C, V) its cells' shares of all examples; `logits`, `W[idx].sum(1)` if
    already known."""
    logits = W[idx].sum(1) if logits is None else logits  # (C, V)
    logp = torch.log_softmax(logits, dim=1)
    nll = -float((weights * logp).sum())
    loss = nll + lam * float((W * W).mean())
    g = row_weights * logp.exp() - weights  # (C, V): d nll / d logits
    grad = torch.zeros_like(W)
    for i in range(idx.shape[1]):  # one scatter per context position
        grad.index_add_(0, idx[:, i], g)
    return loss, nll, grad + (2 * lam / W.numel()) * W


class ConcatNet(OneLayerNet):
    """The n−1 one-hots side by side; `counts` the training counts model (its seen contexts are the statistics)."""

    name: ClassVar[str] = "concat"
    Config: ClassVar[type] = ConcatConfig
    explanation: ClassVar[str] = (
        "the context characters one-hot each, side by side, so `logits` is a sum of one row of W per position: "
        "it cannot express every table, and the gap to the dashed line stays (shown under the chart)."
    )
    logits_from: ClassVar[str] = "the sum of one row of W per context position"
    label: ClassVar[str] = "one-hots side by side"  # what a control shows beside its name
    at_lambda_0: ClassVar[str] = "cannot express every table and keeps a gap"

    def __init__(self, counts: CountsModel) -> None:
        n, V, table = counts.order, counts.V, counts.table
        if n == 1:
            raise ValueError(NO_CONTEXT)
        C = table.contexts_seen
        super().__init__(counts, rows=(n - 1) * V, stat_rows=C, extra_bytes=C * (n - 1) * 8)
        seen = table.N.sum(1) > 0
        self._offsets = torch.arange(n - 1, dtype=torch.int64) * V  # where each position's block of W starts
        self._idx = decode_codes(table.codes[seen], n, V) + self._offsets  # (C, n−1) the rows each context sums
        self._weights = (table.N[seen].double() / int(table.N.sum())).float()  # (C, V) each cell's share
        self._row_weights = self._weights.double().sum(1, keepdim=True).float()  # (C, 1)

    @classmethod
    def build(cls, counts: CountsModel, config: ConcatConfig) -> OneLayerNet:
        """At n = 2 the one block of V rows is the full net's W: the full net itself, with its numbers."""
        return FullNet(counts) if counts.order == 2 else cls(counts)

    @classmethod
    def unavailable(cls, order: int) -> str | None:
        if order == 1:
            return (
                "Order 1 has no context characters to concatenate, so there is no concat net: the unigram is one "
                "row of W (choose full)."
            )
        return None

    @classmethod
    def step_cells(cls, counts: CountsModel) -> int:
        """The cost of one counts-mode step in the full net's units (a logit with its softmax and gradient): a row of
        V per seen context, each gathered from n−1 rows of W twice (the loss and the divergence check) and its
        gradient scattered back n−1 times. Measured here a gathered or scattered cell costs about a third of a
        softmax cell, so a context row counts 1 + (n−1) (at n = 2 the full net's, a row per row of the table):
        the names at order 10 (59,840 contexts) come to 16 M, about 0.9 s a step, and are refused for live use."""
        if counts.order <= 2:
            return counts.table.rows * counts.V
        return counts.table.contexts_seen * counts.V * counts.order

    @property
    def index_gathers(self) -> int:
        return self.order - 1  # the index mode gathers n−1 rows per example before summing them

    # --- the model contract -------------------------------------------------------------------------------

    def logits(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        if contexts is None:
            contexts = decode_codes(codes, self.order, self.V)
        return self.W[contexts + self._offsets].sum(1)

    # --- the three compute modes ---------------------------------------------------------------------------

    def batch(self, examples: Examples) -> tuple[torch.Tensor, torch.Tensor]:
        return examples.X + self._offsets, examples.Y  # (num, n−1) rows of W, one per position

    def onehot(self, xs: torch.Tensor) -> torch.Tensor:
        return F.one_hot(xs - self._offsets, self.V).float().flatten(1)  # (num, n−1, V) → (num, (n−1)·V)

    def index_logits(self, xs: torch.Tensor) -> torch.Tensor:
        return self.W[xs].sum(1)  # (num, V): several one-hots times W is the sum of their rows

    def loss_and_grad(self, lam: float, logits: np.ndarray | None = None):
        """The counts mode at the current W; `logits`, the trainer's last `seen_logits` of this W, saves a gather."""
        known = None if logits is None else torch.from_numpy(logits)
        loss, nll, grad = loss_concat_counts(self.W, self._idx, self._weights, self._row_weights, lam, known)
        return loss, nll, {"W": grad}

    def seen_logits(self, params: dict[str, np.ndarray]) -> np.ndarray:
        """Each seen context's logits at W = params["W"], (C, V): the sums of its n−1 rows (each weight in range
        is not enough for the divergence rule)."""
        return torch.from_numpy(params["W"])[self._idx].sum(1).numpy()

    def dev_scorer(self, dev: Examples) -> Callable[[], float]:
        """The dev NLL of the current W: the dev contexts' cell shares against the log-softmax of their sums."""
        paid = self._dev_reservation()
        g = dev.groups()
        w = torch.zeros((g.codes.numel(), self.V), dtype=torch.float64)
        w[g.rows, g.ys] = g.counts.double() / dev.num
        w = w.float()
        idx = g.contexts + self._offsets
        return paid.keep(lambda: -float((w * torch.log_softmax(self.W[idx].sum(1), dim=1)).sum()))

    # --- what the pages show -------------------------------------------------------------------------------

    def stable_lr(self, lam: float) -> float:
        return stable_lr_concat(self.counts.table, lam)

    def weight_view(self) -> WeightView:
        """The block of W read for the last context character (rows (n−2)·V … (n−1)·V − 1). Its rows are no
        context's distribution (a context's logits add one row of each block), so the log P pane beside it shows
        the word-start contexts, and the titles say which is which.

        >>> from makemore import Vocab
        >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
        >>> c = ConcatNet(m).weight_view()
        >>> c.rows.tolist(), c.row_labels[:2], c.logP_row_labels[:2]
        ([5, 6, 7, 8, 9], ['….', '…a'], ['..', '.a'])
        """
        n, V, itos = self.order, self.V, self.vocab.itos
        _, _, logP, ctx = word_start_logP(self.counts)
        where = f"contexts '{itos[0] * (n - 2)}' + row"
        first = (n - 2) * V
        return WeightView(
            torch.arange(first, first + V),
            ["…" + c for c in itos],
            logP,
            ctx,
            f"W block for the last context character, step {{step}} (rows {first:,}–{first + V - 1:,} of "
            f"{self.rows:,})",
            f"log P of the {ngram_name(n)} counts model, {where}",
            "gradient of that block, step {step}",
        )

    def floor_note(self, gram: str) -> str:
        return (
            f". The concat net cannot in general close this gap: its logits add one row of W per context position, "
            f"which cannot express every {gram} table (the full net can, with a row per context)."
        )

    def probs_title(self) -> str:
        return f"{self.name} net's softmax"  # of its summed rows: its rows of W alone are no distribution
