"""Neural training with makemore part 2's MLP (issue 21): its settings in the link, the live loss and the whole
sets' NLL, the embedding moving, the learning-rate finder, reset, sampling from it and its link replayed."""

from __future__ import annotations

from apphelpers import caption, chart, component_data, live

from makemore.models.mlp import MLPConfig


def mlp(at):
    return at.session_state["mm_training"].trainer


def test_the_mlp_trains_live_from_its_link(app):
    at = app("training", net="mlp", order="4", split="true")
    assert not at.exception, at.exception
    t = mlp(at)
    assert t.model.name == "mlp" and t.model.num_parameters() == 11_897 and t.lr == 0.1 and t.batch_size == 32
    assert t.schedule == ((100000, 0.01),)
    panel = component_data(at, "train_live")
    assert panel["logy"] and panel["names"][0] == "minibatch loss" and panel["heat"] is None
    assert any("counts model (k = " in r["label"] and "its best" in r["label"] for r in panel["refs"])
    at.button(key="train_step").click().run()
    # the MLP's own speed: up to 250 minibatches a tick (fewer if they take more than the tick's ~50 ms)
    assert 0 < t.steps <= 250 and len(live(at)["points"]) == t.steps
    stepped = t.steps
    at.button(key="train_start").click().run()
    at.run()
    assert t.steps > stepped + 1
    assert "Whole sets after step" in caption(at, "Whole sets after step") and "dev NLL" in caption(at, "Whole sets")
    emb = chart(at, "mlp_embedding")
    assert "principal components" in emb["alt"] and "vowels: a, e, i, o, u" in emb["alt"]
    at.button(key="train_pause").click().run()
    assert at.query_params["steps"] == str(t.steps)


def test_shape_settings_rebuild_the_net_and_d2_draws_C_itself(app):
    at = app("training", net="mlp", emb="2", hidden="30", batch="8", mlr="0.2", sched="")
    assert not at.exception
    t = mlp(at)
    assert (t.model.emb, t.model.hidden, t.batch_size, t.lr, t.schedule) == (2, 30, 8, 0.2, ())
    assert t.model.order == 2  # the sidebar's order: block_size 1, and a button offers the lecture's 3
    at.button(key="mlp_lecture_order").click().run()
    assert mlp(at).model.order == 4
    assert chart(at, "mlp_embedding")["alt"].startswith("Embedding of 27 characters at step 0 (C[:, 0] and C[:, 1])")
    at.number_input(key="hidden").set_value(40).run()
    assert mlp(at).model.hidden == 40 and mlp(at).steps == 0


def test_the_learning_rate_finder_offers_its_valley(app):
    at = app("training", net="mlp", order="4")
    at.button(key="mlp_find_lr").click().run()
    assert not at.exception
    c = chart(at, "mlp_lr_finder")
    assert c["alt"].startswith("Learning-rate finder") and len(c["series"][0]["data"]) == 1000
    use = at.button(key="mlp_use_lr")
    rate = float(use.label.rsplit("=", 1)[1])
    use.click().run()
    assert at.number_input(key="mlr").value == rate and mlp(at).lr == rate


def test_a_bad_schedule_is_said_and_training_keeps_its_own(app):
    at = app("training", net="mlp", order="3")
    at.text_input(key="sched").set_value("soon:0.1").run()
    assert any("STEP:LR" in e.value for e in at.error)
    assert mlp(at).schedule == ((100000, 0.01),)


def test_order_1_has_no_mlp(app):
    at = app("training", net="mlp", order="1")
    assert not at.exception and any("no MLP" in e.value for e in at.error)


def test_the_link_replays_the_mlp_and_sampling_uses_it(app):
    at = app("training", net="mlp", order="4", steps="300")
    assert not at.exception
    t = mlp(at)
    assert t.steps == 300
    again = app("training", net="mlp", order="4", steps="300")
    assert mlp(again).history.loss == t.history.loss  # the same seed and link: the same run
    at.switch_page("app_pages/3_Sampling.py").run()
    assert not at.exception
    at.radio(key="model").set_value("neural").run()
    assert not at.exception
    assert MLPConfig().order == 4


def test_compare_puts_the_mlp_beside_the_counts_model_and_the_nets(app):
    at = app("training", net="mlp", order="3", split="true", steps="2000")
    at.switch_page("app_pages/5_Compare.py").run()
    assert not at.exception, at.exception
    text = " ".join(c.value for c in at.caption)
    assert "λ does not apply" in text and "shares what it learns between similar contexts" in text
    assert any("No λ sweep for the mlp" in i.value for i in at.info)  # said, not drawn as an empty chart
    cells = [t.value for t in at.table]
    table = next(c for c in cells if "trigram counts, k = 0" in c["model"].tolist())
    models = [m.replace("\\", "") for m in table["model"]]  # as_text escapes Markdown
    assert any(m.startswith("trigram counts, k = ") and "best on dev" in m for m in models)
    assert any(m.startswith("full net, 600 steps") for m in models) and any(m.startswith("concat net") for m in models)
    assert any(m.startswith("mlp (d = 10, 200 hidden), step 2,000") for m in models)
    assert {"train NLL", "dev NLL"} <= set(table.columns)


def test_a_whole_set_evaluation_is_spread_over_ticks(app, monkeypatch):
    from makemore.app import mlp_training

    monkeypatch.setattr(mlp_training, "EVAL_TICK_S", 0.0)  # one chunk of contexts a tick
    monkeypatch.setattr(mlp_training.ChunkedScore.__init__, "__defaults__", (500,))  # 500 contexts a chunk
    at = app("training", net="mlp", order="4", split="true")
    t = mlp(at)
    assert at.session_state["mm_training"].scoring is not None and not t.history.evals  # under way, not done
    for _ in range(40):
        if t.history.evals:
            break
        at.run()  # each run is a tick of the fragment
    assert not at.exception
    ((step, train, dev),) = t.history.evals
    assert step == 0 and abs(train - t.model.evaluate(t.examples).mean_nll) < 1e-12
    assert abs(dev - t.model.evaluate(t.dev_examples).mean_nll) < 1e-12


def test_paused_the_whole_sets_end_on_the_step_shown(app, monkeypatch):
    """An evaluation begun at step 0 is still under way when Pause is clicked: once it is done, the next one is of
    the pause's step at once, not EVAL_EVERY later, so the page ends on the step it shows."""
    from makemore.app import mlp_training

    monkeypatch.setattr(mlp_training, "EVAL_TICK_S", 0.0)
    monkeypatch.setattr(mlp_training.ChunkedScore.__init__, "__defaults__", (200,))
    monkeypatch.setattr(mlp_training, "EVAL_EVERY", 10**9)  # running, no second evaluation would ever be due
    at = app("training", net="mlp", order="4", split="true", mspeed="10")
    t, ts = mlp(at), at.session_state["mm_training"]
    assert ts.scoring is not None and ts.scoring[0] == 0  # step 0's, under way
    at.button(key="train_start").click().run()
    at.button(key="train_pause").click().run()
    assert t.steps > 0 and not ts.running and ts.scoring is not None and ts.scoring[0] == 0
    for _ in range(100):
        if not ts.scoring and t.history.evals and t.history.evals[-1][0] == t.steps:
            break
        at.run()
    assert not at.exception and [e[0] for e in t.history.evals] == [0, t.steps]
    assert f"Whole sets after step {t.steps:,}:" in caption(at, "Whole sets after step")


def test_at_order_4_the_one_layer_nets_are_trained_on_a_click(app):
    at = app("training", net="mlp", order="4", split="true")
    at.switch_page("app_pages/5_Compare.py").run()
    assert not at.exception
    button = at.button(key="compare_mlp_nets")
    assert button.label == "Train the full and concat nets of order 4 beside it (a few seconds each)"
    button.click().run()
    assert not at.exception and not [b for b in at.button if b.key == "compare_mlp_nets"]
    tables = [t.value for t in at.table if "model" in t.value.columns]
    table = next(t for t in tables if any("4-gram counts, k = 0" in m.replace("\\", "") for m in t["model"]))
    models = [m.replace("\\", "") for m in table["model"]]
    assert any(m.startswith("full net, 600 steps") for m in models) and any(m.startswith("concat net") for m in models)


def test_a_step_click_is_bounded_by_its_counted_work_not_the_clock(app):
    """The largest net a page allows at order 4 takes 62 steps a click, not a tick's 1,000 (3.6 s of work here);
    the lecture's takes all 1,000. Counted from the shape, so a busy machine gives the same run."""
    from makemore.app.sessions import CLICK_MACS

    at = app("training", net="mlp", order="4", mspeed="1000", emb="32", hidden="500", batch="512")
    at.button(key="train_step").click().run()
    assert not at.exception and mlp(at).steps == CLICK_MACS // (512 * (3 * 32 * 500 + 500 * 27) + 300_000) == 62
    at = app("training", net="mlp", order="4", mspeed="1000")
    at.button(key="train_step").click().run()
    assert not at.exception and mlp(at).steps == 1000
