"""The compare page: losses and their gap, P against softmax(W), the k/λ sweep, samples side by side."""

from __future__ import annotations

from apphelpers import PAGE, component_data, metric, table_cells


def test_runs_clean_untrained(app):
    at = app("compare")
    assert not at.exception
    assert at.info and "step 0" in at.info[0].value
    assert metric(at, "counts model NLL (train)") == "2.4546"  # the sidebar's k = 1, the lecture's N+1
    at.select_slider(key="k").set_value(0).run()
    assert metric(at, "counts model NLL (train)") == "2.4540"


def test_training_closes_the_gap_and_the_samples_meet(app):
    at = app("compare")
    before = float(metric(at, "gap (neural − counts)"))
    at.switch_page(PAGE["training"]).run()
    at.number_input(key="lam").set_value(0.0).run()
    at.select_slider(key="speed").set_value(1000).run()
    for _ in range(3):
        at.button(key="train_step").click().run()
    at.switch_page(PAGE["compare"]).run()
    at.select_slider(key="k").set_value(0).run()  # the net at λ = 0 converges to the raw P
    after = float(metric(at, "gap (neural − counts)"))
    assert before > 1 and 0 <= after < 0.005
    samples = table_cells(at.table[-1])
    assert samples["same"].sum() >= 7
    scatter = component_data(at, "compare_scatter")["dataset"][0]["source"]  # a row a cell: x P, y softmax(W)
    assert len(scatter) == 27 * 27
    assert (scatter["x"] - scatter["y"]).abs().max() < 0.02  # near the diagonal


def test_sweep_shows_train_and_dev_with_the_split(app):
    at = app("compare")
    at.toggle(key="split").set_value(True).run()
    assert not at.exception
    panels = [component_data(at, key)["series"] for key in ("compare_sweep_k", "compare_sweep_lam")]
    assert [[s["name"] for s in p] for p in panels] == [["train NLL", "dev NLL"]] * 2  # for k and for λ
    assert all(len(s["data"]) >= 8 for p in panels for s in p)
