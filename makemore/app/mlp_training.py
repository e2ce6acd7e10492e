"""Neural training for a minibatch model, makemore part 2's MLP: its settings, the live loss as the lecture plots
it, the whole sets' NLL every so often, its embedding moving, and the learning-rate finder.

The page file (`app_pages/4_Neural_training.py`) hands over here when the chosen net trains on minibatches; the
engine is `makemore/models/mlp.py`, the charts `makemore/views/mlp.py`, the live panel the one every net uses.
Work is bounded as everywhere: a tick trains ~50 ms; a whole-set evaluation starts only when the time since the
last one is at least EVAL_EVERY times the work it took (at most a fifth of the work) and does EVAL_TICK_S a tick,
on a copy of the net, until done; the finder takes its 1,000 steps, or fewer strides when they would pass ~2 s.
"""

from __future__ import annotations

import math
import time

import streamlit as st

from makemore import exports
from makemore.grid import GridRow, best_smoothing
from makemore.models import registry
from makemore.models.mlp import (
    MAX_BATCH,
    MAX_EMB,
    MAX_HIDDEN,
    ChunkedScore,
    finder_steps,
    lr_finder,
    parse_schedule,
    valley,
)
from makemore.views import mlp as mlp_views
from makemore.views.format import ngram_name, number

from . import address, components, current, frame, settings
from .keys import BEST_K, LR_FINDER
from .text import explain

TICK_S = 0.25
EVAL_EVERY = 4.0  # seconds of training between whole-set evaluations, per second one takes
EVAL_TICK_S = 0.04  # seconds of a whole-set evaluation a tick (or a click) does; a large one goes on over ticks
LECTURE_ORDER = 4  # block_size 3


def best_counts_dev(corpus, counts, dev) -> GridRow | None:
    """The counts model of the same order at its best add-k on the dev words (the grid's choice,
    `grid.best_smoothing`), or None without dev words; kept in the session for this list, order and windows:
    eight exact evaluations (~50 ms on the names) are not redone on every click."""
    if dev is None:
        return None
    key = (*corpus.key, counts.order, counts.windows)
    kept = st.session_state.get(BEST_K)
    if kept is None or kept[0] != key:
        kept = st.session_state[BEST_K] = (key, best_smoothing(counts, dev))
    return kept[1]


def show(corpus, n: int) -> None:
    """The page's body for the MLP (after its title)."""
    block = n - 1
    explain(
        "makemore part 2 (Bengio et al. 2003): each character has a learned embedding, a row of `C` (V×d); the "
        f"last {block} character(s) (block_size = order − 1 = {block}) are looked up and laid side by side, "
        "`h = torch.tanh(emb.view(-1, block_size·d) @ W1 + b1)`, `logits = h @ W2 + b2`, "
        "`loss = F.cross_entropy(logits, Y[ix])` on a minibatch `ix = torch.randint(0, len(X), (batch,))`, then "
        "`p.data += -lr * p.grad`. The curve is each step's minibatch loss (noisy: a few examples a step) on a "
        "log axis, as the lecture plots it; the steps are the whole training and dev sets' NLL, evaluated every "
        "few seconds."
    )
    if n != LECTURE_ORDER:
        st.button(
            f"Use the lecture's block_size 3 (order {LECTURE_ORDER})",
            key="mlp_lecture_order",
            on_click=address.set_setting,
            args=("order", LECTURE_ORDER),
            help="the sidebar's order is block_size + 1",
        )
    c = st.columns([3, 2, 3, 2, 3])
    names = registry.names(trainable=True)
    c[0].radio(
        "Net",
        names,
        format_func=settings.shown("net"),
        help=registry.describe(registry.nets()),
        **address.bound("net", names),
    )
    lr = c[1].number_input("Learning rate", 1e-6, 10.0, step=0.01, format="%g", **address.bound("mlr"))
    sched_text = c[2].text_input(
        "Schedule (STEP:LR, …)",
        max_chars=settings.MAX_SCHEDULE_CHARS,
        help="from STEP steps on, the rate is LR; the lecture's: 100000:0.01 (empty: lr throughout)",
        **address.bound("sched"),
    )
    batch = c[3].number_input("Batch size", 1, MAX_BATCH, **address.bound("batch"))
    speed = c[4].select_slider(
        "Steps per update",
        settings.SPEEDS,
        help=f"steps per update, every {TICK_S} s, capped at about 50 ms of work",
        **address.bound("mspeed"),
    )
    d = st.columns([2, 2, 3, 5])
    d[0].number_input("Embedding size d", 1, MAX_EMB, help="2: C drawn as it is", **address.bound("emb"))
    d[1].number_input("Hidden units", 1, MAX_HIDDEN, **address.bound("hidden"))
    d[2].number_input("Seed (at reset)", 0, settings.MAX_SEED, **address.bound("init"))
    try:
        schedule = parse_schedule(sched_text)
        bad_schedule = None
    except ValueError as e:
        schedule, bad_schedule = None, f"{e}; training keeps the schedule it had."
    try:
        ts = current.training(corpus)
    except ValueError as e:
        st.error(current.net_problem(e))
        st.stop()
    t = ts.trainer
    t.lr, t.batch_size = float(lr), int(batch)
    if schedule is not None:
        t.schedule = schedule
    d[3].caption(
        f"{t.model.num_parameters():,} parameters: C {t.model.V}×{t.model.emb}, W1 {block * t.model.emb}×"
        f"{t.model.hidden}, b1, W2 {t.model.hidden}×{t.model.V}, b2 · next step's rate {t.lr_now():g}"
    )

    def find_lr():
        shape = {"emb": t.model.emb, "hidden": t.model.hidden, "batch": t.batch_size}
        examples = current.train_examples(corpus)
        steps = finder_steps(t.model.counts, examples, **shape)  # the lecture's 1,000, or fewer for a large net
        exps, losses = lr_finder(t.model.counts, examples, **shape, seed=t.seed, steps=steps)
        st.session_state[LR_FINDER] = (ts.key, exps, losses, valley(exps, losses))

    b = st.columns([2, 2, 2, 2, 3])  # room for the finder's label in presenter type
    current.training_buttons(b, ts, speed, blocked=bool(t.diverged), reset_help="back to the seed's C, W1, b1, W2, b2")
    b[4].button(
        "Find the learning rate",
        key="mlp_find_lr",
        help="the lecture's finder: 1,000 steps from a fresh net, the rate 10^-3 … 1, one step at each (fewer "
        "for a net too large to take 1,000 in about 2 s)",
        on_click=find_lr,
    )
    with st.container():
        for message in (bad_schedule, t.diverged):
            if message:
                st.error(message)

    counts = current.counts_model(corpus)
    train_floor = counts.evaluate(k=0).mean_nll
    dev_examples = current.dev_examples(corpus)
    best = best_counts_dev(corpus, counts, dev_examples)
    gram = ngram_name(n)
    ts.full_pending = True

    ticking = ts.running or ts.scoring is not None

    @frame.fragment(run_every=TICK_S if ticking else None)
    def live_panel():
        if ts.running:
            ts.advance(speed)
            if not ts.running:
                st.rerun()
        if _evaluate_when_due(ts) != ticking and not ts.running:
            st.rerun()  # paused: ticks start for an evaluation still under way, and stop once it is done
        components.training_panel(
            ts,
            corpus,
            counts_nll=train_floor,
            dev_floor=best.dev_nll if best else None,
            dev_label=f"counts model (k = {best.smoothing:g}, its best), dev" if best else "",
        )
        h = t.history
        if h.evals:
            step, tr, dv = h.evals[-1]
            st.caption(
                f"Whole sets after step {step:,}: train NLL {number(tr)}"
                + (f", dev NLL {number(dv)}" if dv is not None else " (turn on the split for a dev set)")
                + f". The {gram} counts model: train {number(train_floor)} (k = 0)"
                + (f", dev {number(best.dev_nll)} (k = {best.smoothing:g}, its best on dev)." if best else ".")
            )
        points, what = t.model.embedding()
        components.chart(
            mlp_views.embedding_chart(points, corpus.vocab.itos, what, t.steps, large=address.presenting()),
            key="mlp_embedding",
        )

    live_panel()
    found = st.session_state.get(LR_FINDER)
    if found is not None and found[0] == ts.key:
        _, exps, losses, low = found
        components.chart(mlp_views.lr_finder_chart(exps, losses, low, large=address.presenting()), key="mlp_lr_finder")
        st.button(
            f"Use this rate: 10^{low:g} = {10**low:.3g}",
            key="mlp_use_lr",
            on_click=address.set_setting,
            args=("mlr", float(f"{10**low:.3g}")),
            help="the learning rate box takes the valley's rate (the schedule stays)",
        )
    _downloads(t)
    if t.steps:
        st.query_params["steps"] = str(t.steps)
    else:
        st.query_params.pop("steps", None)


def _evaluate_when_due(ts) -> bool:
    """Work on the whole sets' NLL: start an evaluation of the net as it is now when there is none at this step and
    enough time has passed since the last one (EVAL_EVERY × the work it took: at most a fifth of the work, and a
    click is not held up by it) or on a pause (which clears `eval_at`); then do EVAL_TICK_S of it (a large net's
    is spread over several ticks, on a copy of the net as it was). Returns whether one is still under way."""
    t = ts.trainer
    h = t.history
    pending = ts.scoring
    if pending is not None and pending[1] != t.generation:  # a reset since: that net is gone
        pending = ts.scoring = None
    if pending is None:
        if (h.evals and h.evals[-1][0] == t.steps) or time.perf_counter() - ts.eval_at < EVAL_EVERY * ts.eval_s:
            return False
        dev = t.dev_examples
        pending = (t.steps, t.generation, ChunkedScore(t.model, t.examples), dev and ChunkedScore(t.model, dev), 0.0)
    step, gen, train, dev, spent = pending
    start = time.perf_counter()
    done = train.advance(EVAL_TICK_S) and (dev is None or dev.advance(EVAL_TICK_S - (time.perf_counter() - start)))
    spent += time.perf_counter() - start
    if not done:
        ts.scoring = (step, gen, train, dev, spent)
        return True
    t.record_eval(step, train.result().mean_nll, dev.result().mean_nll if dev is not None else None)
    # The next one waits its turn, except that a pause is owed the whole sets at its step: an evaluation under way
    # when Pause was clicked was of an earlier step (before, the page could end on those figures).
    owed = ts.eval_pause and not ts.running and step != t.steps
    ts.eval_pause = owed
    ts.scoring, ts.eval_s, ts.eval_at = None, spent, -math.inf if owed else time.perf_counter()
    return False


def _downloads(t) -> None:
    params = list(t.model.parameters())
    cols = st.columns(3)
    cols[0].download_button(
        f"{', '.join(params)} (.pt, plain tensors)",
        lambda: exports.weights_pt(t.model.parameters(), t.model.vocab.itos, t.steps),
        file_name="mlp.pt",
        mime="application/octet-stream",
        on_click="ignore",
        key="dl_mlp_pt",
    )
    cols[1].download_button(
        "Loss history (CSV)",
        lambda: exports.history_csv(t.history),
        file_name="loss_history.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_history",
    )
