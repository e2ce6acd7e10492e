"""Figures and tables of word lists and the counts model: data in, plotly Figure or pandas DataFrame out.

No Streamlit here, so tests assert on `fig.data[0].z` without a server. Characters are shown through `label`
(a space as ␣, HTML-special characters escaped) because plotly renders a subset of HTML in its text.

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> fig = bigram_heatmap(m, view="counts")
    >>> fig.data[0].z[0][1]  # N['.', 'a']: one word starts with a
    1
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import torch

from .counts import CountsModel, WordScore

VIEWS = ("counts", "probabilities", "log-probabilities")
LABEL_CELLS_UP_TO = 40  # rows/columns; beyond this, cell text would be unreadable, so only hover and zoom
MAX_HEATMAP_CHARS = 120  # beyond this the heatmap shows the most frequent characters only
BLUES = "Blues"  # the lecture's cmap


def label(c: str) -> str:
    """A character as shown in a figure: visible whitespace, HTML escaped (plotly reads <b>, <br>, &…)."""
    shown = {" ": "␣", "\t": "⇥"}.get(c, c)
    return html.escape(shown, quote=False)


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "-∞" if x < 0 else "∞"
    return f"{x:.4f}"


# --- the dataset page -------------------------------------------------------------------------------------


def length_histogram(lengths: Mapping[int, int]) -> go.Figure:
    """Bars of how many words have each length (`lengths`: length -> words, e.g. `length_counts(words)`)."""
    xs = sorted(lengths)
    fig = go.Figure(go.Bar(x=xs, y=[lengths[n] for n in xs], marker_color="#3b78b5"))
    fig.update_layout(
        title="Word lengths", xaxis_title="characters", yaxis_title="words", margin=dict(t=40, b=40, l=50, r=10)
    )
    return fig


def char_frequency(counts: Mapping[str, int], top: int = 80) -> go.Figure:
    """Bars of character occurrences, most frequent first (`counts` from `char_counts(words)`)."""
    chars = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    title = "Character frequencies" + (f" (the {top} most frequent of {len(counts)})" if len(counts) > top else "")
    fig = go.Figure(go.Bar(x=[label(c) for c in chars], y=[counts[c] for c in chars], marker_color="#3b78b5"))
    fig.update_layout(
        title=title,
        xaxis_title="character",
        yaxis_title="occurrences",
        xaxis_type="category",
        margin=dict(t=40, b=40, l=50, r=10),
    )
    return fig


def length_counts(words: Sequence[str]) -> Counter[int]:
    return Counter(map(len, words))


def preview_table(words: Sequence[str], n: int = 200) -> pd.DataFrame:
    return pd.DataFrame({"word": list(words[:n]), "length": [len(w) for w in words[:n]]})


# --- the counts page --------------------------------------------------------------------------------------


def view_matrix(model: CountsModel, k: float, view: str) -> torch.Tensor:
    """The matrix a view shows: N, P (add-k) or log P."""
    if view == "counts":
        return model.N
    if view == "probabilities":
        return model.P(k)
    if view == "log-probabilities":
        return model.logP(k)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def shown_indices(model: CountsModel, max_chars: int = MAX_HEATMAP_CHARS) -> list[int]:
    """Which rows/columns a heatmap shows: all, or the boundary and the most frequent characters."""
    V = model.V
    if V <= max_chars:
        return list(range(V))
    freq = model.N.sum(0) + model.N.sum(1)
    top = freq[1:].topk(max_chars - 1).indices + 1
    return [0, *sorted(top.tolist())]


def bigram_heatmap(
    model: CountsModel, k: float = 0.0, view: str = "counts", highlight_row: int | None = None
) -> go.Figure:
    """The lecture's heatmap: rows the first character, columns the second, each cell labelled with its bigram
    and value; hover gives bigram, count, probability and log-probability. A vocabulary larger than
    MAX_HEATMAP_CHARS shows its most frequent characters (the figure's title says so)."""
    ix = shown_indices(model)
    sub = torch.tensor(ix)
    N = model.N[sub][:, sub].tolist()
    P_full = model.P(k)
    P = P_full[sub][:, sub].tolist()
    M = view_matrix(model, k, view)[sub][:, sub]
    lab = [label(model.vocab.itos[i]) for i in ix]
    V = len(lab)
    z = M.tolist()
    if view == "log-probabilities":  # -inf has no colour; clamp it to the smallest finite value for the scale
        finite = M[torch.isfinite(M)]
        floor = float(finite.min()) if finite.numel() else 0.0
        z = [[v if math.isfinite(v) else floor for v in row] for row in z]
    trace = go.Heatmap(z=z, x=lab, y=lab, colorscale=BLUES, showscale=True, xgap=1, ygap=1)
    if V <= LABEL_CELLS_UP_TO:
        hover = [
            [
                f"<b>{lab[i]}{lab[j]}</b><br>count {N[i][j]}<br>P {P[i][j]:.4f}<br>log P "
                + (_fmt(math.log(P[i][j])) if P[i][j] > 0 else "-∞")
                for j in range(V)
            ]
            for i in range(V)
        ]
        show = {"counts": lambda v: f"{int(v)}", "probabilities": lambda v: f"{v:.2f}"}.get(view, lambda v: f"{v:.1f}")
        raw = M.tolist()
        trace.text = [[f"{lab[i]}{lab[j]}<br>{show(raw[i][j])}" for j in range(V)] for i in range(V)]
        trace.texttemplate = "%{text}"
        trace.textfont = dict(size=9)
        trace.hovertext = hover
        trace.hoverinfo = "text"
    else:  # one hover string per cell would weigh megabytes: let plotly format z
        trace.hovertemplate = "%{y}%{x}: %{z}<extra></extra>"
    fig = go.Figure(trace)
    fig.update_yaxes(autorange="reversed", type="category", title="first character", tickfont=dict(size=11))
    fig.update_xaxes(type="category", side="top", title="second character", tickfont=dict(size=11))
    side = max(520, min(1100, 30 * V))
    title = f"{view} ({'N' if view == 'counts' else f'P with k={k:g}'})"
    if V < model.V:
        title += f": the {V - 1} most frequent of {model.V - 1} characters"
    fig.update_layout(height=side, margin=dict(t=90, b=10, l=60, r=10), uirevision="heatmap", title=title)
    if highlight_row is not None and highlight_row in ix:
        outline_row(fig, ix.index(highlight_row))
    return fig


def outline_row(fig: go.Figure, row: int, color: str = "#d62728") -> None:
    """Draw a box around one row of a heatmap (the row the sampler is using)."""
    fig.add_shape(
        type="rect", xref="paper", x0=0, x1=1, yref="y", y0=row - 0.5, y1=row + 0.5, line=dict(color=color, width=3)
    )


def top_bigrams(model: CountsModel, k: float = 0.0, n: int = 20) -> pd.DataFrame:
    N, P = model.N, model.P(k)
    V = N.shape[1]
    counts, idx = N.flatten().topk(min(n, N.numel()))
    itos = model.vocab.itos
    rows = []
    for c, i in zip(counts.tolist(), idx.tolist(), strict=True):
        if c == 0:
            break
        a, b = divmod(i, V)
        p = float(P[a, b])
        rows.append({"bigram": itos[a] + itos[b], "count": c, "P": p, "log P": math.log(p)})
    return pd.DataFrame(rows)


def score_table(score: WordScore) -> pd.DataFrame:
    """The lecture's andrejq printout as a table: one row per bigram."""
    return pd.DataFrame(
        [
            {"bigram": b.bigram, "count": b.count, "P": b.prob, "log P": b.logprob, "NLL": -b.logprob}
            for b in score.bigrams
        ]
    )


def row_sums_error(model: CountsModel, k: float) -> float:
    """The lecture's sanity check: the largest deviation of a row sum of P from 1."""
    return float((model.P(k).sum(1) - 1).abs().max())
