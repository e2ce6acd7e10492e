"""Examples of any order: every (context, next token) pair a model of order n is trained or scored on.

Two conventions, both exact:

- `word` (makemore's `block_size`): each word gets n−1 boundary tokens before it and one after; every character
  and every word's end is predicted, so the number of predictions is the same for every n (228,146 on the
  lecture's names). n = 2 gives the lecture's bigrams.
- `stream` (ngram.py): the file as one sequence, each word followed by the boundary; windows of n tokens slide
  across word ends with no padding at the start, so the first n−1 tokens are never predicted.

The token sequence is held once; contexts are read from it by position, so no (num, n−1) matrix is built unless a
net asks for one.

    >>> from makemore.vocab import Vocab
    >>> v = Vocab.from_words(["ab", "b"])
    >>> ex = make_examples(["ab", "b"], v, order=3)
    >>> [v.decode(x) + ">" + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist())]
    ['..>a', '.a>b', 'ab>.', '..>b', '.b>.']
    >>> ex = make_examples(["ab", "b"], v, order=3, windows="stream")
    >>> [v.decode(x) + ">" + v.itos[y] for x, y in zip(ex.X.tolist(), ex.Y.tolist())]
    ['ab>.', 'b.>b', '.b>.']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from .config import WINDOWS as _WINDOWS
from .config import check_choice, check_order
from .vocab import Vocab, VocabError

MAX_CODE = 2**62  # contexts are numbered as base-V integers; V^(n−1) must stay below this


class OrderError(ValueError):
    """An order this vocabulary cannot number or hold; the message says which order would work."""


def check_fits(order: int, V: int) -> None:
    """Raise OrderError if contexts of order n over V tokens cannot be numbered in 64 bits.

    >>> check_fits(10, 27)
    >>> check_fits(10, 200)
    Traceback (most recent call last):
    ...
    makemore.windows.OrderError: order 10 over 200 tokens has 200^9 possible contexts, more than 64-bit codes can number; choose order 9 or lower
    """
    check_order(order)
    if V ** (order - 1) >= MAX_CODE:
        best = max(n for n in range(1, order) if V ** (n - 1) < MAX_CODE)
        raise OrderError(
            f"order {order} over {V} tokens has {V}^{order - 1} possible contexts, more than 64-bit codes can "
            f"number; choose order {best} or lower"
        )


@dataclass(frozen=True)
class Groups:
    """The examples grouped by context: what every likelihood needs.

    `codes[c]` is the c-th distinct context (base-V code, ascending) and `contexts[c]` its tokens; the examples
    fall into cells (row `rows[i]` of those contexts, next token `ys[i]`), each seen `counts[i]` times.
    """

    codes: torch.Tensor  # (C,) int64
    contexts: torch.Tensor  # (C, n−1) int64
    rows: torch.Tensor  # (cells,) int64 index into codes
    ys: torch.Tensor  # (cells,) int64
    counts: torch.Tensor  # (cells,) int64


@dataclass(frozen=True)
class Examples:
    """The predictions of order `order` in a token sequence: targets at `pos`, contexts the n−1 tokens before."""

    seq: torch.Tensor  # (L,) int64 tokens, boundary = 0
    pos: torch.Tensor  # (num,) int64 positions of the targets in seq
    order: int
    windows: str
    V: int
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def num(self) -> int:
        return int(self.pos.shape[0])

    def __len__(self) -> int:
        return self.num

    @property
    def Y(self) -> torch.Tensor:
        """(num,) the token each example predicts."""
        return self._cached("Y", lambda: self.seq[self.pos])

    @property
    def X(self) -> torch.Tensor:
        """(num, n−1) the context tokens, oldest first. Built on first use: (num × (n−1)) int64."""

        def build():
            if self.order == 1:
                return torch.zeros((self.num, 0), dtype=torch.int64)
            offsets = torch.arange(-(self.order - 1), 0, dtype=torch.int64)
            return self.seq[self.pos[:, None] + offsets]

        return self._cached("X", build)

    @property
    def codes(self) -> torch.Tensor:
        """(num,) each context as a base-V integer (oldest token most significant): the row of a dense table."""

        def build():
            code = torch.zeros(self.num, dtype=torch.int64)
            for back in range(self.order - 1, 0, -1):  # a loop over context positions, not over examples
                code = code * self.V + self.seq[self.pos - back]
            return code

        return self._cached("codes", build)

    def groups(self) -> Groups:
        """Distinct contexts and the (context, next) cells with their counts; computed once."""

        def build():
            codes, inverse = torch.unique(self.codes, sorted=True, return_inverse=True)
            cells = inverse * self.V + self.Y
            if codes.numel() * self.V <= 2**25:  # a bincount over every cell is cheapest while it is small
                counts = torch.bincount(cells, minlength=codes.numel() * self.V)
                where = counts.nonzero().squeeze(1)
                counts = counts[where]
            else:
                where, counts = torch.unique(cells, sorted=True, return_counts=True)
            return Groups(codes, decode_codes(codes, self.order, self.V), where // self.V, where % self.V, counts)

        return self._cached("groups", build)

    def _cached(self, name, build):
        value = self._cache.get(name)
        if value is None:  # a local, not a re-read: examples are shared between sessions' threads
            value = self._cache[name] = build()
        return value


def decode_codes(codes: torch.Tensor, order: int, V: int) -> torch.Tensor:
    """(C,) base-V codes back to (C, n−1) tokens, oldest first.

    >>> decode_codes(torch.tensor([0, 29]), order=3, V=27).tolist()
    [[0, 0], [1, 2]]
    """
    out = torch.empty((codes.numel(), order - 1), dtype=torch.int64)
    rest = codes.clone()
    for i in range(order - 2, -1, -1):
        out[:, i] = rest % V
        rest = rest // V
    return out


def encode_context(tokens: Sequence[int], order: int, V: int) -> int:
    """The code of the last n−1 tokens (fewer tokens are padded on the left with the boundary, 0).

    >>> encode_context([0, 5, 3], order=2, V=27), encode_context([0, 5, 3], order=3, V=27), encode_context([3], 3, 27)
    (3, 138, 3)
    """
    code = 0
    if order > 1:
        for t in list(tokens)[-(order - 1) :]:
            code = code * V + int(t)
    return code


def token_sequence(words: Sequence[str], vocab: Vocab, pad: int) -> torch.Tensor:
    """`pad` boundaries before every word and one after, as one int64 tensor (validated by `vocab`)."""
    b = vocab.boundary
    text = b * pad + (b + b * pad).join(words) + b if words else ""
    return torch.from_numpy(vocab.encode_text(text, words, boundaries=len(words) * (pad + 1)))


def make_examples(words: Sequence[str], vocab: Vocab, order: int = 2, windows: str = "word") -> Examples:
    """Every prediction a model of order `order` makes on `words`, in the `windows` convention."""
    check_order(order)
    check_choice("windows", windows, _WINDOWS)
    check_fits(order, vocab.size)
    if "" in words:  # one C-level scan; an empty word would read as padding
        raise VocabError("a word list cannot contain the empty word")
    if windows == "word":
        seq = token_sequence(words, vocab, pad=order - 1)
        # Targets are every token but the padding: a boundary is padding when it follows a boundary (or opens
        # the sequence), since words are never empty and never contain the boundary.
        prev = torch.cat([torch.zeros(1, dtype=torch.int64), seq[:-1]]) if seq.numel() else seq
        pos = ((seq != 0) | (prev != 0)).nonzero().squeeze(1) if order > 1 else torch.arange(seq.numel())
    else:
        seq = token_sequence(words, vocab, pad=0)
        pos = torch.arange(order - 1, max(seq.numel(), order - 1), dtype=torch.int64)
    return Examples(seq=seq, pos=pos, order=order, windows=windows, V=vocab.size)
