"""Loaders and caches around the engine's Corpus (a word list with everything derived from it, computed once).

Shared caches hold only what is the same for every visitor: the built-in names and the US names of a year range
(`st.cache_resource`, immutable) and the k/λ sweep points keyed by content hash (`st.cache_data`, small tables).
A person's upload and its Corpus live in their own `st.session_state` (see `state.py`), so one visitor's words
never sit in a shared cache and leave memory with the session.
"""

from __future__ import annotations

import streamlit as st

from makemore.corpus import Corpus
from makemore.datasets import default_words, us_names_words
from makemore.fetch import LECTURE, cached_path, cached_words
from makemore.words import WordList


def make_corpus(wl: WordList, use_split: bool) -> Corpus:
    return Corpus.build(wl, use_split)


@st.cache_resource(max_entries=4, show_spinner="Loading the built-in names…")
def builtin(lowercase: bool, dedupe: bool) -> WordList:
    return default_words(lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Counting bigrams…")
def shared_corpus(digest: str, name: str, use_split: bool, _wl: WordList) -> Corpus:
    """The Corpus of a built-in list, built once for every visitor (a fresh page then starts at once). Never
    called for an upload: a visitor's words stay in their own session."""
    return make_corpus(_wl, use_split)


def lecture(lowercase: bool, dedupe: bool) -> WordList | None:
    """The lecture's names.txt once this server has fetched it (None before): a built-in list then, shared."""
    path = cached_path(LECTURE)
    return None if path is None else _lecture(str(path), path.stat().st_mtime_ns, lowercase, dedupe)


@st.cache_resource(max_entries=4, show_spinner="Loading the lecture's names…")
def _lecture(path: str, mtime: int, lowercase: bool, dedupe: bool) -> WordList:
    return cached_words(LECTURE, lowercase=lowercase, dedupe=dedupe)


@st.cache_resource(max_entries=8, show_spinner="Reading US baby names…")
def us_years(first: int, last: int, lowercase: bool, dedupe: bool) -> WordList:
    return us_names_words(first, last, lowercase=lowercase, dedupe=dedupe)


@st.cache_data(max_entries=32, show_spinner=False)
def smoothing_sweep(digest: str, use_split: bool, order: int, windows: str, _c: Corpus):
    """The k sweep of the counts model of this order and windows (pure, so cached by content hash, split, order
    and windows): O(cells) a k, fast at any V."""
    from makemore.sweeps import smoothing_sweep as sweep

    dev = _c.examples("dev", order, windows) if _c.split else None
    return sweep(_c.counts(order, windows), dev)


@st.cache_data(max_entries=512, show_spinner=False)
def regularisation_point(
    digest: str, use_split: bool, order: int, windows: str, net: str, lam: float, _c: Corpus
) -> dict:
    """One λ of the sweep for the net of this order, windows and kind, cached on its own so the page can show
    progress (and stop) between points."""
    from makemore.sweeps import regularisation_point as point

    dev = _c.examples("dev", order, windows) if _c.split else None
    return point(_c.counts(order, windows), dev, lam, net=net)
