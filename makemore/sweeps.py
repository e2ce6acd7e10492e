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
from .counts import CountsModel
from .neural import Trainer
from .windows import Examples

K_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0)
LAMBDA_GRID = (0.0001, 0.001, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
# The λ sweep trains a net of V² weights per λ (up to 6 × 600 steps): at V = 120 about half a second a point,
# at V = 1,001 minutes. Beyond this vocabulary the page shows the k sweep only and says why.
SWEEP_MAX_V = 120
# At other orders a step costs O(cells): W's rows × V for the full net, the distinct contexts × V for concat. The
# names' trigram (729 × 27 = 19,683 cells) trains a point in a fraction of a second; their 4-gram (19,683 rows)
# would take minutes for the sweep, so beyond this the page shows the k sweep only and says why.
SWEEP_MAX_CELLS = 2**15


def step_cells(counts: CountsModel, net: str = "full") -> int:
    """The cells one counts-mode step of this net touches (its cost): W's rows × V (full) or contexts × V (concat).

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
    >>> step_cells(m, "full"), step_cells(m, "concat")  # 25 possible contexts, 8 of them seen
    (125, 40)
    """
    rows = counts.table.rows if net == "full" or counts.order <= 2 else counts.table.contexts_seen
    return rows * counts.V


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
    net: str = "full",
) -> pd.DataFrame:
    """Train the net (counts mode) for `steps` at each λ; data NLL on train (and dev) at the end."""
    return pd.DataFrame([regularisation_point(counts, dev, lam, steps, lr, net) for lam in lams])


def regularisation_point(
    counts: CountsModel,
    dev: Examples | None,
    lam: float,
    steps: int = 600,
    lr: float = TrainConfig().lr,
    net: str = "full",
):
    """One λ of the sweep: {"λ", "lr", "train"(, "dev")}. A piece of work small enough to show progress between.

    lr 50 suits the lecture's names but not every list (a row holding most of the data, or a large λ, makes
    gradient descent oscillate): a run that diverges or is still moving up and down at the end is repeated with
    half the learning rate, up to six times. A loss still falling steadily is kept: a net of a higher order has
    rows seen a few times only, which learn slowly at any stable lr (halving would only slow them further). The
    lr used is in the row.
    """
    rate = lr
    for _ in range(6):
        t = Trainer(counts, net=net, dev=dev, lr=rate, lam=lam)
        t.step(steps + 1)  # the last step's loss is the NLL at the final W
        tail = t.history.loss[-20:]
        settled = max(tail) - min(tail) < 1e-3 and tail[-1] <= tail[0] + 1e-9
        falling = all(b <= a + 1e-9 for a, b in itertools.pairwise(tail))
        if not t.diverged and (settled or falling):
            break
        rate /= 2
    row = {"λ": lam, "lr": rate, "train": t.history.nll[-1] if t.history.nll else math.nan}
    if t.has_dev:
        row["dev"] = t.history.dev_nll[-1] if t.history.dev_nll else math.nan
    return row
