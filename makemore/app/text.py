"""Text as a person reads it: their words escaped so Markdown shows them as typed, and a page's explanation.

User text is data: a word like `[x](http://e.com)` from a person's list must not become a link in `st.error`,
`st.info` or `st.table` (all three render Markdown).

    >>> plain("[x](http://e.com)")
    '\\\\[x\\\\]\\\\(http\\\\://e\\\\.com\\\\)'
"""

from __future__ import annotations

import streamlit as st

from .address import presenting


def plain(text: str) -> str:
    """Escape Markdown so user text in st.error/st.info shows as typed (Streamlit never renders its HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:&" else ch for ch in text)


def plain_join(items: list[str]) -> str:
    """Several pieces of user text, escaped, in one line."""
    return "; ".join(plain(x) for x in items)


def as_text(df):
    """A table whose text cells (and text index) are escaped: `st.table` renders Markdown in its cells, so a word
    like `[x](http://e.com)` from a person's list would become a link. Numbers are left as they are."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: plain(v) if isinstance(v, str) else v)
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index):
        out.index = out.index.map(lambda v: plain(v) if isinstance(v, str) else v)
    return out


def explain(markdown: str) -> None:
    """A page's explanation: shown, or folded away in presenter mode (the figure is what the room looks at)."""
    if presenting():
        with st.expander("What this page shows"):
            st.markdown(markdown)
    else:
        st.markdown(markdown)
