"""Two word lists side by side: what changed between them, measured in nats (issue 12)."""

import math

import streamlit as st

from makemore import Sampler
from makemore.app import address, components, data, dataset
from makemore.app.text import as_text, explain, plain
from makemore.app.uploads import held, read_upload
from makemore.datasets import FIRST_YEAR, LAST_YEAR, SEXES, us_names_words
from makemore.two_lists import compare, least_likely
from makemore.views import heatmaps, slices, tables, xy
from makemore.views.format import number
from makemore.words import WordList, WordListError

SLOT_A, SLOT_B = "mm_list_a", "mm_list_b"  # a preset's first list (else the sidebar's), and the second list
RESULT = "mm_two_lists"  # (key, Comparison, models) of the last comparison, this session's own
B_ERROR = "mm_list_b_error"
PRESETS = {
    "Girls vs boys (2017)": ((2017, 2017, "girls"), (2017, 2017, "boys")),
    "1920s vs 2010s": ((1920, 1929, "all"), (2010, 2017, "all")),
}


@st.cache_resource(max_entries=8, show_spinner="Reading US baby names…")
def us_years_sex(first: int, last: int, sex: str) -> WordList:
    """US names of a year range and sex: built-in data, the same for every visitor, so shared."""
    return us_names_words(first, last, sex)


corpus = dataset.corpus()
st.title("Two word lists, in nats")
explain(
    "How does one list differ from another? Fit a model on each and score each list under both: the 2×2 table "
    "of mean NLLs. The diagonal is each list under its own model; off the diagonal, how surprised one list's "
    "model is by the other list. The difference is how many extra nats a prediction costs with the wrong "
    "model. Both models share one vocabulary (the characters of both lists), so their tables align cell by "
    "cell, and the transitions that moved most can be read off. The order, windows and k are the sidebar's."
)


def apply_preset(name: str) -> None:
    (a, b) = PRESETS[name]
    st.session_state[SLOT_A] = us_years_sex(*a)
    st.session_state[SLOT_B] = us_years_sex(*b)
    st.session_state[B_ERROR] = None


def use_sidebar_list() -> None:
    st.session_state.pop(SLOT_A, None)


def load_b() -> None:
    """Load the second list from the box's choice; a failure leaves both lists as they were, with a message."""
    ss = st.session_state
    ss[B_ERROR] = None
    try:
        source = ss.get("b_source", "US names by year")
        if source == "upload":
            f = held(ss.get("b_upload"))
            if f is None:
                return
            ss[SLOT_B] = read_upload(f.getvalue(), name=f.name)
        elif source == "built-in names":
            ss[SLOT_B] = data.builtin(False, False)
        else:
            first, last = ss.get("b_years", (2010, 2017))
            ss[SLOT_B] = us_years_sex(int(first), int(last), ss.get("b_sex", "all"))
    except WordListError as e:
        ss[B_ERROR] = f"{e} Both lists are as they were."


c = st.columns(len(PRESETS) + 1)
for i, name in enumerate(PRESETS):
    c[i].button(name, key=f"preset_{i}", on_click=apply_preset, args=(name,), help="sets both lists in one click")
c[-1].button("A: the sidebar's list", key="use_sidebar", on_click=use_sidebar_list)

with st.expander("Choose the second list (B)", expanded=SLOT_B not in st.session_state):
    source = st.radio("B is", ("US names by year", "built-in names", "upload"), key="b_source", horizontal=True)
    if source == "US names by year":
        st.slider("Years", FIRST_YEAR, LAST_YEAR, (2010, 2017), key="b_years")
        st.radio("Names of", tuple(SEXES), key="b_sex", horizontal=True)
        st.button("Load B", key="load_b", on_click=load_b)
    elif source == "built-in names":
        st.button("Load B", key="load_b", on_click=load_b)
    else:
        st.file_uploader("A text file, one word per line", key="b_upload", on_change=load_b)

list_a: WordList = st.session_state.get(SLOT_A) or corpus.words
list_b: WordList | None = st.session_state.get(SLOT_B)
with st.container():  # messages that come and go, in one place that is always there
    if st.session_state.get(B_ERROR):
        st.error(plain(st.session_state[B_ERROR]))
    if list_b is None:
        st.info("Pick a preset or choose the second list (B) to compare it with the first (A).")

cols = st.columns(2)
cols[0].caption("A")
cols[0].text(f"{list_a.name} · {len(list_a):,} words")  # st.text: a file name is user text
cols[1].caption("B")
cols[1].text(f"{list_b.name} · {len(list_b):,} words" if list_b is not None else "(not chosen yet)")

if list_b is not None:
    n, windows, k = address.order(), address.windows(), float(address.setting("k"))
    key = (list_a.digest, list_b.digest, n, windows, k)
    found = st.session_state.get(RESULT)
    if found is None or found[0] != key:
        try:
            with st.spinner("Fitting a model on each list and scoring each on both…"):
                r = compare(list_a.words, list_b.words, k=k, order=n, windows=windows)
                models = r.models  # fitted once, by compare
        except ValueError as e:  # an order the two lists' characters together cannot hold
            st.error(plain(str(e)))
            st.stop()
        st.session_state[RESULT] = found = (key, r, models)
    _, r, models = found

    st.subheader(f"Mean NLL per prediction (order {n}, {windows} windows, k = {k:g})")
    st.table(tables.two_lists_nll(r))
    m = st.columns(2)
    m[0].metric("B under A's model: extra nats", number(r.extra("a", "b")), help="NLL(A's model, B) − NLL(B's, B)")
    m[1].metric("A under B's model: extra nats", number(r.extra("b", "a")), help="NLL(B's model, A) − NLL(A's, A)")
    for mod, words in (("a", "b"), ("b", "a")):
        if math.isinf(r.nll[mod][words]) and r.unseen[mod]:
            st.warning(
                f"∞: list {words.upper()} uses {plain(', '.join(r.unseen[mod][:6]))}, which list "
                f"{mod.upper()} never has, so at k = 0 A's model gives it probability 0. Raise k in the sidebar."
            )

    prefix = "." * max(n - 2, 0)
    sa = slices.context_slice(models["a"], prefix, k)
    sb = slices.context_slice(models["b"], prefix, k)
    st.subheader("P of each list, and where they differ")
    large = address.presenting()
    pictures = heatmaps.two_lists_heatmaps(sa, sb, models["a"], models["b"], k, large)
    for column, picture, key in zip(st.columns(3), pictures, ("two_pa", "two_pb", "two_ratio"), strict=True):
        with column:
            components.chart(picture, key=key)
    if n != 2:
        st.caption(f"Order {n}: the pictures show the rows of contexts that start a word ('{prefix}' + a row).")

    t = st.columns(2)
    t[0].subheader("Likelier in B")
    t[0].table(as_text(tables.moved_table(r.moved_up)), hide_index=True)
    t[1].subheader("Likelier in A")
    t[1].table(as_text(tables.moved_table(r.moved_down)), hide_index=True)

    st.subheader("Lengths and characters")
    components.chart(xy.length_shares(list_a.words, list_b.words, large), key="two_lengths")
    st.table(as_text(tables.char_shares(list_a.words, list_b.words)))

    st.subheader("Samples with the same seed")
    seed = int(address.setting("seed"))
    sam = {f"model of {x.upper()}": Sampler(models[x], seed=seed, stream="lecture").sample(10) for x in "ab"}
    st.table(as_text(tables.samples_side_by_side({m: [x.word for x in xs] for m, xs in sam.items()})))

    st.subheader("Each list's words the other model finds least likely")
    for column, (x, other, words) in zip(
        st.columns(2), (("A", "b", list_a.words), ("B", "a", list_b.words)), strict=True
    ):
        column.caption(f"words of {x} under {other.upper()}'s model (mean NLL)")
        column.table(as_text(tables.word_nlls(least_likely(models[other], words, 10))), hide_index=True)
