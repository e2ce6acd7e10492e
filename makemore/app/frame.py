"""The frame around every page, drawn once a run by `streamlit_app.py` before the page runs: the page config, the
link's settings, the sidebar (word list, split, order, windows, k, presenter mode), the stage and the notices.

Because the frame is drawn whatever the page, a link to any page, with its settings in the address, works on its
own, and a page only reads what it needs (`dataset.corpus()`, `address.setting(...)`).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import streamlit as st

from makemore import memory
from makemore.config import WINDOWS
from makemore.errors import MemoryBudgetError
from makemore.windows import OrderError, check_fits

from . import components, pages, picker, settings
from .address import bound, carry, order, presenting, read_link, setting
from .dataset import corpus, split_changed
from .keys import DATASET, LINK_STEPS, MOVED, NOTICE, SPLIT_KEY
from .pages import Page
from .text import plain, plain_join

# One memory budget for every large allocation of this server process, every visitor's together (tables, P,
# examples, nets, uploads; see makemore.memory). A visitor whose work does not fit is told what to change.
MEMORY_GB = float(os.environ.get("MAKEMORE_MEMORY_GB", "2"))
memory.set_limit(int(MEMORY_GB * 2**30))

TOUR_FILE = pages.page("tour").file
EXERCISE_SETTINGS = ("order", "windows", SPLIT_KEY)  # folded in the sidebar while at their defaults
WINDOW_LABELS = {"word": "padded per word", "stream": "one sequence"}  # the short value stays in the link
FIRST_VISIT = "mm_first_visit_said"  # the "start here" note was shown this session
RECONNECT_TIMER_S = 600  # a timed fragment on every page, so a reconnected page runs again (its runs cost nothing)

# The browser tab's icon, a file served by the app: a Material icon name here would be fetched from an outside
# font server on every page load (missing in a lecture hall without internet).
FAVICON = str(Path(__file__).parent / "assets" / "favicon.png")


def draw(page: Page) -> None:
    """Everything around the page: its config, the link read (once a session), every setting the page and the
    sidebar show given its value, the sidebar, the stage (presenter mode, the page's clicker keys) and the
    notices. An order the word list's vocabulary cannot number stops the run here, in one line."""
    st.set_page_config(page_title=f"{page.title} · makemore", page_icon=FAVICON, layout="wide")
    link_problems = read_link()
    if st.session_state.get(MOVED) is True:  # came back from a lost server: said on this page, until it changes
        st.session_state[MOVED] = (page.key, settings.parse("steps", [st.session_state.get(LINK_STEPS) or ""]))
    carry(page)
    sidebar()
    c = corpus()
    try:  # an order this vocabulary cannot number: one line, and the page stops before anything is built
        check_fits(order(), c.vocab.size)
    except OrderError as e:
        st.error(plain(str(e)))
        st.stop()
    picker.keep_upload_facts_in_link()
    components.stage(presenting(), {key: list(buttons) for key, buttons in page.clicker.items()})
    # One container that is always there: a notice shown once must not shift the page's later elements, or
    # Streamlit would re-create them (the charts would blink).
    with st.container():
        if link_problems:
            st.warning("Ignored in this link: " + plain_join(link_problems) + ".")
        moved = st.session_state.get(MOVED)
        if moved and moved[0] == page.key:
            st.info(plain(moved_note(moved[1])))
        needed = None if moved and moved[0] == page.key else picker.upload_needed()  # the note above says it
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
        if page.key == "dataset" and not link_problems and not st.query_params and FIRST_VISIT not in st.session_state:
            st.session_state[FIRST_VISIT] = True  # said once a session: a first visit, not every return
            st.info("New here? The **Lecture tour** walks the lecture step by step on this list; start there.")
            st.page_link(TOUR_FILE, label="Start the Lecture tour", icon=None)


def moved_note(steps: int | None) -> str:
    """The one line for a visitor whose page lost its server (a room's replica died) and reconnected to another:
    the address brought every setting back; what it could not bring is named (an uploaded file, to upload again;
    a trained net, replayed to the step its address held). The live steps after that step, and words drawn, are
    not in an address."""
    said = ["This page's server stopped and it reopened on another with its address's settings"]
    missing = picker.missing_upload()
    if missing:
        said.append(f"upload {missing[0]} again (Word list → Upload): a file cannot move between servers")
    if steps:
        said.append(f"the net was retrained to step {steps:,}, the step its address held (Start trains on)")
    if len(said) == 1:
        said.append("words drawn and training since the address last changed start afresh")
    return "; ".join(said) + "."


def sidebar() -> None:
    """What every page shares, in the sidebar (under Streamlit's own page menu): a summary of the current list,
    the word list, the split, order, windows, k and presenter mode."""
    with st.sidebar:
        summary = st.container()
        st.divider()
        picker.sidebar_picker()
        st.select_slider(
            "Smoothing k (counts model)",
            settings.K_VALUES,
            help="Added to every count before normalising (the lecture's N+1 is k = 1). Used by every page.",
            **bound("k"),
        )
        # The lecture's controls first; the exercises' (E01-E03) folded away until a person, or a link, uses them.
        changed = any(setting(key) != settings.default(key) for key in EXERCISE_SETTINGS)
        with st.expander("Exercises E01-E03: order, windows, held-out words", expanded=changed):
            st.select_slider(
                "Order n (2: the lecture's bigram)",
                list(range(1, settings.MAX_ORDER + 1)),
                help="Each character is predicted from the n−1 before it (exercise E01: n = 3). Used by every page.",
                **bound("order"),
            )
            st.radio(
                "Windows",
                WINDOWS,
                format_func=WINDOW_LABELS.get,
                help="Padded per word: n−1 boundaries before each word, so every character and every end is "
                "predicted (makemore). One sequence: the list as one text, windows across word ends (ngram.py).",
                **bound("windows", WINDOWS),
            )
            st.toggle(
                "Hold out dev/test (80/10/10)",
                help="Exercise E02: train on 80% of the words, measure on the other 10% (dev). Off: all words, as "
                "in the lecture.",
                **bound(SPLIT_KEY, on_change=split_changed),
            )
        st.toggle(
            "Presenter mode",
            help="Large type for a room, explanations folded away. Keys a clicker sends: → / PageDown / Space "
            "step the page's main action (see each page's help).",
            **bound("present"),
        )
        _come_back_after_a_reconnect()
    if DATASET not in st.session_state:  # a fresh session: the word list its link names (or the built-in one)
        picker.load_from_settings()
    c = corpus()
    with summary:
        st.caption("Current word list")
        st.text(c.words.name)  # st.text: a file name is user text, shown as data
        st.caption(f"{len(c.words):,} words · V = {c.vocab.size} (boundary {c.vocab.boundary!r})")
        if c.split:
            st.caption(f"train {len(c.split.train):,} · dev {len(c.split.dev):,} · test {len(c.split.test):,}")


def _come_back_after_a_reconnect() -> None:
    """A timed fragment that draws nothing; its timer is what counts. When its websocket reconnects, Streamlit's
    frontend asks for a full run only if a timed fragment is on the page; without one, a page whose server died
    (a room's replica, docs/room.md) stays as it was, a picture of a session that no longer exists, until the
    visitor's next click. With it, the page runs again at once on the replica it reconnected to, from its address.
    Made anew each run, as the pages make theirs: decorated once at import, it kept memory of the budget held
    after its sessions had ended (tests/test_limits.py found it, after the AppTests)."""

    @st.fragment(run_every=RECONNECT_TIMER_S)
    def timer() -> None:
        return None

    timer()


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
