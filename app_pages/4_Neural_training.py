"""Neural training, live: gradient descent on W while lr and λ move (lecture steps 8-10), at any order n (the
sidebar's), for any net of the registry (`python -m makemore models`)."""

import math

import streamlit as st

from makemore import MODES, exports, health
from makemore.app import address, components, current, dataset, frame, mlp_training, settings
from makemore.app.text import explain
from makemore.models import registry
from makemore.views.format import ngram_name, number
from makemore.views.heatmaps import MAX_HEATMAP_CHARS

# Seconds between server ticks while training. The browser plays each tick's points out frame by frame, so the
# curve moves smoothly at any tick rate; a shorter tick costs every visitor's server time (see the load test).
TICK_S = 0.25
NETS = registry.nets()
NET_HELP = registry.describe(NETS)

corpus = dataset.corpus()
n = address.order()
gram = ngram_name(n)
st.title("Neural training, live")
if registry.get(str(address.setting("net"))).minibatch:  # makemore part 2's MLP: its own page body
    mlp_training.show(corpus, n)
    st.stop()
if n == 2:
    explain(
        "One linear layer: `xenc = F.one_hot(xs).float()`, `logits = xenc @ W`, `counts = logits.exp()`, "
        "`probs = counts / counts.sum(1, keepdims=True)`, `loss = -probs[arange, ys].log().mean() + "
        "λ·(W**2).mean()`, then `W -= lr * W.grad`. With λ = 0 the loss falls to the counts model's NLL (dashed "
        "line): the net learns `W ≈ log N`. λ pulls W towards 0, i.e. towards uniform, like add-k smoothing."
    )
elif n == 1:
    explain(
        "The lecture's one linear layer at order 1, the unigram: there is no context, so W is one row of V logits "
        "and `softmax(W)` learns how often each character (and the end of a word) occurs. With λ = 0 the loss "
        "falls to the unigram counts model's NLL (dashed line). The lecture's lr 50 is too large for one row "
        "holding every example: the page says so and offers a stable one."
        + "".join(f" There is no {e.name} net at n = 1." for e in NETS if not e.exists_at(1))
    )
else:
    explain(
        f"The lecture's one linear layer at order {n} ({gram}s: each character from the {n - 1} before it). "
        + " ".join(f"**{e.name}**: " + e.cls.explanation.format(gram=gram) for e in NETS if not e.minibatch)
    )

c = st.columns([3, 2, 2, 3, 2, 3])
names = tuple(e.name for e in NETS)
net = c[0].radio("Net", names, format_func=settings.shown("net"), help=NET_HELP, **address.bound("net", names))
lr = c[1].number_input("Learning rate", 1e-6, 1e6, step=10.0, format="%g", **address.bound("lr"))
lam = c[2].number_input("λ (regularisation)", 0.0, 1000.0, step=0.01, format="%g", **address.bound("lam"))
mode = c[3].radio(
    "Compute mode",
    MODES,
    format_func=settings.shown("mode"),
    help="counts: loss and gradient from N alone (O(rows of W × V) a step); index: W[xs] with cross_entropy; "
    "onehot: the lecture's one_hot(xs) @ W over every example. Same losses, different cost.",
    **address.bound("mode", MODES),
)
speed = c[4].select_slider(
    "Steps per update",
    settings.SPEEDS,
    help=f"steps per update, every {TICK_S} s, capped at about 50 ms of work",
    **address.bound("speed"),
)
c[5].number_input("Seed of W (at reset)", 0, settings.MAX_SEED, **address.bound("init"))
try:
    ts = current.training(corpus)
except ValueError as e:  # a net this order cannot have (no context at n = 1): said, and the radio above fixes it
    st.error(current.net_problem(e))
    st.stop()
t = ts.trainer
t.lr, t.lam, t.mode = lr, lam, mode
try:
    t.check_settings()
    problem = None
except ValueError as e:
    problem = f"Cannot train: {e}."
    ts.running = False

b = st.columns(5)
current.training_buttons(
    b, ts, speed, blocked=bool(t.diverged or problem), reset_help="back to W = randn(seed), step 0"
)
b[4].button(
    "Measure modes",
    key="train_measure",
    help="time one step of each mode on this data",
    on_click=current.measure_modes,
    args=(ts, corpus),
)
# Messages that come and go live in one container that is always there: an element appearing above the live
# panel would shift its place in the page, and Streamlit would re-create the panel (a blank frame).
with st.container():
    for message in (problem, t.diverged):
        if message:
            st.error(message)
    measured = [f"{m}: {ts.ms_per_step[m]:.3g} ms/step" for m in MODES if m in ts.ms_per_step]
    if measured:
        st.caption("Measured here: " + " · ".join(measured))


# The floor: the counts model of the same order and windows, on the same training words (the net's target at
# λ = 0; a net with a row per context reaches it, others may stay above).
counts = current.counts_model(corpus)
floor = counts.evaluate(k=0).mean_nll
dev_floor = None
dev_examples = current.dev_examples(corpus)
if dev_examples is not None:
    dev = counts.evaluate(dev_examples, k=0).mean_nll
    dev_floor = dev if math.isfinite(dev) else None
train_examples = current.train_examples(corpus)
ts.full_pending = True  # this is a full page run: the panel may have been re-created, so send it everything


# The curvature bound on a stable lr: the net's own (`stable_lr` in its model file).
lr_safe = t.model.stable_lr(t.lam)
unit = f"{gram}s"  # what the diagnosis calls the examples: the lecture's bigrams at n = 2


def use_lr(lr: float) -> None:
    address.set_setting("lr", lr)
    t.lr = lr


@frame.fragment(run_every=TICK_S if ts.running else None)
def live_panel():
    """One tick: a bounded chunk of steps, then only the new points (and W) to the panel, updated in place."""
    if ts.running:
        ts.advance(speed)
        if not ts.running:  # diverged during this tick: a full rerun stops the timer and enables Reset
            st.rerun()
    components.training_panel(ts, corpus, counts_nll=floor, dev_floor=dev_floor)
    nll = t.model.evaluate(train_examples).mean_nll
    st.caption(
        f"W after step {t.steps:,}: data NLL {number(nll)} (the Compare page's number). "
        "The curve plots each step's loss before its update, as the lecture prints it."
    )
    st.caption(
        f"Counts floor ({gram} counts model, k = 0): {number(floor)} · net − counts floor: {number(nll - floor, '+.4f')}"
        + t.model.floor_note(gram)
    )
    if ts.waiting:
        st.info(
            "Waiting for memory: other visitors are training in the onehot or index mode, which hold hundreds of "
            "megabytes a step. This net goes on when they finish; the counts mode never waits."
        )
    advice = health.diagnose(t.history, corpus.vocab.size, lr_safe, unit)
    if advice:
        st.warning(advice)
        if st.button(
            f"Use lr = {health.offer(lr_safe):g}",
            key="train_use_safe_lr",
            help="continue from this W with the stable learning rate (nothing else changes)",
            on_click=use_lr,
            args=(health.offer(lr_safe),),
        ):
            st.rerun()  # the whole page, so the learning-rate box shows the new value
    if corpus.vocab.size > MAX_HEATMAP_CHARS:
        st.caption(f"V = {corpus.vocab.size}: W is too large to draw as a heatmap.")


live_panel()


def downloads() -> None:
    """The net's parameters (W) and the loss history as files; made when clicked (not on every run), from the net
    as it is then."""
    params = list(t.model.parameters())
    d = st.columns(len(params) + 3)
    for i, name in enumerate(params):
        d[i].download_button(
            f"{name} (.npy)",
            lambda name=name: exports.weights_npy(t.model.parameters()[name]),
            file_name=f"{name}.npy",
            mime="application/octet-stream",
            on_click="ignore",
            key=f"dl_{name}_npy",
        )
    every = "_".join(params)
    d[len(params)].download_button(
        f"{', '.join(params)} (.pt, plain tensors)",
        lambda: exports.weights_pt(t.model.parameters(), corpus.vocab.itos, t.steps),
        file_name=f"{every}.pt",
        mime="application/octet-stream",
        on_click="ignore",
        key=f"dl_{every}_pt",
    )
    d[len(params) + 1].download_button(
        "Loss history (CSV)",
        lambda: exports.history_csv(t.history),
        file_name="loss_history.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_history",
    )


downloads()
# The net's step travels in the link (`?steps=N` replays to it); a full run, not every tick, writes it.
if t.steps:
    st.query_params["steps"] = str(t.steps)
else:
    st.query_params.pop("steps", None)
