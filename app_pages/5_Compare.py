"""Counts model and neural net side by side (lecture steps 9-11, exercises E01-E03), at the sidebar's order n and
windows: the losses, P against the net's probabilities, the k and λ sweeps, samples with the same seed."""

import math

import streamlit as st

from makemore import STREAMS, Sampler
from makemore.app import address, components, current, data, dataset, keys, mlp_compare, settings
from makemore.app.text import as_text, explain
from makemore.models import registry
from makemore.sweeps import LAMBDA_GRID, SWEEP_MAX_CELLS, SWEEP_MAX_V
from makemore.train import step_cells
from makemore.views import heatmaps, slices, tables, xy
from makemore.views.format import MISSING, ngram_name, number
from makemore.windows import word_start_codes

NETS = registry.nets()

LAM_SWEEPS = "mm_compare_lam_sweeps"  # the (dataset, split, order, windows, net) whose λ sweep a person asked for

corpus = dataset.corpus()
n, windows = address.order(), address.windows()
gram = ngram_name(n)
try:
    ts = current.training(corpus)
    problem = None
except ValueError as e:  # a net this order cannot have (no context at n = 1): said under the Net radio
    ts, problem = None, current.net_problem(e)
st.title("Counts model vs neural net")
if n == 2:
    explain(
        "Both models give a next-character distribution for each character: the counts model's row of `P`, the "
        "net's `softmax(W[ix])`. Trained with λ = 0 the net converges to `P` itself, so the losses, the "
        "probabilities and the samples meet; λ and k both pull towards uniform."
    )
else:
    explain(
        f"Order {n}: both models give a next-character distribution for each context of {n - 1} character(s): the "
        f"{gram} counts model's row of `P`, the net's softmax of its logits ("
        + "; ".join(f"the {e.name} net: {e.cls.logits_from}" for e in NETS)
        + "). Trained with λ = 0 "
        + "; ".join(f"the {e.name} net {e.cls.at_lambda_0}" for e in NETS)
        + ". λ and k both pull towards uniform."
    )
with st.container():  # comes and goes: in a container that is always there
    if ts is not None and ts.trainer.steps == 0:
        st.info("The net is at step 0 (random W). Train it on the Neural training page to watch the two meet.")

c = st.columns([2, 2, 3, 2])
names = tuple(e.name for e in NETS)
net = c[0].radio(
    "Net", names, format_func=settings.shown("net"), help=registry.describe(NETS), **address.bound("net", names)
)
k = address.setting("k")  # the sidebar's
seed = int(c[1].number_input("Seed", 0, settings.MAX_SEED, **address.bound("seed")))
stream = c[2].radio(
    "Random stream",
    STREAMS,
    format_func=settings.shown("stream"),
    **address.bound("stream", STREAMS),
)
num = int(c[3].number_input("Samples", 1, 50, **address.bound("num")))
if ts is None:
    st.error(problem)
    st.stop()
t = ts.trainer
if n != 2:
    st.caption(f"Order {n} ({gram}s) · {windows} windows · the {t.net} net, step {t.steps:,}")

# --- losses ---
counts = current.counts_model(corpus)  # the sidebar's order and windows, on the training words, at k = 0
train_ex, dev_ex = current.train_examples(corpus), current.dev_examples(corpus)
counts_name = f"counts (k={k:g})" if n == 2 else f"{gram} counts (k={k:g})"
net_name = f"neural (step {t.steps}, λ={t.lam:g})" if n == 2 else f"{t.net} net (step {t.steps}, λ={t.lam:g})"
if t.minibatch:  # the MLP has no λ
    net_name = f"{t.net} (step {t.steps:,})"
counts_train = counts.evaluate(k=k).mean_nll
# the MLP's whole-set losses are kept per step (a pass over every example); a one-layer net's are a step's work
net_train = t.evaluate()[0] if t.minibatch else t.model.evaluate(train_ex).mean_nll
rows = [
    {"model": counts_name, "split": "train", "NLL": counts_train},
    {"model": net_name, "split": "train", "NLL": net_train},
]
if dev_ex is not None:
    rows.insert(1, {"model": counts_name, "split": "dev", "NLL": counts.evaluate(dev_ex, k=k).mean_nll})
    net_dev = t.evaluate()[1] if t.minibatch else t.model.evaluate(dev_ex).mean_nll
    rows.append({"model": net_name, "split": "dev", "NLL": net_dev})
cols = st.columns(3)
cols[0].metric(
    f"counts model (k = {k:g}) NLL (train)",
    number(counts_train),
    help=f"the {gram} counts model of the training words at the sidebar's k",
)
cols[1].metric(
    "neural net NLL (train)",
    number(net_train),
    help=f"of W after step {t.steps:,}: the number the training page gives under its chart",
)
cols[2].metric(
    "gap (neural − counts)",
    MISSING if math.isinf(counts_train) else number(net_train - counts_train, "+.4f"),
    help="; ".join(f"the {e.name} net at λ = 0 {e.cls.at_lambda_0}" for e in NETS) + " (at k = 0)",
)
itos = corpus.vocab.itos
large = address.presenting()
left, right = st.columns([2, 3])
with left:
    st.table(as_text(tables.nll_table(rows)), hide_index=True)
with right:
    if n == 2:
        P, Q = counts.P(k), t.model.probs()  # V×V: every cell of the lecture's P against softmax(W)
        scatter = xy.scatter(P, Q, itos, large=large)
    else:
        # Every context seen in training (the rows the likelihood reads), the net's distribution for each, through
        # softmax.
        seen = counts.table.seen
        codes = counts.table.codes[seen]
        Q_seen = t.model.log_probs(codes).exp()
        scatter = xy.seen_contexts_scatter(counts.P(k)[seen], Q_seen, itos, codes, n, t.net, large=large)
    components.chart(scatter, key="compare_scatter")

if t.minibatch:  # makemore part 2's MLP beside the counts model and the one-layer nets of the same order
    st.subheader(f"The MLP beside the {gram} counts model and the one-layer nets")
    nets_key = (corpus.words.digest, corpus.split is not None, n, windows, "one-layer nets")
    asked = st.session_state.setdefault(LAM_SWEEPS, set())  # the same "trained on a click" as the λ sweep
    with st.spinner("Training the one-layer nets…"):
        table, said, ask = mlp_compare.rows(corpus, counts, t, dev_ex, n, windows, asked=nets_key in asked)
    st.table(as_text(tables.nll_table(table)), hide_index=True)
    st.caption(said)
    if ask:
        st.button(
            f"Train the {' and '.join(ask)} nets of order {n} beside it (a few seconds each)",
            key="compare_mlp_nets",
            on_click=asked.add,
            args=(nets_key,),
        )

# --- the two matrices ---
if n == 2:
    st.subheader("P against softmax(W)")
else:
    st.subheader(f"P against the net's probabilities: {slices.word_start_name(n, itos)}")
if corpus.vocab.size <= heatmaps.MAX_HEATMAP_CHARS:
    if n == 2:
        P_view, Q_view, row_labels = P, Q, None
    else:
        # The V×V slice of V^(n−1) contexts the other pages draw: the word-start contexts (n−2 boundaries + c).
        s = slices.context_slice(counts, corpus.vocab.boundary * (n - 2) if n >= 3 else "", k)
        P_view, row_labels = s.P, s.row_labels
        Q_view = t.model.log_probs(word_start_codes(n, corpus.vocab.size)).exp()
    pictures = heatmaps.compare_heatmaps(P_view, Q_view, itos, k, n, t.model.probs_title(), row_labels, large)
    for column, picture, key in zip(st.columns(3), pictures, ("compare_P", "compare_Q", "compare_diff"), strict=True):
        with column:
            components.chart(picture, key=key)
else:
    st.caption(f"V = {corpus.vocab.size}: too many characters for side-by-side heatmaps; the scatter shows every cell.")

# --- k and λ ---
st.subheader("Smoothing ↔ regularisation")
digest, split_on = corpus.words.digest, corpus.split is not None
k_sweep = data.smoothing_sweep(digest, split_on, n, windows, corpus)
# The λ sweep trains 8 nets of this order (600 steps each): at order 2 as ever (V ≤ SWEEP_MAX_V); at other
# orders at once while as cheap as that, on a click up to SWEEP_MAX_CELLS a step (the names' trigram), else not.
cells = step_cells(counts, t.net)
if t.minibatch:
    lam_state = "none"  # the MLP is trained without an L2 term, as in the lecture
elif n == 2:
    lam_state = "run" if corpus.vocab.size <= SWEEP_MAX_V else "skipped"
else:
    lam_state = "run" if cells <= SWEEP_MAX_V**2 else ("ask" if cells <= SWEEP_MAX_CELLS else "skipped")
sweep_key = (digest, split_on, n, windows, t.net)
asked = st.session_state.setdefault(LAM_SWEEPS, set())
lam_rows = []
with st.container():  # the button and the progress come and go: in a container that is always there
    if lam_state == "ask" and sweep_key not in asked:
        st.button(  # its callback runs before the page: the run it starts shows the sweep, not the button
            f"Train the λ sweep: {len(LAMBDA_GRID)} {t.net} nets of order {n}",
            key="compare_lam_sweep",
            help=f"a few seconds: each step of this net touches {cells:,} cells",
            on_click=asked.add,
            args=(sweep_key,),
        )
    if lam_state == "run" or (lam_state == "ask" and sweep_key in asked):
        # One λ at a time with progress between: each piece is well under a second, and a visitor who leaves or
        # changes a setting stops the run at the next piece instead of leaving the server busy.
        progress = st.progress(0.0, text="Training a net for each λ…")
        for i, lam in enumerate(LAMBDA_GRID):
            lam_rows.append(data.regularisation_point(digest, split_on, n, windows, t.net, lam, corpus))
            progress.progress((i + 1) / len(LAMBDA_GRID), text=f"Training a net for each λ… {i + 1}/{len(LAMBDA_GRID)}")
        progress.empty()
lam_sweep = tables.lambda_sweep(lam_rows, dev=bool(corpus.split))
for column, picture, key in zip(
    st.columns(2), xy.sweeps(k_sweep, lam_sweep, large), ("compare_sweep_k", "compare_sweep_lam"), strict=True
):
    with column:
        if key == "compare_sweep_lam" and lam_state == "none":  # no λ to sweep: said, not an empty chart
            st.info(f"No λ sweep for the {t.net}: the lecture trains it without an L2 term.")
            continue
        components.chart(picture, key=key)
if corpus.split is not None:
    held_out = "Dev NLL (orange) is lowest at a small k or λ: exercise E03."
elif st.session_state.get(keys.SPLIT_KEY):
    held_out = "The list is too small to hold out dev words, so there are no held-out curves."
else:
    held_out = "Turn on the dev/test split in the sidebar to see the held-out curves."
if t.minibatch:
    lam_said = f": none for the {t.net}, which the lecture trains without an L2 term (λ does not apply)."
    what = f"the {gram} counts model", f"the {t.net}"
elif n == 2:
    lam_said = (
        "."
        if lam_state == "run"
        else f": skipped, since V = {corpus.vocab.size:,} would train {len(LAMBDA_GRID)} nets of "
        f"{corpus.vocab.size**2:,} weights (shown up to V = {SWEEP_MAX_V})."
    )
    what = "the counts model", "the net"
else:
    lam_said = {
        "run": ".",
        "ask": "." if sweep_key in asked else ": trained when you press the button above (a few seconds).",
        "skipped": f": skipped, since a step of this net touches {cells:,} cells ({len(LAMBDA_GRID)} nets of "
        f"600 steps would take minutes; shown up to {SWEEP_MAX_CELLS:,}).",
    }[lam_state]
    what = f"the {gram} counts model", f"the {t.net} net of order {n}"
st.caption(
    f"Left: {what[0]} for each k. Right: {what[1]} trained 600 steps (counts mode, lr 50, halved where it would "
    "oscillate, skipping rates the λ term alone makes diverge) for each λ" + lam_said + " " + held_out
)
for note in dict.fromkeys(r["note"] for r in lam_rows if r.get("note")):  # a λ no rate trains, said once each
    st.caption(note)

# --- samples ---
st.subheader("Samples with the same seed and random stream")
training = corpus.train_set
counts_sampler = Sampler(counts.with_k(k), seed=seed, stream=stream, training_words=training)
net_sampler = Sampler(t.snapshot(), seed=seed, stream=stream, training_words=training)
words = {
    "counts model": [x.word for x in counts_sampler.sample(num)],
    "neural net": [x.word for x in net_sampler.sample(num)],
}
st.table(as_text(tables.samples_side_by_side(words, same=True)), hide_index=True)  # static: no grid code
