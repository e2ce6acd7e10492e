"""Per-session state: the current dataset, the trainer, the sampler. One helper every page calls first.

`st.session_state` holds only what a person chose or changed; everything else comes from the cached `Corpus`.
Every page starts with `corpus = state.init_page(title)`, so a deep link or a refresh works without the home page.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
import torch
from streamlit.errors import StreamlitAPIException

from makemore.config import MODES, WINDOWS
from makemore.neural import Trainer
from makemore.sampling import Sampler
from makemore.windows import OrderError, check_fits
from makemore.words import WordList

from . import budget, components, data, picker, settings

DATASET = "mm_dataset"  # the current WordList
CORPUS = "mm_corpus"  # the Corpus derived from it (vocab, counts, split, statistics)
SHARED = "mm_shared"  # whether the dataset is a built-in list (its Corpus comes from a cache every visitor shares)
NOTICE = "mm_notice"  # a message to show once, after the dataset changed
TRAINING = "mm_training"  # TrainingSession
SAMPLING = "mm_sampling"  # SamplingSession
SAMPLE_NOTICE = "mm_sample_notice"  # said once on the Sampling page after a setting restarted the sampler
LINK_CHECKED = "mm_link_checked"  # the link this session opened with has been read (and its problems said)
LINK_STEPS = "mm_link_steps"  # the `steps` of that link, until the session's first net replays to it
SPLIT_KEY = "split"  # the sidebar toggle (and URL name): whether the 80/10/10 split is on


def bound(key: str, options=None, on_change=None, args=()) -> dict:
    """A widget's keyword arguments that make its value a setting: its key is its URL name, its value is written
    into the address as it changes (a copied link reproduces it) and survives page switches. The default
    (`value=`, or `index=` into `options` for a radio or a box) is given only while the session has no value
    for it: a value already in the session (a person's, or a link's) is the widget's. `on_change`/`args`: the
    widget's own callback, run after the value is remembered.

    Why not Streamlit's `bind="query-params"` and `persist_state="session"`, which promise this: measured in
    Chromium, a bound widget whose value came from the link and was never touched falls back to its default at
    the first page switch (and leaves the address), so a lecturer's `?k=0.1` silently became k = 1 on the next
    page; and a persisted widget ignored a value set for it in the session (a link's, a button's). Here the
    session remembers every setting (`remember`), each run gives a page's widgets their remembered values
    (`_carry`), and the address is written from them (`_write_address`)."""
    kw = {"key": key, "on_change": remember, "args": (key, on_change, args)}
    if key not in st.session_state:
        d = settings.default(key)
        kw |= {"value": d} if options is None else {"index": list(options).index(d)}
    return kw


REMEMBERED = "mm_settings"  # every setting's value as last chosen (by a person, a link or a button)
LAST_PAGE = "mm_last_page"  # the page of the last full run


def remember(key: str, then=None, args=()) -> None:
    """A setting changed (a widget callback, or a button setting it): keep its value and write the address."""
    value = st.session_state.get(key)
    st.session_state.setdefault(REMEMBERED, {})[key] = value
    _write_address([key])
    if then is not None:
        then(*args)


def set_setting(key: str, value) -> None:
    """Change a setting from code (a button's callback), as a person would."""
    st.session_state[key] = value
    remember(key)


def _page_keys(page: str) -> list[str]:
    """The settings a page shows, and the shared ones of the sidebar."""
    return [k for k, s in settings.SETTINGS.items() if s.where == "sidebar" or page in s.where.split(", ")]


def _carry(page: str) -> None:
    """Give the page's widgets (and the sidebar's) their remembered values: all of them on arriving at the page,
    and any that Streamlit dropped while its widget was not drawn (the years, while another list was chosen)."""
    arriving = st.session_state.get(LAST_PAGE) != page
    st.session_state[LAST_PAGE] = page
    saved = st.session_state.get(REMEMBERED, {})
    for key in _page_keys(page):
        # Every one assigned on arrival, even when the session still shows the value: it belonged to the last
        # page's widget, and Streamlit hands a new page's widget only a value set from code (left alone, an
        # untouched slider came back at its first option).
        if arriving:
            st.session_state[key] = saved.get(key, settings.default(key))
        elif key in saved and key not in st.session_state:
            st.session_state[key] = saved[key]
    if arriving:
        _write_address(_page_keys(page), clear_others=True)


def _write_address(keys, clear_others: bool = False) -> None:
    """Write these settings into the address where they differ from their defaults (removed where they do not);
    `clear_others`: also drop settings of other pages (a page switch)."""
    saved = st.session_state.get(REMEMBERED, {})
    if clear_others:
        for key in settings.SETTINGS:
            if key not in keys and key != "steps":
                st.query_params.pop(key, None)
    for key in keys:
        value = saved.get(key, st.session_state.get(key))
        if value is None or value == settings.default(key):
            st.query_params.pop(key, None)
        elif isinstance(value, tuple):
            st.query_params[key] = [settings.url_value(v) for v in value]
        else:
            st.query_params[key] = settings.url_value(value)


def setting(key: str):
    """A setting's current value: the widget's, else the link's (read before the widget exists), else the
    default."""
    if key in st.session_state:
        return st.session_state[key]
    linked = settings.parse(key, st.query_params.get_all(key))
    return settings.default(key) if linked is None else linked


RATE_WINDOW_S = 2.0  # "steps / s" is measured over this much wall time (ticks jitter; one tick says little)


@dataclass
class TrainingSession:
    """A trainer bound to one corpus, plus what the live page needs: running or not, its speed, and what the live
    panel in the browser has already been sent."""

    key: tuple  # (dataset digest, split on, order, windows, net) it was built for
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


def sidebar() -> None:
    """What every page shares, in the sidebar (under Streamlit's own page menu): a summary of the current list,
    the word list, the split, k and presenter mode."""
    with st.sidebar:
        summary = st.container()
        st.divider()
        picker.sidebar_picker()
        st.toggle(
            "Hold out dev/test (80/10/10)",
            help="Exercise E02: train on 80% of the words, measure on the other 10% (dev). Off: all words, as in "
            "the lecture.",
            **bound(SPLIT_KEY, on_change=_split_changed),
        )
        st.select_slider(
            "Order n (2: the lecture's bigram)",
            list(range(1, 11)),
            help="Each character is predicted from the n−1 before it (exercise E01: n = 3). Used by every page.",
            **bound("order"),
        )
        st.radio(
            "Windows",
            WINDOWS,
            horizontal=True,
            help="word: n−1 boundaries before each word, so every character and every end is predicted (makemore). "
            "stream: the list as one sequence, windows across word ends (ngram.py).",
            **bound("windows", WINDOWS),
        )
        st.select_slider(
            "Smoothing k (counts model)",
            settings.K_VALUES,
            help="Added to every count before normalising (the lecture's N+1 is k = 1). Used by every page.",
            **bound("k"),
        )
        st.toggle(
            "Presenter mode",
            help="Large type for a room, explanations folded away. Keys a clicker sends: → / PageDown / Space "
            "step the page's main action (see each page's help).",
            **bound("present"),
        )
    if DATASET not in st.session_state:  # a fresh session: the word list its link names (or the built-in one)
        picker.load_from_settings()
    c = corpus()
    with summary:
        st.caption("Current word list")
        st.text(c.words.name)  # st.text: a file name is user text, shown as data
        st.caption(f"{len(c.words):,} words · V = {c.vocab.size} (boundary {c.vocab.boundary!r})")
        if c.split:
            st.caption(f"train {len(c.split.train):,} · dev {len(c.split.dev):,} · test {len(c.split.test):,}")


# (file, title, URL path): the pages in the lecture's order; the addresses are the page names links have always had.
PAGES = (
    ("app_pages/0_Dataset.py", "Dataset", ""),
    ("app_pages/5_Tour.py", "Lecture tour", "Tour"),
    ("app_pages/1_Bigram_counts.py", "Bigram counts", "Bigram_counts"),
    ("app_pages/2_Sampling.py", "Sampling", "Sampling"),
    ("app_pages/3_Neural_training.py", "Neural training", "Neural_training"),
    ("app_pages/4_Compare.py", "Compare", "Compare"),
    ("app_pages/6_Orders.py", "Orders & smoothing", "Orders"),
    ("app_pages/7_Two_lists.py", "Two lists", "Two_lists"),
)


def init_page(title: str, keys: dict[str, list[str]] | None = None):
    """Page config, the shared sidebar (unless the entry point drew it this run), the current corpus and any
    notice: every page calls it first, so a link or a refresh works on any page. `keys` maps a clicker's keys
    (PageDown, Space, PageUp) to the buttons they press. Returns the Corpus."""
    st.set_page_config(page_title=f"{title} · makemore", page_icon=FAVICON, layout="wide")
    link_problems = _read_link()
    _carry(title)
    sidebar()
    c = corpus()
    try:  # an order this vocabulary cannot number: one line, and the page stops before anything is built
        check_fits(order(), c.vocab.size)
    except OrderError as e:
        st.error(plain(str(e)))
        st.stop()
    picker.keep_upload_facts_in_link()
    components.stage(presenting(), keys or {})
    # One container that is always there: a notice shown once must not shift the page's later elements, or
    # Streamlit would re-create them (the live canvases would blink).
    with st.container():
        if link_problems:
            st.warning("Ignored in this link: " + state_plain_join(link_problems) + ".")
        needed = picker.upload_needed()
        if needed:
            st.info(plain(needed))
        if st.session_state.get(SPLIT_KEY) and c.split is None:
            st.warning(
                f"The list has {len(c.words):,} words: too few to hold out dev and test words, so every page "
                "uses all of them."
            )
        notice = st.session_state.pop(NOTICE, None)
        if notice:
            st.info(plain(notice))
    return c


def order() -> int:
    """The order n every page uses (the sidebar's)."""
    return int(setting("order"))


def windows() -> str:
    return str(setting("windows"))


def counts_model(c):
    """The counts model of the sidebar's order and windows, fitted on the training words (all words without the
    split), at k = 0 (`.with_k(k)` for smoothing). An order whose table would not fit stops the page with its
    one-line reason (the sidebar stays, to choose another)."""
    try:
        return c.counts(order(), windows())
    except OrderError as e:
        st.error(plain(str(e)))
        st.stop()


def dev_examples(c):
    """The dev examples of the sidebar's order and windows, or None without a split."""
    return c.examples("dev", order(), windows()) if c.split else None


def train_examples(c):
    return c.examples("train", order(), windows())


def net_problem(error: Exception) -> str:
    """Why the session's net cannot be built (concat at order 1), as the training and Compare pages say it."""
    if order() == 1 and setting("net") == "concat":
        return (
            "Order 1 has no context characters to concatenate, so there is no concat net: the unigram is one row "
            "of W (choose full)."
        )
    return f"Cannot build this net: {error}."


def state_plain_join(items: list[str]) -> str:
    return "; ".join(plain(x) for x in items)


def presenting() -> bool:
    return bool(setting("present"))


def explain(markdown: str) -> None:
    """A page's explanation: shown, or folded away in presenter mode (the figure is what the room looks at)."""
    if presenting():
        with st.expander("What this page shows"):
            st.markdown(markdown)
    else:
        st.markdown(markdown)


def _read_link() -> list[str]:
    """The problems of the link this session opened with, once: the raw parameters are read before any widget
    takes (or silently drops) them."""
    if st.session_state.get(LINK_CHECKED):
        return []
    st.session_state[LINK_CHECKED] = True
    st.session_state[LINK_STEPS] = st.query_params.get("steps")
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    # The link's valid settings become the session's values, as a person's choices are: a bound widget would read
    # its own from the address too, but a value it only read there is forgotten at the first page switch.
    for key, raw in params.items():
        if key in settings.SETTINGS and key not in st.session_state:
            value = settings.parse(key, raw)
            if value is not None:
                st.session_state[key] = value
                st.session_state.setdefault(REMEMBERED, {})[key] = value
    problems = settings.problems(params)
    for text in problems:  # a setting this page has no widget for stays in the address unless removed here
        with contextlib.suppress(StreamlitAPIException):  # a widget's own parameter: Streamlit removes it
            st.query_params.pop(text.split("=", 1)[0], None)
    return problems


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


def training(c) -> TrainingSession:
    """This session's trainer for the corpus `c` (made on first use, and again when the corpus changes)."""
    key = (*c.key, order(), windows(), str(setting("net")))
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    if ts is None or ts.key != key:
        # A new trainer starts from the settings the training page shows (or its link).
        trainer = Trainer(
            counts_model(c),
            net=str(setting("net")),
            examples=train_examples(c),  # built lazily: only the onehot and index modes read them
            dev=dev_examples(c),
            lr=float(setting("lr")),
            lam=float(setting("lam")),
            seed=int(setting("init")),
            mode=setting("mode"),
        )
        ts = TrainingSession(key=key, trainer=trainer)
        st.session_state[TRAINING] = ts
        _replay_link_steps(ts)
    return ts


MAX_REPLAY = 100_000  # steps a link may replay (counts mode: about 3 s on the names)


def _replay_link_steps(ts: TrainingSession) -> None:
    """`?steps=N` in a link: train the new net to step N, deterministically (counts mode: the same losses as the
    other modes to 1e-4, at a fraction of the cost), at the link's lr and λ."""
    raw = st.session_state.pop(LINK_STEPS, None)  # the link's, once: a later trainer starts at step 0
    if not raw or not raw.isdigit() or int(raw) == 0:
        return
    t, want = ts.trainer, int(raw)
    mode, t.mode = t.mode, "counts"
    try:
        t.step(min(want, MAX_REPLAY))
    except ValueError as e:  # settings that cannot train: said by the page, nothing replayed
        st.session_state[NOTICE] = f"The link's {want:,} steps were not replayed: {e}"
    finally:
        t.mode = mode
    if want > MAX_REPLAY:
        st.session_state[NOTICE] = f"The link asks for step {want:,}; replayed to {MAX_REPLAY:,}, the most a link may."
    elif t.diverged:
        st.session_state[NOTICE] = f"Replaying the link's {want:,} steps: {t.diverged}"


def sampling(c, *, model: str, k: float, seed: int, stream: str, temperature: float, top_k: int | None):
    """This session's sampler for these settings; any change of setting (or of the net) starts a new one."""
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    # the net's identity: a reset (maybe with another seed) and retraining to the same step is another net
    net_step = (ts.trainer.generation, ts.trainer.steps) if (model == "neural" and ts is not None) else None
    key = (*c.key, order(), windows(), model, k, seed, stream, temperature, top_k, net_step)
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
            m = counts_model(c)
            model_, P = m.with_k(k), m.P(k)
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


def _split_changed() -> None:
    for key in (TRAINING, SAMPLING):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = "The split changed: the neural net and the sampler were reset."


def as_text(df):
    """A table whose text cells (and text index) are escaped: `st.table` renders Markdown in its cells, so a word
    like `[x](http://e.com)` from a person's list would become a link. Numbers are left as they are."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: plain(v) if isinstance(v, str) else v)
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index):
        out.index = out.index.map(lambda v: plain(v) if isinstance(v, str) else v)
    return out


def plain(text: str) -> str:
    """Escape Markdown so user text in st.error/st.info shows as typed (Streamlit never renders its HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:&" else ch for ch in text)
