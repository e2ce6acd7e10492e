"""Bigram counts: N, P with add-k smoothing, the NLL, and scoring a word (lecture steps 2-7)."""

import math

import streamlit as st

from makemore import VocabError, figures
from makemore.app import state

corpus = state.init_page("Bigram counts", ":material/grid_on:")
model = corpus.train
st.title("Bigram counts")
st.markdown(
    "`N[ix1, ix2]` counts how often character `ix2` follows `ix1` (`.` marks the start and end of a word). "
    "Normalising each row gives `P`, the counts model; adding `k` to every count before normalising (the "
    "lecture's `N+1` is k = 1) smooths it. The loss is the mean negative log-likelihood of the bigrams."
)

K_VALUES = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 20, 50, 100, 1000, 10000, 1_000_000]
c1, c2 = st.columns([2, 3])
view = c1.radio("Show", figures.VIEWS, key="counts_view", horizontal=True)
k = c2.select_slider("Smoothing k (added to every count)", K_VALUES, key="counts_k")

fit = model.evaluate(k=k)
cols = st.columns(4)
cols[0].metric("mean NLL (the loss)", "∞" if math.isinf(fit.mean_nll) else f"{fit.mean_nll:.4f}")
cols[1].metric("log-likelihood", "-∞" if math.isinf(fit.log_likelihood) else f"{fit.log_likelihood:,.2f}")
cols[2].metric("bigrams", f"{fit.bigrams:,}")
cols[3].metric(f"uniform baseline ln {model.V}", f"{math.log(model.V):.4f}")
st.caption(
    f"Sanity checks: every row of P sums to 1 (largest deviation {figures.row_sums_error(model, k):.1e}); "
    "the likelihood is summed exactly in float64"
    + (", on the training split" if corpus.split else " over every bigram of the word list")
    + "."
)
if corpus.split is not None:
    dev = model.evaluate(N_eval=corpus.dev_N, k=k)
    st.caption(
        f"dev NLL at k = {k:g}: {dev.mean_nll:.4f}"
        if math.isfinite(dev.mean_nll)
        else "dev NLL is ∞ at k = 0: the dev words contain bigrams the training words never have; raise k."
    )

st.plotly_chart(figures.bigram_heatmap(model, k, view), key="counts_heatmap", width="stretch")

left, right = st.columns([2, 3])
with left:
    st.subheader("Most frequent bigrams")
    st.dataframe(figures.top_bigrams(model, k, 20), key="counts_top", hide_index=True, width="stretch")
with right:
    st.subheader("Score a word")
    word = st.text_input("Word", key="counts_word", max_chars=200)
    if word:
        try:
            s = model.score(word, k=k)
        except VocabError as e:
            st.error(state.plain(str(e)))
        else:
            st.dataframe(figures.score_table(s), key="counts_score", hide_index=True, width="stretch")
            cols = st.columns(3)
            cols[0].metric("log-likelihood", "-∞" if math.isinf(s.log_likelihood) else f"{s.log_likelihood:.4f}")
            cols[1].metric("NLL", "∞" if math.isinf(s.nll) else f"{s.nll:.4f}")
            cols[2].metric("mean NLL", "∞" if math.isinf(s.mean_nll) else f"{s.mean_nll:.4f}")
            if math.isinf(s.nll):
                st.warning(
                    f"Infinite: {state.plain(', '.join(s.unseen))} never occurs in the training words, so with k = 0 its "
                    "probability is 0 and its log is -∞. Any k > 0 fixes this (the lecture's N+1)."
                )
