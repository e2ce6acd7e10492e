"""CSV downloads a spreadsheet opens as data, never as formulas (issue 17): labels typed by a person that start like
a formula get a leading `'`; numbers and every other cell stay exactly as they were."""

from __future__ import annotations

import csv
import io

import pytest
import torch

from makemore import CountsModel, Vocab
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
