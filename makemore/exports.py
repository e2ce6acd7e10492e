"""Files a person can take away: the count matrix and P (CSV), any model's tensors (W or N: NumPy .npy, or a .pt
of plain tensors), the loss history (CSV) and samples (text). Plain formats only: nothing here is a pickle of objects, so anyone can
open them without trusting us (NumPy reads the .npy with `allow_pickle` off; torch reads the .pt with
`weights_only=True`).

A label that a spreadsheet would run as a formula (a context such as `=1+` at order 4) is written with a leading
`'`, which spreadsheets read as "this is text"; numbers and every other cell are written exactly.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["ab"], Vocab.from_words(["ab"]))
    >>> print(matrix_csv(m.N, m.vocab.itos))
    ,.,a,b
    .,0,1,0
    a,0,0,1
    b,1,0,0
    <BLANKLINE>
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

import numpy as np
import torch

# CSV injection: a spreadsheet opening the file runs a cell that starts with one of these as a formula (`=1+2`,
# `@SUM(...)`, `+`/`-` too, and a leading tab or carriage return can hide one). Labels come from the words a
# person uploads, so any of them may start that way; a leading `'` (the usual defence) makes the cell plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(label: str) -> str:
    """A text cell as a spreadsheet shows it and never runs it: a formula-like start gets a leading `'`.

    >>> text_cell("=1+"), text_cell("-a"), text_cell("emm")
    ("'=1+", "'-a", 'emm')
    """
    return "'" + label if label.startswith(_FORMULA_STARTS) else label


def matrix_csv(
    M: torch.Tensor, itos: Sequence[str], digits: int | None = None, row_labels: Sequence[str] | None = None
) -> str:
    """A matrix with its row labels (the characters, or the contexts of a slice) and column labels (the
    characters), as CSV text; integers stay integers. Every label goes through `text_cell`.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["-a"], Vocab.from_words(["-a"]))
    >>> print(matrix_csv(m.N, m.vocab.itos))
    ,.,'-,a
    .,0,1,0
    '-,0,0,1
    a,1,0,0
    <BLANKLINE>
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["", *map(text_cell, itos)])
    integer = not torch.is_floating_point(M)
    for label, row in zip(row_labels or itos, M.tolist(), strict=True):
        w.writerow([text_cell(label), *(v if integer or digits is None else f"{v:.{digits}g}" for v in row)])
    return out.getvalue()


def weights_npy(W: torch.Tensor) -> bytes:
    """One tensor (a net's W, a counts model's N) as a NumPy .npy file (its dtype, no pickle)."""
    buf = io.BytesIO()
    np.save(buf, W.detach().cpu().numpy(), allow_pickle=False)
    return buf.getvalue()


def weights_pt(tensors: Mapping[str, torch.Tensor], itos: Sequence[str], step: int) -> bytes:
    """A .pt of plain tensors and lists, readable with torch's `weights_only=True`: a model's tensors by name
    (`model.tensors()`: a net's W, the counts model's N), itos and the step."""
    buf = io.BytesIO()
    torch.save(
        {**{name: t.detach().clone() for name, t in tensors.items()}, "itos": list(itos), "step": int(step)}, buf
    )
    return buf.getvalue()


def history_csv(history) -> str:
    """One row per step: step, loss, data NLL, dev NLL (if any), lr, λ."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    has_dev = bool(history.dev_nll)
    w.writerow(["step", "loss", "nll", *(["dev_nll"] if has_dev else []), "lr", "lam"])
    for i in range(len(history)):
        dev = [history.dev_nll[i]] if has_dev else []
        w.writerow([i + 1, history.loss[i], history.nll[i], *dev, history.lr[i], history.lam[i]])
    return out.getvalue()


def samples_txt(words: Sequence[str]) -> str:
    """One word per line: a word list the app (or makemore) can read back."""
    return "".join(f"{w}\n" for w in words)
