"""The dataset picker of the home page: built-in names, US names by year, or an upload.

Choices are applied in widget callbacks, so the current dataset changes only when a person changes something, and
a failed load leaves it as it was. The widgets' values outlive page switches through `state.WIDGET_DEFAULTS`.
"""

from __future__ import annotations

import streamlit as st

from makemore.datasets import FIRST_YEAR, LAST_YEAR
from makemore.words import WordList, WordListError, load_words

from . import data, state
from .state import BUILTIN, UPLOAD, WIDGET_DEFAULTS, YEARS

DATA_KEYS = ("data_source", "data_years", "data_lowercase", "data_dedupe")
UPLOADED = "mm_upload"  # (file name, bytes) of the last good upload, to re-apply lowercase/dedupe to it
ERROR = "mm_load_error"  # the last failed load's message


def dataset_picker() -> None:
    """Render the picker; loading happens in the callbacks."""
    st.radio("Word list", (BUILTIN, YEARS, UPLOAD), key="data_source", horizontal=True, on_change=_apply)
    source = st.session_state["data_source"]
    if source == YEARS:
        st.slider(
            "Years (US Social Security Administration data)",
            FIRST_YEAR,
            LAST_YEAR,
            key="data_years",
            on_change=_apply,
            help="Girls' names by count, then boys' names by count, summed over the years: the lecture's recipe.",
        )
    elif source == UPLOAD:
        st.file_uploader(
            "A text file with one word per line (UTF-8, UTF-16 or Latin-1)",
            key="data_upload",
            on_change=_apply,
            help=f"Up to {st.get_option('server.maxUploadSize')} MB. Blank lines are skipped; surrounding spaces "
            "removed. A .csv or .tsv file gives its first column.",
        )
        if UPLOADED in st.session_state:
            st.caption("Last loaded upload:")
            st.text(st.session_state[UPLOADED][0])
    c1, c2 = st.columns(2)
    c1.checkbox("Lowercase every word", key="data_lowercase", on_change=_apply)
    c2.checkbox("Drop duplicates", key="data_dedupe", on_change=_apply)
    if st.session_state.get(ERROR):
        st.error(state.plain(st.session_state[ERROR]))


def _apply() -> None:
    """Load what the widgets now say; on failure keep the current dataset and remember the message."""
    ss = st.session_state
    choice = {key: ss.get(key, WIDGET_DEFAULTS[key]) for key in DATA_KEYS}
    ss[ERROR] = None
    lower, dedupe = choice["data_lowercase"], choice["data_dedupe"]
    try:
        wl = _load(choice["data_source"], choice["data_years"], lower, dedupe)
    except WordListError as e:
        ss[ERROR] = f"{e} The previous word list is still loaded."
        return
    if wl is not None:
        state.set_dataset(wl, shared=choice["data_source"] != UPLOAD)


def _load(source: str, years: tuple[int, int], lower: bool, dedupe: bool) -> WordList | None:
    ss = st.session_state
    if source == BUILTIN:
        return data.builtin(lower, dedupe)
    if source == YEARS:
        return data.us_years(int(years[0]), int(years[1]), lower, dedupe)
    f = ss.get("data_upload")
    if f is not None and (UPLOADED not in ss or ss[UPLOADED][2] != f.file_id):
        raw = f.getvalue()
        try:
            wl = load_words(raw, name=f.name, lowercase=lower, dedupe=dedupe)
        except WordListError as e:
            raise WordListError(f"{f.name}: {e}") from e
        ss[UPLOADED] = (f.name, raw, f.file_id)  # this session's only: no shared cache holds a visitor's words
        return wl
    if UPLOADED in ss:  # a checkbox changed: re-read the last good upload with the new options
        name, raw, _ = ss[UPLOADED]
        return load_words(raw, name=name, lowercase=lower, dedupe=dedupe)
    return None  # upload chosen, no file yet: keep the current list
