"""Issue 10 under AppTest: settings arrive by link (query parameters), invalid ones are said in one line, a
training state travels as its settings plus `steps`, presenter mode, an upload's link, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
import torch
from apphelpers import PAGE, component_data, live, stat, upload
from streamlit.testing.v1 import AppTest

from makemore import CountsModel, FullNet, Trainer, Vocab, default_words
from makemore.app import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def link(monkeypatch):
    """A function (page file, query parameters) -> AppTest run once, as a fresh browser opening that address."""
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()

    def open_link(page: str, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at.run()

    return open_link


def test_a_link_sets_the_page_and_its_numbers(link):
    at = link(PAGE["counts"], k="0.1", view="probabilities", word="emma")
    assert not at.exception
    assert at.select_slider(key="k").value == 0.1 and at.radio(key="view").value == "probabilities"
    words = default_words().words
    want = CountsModel.from_words(words, Vocab.from_words(words)).evaluate(k=0.1).mean_nll
    assert stat(at, "mean NLL (the loss)") == f"{want:.4f}"
    assert component_data(at, "counts_heatmap")["title"]["text"].startswith("probabilities")
    assert at.text_input(key="word").value == "emma"


def test_invalid_values_are_said_in_one_line_and_ignored(link):
    at = link(PAGE["sampling"], k="0.7", seed="abc", stream="dice", lr="-3", temp="0.5")
    assert not at.exception
    said = [w.value.replace("\\", "") for w in at.warning if "Ignored in this link" in w.value]
    assert len(said) == 1 and all(x in said[0] for x in ("k=0", "seed=abc", "stream=dice", "lr=-3"))
    assert "temp" not in said[0] and at.select_slider(key="temp").value == 0.5  # the valid one is taken
    assert at.select_slider(key="k").value == settings.default("k")


def test_steps_replay_training_deterministically(link, names_model):
    at = link(PAGE["training"], steps="200", lr="20", lam="0")
    assert not at.exception and live(at)["step"] == "200"
    t = Trainer(FullNet(names_model), lr=20.0, lam=0.0)
    t.step(200)
    assert live(at)["loss"] == pytest.approx(t.history.loss[-1], abs=1e-6)
    assert at.query_params["steps"] == "200"
    at.button(key="train_reset").click().run()
    assert live(at)["step"] == "0" and "steps" not in at.query_params


def test_presenter_mode_folds_explanations_and_tells_the_page(link):
    at = link(PAGE["counts"], present="true")
    assert component_data(at, "stage")["present"] is True
    assert at.expander and at.expander[0].label == "What this page shows"
    plain = link(PAGE["counts"])
    assert component_data(plain, "stage")["present"] is False and not plain.expander


def test_clicker_keys_name_the_buttons_they_press(link):
    keys = component_data(link(PAGE["sampling"]), "stage")["keys"]
    assert keys == {"PageDown": ["sample_next"], "Space": ["sample_next"]}
    keys = component_data(link(PAGE["training"]), "stage")["keys"]
    assert keys["Space"] == ["train_start", "train_pause"] and keys["PageDown"] == ["train_step"]


def test_a_link_made_with_an_upload_asks_for_the_file(link):
    at = link("", data="upload", file="pets.txt", bytes="20")
    said = [i.value.replace("\\", "") for i in at.info if "pets" in i.value]
    assert said and "20 bytes" in said[0] and "cannot travel in a link" in said[0]
    assert at.metric[0].value == f"{len(default_words()):,}"  # the built-in names until then
    at = upload(at, "pets.txt", b"Rex\nfido\nrex\n\nBuddy\n")
    assert not [i for i in at.info if "cannot travel" in i.value]
    assert at.query_params["file"] == "pets.txt" and at.query_params["bytes"] == "20"


def test_a_link_to_us_names_of_some_years(link):
    at = link("", data="years", years=["1950", "1951"])
    assert not at.exception and "1950" in at.sidebar.text[0].value


def test_downloads_are_offered_where_their_data_is_shown(link):
    def labels(at):
        return [b.proto.label for b in at.get("download_button")]

    assert labels(link(PAGE["counts"])) == ["N (CSV)", "P with k = 1 (CSV)"]
    assert labels(link(PAGE["sampling"])) == ["Samples (TXT)"]
    assert labels(link(PAGE["training"])) == [
        "W (.npy)",
        "W (.pt, plain tensors)",
        "Loss history (CSV)",
    ]


def test_exports_are_plain_files(names_model, tmp_path):
    import numpy as np

    from makemore import exports

    t = Trainer(FullNet(names_model))
    t.step(3)
    W = t.model.W
    (tmp_path / "W.npy").write_bytes(exports.weights_npy(W))
    assert np.array_equal(np.load(tmp_path / "W.npy", allow_pickle=False), W.numpy())
    (tmp_path / "W.pt").write_bytes(exports.weights_pt(t.model.parameters(), names_model.vocab.itos, t.steps))
    d = torch.load(tmp_path / "W.pt", weights_only=True)
    assert torch.equal(d["W"], W) and d["itos"][:3] == [".", "a", "b"] and d["step"] == 3
    rows = exports.history_csv(t.history).splitlines()
    assert rows[0] == "step,loss,nll,lr,lam" and len(rows) == 4
    assert [float(x) for x in rows[1].split(",")] == [1, t.history.loss[0], t.history.nll[0], 50.0, 0.01]
    csv = exports.matrix_csv(names_model.N, names_model.vocab.itos).splitlines()
    assert csv[0].startswith(",.,a,b") and len(csv) == 28
    assert exports.samples_txt(["mor", "axx"]) == "mor\naxx\n"


def test_the_readme_lists_every_url_name():
    readme = (ROOT / "README.md").read_text()
    assert settings.readme_table() in readme
