"""The session's models: the counts model of the sidebar's order and windows, the net being trained, the sampler.

Each is built on first use from the corpus and the settings, kept in the session, and built again when what it
depends on changes (the corpus, the order, the windows, the net's kind, a sampler's settings). The live sessions
themselves (bounded ticks, the link's replay, the memory budget) are `sessions.py`.
"""

from __future__ import annotations

import time

import streamlit as st

from makemore import memory
from makemore.config import MODES
from makemore.models import registry
from makemore.models.mlp import parse_schedule
from makemore.sampling import Sampler
from makemore.train import Trainer, live_problem
from makemore.windows import OrderError

from . import settings
from .address import order, setting, windows
from .keys import LINK_STEPS, NOTICE, SAMPLE_NOTICE, SAMPLING, TRAINING
from .sessions import SamplingSession, TrainingSession, await_replay
from .text import plain


def counts_model(c):
    """The counts model of the sidebar's order and windows, fitted on the training words (all words without the
    split), at k = 0 (`.with_k(k)` for smoothing). An order whose table would not fit stops the page with its
    one-line reason (the sidebar stays, to choose another)."""
    try:
        return c.counts(order(), windows())
    except OrderError as e:
        st.error(plain(str(e)))
        st.stop()


def dev_examples(c):
    """The dev examples of the sidebar's order and windows, or None without a split."""
    return c.examples("dev", order(), windows()) if c.split else None


def train_examples(c):
    return c.examples("train", order(), windows())


def net_problem(error: Exception) -> str:
    """Why the session's net cannot be built (e.g. one that needs context at order 1), as the training and Compare
    pages say it."""
    return registry.get(str(setting("net"))).cls.unavailable(order()) or f"Cannot build this net: {error}."


def training(c) -> TrainingSession:
    """This session's trainer for the corpus `c` (made on first use, and again when the corpus changes)."""
    entry = registry.get(str(setting("net")))
    minibatch = entry.minibatch
    shape = (int(setting("emb")), int(setting("hidden"))) if minibatch else ()
    key = (*c.key, order(), windows(), entry.name, *shape)
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    if ts is None or ts.key != key:
        model = counts_model(c)
        too_slow = live_problem(model, entry.name)
        if too_slow:  # a step that cannot fit a tick is refused, not run
            raise ValueError(too_slow)
        # A new trainer starts from the settings the training page shows (or its link).
        if minibatch:  # makemore part 2's MLP: its shape, its own rate, minibatches and a schedule
            net = entry.build(model, emb=shape[0], hidden=shape[1])
            options = {
                "lr": float(setting("mlr")),
                "batch_size": int(setting("batch")),
                "schedule": parse_schedule(str(setting("sched"))),
            }
        else:
            net = entry.build(model)
            options = {"lr": float(setting("lr")), "mode": setting("mode")}
        trainer = Trainer(
            net,
            examples=train_examples(c),  # built lazily: only the onehot and index modes (and the MLP) read them
            dev=dev_examples(c),
            lam=float(setting("lam")),
            seed=int(setting("init")),
            **options,
        )
        ts = TrainingSession(key=key, trainer=trainer)
        st.session_state[TRAINING] = ts
        _replay_link_steps(ts)
    await_replay(ts, NOTICE)  # a link's replay under way: its progress, and the page waits for it
    return ts


def _replay_link_steps(ts: TrainingSession) -> None:
    """`?steps=N` in a link: the session's first net is trained to step N, deterministically, at the link's lr
    and λ, a bounded chunk at a time (`sessions.await_replay`: a visitor who leaves stops it)."""
    raw = st.session_state.pop(LINK_STEPS, None)  # the link's, once: a later trainer starts at step 0
    if raw and settings.parse("steps", [raw]):
        ts.ask_replay(int(raw))


def sampling(c, *, model: str, k: float, seed: int, stream: str, temperature: float, top_k: int | None):
    """This session's sampler for these settings; any change of setting (or of the net) starts a new one."""
    ts: TrainingSession | None = st.session_state.get(TRAINING)
    # the net's identity: a reset (maybe with another seed) and retraining to the same step is another net
    net_step = (ts.trainer.generation, ts.trainer.steps) if (model == "neural" and ts is not None) else None
    key = (*c.key, order(), windows(), model, k, seed, stream, temperature, top_k, net_step)
    ss: SamplingSession | None = st.session_state.get(SAMPLING)
    if ss is not None and ss.key != key and (ss.sampler.current or ss.sampler.history):
        dropped = len(ss.sampler.history) + bool(ss.sampler.current)
        why = "The net was trained further" if ss.key[:-1] == key[:-1] else "The settings changed"
        st.session_state[SAMPLE_NOTICE] = (
            f"{why}, so the sampler started again from its seed: the {dropped} word(s) drawn before were set "
            "aside (the same settings and Reset draw them again)."
        )
    if ss is None or ss.key != key:
        if model == "neural":
            net = (ts.trainer if ts is not None else training(c).trainer).snapshot()
            model_, P = net, net.probs()
        else:
            m = counts_model(c)
            model_, P = m.with_k(k), m.P(k)
        sampler = Sampler(
            model_,
            seed=seed,
            stream=stream,
            temperature=temperature,
            top_k=top_k,
            training_words=c.train_set,
        )
        ss = SamplingSession(key=key, sampler=sampler, P=P)
        st.session_state[SAMPLING] = ss
    return ss


def training_buttons(cols, ts: TrainingSession, speed: int, *, blocked: bool, reset_help: str) -> None:
    """Start, Pause, Step and Reset of the training page, in the first four of `cols`, for any net. Their callbacks
    run before the page is drawn, so every button already shows the new state; Step is one tick's worth of steps
    (`TrainingSession.step_click`: fewer for a heavy net, so the click answers at once), Reset goes back to the
    seed in the box now (even if it changed with this click)."""

    def reset() -> None:
        ts.running = False
        ts.trainer.reset(int(setting("init")))

    cols[0].button(
        "Start", key="train_start", type="primary", disabled=ts.running or blocked, on_click=ts.start, help="key: Space"
    )
    cols[1].button("Pause", key="train_pause", disabled=not ts.running, on_click=ts.pause, help="key: Space")
    cols[2].button(
        "Step",
        key="train_step",
        help="one tick's worth of steps · keys: → (or a clicker's PageDown)",
        shortcut="Right",
        disabled=blocked,
        on_click=ts.step_click,
        args=(speed,),
    )
    cols[3].button("Reset", key="train_reset", help=reset_help, on_click=reset)


def measure_modes(ts: TrainingSession, c) -> None:
    """Time one step of each compute mode at the current W (on a probe: the session's trainer is untouched). A
    mode too large for the data, or for the server's memory budget right now, is left unmeasured."""
    t = ts.trainer
    probe = Trainer(t.model.copy(), examples=t.examples, lr=t.lr, lam=t.lam)
    probe.model.set_parameters({name: p.clone() for name, p in t.model.parameters().items()})
    for mode in MODES:
        probe.mode = mode
        repeats = 100 if mode == "counts" else 1
        try:
            probe.check_settings()
        except ValueError:
            continue  # too large for this mode; the page says so when it is chosen
        try:  # the same memory budget as training: other visitors may hold it now (measured on a later click)
            with memory.transient(probe.working_bytes(), f"measuring the {mode} mode"):
                start = time.perf_counter()
                for _ in range(repeats):
                    probe.loss_and_grad()
                ts.ms_per_step[mode] = 1000 * (time.perf_counter() - start) / repeats
        except memory.MemoryBudgetError:
            continue
