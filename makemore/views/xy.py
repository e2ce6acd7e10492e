"""x-y charts: lines and markers against a value, log or category x axis, as ECharts options (`charts.Chart`). A
line is described with `series`, a chart with `panel`, and `chart` turns a panel into the option: one builder
for every x-y chart; the others say what is plotted against what.

    >>> c = chart(panel("t", "k", "NLL", [series("train", "#000", [0.1, 1.0], [2.5, math.inf])], log_x=True))
    >>> c.option["xAxis"]["type"], c.option["series"][0]["data"]  # ∞ has no place on an axis: a gap in the line
    ('log', [[0.1, 2.5], [1.0, None]])
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd
import torch

from ..grid import GridRow
from ..windows import context_labels
from . import charts, palette
from .charts import Chart
from .format import char_labels, number

DENSE = 2_000  # points in a chart from which it zooms (and ECharts draws its markers in one batch)
EMPTY = {"fill": palette.GREY, "fontSize": 14}  # what an empty chart writes in its middle

# --- the builders ---------------------------------------------------------------------------------------------


def series(
    name: str, color: str, xs: Iterable, ys: Iterable, mode: str = "lines", texts: Sequence[str] | None = None
) -> dict:
    """One line ("lines") or cloud of points ("markers"); a y that is None or not finite is left out (a line
    lifts over it). `texts`: what each point is, for its tooltip."""
    s = {
        "name": name,
        "color": color,
        "mode": mode,
        "xs": list(xs),
        "ys": [float(y) if y is not None and math.isfinite(y) else None for y in ys],
    }
    if texts is not None:
        s["texts"] = list(texts)
    return s


def panel(
    title: str,
    x_title: str,
    y_title: str,
    series: list[dict],
    log_x: bool = False,
    diagonal: bool = False,
    categories: Sequence[str] | None = None,
    guide: float | None = None,
) -> dict:
    """What a chart shows: its series against x (`log_x`: a log axis; `categories`: the x labels, in order), the
    y = x diagonal where two models agree, and a thin vertical `guide` line at an x (the best setting's)."""
    return {
        "title": title,
        "x_title": x_title,
        "y_title": y_title,
        "series": series,
        "log_x": log_x,
        "diagonal": diagonal,
        "categories": None if categories is None else list(categories),
        "guide": guide,
    }


def chart(p: dict, height: int = 380, what: str = "", large: bool = False) -> Chart:
    """The ECharts option for panel `p`: a title, named axes, a legend that scrolls, a tooltip (the lines' values
    at an x, or a point's own text), zoom where the points are dense. `what` starts the alt text."""
    named = [s for s in p["series"] if s["name"]]
    points = sum(len(s["xs"]) for s in p["series"])
    option: dict = {
        "animation": False,
        "title": charts.title(p["title"], large=large),
        "tooltip": charts.tooltip(trigger="item" if p["diagonal"] else "axis")
        | ({} if p["diagonal"] else {"valueFormatter": "%.4f"}),
        "grid": charts.grid(58 if named else 40, large, bottom=charts.font(large, 36)),
        "xAxis": _x_axis(p, large),
        "yAxis": charts.axis("value", p["y_title"], large, nameGap=charts.font(large, 44)),
        "series": [],
    }
    if named:
        option["legend"] = charts.legend(large) | {"data": [s["name"] for s in named]}
    if points > DENSE:
        option["dataZoom"] = charts.zoom(x=True, y=True)
        option["grid"] |= {"right": charts.font(large, 64), "bottom": charts.font(large, 96)}
    datasets = []
    for s in p["series"]:
        option["series"].append(_series(s, p, datasets, large))
    if datasets:
        option["dataset"] = datasets
    if not points:  # an empty chart says so (a sweep waiting for its button, a grid not yet run)
        option["graphic"] = [
            {
                "type": "text",
                "left": "center",
                "top": "middle",
                "silent": True,
                "style": EMPTY | {"text": "no points yet"},
            }
        ]
    if p["diagonal"]:  # the same scale on both axes, so agreement is the 45° line
        top = max((v for s in p["series"] for v in [*s["xs"], *s["ys"]] if v is not None), default=1.0)
        top = math.ceil(top * 20) / 20 or 1.0
        option["xAxis"] |= {"min": 0, "max": top}
        option["yAxis"] |= {"min": 0, "max": top}
        option["series"][0]["markLine"] = _guide([[{"coord": [0, 0]}, {"coord": [top, top]}]], "dashed")
    if p["guide"] is not None and option["series"]:
        option["series"][-1]["markLine"] = _guide([{"xAxis": p["guide"]}], "solid")
    return Chart(option, _alt(p, what), height)


def _x_axis(p: dict, large: bool) -> dict:
    if p["categories"] is not None:
        return charts.axis("category", p["x_title"], large, data=p["categories"], boundaryGap=False)
    return charts.axis("log" if p["log_x"] else "value", p["x_title"], large)


def _series(s: dict, p: dict, datasets: list, large: bool) -> dict:
    """One series of the option; a cloud of points with texts carries them in a dataset (one row a point)."""
    out = {"name": s["name"], "itemStyle": {"color": s["color"]}}
    if s["mode"] == "markers":
        out |= {"type": "scatter", "symbolSize": charts.font(large, 5 if len(s["xs"]) > 100 else 9)}
        if s["color"] == palette.BEST:  # the best setting: a diamond that stands out from every order's colour
            out |= {"symbol": "diamond", "symbolSize": charts.font(large, 16), "z": 3}
            out["itemStyle"] |= {"borderColor": palette.GREY, "borderWidth": 1}
        if len(s["xs"]) > DENSE:
            out["large"] = True
        if "texts" in s:
            datasets.append({"source": pd.DataFrame({"x": s["xs"], "y": s["ys"], "point": s["texts"]})})
            template = f"{{@point}}<br/>{p['x_title']} {{@x}}<br/>{p['y_title']} {{@y}}"
            return out | {
                "datasetIndex": len(datasets) - 1,
                "encode": {"x": "x", "y": "y"},
                "tooltip": {"formatter": template},
                "itemStyle": {"color": s["color"], "opacity": 0.6},
            }
    else:
        out |= {
            "type": "line",
            "lineStyle": {"color": s["color"], "width": 2},
            "symbolSize": charts.font(large, 6),
            "connectNulls": False,
        }
    return out | {"data": [[x, y] for x, y in zip(s["xs"], s["ys"], strict=True)]}


def _guide(data: list, kind: str) -> dict:
    """A thin line that is not data (no tooltip, no arrow heads): the diagonal, the best k."""
    return {
        "silent": True,
        "symbol": "none",
        "label": {"show": False},
        "lineStyle": {"type": kind, "color": palette.BEST_GUIDE, "width": 1},
        "data": data,
    }


def _alt(p: dict, what: str) -> str:
    """What the chart shows, and each line's lowest point (a loss is read by its minimum)."""
    head = f"{what or p['title']}: {p['y_title']} against {p['x_title']}"
    lows = []
    for s in p["series"]:
        pts = [(y, x) for x, y in zip(s["xs"], s["ys"], strict=True) if y is not None]
        if s["name"] and pts and s["mode"] == "lines":
            y, x = min(pts)
            lows.append(f"{s['name']} lowest {number(y)} at {x if isinstance(x, str) else format(x, 'g')}")
    if not p["series"] or not any(s["xs"] for s in p["series"]):
        return head + ", no points yet"
    return head + (f"; {'; '.join(lows)}" if lows else f", {sum(len(s['xs']) for s in p['series']):,} points")


# --- what the pages plot --------------------------------------------------------------------------------------


def sweeps(k_sweep, lam_sweep, large: bool = False) -> tuple[Chart, Chart]:
    """Smoothing ↔ regularisation: train (and dev) NLL against k, and against λ, each on a log x axis.

    >>> import pandas as pd
    >>> k, lam = sweeps(pd.DataFrame({"k": [0.1, 1.0], "train": [2.46, 2.47]}), pd.DataFrame())
    >>> k.option["title"]["text"], k.option["series"][0]["data"], lam.option["series"]
    ('counts model: add-k smoothing', [[0.1, 2.46], [1.0, 2.47]], [])
    """
    out = []
    for df, x, title in ((k_sweep, "k", "counts model: add-k smoothing"), (lam_sweep, "λ", "neural net: λ·mean(W²)")):
        lines = [
            series(f"{split} NLL", color, [float(v) for v in df[x]], df[split])
            for split, color in (("train", palette.TRAIN), ("dev", palette.DEV))
            if len(df) and split in df
        ]
        out.append(chart(panel(title, x, "mean NLL", lines, log_x=True), height=360, large=large))
    return out[0], out[1]


def scatter(
    P: torch.Tensor,
    Q: torch.Tensor,
    itos,
    max_points: int = 15_000,
    row_labels: Sequence[str] | None = None,
    title: str | None = None,
    y_title: str = "neural softmax(W)",
    large: bool = False,
) -> Chart:
    """Every cell: the counts model's P against the net's softmax(W), on the diagonal where they agree. A large
    vocabulary shows the max_points cells where either model puts the most probability. `row_labels`: the
    context of each row when the rows are not the characters (the contexts of a higher order); `title` names
    those rows ("593 contexts seen in training": "every cell of the 593 contexts…", or after the count of cells
    kept when some are left out). Zooms (wheel, pinch, sliders): the cells pile up near 0.

    >>> c = scatter(torch.tensor([[0.5, 0.5]]), torch.tensor([[0.25, 0.75]]), [".", "a"])
    >>> c.option["dataset"][0]["source"].to_dict("list")
    {'x': [0.5, 0.5], 'y': [0.25, 0.75], 'point': ['..', '.a']}
    """
    lab = char_labels(itos)
    rows = lab if row_labels is None else char_labels(row_labels)
    V = len(lab)
    p, q = P.double().flatten(), Q.double().flatten()
    cells = torch.arange(p.numel())
    shown = "every cell: P against softmax(W)" if title is None else f"every cell of the {title}"
    if p.numel() > max_points:
        cells = torch.maximum(p, q).topk(max_points).indices
        shown = f"the {max_points:,} most probable of {p.numel():,} cells" + (f" · {title}" if title else "")
    texts = [rows[i // V] + lab[i % V] for i in cells.tolist()]
    xs, ys = p[cells], q[cells]
    points = series(
        "", palette.TRAIN, [round(v, 6) for v in xs.tolist()], [round(v, 6) for v in ys.tolist()], "markers", texts
    )
    c = chart(panel(shown, "counts model P", y_title, [points], diagonal=True), height=420, large=large)
    c.option["dataZoom"] = charts.zoom(x=True, y=True)
    c.option["grid"] |= {"right": charts.font(large, 64), "bottom": charts.font(large, 96)}  # the sliders' room
    gap = int((ys - xs).abs().argmax()) if len(texts) else None
    alt = f"Scatter of {y_title} against the counts model's P, {shown}"
    if gap is not None:
        alt += f"; farthest from the diagonal {texts[gap]} (P {xs[gap]:.4f}, {ys[gap]:.4f})"
    return Chart(c.option, alt, c.height)


def seen_contexts_scatter(
    P: torch.Tensor, Q: torch.Tensor, itos, codes: torch.Tensor, order: int, net: str, large: bool = False
) -> Chart:
    """`scatter` at an order other than 2: a row per context seen in training (`codes`), the counts model's P
    against the net's probabilities for it (`net`: its registry name), at most 5,000 cells (a 5-gram has 600 k)."""
    return scatter(
        P,
        Q,
        itos,
        max_points=5_000,
        row_labels=context_labels(codes, order, itos),
        title="unigram's one row" if order == 1 else f"{len(codes):,} contexts seen in training",
        y_title=f"{net} net's probabilities",
        large=large,
    )


def positions(by_order: dict[int, list[dict]], large: bool = False) -> Chart:
    """`positions.loss_by_position` rows of several orders: mean NLL against the position in the word (0, 1, …,
    "12+", "end"), a line per order.

    >>> rows = [{"position": 0, "label": "0", "mean_nll": 2.9}, {"position": None, "label": "end", "mean_nll": 1.7}]
    >>> c = positions({2: rows})
    >>> c.option["xAxis"]["data"], c.option["series"][0]["name"], c.option["series"][0]["data"]
    (['0', 'end'], 'n=2', [['0', 2.9], ['end', 1.7]])
    """
    labels = sorted(
        {r["label"] for rows in by_order.values() for r in rows},
        key=lambda s: (s == "end", int(s.rstrip("+")) if s != "end" else 0),
    )
    lines = [
        series(f"n={n}", palette.cycle(i), [r["label"] for r in rows], [r["mean_nll"] for r in rows])
        for i, (n, rows) in enumerate(by_order.items())
    ]
    p = panel("mean NLL by position", "position in the word (0: the first character)", "mean NLL", lines)
    p["categories"] = labels
    return chart(p, height=380, what="Loss by position", large=large)


def grid_search(rows: list[GridRow], best: GridRow | None, large: bool = False) -> Chart:
    """Dev NLL against k, a line per order (k = 0 has no place on a log axis), and the best setting marked (a
    red point, and a thin line through its k)."""
    lines = []
    for i, n in enumerate(dict.fromkeys(r.order for r in rows)):
        pts = [r for r in rows if r.order == n and r.smoothing > 0]
        lines.append(series(f"n={n}", palette.cycle(i), [r.smoothing for r in pts], [r.dev_nll for r in pts]))
    guide = None
    if best is not None and best.smoothing > 0 and math.isfinite(best.dev_nll):
        name = f"best: order {best.order}, k = {best.smoothing:g}"
        lines.append(series(name, palette.BEST, [best.smoothing], [best.dev_nll], mode="markers"))
        guide = best.smoothing
    p = panel("dev NLL against k", "k", "dev NLL", lines, log_x=True, guide=guide)
    return chart(p, what="Grid search of order and k", large=large)


def length_shares(words_a: Sequence[str], words_b: Sequence[str], large: bool = False) -> Chart:
    """The share of each list's words of each length, a line per list (A and B of the Two lists page).

    >>> length_shares(["ab", "abc"], ["ab"]).option["series"][1]["data"]
    [[2, 1.0], [3, 0.0]]
    """
    shares = [_length_share(words) for words in (words_a, words_b)]
    lengths = sorted(set(shares[0]) | set(shares[1]))
    lines = [
        series(name, color, lengths, [share.get(n, 0.0) for n in lengths])
        for name, color, share in (("A", palette.LIST_A, shares[0]), ("B", palette.LIST_B, shares[1]))
    ]
    return chart(panel("word lengths (share of each list)", "characters", "share", lines), large=large)


def _length_share(words: Sequence[str]) -> dict[int, float]:
    return {n: c / len(words) for n, c in Counter(map(len, words)).items()}
