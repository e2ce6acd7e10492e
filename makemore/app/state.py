"""Per-session state: the current dataset, the trainer, the sampler. One helper every page calls first.

`st.session_state` holds only what a person chose or changed; everything else comes from the cached `Corpus`.
Every page starts with `corpus = state.init_page(title)`, so a deep link or a refresh works without the home page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import streamlit as st

from makemore.neural import Trainer
from makemore.sampling import Sampler
from makemore.words import WordList

from . import data

DATASET = "mm_dataset"  # the current WordList
NOTICE = "mm_notice"  # a message to show once, after the dataset changed
TRAINING = "mm_training"  # TrainingSession
SAMPLING = "mm_sampling"  # SamplingSession
SPLIT = "mm_split"  # whether the 80/10/10 split is on
SPLIT_KEY = "data_split"  # the sidebar toggle's widget key; widget state is per page, so SPLIT keeps the value


@dataclass
class TrainingSession:
    """A trainer bound to one corpus, plus what the live page needs: running or not, and its speed."""

    key: tuple  # (dataset digest, split on) it was built for
    trainer: Trainer
    running: bool = False
    steps_per_s: float = 0.0  # measured over the last tick
    ms_per_step: dict[str, float] = field(default_factory=dict)  # measured, per compute mode
    last_tick: float = field(default_factory=time.perf_counter)


@dataclass
class SamplingSession:
    key: tuple  # every setting the sampler depends on; a change restarts it
    sampler: Sampler


def init_page(title: str, icon: str = "🔤"):
    """Page config, the current corpus, the sidebar summary and any pending notice. Returns the Corpus."""
    st.set_page_config(page_title=f"{title} · makemore", page_icon=icon, layout="wide")
    if DATASET not in st.session_state:
        st.session_state[DATASET] = data.builtin(False, False)
    c = corpus()
    _sidebar(c)
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.info(notice)
    return c


def corpus():
    wl: WordList = st.session_state[DATASET]
    return data.corpus(wl.digest, bool(st.session_state.get(SPLIT, False)), wl)


def set_dataset(wl: WordList) -> bool:
    """Make `wl` the current dataset; models trained on the old one are dropped. True if it changed."""
    old: WordList | None = st.session_state.get(DATASET)
    if old is not None and old.digest == wl.digest and old.name == wl.name:
        return False
    st.session_state[DATASET] = wl
    dropped = [
        name for key, name in ((TRAINING, "the neural net"), (SAMPLING, "the sampler")) if key in st.session_state
    ]
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = f"Loaded {wl.name}: {len(wl):,} words." + (
        f" {' and '.join(dropped).capitalize()} depended on the previous list and {'were' if len(dropped) > 1 else 'was'} reset."
        if dropped
        else ""
    )
    return True


def training(c) -> TrainingSession:
    """This session's trainer for the corpus `c` (made on first use, and again when the corpus changes)."""
    key = (c.words.digest, c.split is not None)
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    if ts is None or ts.key != key:
        ts = TrainingSession(key=key, trainer=Trainer(c.train.N, N_dev=c.dev_N))
        st.session_state[TRAINING] = ts
    return ts


def _sidebar(c) -> None:
    with st.sidebar:
        st.caption("Current word list")
        st.text(c.words.name)  # st.text: a file name is user text, shown as data
        st.caption(f"{len(c.words):,} words · V = {c.vocab.size} (boundary {c.vocab.boundary!r})")
        st.session_state[SPLIT_KEY] = bool(st.session_state.get(SPLIT, False))
        st.toggle(
            "Hold out dev/test (80/10/10)",
            key=SPLIT_KEY,
            help="Exercise E02: train on 80% of the words, measure on the other 10% (dev). Off: all words, as in "
            "the lecture.",
            on_change=_split_changed,
        )
        if c.split:
            st.caption(f"train {len(c.split.train):,} · dev {len(c.split.dev):,} · test {len(c.split.test):,}")


def _split_changed() -> None:
    st.session_state[SPLIT] = st.session_state[SPLIT_KEY]
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = "The split changed: the neural net and the sampler were reset."
