"""What the pages show of a model of any order: a V×V slice of its table, the contexts it has seen most, and a
context typed by a person. Pure functions (no Streamlit), tested without a server.

For n = 2 the slice is the lecture's whole V×V table. For n ≥ 3 a table has V^(n−1) possible rows, too many to
draw; a slice fixes the first n−2 context characters (the `prefix`) and shows one row per last context character:
"after 'e' + row, the next character is column". For n = 1 there is one row, the unigram.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
    >>> s = context_slice(m, "e")
    >>> s.row_labels[:3], int(s.N[3].sum())  # after "em": one m
    (['e.', 'ea', 'ee'], 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import torch

from .figures_live import CELL_TEXT, labels, matrix_values
from .models.counts import CountsModel, smoothed_probs
from .windows import decode_codes, encode_context


class ContextError(ValueError):
    """A typed context this model cannot use (wrong length, unknown characters); the message says why."""


@dataclass(frozen=True)
class Slice:
    prefix: str  # the fixed first n−2 context characters ("" for n ≤ 2)
    row_labels: list[str]  # the context of each row (prefix + one character)
    N: torch.Tensor  # (rows, V) counts
    P: torch.Tensor  # (rows, V) float64 probabilities with add-k
    seen: torch.Tensor  # (rows,) bool: the context occurs in training


def parse_prefix(model: CountsModel, text: str) -> list[int]:
    """The prefix a person typed, as tokens ('.' or the boundary is the boundary); exactly n−2 characters."""
    want = max(model.order - 2, 0)
    if len(text) != want:
        raise ContextError(f"an order-{model.order} slice fixes {want} character(s) before the row's; got {len(text)}")
    return _tokens(model, text)


def _tokens(model: CountsModel, text: str) -> list[int]:
    """Typed characters as tokens: '.' (or the list's own boundary symbol) is the boundary."""
    b, stoi = model.vocab.boundary, model.vocab.stoi
    out = []
    for ch in text:
        if ch not in (".", b) and ch not in stoi:
            raise ContextError(f"{ch!r} is not a character of this word list")
        out.append(0 if ch in (".", b) else stoi[ch])
    return out


def context_slice(model: CountsModel, prefix: str = "", k: float = 0.0) -> Slice:
    """The rows of the table whose context is `prefix` + c, for every character c (one row for a unigram)."""
    V = model.V
    toks = parse_prefix(model, prefix)
    itos = model.vocab.itos
    if model.order == 1:
        rows, row_labels = torch.tensor([0]), ["(no context)"]
    else:
        codes = torch.tensor([encode_context([*toks, c], model.order, V) for c in range(V)])
        rows = model.table.rows_of(codes)
        row_labels = ["".join(itos[t] for t in toks) + itos[c] for c in range(V)]
    N = model.N[rows]
    return Slice(prefix, row_labels, N, smoothed_probs(N, k), N.sum(1) > 0)


def slice_payload(s: Slice, model: CountsModel, k: float, view: str, highlight_row: int | None = None) -> dict:
    """A slice for the heatmap component (the format of `figures_live.heatmap_payload`)."""
    lab = labels(model.vocab.itos)
    M = {"counts": s.N.double(), "probabilities": s.P, "log-probabilities": s.P.log()}[view]
    rows, V = M.shape
    cells = None
    if rows * V <= 40 * 40:
        show = CELL_TEXT.get(view, lambda v: f"{v:.1f}")
        raw = M.flatten().tolist()
        rl = labels(s.row_labels)
        cells = [[rl[c // V] + lab[c % V], show(raw[c]) if math.isfinite(raw[c]) else "-∞"] for c in range(rows * V)]
    what = "N" if view == "counts" else f"P with k={k:g}"
    where = f"contexts '{s.prefix}' + row" if model.order >= 3 else ("the whole table" if model.order == 2 else "")
    return {
        "labels": lab,
        "row_labels": labels(s.row_labels),
        "z": matrix_values(M, digits=6),
        "cells": cells,
        "N": [int(v) for v in s.N.flatten().tolist()],
        "P": s.P.flatten().tolist(),
        "title": f"{view} ({what})" + (f": {where}" if where else ""),
        "col_title": f"rows: the context ({model.order - 1} characters) · columns: the next character"
        if model.order >= 2
        else "the unigram: one distribution, no context",
        "highlight_row": highlight_row,
        "diverging": False,
    }


def top_contexts(model: CountsModel, n: int = 15) -> pd.DataFrame:
    """The contexts seen most often in training: how often, how many different next characters, the likeliest."""
    N = model.N
    totals = N.sum(1)
    order = torch.argsort(totals, descending=True, stable=True)[:n]
    ctx = decode_codes(model.table.codes.clamp(min=0)[order], model.order, model.V).tolist()
    itos = model.vocab.itos
    rows = []
    for r, c in zip(order.tolist(), ctx, strict=True):
        t = int(totals[r])
        if t == 0:
            break
        top = int(N[r].argmax())
        rows.append(
            {
                "context": "".join(itos[i] for i in c) or "(none)",
                "seen": t,
                "different next": int((N[r] > 0).sum()),
                "likeliest next": itos[top],
                "its share": float(N[r, top]) / t,
            }
        )
    return pd.DataFrame(rows)


def context_row(model: CountsModel, text: str, k: float) -> dict:
    """A context a person typed (its last n−1 characters count; fewer are padded with boundaries, as a word's
    start is): its count, how many times each next character followed it, and P."""
    toks = _tokens(model, text)
    need = model.order - 1
    used = ([0] * max(need - len(toks), 0) + toks)[-need:] if need else []
    row = model.table.row_of(used)
    counts = model.N[row]
    P = smoothed_probs(counts[None, :], k)[0]
    itos = model.vocab.itos
    return {
        "context": "".join(itos[t] for t in used),
        "seen": int(counts.sum()),
        "table": pd.DataFrame(
            [{"next": itos[i], "count": int(counts[i]), "P": float(P[i])} for i in range(model.V)]
        ).sort_values("P", ascending=False, kind="stable"),
    }


def used_tokens(tokens: Sequence[int], order: int) -> list[int]:
    """The last n−1 tokens of a tape (what a model of order n reads)."""
    return list(tokens)[-(order - 1) :] if order > 1 else []
