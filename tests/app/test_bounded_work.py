"""Issue 17 under AppTest: a link's `steps` replay runs in bounded chunks with its progress shown (and is cut,
with a sentence, past its limit); what does not fit the server's memory budget is one sentence, and nothing
else changes."""

from __future__ import annotations

import gc

import pytest
from apphelpers import PAGE, component_data, live

from makemore import CountsModel, FullNet, Trainer, Vocab, default_words, memory
from makemore.app import sessions


def replay_progress(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_a_long_replay_is_done_in_chunks_with_its_progress(link, monkeypatch):
    monkeypatch.setattr(sessions, "REPLAY_CHUNK_S", 0.002)  # a chunk of a few steps: the replay takes many runs
    at = link(PAGE["training"], steps="400", lr="20")
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
    names = default_words().words
    t = Trainer(FullNet(CountsModel.from_words(names, Vocab.from_words(names))), lr=20.0)
    t.step(400)
    assert live(at)["step"] == "400"
    assert live(at)["loss"] == pytest.approx(t.history.loss[-1], abs=1e-6)


def test_a_replay_past_its_time_is_cut_and_says_so(link, monkeypatch):
    monkeypatch.setattr(sessions, "REPLAY_CHUNK_S", 0.002)
    monkeypatch.setattr(sessions, "MAX_REPLAY_S", 0.02)
    at = link(PAGE["compare"], steps="50000")
    for _ in range(200):
        if not replay_progress(at):
            break
        at.run()
    assert not at.exception
    said = " ".join(i.value.replace("\\", "") for i in at.info)
    assert "The link asks for step 50,000; replaying stopped at step" in said and "the most a link may take" in said


def test_an_order_that_does_not_fit_the_budget_is_one_sentence(link, monkeypatch):
    monkeypatch.setattr(memory, "_limit", 40 * 2**20)  # a server with 40 MB to spare
    gc.collect()
    at = link(PAGE["counts"], order="6")
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.error]
    assert len(said) == 1 and "would need" in said[0] and "choose a lower order" in said[0], said
    assert at.sidebar  # the sidebar stays, to choose another order
