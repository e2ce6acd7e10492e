"""Issue 17 under AppTest: a link of hostile values, a typed character no list has and a list of one letter
each get a sentence, never a traceback."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from apphelpers import PAGE, component_data, upload
from streamlit.testing.v1 import AppTest

from makemore.app import settings

ROOT = Path(__file__).resolve().parents[2]


def test_a_hostile_link_is_said_in_one_short_line_and_the_page_works(monkeypatch):
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
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
    for key, value in hostile.items():
        at.query_params[key] = value
    at.switch_page(PAGE["counts"])
    at.run()
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


def test_a_list_of_one_letter_on_the_compare_page(app):
    at = app()
    at = upload(at, "a.txt", b"a\n")
    at.switch_page(PAGE["compare"])
    at.run()
    assert not at.exception
    sweep = [y for _, y in component_data(at, "compare_sweep_lam")["series"][0]["data"]]
    assert len(sweep) == 8 and all(y is not None for y in sweep)  # a point at every λ, λ = 3 included
