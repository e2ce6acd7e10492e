"""Heatmaps: what the canvas heatmap component (makemore/app/assets/heatmap.js) is given, for every matrix the
pages draw. One builder, `heatmap`, makes the payload; the others say which matrix, which labels and which title.
(The charts issue swaps `heatmap`'s payload for an ECharts option dict: a change here, not in the pages.)

    >>> import torch
    >>> d = heatmap(torch.tensor([[1.0, 0.0], [2.0, 3.0]]), [".", "a"], "N", view="counts")
    >>> d["z"], d["cells"][2]
    ([1.0, 0.0, 2.0, 3.0], ['a.', '2'])
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from ..models.counts import NLL, CountsModel
from .format import char_labels, number
from .slices import Slice, require_bigram, slice_codes, word_start_name

VIEWS = ("counts", "probabilities", "log-probabilities")
LABEL_CELLS_UP_TO = 40  # rows/columns; beyond this, cell text would be unreadable, so only the hover says
MAX_HEATMAP_CHARS = 120  # beyond this a heatmap shows the most frequent characters only, or is not drawn
CELL_SPEC = {"counts": ".0f", "probabilities": ".2f", "log-probabilities": ".1f"}  # a cell's value, as text


# --- the one builder ----------------------------------------------------------------------------------------


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


def cell_texts(M: torch.Tensor, view: str, rows: Sequence[str], cols: Sequence[str]) -> list[list[str]] | None:
    """Each cell's [row + column, value] as the lecture's picture labels it, while the table is small enough to
    read (at most LABEL_CELLS_UP_TO² cells); else None."""
    R, V = len(rows), len(cols)
    if R * V > LABEL_CELLS_UP_TO**2:
        return None
    spec = CELL_SPEC[view]
    raw = M.flatten().tolist()
    return [[rows[c // V] + cols[c % V], number(raw[c], spec)] for c in range(R * V)]


def heatmap(
    M: torch.Tensor,
    labels: Sequence[str],
    title: str,
    *,
    row_labels: Sequence[str] | None = None,
    view: str | None = None,
    N: torch.Tensor | None = None,
    P: torch.Tensor | None = None,
    col_title: str = "",
    highlight_row: int | None = None,
    diverging: bool = False,
    max_cell: int | None = None,
    digits: int = 5,
) -> dict:
    """The heatmap component's data for an R×V matrix `M`: columns `labels`, rows `row_labels` (default: the
    columns), each cell labelled with its value when `view` names how to write it, the counts `N` and
    probabilities `P` behind each cell for the hover, a red frame around `highlight_row`, a scale symmetric
    around 0 when `diverging`, and cells at most `max_cell` pixels wide."""
    cols = char_labels(labels)
    rows = None if row_labels is None else char_labels(row_labels)
    payload = {
        "labels": cols,
        "z": matrix_values(M, digits),
        "cells": None if view is None else cell_texts(M, view, cols if rows is None else rows, cols),
        "title": title,
        "col_title": col_title,
        "highlight_row": highlight_row,
        "diverging": diverging,
    }
    if rows is not None:
        payload["row_labels"] = rows
    if N is not None:
        payload["N"] = [int(v) for v in N.flatten().tolist()]
    if P is not None:
        payload["P"] = P.flatten().tolist()
    if max_cell is not None:
        payload["max_cell"] = max_cell
    return payload


def matrix_heatmap(
    M: torch.Tensor,
    itos,
    title: str,
    diverging: bool = False,
    highlight_row: int | None = None,
    row_labels: Sequence[str] | None = None,
) -> dict:
    """Any V×V matrix (P, W, a gradient, a difference) as a heatmap; hover shows the value. A matrix whose rows
    are not the labels (a trigram's 729 rows under 27 labels) is refused, never drawn mislabelled; a slice of R
    rows comes with its `row_labels` (each row's context)."""
    want = (len(itos) if row_labels is None else len(row_labels), len(itos))
    if tuple(M.shape) != want:
        shape = "V×V" if row_labels is None else f"{want[0]:,}×V"
        raise ValueError(
            f"{title}: a {M.shape[0]:,}×{M.shape[1]:,} matrix is not a {shape} picture for V = {len(itos)}; "
            "show a slice of its rows instead"
        )
    return heatmap(M, itos, title, row_labels=row_labels, highlight_row=highlight_row, diverging=diverging, max_cell=16)


# --- the counts model's table ------------------------------------------------------------------------------------


def view_matrix(model: CountsModel, k: float, view: str) -> torch.Tensor:
    """The matrix a view shows: N, P (add-k) or log P."""
    require_bigram(model, "heatmap")
    if view == "counts":
        return model.N
    if view == "probabilities":
        return model.P(k)
    if view == "log-probabilities":
        return model.logP(k)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def view_title(view: str, k: float) -> str:
    """ "counts (N)", "probabilities (P with k=1)"..."""
    return f"{view} ({'N' if view == 'counts' else f'P with k={k:g}'})"


def shown_indices(model: CountsModel, max_chars: int = MAX_HEATMAP_CHARS) -> list[int]:
    """Which rows/columns a heatmap shows: all, or the boundary and the most frequent characters."""
    require_bigram(model, "heatmap")
    V = model.V
    if V <= max_chars:
        return list(range(V))
    freq = model.N.sum(0) + model.N.sum(1)
    top = freq[1:].topk(max_chars - 1).indices + 1
    return [0, *sorted(top.tolist())]


def counts_heatmap(model: CountsModel, k: float = 0.0, view: str = "counts", highlight_row: int | None = None):
    """The lecture's picture of a bigram model (rows the first character, columns the second; the most frequent
    characters when V > MAX_HEATMAP_CHARS). Cells carry their bigram and value while V ≤ LABEL_CELLS_UP_TO.

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> d = counts_heatmap(m, view="counts")
    >>> d["labels"], d["z"][1], d["cells"][1]
    (['.', 'a', 'e', 'm', 'v'], 1.0, ['.a', '1'])
    """
    ix = shown_indices(model)  # refuses any order but 2: this is the bigram's V×V picture
    sub = torch.tensor(ix)
    title = view_title(view, k)
    if len(ix) < model.V:
        title += f": the {len(ix) - 1} most frequent of {model.V - 1} characters"
    return heatmap(
        view_matrix(model, k, view)[sub][:, sub].double(),
        [model.vocab.itos[i] for i in ix],
        title,
        view=view,
        N=model.N[sub][:, sub],
        P=model.P(k)[sub][:, sub].double(),
        col_title="rows: first character · columns: second character",
        highlight_row=ix.index(highlight_row) if highlight_row in ix else None,
        digits=6,
    )


def row_sums_error(model: CountsModel, k: float) -> float:
    """The lecture's sanity check: the largest deviation of a row sum of P from 1."""
    return float((model.P(k).sum(1) - 1).abs().max())


def counts_readout(
    fit: NLL, V: int, unit: str, row_error: float, split: bool, k: float, dev: float | None = None
) -> dict:
    """The numbers and notes the counts heatmap draws above itself (so they change in the same frame as its
    cells): the loss, the log-likelihood, how many `unit`s, uniform ln V, the sanity checks and the dev NLL."""
    notes = [
        f"Sanity checks: every row of P sums to 1 (largest deviation {row_error:.1e}); "
        "the likelihood is summed exactly in float64"
        + (", on the training split" if split else f" over every {unit} of the word list")
        + "."
    ]
    if dev is not None:
        notes.append(
            f"dev NLL at k = {k:g}: {dev:.4f}"
            if math.isfinite(dev)
            else f"dev NLL is ∞ at k = 0: the dev words contain {unit}s the training words never have; raise k."
        )
    return {
        "stats": [
            ["mean NLL (the loss)", number(fit.mean_nll)],
            ["log-likelihood", number(fit.log_likelihood, ",.2f")],
            [f"{unit}s", f"{fit.examples:,}"],
            [f"uniform baseline ln {V}", f"{math.log(V):.4f}"],
        ],
        "notes": notes,
    }


# --- slices of a table of any order -----------------------------------------------------------------------------


def _slice_rows(s: Slice, order: int) -> dict:
    """What every picture of a slice shares: its rows' contexts, the counts and P behind each cell, and the
    title over its columns."""
    col_title = (
        f"rows: the context ({order - 1} characters) · columns: the next character"
        if order >= 2
        else "the unigram: one distribution, no context"
    )
    return {"row_labels": s.row_labels, "N": s.N, "P": s.P, "col_title": col_title}


def slice_heatmap(
    s: Slice, model: CountsModel, k: float, view: str, highlight_row: int | None = None, title: str | None = None
) -> dict:
    """A slice of the table (`slices.context_slice`): its counts, P or log P, each row labelled with its context."""
    M = {"counts": s.N.double(), "probabilities": s.P, "log-probabilities": s.P.log()}[view]
    where = f"contexts '{s.prefix}' + row" if model.order >= 3 else ("the whole table" if model.order == 2 else "")
    return heatmap(
        M,
        model.vocab.itos,
        title or view_title(view, k) + (f": {where}" if where else ""),
        view=view,
        highlight_row=highlight_row,
        digits=6,
        **_slice_rows(s, model.order),
    )


def sampling_rows(model, P: torch.Tensor, itos, tape: Sequence[int], order: int) -> dict:
    """The table rows around the one the next draw reads, the row highlighted: the whole V×V table for a
    bigram (`P`); for order n ≥ 3 the slice whose rows share the tape's first n−2 characters; the single row of
    a unigram. A net's rows are its softmax(W) for the same contexts."""
    lab = char_labels(itos)
    if order == 2:
        return matrix_heatmap(P, itos, f"the row used: '{lab[tape[-1]]}'", highlight_row=tape[-1])
    prefix = tuple(tape[:-1]) if order >= 3 else ()
    codes = slice_codes(prefix, order, len(itos))
    if order >= 3:
        row_labels = ["".join(lab[i] for i in prefix) + lab[c] for c in range(len(itos))]
        where = f"rows: contexts '{''.join(lab[i] for i in prefix)}' + one character"
    else:
        row_labels, where = ["(no context)"], "the unigram"
    rows = model.log_probs(codes).exp() if hasattr(model, "log_probs") else P
    title = f"the row used: '{''.join(lab[i] for i in tape)}' ({where})"
    return matrix_heatmap(rows, itos, title, highlight_row=tape[-1] if order >= 3 else 0, row_labels=row_labels)


def compare_heatmaps(
    P: torch.Tensor, Q: torch.Tensor, itos, k: float, order: int, q_name: str, row_labels: Sequence[str] | None = None
) -> tuple[dict, dict, dict]:
    """The Compare page's three pictures: the counts model's P, the net's probabilities Q for the same rows (called
    `q_name`, the model's own `probs_title()`), and Q − P (the word-start slice at orders other than 2, its
    contexts in `row_labels`)."""
    at = "" if order == 2 else f": {word_start_name(order, itos)}"
    q_title = "softmax(W) (neural)" if order == 2 else q_name
    return (
        matrix_heatmap(P, itos, f"P (counts, k={k:g}){at}", row_labels=row_labels),
        matrix_heatmap(Q, itos, f"{q_title}{at}", row_labels=row_labels),
        matrix_heatmap(
            Q - P,
            itos,
            "difference softmax(W) − P" if order == 2 else f"difference net − P{at}",
            diverging=True,
            row_labels=row_labels,
        ),
    )


def two_lists_heatmaps(sa: Slice, sb: Slice, model_a: CountsModel, model_b: CountsModel, k: float):
    """The Two lists page's pictures: P of each list (the same slice of each table) and log(P of B / P of A),
    diverging around 0 (a cell both lists never have is 0: no difference)."""
    ratio = (sb.P.log() - sa.P.log()).nan_to_num(nan=0.0)
    return (
        slice_heatmap(sa, model_a, k, "probabilities", title="P of A"),
        slice_heatmap(sb, model_b, k, "probabilities", title="P of B"),
        heatmap(
            ratio,
            model_a.vocab.itos,
            "log(P of B / P of A): red likelier in B, blue in A",
            diverging=True,
            **_slice_rows(sa, model_a.order),
        ),
    )
