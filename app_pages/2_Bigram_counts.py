"""Bigram counts: N, P with add-k smoothing, the NLL, and scoring a word (lecture steps 2-7)."""

import math

import streamlit as st

from makemore import VocabError, exports, figures, figures_live, figures_orders
from makemore.app import address, components, current, dataset, frame, settings
from makemore.app.text import as_text, explain, plain
from makemore.figures import ngram_name

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


def fmt(x: float, digits: str = ".4f") -> str:
    return ("-∞" if x < 0 else "∞") if math.isinf(x) else format(x, digits)


@frame.fragment
def counts_and_loss():
    """Everything the view changes, in one fragment: switching it reruns this, not the page (k, in the sidebar,
    reruns the page; the canvas stays and is redrawn in place either way). The numbers and the
    heatmap's data are computed before anything is drawn, so they reach the browser in one message and change in
    the same frame."""
    view = st.radio(
        "Show",
        figures.VIEWS,
        horizontal=True,
        **address.bound("view", figures.VIEWS),
    )
    k = address.setting("k")  # the sidebar's: every page smooths with the same k
    fit = model.evaluate(k=k)
    if n == 2:
        heat = figures_live.heatmap_payload(model, k, view)
        sl = None
    else:
        sl = context_slice(k)
        heat = figures_orders.slice_payload(sl, model, k, view)
    row_error = figures.row_sums_error(model, k)
    dev_ex = current.dev_examples(corpus)
    dev = model.evaluate(dev_ex, k=k).mean_nll if dev_ex is not None else None

    # The numbers are drawn by the heatmap's own component, so they and the cells change in the same frame.
    heat["stats"] = [
        ["mean NLL (the loss)", fmt(fit.mean_nll)],
        ["log-likelihood", fmt(fit.log_likelihood, ",.2f")],
        [f"{unit}s", f"{fit.examples:,}"],
        [f"uniform baseline ln {model.V}", f"{math.log(model.V):.4f}"],
    ]
    heat["notes"] = [
        f"Sanity checks: every row of P sums to 1 (largest deviation {row_error:.1e}); "
        "the likelihood is summed exactly in float64"
        + (", on the training split" if corpus.split else f" over every {unit} of the word list")
        + "."
    ]
    if dev is not None:
        heat["notes"].append(
            f"dev NLL at k = {k:g}: {dev:.4f}"
            if math.isfinite(dev)
            else f"dev NLL is ∞ at k = 0: the dev words contain {unit}s the training words never have; raise k."
        )
    components.heatmap(heat, key="counts_heatmap")

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
        st.table(as_text(figures.top_ngrams(model, k, 20)), hide_index=True)  # static tables: no grid code to load
    with right:
        if n >= 2:
            look_up_a_context(k)
        score_a_word(k)
    if n >= 3:
        st.subheader("Most frequent contexts")
        st.table(as_text(figures_orders.top_contexts(model, 15)), hide_index=True)


def context_slice(k: float):
    """The heatmap's slice: at order ≥ 3 the one the slice box names; a character this list never uses is said in
    one line (in a container that is always there, so the heatmap below keeps its place) and the slice of the
    contexts a word starts with is shown instead."""
    if n < 3:
        return figures_orders.context_slice(model, "", k)
    prefix = slice_prefix()
    said = st.container()
    try:
        return figures_orders.context_slice(model, prefix, k)
    except figures_orders.ContextError as e:
        said.warning(f"Slice: {plain(str(e))}; showing the contexts a word starts with ({'.' * (n - 2)}) instead.")
        return figures_orders.context_slice(model, "." * (n - 2), k)


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
        found = figures_orders.context_row(model, text, k)
    except figures_orders.ContextError as e:
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
        st.error(plain(str(e)))
        return
    st.table(as_text(figures.score_table(s)), hide_index=True)
    cols = st.columns(3)
    cols[0].metric("log-likelihood", fmt(s.log_likelihood))
    cols[1].metric("NLL", fmt(s.nll))
    cols[2].metric("mean NLL", fmt(s.mean_nll))
    if math.isinf(s.nll):
        st.warning(
            f"Infinite: {plain(', '.join(s.unseen))} never occurs in the training words, so with k = 0 its "
            "probability is 0 and its log is -∞. Any k > 0 fixes this (the lecture's N+1)."
        )


counts_and_loss()
