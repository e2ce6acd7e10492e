"""Bar charts, for the Dataset page: one builder, `bars` (an ECharts option, `charts.Chart`); the others say what
is counted. Many bars (a list of 80 characters) zoom.

    >>> c = length_bars({3: 2, 5: 1})
    >>> c.option["series"][0]["data"], c.alt
    ([2, 0, 1], 'Word lengths: words by characters, 3 bars from 3 to 5, most 3 (2)')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import charts, palette
from .charts import Chart
from .format import char_labels

ZOOM_FROM = 40  # bars; from here a slider and the wheel zoom along them


def bars(
    labels: Sequence[str], values: Sequence[int], title: str, x_title: str, y_title: str, large: bool = False
) -> Chart:
    labels, values = list(labels), [int(v) for v in values]
    option = {
        "animation": False,
        "title": charts.title(title, large=large),
        "tooltip": charts.tooltip(trigger="axis") | {"valueFormatter": "%,d"},
        "grid": charts.grid(40, large, bottom=charts.font(large, 60 if len(labels) > ZOOM_FROM else 36)),
        "xAxis": charts.axis("category", x_title, large, data=labels),
        "yAxis": charts.axis("value", y_title, large, nameGap=charts.font(large, 48), min=0),
        "series": [{"type": "bar", "name": y_title, "data": values, "itemStyle": {"color": palette.BLUE}}],
    }
    if len(labels) > ZOOM_FROM:
        option["dataZoom"] = charts.zoom(x=True)
    alt = f"{title}: {y_title} by {x_title}, {len(labels)} bars"
    if labels:
        top = max(range(len(values)), key=values.__getitem__)
        alt += f" from {labels[0]} to {labels[-1]}, most {labels[top]} ({values[top]:,})"
    return Chart(option, alt, charts.font(large, 320))


def length_bars(lengths: Mapping[int, int], large: bool = False) -> Chart:
    """How many words have each length, every length from the shortest to the longest (zeros included, so the
    axis is continuous); `lengths` is length -> words, e.g. `WordList.length_counts()`."""
    xs = range(min(lengths), max(lengths) + 1) if lengths else range(0)
    return bars([str(n) for n in xs], [lengths.get(n, 0) for n in xs], "Word lengths", "characters", "words", large)


def char_bars(counts: Mapping[str, int], top: int = 80, large: bool = False) -> Chart:
    """Character occurrences, most frequent first, at most `top` of them (the title says when some are left out).

    >>> char_bars({"a": 3, "b": 5, " ": 1}).option["xAxis"]["data"]
    ['b', 'a', '␣']
    """
    chars = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    title = "Character frequencies" + (f" (the {top} most frequent of {len(counts)})" if len(counts) > top else "")
    return bars(char_labels(chars), [counts[c] for c in chars], title, "character", "occurrences", large)
