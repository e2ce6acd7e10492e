"""Figures and tables of sampling, training and the count-vs-neural comparison (no Streamlit, like figures.py).

>>> from makemore import History
>>> h = History(loss=[3.77, 3.38, 3.16], nll=[3.76, 3.37, 3.15])
>>> fig = loss_figure(h, counts_nll=2.454, V=27)
>>> [t.name for t in fig.data]
['total loss', 'data NLL (train)']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from .figures import BLUES, label, outline_row
from .neural import History
from .sampling import Draw, Sample
from .vocab import Vocab

MAX_POINTS = 2000  # per curve: a long history is downsampled so redraws stay cheap
HIGHLIGHT, PLAIN = "#d62728", "#9ecae1"


# --- sampling ---------------------------------------------------------------------------------------------


def distribution_figure(draw: Draw, vocab: Vocab) -> go.Figure:
    """The row's distribution the character was drawn from, the drawn one in red."""
    p = draw.probs.double().tolist()
    lab = [label(c) for c in vocab.itos]
    colors = [HIGHLIGHT if i == draw.ix else PLAIN for i in range(len(p))]
    fig = go.Figure(go.Bar(x=lab, y=p, marker_color=colors, hovertemplate="%{x}: %{y:.4f}<extra></extra>", name="p"))
    fig.update_layout(
        title=f"p = distribution after '{lab[draw.row]}' · drew '{lab[draw.ix]}' (p = {draw.prob:.4f})",
        xaxis_type="category",
        yaxis_title="probability",
        margin=dict(t=50, b=30, l=50, r=10),
        height=320,
    )
    return fig


def cumulative_figure(draw: Draw, vocab: Vocab) -> go.Figure:
    """The cumulative distribution as stacked intervals on [0, 1], with the uniform u that picked one.

    The lecture stream draws u and takes the first interval whose right end is ≥ u. The torch stream draws
    otherwise (an exponential race), so only the chosen interval is marked.
    """
    p = draw.probs.double()
    cum = torch.cumsum(p, 0) / p.sum()
    lefts = [0.0, *cum[:-1].tolist()]
    lab = [label(c) for c in vocab.itos]
    fig = go.Figure()
    for i, (left, width) in enumerate(zip(lefts, p.div(p.sum()).tolist(), strict=True)):
        if width <= 0:
            continue
        fig.add_trace(
            go.Bar(
                x=[width],
                y=["cumulative"],
                base=[left],
                orientation="h",
                marker_color=HIGHLIGHT if i == draw.ix else (PLAIN if i % 2 else "#c6dbef"),
                marker_line=dict(color="white", width=0.5),
                text=lab[i] if width > 0.025 else "",
                textposition="inside",
                hovertemplate=f"'{lab[i]}': [{left:.4f}, {left + width:.4f})<extra></extra>",
                showlegend=False,
            )
        )
    if draw.u is not None:
        fig.add_vline(
            x=draw.u,
            line=dict(color="black", width=2),
            annotation_text=f"u = {draw.u:.4f}",
            annotation_position="top",
            annotation_font=dict(size=13, color="black"),
            annotation_bgcolor="rgba(255,255,255,0.85)",
        )
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(range=[0, 1], title="cumulative probability"),
        yaxis=dict(showticklabels=False),
        height=190,
        margin=dict(t=40, b=40, l=10, r=10),
    )
    return fig


def samples_table(samples: Sequence[Sample]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "word": s.word if s.word else "(empty)",
                "length": len(s.word),
                "log-probability": s.logprob,
                "in the training words": s.in_training,
                "ended": "." if s.ended else "cut at max length",
            }
            for s in samples
        ]
    )


# --- training ---------------------------------------------------------------------------------------------


def _downsample(ys: Sequence[float], max_points: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Steps (1-based) and values, keeping at most max_points evenly spaced ones (the last always kept).
    NumPy arrays, because plotly validates a list element by element and an array at once."""
    n = len(ys)
    idx = np.arange(n) if n <= max_points else np.unique(np.append(np.arange(0, n, math.ceil(n / max_points)), n - 1))
    return idx + 1, np.asarray(ys, dtype=np.float64)[idx]


def loss_figure(
    h: History, counts_nll: float | None = None, V: int | None = None, counts_dev_nll: float | None = None
) -> go.Figure:
    """Loss per step: total loss, data NLL (train, and dev if any), with the counts model's NLL and ln V.

    Built in one go (traces, shapes and annotations in the constructor): the live page redraws it every tick,
    and `add_hline` costs several milliseconds a line.
    """
    traces = []
    for name, ys, style in (
        ("total loss", h.loss, dict(color="#1f77b4")),
        ("data NLL (train)", h.nll, dict(color="#2ca02c", dash="dot")),
        ("data NLL (dev)", h.dev_nll, dict(color="#ff7f0e")),
    ):
        if ys:
            x, y = _downsample(ys)
            traces.append(go.Scatter(x=x, y=y, mode="lines", name=name, line=style))
    refs = []  # (y, colour, dash, text, where)
    if counts_nll is not None:
        refs.append((counts_nll, "#555", "dash", f"counts model {counts_nll:.4f}", "bottom"))
    if counts_dev_nll is not None:
        refs.append((counts_dev_nll, "#ff7f0e", "dash", f"counts model, dev {counts_dev_nll:.4f}", "top"))
    if V:
        refs.append((math.log(V), "#aaa", "dot", f"uniform ln {V} = {math.log(V):.4f}", "top"))
    shapes = [
        dict(type="line", xref="paper", x0=0, x1=1, y0=y, y1=y, line=dict(color=c, dash=d, width=1.5))
        for y, c, d, _, _ in refs
    ]
    notes = [
        dict(xref="paper", x=1, y=y, text=t, showarrow=False, xanchor="right", yanchor=w, font=dict(size=11, color=c))
        for y, c, _, t, w in refs
    ]
    return go.Figure(
        data=traces,
        layout=dict(
            shapes=shapes,
            annotations=notes,
            xaxis_title="step",
            yaxis_title="loss",
            height=380,
            margin=dict(t=30, b=40, l=50, r=10),
            legend=dict(orientation="h", y=1.12),
            uirevision="loss",
        ),
    )


def matrix_heatmap(
    M: torch.Tensor,
    vocab: Vocab,
    title: str,
    diverging: bool = False,
    highlight_row: int | None = None,
    height: int = 420,
) -> go.Figure:
    """A V×V matrix (W, log P, a gradient, a difference) with character labels and hover; ±∞ is clamped to
    the finite range so it still gets a colour (hover shows the clamped value)."""
    lab = [label(c) for c in vocab.itos]
    z = M.double()
    finite = z[torch.isfinite(z)]
    lo = float(finite.min()) if finite.numel() else 0.0
    hi = float(finite.max()) if finite.numel() else 0.0
    z = torch.where(z == math.inf, hi, torch.where(torch.isfinite(z), z, lo)).numpy()
    kw = dict(colorscale="RdBu_r", zmid=0) if diverging else dict(colorscale=BLUES)
    fig = go.Figure(
        go.Heatmap(z=z, x=lab, y=lab, hovertemplate="%{y}%{x}: %{z:.4f}<extra></extra>", xgap=1, ygap=1, **kw)
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    fig.update_layout(title=title, height=height, margin=dict(t=70, b=10, l=40, r=10))
    if highlight_row is not None:
        outline_row(fig, highlight_row, HIGHLIGHT)
    return fig


# --- count vs neural --------------------------------------------------------------------------------------


def probs_scatter(P: torch.Tensor, Q: torch.Tensor, vocab: Vocab, max_points: int = 15_000) -> go.Figure:
    """Every cell: the counts model's P against the net's softmax(W); on the diagonal when they agree.
    A large vocabulary shows the max_points cells where either model puts the most probability."""
    lab = [label(c) for c in vocab.itos]
    V = len(lab)
    p, q = P.double().flatten(), Q.double().flatten()
    cells = torch.arange(V * V)
    title = None
    if V * V > max_points:
        cells = torch.maximum(p, q).topk(max_points).indices
        title = f"the {max_points:,} most probable of {V * V:,} cells"
    names = [f"{lab[i // V]}{lab[i % V]}" for i in cells.tolist()]
    fig = go.Figure(
        go.Scattergl(
            x=p[cells].numpy(),
            y=q[cells].numpy(),
            mode="markers",
            marker=dict(size=5, opacity=0.6),
            text=names,
            hovertemplate="%{text}: P %{x:.4f}, softmax(W) %{y:.4f}<extra></extra>",
        )
    )
    top = max(float(p.max()), float(q.max()))
    fig.add_trace(
        go.Scatter(x=[0, top], y=[0, top], mode="lines", line=dict(color="#aaa", dash="dash"), showlegend=False)
    )
    fig.update_layout(
        title=title,
        xaxis_title="counts model P",
        yaxis_title="neural softmax(W)",
        height=420,
        margin=dict(t=30, b=40, l=50, r=10),
        showlegend=False,
    )
    return fig


def strength_figure(k_sweep: pd.DataFrame, lam_sweep: pd.DataFrame) -> go.Figure:
    """Smoothing ↔ regularisation: train and dev NLL against k (counts) and λ (neural), side by side."""
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        subplot_titles=("counts model: add-k smoothing", "neural net: λ·mean(W²)"),
    )
    for col, df, x in ((1, k_sweep, "k"), (2, lam_sweep, "λ")):
        for split, color in (("train", "#1f77b4"), ("dev", "#ff7f0e")):
            if split in df:
                fig.add_trace(
                    go.Scatter(
                        x=df[x],
                        y=df[split],
                        mode="lines+markers",
                        name=f"{split} NLL",
                        line=dict(color=color),
                        legendgroup=split,
                        showlegend=col == 1,
                    ),
                    row=1,
                    col=col,
                )
        fig.update_xaxes(type="log", title_text=x, row=1, col=col)
    fig.update_yaxes(title_text="mean NLL", row=1, col=1)
    fig.update_layout(height=380, margin=dict(t=50, b=40, l=50, r=10))
    return fig


def nll_bars(df: pd.DataFrame) -> go.Figure:
    """Train (and dev) NLL of each model as grouped bars; infinite values are shown as missing."""
    fig = go.Figure()
    for split, color in (("train", "#1f77b4"), ("dev", "#ff7f0e")):
        part = df[df["split"] == split]
        if len(part):
            y = [v if math.isfinite(v) else None for v in part["NLL"]]
            fig.add_trace(
                go.Bar(
                    x=part["model"],
                    y=y,
                    name=split,
                    marker_color=color,
                    text=[f"{v:.4f}" if v is not None else "∞" for v in y],
                    textposition="outside",
                )
            )
    lo = min((v for v in df["NLL"] if math.isfinite(v)), default=0.0)
    hi = max((v for v in df["NLL"] if math.isfinite(v)), default=1.0)
    fig.update_layout(
        barmode="group",
        yaxis=dict(range=[max(0.0, lo - 0.3), hi + 0.15], title="mean NLL"),
        height=420,
        margin=dict(t=30, b=40, l=50, r=10),
    )
    return fig
