"""Downloads (makemore/exports.py): plain files (.npy, .pt of plain tensors, CSV, text) that read back as written,
and CSV a spreadsheet opens as data, never as formulas: labels typed by a person that start like a formula get a
leading `'`; numbers and every other cell stay exactly as they were."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
import torch

from makemore import CountsModel, FullNet, Trainer, Vocab, exports
from makemore.exports import matrix_csv, text_cell
from makemore.views.slices import context_slice

# Words whose characters (and so the contexts at order >= 3) start like formulas: = + - @ and a tab inside a word.
WORDS = ["=1+2", "+cmd", "@sum", "-x", "a\tb", "ab"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def plain_csv(M: torch.Tensor, itos, row_labels, digits=None) -> str:
    """What matrix_csv wrote before labels were made safe: the reference for "otherwise exact"."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["", *itos])
    integer = not torch.is_floating_point(M)
    for label, row in zip(row_labels, M.tolist(), strict=True):
        w.writerow([label, *(v if integer or digits is None else f"{v:.{digits}g}" for v in row)])
    return out.getvalue()


@pytest.mark.parametrize("label", ["=1+2", "+a", "-a", "@a", "\tx", "\rx", "=", "-"])
def test_a_formula_like_label_gets_a_quote(label):
    assert text_cell(label) == "'" + label


@pytest.mark.parametrize("label", ["emma", ".", "a=b", "'=x", "", "1", " =x"])
def test_other_labels_are_unchanged(label):
    assert text_cell(label) == label


@pytest.mark.parametrize("digits", [None, 17])
def test_order_3_context_labels_are_safe_and_the_rest_exact(digits):
    vocab = Vocab.from_words(WORDS)
    m = CountsModel.from_words(WORDS, vocab, order=3)
    for prefix in ("=", "+", "@", "-", "\t", "a"):
        sl = context_slice(m, prefix, k=1.0)
        M = sl.N if digits is None else sl.P
        got = matrix_csv(M, vocab.itos, digits=digits, row_labels=sl.row_labels)
        table = rows(got)
        labels = table[0][1:] + [r[0] for r in table[1:]]
        assert not any(cell.startswith(FORMULA_STARTS) for cell in labels), prefix
        want = rows(plain_csv(M, vocab.itos, sl.row_labels, digits))
        assert [r[1:] for r in table[1:]] == [r[1:] for r in want[1:]]  # the numbers: untouched
        assert table[0] == [text_cell(c) for c in want[0]]  # the header: only the formula-like cells change
        assert [r[0] for r in table[1:]] == [text_cell(r[0]) for r in want[1:]]


def test_a_bigram_table_without_such_characters_is_byte_for_byte_as_before(small_model):
    itos = small_model.vocab.itos
    assert matrix_csv(small_model.N, itos) == plain_csv(small_model.N, itos, itos)
    P = small_model.P(1.0)
    assert matrix_csv(P, itos, digits=17) == plain_csv(P, itos, itos, digits=17)


def test_exports_are_plain_files(names_model, tmp_path):
    t = Trainer(FullNet(names_model))
    t.step(3)
    W = t.model.W
    (tmp_path / "W.npy").write_bytes(exports.weights_npy(W))
    assert np.array_equal(np.load(tmp_path / "W.npy", allow_pickle=False), W.numpy())
    (tmp_path / "W.pt").write_bytes(exports.weights_pt(t.model.parameters(), names_model.vocab.itos, t.steps))
    d = torch.load(tmp_path / "W.pt", weights_only=True)
    assert torch.equal(d["W"], W) and d["itos"][:3] == [".", "a", "b"] and d["step"] == 3
    rows = exports.history_csv(t.history).splitlines()
    assert rows[0] == "step,loss,nll,lr,lam" and len(rows) == 4
    assert [float(x) for x in rows[1].split(",")] == [1, t.history.loss[0], t.history.nll[0], 50.0, 0.01]
    csv_rows = exports.matrix_csv(names_model.N, names_model.vocab.itos).splitlines()
    assert csv_rows[0].startswith(",.,a,b") and len(csv_rows) == 28
    assert exports.samples_txt(["mor", "axx"]) == "mor\naxx\n"
