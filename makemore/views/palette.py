"""The colours the charts are drawn in, chosen once, in Python: the series of the x-y charts, the reference lines
of the live loss chart, the best-setting mark, the Two lists page's two lists, the sampling panel's drawn
character, the heatmaps' colour scales and the tour's one-hot table. Text, axes and backgrounds are the theme's
(Streamlit's light or dark theme: ECharts' `theme="streamlit"`, and the live panel reads the page's colours), so
every colour here is one that reads on a white and on a near-black background.

A category is matplotlib's tab10 (the colours the lecture's plots come in), taken in order: the first series is
blue, a dev twin orange. The heatmaps' scales are matplotlib's Blues (the lecture's `cmap='Blues'`) and RdBu_r,
a diverging scale for differences (blue below 0, red above).

    >>> cycle(0), cycle(11) == CATEGORY[1], len(BLUES), RDBU[5]
    ('#1f77b4', True, 9, '#f7f7f7')
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
GREY = CATEGORY[7]

TRAIN, DEV = BLUE, ORANGE  # a curve on the training words, and its twin on the dev words
LOSS, TRAIN_NLL = BLUE, GREEN  # the live chart's total loss (with λ's term) and its data NLL on the training words
LIST_A, LIST_B = BLUE, RED  # the Two lists page's first and second list
FLOOR, UNIFORM = GREY, "#a0a0a0"  # the loss chart's lines: the counts model's NLL, and uniform ln V
DEV_FLOOR = DEV  # the counts model's NLL on the dev words
BEST, BEST_GUIDE = "#f5c000", "#a0a0a0"  # the best setting's mark (gold: no order's colour), its k's line
DRAWN, PALE = RED, ("#9ecae1", "#c6dbef")  # the character drawn; the others (alternating, in the strip)
HIGHLIGHT = RED  # the frame around the row a draw reads
ONE, ZERO = BLUE, "#c8c8c8"  # a one-hot table: the ones stand out, the zeros recede

# matplotlib's Blues, light to dark (the lecture's heatmap), and RdBu_r, blue through white to red
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
RDBU = (
    "#053061",
    "#2166ac",
    "#4393c3",
    "#92c5de",
    "#d1e5f0",
    "#f7f7f7",
    "#fddbc7",
    "#f4a582",
    "#d6604d",
    "#b2182b",
    "#67001f",
)


def cycle(i: int) -> str:
    """The i-th category colour, round again after the tenth (a series per order n = 1 … 10)."""
    return CATEGORY[i % len(CATEGORY)]
