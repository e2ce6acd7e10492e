"""Links: settings arrive by the address (query parameters), invalid or hostile ones are said in one short line
and the page works, a training state travels as its settings plus `steps`, presenter mode, an upload's link, and
the downloads a linked page offers."""

from __future__ import annotations

import pytest
from apphelpers import component_data, live, stat, upload

from makemore import FullNet, Trainer, default_words
from makemore.app import settings


def test_a_link_sets_the_page_and_its_numbers(app, names_model):
    at = app("counts", k="0.1", view="probabilities", word="emma")
    assert not at.exception
    assert at.select_slider(key="k").value == 0.1 and at.radio(key="view").value == "probabilities"
    want = names_model.evaluate(k=0.1).mean_nll
    assert stat(at, "mean NLL (the loss)") == f"{want:.4f}"
    assert component_data(at, "counts_heatmap")["title"]["text"].startswith("probabilities")
    assert at.text_input(key="word").value == "emma"


def test_invalid_values_are_said_in_one_line_and_ignored(app):
    at = app("sampling", k="0.7", seed="abc", stream="dice", lr="-3", temp="0.5")
    assert not at.exception
    said = [w.value.replace("\\", "") for w in at.warning if "Ignored in this link" in w.value]
    assert len(said) == 1 and all(x in said[0] for x in ("k=0", "seed=abc", "stream=dice", "lr=-3"))
    assert "temp" not in said[0] and at.select_slider(key="temp").value == 0.5  # the valid one is taken
    assert at.select_slider(key="k").value == settings.default("k")


def test_steps_replay_training_deterministically(app, names_model):
    at = app("training", steps="200", lr="20", lam="0")
    assert not at.exception and live(at)["step"] == "200"
    t = Trainer(FullNet(names_model), lr=20.0, lam=0.0)
    t.step(200)
    assert live(at)["loss"] == pytest.approx(t.history.loss[-1], abs=1e-6)
    assert at.query_params["steps"] == "200"
    at.button(key="train_reset").click().run()
    assert live(at)["step"] == "0" and "steps" not in at.query_params


def test_presenter_mode_folds_explanations_and_tells_the_page(app):
    at = app("counts", present="true")
    assert component_data(at, "stage")["present"] is True
    assert at.main.expander and at.main.expander[0].label == "What this page shows"
    plain = app("counts")
    assert component_data(plain, "stage")["present"] is False and not plain.main.expander


def test_clicker_keys_name_the_buttons_they_press(app):
    keys = component_data(app("sampling"), "stage")["keys"]
    assert keys == {"PageDown": ["sample_next"], "Space": ["sample_next"]}
    keys = component_data(app("training"), "stage")["keys"]
    assert keys["Space"] == ["train_start", "train_pause"] and keys["PageDown"] == ["train_step"]


def test_a_link_made_with_an_upload_asks_for_the_file(app):
    at = app(data="upload", file="pets.txt", bytes="20")
    said = [i.value.replace("\\", "") for i in at.info if "pets" in i.value]
    assert said and "20 bytes" in said[0] and "cannot travel in a link" in said[0]
    assert at.metric[0].value == f"{len(default_words()):,}"  # the built-in names until then
    at = upload(at, "pets.txt", b"Rex\nfido\nrex\n\nBuddy\n")
    assert not [i for i in at.info if "cannot travel" in i.value]
    assert at.query_params["file"] == "pets.txt" and at.query_params["bytes"] == "20"


def test_a_page_back_from_a_lost_server_says_what_its_address_could_not_bring(app, monkeypatch):
    """A room's replica died: the browser reconnected to another (its handshake names the session it had), which
    opens its address afresh; one line says the settings came back and what did not (docs/room.md)."""
    from makemore.app import address

    monkeypatch.setattr(address, "previous_session", lambda: "a-session-this-server-never-had")
    at = app("training", lr="20", data="upload", file="pets.txt", bytes="20", steps="30")
    said = [i.value.replace("\\", "") for i in at.info if "server stopped" in i.value]
    assert len(said) == 1 and "upload pets.txt again" in said[0] and "retrained to step 30" in said[0]
    assert not [i for i in at.info if "cannot travel in a link" in i.value]  # the one line says it
    assert at.number_input(key="lr").value == 20 and live(at)["step"] == "30"
    at = app("sampling")  # nothing lost, nothing to upload: the line says what an address never holds
    said = [i.value for i in at.info if "server stopped" in i.value]
    assert len(said) == 1 and "words drawn" in said[0]
    monkeypatch.setattr(address, "previous_session", lambda: None)
    assert not [i for i in app("training", steps="30").info if "server stopped" in i.value]  # a link opened afresh


def test_a_link_to_us_names_of_some_years(app):
    at = app(data="years", years=["1950", "1951"])
    assert not at.exception and "1950" in at.sidebar.text[0].value


def test_downloads_are_offered_where_their_data_is_shown(app):
    def labels(at):
        return [b.proto.label for b in at.get("download_button")]

    assert labels(app("counts")) == ["N (CSV)", "P with k = 1 (CSV)"]
    assert labels(app("sampling")) == ["Samples (TXT)"]
    assert labels(app("training")) == [
        "W (.npy)",
        "W (.pt, plain tensors)",
        "Loss history (CSV)",
    ]


def test_a_hostile_link_is_said_in_one_short_line_and_the_page_works(app):
    hostile = {
        "seed": "9" * 400,
        "steps": "1" * 4301,
        "topk": "٣",
        "word": "w" * 20_000,
        "look": "]",
        "ctx": "[",
        "order": "3",
        "present": "1",
    }
    at = app("counts", **hostile)
    assert not at.exception
    said = [w.value.replace("\\", "") for w in at.warning if "Ignored in this link" in w.value]
    assert len(said) == 1 and len(said[0]) < 600  # the 20,000 characters are not repeated
    assert all(f"{key}=" in said[0] for key in ("seed", "steps", "topk", "word"))
    assert "… (20,000 characters) (text of at most 200 characters)" in said[0]
    assert not any(f"{key}=" in said[0] for key in ("look", "ctx", "order", "present"))  # valid: taken
    slice_said = [w.value.replace("\\", "") for w in at.warning if w.value.startswith("Slice")]
    assert slice_said == [
        "Slice: '[' is not a character of this word list; showing the contexts a word starts with (.) instead."
    ]
    assert [e.value.replace("\\", "") for e in at.error] == ["']' is not a character of this word list"]
    assert component_data(at, "counts_heatmap")["title"]["text"].endswith("contexts '.' + row")
    assert component_data(at, "stage")["present"] is True and at.query_params["present"] == "true"
    boxes = {key: at.text_input(key=key) for key in ("ctx", "look", "word")}
    assert boxes["word"].value == settings.default("word")  # the refused word left the box as it was
    assert boxes["word"].proto.max_chars == settings.MAX_CHARS["word"]
    assert boxes["look"].proto.max_chars == settings.MAX_CHARS["look"]
    assert boxes["ctx"].proto.max_chars == 1  # n − 2 at order 3

    boxes["ctx"].input("e").run()  # a character of the list: its slice, no warning
    assert not at.exception and not [w for w in at.warning if w.value.startswith("Slice")]
    assert component_data(at, "counts_heatmap")["title"]["text"].endswith("contexts 'e' + row")
    at.text_input(key="ctx").input("~").run()  # typed in the box: the same one line
    assert not at.exception and [w for w in at.warning if w.value.replace("\\", "").startswith("Slice: '~'")]
