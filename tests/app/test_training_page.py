"""The neural training page: step, start/pause, lr and λ mid-training, divergence and reset, modes."""

from __future__ import annotations

from apphelpers import PAGE, live, upload


def losses(at) -> list[float]:
    """The total loss per step as the live panel was sent it (AppTest runs the whole page: a full payload)."""
    return [p[1] for p in live(at)["points"]]


def step(at) -> str:
    return live(at)["step"]


def test_runs_clean_and_nothing_trains_on_load(app):
    at = app("training")
    assert not at.exception
    assert step(at) == "0"


def test_step_grows_the_history_and_the_loss_falls(app):
    at = app("training")
    at.button(key="train_step").click().run()
    at.button(key="train_step").click().run()
    ys = losses(at)
    assert len(ys) == 20
    assert abs(ys[0] - 3.7702) < 1e-4 and ys[-1] < ys[0]


def test_start_runs_ticks_and_pause_stops(app):
    at = app("training")
    at.button(key="train_start").click().run()
    assert step(at) == "10"
    at.run()  # each rerun while running is one tick of the fragment
    assert step(at) == "20"
    at.number_input(key="lr").set_value(10.0).run()  # changed while running
    at.number_input(key="lam").set_value(0.0).run()
    assert step(at) == "40"
    at.button(key="train_pause").click().run()
    steps = step(at)
    at.run()
    assert step(at) == steps == "40"
    ts = at.session_state["mm_training"]
    assert ts.trainer.history.lr[:20] == [50.0] * 20 and ts.trainer.history.lr[-10:] == [10.0] * 10
    assert ts.trainer.history.lam[-1] == 0.0


def test_divergence_shows_its_message_and_reset_recovers(app):
    at = app("training")
    at.number_input(key="lr").set_value(10000.0).run()
    at.button(key="train_start").click().run()
    assert at.error and "diverged" in at.error[0].value
    assert not at.session_state["mm_training"].running
    assert at.button(key="train_start").disabled
    at.number_input(key="lr").set_value(50.0).run()
    at.button(key="train_reset").click().run()
    assert not at.error and step(at) == "0"
    at.button(key="train_step").click().run()
    assert step(at) == "10"


def test_modes_agree_and_are_measured(app):
    at = upload(app("home"), "w.txt", "\n".join(["emma", "olivia", "ava", "mia", "sophia"] * 30).encode())
    at.switch_page(PAGE["training"]).run()
    results = {}
    for mode in ("counts", "index", "onehot"):
        at.radio(key="mode").set_value(mode).run()
        at.button(key="train_reset").click().run()
        at.button(key="train_step").click().run()
        assert not at.exception, mode
        results[mode] = losses(at)
    for mode in ("index", "onehot"):
        assert max(abs(a - b) for a, b in zip(results["counts"], results[mode], strict=True)) < 1e-4
    at.button(key="train_measure").click().run()
    assert any("counts:" in c.value and "onehot:" in c.value for c in at.caption)


def test_dev_curve_with_the_split(app):
    at = app("training")
    at.toggle(key="split").set_value(True).run()
    at.button(key="train_step").click().run()
    points = live(at)["points"]
    assert len(points) == 10 and all(p[3] is not None and p[3] > 0 for p in points)  # a dev NLL at every step
