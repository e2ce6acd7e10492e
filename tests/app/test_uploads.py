"""Uploading a word list in the sidebar: every awkward file gives its words or one message, never a traceback,
and a refused file leaves the previous list loaded; what decoding changed is said as a warning; a file's text is
shown as text, never as HTML or Markdown."""

from __future__ import annotations

import pytest
from apphelpers import PAGE, metric, upload
from cases import HONEST_CASES, UPLOAD_CASES


@pytest.mark.parametrize(
    ("name", "content", "expected"), [c[1:] for c in UPLOAD_CASES], ids=[c[0] for c in UPLOAD_CASES]
)
def test_an_awkward_file_loads_or_is_refused_in_one_message(app, name, content, expected):
    at = upload(app(), "before.txt", b"anna\nbob\n")
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


def test_bad_uploads_keep_the_previous_list(app):
    at = upload(app(), "good.txt", b"anna\nbob\n")
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


def test_decoding_is_said_as_a_warning(app):
    at = app()
    for case, name, data, words, warning in HONEST_CASES:
        at = upload(at, name, data)
        assert not at.exception and not at.error, case
        assert metric(at, "unique words") == str(len(words)), case
        said = " ".join(w.value.replace("\\", "") for w in at.warning)  # as shown: Markdown escapes removed
        assert (warning in said) if warning else not said, case


def test_user_text_is_shown_as_text(app):
    at = upload(app(), "<b>x</b>.txt", b"<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n")
    assert not at.exception
    assert metric(at, "words") == "2"
    assert any("<script>alert(1)</script>" in t.value for t in at.text)  # st.text: shown exactly as typed


def test_markdown_in_a_csv_header_is_shown_as_typed(app):
    at = upload(app(), "links.csv", b"[click](http://example.com),n\nemma,1\nava,2\n")
    assert metric(at, "words") == "2"
    note = next(c.value for c in at.caption if "table" in c.value)
    assert "\\[click\\]\\(http" in note  # escaped Markdown: shown as text, not a link
