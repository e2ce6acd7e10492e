"""What of a model's table a V×V picture can show, at any order: a slice of its rows, the contexts that start a
word, a context a person typed. Plain tensors and strings, no Streamlit.

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

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from ..models.counts import CountsModel, smoothed_probs
from ..windows import context_labels, encode_context


class ContextError(ValueError):
    """A typed context this model cannot use (wrong length, unknown characters); the message says why."""


@dataclass(frozen=True)
class Slice:
    prefix: str  # the fixed first n−2 context characters ("" for n ≤ 2)
    row_labels: list[str]  # the context of each row (prefix + one character)
    N: torch.Tensor  # (rows, V) counts
    P: torch.Tensor  # (rows, V) float64 probabilities with add-k
    seen: torch.Tensor  # (rows,) bool: the context occurs in training


def require_bigram(model: CountsModel, what: str) -> None:
    """The V×V pictures (and the lecture tour) are a bigram's: any other order is refused with a sentence, never
    drawn mislabelled."""
    if model.order != 2:
        rows = model.N.shape[0]
        raise ValueError(f"the {what} needs a bigram model's V×V table, not order {model.order} ({rows:,} rows)")


def slice_codes(prefix: Sequence[int], order: int, V: int) -> torch.Tensor:
    """(R,) int64 codes of the contexts `prefix` + c for every token c, the rows a slice shows (`prefix`: the
    first n−2 context tokens); one code, the empty context, for the unigram.

    >>> slice_codes([1], order=3, V=3).tolist(), slice_codes([], order=2, V=3).tolist(), slice_codes([], 1, 3).tolist()
    ([3, 4, 5], [0, 1, 2], [0])
    """
    if order == 1:
        return torch.zeros(1, dtype=torch.int64)
    return encode_context([*prefix, 0], order, V) + torch.arange(V, dtype=torch.int64)


def word_start_name(order: int, itos: Sequence[str]) -> str:
    """What the word-start slice is, in a title: "contexts '..' + row" (the unigram: its one row).

    >>> word_start_name(4, [".", "a"]), word_start_name(1, [".", "a"])
    ("contexts '..' + row", "the unigram's one row")
    """
    return "the unigram's one row" if order == 1 else f"contexts '{itos[0] * (order - 2)}' + row"


def typed_tokens(model: CountsModel, text: str) -> list[int]:
    """Typed characters as tokens: '.' (or the list's own boundary symbol) is the boundary."""
    b, stoi = model.vocab.boundary, model.vocab.stoi
    out = []
    for ch in text:
        if ch not in (".", b) and ch not in stoi:
            raise ContextError(f"{ch!r} is not a character of this word list")
        out.append(0 if ch in (".", b) else stoi[ch])
    return out


def parse_prefix(model: CountsModel, text: str) -> list[int]:
    """The prefix a person typed, as tokens ('.' or the boundary is the boundary); exactly n−2 characters."""
    want = max(model.order - 2, 0)
    if len(text) != want:
        raise ContextError(f"an order-{model.order} slice fixes {want} character(s) before the row's; got {len(text)}")
    return typed_tokens(model, text)


def context_slice(model: CountsModel, prefix: str = "", k: float = 0.0) -> Slice:
    """The rows of the table whose context is `prefix` + c, for every character c (one row for a unigram)."""
    codes = slice_codes(parse_prefix(model, prefix), model.order, model.V)
    rows = model.table.rows_of(codes) if model.order > 1 else codes
    row_labels = context_labels(codes, model.order, model.vocab.itos) if model.order > 1 else ["(no context)"]
    N = model.N[rows]
    return Slice(prefix, row_labels, N, smoothed_probs(N, k), N.sum(1) > 0)
