"""Cached loaders: everything derived from a word list, keyed by its content hash.

Derived objects are immutable and depend only on the words, so one copy serves every visitor who loaded the same
list: `st.cache_resource` keyed by the digest (no pickling of large tensors on every rerun). Nothing per-user
lives here: trainers and samplers are in `st.session_state` (see `state.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
import torch

from makemore.counts import CountsModel
from makemore.datasets import default_words, us_names_words
from makemore.vocab import Vocab
from makemore.words import Split, WordList, load_words, split_words


@dataclass(frozen=True)
class Corpus:
    """A word list with its vocabulary, counts and (optional) train/dev/test split, all derived once."""

    words: WordList
    vocab: Vocab
    full: CountsModel  # counts of every word: the lecture's model
    split: Split | None  # 80/10/10 when the split is on
    train: CountsModel  # counts of the training words (all words when the split is off)
    dev_N: torch.Tensor | None  # dev counts, for held-out NLL

    @property
    def train_words(self) -> tuple[str, ...]:
        return self.split.train if self.split else self.words.words


@st.cache_resource(max_entries=4, show_spinner="Loading the built-in names…")
def builtin(lowercase: bool, dedupe: bool) -> WordList:
    return default_words(lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Reading US baby names…")
def us_years(first: int, last: int, lowercase: bool, dedupe: bool) -> WordList:
    return us_names_words(first, last, lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Reading the upload…")
def parse_upload(data: bytes, name: str, lowercase: bool, dedupe: bool) -> WordList:
    """Parse an upload (raises WordListError); the same bytes are parsed once."""
    return load_words(data, name=name, lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Counting bigrams…")
def corpus(digest: str, use_split: bool, _words: WordList) -> Corpus:
    """Vocabulary, counts and split of a word list; `digest` is the cache key, `_words` is not hashed."""
    words = _words.words
    vocab = Vocab.from_words(words)
    full = CountsModel.from_words(words, vocab)
    if not use_split:
        return Corpus(_words, vocab, full, None, full, None)
    sp = split_words(words)
    train = CountsModel.from_words(sp.train, vocab)
    dev_N = CountsModel.from_words(sp.dev, vocab).N if sp.dev else None
    return Corpus(_words, vocab, full, sp, train, dev_N)


@st.cache_data(max_entries=16, show_spinner="Sweeping k and λ…")
def sweeps(digest: str, use_split: bool, _c: Corpus):
    """The smoothing and regularisation sweeps of a corpus (pure, so cached by content hash and split)."""
    from makemore.sweeps import regularisation_sweep, smoothing_sweep

    dev = _c.split.dev if _c.split else None
    return smoothing_sweep(_c.train, dev), regularisation_sweep(_c.train.N, _c.dev_N)
