"""The sampling chart: the distribution a character is (or will be) drawn from, as bars with the drawn one in red,
and under it the same distribution laid end to end on [0, 1] with the uniform u that picked it (the lecture's
torch drew one u and took the first character whose running total reaches it). One ECharts option with two grids
(`charts.Chart`); the word so far is the page's own text beside it (`sampler_panel`).

    >>> import torch
    >>> c = draw_panel([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=0, drew=1, u=0.6)
    >>> c.option["title"]["text"]
    "p = distribution after '.' · drew 'a' (p = 0.2500)"
    >>> c.alt
    "p = distribution after '.' · drew 'a' (p = 0.2500) with u = 0.6000: bars over 3 characters, most likely '.' 0.5000"
    >>> draw_panel([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=4, context=(1, 2)).option["title"]["text"][:30]
    "p = distribution after 'ab': t"
"""

from __future__ import annotations

from typing import NamedTuple

import torch

from ..sampling import Sampler
from . import charts, palette
from .charts import Chart
from .format import char_labels

STRIP_LABEL_FROM = 0.03  # a character's share of the strip from which its name fits inside it


def draw_panel(
    itos,
    probs: torch.Tensor,
    row: int | None,
    drew: int | None = None,
    u: float | None = None,
    context=None,
    large: bool = False,
) -> Chart:
    """The distribution of a draw: `context` is the tape the model read (a tuple of indices; default: the bigram's
    one character, `row`); `drew` the character drawn (red), `u` the uniform that picked it (or None: the torch
    stream races exponentials, greedy takes the argmax)."""
    lab = char_labels(itos)
    p = probs.double().tolist()
    tape = "".join(lab[i] for i in (context if context is not None else (row,)))
    after = f"after '{tape}'" if tape else "(no context: the unigram)"
    if drew is None:
        title = f"p = distribution {after}: the next character is drawn from it"
    else:
        title = f"p = distribution {after} · drew '{lab[drew]}' (p = {p[drew]:.4f})"
    top = charts.font(large, 34)
    bars_h, strip_h = charts.font(large, 200), charts.font(large, 40)
    strip_top = top + bars_h + charts.font(large, 64)
    option = {
        "animation": False,
        "title": charts.title(title, large=large),
        "tooltip": charts.tooltip(),
        "grid": [
            {"top": top, "height": bars_h, "left": 12, "right": 12, **charts.BOUNDS},
            {"top": strip_top, "height": strip_h, "left": 12, "right": 12, **charts.BOUNDS},
        ],
        "xAxis": [
            charts.axis("category", "next character", large, data=lab, gridIndex=0, nameGap=charts.font(large, 26))
            | {"axisLabel": {"interval": 0 if len(lab) <= 40 else "auto", "fontSize": charts.font(large, 11)}},
            charts.axis("value", "cumulative p: the draw takes the character whose interval holds u", large)
            | {"gridIndex": 1, "min": 0, "max": 1, "scale": False, "nameGap": charts.font(large, 26)},
        ],
        "yAxis": [
            charts.axis("value", "p", large, gridIndex=0, min=0, nameGap=charts.font(large, 40)),
            {"type": "category", "gridIndex": 1, "data": ["p"], "show": False},
        ],
        "series": [
            {
                "type": "bar",
                "name": "p",
                "xAxisIndex": 0,
                "yAxisIndex": 0,
                "data": [
                    {"value": round(x, 6), "itemStyle": {"color": palette.DRAWN if i == drew else palette.PALE[0]}}
                    for i, x in enumerate(p)
                ],
                "tooltip": {"valueFormatter": "%.4f"},
            },
            _strip(lab, p, drew, u, large),
        ],
    }
    alt = title + (f" with u = {u:.4f}" if u is not None else "")
    likeliest = max(range(len(p)), key=p.__getitem__)
    alt += f": bars over {len(p)} characters, most likely '{lab[likeliest]}' {p[likeliest]:.4f}"
    return Chart(option, alt, strip_top + strip_h + charts.font(large, 48))


def _strip(lab: list[str], p: list[float], drew: int | None, u: float | None, large: bool) -> dict:
    """The distribution end to end on [0, 1]: a marked area per character (named inside when it fits), u a line."""
    total = sum(p) or 1.0
    areas, left = [], 0.0
    for i, x in enumerate(p):
        w = x / total
        if w > 0:
            areas.append(
                [
                    {
                        "name": lab[i],
                        "xAxis": round(left, 6),
                        "itemStyle": {"color": palette.DRAWN if i == drew else palette.PALE[i % 2]},
                        "label": {
                            "show": w >= STRIP_LABEL_FROM,
                            "position": "inside",
                            "color": "#fff" if i == drew else "#222",  # on red, on pale blue
                        },
                    },
                    {"xAxis": round(left + w, 6)},
                ]
            )
        left += w
    strip = {
        "type": "line",
        "name": "cumulative p",
        "xAxisIndex": 1,
        "yAxisIndex": 1,
        "data": [],
        "markArea": {"data": areas, "itemStyle": {"borderColor": "#fff", "borderWidth": 0.5}},
    }
    if u is not None:
        strip["markLine"] = {
            "symbol": "none",
            "data": [{"xAxis": round(u, 6), "name": "u"}],
            "lineStyle": {"color": palette.GREY, "width": 2, "type": "solid"},
            "label": {"formatter": f"u = {u:.4f}", "position": "end", "fontSize": charts.font(large, 13)},
        }
    return strip


class SamplerView(NamedTuple):
    chart: Chart  # the distribution of the last draw (or of the first, before one)
    word_label: str  # "Word so far" or "Last word"
    word: str  # with its boundaries, e.g. ".em" or ".emma."
    tape: tuple[int, ...]  # the context the row shown was read with


def sampler_panel(sampler: Sampler, itos, boundary: str, large: bool = False) -> SamplerView:
    """The Sampling page's chart for `sampler` as it is now, the word it belongs to, and the tape of the row it
    shows: the last draw and its word, or, before the first draw, the distribution the first character will come
    from."""
    if sampler.shown:  # the word in progress, or the last word's final draw
        d = sampler.shown[-1]
        tape, probs, row, drew, u = d.context, d.probs, d.row, d.ix, d.u
    else:
        row, probs = sampler.upcoming()
        tape, drew, u = tuple(sampler.tape), None, None
    if sampler.current or not sampler.history:
        word_label, word = "Word so far", boundary + sampler.word_so_far
    else:
        last = sampler.history[-1]
        word_label, word = "Last word", boundary + last.word + (boundary if last.ended else " …(cut)")
    chart = draw_panel(itos, probs, row, drew, u, context=tape, large=large)
    return SamplerView(chart, word_label, word, tuple(tape))
