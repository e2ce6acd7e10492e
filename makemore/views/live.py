"""The live training panel: what our canvas component (makemore/app/assets/live_panel.js) is sent each tick. It
stays our own canvas, not an ECharts chart, because its increments play out frame by frame between ticks (that is
what makes it live); this module is where its payload is built, its colours included (`palette`: the curves, the
reference lines, the heatmaps' scales; text and axes take the page's theme).

Each tick sends only the loss points of the steps trained since the last tick, downsampled to at most
`max_points`, so a tick costs the same at step 100 and at step 100,000; W and its gradient as flat lists, at
most V×V of them (`weight_view`: what of a net of any order a V×V picture can show).

>>> from makemore import History
>>> h = History(loss=[3.77, 3.38, 3.16], nll=[3.76, 3.37, 3.15])
>>> loss_points(h, start=1)
[[2, 3.38, 3.37, None], [3, 3.16, 3.15, None]]
>>> [r["label"] for r in reference_lines(counts_nll=2.454, V=27)]
['counts model (k = 0) 2.4540', 'uniform ln 27 = 3.2958']
"""

from __future__ import annotations

import math

import numpy as np

from ..train import History
from . import palette
from .format import char_labels
from .heatmaps import MAX_HEATMAP_CHARS, matrix_values

# The curves (total loss, data NLL on the training words, on the dev words) and the heatmaps' scales.
COLORS = {"curves": [palette.LOSS, palette.TRAIN_NLL, palette.DEV], "blues": palette.BLUES, "rdbu": palette.RDBU}

# What the curves are for a minibatch model (the MLP): its minibatch loss, and the whole sets' NLL when evaluated.
MINIBATCH_NAMES = ["minibatch loss", "train NLL (whole set)", "dev NLL (whole set)"]

# --- the loss chart -------------------------------------------------------------------------------------------


def _pick(n: int, start: int, max_points: int) -> np.ndarray:
    """Indices start..n-1, at most max_points of them, evenly spaced, the last always kept."""
    if n - start <= max_points:
        return np.arange(start, n)
    return np.unique(np.append(np.linspace(start, n - 1, max_points).round().astype(np.int64), n - 1))


def loss_points(h: History, start: int = 0, max_points: int = 2000, evals: bool = False) -> list[list]:
    """[step, loss, data NLL, dev NLL or None] for the history entries from `start` on (steps are 1-based: entry i
    is the loss computed in step i + 1, before its update, as the lecture prints it). `evals` (a minibatch
    model): the loss is the minibatch's, and the NLLs the whole sets' at the last evaluation up to each step
    (None before the first), so they draw as steps.

    >>> h = History(loss=[9.0, 5.0, 4.0], nll=[9.0, 5.0, 4.0], evals=[(2, 6.0, 6.5)])
    >>> loss_points(h, evals=True)
    [[1, 9.0, None, None], [2, 5.0, 6.0, 6.5], [3, 4.0, 6.0, 6.5]]
    """
    n = len(h.loss)
    if start >= n:
        return []
    idx = _pick(n, start, max_points)
    rel = idx - start  # only the tail is converted: a tick costs the same at step 100 and at step 1,000,000
    loss = np.asarray(h.loss[start:], dtype=np.float64)[rel]
    if evals:
        nll, dev = _carried(h.evals, idx + 1)
    else:
        nll = np.asarray(h.nll[start:], dtype=np.float64)[rel]
        dev = np.asarray(h.dev_nll[start:], dtype=np.float64)[rel] if len(h.dev_nll) == n else None
    return [
        [int(i) + 1, float(a), _num(b), None if dev is None else _num(dev[j])]
        for j, (i, a, b) in enumerate(zip(idx, loss, nll, strict=True))
    ]


def _num(x) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def _carried(evals, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The train and dev NLL of the last evaluation at or before each of `steps` (NaN before the first). An
    evaluation at step s scores the parameters after s steps; it is drawn from step s on (with step s's minibatch
    loss, computed one update earlier), so the last point shows the last evaluation."""
    if not evals:
        return np.full(len(steps), np.nan), None
    at = np.asarray([e[0] for e in evals])
    which = np.searchsorted(at, steps, side="right") - 1  # the last evaluation at or before each step
    train = np.asarray([e[1] for e in evals], dtype=np.float64)
    dev = None if evals[-1][2] is None else np.asarray([np.nan if e[2] is None else e[2] for e in evals])
    pick = lambda a: np.where(which >= 0, a[np.maximum(which, 0)], np.nan)
    return pick(train), None if dev is None else pick(dev)


def reference_lines(
    counts_nll: float | None = None,
    V: int | None = None,
    counts_dev_nll: float | None = None,
    dev_label: str = "counts model (k = 0), dev",
):
    """The horizontal lines of the loss chart: the counts model's NLL (the floor at λ = 0) and uniform ln V (and
    the counts model's dev NLL, `dev_label` saying which)."""
    refs = []
    if counts_nll is not None and math.isfinite(counts_nll):
        refs.append(
            dict(y=counts_nll, label=f"counts model (k = 0) {counts_nll:.4f}", color=palette.FLOOR, dash="dash")
        )
    if counts_dev_nll is not None and math.isfinite(counts_dev_nll):
        refs.append(
            dict(
                y=counts_dev_nll,
                label=f"{dev_label} {counts_dev_nll:.4f}",
                color=palette.DEV_FLOOR,
                dash="dash",
            )
        )
    if V:
        refs.append(dict(y=math.log(V), label=f"uniform ln {V} = {math.log(V):.4f}", color=palette.UNIFORM, dash="dot"))
    for r in refs:
        r["above"] = r["dash"] == "dot"  # the uniform line's label above it, the floors' below ...
    floors = [r for r in refs if r["dash"] == "dash"]
    if len(floors) == 2:  # ... but of two floors, the higher one's above it, so the two labels never overlap
        max(floors, key=lambda r: r["y"])["above"] = True
    return refs


# --- the panel ------------------------------------------------------------------------------------------------


def training_payload(
    t,
    itos,
    *,
    full: bool,
    start: int,
    running: bool,
    rate: float | None,
    counts_nll: float,
    dev_floor: float | None,
    dev_label: str = "counts model (k = 0), dev",
) -> dict:
    """What the panel is sent for the trainer `t`: everything when `full` (a page run: the panel may be new), else
    the points from history entry `start` on (a tick). Its heatmaps show at most V×V of W (all of
    the bigram's W, a slice of rows or one block at other orders: the model's `weight_view`), titled for what they are; none when V is too
    large to draw."""
    V = len(itos)
    minibatch = getattr(t, "minibatch", False)
    payload = {
        "gen": f"{t.generation}",
        "colors": COLORS,
        "full": full,
        "running": running,
        "rate": rate,
        "step": t.steps,
        "points": loss_points(t.history, start, 2000 if full else 200, evals=minibatch),
        "refs": reference_lines(counts_nll, V, dev_floor, dev_label),
        "heat": None,
    }
    if minibatch:  # the lecture's plot of a minibatch model: each step's minibatch loss, on a log axis
        payload |= {"names": MINIBATCH_NAMES, "stat_labels": ["minibatch loss", "train NLL"], "logy": True}
    view = t.model.weight_view() if V <= MAX_HEATMAP_CHARS else None  # which rows a V×V picture can show
    if view is not None:
        if full:
            payload["labels"] = char_labels(itos)
            payload["row_labels"] = char_labels(view.row_labels)
            payload["logP_row_labels"] = char_labels(view.logP_row_labels)
            payload["logP"] = matrix_values(view.logP)
            payload["titles"] = {"W": view.W_title, "logP": view.logP_title, "grad": view.grad_title}
        payload["heat"] = {
            "step": t.steps,
            "W": matrix_values(t.model.parameters()[view.param][view.rows]),
            "grad": matrix_values(t.grads[view.param][view.rows]) if t.grads is not None else None,
        }
    return payload
