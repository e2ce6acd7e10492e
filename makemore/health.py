"""Is training going well? A learning rate that suits names.txt (the lecture's 50) can be far too large for another
list; this module says so in a sentence, with the cause and a learning rate that is sure to be stable.

The stable learning rate is the model's own bound (`model.stable_lr(λ)`: a curvature bound, derived in
`models/full.py` and `models/concat.py`). It is cautious (names.txt trains well at 50 while the lecture net's
bound says 26.8), so it is offered only when the loss actually misbehaves, and rounded down (`offer`) so the offered
value is inside it.
"""

from __future__ import annotations

import itertools
import math

from .train import History

SETTLE_STEPS = 30  # steps at the same lr and λ before the loss is judged
WINDOW = 20  # recent steps the judgement looks at
LOOK_BACK = 1000  # steps looked back at most: a tick's cost stays the same at step 100 and at step 1,000,000


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
