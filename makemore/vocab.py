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
    _codepoints_sorted: np.ndarray = field(init=False, repr=False, compare=False)
    _sorted_to_index: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.boundary in self.chars:
            raise VocabError(f"the boundary token {self.boundary!r} is also a character of the data")
        stoi = {s: i + 1 for i, s in enumerate(self.chars)}
        stoi[self.boundary] = 0
        object.__setattr__(self, "_stoi", stoi)
        # Sorted code points of itos and where each sits in itos: the lookup table of `examples`.
        codepoints = np.array([ord(c) for c in self.itos], dtype=np.uint32)
        order = np.argsort(codepoints, kind="stable")
        object.__setattr__(self, "_codepoints_sorted", codepoints[order])
        object.__setattr__(self, "_sorted_to_index", order)

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

    def examples(self, words: Sequence[str], context: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
        """Every training example of `words`: xs (the context) and ys (the next character), as int64 tensors.

        For context=1 these are the lecture's bigrams: `.emma.` gives (.,e) (e,m) (m,m) (m,a) (a,.).
        For context=n, xs is (num, n), each row the n previous characters padded with boundaries (E01's trigram
        for n=2). Vectorised: the words are joined into one string and mapped to indices with a sorted lookup.
        """
        for w in words:
            if not w:
                raise VocabError("a word list cannot contain the empty word")
        if not words:
            empty = torch.zeros(0, dtype=torch.int64)
            return (empty if context == 1 else empty.view(0, context)), empty
        b = self.boundary
        sep = b * context
        text = sep + sep.join(words) + b
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        ix = np.searchsorted(self._codepoints_sorted, codes)
        ix = np.minimum(ix, len(self._codepoints_sorted) - 1)
        boundaries = len(words) * context + 1  # the ones we put in; any more came from inside a word
        if not np.array_equal(self._codepoints_sorted[ix], codes) or text.count(b) != boundaries:
            bad = next(w for w in words if self.unknown(w))
            self.encode(bad)  # raises with the word and its characters named
        seq = torch.from_numpy(self._sorted_to_index[ix].astype(np.int64))
        # Windows of `context` characters, each followed by its target.
        windows = seq.unfold(0, context + 1, 1)  # (len-context, context+1)
        xs, ys = windows[:, :context], windows[:, context]
        if context > 1:
            # Joining with `context` boundaries creates windows that run from one word's end into the padding
            # (e.g. "a." -> "." for a trigram); a real example never predicts the end right after a boundary.
            keep = ~((xs[:, -1] == 0) & (ys == 0))
            xs, ys = xs[keep], ys[keep]
        else:
            xs = xs[:, 0]
        return xs.contiguous(), ys.contiguous()
