"""The dataset page: built-in data, uploads (good and bad), normalisation, year ranges, resets."""

from __future__ import annotations

from apphelpers import PAGE, live, metric, upload


def test_runs_clean_on_the_builtin_names(app):
    at = app("home")
    assert not at.exception
    assert metric(at, "words") == "32,469"
    assert metric(at, "unique words") == "29,910"
    assert metric(at, "vocabulary V") == "27"
    assert metric(at, "longest") == "15"


def test_upload_a_small_list(app):
    at = upload(app("home"), "pets.txt", b"Rex\nfido\nrex\n\nBuddy\n")
    assert not at.exception and not at.error
    assert metric(at, "words") == "4"
    assert metric(at, "duplicates") == "0"
    assert any("Loaded pets" in i.value for i in at.info)
    assert any("blank line" in c.value for c in at.caption)
    at.checkbox(key="lower").check().run()
    assert metric(at, "duplicates") == "1"
    at.checkbox(key="dedupe").check().run()
    assert metric(at, "words") == "3"


def test_bad_uploads_keep_the_previous_list(app):
    at = upload(app("home"), "good.txt", b"anna\nbob\n")
    assert metric(at, "words") == "2"
    for name, content, needle in (
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n \n\t\n", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip"),
        ("blob.bin", bytes(range(256)) * 4, "binary"),
    ):
        at.file_uploader(key="upload").set_value((name, content, "application/octet-stream")).run()
        assert not at.exception, name
        assert at.error and needle in at.error[0].value and "previous word list" in at.error[0].value, name
        assert metric(at, "words") == "2", name  # the good list stays loaded


def test_us_names_by_year(app):
    at = app("home")
    at.selectbox(key="data").set_value("years").run()
    at.slider(key="years").set_value((1950, 1950)).run()
    assert not at.exception
    assert metric(at, "words") != "32,469"
    assert any("US baby names 1950" in i.value for i in at.info)
    at.selectbox(key="data").set_value("builtin").run()
    assert metric(at, "words") == "32,469"


def test_switching_datasets_resets_the_models_and_says_so(app):
    at = app("training")
    at.button(key="train_step").click().run()
    assert live(at)["step"] == "10"
    at.switch_page(PAGE["dataset"]).run()
    at = upload(at, "tiny.txt", b"ab\nba\n")
    assert any("reset" in i.value for i in at.info)
    at.switch_page(PAGE["training"]).run()
    assert live(at)["step"] == "0"
    assert not at.exception


def test_user_text_is_shown_as_text(app):
    at = upload(app("home"), "<b>x</b>.txt", b"<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n")
    assert not at.exception
    assert metric(at, "words") == "2"
    assert any("<script>alert(1)</script>" in t.value for t in at.text)  # st.text: shown exactly as typed


def test_choices_survive_page_switches(app):
    at = upload(app("home"), "w.txt", b"anna\nbob\n")
    at.switch_page(PAGE["counts"]).run()
    at.select_slider(key="k").set_value(0).run()
    at.switch_page(PAGE["sampling"]).run()
    at.radio(key="model").set_value("neural").run()
    at.switch_page(PAGE["dataset"]).run()
    assert at.selectbox(key="data").value == "upload"
    assert metric(at, "words") == "2"
    at.switch_page(PAGE["counts"]).run()
    assert at.select_slider(key="k").value == 0
    at.switch_page(PAGE["sampling"]).run()
    assert at.radio(key="model").value == "neural"
    at.toggle(key="split").set_value(True).run()
    at.switch_page(PAGE["training"]).run()
    assert at.toggle(key="split").value is True  # the sidebar switch too
    assert not at.exception


def test_two_sessions_never_see_each_other(app):
    """Two visitors at once: one uploads and trains, the other still has the built-in list and an untrained net."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    entry = Path(__file__).resolve().parents[2] / "streamlit_app.py"

    first = upload(app("home"), "mine.txt", b"anna\nbob\ncarl\n")
    first.switch_page(PAGE["training"]).run()
    first.button(key="train_step").click().run()
    second = AppTest.from_file(str(entry), default_timeout=60).run()
    assert metric(first.switch_page(PAGE["dataset"]).run(), "words") == "3"
    assert metric(second, "words") == "32,469"
    second.switch_page(PAGE["training"]).run()
    assert live(second)["step"] == "0"
