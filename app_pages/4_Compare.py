"""Counts model and neural net side by side (lecture steps 9-11, exercises E02-E03)."""

import math

import pandas as pd
import streamlit as st

from makemore import STREAMS, Sampler, figures_live, figures_models
from makemore.app import components, data, settings, state
from makemore.sweeps import LAMBDA_GRID, SWEEP_MAX_V

corpus = state.init_page("Compare")
ts = state.training(corpus)
t = ts.trainer
st.title("Counts model vs neural net")
state.explain(
    "Both models give a next-character distribution for each character: the counts model's row of `P`, the "
    "net's `softmax(W[ix])`. Trained with λ = 0 the net converges to `P` itself, so the losses, the "
    "probabilities and the samples meet; λ and k both pull towards uniform."
)
if t.steps == 0:
    st.info("The net is at step 0 (random W). Train it on the Neural training page to watch the two meet.")

c = st.columns(3)
k = state.setting("k")  # the sidebar's
seed = int(c[0].number_input("Seed", 0, settings.MAX_SEED, **state.bound("seed")))
stream = c[1].radio(
    "Random stream",
    STREAMS,
    horizontal=True,
    **state.bound("stream", STREAMS),
)
num = int(c[2].number_input("Samples", 1, 50, **state.bound("num")))

# --- losses ---
counts_train = corpus.train.evaluate(k=k).mean_nll
P = corpus.train.P(k)
Q = t.probs()
net_train = t.evaluate(corpus.examples("train")).mean_nll
rows = [
    {"model": f"counts (k={k:g})", "split": "train", "NLL": counts_train},
    {"model": f"neural (step {t.steps}, λ={t.lam:g})", "split": "train", "NLL": net_train},
]
if corpus.dev is not None:
    rows.insert(
        1,
        {"model": f"counts (k={k:g})", "split": "dev", "NLL": corpus.train.evaluate(corpus.dev, k=k).mean_nll},
    )
    rows.append(
        {
            "model": f"neural (step {t.steps}, λ={t.lam:g})",
            "split": "dev",
            "NLL": t.evaluate(corpus.dev).mean_nll,
        }
    )
cols = st.columns(3)
cols[0].metric("counts model NLL (train)", "∞" if math.isinf(counts_train) else f"{counts_train:.4f}")
cols[1].metric(
    "neural net NLL (train)",
    f"{net_train:.4f}",
    help=f"of W after step {t.steps:,}: the number the training page gives under its chart",
)
cols[2].metric("gap (neural − counts)", "–" if math.isinf(counts_train) else f"{net_train - counts_train:+.4f}")
left, right = st.columns([2, 3])
with left:
    st.table(figures_models.nll_table(rows), hide_index=True)
with right:
    components.xy(figures_live.scatter_payload(P, Q, corpus.vocab.itos), key="compare_scatter")

# --- the two matrices ---
st.subheader("P against softmax(W)")
if corpus.vocab.size <= 120:
    a, b, d = st.columns(3)
    itos = corpus.vocab.itos
    with a:
        components.heatmap(figures_live.matrix_payload(P, itos, f"P (counts, k={k:g})"), key="compare_P")
    with b:
        components.heatmap(figures_live.matrix_payload(Q, itos, "softmax(W) (neural)"), key="compare_Q")
    with d:
        components.heatmap(
            figures_live.matrix_payload(Q - P, itos, "difference softmax(W) − P", diverging=True), key="compare_diff"
        )
else:
    st.caption(f"V = {corpus.vocab.size}: too many characters for side-by-side heatmaps; the scatter shows every cell.")

# --- k and λ ---
st.subheader("Smoothing ↔ regularisation")
k_sweep = data.smoothing_sweep(corpus.words.digest, corpus.split is not None, corpus)
lam_rows = []
if corpus.vocab.size <= SWEEP_MAX_V:
    # One λ at a time with progress between: each piece is well under a second, and a visitor who leaves or
    # changes a setting stops the run at the next piece instead of leaving the server busy.
    progress = st.progress(0.0, text="Training a net for each λ…")
    for i, lam in enumerate(LAMBDA_GRID):
        lam_rows.append(data.regularisation_point(corpus.words.digest, corpus.split is not None, lam, corpus))
        progress.progress((i + 1) / len(LAMBDA_GRID), text=f"Training a net for each λ… {i + 1}/{len(LAMBDA_GRID)}")
    progress.empty()
lam_sweep = pd.DataFrame(lam_rows, columns=["λ", "lr", "train", "dev"][: 4 if corpus.split else 3])
components.xy(figures_live.sweep_payload(k_sweep, lam_sweep), key="compare_sweep")
if corpus.split is not None:
    held_out = "Dev NLL (orange) is lowest at a small k or λ: exercise E03."
elif st.session_state.get(state.SPLIT_KEY):
    held_out = "The list is too small to hold out dev words, so there are no held-out curves."
else:
    held_out = "Turn on the dev/test split in the sidebar to see the held-out curves."
st.caption(
    "Left: the counts model for each k. Right: the net trained 600 steps (counts mode, lr 50, halved where it "
    "would oscillate) for each λ"
    + (
        "."
        if corpus.vocab.size <= SWEEP_MAX_V
        else f": skipped, since V = {corpus.vocab.size:,} would train {len(LAMBDA_GRID)} nets of "
        f"{corpus.vocab.size**2:,} weights (shown up to V = {SWEEP_MAX_V})."
    )
    + " "
    + held_out
)

# --- samples ---
st.subheader("Samples with the same seed and random stream")
training = corpus.train_set
counts_sampler = Sampler(corpus.train.with_k(k), seed=seed, stream=stream, training_words=training)
net_sampler = Sampler(t.model(), seed=seed, stream=stream, training_words=training)
pairs = zip(counts_sampler.sample(num), net_sampler.sample(num), strict=True)
st.table(  # a static table: no data-grid code to load, so the page draws sooner
    pd.DataFrame([{"counts model": a.word, "neural net": b.word, "same": a.word == b.word} for a, b in pairs]),
    hide_index=True,
)
