"""Per-session state: the current dataset, the trainer, the sampler. One helper every page calls first.

`st.session_state` holds only what a person chose or changed; everything else comes from the cached `Corpus`.
Every page starts with `corpus = state.init_page(title)`, so a deep link or a refresh works without the home page.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from makemore import memory
from makemore.config import MODES, WINDOWS
from makemore.errors import MemoryBudgetError
from makemore.models import registry
from makemore.sampling import Sampler
from makemore.train import Trainer, live_problem
from makemore.windows import OrderError, check_fits
from makemore.words import WordList

from . import components, data, picker, settings
from .sessions import SamplingSession, TrainingSession, await_replay

# One memory budget for every large allocation of this server process, every visitor's together (tables, P,
# examples, nets, uploads; see makemore.memory). A visitor whose work does not fit is told what to change.
MEMORY_GB = float(os.environ.get("MAKEMORE_MEMORY_GB", "2"))
memory.set_limit(int(MEMORY_GB * 2**30))

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
    """Why the session's net cannot be built (e.g. one that needs context at order 1), as the training and Compare
    pages say it."""
    return registry.get(str(setting("net"))).cls.unavailable(order()) or f"Cannot build this net: {error}."


def fragment(func=None, *, run_every=None):
    """`st.fragment`, and what the server's memory cannot hold now is said in one line where the fragment is
    (a fragment's exception never reaches the frame around the page, which says it for everything else)."""

    def wrap(f):
        @functools.wraps(f)
        def body(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except MemoryBudgetError as e:
                st.error(plain(str(e)))

        return st.fragment(body, run_every=run_every)

    return wrap(func) if func is not None else wrap


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
        model = counts_model(c)
        too_slow = live_problem(model, str(setting("net")))
        if too_slow:  # a step that cannot fit a tick is refused, not run
            raise ValueError(too_slow)
        # A new trainer starts from the settings the training page shows (or its link).
        trainer = Trainer(
            registry.get(str(setting("net"))).build(model),
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
    await_replay(ts, NOTICE)  # a link's replay under way: its progress, and the page waits for it
    return ts


def _replay_link_steps(ts: TrainingSession) -> None:
    """`?steps=N` in a link: the session's first net is trained to step N, deterministically, at the link's lr
    and λ, a bounded chunk at a time (`sessions.await_replay`: a visitor who leaves stops it)."""
    raw = st.session_state.pop(LINK_STEPS, None)  # the link's, once: a later trainer starts at step 0
    if raw and settings.parse("steps", [raw]):
        ts.ask_replay(int(raw))


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
            net = (ts.trainer if ts is not None else training(c).trainer).snapshot()
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
    probe = Trainer(t.model.copy(), examples=t.examples, lr=t.lr, lam=t.lam)
    probe.model.set_parameters({name: p.clone() for name, p in t.model.parameters().items()})
    for mode in MODES:
        probe.mode = mode
        repeats = 100 if mode == "counts" else 1
        try:
            probe.check_settings()
        except ValueError:
            continue  # too large for this mode; the page says so when it is chosen
        try:  # the same memory budget as training: other visitors may hold it now (measured on a later click)
            with memory.transient(probe.working_bytes(), f"measuring the {mode} mode"):
                start = time.perf_counter()
                for _ in range(repeats):
                    probe.loss_and_grad()
                ts.ms_per_step[mode] = 1000 * (time.perf_counter() - start) / repeats
        except memory.MemoryBudgetError:
            continue


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
