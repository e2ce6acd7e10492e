"""Payloads for the live canvas panels (no Streamlit, like figures.py): plain lists and dicts, JSON-ready.

The live training panel is fed increments: each tick sends only the loss points of the steps trained since the
last tick, downsampled to at most `max_points`, so a tick costs the same at step 100 and at step 100,000.

>>> from makemore import History
>>> h = History(loss=[3.77, 3.38, 3.16], nll=[3.76, 3.37, 3.15])
>>> loss_points(h, start=1)
[[2, 3.38, 3.37, None], [3, 3.16, 3.15, None]]
>>> [r["label"] for r in reference_lines(counts_nll=2.454, V=27)]
['counts model 2.4540', 'uniform ln 27 = 3.2958']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import torch

from .figures import LABEL_CELLS_UP_TO, shown_indices, view_matrix
from .models.counts import CountsModel
from .train import History


def _pick(n: int, start: int, max_points: int) -> np.ndarray:
    """Indices start..n-1, at most max_points of them, evenly spaced, the last always kept."""
    if n - start <= max_points:
        return np.arange(start, n)
    return np.unique(np.append(np.linspace(start, n - 1, max_points).round().astype(np.int64), n - 1))


def loss_points(h: History, start: int = 0, max_points: int = 2000) -> list[list]:
    """[step, loss, data NLL, dev NLL or None] for the history entries from `start` on (steps are 1-based: entry i
    is the loss computed in step i + 1, before its update, as the lecture prints it)."""
    n = len(h.loss)
    if start >= n:
        return []
    idx = _pick(n, start, max_points)
    rel = idx - start  # only the tail is converted: a tick costs the same at step 100 and at step 1,000,000
    loss = np.asarray(h.loss[start:], dtype=np.float64)[rel]
    nll = np.asarray(h.nll[start:], dtype=np.float64)[rel]
    dev = np.asarray(h.dev_nll[start:], dtype=np.float64)[rel] if len(h.dev_nll) == n else None
    return [
        [int(i) + 1, float(a), float(b), None if dev is None else float(dev[j])]
        for j, (i, a, b) in enumerate(zip(idx, loss, nll, strict=True))
    ]


def reference_lines(counts_nll: float | None = None, V: int | None = None, counts_dev_nll: float | None = None):
    """The horizontal lines of the loss chart: the counts model's NLL (the floor at λ = 0) and uniform ln V."""
    refs = []
    if counts_nll is not None and math.isfinite(counts_nll):
        refs.append(dict(y=counts_nll, label=f"counts model {counts_nll:.4f}", color="#555", dash="dash"))
    if counts_dev_nll is not None and math.isfinite(counts_dev_nll):
        refs.append(
            dict(y=counts_dev_nll, label=f"counts model, dev {counts_dev_nll:.4f}", color="#ff7f0e", dash="dash")
        )
    if V:
        refs.append(dict(y=math.log(V), label=f"uniform ln {V} = {math.log(V):.4f}", color="#999", dash="dot"))
    for r in refs:
        r["above"] = r["dash"] == "dot"  # the uniform line's label above it, the floors' below
    return refs


def matrix_values(M: torch.Tensor, digits: int = 5) -> list[float]:
    """A matrix as a flat row-major list, ±∞ clamped to its finite range (JSON has no ∞; the colour scale needs a
    number), rounded to `digits` significant digits so a 120×120 matrix stays a few tens of kilobytes.

    >>> matrix_values(torch.tensor([[0.0, -math.inf], [1.234567, 2.0]]))
    [0.0, 0.0, 1.2346, 2.0]
    """
    z = M.detach().double()
    finite = z[torch.isfinite(z)]
    lo = float(finite.min()) if finite.numel() else 0.0
    hi = float(finite.max()) if finite.numel() else 0.0
    z = torch.where(z == math.inf, hi, torch.where(torch.isfinite(z), z, lo)).flatten().numpy()
    return [float(f"{v:.{digits}g}") for v in z]


def labels(itos) -> list[str]:
    """Characters as drawn on a canvas: a space as ␣ and a tab as ⇥, so they are visible; not HTML-escaped (a
    canvas draws text as text)."""
    return [{" ": "␣", "\t": "⇥"}.get(c, c) for c in itos]


# --- the lecture's heatmap ------------------------------------------------------------------------------------

CELL_TEXT = {"counts": lambda v: f"{int(v)}", "probabilities": lambda v: f"{v:.2f}"}


def heatmap_payload(model: CountsModel, k: float = 0.0, view: str = "counts", highlight_row: int | None = None):
    """The counts page's heatmap for the canvas component: the lecture's picture (rows the first character,
    columns the second; the most frequent characters when V > MAX_HEATMAP_CHARS), as flat lists. Cells carry their bigram and value while V ≤ LABEL_CELLS_UP_TO.

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> d = heatmap_payload(m, view="counts")
    >>> d["labels"], d["z"][1], d["cells"][1]
    (['.', 'a', 'e', 'm', 'v'], 1.0, ['.a', '1'])
    """
    ix = shown_indices(model)  # refuses any order but 2: this is the bigram's V×V picture
    sub = torch.tensor(ix)
    M = view_matrix(model, k, view)[sub][:, sub].double()
    P = model.P(k)[sub][:, sub].double()
    N = model.N[sub][:, sub]
    lab = labels([model.vocab.itos[i] for i in ix])
    V = len(lab)
    cells = None
    if V <= LABEL_CELLS_UP_TO:
        show = CELL_TEXT.get(view, lambda v: f"{v:.1f}")
        raw = M.flatten().tolist()
        cells = [[lab[c // V] + lab[c % V], show(raw[c]) if math.isfinite(raw[c]) else "-∞"] for c in range(V * V)]
    title = f"{view} ({'N' if view == 'counts' else f'P with k={k:g}'})"
    if V < model.V:
        title += f": the {V - 1} most frequent of {model.V - 1} characters"
    return {
        "labels": lab,
        "z": matrix_values(M, digits=6),
        "cells": cells,
        "N": [int(v) for v in N.flatten().tolist()],
        "P": P.flatten().tolist(),
        "title": title,
        "col_title": "rows: first character · columns: second character",
        "highlight_row": ix.index(highlight_row) if highlight_row in ix else None,
        "diverging": False,
    }


def matrix_payload(
    M: torch.Tensor,
    itos,
    title: str,
    diverging: bool = False,
    highlight_row: int | None = None,
    row_labels: Sequence[str] | None = None,
):
    """Any V×V matrix (P, W, a gradient, a difference) for the canvas heatmap; hover shows the value. A matrix
    whose rows are not the labels (a trigram's 729 rows under 27 labels) is refused, never drawn mislabelled;
    a slice of R rows comes with its `row_labels` (each row's context)."""
    want = (len(itos) if row_labels is None else len(row_labels), len(itos))
    if tuple(M.shape) != want:
        shape = "V×V" if row_labels is None else f"{want[0]:,}×V"
        raise ValueError(
            f"{title}: a {M.shape[0]:,}×{M.shape[1]:,} matrix is not a {shape} picture for V = {len(itos)}; "
            "show a slice of its rows instead"
        )
    extra = {} if row_labels is None else {"row_labels": labels(row_labels)}
    return extra | {
        "labels": labels(itos),
        "z": matrix_values(M),
        "cells": None,
        "title": title,
        "col_title": "",
        "highlight_row": highlight_row,
        "diverging": diverging,
        "max_cell": 16,
    }


# --- sampling -------------------------------------------------------------------------------------------------


def draw_payload(
    itos, probs: torch.Tensor, row: int | None, drew: int | None = None, u: float | None = None, context=None
) -> dict:
    """The sampling panel: the distribution a character is (or will be) drawn from, the one drawn, and u.
    `context` is the tape the model read (a tuple of indices; default: the bigram's one character, `row`).

    >>> d = draw_payload([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=0, drew=1, u=0.6)
    >>> d["title"]
    "p = distribution after '.' · drew 'a' (p = 0.2500)"
    >>> draw_payload([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=4, context=(1, 2))["title"][:30]
    "p = distribution after 'ab': t"
    """
    lab = labels(itos)
    p = probs.double().tolist()
    tape = "".join(lab[i] for i in (context if context is not None else (row,)))
    after = f"after '{tape}'" if tape else "(no context: the unigram)"
    if drew is None:
        title = f"p = distribution {after}: the next character is drawn from it"
    else:
        title = f"p = distribution {after} · drew '{lab[drew]}' (p = {p[drew]:.4f})"
    return {"labels": lab, "probs": p, "row": row, "drew": drew, "u": u, "title": title}


# --- the dataset page -----------------------------------------------------------------------------------------


def length_bars(lengths: Mapping[int, int]) -> dict:
    """How many words have each length, every length from the shortest to the longest (zeros included, so the
    axis is continuous); `lengths` is length -> words, e.g. `figures.length_counts(words)`.

    >>> length_bars({3: 2, 5: 1})["values"]
    [2, 0, 1]
    """
    xs = range(min(lengths), max(lengths) + 1) if lengths else range(0)
    return {
        "labels": [str(n) for n in xs],
        "values": [int(lengths.get(n, 0)) for n in xs],
        "title": "Word lengths",
        "x_title": "characters",
        "y_title": "words",
    }


def char_bars(counts: Mapping[str, int], top: int = 80) -> dict:
    """Character occurrences, most frequent first, at most `top` of them (the title says when some are left out).

    >>> char_bars({"a": 3, "b": 5, " ": 1})["labels"]
    ['b', 'a', '␣']
    """
    chars = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    title = "Character frequencies" + (f" (the {top} most frequent of {len(counts)})" if len(counts) > top else "")
    return {
        "labels": labels(chars),
        "values": [int(counts[c]) for c in chars],
        "title": title,
        "x_title": "character",
        "y_title": "occurrences",
    }


# --- the comparison page ---------------------------------------------------------------------------------------

TRAIN, DEV = "#1f77b4", "#ff7f0e"


def sweep_payload(k_sweep, lam_sweep) -> dict:
    """Smoothing ↔ regularisation: train (and dev) NLL against k and against λ, two panels with a log x axis.

    >>> import pandas as pd
    >>> d = sweep_payload(pd.DataFrame({"k": [0.1, 1.0], "train": [2.46, 2.47]}), pd.DataFrame())
    >>> [p["title"] for p in d["panels"]], d["panels"][0]["series"][0]["ys"]
    (['counts model: add-k smoothing', 'neural net: λ·mean(W²)'], [2.46, 2.47])
    """
    panels = []
    for df, x, title in ((k_sweep, "k", "counts model: add-k smoothing"), (lam_sweep, "λ", "neural net: λ·mean(W²)")):
        series = [
            {
                "name": f"{split} NLL",
                "color": color,
                "mode": "lines",
                "xs": [float(v) for v in df[x]],
                "ys": [float(v) if math.isfinite(v) else None for v in df[split]],
            }
            for split, color in (("train", TRAIN), ("dev", DEV))
            if len(df) and split in df
        ]
        panels.append({"title": title, "x_title": x, "y_title": "mean NLL", "log_x": True, "series": series})
    return {"panels": panels, "height": 360}


def scatter_payload(
    P: torch.Tensor,
    Q: torch.Tensor,
    itos,
    max_points: int = 15_000,
    row_labels: Sequence[str] | None = None,
    title: str | None = None,
    y_title: str = "neural softmax(W)",
) -> dict:
    """Every cell: the counts model's P against the net's softmax(W), on the diagonal where they agree. A large
    vocabulary shows the max_points cells where either model puts the most probability. `row_labels`: the
    context of each row when the rows are not the characters (the contexts of a higher order); `title` names
    those rows ("593 contexts seen in training": "every cell of the 593 contexts…", or after the count of cells
    kept when some are left out).

    >>> d = scatter_payload(torch.tensor([[0.5, 0.5]]), torch.tensor([[0.25, 0.75]]), [".", "a"])
    >>> d["panels"][0]["series"][0]["texts"], d["panels"][0]["series"][0]["ys"]
    (['..', '.a'], [0.25, 0.75])
    """
    lab = labels(itos)
    rows = lab if row_labels is None else labels(row_labels)
    V = len(lab)
    p, q = P.double().flatten(), Q.double().flatten()
    cells = torch.arange(p.numel())
    shown = "every cell: P against softmax(W)" if title is None else f"every cell of the {title}"
    if p.numel() > max_points:
        cells = torch.maximum(p, q).topk(max_points).indices
        shown = f"the {max_points:,} most probable of {p.numel():,} cells" + (f" · {title}" if title else "")
    series = {
        "name": "",
        "color": TRAIN,
        "mode": "markers",
        "xs": [round(v, 6) for v in p[cells].tolist()],
        "ys": [round(v, 6) for v in q[cells].tolist()],
        "texts": [rows[i // V] + lab[i % V] for i in cells.tolist()],
    }
    return {
        "panels": [
            {
                "title": shown,
                "x_title": "counts model P",
                "y_title": y_title,
                "log_x": False,
                "diagonal": True,
                "series": [series],
            }
        ],
        "height": 420,
    }
