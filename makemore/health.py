"""Is training going well? A learning rate that suits names.txt (the lecture's 50) can be far too large for another
list; this module says so in a sentence, with the cause and a learning rate that is sure to be stable.

Gradient descent on a smooth loss is stable while lr < 2 / L, where L bounds the curvature (the Hessian's largest
eigenvalue). For the bigram's loss the Hessian is block-diagonal by rows of W: row i contributes
(n_i / N) · (diag(s_i) − s_i s_iᵀ), whose eigenvalues are at most 1/2, plus 2λ/numel(W) from the L2 term. So
lr ≤ 2 / (max_i(n_i / N) / 2 + 2λ / numel(W)) never diverges, whatever W is. The bound is cautious (names.txt
trains well at 50 while the bound says 26.8), so it is offered only when the loss actually misbehaves, and rounded
down (`offer`) so the offered value is inside it.

    >>> import torch
    >>> round(stable_lr(torch.tensor([[0, 1, 0], [0, 0, 2], [1, 1, 0]]), lam=0.0), 3)  # the busiest row: 2 of 5
    10.0
"""

from __future__ import annotations

import itertools
import math

import torch

from .counts import CountTable
from .neural import History, Trainer
from .windows import decode_codes

SETTLE_STEPS = 30  # steps at the same lr and λ before the loss is judged
WINDOW = 20  # recent steps the judgement looks at
LOOK_BACK = 1000  # steps looked back at most: a tick's cost stays the same at step 100 and at step 1,000,000


def stable_lr(N: torch.Tensor, lam: float) -> float:
    """The largest learning rate the curvature bound guarantees stable for counts N and L2 strength λ."""
    share = float(N.sum(1).max()) / float(N.sum())  # the busiest row's share of the bigrams
    return 2.0 / (share / 2.0 + 2.0 * lam / N.numel())


def stable_lr_concat(table: CountTable, lam: float) -> float:
    """The same guarantee for the `concat` net, W of ((n−1)·V, V): a context's logits are the sum of its n−1
    rows (one per position), so a change δ of those rows moves its logits by Σ_i δ_i, and by Cauchy-Schwarz
    |Σ_i δ_i|² ≤ (n−1)·Σ_i |δ_i|². Each row of W then carries the curvature of every example that reads it:
    L ≤ (n−1)/2 · max_row(share of the examples reading that row) + 2λ/numel(W). For n = 2 this is `stable_lr`.
    More cautious than the full net's bound (the boundary row at the first position is read by every word's
    first n−1 predictions), so, like it, it is offered only when the loss misbehaves.

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


def stable_lr_of(t: Trainer) -> float:
    """The bound for a trainer's net at its λ: `stable_lr` of the training table for the full net (W's rows are
    the table's rows), `stable_lr_concat` for concat."""
    return stable_lr(t.N, t.lam) if t.net == "full" else stable_lr_concat(t.counts.table, t.lam)


def offer(lr_safe: float) -> float:
    """The bound rounded down to 3 significant digits: a value a person can read that is still inside it.

    >>> offer(9.9379), offer(26.85)
    (9.93, 26.8)
    """
    digits = 2 - math.floor(math.log10(lr_safe))
    return math.floor(lr_safe * 10**digits) / 10**digits


def diagnose(h: History, V: int, lr_safe: float, unit: str = "bigrams") -> str | None:
    """One sentence when the recent loss rises, oscillates, or sits above the uniform model's ln V; else None.
    Judged only over steps run at the same lr and λ (a change of λ legitimately moves the loss). `unit`: what the
    training examples are called (the lecture's bigrams; "trigrams", "examples" at other orders).

    >>> h = History(loss=[3.0, 2.0] * 20, nll=[3.0, 2.0] * 20, lr=[50.0] * 40, lam=[0.0] * 40)
    >>> diagnose(h, V=4, lr_safe=10.0)[:46]
    'The loss oscillates from step to step at lr 50'
    """
    n = len(h.loss)
    if n < SETTLE_STEPS:
        return None
    lr, lam = h.lr[-1], h.lam[-1]
    same = 0  # steps since lr or λ last changed, counted back at most LOOK_BACK (each tick calls this)
    while same < min(n, LOOK_BACK) and h.lr[n - 1 - same] == lr and h.lam[n - 1 - same] == lam:
        same += 1
    if same < SETTLE_STEPS:
        return None
    recent = h.loss[-WINDOW:]
    diffs = [b - a for a, b in itertools.pairwise(recent)]
    flips = sum(1 for a, b in itertools.pairwise(diffs) if a * b < 0 and max(abs(a), abs(b)) > 1e-4)
    uniform = math.log(V)
    if flips >= len(diffs) // 2:
        what = "oscillates from step to step"
    elif recent[-1] > recent[0] + 1e-3 and sum(diffs) > 0 and h.loss[-1] > min(h.loss[-same:]) + 1e-3:
        what = "is rising"
    elif h.nll[-1] > uniform + 1e-3:
        what = f"stays above the uniform model's ln {V} = {uniform:.4f}"
    else:
        return None
    if lr <= lr_safe:
        if what.startswith("stays above") and recent[-1] < recent[0] - 1e-4:  # still falling: only slow
            return (
                f"The loss {what} but is still falling at lr {lr:g}: the steps are small. Any lr ≤ "
                f"{offer(lr_safe):g} is sure to be stable here and gets there sooner."
            )
        return (
            f"The loss {what} at lr {lr:g}, although that lr is within the stable bound {offer(lr_safe):g}: "
            "λ may be too large (reset and lower it)."
        )
    return (
        f"The loss {what} at lr {lr:g}: the steps are too large for this list (one row of W holds so many of its "
        f"{unit} that it overshoots). Any lr ≤ {offer(lr_safe):g} is sure to be stable here."
    )
