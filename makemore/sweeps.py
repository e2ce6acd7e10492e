"""Exercise E03 and lecture step 10: how the smoothing k and the regularisation λ move train and dev NLL.

Add-k smoothing pulls P towards uniform; λ·mean(W²) pulls W towards 0, which is the same uniform distribution.
Both trade training fit for held-out fit; these sweeps put the two side by side.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> smoothing_sweep(m, None, [0.1, 1.0])["train"].round(4).tolist()
    [0.6759, 1.1729]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pandas as pd

from .config import TrainConfig
from .models import registry
from .models.counts import CountsModel
from .train import Trainer
from .windows import Examples

K_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0)
LAMBDA_GRID = (0.0001, 0.001, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
# The λ sweep trains a net of V² weights per λ (up to 6 × 600 steps): at V = 120 about half a second a point,
# at V = 1,001 minutes. Beyond this vocabulary the page shows the k sweep only and says why.
SWEEP_MAX_V = 120
# At other orders a step costs O(cells) (`train.step_cells`: the logits one step computes). The names' trigram
# (729 × 27 = 19,683 cells) trains a point in a fraction of a second; their 4-gram (19,683 rows)
# would take minutes for the sweep, so beyond this the page shows the k sweep only and says why.
SWEEP_MAX_CELLS = 2**15
# A settled run's last step moves no weight by this much (the names' nets: under 0.006 after 600 steps).
SETTLED_STEP = 0.05


def smoothing_sweep(model: CountsModel, dev: Examples | Sequence[str] | None, ks: Sequence[float] = K_GRID):
    """Mean NLL on the training counts (and dev examples or words) for each k."""
    if dev is not None and not isinstance(dev, Examples):
        dev = model.examples(dev) if dev else None
    rows = []
    for k in ks:
        row = {"k": k, "train": model.evaluate(k=k).mean_nll}
        if dev is not None and dev.num:
            row["dev"] = model.evaluate(dev, k=k).mean_nll
        rows.append(row)
    return pd.DataFrame(rows)


def regularisation_sweep(
    counts: CountsModel,
    dev: Examples | None,
    lams: Sequence[float] = LAMBDA_GRID,
    steps: int = 600,
    lr: float = TrainConfig().lr,
    net: str = registry.DEFAULT_NET,
) -> pd.DataFrame:
    """Train the net `net` (a registry name; counts mode) for `steps` at each λ; data NLL on train (and dev) at the
    end."""
    return pd.DataFrame([regularisation_point(counts, dev, lam, steps, lr, net) for lam in lams])


def regularisation_point(
    counts: CountsModel,
    dev: Examples | None,
    lam: float,
    steps: int = 600,
    lr: float = TrainConfig().lr,
    net: str = registry.DEFAULT_NET,
):
    """One λ of the sweep: {"λ", "lr", "train"(, "dev"), "note"}. A piece of work small enough to show progress
    between.

    lr 50 suits the lecture's names but not every list (a row holding most of the data, or a large λ, makes
    gradient descent oscillate): a run that diverges or is still moving up and down at the end is repeated with
    half the learning rate, up to six times. A loss still falling steadily is kept: a net of a higher order has
    rows seen a few times only, which learn slowly at any stable lr (halving would only slow them further). The
    lr used is in the row.

    The halving starts below `stable_lr_bound`: at or above it the λ term alone makes every step overshoot (a
    list of one letter has W of 2×2 and, at λ = 3, diverges at every lr from 50 down to 1.56), so those rates
    are not tried. A λ at which no rate settles still gives a row: NaN NLLs (the chart leaves a gap) and `note`,
    the sentence a page shows for it; `note` is None for a point that settled.

        >>> from makemore import Vocab
        >>> m = CountsModel.from_words(["a"], Vocab.from_words(["a"]))
        >>> p = regularisation_point(m, None, 3.0)
        >>> p["lr"], round(p["train"], 4), p["note"]
        (0.78125, 0.5603, None)
    """
    rate = lr
    model = registry.get(net).build(counts)
    weights = sum(p.numel() for p in model.parameters().values())
    for attempt in range(6):
        t = Trainer(model, dev=dev, lr=lr, lam=lam)  # from the same seeded start each time
        if attempt == 0:  # skip the rates that cannot converge
            while rate >= stable_lr_bound(lam, weights):
                rate /= 2
        else:
            rate /= 2
        t.lr = rate
        t.step(steps + 1)  # the last step's loss is the NLL at the final W
        if t.diverged:
            continue
        tail = t.history.loss[-20:]
        # Settled: the loss flat and W no longer moving. Falling: the loss down at every step, and the last step
        # down by a fair share of what a gradient step promises (lr·|g|²; the names' nets: at least half of it).
        # On a list of two or three characters W can jump between two mirror images while the loss stays flat or
        # creeps down by 1e-7 of that: an oscillation, not progress.
        grads = t.grads.values()
        moved = max(float((rate * g).abs().max()) for g in grads)
        promised = rate * sum(float((g.double() ** 2).sum()) for g in grads)
        settled = max(tail) - min(tail) < 1e-3 and tail[-1] <= tail[0] + 1e-9 and moved < SETTLED_STEP
        falling = (
            len(tail) > 1
            and all(b <= a + 1e-9 for a, b in itertools.pairwise(tail))
            and tail[-2] - tail[-1] >= 0.1 * promised
        )
        if settled or falling:
            break
    note = None
    if t.diverged:
        note = (
            f"λ = {lam:g}: training diverged at every learning rate tried (down to {rate:g}), so this λ has no point."
        )
    elif not (settled or falling):
        note = f"λ = {lam:g}: the loss still oscillates at learning rate {rate:g}; its point is the last step's."
    last = not t.diverged and t.history.nll
    row = {"λ": lam, "lr": rate, "train": t.history.nll[-1] if last else math.nan}
    if t.has_dev:
        row["dev"] = t.history.dev_nll[-1] if last else math.nan
    row["note"] = note
    return row


def stable_lr_bound(lam: float, weights: int) -> float:
    """The learning rate at and above which gradient descent on λ·mean(W²) alone cannot converge: that term's
    curvature is 2λ/weights in every direction (the NLL only adds to it), and a step overshoots once
    lr · curvature ≥ 2. ∞ without regularisation.

    >>> stable_lr_bound(3.0, 4), stable_lr_bound(0.0, 4)
    (1.3333333333333333, inf)
    """
    return weights / lam if lam > 0 else math.inf
