"""Figures and tables of sampling and the count-vs-neural comparison (no Streamlit, like figures.py).

>>> import pandas as pd
>>> fig = nll_bars(pd.DataFrame([{"model": "counts", "split": "train", "NLL": 2.454}]))
>>> [t.name for t in fig.data]
['train']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from .figures import label
from .sampling import Sample
from .vocab import Vocab

# --- sampling ---------------------------------------------------------------------------------------------


def samples_table(samples: Sequence[Sample]) -> pd.DataFrame:
    columns = ["word", "length", "log-probability", "in the training words", "ended"]
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
        ],
        columns=columns,
    )


# --- training ---------------------------------------------------------------------------------------------


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
    # WebGL only where SVG would choke: without a GPU (a classroom laptop, headless Chromium) a WebGL context is
    # software-rendered and costs more than a few hundred SVG points.
    kind = go.Scattergl if len(names) > 2000 else go.Scatter
    fig = go.Figure(
        kind(
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
