"""The pieces every chart is made of: a `Chart` (an Apache ECharts option dict, its alt text and its height, which
`makemore.app.components.chart` hands to Streamlit's `st.echarts_chart`), and the title, axes, legend, colour
scale, zoom and tooltip the chart kinds (`heatmaps`, `xy`, `bars`, `sampling`) share, so they look alike.

Rules the options keep (st.echarts_chart's): JSON values and string templates only (no JavaScript functions); a
chart of many points carries a DataFrame as `dataset.source` (sent as Arrow); the theme ("streamlit", light or
dark) gives text, axes and background, so colours here are only those that carry meaning (`palette`). Text a
person typed (a word, a file name, a character of their list) goes in as data: ECharts draws a title, a label or a
legend as text, and Streamlit escapes a dataset value put into a tooltip by `{@column}`; a tooltip template itself
is HTML, so it holds only our own words and `{@column}` placeholders.

    >>> c = Chart({"title": title("N")}, "Bigram counts of names.txt", 300)
    >>> c.option["title"]["text"], c.alt
    ('N', 'Bigram counts of names.txt')
    >>> visual_map(-0.5, 2.0, diverging=True)["min"], visual_map(3.0, 3.0)["max"]
    (-2.0, 4.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from . import palette


@dataclass(frozen=True)
class Chart:
    option: dict  # the ECharts option (st.echarts_chart's spec)
    alt: str  # what it shows, in a sentence: the chart's accessible name
    height: int = 360  # pixels


def font(large: bool, size: int = 12) -> int:
    """A text size: presenter mode (`large`) draws every chart's text 1.5× for the back of a room."""
    return round(size * 1.5) if large else size


def title(text: str, sub: str = "", large: bool = False, width: int | None = None) -> dict:
    """The chart's title at its top left (and a line under it, `sub`), wrapped at `width` pixels if given."""
    t = {"text": text, "left": 0, "top": 4, "textStyle": {"fontSize": font(large, 14), "fontWeight": "normal"}}
    if width:
        t["textStyle"] |= {"width": font(large, width), "overflow": "break"}
    if sub:
        t["subtext"] = sub
        t["subtextStyle"] = {"fontSize": font(large, 12)}
    return t


def axis(kind: str, name: str, large: bool = False, **extra) -> dict:
    """An axis: "value", "log" or "category" (then `data=` its labels), its name centred along it."""
    a = {
        "type": kind,
        "name": name,
        "nameLocation": "middle",
        "nameGap": font(large, 30),
        "nameTextStyle": {"fontSize": font(large, 12)},
        "axisLabel": {"fontSize": font(large, 12)},
    }
    if kind != "category":
        a["scale"] = True  # fit the data, not from 0 (a loss near 2.45 would be a flat line)
    return a | extra


def legend(large: bool = False, top: int = 26) -> dict:
    """A legend under the title that scrolls (with arrows) when its entries do not fit on one line."""
    return {"type": "scroll", "top": font(large, top), "left": 0, "textStyle": {"fontSize": font(large, 12)}}


def grid(top: int, large: bool = False, **extra) -> dict:
    """The plot's box, `top` pixels under the chart's top; axis labels and names kept inside the chart."""
    return {"top": font(large, top), "left": 12, "right": 16, "bottom": font(large, 30), **BOUNDS} | extra


BOUNDS = {"outerBoundsMode": "auto", "outerBoundsContain": "all"}  # ECharts 6: labels and axis names inside


def visual_map(
    lo: float, hi: float, diverging: bool = False, dimension: int | str = 2, large: bool = False, under: bool = False
) -> dict:
    """The colour scale beside a heatmap (or `under` it, for a narrow one): Blues from lo to hi, or (diverging)
    RdBu symmetric around 0 so white is "no difference". Dragging its handles hides cells outside the range."""
    if diverging:
        span = max(abs(lo), abs(hi)) or 1.0
        lo, hi = -span, span
    elif hi <= lo:
        hi = lo + 1.0
    return {
        "type": "continuous",
        "min": lo,
        "max": hi,
        "dimension": dimension,
        "seriesIndex": 0,
        "calculable": True,
        "precision": 0 if not diverging and float(lo).is_integer() and float(hi).is_integer() else 3,
        "textStyle": {"fontSize": font(large, 11)},
        "inRange": {"color": list(palette.RDBU if diverging else palette.BLUES)},
    } | (
        {"orient": "horizontal", "left": "center", "bottom": 0, "itemHeight": font(large, 140), "itemWidth": 12}
        if under
        else {"orient": "vertical", "right": 0, "top": "middle", "itemHeight": font(large, 160)}
    )


def zoom(x: bool = True, y: bool = False) -> list[dict]:
    """Zoom where points are dense: the wheel or a pinch inside the plot, and a slider under it (and one at its
    right for y), so a tablet can zoom too."""
    out = []
    for on, index, slider in ((x, "xAxisIndex", {"bottom": 4}), (y, "yAxisIndex", {"right": 4})):
        if on:
            out += [{"type": "inside", index: 0, "filterMode": "none"}, {"type": "slider", index: 0, **slider}]
    return out


def tooltip(template: str | None = None, trigger: str = "item") -> dict:
    """A tooltip on hover and on a tap. `template` is HTML: our words and `{@column}` placeholders only."""
    t = {"trigger": trigger, "triggerOn": "mousemove|click", "confine": True}
    if template is not None:
        t["formatter"] = template
    return t
