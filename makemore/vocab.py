"""The vocabulary: characters <-> integers, with one boundary token at index 0.

Mirrors step 3 of the lecture: `stoi = {s: i+1 for i, s in enumerate(chars)}; stoi['.'] = 0`. The boundary token
marks both the start and the end of a word. If the data itself contains `.`, the boundary token takes another
symbol (see `BOUNDARY_CANDIDATES`) and `Vocab.boundary` says which.

    >>> v = Vocab.from_words(["emma", "ava"])
    >>> v.itos
    ['.', 'a', 'e', 'm', 'v']
    >>> v.encode("emma")
    [2, 3, 3, 1]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

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
    _ascii_table: bytes | None = field(init=False, repr=False, compare=False)

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
        # The same map as a `bytes.translate` table for ASCII text (255: not in the vocabulary), while indices fit a
        # byte: `translate` is the fastest C loop over the text there is.
        table = None
        if self.size < 255:
            ascii_lut = np.full(128, 255, dtype=np.uint8)
            ascii_lut[: min(lut.size, 128)] = np.where(lut[:128] < 0, 255, lut[:128])
            table = ascii_lut.tobytes() + bytes([255]) * 128
        object.__setattr__(self, "_ascii_table", table)

    @classmethod
    def from_words(cls, words: Sequence[str]) -> Vocab:
        """The vocabulary of a word list: its sorted distinct characters and a boundary not among them."""
        return cls.from_chars(distinct_chars("".join(words)))

    @classmethod
    def from_chars(cls, chars: Iterable[str]) -> Vocab:
        """The vocabulary of these distinct characters (e.g. a word list's, counted while loading)."""
        chars = tuple(sorted(chars))
        if len(chars) > MAX_CHARS:  # the union of several lists too: every table a page builds is V×V or more
            raise VocabError(
                f"the words use {len(chars):,} distinct characters together; the models support at most {MAX_CHARS:,}"
            )
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

    @property
    def dtype(self) -> np.dtype:
        """The integer type token sequences of this vocabulary are held in: one byte while indices fit one."""
        return np.dtype(np.uint8 if self.size <= 256 else np.int32)

    def encode_text(self, text: str, words: Sequence[str], boundaries: int) -> np.ndarray:
        """`text` (words joined by boundary tokens) as indices in `self.dtype`, by one table lookup per character.

        `boundaries` is how many boundary tokens the caller put in; more means a word contains the boundary.
        On any character outside the vocabulary the first offending word of `words` is named.
        """
        if self._ascii_table is not None and text.isascii():
            return self._translate(text.encode("ascii"), self._ascii_table, words, boundaries)
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        lut = self._lut
        hi = int(codes.max()) if codes.size else 0
        ix = lut[codes] if hi < lut.size else np.where(codes < lut.size, lut[np.minimum(codes, lut.size - 1)], -1)
        self._check(ix, bool((ix < 0).any()), words, boundaries)
        return ix.astype(self.dtype)

    def encode_lines(self, data: bytes, words: Sequence[str], boundaries: int) -> np.ndarray | None:
        """ASCII `data` holding the words each followed by "\\n", encoded with every "\\n" read as the boundary:
        `encode_text` of the words joined by boundaries, without joining them. None when this vocabulary cannot
        read it so (more than 255 tokens, or "\\n" among its characters): then join and call `encode_text`."""
        if self._ascii_table is None or "\n" in self._stoi:
            return None
        table = bytearray(self._ascii_table)
        table[ord("\n")] = 0
        return self._translate(data, bytes(table), words, boundaries)

    def _translate(self, data: bytes, table: bytes, words: Sequence[str], boundaries: int) -> np.ndarray:
        """ASCII bytes through a `bytes.translate` table (255: unknown), checked; a bytearray, so that torch can
        share its memory."""
        encoded = bytearray(data).translate(table)
        ix = np.frombuffer(encoded, dtype=np.uint8)
        self._check(ix, b"\xff" in encoded, words, boundaries)
        return ix

    def _check(self, ix: np.ndarray, unknown: bool, words: Sequence[str], boundaries: int) -> None:
        """Raise VocabError naming the first bad word if a character was unknown or a word holds the boundary."""
        if unknown or np.count_nonzero(ix == 0) != boundaries:
            bad = next(w for w in words if self.unknown(w))
            self.encode(bad)  # raises with the word and its characters named


def distinct_chars(text: str) -> set[str]:
    """`set(text)`, fast for long ASCII text: the characters of its first 64 KB, plus whatever is left once those are
    deleted from the rest (usually nothing). Two C-level passes instead of one set insertion per character.

    >>> sorted(distinct_chars("emma" * 20_000 + "z"))
    ['a', 'e', 'm', 'z']
    """
    if len(text) <= 65536 or not text.isascii():
        return set(text)
    seen = set(text[:65536])
    rest = text.encode("ascii").translate(None, "".join(seen).encode("ascii"))
    return seen | set(rest.decode("ascii"))
