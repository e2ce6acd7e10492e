"""The word-list picker, in the sidebar of every page: built-in names, the lecture's own names.txt (fetched once, on
request), US names by year, or an upload.

Its choices are settings (`data`, `years`, `lower`, `dedupe` in the address bar), so a link carries the word
list too. They are applied in widget callbacks, so the current dataset changes only when a person changes
something, and a failed load leaves it as it was. A fresh session loads what its link names
(`load_from_settings`). An uploaded file cannot travel in a link: the link carries its name and size instead
(`file`, `bytes`), and a session opened from it asks for that file.
"""

from __future__ import annotations

import streamlit as st

from makemore.datasets import FIRST_YEAR, LAST_YEAR
from makemore.fetch import LECTURE, FetchError, cached_path, fetch
from makemore.words import WordList, WordListError

from . import data, settings
from .address import bound, setting
from .dataset import set_dataset
from .keys import DATASET
from .text import plain
from .uploads import held, read_upload

UPLOADED = "mm_upload"  # (file name, bytes, file id) of the last good upload, to re-apply lowercase/dedupe to it
ERROR = "mm_load_error"  # the last failed load's message
LINKED_UPLOAD = "mm_linked_upload"  # (name, size) of the upload a link was made with, until it is uploaded


def sidebar_picker() -> None:
    """Render the picker (in the sidebar); loading happens in the callbacks."""
    source = st.selectbox(
        "Word list",
        settings.SOURCES,
        format_func=settings.SOURCE_LABELS.get,
        help="Built-in: US baby names of 2017, close to the lecture's list. The lecture's names.txt: makemore's own "
        "32,033 names, which print the lecture's numbers (downloaded once, when you ask). US names by year: the "
        "years you pick. Upload: your own file, one word per line.",
        **bound("data", settings.SOURCES, on_change=_apply),
    )
    if source == "lecture" and cached_path(LECTURE) is None:
        st.button(
            "Get the lecture's names.txt",
            key="fetch_lecture",
            on_click=_fetch_lecture,
            help="Downloads makemore's names.txt (228 KB) once, checks it, and keeps it on this server.",
        )
    if source == "years":
        st.slider(
            "Years (US Social Security Administration data)",
            FIRST_YEAR,
            LAST_YEAR,
            help="Girls' names by count, then boys' names by count, summed over the years: the lecture's recipe.",
            **bound("years", on_change=_apply),
        )
    elif source == "upload":
        st.file_uploader(
            "A text file with one word per line (UTF-8, UTF-16 or Latin-1)",
            key="upload",
            on_change=_apply,
            help=f"Up to {st.get_option('server.maxUploadSize')} MB. Blank lines are skipped; surrounding spaces "
            "removed. A .csv or .tsv file gives its first column.",
        )
    st.checkbox("Lowercase every word", **bound("lower", on_change=_apply))
    st.checkbox("Drop duplicates", **bound("dedupe", on_change=_apply))
    if st.session_state.get(ERROR):
        st.error(plain(st.session_state[ERROR]))


def load_from_settings() -> None:
    """A fresh session: load the word list its settings (its link) name; an upload it cannot have is noted."""
    facts = {key: st.query_params.get(key) for key in settings.UPLOAD_FACTS}
    if setting("data") == "upload" and UPLOADED not in st.session_state and facts["file"]:
        st.session_state[LINKED_UPLOAD] = (facts["file"], facts["bytes"])
    _apply(quiet=True)
    if DATASET not in st.session_state:  # an upload named but not here, or a failed load
        set_dataset(data.builtin(False, False), shared=True, quiet=True)


def missing_upload() -> tuple[str, int | None] | None:
    """(name, size) of the uploaded file this session's link was made with and this session does not have: the
    link's text, shortened, the size only if a plain number."""
    linked = st.session_state.get(LINKED_UPLOAD)
    if not linked or UPLOADED in st.session_state:
        return None
    return settings.upload_facts(*linked)


def upload_needed() -> str | None:
    """What to tell a person whose link was made with an uploaded file this session does not have."""
    missing = missing_upload()
    if missing is None:
        return None
    name, size = missing
    size_text = f" ({size:,} bytes)" if size is not None else ""
    return (
        f"This link was made with an uploaded file, {name}{size_text}. A file cannot travel in a link: upload it "
        "(Word list → Upload, in the sidebar) to see the same numbers. Until then the built-in names are shown."
    )


def keep_upload_facts_in_link() -> None:
    """While an upload is the word list, its name and size stay in the address (re-set on every page, since a
    page switch keeps only the settings its widgets hold)."""
    if setting("data") == "upload" and UPLOADED in st.session_state:
        name, raw, _ = st.session_state[UPLOADED]
        if st.query_params.get("file") != name or st.query_params.get("bytes") != str(len(raw)):
            st.query_params.update({"file": name, "bytes": str(len(raw))})
    elif "file" in st.query_params and LINKED_UPLOAD not in st.session_state:
        for key in settings.UPLOAD_FACTS:
            st.query_params.pop(key, None)


def _apply(quiet: bool = False) -> None:
    """Load what the widgets now say; on failure keep the current dataset and remember the message."""
    ss = st.session_state
    ss[ERROR] = None
    lower, dedupe = bool(setting("lower")), bool(setting("dedupe"))
    try:
        wl = _load(setting("data"), setting("years"), lower, dedupe)
    except WordListError as e:
        ss[ERROR] = f"{e} The previous word list is still loaded."
        return
    if wl is not None:
        set_dataset(wl, shared=setting("data") != "upload", quiet=quiet)


def _fetch_lecture() -> None:
    """Download the lecture's list (the server's machine does), then load it; offline: one sentence, nothing else
    changes."""
    try:
        with st.spinner("Downloading the lecture's names.txt…"):
            fetch(LECTURE)
    except FetchError as e:
        st.session_state[ERROR] = f"{e} The previous word list is still loaded."
        return
    _apply()


def _load(source: str, years: tuple[int, int], lower: bool, dedupe: bool) -> WordList | None:
    ss = st.session_state
    if source == "builtin":
        return data.builtin(lower, dedupe)
    if source == "lecture":
        wl = data.lecture(lower, dedupe)
        if wl is None:
            raise WordListError(
                "The lecture's names.txt is not on this server yet: press “Get the lecture's names.txt”."
            )
        return wl
    if source == "years":
        return data.us_years(int(years[0]), int(years[1]), lower, dedupe)
    f = held(ss.get("upload"))
    if f is not None and (UPLOADED not in ss or ss[UPLOADED][2] != f.file_id):
        raw = f.getvalue()
        try:
            wl = read_upload(raw, name=f.name, lowercase=lower, dedupe=dedupe)
        except WordListError as e:
            raise WordListError(f"{f.name}: {e}") from e
        ss[UPLOADED] = (f.name, raw, f.file_id)  # this session's only: no shared cache holds a visitor's words
        ss.pop(LINKED_UPLOAD, None)
        return wl
    if UPLOADED in ss:  # a checkbox changed: re-read the last good upload with the new options
        name, raw, _ = ss[UPLOADED]
        return read_upload(raw, name=name, lowercase=lower, dedupe=dedupe)
    return None  # upload chosen, no file yet: keep the current list
