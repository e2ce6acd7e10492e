"""A visitor's live work: the training session (bounded ticks, its rate, the link's replay) and the sampler's.

Everything here is bounded and cancellable. A tick of training does at most ~50 ms of work; a link's `?steps=N`
is replayed in chunks of the same kind, one per browser tick (`await_replay`), so when the visitor leaves (closes
the tab, changes page) the ticks stop and so does the work. Memory comes from the one budget of the process
(`makemore.memory`): a step of the onehot or index mode that does not fit now waits for the next tick.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

import streamlit as st
import torch

from makemore import memory
from makemore.sampling import Sampler
from makemore.train import Trainer

RATE_WINDOW_S = 2.0  # "steps / s" is measured over this much wall time (ticks jitter; one tick says little)
MAX_REPLAY = 100_000  # steps a link may replay
MAX_REPLAY_S = 30.0  # seconds of the server's work a link's replay may take in all (it is cut there, and says so)
REPLAY_TICK_S = 0.25  # a replay's chunks come this often while its page is open ...
REPLAY_CHUNK_S = 0.1  # ... each at most this much work (a full page run does one first: short replays finish there)
# A Step click's work. A minibatch net's steps per click are counted from its shape (`MLP.step_macs`), not timed:
# the same clicks give the same run on any machine, however busy, and the largest net a page allows takes ~25
# steps a click (~0.15 s here) instead of a tick's 1,000 (5.6 s). The time limit only guards a pathological machine.
CLICK_MACS = 2_000_000_000
CLICK_LIMIT_S = 2.0


@dataclass
class TrainingSession:
    """A trainer bound to one corpus, plus what the live page needs: running or not, its speed, what the live
    panel in the browser has already been sent, and the link's replay still to do."""

    key: tuple  # (dataset digest, split on, order, windows, net) it was built for
    trainer: Trainer
    running: bool = False
    ms_per_step: dict[str, float] = field(default_factory=dict)  # measured, per compute mode
    marks: deque = field(default_factory=deque)  # (time, steps) at recent ticks, for the smoothed rate
    sent: int = 0  # history entries the live panel has been sent
    sent_gen: int = -1  # of which net (Trainer.generation)
    full_pending: bool = True  # the next panel update sends everything (set by every full page run)
    waiting: bool = False  # the last tick found no memory in the server's budget for the onehot/index mode
    replay_to: int = 0  # the step a link asks for, while its replay is under way (0: none)
    replay_asked: int = 0  # the step the link asked for (maybe more than the most a link may replay)
    replay_spent: float = 0.0  # seconds of work the replay has taken so far
    replay_gen: int = -1  # the net (Trainer.generation) the replay trains: a reset ends it
    eval_s: float = 0.0  # what the last whole-set evaluation took (a minibatch model's), in seconds of work
    eval_at: float = -math.inf  # when it was done (perf_counter)
    eval_pause: bool = False  # paused: the whole sets are still owed at the step it stopped on
    scoring: tuple | None = None  # an evaluation under way: (step, generation, train score, dev score, work so far)

    def advance(self, max_steps: int, budget_s: float = 0.05) -> int:
        """Up to `max_steps` steps, stopping once `budget_s` of work is done (at least one step): one tick of
        the live page. Chunks are sized from the measured cost of the mode, so an expensive mode (onehot on a
        big list) takes one step a tick instead of blocking. Stops running on divergence. The onehot and index
        modes first reserve their working memory from the process's budget, shared by every visitor; without
        it the tick does nothing (`waiting` says so) and the next one tries again."""
        t = self.trainer
        if t.mode == "counts":
            self.waiting = False
            return self._advance(max_steps, budget_s)
        try:
            with memory.transient(t.working_bytes(), f"a step of the {t.mode} mode"):
                self.waiting = False
                return self._advance(max_steps, budget_s)
        except memory.MemoryBudgetError:
            self.waiting = True
            self.mark()
            return 0

    def step_click(self, speed: int) -> int:
        """The Step button: `speed` steps (one tick's worth), or for a minibatch net as many of them as
        CLICK_MACS of work allows (at least one). The lecture's MLP at 1,000 steps a tick takes all 1,000."""
        t = self.trainer
        steps = speed
        if t.minibatch:
            steps = min(speed, max(1, CLICK_MACS // t.model.step_macs(t.batch_size)))
        return self.advance(steps, CLICK_LIMIT_S)

    def _advance(self, max_steps: int, budget_s: float) -> int:
        t = self.trainer
        start = time.perf_counter()
        done = 0
        while done < max_steps and not t.diverged:
            spent = time.perf_counter() - start
            if done and spent > budget_s:
                break
            ms = self.ms_per_step.get(t.mode)
            affordable = int((budget_s - spent) * 1000 / ms) if ms else 1
            n = max(1, min(max_steps - done, affordable))
            before, chunk_start = t.steps, time.perf_counter()
            t.step(n)
            if t.steps == before:
                break
            done += t.steps - before
            self.ms_per_step[t.mode] = 1000 * (time.perf_counter() - chunk_start) / (t.steps - before)
        self.mark()
        if t.diverged:
            self.running = False
        return done

    def mark(self, now: float | None = None) -> None:
        """Note the step count now; marks older than RATE_WINDOW_S (but the newest two) are dropped."""
        now = time.perf_counter() if now is None else now
        self.marks.append((now, self.trainer.steps))
        while len(self.marks) > 2 and now - self.marks[1][0] >= RATE_WINDOW_S:
            self.marks.popleft()

    @property
    def steps_per_s(self) -> float | None:
        """Steps per second over the last RATE_WINDOW_S of wall time (idle time between ticks included, so it
        is the rate a person sees), or None until two ticks are known.

        >>> ts = TrainingSession(key=(), trainer=None)
        >>> ts.marks.extend([(0.0, 0), (0.5, 10), (1.0, 25)])
        >>> ts.steps_per_s
        25.0
        """
        if len(self.marks) < 2:
            return None
        (t0, s0), (t1, s1) = self.marks[0], self.marks[-1]
        # under a second of history (just started) says more about one tick's jitter than about the rate
        return (s1 - s0) / (t1 - t0) if t1 - t0 >= RATE_WINDOW_S / 2 else None

    def pause(self) -> None:
        """Stop the ticks. No memory is awaited any more, and a minibatch model's whole sets are evaluated at
        the step it stopped on (its next tick, not EVAL_EVERY later)."""
        self.running = False
        self.waiting = False
        self.eval_at = -math.inf
        self.eval_pause = True

    def start(self) -> None:
        self.running = True
        self.eval_pause = False
        self.marks.clear()
        self.mark()

    # --- a link's `?steps=N`: replayed in bounded chunks -------------------------------------------------------

    def ask_replay(self, steps: int) -> None:
        """Train this new net to the link's step, a chunk at a time (`replay_chunk`)."""
        self.replay_asked = steps
        self.replay_to = min(steps, MAX_REPLAY)
        self.replay_gen = self.trainer.generation

    @property
    def replaying(self) -> bool:
        t = self.trainer
        return self.replay_gen == t.generation and self.replay_to > t.steps and not t.diverged

    def replay_chunk(self, budget_s: float) -> str | None:
        """Up to `budget_s` of the replay's work, in the counts mode (the same losses as the other modes, to
        float32 rounding, at a fraction of the cost). Returns a sentence when the replay ended short of the
        link's step (cut, diverged, or settings that cannot train), else None."""
        t = self.trainer
        mode, t.mode = t.mode, "counts"
        start = time.perf_counter()
        try:
            self._advance(self.replay_to - t.steps, budget_s)
        except ValueError as e:  # settings that cannot train: the page says so; nothing more is replayed
            self.replay_to = 0
            return f"The link's {self.replay_asked:,} steps were not replayed: {e}"
        finally:
            t.mode = mode
            self.replay_spent += time.perf_counter() - start
        if t.diverged:
            self.replay_to = 0
            return f"Replaying the link's {self.replay_asked:,} steps: {t.diverged}"
        if self.replaying and self.replay_spent >= MAX_REPLAY_S:
            self.replay_to = 0
            return (
                f"The link asks for step {self.replay_asked:,}; replaying stopped at step {t.steps:,} after "
                f"{MAX_REPLAY_S:.0f} s of the server's time, the most a link may take (Start trains on)."
            )
        if not self.replaying and self.replay_asked > MAX_REPLAY:
            self.replay_to = 0
            return f"The link asks for step {self.replay_asked:,}; replayed to {MAX_REPLAY:,}, the most a link may."
        return None


def await_replay(ts: TrainingSession, notice_key: str) -> None:
    """Before a page shows the net: if a link's replay is under way, do one chunk now; if it is still not done,
    show its progress and stop the page here. The progress is a fragment that does one more chunk every
    REPLAY_TICK_S while the page is open (the browser drives those ticks: a closed tab stops the work) and reruns
    the whole page when the replay is done. A sentence about how it ended is left in `st.session_state[notice_key]`.
    """
    if not ts.replaying:
        return
    said = ts.replay_chunk(REPLAY_CHUNK_S * 2)
    if said:  # said at the top of the page, where notices are: a run of its own
        st.session_state[notice_key] = said
        st.rerun()
    if not ts.replaying:
        return

    @st.fragment(run_every=REPLAY_TICK_S)
    def progress():
        ended = ts.replay_chunk(REPLAY_CHUNK_S)
        if ended:
            st.session_state[notice_key] = ended
        if not ts.replaying:
            st.rerun(scope="app")
        t = ts.trainer
        st.progress(
            t.steps / ts.replay_to,
            text=f"Replaying the link's training: step {t.steps:,} of {ts.replay_to:,} "
            f"(learning rate {t.lr:g}, λ {t.lam:g}); the page appears when it is done.",
        )

    progress()
    st.stop()


@dataclass
class SamplingSession:
    key: tuple  # every setting the sampler depends on; a change restarts it
    sampler: Sampler
    P: torch.Tensor  # (rows, V) float64: the model's rows before temperature and top-k, for the page's heatmap
