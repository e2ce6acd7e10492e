"""Loaders and the Corpus: a word list with everything derived from it, computed once.

Shared caches hold only what is the same for every visitor: the built-in names and the US names of a year range
(`st.cache_resource`, immutable) and the k/λ sweep points keyed by content hash (`st.cache_data`, small tables).
A person's upload and its Corpus live in their own `st.session_state` (see `state.py`), so one visitor's words
never sit in a shared cache and leave memory with the session.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import streamlit as st
import torch

from makemore.counts import CountsModel
from makemore.datasets import default_words, us_names_words
from makemore.figures import length_counts
from makemore.vocab import Vocab
from makemore.words import Split, WordList, WordStats, char_counts, split_words, word_stats


@dataclass(frozen=True)
class Corpus:
    """A word list with its vocabulary, counts, statistics and (optional) train/dev/test split."""

    words: WordList
    vocab: Vocab
    stats: WordStats
    chars: Counter  # occurrences of each character
    lengths: Counter  # words of each length
    full: CountsModel  # counts of every word: the lecture's model
    split: Split | None  # 80/10/10 when the split is on
    train: CountsModel  # counts of the training words (all words when the split is off)
    dev_N: torch.Tensor | None  # dev counts, for held-out NLL
    train_set: frozenset[str]  # the training words, for "is this sample a training word?"

    @property
    def train_words(self) -> tuple[str, ...]:
        return self.split.train if self.split else self.words.words

    @property
    def key(self) -> tuple[str, bool]:
        return (self.words.digest, self.split is not None)


def make_corpus(wl: WordList, use_split: bool) -> Corpus:
    words = wl.words
    vocab = Vocab.from_words(words)
    full = CountsModel.from_words(words, vocab)
    sp = split_words(words) if use_split else None
    if sp is not None and not (sp.train and sp.dev):
        sp = None  # too few words to hold any out (the page says so)
    train = CountsModel.from_words(sp.train, vocab) if sp else full
    dev_N = CountsModel.from_words(sp.dev, vocab).N if sp and sp.dev else None
    stats, chars, lengths = word_stats(words), char_counts(words), length_counts(words)
    return Corpus(wl, vocab, stats, chars, lengths, full, sp, train, dev_N, frozenset(sp.train if sp else words))


@st.cache_resource(max_entries=4, show_spinner="Loading the built-in names…")
def builtin(lowercase: bool, dedupe: bool) -> WordList:
    return default_words(lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Counting bigrams…")
def shared_corpus(digest: str, name: str, use_split: bool, _wl: WordList) -> Corpus:
    """The Corpus of a built-in list, built once for every visitor (a fresh page then starts at once). Never
    called for an upload: a visitor's words stay in their own session."""
    return make_corpus(_wl, use_split)


@st.cache_resource(max_entries=8, show_spinner="Reading US baby names…")
def us_years(first: int, last: int, lowercase: bool, dedupe: bool) -> WordList:
    return us_names_words(first, last, lowercase=lowercase, dedupe=dedupe)


@st.cache_data(max_entries=32, show_spinner=False)
def smoothing_sweep(digest: str, use_split: bool, _c: Corpus):
    """The k sweep of a corpus (pure, so cached by content hash and split): O(V²) a k, fast at any V."""
    from makemore.sweeps import smoothing_sweep as sweep

    return sweep(_c.train, _c.split.dev if _c.split else None)


@st.cache_data(max_entries=512, show_spinner=False)
def regularisation_point(digest: str, use_split: bool, lam: float, _c: Corpus) -> dict:
    """One λ of the sweep, cached on its own so the page can show progress (and stop) between points."""
    from makemore.sweeps import regularisation_point as point

    return point(_c.train.N, _c.dev_N, lam)
