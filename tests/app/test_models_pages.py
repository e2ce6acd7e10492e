"""Every trainable model of the registry on the pages that train and compare nets (AppTest): offered by the Net
radio, trained a tick, drawn by the live panel, its parameters downloadable, compared with the counts model; an
order it cannot have said in its own sentence."""

from __future__ import annotations

import math

import pytest
from apphelpers import component_data, live, metric

from makemore.models import registry

NETS = registry.names(trainable=True)


@pytest.mark.parametrize("net", NETS)
def test_the_training_page_trains_every_registered_net(app, net):
    at = app("training")
    assert [o.split(":")[0] for o in at.radio(key="net").options] == list(NETS)  # shown as "name: what it is"
    at.select_slider(key="order").set_value(3).run()
    at.radio(key="net").set_value(net).run()
    at.button(key="train_step").click().run()
    if registry.get(net).minibatch:  # the MLP: its own page body (tests/app/test_mlp_page.py), its own speed
        assert not at.exception and not at.error and int(live(at)["step"]) > 0
        assert component_data(at, "train_live")["heat"] is None  # no V×V picture: its embedding instead
        return
    assert not at.exception and not at.error and live(at)["step"] == "10"
    d = component_data(at, "train_live")
    assert len(d["heat"]["W"]) == len(d["heat"]["grad"]) == 27 * 27 and d["titles"]["W"]
    model = at.session_state["mm_training"].trainer.model
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        *(f"{p} (.npy)" for p in model.parameters()),
        f"{', '.join(model.parameters())} (.pt, plain tensors)",
        "Loss history (CSV)",
    ]
    for n in (1, 2):  # an order this kind cannot have: its own sentence, and the radio stays to choose another
        at.select_slider(key="order").set_value(n).run()
        said = registry.get(net).cls.unavailable(n)
        assert not at.exception and ([e.value for e in at.error] == [said] if said else not at.error)


@pytest.mark.parametrize("net", NETS)
def test_the_compare_page_compares_every_registered_net(app, net):
    at = app("compare")
    at.select_slider(key="order").set_value(3).run()
    at.radio(key="net").set_value(net).run()
    assert not at.exception and not at.error
    assert math.isfinite(float(metric(at, "neural net NLL (train)")))
    assert len(component_data(at, "compare_Q")["dataset"]["source"]) == 27 * 27
