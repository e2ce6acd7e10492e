"""Bounded work on the server: a tick of live training does a tick's worth of steps, however many it is asked
for; a link's `steps` replay runs in bounded chunks with its progress shown (and is cut, with a sentence, past
its limit); what does not fit the server's memory budget is one sentence, and nothing else changes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from apphelpers import cold_caches, component_data, live

from makemore import FullNet, Trainer, make_examples, memory
from makemore.app import sessions


def test_a_tick_takes_the_steps_its_budget_affords(small, small_model, monkeypatch):
    """A tick sizes its chunks from the measured cost of the mode, and stops once its budget is spent: asked for
    1,000 steps, a 50 ms tick of 20 ms steps takes 3 (2 by the measure, 1 more for the time left) and a tick of
    0.01 ms steps takes all 1,000 in one chunk. The clock is the test's: each step costs what the test says."""
    clock = SimpleNamespace(now=0.0)
    monkeypatch.setattr(sessions, "time", SimpleNamespace(perf_counter=lambda: clock.now))
    t = Trainer(FullNet(small_model), examples=make_examples(small, small_model.vocab), mode="onehot")
    chunks = []

    def step(k: int = 1, real=t.step) -> None:  # the real steps, each costing the mode's price on the clock
        chunks.append(k)
        real(k)
        clock.now += k * {"onehot": 0.020, "counts": 0.00001}[t.mode]

    monkeypatch.setattr(t, "step", step)
    ts = sessions.TrainingSession(key=(), trainer=t)
    assert ts.advance(1) == 1 and ts.ms_per_step["onehot"] == pytest.approx(20.0)
    chunks.clear()
    assert ts.advance(1000, budget_s=0.05) == 3 and chunks == [2, 1] and t.steps == 4
    t.mode = "counts"
    ts.advance(1)
    chunks.clear()
    assert ts.advance(1000, budget_s=0.05) == 1000 and chunks == [1000]


def replay_progress(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_a_long_replay_is_done_in_chunks_with_its_progress(app, names_model, monkeypatch):
    monkeypatch.setattr(sessions, "REPLAY_CHUNK_S", 0.002)  # a chunk of a few steps: the replay takes many runs
    at = app("training", steps="400", lr="20")
    assert not at.exception
    shown = replay_progress(at)
    assert shown and "Replaying the link's training: step" in shown[0] and "of 400" in shown[0]
    with pytest.raises(KeyError):
        component_data(at, "train_live")  # the page waits for the replay: no live panel yet
    for _ in range(400):
        if not replay_progress(at):
            break
        at.run()
    assert not at.exception and not replay_progress(at)
    t = Trainer(FullNet(names_model), lr=20.0)
    t.step(400)
    assert live(at)["step"] == "400"
    assert live(at)["loss"] == pytest.approx(t.history.loss[-1], abs=1e-6)


def test_a_replay_past_its_time_is_cut_and_says_so(app, monkeypatch):
    monkeypatch.setattr(sessions, "REPLAY_CHUNK_S", 0.002)
    monkeypatch.setattr(sessions, "MAX_REPLAY_S", 0.02)
    at = app("compare", steps="50000")
    for _ in range(200):
        if not replay_progress(at):
            break
        at.run()
    assert not at.exception
    said = " ".join(i.value.replace("\\", "") for i in at.info)
    assert "The link asks for step 50,000; replaying stopped at step" in said and "the most a link may take" in said


def test_an_order_that_does_not_fit_the_budget_is_one_sentence(app, monkeypatch):
    cold_caches()  # a fresh server: what earlier tests' shared lists hold would count against the 40 MB
    monkeypatch.setattr(memory, "_limit", 40 * 2**20)  # a server with 40 MB to spare
    at = app("counts", order="6")
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.error]
    assert len(said) == 1 and "would need" in said[0] and "choose a lower order" in said[0], said
    assert at.sidebar  # the sidebar stays, to choose another order
