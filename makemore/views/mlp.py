"""The MLP's own charts (makemore part 2): its embedding as labelled points, and the learning-rate finder.

>>> import numpy as np
>>> c = embedding_chart(np.array([[0.0, 1.0], [2.0, -1.0]]), [".", "a"], "C[:, 0] and C[:, 1]", step=5)
>>> c.option["series"][1]["data"][0], c.alt
([2.0, -1.0, 'a'], 'Embedding of 2 characters at step 5 (C[:, 0] and C[:, 1]); vowels: a')
>>> lr_finder_chart(np.array([-3.0, -2.0, -1.0]), np.array([3.0, 2.5, 2.9]), -2.0).alt
'Learning-rate finder: the loss of one step at each rate from 10^-3 to 10^-1; lowest (smoothed) at 10^-2 = 0.01'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import palette
from .charts import Chart, axis, grid, legend, title, tooltip, zoom
from .format import char_labels

VOWELS = set("aeiou")
MAX_LABELLED = 80  # characters drawn with their label on the embedding plot (a label a tick for each is costly)


def embedding_chart(points: np.ndarray, itos: Sequence[str], what: str, step: int, large: bool = False) -> Chart:
    """C's rows as points labelled by their character (the lecture's plot), vowels in their own colour so their
    clustering shows; `what` says what the axes are (C itself, or its principal components)."""
    labels = char_labels(itos)
    vowels = [i for i, ch in enumerate(itos) if ch in VOWELS]
    data = [[round(float(x), 5), round(float(y), 5), labels[i]] for i, (x, y) in enumerate(points)]
    labelled = len(labels) <= MAX_LABELLED  # a large vocabulary: points only (its tooltip names each)
    marker = {
        "symbolSize": (26 if large else 20) if labelled else 8,
        "label": {"show": labelled, "formatter": "{@[2]}", "fontSize": 13},
    }
    series = [
        {
            "name": "consonants and others",
            "type": "scatter",
            "data": [d for i, d in enumerate(data) if i not in vowels],
            "itemStyle": {"color": palette.TRAIN_NLL},
            **marker,
        },
        {
            "name": "vowels",
            "type": "scatter",
            "data": [data[i] for i in vowels],
            "itemStyle": {"color": palette.DEV},
            **marker,
        },
    ]
    option = {
        "animationDurationUpdate": 200,  # a tick's move glides rather than jumps
        "title": title(f"The embedding C at step {step:,}", what, large=large),
        "legend": legend(large, top=44),
        "grid": grid(76, large),
        "xAxis": axis("value", "", large),
        "yAxis": axis("value", "", large),
        "tooltip": tooltip("{@[2]}: ({@[0]}, {@[1]})"),
        "series": series,
    }
    shown = ", ".join(labels[i] for i in vowels) or "none"
    return Chart(option, f"Embedding of {len(labels)} characters at step {step:,} ({what}); vowels: {shown}", 420)


def lr_finder_chart(exps: np.ndarray, losses: np.ndarray, valley: float, large: bool = False) -> Chart:
    """The lecture's plot: each step's loss against the exponent of its rate, smoothed beside it, the valley
    marked."""
    finite = np.isfinite(losses)
    w = max(1, min(50, len(losses)))
    smooth = np.convolve(np.where(finite, losses, np.nan), np.ones(w) / w, mode="same")
    data = [[round(float(e), 4), float(v) if np.isfinite(v) else None] for e, v in zip(exps, losses, strict=True)]
    half = w // 2
    smoothed = [
        [round(float(e), 4), float(v)]
        for i, (e, v) in enumerate(zip(exps, smooth, strict=True))
        if half <= i < len(smooth) - half and np.isfinite(v)
    ]
    option = {
        "title": title(
            "Learning-rate finder", f"one step at each of {len(exps):,} rates, from a fresh net", large=large
        ),
        "legend": legend(large, top=44),
        "grid": grid(76, large),
        "xAxis": axis("value", "log10 of the learning rate", large),
        "yAxis": axis("value", "loss", large),
        "tooltip": tooltip(trigger="axis"),
        "dataZoom": zoom(),
        "series": [
            {"name": "loss", "type": "line", "data": data, "showSymbol": False, "lineStyle": {"width": 1}},
            {
                "name": f"smoothed over {w} steps",
                "type": "line",
                "data": smoothed,
                "showSymbol": False,
                "lineStyle": {"width": 2.5},
                "markLine": {
                    "symbol": "none",
                    "data": [{"xAxis": valley, "name": "valley"}],
                    "label": {"formatter": f"valley: 10^{valley:g} = {10**valley:.3g}"},
                    "lineStyle": {"color": palette.FLOOR, "type": "dashed"},
                },
            },
        ],
        "color": [palette.LOSS, palette.TRAIN_NLL],
    }
    alt = (
        f"Learning-rate finder: the loss of one step at each rate from 10^{exps[0]:g} to 10^{exps[-1]:g}; "
        f"lowest (smoothed) at 10^{valley:g} = {10**valley:.3g}"
    )
    return Chart(option, alt, 380)
