"""The Corpus: a word list with everything derived from it, computed once and shared by the CLI and the pages.

A Corpus holds the words, their vocabulary, statistics and (optionally) the lecture's 80/10/10 split, and builds
the examples and the counts model of any order and windows on first use, keeping them. The vocabulary can be
given, so that several lists (a train, dev and test file; two lists to compare) share one and their matrices
align.

    >>> c = Corpus.build(["emma", "ava", "mia", "olivia", "isabella"])
    >>> c.counts(order=2).N.shape[0], c.counts(order=3).evaluate().examples
    (10, 29)
    >>> c.part("train") == c.words.words  # without a split every word trains
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import memory
from .config import ModelConfig
from .models.counts import CountsModel
from .vocab import Vocab
from .windows import Examples, make_examples
from .words import Split, WordList, WordStats, from_list, split_words


class _Words(frozenset):
    """A frozenset that takes weak references, so the memory budget can release it with the corpus."""


@dataclass(frozen=True)
class Corpus:
    """A word list with its vocabulary, statistics, optional split, and examples/counts per order (cached)."""

    words: WordList
    vocab: Vocab
    stats: WordStats
    chars: Counter  # occurrences of each character
    lengths: Counter  # words of each length
    split: Split | None  # 80/10/10 when the split is on (None also when the list is too small to hold any out)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, words: WordList | Sequence[str], use_split: bool = False, vocab: Vocab | None = None) -> Corpus:
        wl = words if isinstance(words, WordList) else from_list(list(words))
        ws = wl.words
        sp = split_words(ws) if use_split else None
        if sp is not None and not (sp.train and sp.dev):
            sp = None  # too few words to hold any out (the page says so)
        chars = wl.char_counts()  # measured while loading when the file allowed it (see WordList.tally)
        return cls(wl, vocab or Vocab.from_chars(chars), wl.stats(), chars, wl.length_counts(), sp)

    @property
    def key(self) -> tuple[str, bool]:
        return (self.words.digest, self.split is not None)

    def part(self, name: str = "train") -> tuple[str, ...]:
        """The words of a part: all, train (all words without a split), dev or test (empty without a split)."""
        if name == "all" or (name == "train" and self.split is None):
            return self.words.words
        if self.split is None:
            return ()
        return getattr(self.split, name)

    @property
    def train_words(self) -> tuple[str, ...]:
        return self.part("train")

    @property
    def train_set(self) -> frozenset[str]:
        """The training words, for "is this sample a training word?"."""
        # ~40 bytes a word (a set's slots; the strings are the list's): paid from the memory budget while kept
        return self._cached(
            ("train_set",),
            lambda: memory.charge(_Words(self.train_words), 40 * len(self.train_words), "the training words' set"),
        )

    def examples(self, part: str = "train", order: int = 2, windows: str = "word") -> Examples:
        ModelConfig(order=order, windows=windows)  # validates
        words = self.part(part)
        # The whole list's bytes, when loading kept them, spare joining every word again.
        tally = self.words.tally
        lines = tally.lines if tally is not None and words is self.words.words else None
        return self._cached(
            ("ex", part, order, windows), lambda: make_examples(words, self.vocab, order, windows, lines)
        )

    def counts(self, order: int = 2, windows: str = "word", part: str = "train") -> CountsModel:
        """The counts model of a part (default: the training words) at k = 0; `.with_k(k)` for smoothing."""
        return self._cached(
            ("counts", part, order, windows),
            lambda: CountsModel.from_examples(self.examples(part, order, windows), self.vocab),
        )

    # --- the lecture's bigram, as the pages have always named it -------------------------------------------

    @property
    def full(self) -> CountsModel:
        """The lecture's model: bigram counts of every word."""
        return self.counts(2, "word", "all")

    def _cached(self, key, build):
        value = self._cache.get(key)
        if value is None:  # a local, not a re-read: a built-in list's Corpus is shared between sessions' threads
            value = self._cache[key] = build()
        return value
