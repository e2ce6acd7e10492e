"""Per-session state: the current dataset, the trainer, the sampler. One helper every page calls first.

`st.session_state` holds only what a person chose or changed; everything else comes from the cached `Corpus`.
Every page starts with `corpus = state.init_page(title)`, so a deep link or a refresh works without the home page.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
import torch

from makemore.config import MODES, SampleConfig, TrainConfig
from makemore.neural import Trainer
from makemore.sampling import Sampler
from makemore.words import WordList

from . import budget, data

DATASET = "mm_dataset"  # the current WordList
CORPUS = "mm_corpus"  # the Corpus derived from it (vocab, counts, split, statistics)
SHARED = "mm_shared"  # whether the dataset is a built-in list (its Corpus comes from a cache every visitor shares)
NOTICE = "mm_notice"  # a message to show once, after the dataset changed
TRAINING = "mm_training"  # TrainingSession
SAMPLING = "mm_sampling"  # SamplingSession
SAMPLE_NOTICE = "mm_sample_notice"  # said once on the Sampling page after a setting restarted the sampler
SPLIT_KEY = "data_split"  # the sidebar toggle: whether the 80/10/10 split is on

TRAIN, SAMPLE = TrainConfig(), SampleConfig()  # the engine's defaults, the pages' starting values
BUILTIN, YEARS, UPLOAD = "Built-in names", "US baby names by year", "Upload a word list"
# Every widget's starting value, by key. Streamlit forgets a widget's value when its page is left; copying each
# value back into session state at the top of every page keeps it (and widgets take no `value=` of their own).
WIDGET_DEFAULTS = {
    "data_source": BUILTIN,
    "data_years": (2008, 2017),
    "data_lowercase": False,
    "data_dedupe": False,
    SPLIT_KEY: False,
    "counts_view": "counts",
    "counts_k": 1,
    "counts_word": "andrejq",
    "sample_model": "counts",
    "sample_k": 1,
    "sample_seed": SAMPLE.seed,
    "sample_stream": "lecture",
    "sample_temperature": 1.0,
    "sample_topk": 0,
    "train_lr": TRAIN.lr,
    "train_lam": TRAIN.lam,
    "train_mode": TRAIN.mode,
    "train_speed": 10,
    "train_seed": TRAIN.seed,
    "compare_k": 0,
    "compare_seed": SAMPLE.seed,
    "compare_stream": "lecture",
    "compare_num": 10,
}


RATE_WINDOW_S = 2.0  # "steps / s" is measured over this much wall time (ticks jitter; one tick says little)


@dataclass
class TrainingSession:
    """A trainer bound to one corpus, plus what the live page needs: running or not, its speed, and what the live
    panel in the browser has already been sent."""

    key: tuple  # (dataset digest, split on) it was built for
    trainer: Trainer
    running: bool = False
    ms_per_step: dict[str, float] = field(default_factory=dict)  # measured, per compute mode
    marks: deque = field(default_factory=deque)  # (time, steps) at recent ticks, for the smoothed rate
    sent: int = 0  # history entries the live panel has been sent
    sent_gen: int = -1  # of which net (Trainer.generation)
    full_pending: bool = True  # the next panel update sends everything (set by every full page run)
    waiting: bool = False  # the last tick found no memory in the server's budget for the onehot/index mode

    def advance(self, max_steps: int, budget_s: float = 0.05) -> int:
        """Up to `max_steps` steps, stopping once `budget_s` of work is done (at least one step): one tick of
        the live page. Chunks are sized from the measured cost of the mode, so an expensive mode (onehot on a
        big list) takes one step a tick instead of blocking. Stops running on divergence. The onehot and index
        modes first reserve their working memory from the server's budget, shared by every visitor; without
        it the tick does nothing (`waiting` says so) and the next one tries again."""
        t = self.trainer
        if t.mode == "counts":
            self.waiting = False
            return self._advance(max_steps, budget_s)
        with budget.reserve(t.working_bytes()) as ok:
            self.waiting = not ok
            if not ok:
                self.mark()
                return 0
            return self._advance(max_steps, budget_s)

    def _advance(self, max_steps: int, budget_s: float) -> int:
        t = self.trainer
        start = time.perf_counter()
        done = 0
        while done < max_steps and not t.diverged:
            spent = time.perf_counter() - start
            if done and spent > budget_s:
                break
            ms = self.ms_per_step.get(t.mode)
            affordable = int((budget_s - spent) * 1000 / ms) if ms else 1
            n = max(1, min(max_steps - done, affordable))
            before, chunk_start = t.steps, time.perf_counter()
            t.step(n)
            if t.steps == before:
                break
            done += t.steps - before
            self.ms_per_step[t.mode] = 1000 * (time.perf_counter() - chunk_start) / (t.steps - before)
        self.mark()
        if t.diverged:
            self.running = False
        return done

    def mark(self, now: float | None = None) -> None:
        """Note the step count now; marks older than RATE_WINDOW_S (but the newest two) are dropped."""
        now = time.perf_counter() if now is None else now
        self.marks.append((now, self.trainer.steps))
        while len(self.marks) > 2 and now - self.marks[1][0] >= RATE_WINDOW_S:
            self.marks.popleft()

    @property
    def steps_per_s(self) -> float | None:
        """Steps per second over the last RATE_WINDOW_S of wall time (idle time between ticks included, so it
        is the rate a person sees), or None until two ticks are known.

        >>> ts = TrainingSession(key=(), trainer=None)
        >>> ts.marks.extend([(0.0, 0), (0.5, 10), (1.0, 25)])
        >>> ts.steps_per_s
        25.0
        """
        if len(self.marks) < 2:
            return None
        (t0, s0), (t1, s1) = self.marks[0], self.marks[-1]
        # under a second of history (just started) says more about one tick's jitter than about the rate
        return (s1 - s0) / (t1 - t0) if t1 - t0 >= RATE_WINDOW_S / 2 else None

    def start(self) -> None:
        self.running = True
        self.marks.clear()
        self.mark()


@dataclass
class SamplingSession:
    key: tuple  # every setting the sampler depends on; a change restarts it
    sampler: Sampler
    P: torch.Tensor  # (rows, V) float64: the model's rows before temperature and top-k, for the page's heatmap


# The browser tab's icon, a file served by the app: a Material icon name here would be fetched from an outside
# font server on every page load (missing in a lecture hall without internet).
FAVICON = str(Path(__file__).parent / "assets" / "favicon.png")


def init_page(title: str):
    """Page config, the current corpus, the sidebar summary and any pending notice. Returns the Corpus."""
    st.set_page_config(page_title=f"{title} · makemore", page_icon=FAVICON, layout="wide")
    for key, default in WIDGET_DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, default)
    if DATASET not in st.session_state:
        st.session_state[DATASET] = data.builtin(False, False)
    c = corpus()
    _sidebar(c)
    # One container that is always there: a notice shown once must not shift the page's later elements, or
    # Streamlit would re-create them (the live canvases would blink).
    with st.container():
        if st.session_state[SPLIT_KEY] and c.split is None:
            st.warning(
                f"The list has {len(c.words):,} words: too few to hold out dev and test words, so every page "
                "uses all of them."
            )
        notice = st.session_state.pop(NOTICE, None)
        if notice:
            st.info(plain(notice))
    return c


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


def set_dataset(wl: WordList, shared: bool = False) -> bool:
    """Make `wl` the current dataset; models trained on the old one are dropped. True if it changed. `shared`:
    a built-in list, whose Corpus every visitor may share (never an upload)."""
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
    st.session_state[NOTICE] = f"Loaded {wl.name}: {len(wl):,} words." + (
        f" {' and '.join(dropped).capitalize()} depended on the previous list and {'were' if len(dropped) > 1 else 'was'} reset."
        if dropped
        else ""
    )
    return True


def training(c) -> TrainingSession:
    """This session's trainer for the corpus `c` (made on first use, and again when the corpus changes)."""
    key = c.key
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    if ts is None or ts.key != key:
        ss = st.session_state  # a new trainer starts from the settings the training page shows
        trainer = Trainer(
            c.train,
            examples=c.examples("train"),  # built lazily: only the onehot and index modes read them
            dev=c.dev,
            lr=float(ss.get("train_lr", TRAIN.lr)),
            lam=float(ss.get("train_lam", TRAIN.lam)),
            seed=int(ss.get("train_seed", TRAIN.seed)),
            mode=ss.get("train_mode", TRAIN.mode),
        )
        ts = TrainingSession(key=key, trainer=trainer)
        st.session_state[TRAINING] = ts
    return ts


def sampling(c, *, model: str, k: float, seed: int, stream: str, temperature: float, top_k: int | None):
    """This session's sampler for these settings; any change of setting (or of the net) starts a new one."""
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    # the net's identity: a reset (maybe with another seed) and retraining to the same step is another net
    net_step = (ts.trainer.generation, ts.trainer.steps) if (model == "neural" and ts is not None) else None
    key = (c.words.digest, c.split is not None, model, k, seed, stream, temperature, top_k, net_step)
    ss: SamplingSession | None = st.session_state.get(SAMPLING)
    if ss is not None and ss.key != key and (ss.sampler.current or ss.sampler.history):
        dropped = len(ss.sampler.history) + bool(ss.sampler.current)
        why = "The net was trained further" if ss.key[:-1] == key[:-1] else "The settings changed"
        st.session_state[SAMPLE_NOTICE] = (
            f"{why}, so the sampler started again from its seed: the {dropped} word(s) drawn before were set "
            "aside (the same settings and Reset draw them again)."
        )
    if ss is None or ss.key != key:
        if model == "neural":
            net = (ts.trainer if ts is not None else training(c).trainer).model()
            model_, P = net, net.probs()
        else:
            model_, P = c.train.with_k(k), c.train.P(k)
        sampler = Sampler(
            model_,
            seed=seed,
            stream=stream,
            temperature=temperature,
            top_k=top_k,
            training_words=c.train_set,
        )
        ss = SamplingSession(key=key, sampler=sampler, P=P)
        st.session_state[SAMPLING] = ss
    return ss


def measure_modes(ts: TrainingSession, c) -> None:
    """Time one step of each compute mode at the current W (on a probe: the session's trainer is untouched). A
    mode too large for the data, or for the server's memory budget right now, is left unmeasured."""
    t = ts.trainer
    probe = Trainer(t.counts, net=t.net, examples=t.examples, lr=t.lr, lam=t.lam)
    probe.W = t.W.clone()
    for mode in MODES:
        probe.mode = mode
        repeats = 100 if mode == "counts" else 1
        try:
            probe.check_settings()
        except ValueError:
            continue  # too large for this mode; the page says so when it is chosen
        with budget.reserve(probe.working_bytes()) as ok:  # the same server-wide memory budget as training
            if not ok:
                continue  # other visitors hold the memory now; this mode is measured on a later click
            start = time.perf_counter()
            for _ in range(repeats):
                probe.loss_and_grad()
            ts.ms_per_step[mode] = 1000 * (time.perf_counter() - start) / repeats


PAGES = (  # (file, label, icon): the sidebar's navigation, in the lecture's order
    ("streamlit_app.py", "Dataset", ":material/list_alt:"),
    ("pages/1_Bigram_counts.py", "Bigram counts", ":material/grid_on:"),
    ("pages/2_Sampling.py", "Sampling", ":material/casino:"),
    ("pages/3_Neural_training.py", "Neural training", ":material/trending_down:"),
    ("pages/4_Compare.py", "Compare", ":material/compare_arrows:"),
)


def _sidebar(c) -> None:
    with st.sidebar:
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
        st.divider()
        st.caption("Current word list")
        st.text(c.words.name)  # st.text: a file name is user text, shown as data
        st.caption(f"{len(c.words):,} words · V = {c.vocab.size} (boundary {c.vocab.boundary!r})")
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
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = "The split changed: the neural net and the sampler were reset."


def plain(text: str) -> str:
    """Escape Markdown so user text in st.error/st.info shows as typed (Streamlit never renders its HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:&" else ch for ch in text)
