"""The lecture tour's tables (app_pages/5_Tour.py shows them, makemore/tour.py computes what they hold): small
DataFrames of text, as the lecture prints its tensors. A long word's table shows its first and last rows. The
characters and words in them are left as typed; the page escapes them for `st.table`.

    >>> from makemore.tour import Guess
    >>> walkthrough_table([Guess(".", "e", 0, 5, 0.0123, 4.3993)]).to_dict("records")
    [{'input': '.', 'label': 'e', 'probability of the label': '0.0123', 'NLL': '4.3993'}]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..tour import BothModels, Broadcast, FirstAttempt, Guess, Likelihood, OneHot, Smoothing
from . import palette
from .format import number, shorten

MAX_ROWS = 24  # table rows shown: a long word's examples are cut in the middle
MAX_COLUMNS = 40  # xenc columns shown; beyond, only those of the word's characters (the rest are zeros anyway)


def clipped(rows: list[dict], n: int = MAX_ROWS) -> pd.DataFrame:
    """Rows as a table, cut in the middle (its first rows, a row of …, its last four) when there are more than n:
    a word of a thousand characters would be a thousand rows."""
    if len(rows) > n:
        rows = [*rows[: n - 5], dict.fromkeys(rows[0], "…"), *rows[-4:]]
    return pd.DataFrame(rows)


def pairs_table(a: FirstAttempt) -> pd.DataFrame:
    """Step 2: the most frequent pairs, `sorted(b.items(), key=lambda kv: -kv[1])[:10]`."""
    return clipped([{"ch1": x, "ch2": y, "count": f"{c:,}"} for x, y, c in a.top])


def row_sums_table(b: Broadcast, rows: int = 6) -> pd.DataFrame:
    """Step 5: the first rows' sums of `P / P.sum(1)` (wrong) and `P / P.sum(1, keepdim=True)` (right)."""
    return clipped(
        [
            {"row": b.labels[i], "wrong.sum(1)": f"{b.wrong_row_sums[i]:.4f}", "P.sum(1)": f"{b.right_row_sums[i]:.4f}"}
            for i in range(min(rows, len(b.labels)))
        ]
    )


def likelihood_table(r: Likelihood) -> pd.DataFrame:
    """Step 6: the first words, bigram by bigram, with prob and logprob as the lecture prints them."""
    return clipped(
        [
            {"bigram": p.bigram, "prob": f"{p.prob:.4f}", "logprob": number(p.logprob)}
            for s in r.scores
            for p in s.predictions
        ]
    )


def smoothing_table(s: Smoothing) -> pd.DataFrame:
    """Step 7: the word scored with N and with N+1, bigram by bigram."""
    return clipped(
        [
            {"bigram": a.bigram, "count": a.count, "P (N)": number(a.prob), "P (N+1)": number(b.prob)}
            for a, b in zip(s.at0.predictions, s.at1.predictions, strict=True)
        ]
    )


def xenc_table(h: OneHot) -> tuple[pd.DataFrame, str]:
    """Step 8: `xenc`, a row per input (the first MAX_ROWS) and a column per token (only the word's own when
    there are more than MAX_COLUMNS: the others are all 0), the input in front; and its caption."""
    cols = list(range(len(h.labels)))
    if len(cols) > MAX_COLUMNS:
        cols = sorted(set(h.xs) | {0})
    shown = min(len(h.xenc), MAX_ROWS)
    df = pd.DataFrame([[r[j] for j in cols] for r in h.xenc[:shown]], columns=[h.labels[j] for j in cols])
    df.insert(0, "input", list(h.inputs[:shown]))  # a column, not the index: inputs repeat
    hidden = len(h.labels) - len(cols)
    caption = (
        f"xenc: {len(h.xs)}×{len(h.labels)}, a row per input"
        + (f", the first {shown} shown" if shown < len(h.xenc) else "")
        + (f" (only the columns of its characters: the other {hidden} are all 0)" if hidden else "")
    )
    return df, caption


def xenc_style(v: int) -> str:
    """xenc as the lecture's picture: the ones stand out, the zeros recede (a pandas Styler's cell style)."""
    return f"background-color: {palette.ONE}; color: white; font-weight: 600" if v else f"color: {palette.ZERO}"


def walkthrough_table(examples: Sequence[Guess]) -> pd.DataFrame:
    """Step 9: each example of the word, the probability the random net gives its label, and its NLL."""
    return clipped(
        [
            {"input": g.input, "label": g.label, "probability of the label": f"{g.prob:.4f}", "NLL": f"{g.nll:.4f}"}
            for g in examples
        ]
    )


def both_models_table(r: BothModels) -> pd.DataFrame:
    """Step 11: the words the counts model (N+1) and the trained net draw with the same seed, side by side."""

    def shown(word: str, ended: bool) -> str:
        return shorten(word, 40) + ("" if ended else " …(cut)")

    return clipped(
        [
            {
                "word": i + 1,
                "counts model, N+1": shown(a, ae),
                f"net, {r.steps} steps": shown(b, be),
                "same": "yes" if a == b else "no",
            }
            for i, (a, b, ae, be) in enumerate(
                zip(r.counts_words, r.net_words, r.counts_ended, r.net_ended, strict=True)
            )
        ]
    )
