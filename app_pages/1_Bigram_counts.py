"""Bigram counts: N, P with add-k smoothing, the NLL, and scoring a word (lecture steps 2-7)."""

import math

import streamlit as st

from makemore import VocabError, exports, figures, figures_live
from makemore.app import components, state

corpus = state.init_page("Bigram counts")
model = corpus.train
st.title("Bigram counts")
state.explain(
    "`N[ix1, ix2]` counts how often character `ix2` follows `ix1` (`.` marks the start and end of a word). "
    "Normalising each row gives `P`, the counts model; adding `k` to every count before normalising (the "
    "lecture's `N+1` is k = 1) smooths it. The loss is the mean negative log-likelihood of the bigrams."
)


def fmt(x: float, digits: str = ".4f") -> str:
    return ("-∞" if x < 0 else "∞") if math.isinf(x) else format(x, digits)


@st.fragment
def counts_and_loss():
    """Everything the view changes, in one fragment: switching it reruns this, not the page (k, in the sidebar,
    reruns the page; the canvas stays and is redrawn in place either way). The numbers and the
    heatmap's data are computed before anything is drawn, so they reach the browser in one message and change in
    the same frame."""
    view = st.radio(
        "Show",
        figures.VIEWS,
        horizontal=True,
        **state.bound("view", figures.VIEWS),
    )
    k = state.setting("k")  # the sidebar's: every page smooths with the same k
    fit = model.evaluate(k=k)
    heat = figures_live.heatmap_payload(model, k, view)
    row_error = figures.row_sums_error(model, k)
    dev = model.evaluate(corpus.dev, k=k).mean_nll if corpus.dev is not None else None

    # The numbers are drawn by the heatmap's own component, so they and the cells change in the same frame.
    heat["stats"] = [
        ["mean NLL (the loss)", fmt(fit.mean_nll)],
        ["log-likelihood", fmt(fit.log_likelihood, ",.2f")],
        ["bigrams", f"{fit.bigrams:,}"],
        [f"uniform baseline ln {model.V}", f"{math.log(model.V):.4f}"],
    ]
    heat["notes"] = [
        f"Sanity checks: every row of P sums to 1 (largest deviation {row_error:.1e}); "
        "the likelihood is summed exactly in float64"
        + (", on the training split" if corpus.split else " over every bigram of the word list")
        + "."
    ]
    if dev is not None:
        heat["notes"].append(
            f"dev NLL at k = {k:g}: {dev:.4f}"
            if math.isfinite(dev)
            else "dev NLL is ∞ at k = 0: the dev words contain bigrams the training words never have; raise k."
        )
    components.heatmap(heat, key="counts_heatmap")

    d = st.columns(4)
    itos = model.vocab.itos
    d[0].download_button(
        "N (CSV)",
        lambda: exports.matrix_csv(model.N, itos),
        file_name="N.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_N",
    )
    d[1].download_button(
        f"P with k = {k:g} (CSV)",
        lambda: exports.matrix_csv(model.P(k), itos, digits=17),
        file_name=f"P_k{k:g}.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_P",
    )
    left, right = st.columns([2, 3])
    with left:
        st.subheader("Most frequent bigrams")
        st.table(figures.top_bigrams(model, k, 20), hide_index=True)  # static tables: no grid code to load
    with right:
        score_a_word(k)


def score_a_word(k: float) -> None:
    st.subheader("Score a word")
    word = st.text_input("Word", max_chars=200, **state.bound("word"))
    if not word:
        return
    try:
        s = model.score(word, k=k)
    except VocabError as e:
        st.error(state.plain(str(e)))
        return
    st.table(figures.score_table(s), hide_index=True)
    cols = st.columns(3)
    cols[0].metric("log-likelihood", fmt(s.log_likelihood))
    cols[1].metric("NLL", fmt(s.nll))
    cols[2].metric("mean NLL", fmt(s.mean_nll))
    if math.isinf(s.nll):
        st.warning(
            f"Infinite: {state.plain(', '.join(s.unseen))} never occurs in the training words, so with k = 0 its "
            "probability is 0 and its log is -∞. Any k > 0 fixes this (the lecture's N+1)."
        )


counts_and_loss()
