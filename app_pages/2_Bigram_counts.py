"""Bigram counts: N, P with add-k smoothing, the NLL, and scoring a word (lecture steps 2-7)."""

import math

import streamlit as st

from makemore import VocabError, exports
from makemore.app import address, components, current, dataset, frame, settings
from makemore.app.text import as_text, explain, plain
from makemore.views import heatmaps, slices, tables
from makemore.views.format import ngram_name, number

corpus = dataset.corpus()
n = address.order()
model = current.counts_model(corpus)  # the sidebar's order and windows, on the training words
unit = ngram_name(n)  # what a prediction is called: "bigram" only when it is one
st.title("Bigram counts" if n == 2 else f"Counts of order {n}: {unit}s")
explain(
    "`N[ix1, ix2]` counts how often character `ix2` follows `ix1` (`.` marks the start and end of a word). "
    "Normalising each row gives `P`, the counts model; adding `k` to every count before normalising (the "
    "lecture's `N+1` is k = 1) smooths it. The loss is the mean negative log-likelihood of the bigrams."
    if n == 2
    else f"Order {n}: each character is predicted from the {n - 1} before it"
    + (" (none: one distribution for every position, the unigram)" if n == 1 else "")
    + f". A row of `N` is a context, a column the next character; the table has up to {model.V}^{n - 1} rows, "
    "so the heatmap shows a slice of them: fix the first characters of the context, and each row adds one more. "
    "`k` smooths every row as for the bigram; a context never seen is uniform."
)


@frame.fragment
def counts_and_loss():
    """Everything the view changes, in one fragment: switching it reruns this, not the page (k, in the sidebar,
    reruns the page; the chart stays and is updated in place either way). The numbers and the heatmap are
    computed before anything is drawn, so they reach the browser together."""
    view = st.radio(
        "Show",
        heatmaps.VIEWS,
        horizontal=True,
        **address.bound("view", heatmaps.VIEWS),
    )
    k = address.setting("k")  # the sidebar's: every page smooths with the same k
    fit = model.evaluate(k=k)
    large, subject = address.presenting(), corpus.words.name
    if n == 2:
        heat = heatmaps.counts_heatmap(model, k, view, subject=subject, large=large)
        sl = None
    else:
        sl = context_slice(k)
        heat = heatmaps.slice_heatmap(sl, model, k, view, subject=subject, large=large)
    row_error = heatmaps.row_sums_error(model, k)
    dev_ex = current.dev_examples(corpus)
    dev = model.evaluate(dev_ex, k=k).mean_nll if dev_ex is not None else None
    readout = heatmaps.counts_readout(fit, model.V, unit, row_error, bool(corpus.split), k, dev)
    # The numbers over the heatmap, in a container that is always there (a second note coming and going moves
    # nothing below it, so the chart is updated in place, never re-created). They are written after the chart,
    # so the browser gets the chart's new option first: it takes longer to draw than a number.
    numbers = st.container()
    components.chart(heat, key="counts_heatmap")
    with numbers:
        metrics(readout["stats"], 2 if large else 4)
        for note in readout["notes"]:
            st.caption(note)

    d = st.columns(4)
    itos = model.vocab.itos
    shown_N = model.N if sl is None else sl.N
    shown_P = (lambda: model.P(k)) if sl is None else (lambda: sl.P)
    rows = None if sl is None else sl.row_labels
    d[0].download_button(
        "N (CSV)" if sl is None else "this slice of N (CSV)",
        lambda: exports.matrix_csv(shown_N, itos, row_labels=rows),
        file_name="N.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_N",
    )
    d[1].download_button(
        f"P with k = {k:g} (CSV)" if sl is None else f"this slice of P, k = {k:g} (CSV)",
        lambda: exports.matrix_csv(shown_P(), itos, digits=17, row_labels=rows),
        file_name=f"P_k{k:g}.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_P",
    )
    left, right = st.columns([2, 3])
    with left:
        st.subheader(f"Most frequent {unit}s")
        st.table(as_text(tables.top_ngrams(model, k, 20)), hide_index=True)  # static tables: no grid code to load
    with right:
        if n >= 2:
            look_up_a_context(k)
        score_a_word(k)
    if n >= 3:
        st.subheader("Most frequent contexts")
        st.table(as_text(tables.top_contexts(model, 15)), hide_index=True)


def metrics(pairs, per_row: int) -> None:
    """Numbers (label, value) side by side, `per_row` to a row: presenter mode's type needs two to a row (four
    across cut "-568,771.76" to "-568,77…")."""
    for start in range(0, len(pairs), per_row):
        for column, (label, value) in zip(st.columns(per_row), pairs[start : start + per_row], strict=False):
            column.metric(label, value)


def context_slice(k: float):
    """The heatmap's slice: at order ≥ 3 the one the slice box names; a character this list never uses is said in
    one line (in a container that is always there, so the heatmap below keeps its place) and the slice of the
    contexts a word starts with is shown instead."""
    if n < 3:
        return slices.context_slice(model, "", k)
    prefix = slice_prefix()
    said = st.container()
    try:
        return slices.context_slice(model, prefix, k)
    except slices.ContextError as e:
        said.warning(f"Slice: {plain(str(e))}; showing the contexts a word starts with ({'.' * (n - 2)}) instead.")
        return slices.context_slice(model, "." * (n - 2), k)


def slice_prefix() -> str:
    """The first n−2 context characters the heatmap fixes: the person's (padded on the left with the boundary,
    as the start of a word is), by default all boundaries (the contexts a word starts with)."""
    st.text_input(
        f"Slice: the first {n - 2} context character(s) (. for the boundary)",
        max_chars=min(n - 2, settings.MAX_CHARS["ctx"]),
        help="The heatmap's rows are these characters followed by one more; type e.g. 'e' at order 3 to see "
        "what follows 'ea', 'eb', … 'ez'.",
        **address.bound("ctx"),
    )
    typed = str(address.setting("ctx"))
    return ("." * (n - 2) + typed)[-(n - 2) :]


def look_up_a_context(k: float) -> None:
    st.subheader("Look up a context")
    text = st.text_input(
        f"Context (its last {n - 1} character(s) count)", max_chars=settings.MAX_CHARS["look"], **address.bound("look")
    )
    try:
        found = tables.context_row(model, text, k)
    except slices.ContextError as e:
        if text == settings.default("look"):  # "em" on a list without those letters: nobody's mistake, a hint
            st.info(plain(f"{e}; type a context of this list"))
        else:
            st.error(plain(str(e)))
        return
    shown = plain(found["context"])
    st.caption(
        f"'{shown}' was seen {found['seen']:,} times in the training words"
        + ("" if found["seen"] else ": never, so its next character is uniform")
        + f"; P with k = {k:g}, likeliest first:"
    )
    st.table(as_text(found["table"].head(8)), hide_index=True)


def score_a_word(k: float) -> None:
    st.subheader("Score a word" + ("" if n == 2 else f", {unit} by {unit}"))
    word = st.text_input("Word", max_chars=settings.MAX_CHARS["word"], **address.bound("word"))
    if not word:
        return
    try:
        s = model.score(word, k=k)
    except VocabError as e:
        if word == settings.default("word"):  # the lecture's "andrejq" on a list without those letters: a hint
            st.info(plain(f"{e}; type a word of this list"))
        else:
            st.error(plain(str(e)))
        return
    st.table(as_text(tables.score_table(s)), hide_index=True)
    scores = [("log-likelihood", number(s.log_likelihood)), ("NLL", number(s.nll)), ("mean NLL", number(s.mean_nll))]
    metrics(scores, 2 if address.presenting() else 3)
    if math.isinf(s.nll):
        st.warning(
            f"Infinite: {plain(', '.join(s.unseen))} never occurs in the training words, so with k = 0 its "
            "probability is 0 and its log is -∞. Any k > 0 fixes this (the lecture's N+1)."
        )


counts_and_loss()
