"""Issue 5 in the app: every awkward upload and every extreme setting gives a result or a message, never a
traceback, and the previous word list stays loaded."""

from __future__ import annotations

import math

import pytest
from apphelpers import PAGE, live, metric, sampled_word, stat, upload
from cases import UPLOAD_CASES


@pytest.mark.parametrize(
    ("name", "content", "expected"), [c[1:] for c in UPLOAD_CASES], ids=[c[0] for c in UPLOAD_CASES]
)
def test_uploads(app, name, content, expected):
    at = upload(app("home"), "before.txt", b"anna\nbob\n")
    assert metric(at, "words") == "2"
    at.file_uploader(key="upload").set_value((name, content, "application/octet-stream")).run()
    assert not at.exception
    kind, value = expected
    if kind == "words":
        assert not at.error, at.error[0].value if at.error else ""
        assert metric(at, "words") == str(value)
        for page in (PAGE["counts"], PAGE["sampling"], PAGE["training"]):
            at.switch_page(page).run()
            assert not at.exception, page
    else:
        assert at.error and value in at.error[0].value
        assert "previous word list" in at.error[0].value
        assert metric(at, "words") == "2"


def test_training_extremes_never_show_nan(app):
    at = app("training")
    for lr, lam in ((1e-6, 0.0), (1e6, 0.01), (50.0, 1000.0), (1e-6, 1000.0)):
        at.number_input(key="lr").set_value(lr).run()
        at.number_input(key="lam").set_value(lam).run()
        at.button(key="train_reset").click().run()
        at.button(key="train_step").click().run()
        assert not at.exception
        shown = [m.value for m in at.metric]
        assert not any("nan" in v.lower() for v in shown), (lr, lam, shown)
        if lr == 1e6 or (lam == 1000.0 and lr == 50.0):
            assert at.error and "diverged" in at.error[0].value, (lr, lam)
        else:
            assert not at.error
            assert math.isfinite(live(at)["loss"])


def test_sampling_extremes_end(app):
    at = app("sampling")
    for temperature, top_k in ((0.01, 0), (100.0, 0), (1.0, 1), (100.0, 1)):
        at.select_slider(key="temp").set_value(temperature).run()
        at.number_input(key="topk").set_value(top_k).run()
        for _ in range(3):
            at.button(key="sample_finish").click().run()
        assert not at.exception
        assert sampled_word(at).startswith(".")


def test_huge_k_on_every_view(app):
    at = app("counts")
    at.select_slider(key="k").set_value(1_000_000).run()
    for view in ("counts", "probabilities", "log-probabilities"):
        at.radio(key="view").set_value(view).run()
        assert not at.exception
    assert math.isfinite(float(stat(at, "mean NLL (the loss)")))
