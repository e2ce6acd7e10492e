"""The colours the Python side chooses, once: the series of the x-y charts, the reference lines of the live loss
chart, the best-setting mark, the Two lists page's two lists and the tour's one-hot table.

A category is matplotlib's tab10 (the colours the lecture's plots come in), taken in order: the first series is
blue, a dev twin orange. The canvas JavaScript (makemore/app/assets/) still holds the colours it draws with itself:
the heatmaps' Blues and RdBu ramps, the sampling panel's red draw and pale bars, the bar charts' blue, the live
panel's three curves and the axes' greys; the charts issue (19) moves those charts to ECharts options built here.

    >>> cycle(0), cycle(11) == CATEGORY[1]
    ('#1f77b4', True)
"""

from __future__ import annotations

CATEGORY = (
    "#1f77b4",  # blue
    "#ff7f0e",  # orange
    "#2ca02c",  # green
    "#d62728",  # red
    "#9467bd",  # purple
    "#8c564b",  # brown
    "#e377c2",  # pink
    "#7f7f7f",  # grey
    "#bcbd22",  # olive
    "#17becf",  # cyan
)
BLUE, ORANGE, GREEN, RED = CATEGORY[:4]

TRAIN, DEV = BLUE, ORANGE  # a curve on the training words, and its twin on the dev words
LIST_A, LIST_B = BLUE, RED  # the Two lists page's first and second list
FLOOR, UNIFORM = "#555", "#999"  # the loss chart's lines: the counts model's NLL, and uniform ln V
DEV_FLOOR = DEV  # the counts model's NLL on the dev words
BEST, BEST_GUIDE = "#000000", "#bbbbbb"  # the best setting's mark, and the thin line through its k
ONE, ZERO = BLUE, "#c8c8c8"  # a one-hot table: the ones stand out, the zeros recede


def cycle(i: int) -> str:
    """The i-th category colour, round again after the tenth (a series per order n = 1 … 10)."""
    return CATEGORY[i % len(CATEGORY)]
