"""The vocabulary: characters <-> integers, with one boundary token at index 0.

Mirrors step 3 of the lecture: `stoi = {s: i+1 for i, s in enumerate(chars)}; stoi['.'] = 0`. The boundary token
marks both the start and the end of a word. If the data itself contains `.`, the boundary token takes another
symbol (see `BOUNDARY_CANDIDATES`) and `Vocab.boundary` says which.

    >>> v = Vocab.from_words(["emma", "ava"])
    >>> v.itos
    ['.', 'a', 'e', 'm', 'v']
    >>> v.encode("emma")
    [2, 3, 3, 1]
    >>> xs, ys = v.examples(["emma"])
    >>> xs.tolist(), ys.tolist()
    ([0, 2, 3, 3, 1], [2, 3, 3, 1, 0])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

# The lecture's `.` first; the rest are used only when the data already contains the ones before them.
BOUNDARY_CANDIDATES = (".", "·", "¶", "#", "~", "^", "|", "_", "$", "␃")
# Upper bound on distinct characters (the boundary excluded): V² cells must stay drawable and trainable.
MAX_CHARS = 1000


class VocabError(ValueError):
    """A word cannot be encoded with this vocabulary (e.g. it has a character the data never had)."""


@dataclass(frozen=True)
class Vocab:
    """Sorted characters of the data plus the boundary token at index 0.

    `chars` excludes the boundary; `itos[0]` is the boundary and `itos[i]` for i ≥ 1 is `chars[i-1]`.
    """

    chars: tuple[str, ...]
    boundary: str = "."
    _stoi: dict[str, int] = field(init=False, repr=False, compare=False)
    _lut: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.boundary in self.chars:
            raise VocabError(f"the boundary token {self.boundary!r} is also a character of the data")
        stoi = {s: i + 1 for i, s in enumerate(self.chars)}
        stoi[self.boundary] = 0
        object.__setattr__(self, "_stoi", stoi)
        codepoints = np.array([ord(c) for c in self.itos], dtype=np.int64)
        # Index of every code point up to the largest in the vocabulary (-1: not in it): one gather encodes text.
        lut = np.full(int(codepoints.max()) + 1, -1, dtype=np.int32)
        lut[codepoints] = np.arange(len(codepoints), dtype=np.int32)
        object.__setattr__(self, "_lut", lut)

    @classmethod
    def from_words(cls, words: Sequence[str]) -> Vocab:
        """The vocabulary of a word list: its sorted distinct characters and a boundary not among them."""
        chars = tuple(sorted(set("".join(words))))  # one C-level pass over all the text
        boundary = next((b for b in BOUNDARY_CANDIDATES if b not in chars), None)
        if boundary is None:  # all ten candidates are letters of this data: take a private-use code point
            boundary = next(chr(c) for c in range(0xE000, 0xF8FF) if chr(c) not in chars)
        return cls(chars=chars, boundary=boundary)

    # --- the lecture's names -------------------------------------------------------------------------------

    @property
    def itos(self) -> list[str]:
        return [self.boundary, *self.chars]

    @property
    def stoi(self) -> dict[str, int]:
        return dict(self._stoi)

    @property
    def size(self) -> int:
        """V: the number of characters plus the boundary token (27 for the lecture's names)."""
        return len(self.chars) + 1

    def __len__(self) -> int:
        return self.size

    # --- encoding ------------------------------------------------------------------------------------------

    def unknown(self, word: str) -> list[str]:
        """The characters of `word` this vocabulary lacks, in order of first appearance."""
        return list(dict.fromkeys(c for c in word if c not in self._stoi or c == self.boundary))

    def encode(self, word: str) -> list[int]:
        """Indices of a word's characters (no boundary tokens added). Raises VocabError on unknown ones."""
        missing = self.unknown(word)
        if missing:
            if missing == [self.boundary]:
                raise VocabError(f"{word!r} contains {self.boundary!r}, the boundary token that marks a word's ends")
            shown = ", ".join(repr(c) for c in missing[:5])
            raise VocabError(f"{word!r} has characters this word list never uses: {shown}")
        return [self._stoi[c] for c in word]

    def decode(self, ix: Sequence[int]) -> str:
        itos = self.itos
        return "".join(itos[i] for i in ix)

    def encode_text(self, text: str, words: Sequence[str], boundaries: int) -> np.ndarray:
        """`text` (words joined by boundary tokens) as int64 indices, by one table lookup over its code points.

        `boundaries` is how many boundary tokens the caller put in; more means a word contains the boundary.
        On any character outside the vocabulary the first offending word of `words` is named.
        """
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        if codes.size == 0:
            return np.zeros(0, dtype=np.int64)
        lut = self._lut
        hi = int(codes.max())
        ix = lut[codes] if hi < lut.size else np.where(codes < lut.size, lut[np.minimum(codes, lut.size - 1)], -1)
        if (ix < 0).any() or text.count(self.boundary) != boundaries:
            bad = next(w for w in words if self.unknown(w))
            self.encode(bad)  # raises with the word and its characters named
        return ix.astype(np.int64)

    def examples(self, words: Sequence[str], context: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
        """The lecture's training examples xs (the context) and ys (the next character), as int64 tensors.

        For context=1 these are the bigrams: `.emma.` gives (.,e) (e,m) (m,m) (m,a) (a,.). For context=c, xs is
        (num, c), the `word` windows of `makemore.windows.make_examples` for order c+1 (E01's trigram for c=2).
        """
        from .windows import make_examples  # windows builds on Vocab

        for w in words:
            if not w:
                raise VocabError("a word list cannot contain the empty word")
        ex = make_examples(words, self, order=context + 1)
        xs = ex.X[:, 0] if context == 1 else ex.X
        return xs.contiguous(), ex.Y.contiguous()
