"""The session's current word list and its Corpus: made current, derived once, and what depends on them dropped
when they change (a new list, the split switched).

Every page reads the corpus with `corpus()`; the sidebar's picker (`picker.py`) makes a list current with
`set_dataset`. A built-in list's Corpus is shared by every visitor (`data.shared_corpus`); an upload's lives in
its visitor's session only.
"""

from __future__ import annotations

import streamlit as st

from makemore.words import WordList

from . import data
from .keys import CORPUS, DATASET, NOTICE, SAMPLING, SHARED, SPLIT_KEY, TRAINING


def corpus() -> data.Corpus:
    """The session's Corpus for its current dataset and split, derived on first use and kept in the session."""
    wl: WordList = st.session_state[DATASET]
    key = (wl.digest, bool(st.session_state.get(SPLIT_KEY, False)))
    c: data.Corpus | None = st.session_state.get(CORPUS)
    if c is None or c.key != key or c.words.name != wl.name:
        if st.session_state.get(SHARED, True):  # a built-in list: the same Corpus for every visitor, built once
            c = data.shared_corpus(wl.digest, wl.name, key[1], wl)
        else:
            with st.spinner("Counting bigrams…"):
                c = data.make_corpus(wl, key[1])
        st.session_state[CORPUS] = c
    return c


def set_dataset(wl: WordList, shared: bool = False, quiet: bool = False) -> bool:
    """Make `wl` the current dataset; models trained on the old one are dropped. True if it changed. `shared`:
    a built-in list, whose Corpus every visitor may share (never an upload). `quiet`: a session's first list,
    loaded from its link, needs no announcement."""
    old: WordList | None = st.session_state.get(DATASET)
    if old is not None and old.digest == wl.digest and old.name == wl.name:
        return False
    st.session_state[DATASET] = wl
    st.session_state[SHARED] = shared
    dropped = [
        name for key, name in ((TRAINING, "the neural net"), (SAMPLING, "the sampler")) if key in st.session_state
    ]
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    if quiet:
        return True
    st.session_state[NOTICE] = f"Loaded {wl.name}: {len(wl):,} words." + (
        f" {' and '.join(dropped).capitalize()} depended on the previous list and {'were' if len(dropped) > 1 else 'was'} reset."
        if dropped
        else ""
    )
    return True


def split_changed() -> None:
    """The sidebar's split toggle changed: the net and the sampler were built on the other split."""
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = "The split changed: the neural net and the sampler were reset."
