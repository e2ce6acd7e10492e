"""x-y charts: what the canvas x-y component (makemore/app/assets/xy.js) is given: side-by-side panels of lines
or markers, an optional log x axis and y = x diagonal. One builder for a series (`series`), one for a panel
(`panel`) and one for the chart (`chart`); the others say what is plotted against what. (The charts issue swaps
these three for ECharts option dicts: a change here, not in the pages.)

    >>> d = chart(panel("t", "k", "NLL", [series("train", "#000", [0.1, 1.0], [2.5, math.inf])], log_x=True))
    >>> d["panels"][0]["series"][0]["ys"]  # ∞ has no place on an axis: a gap in the line
    [2.5, None]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import torch

from ..grid import GridRow
from ..windows import context_labels
from . import palette
from .format import char_labels

# --- the builders ---------------------------------------------------------------------------------------------


def series(
    name: str, color: str, xs: Iterable, ys: Iterable, mode: str = "lines", texts: Sequence[str] | None = None
) -> dict:
    """One line ("lines") or cloud of points ("markers"); a y that is None or not finite is left out (a line
    lifts over it). `texts`: what each point is, for the hover."""
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
    title: str, x_title: str, y_title: str, series: list[dict], log_x: bool = False, diagonal: bool = False
) -> dict:
    p = {"title": title, "x_title": x_title, "y_title": y_title, "log_x": log_x, "series": series}
    if diagonal:
        p["diagonal"] = True  # y = x, where two models agree
    return p


def chart(*panels: dict, height: int | None = None) -> dict:
    """Panels side by side, `height` pixels high (the component's default, 380, when None)."""
    return {"panels": list(panels)} | ({} if height is None else {"height": height})


# --- what the pages plot --------------------------------------------------------------------------------------


def sweeps(k_sweep, lam_sweep) -> dict:
    """Smoothing ↔ regularisation: train (and dev) NLL against k and against λ, two panels with a log x axis.

    >>> import pandas as pd
    >>> d = sweeps(pd.DataFrame({"k": [0.1, 1.0], "train": [2.46, 2.47]}), pd.DataFrame())
    >>> [p["title"] for p in d["panels"]], d["panels"][0]["series"][0]["ys"]
    (['counts model: add-k smoothing', 'neural net: λ·mean(W²)'], [2.46, 2.47])
    """
    panels = []
    for df, x, title in ((k_sweep, "k", "counts model: add-k smoothing"), (lam_sweep, "λ", "neural net: λ·mean(W²)")):
        lines = [
            series(f"{split} NLL", color, [float(v) for v in df[x]], df[split])
            for split, color in (("train", palette.TRAIN), ("dev", palette.DEV))
            if len(df) and split in df
        ]
        panels.append(panel(title, x, "mean NLL", lines, log_x=True))
    return chart(*panels, height=360)


def scatter(
    P: torch.Tensor,
    Q: torch.Tensor,
    itos,
    max_points: int = 15_000,
    row_labels: Sequence[str] | None = None,
    title: str | None = None,
    y_title: str = "neural softmax(W)",
) -> dict:
    """Every cell: the counts model's P against the net's softmax(W), on the diagonal where they agree. A large
    vocabulary shows the max_points cells where either model puts the most probability. `row_labels`: the
    context of each row when the rows are not the characters (the contexts of a higher order); `title` names
    those rows ("593 contexts seen in training": "every cell of the 593 contexts…", or after the count of cells
    kept when some are left out).

    >>> d = scatter(torch.tensor([[0.5, 0.5]]), torch.tensor([[0.25, 0.75]]), [".", "a"])
    >>> d["panels"][0]["series"][0]["texts"], d["panels"][0]["series"][0]["ys"]
    (['..', '.a'], [0.25, 0.75])
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
    points = series(
        "",
        palette.TRAIN,
        [round(v, 6) for v in p[cells].tolist()],
        [round(v, 6) for v in q[cells].tolist()],
        mode="markers",
        texts=[rows[i // V] + lab[i % V] for i in cells.tolist()],
    )
    return chart(panel(shown, "counts model P", y_title, [points], diagonal=True), height=420)


def seen_contexts_scatter(P: torch.Tensor, Q: torch.Tensor, itos, codes: torch.Tensor, order: int, net: str) -> dict:
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
    )


def positions(by_order: dict[int, list[dict]]) -> dict:
    """`positions.loss_by_position` rows of several orders: mean NLL against the position in the word, a line per
    order; the end of the word sits one place after the last position.

    >>> rows = [{"position": 0, "label": "0", "mean_nll": 2.9}, {"position": None, "label": "end", "mean_nll": 1.7}]
    >>> s = positions({2: rows})["panels"][0]["series"][0]
    >>> s["name"], s["xs"], s["ys"]
    ('n=2', [0, 1], [2.9, 1.7])
    """
    last = max((r["position"] for rows in by_order.values() for r in rows if r["position"] is not None), default=0)
    end, beyond = last + 1, any(r["label"].endswith("+") for rows in by_order.values() for r in rows)
    lines = [
        series(
            f"n={n}",
            palette.cycle(i),
            [end if r["position"] is None else r["position"] for r in rows],
            [r["mean_nll"] for r in rows],
        )
        for i, (n, rows) in enumerate(by_order.items())
    ]
    x_title = f"position in the word (0: first character{f', {last}: {last} and later' if beyond else ''}; {end}: end)"
    return chart(panel("mean NLL by position", x_title, "mean NLL", lines), height=380)


def grid_search(rows: list[GridRow], best: GridRow | None) -> dict:
    """Dev NLL against k, a line per order (k = 0 has no place on a log axis), and the best setting marked."""
    lines = []
    for i, n in enumerate(dict.fromkeys(r.order for r in rows)):
        pts = [r for r in rows if r.order == n and r.smoothing > 0]
        lines.append(series(f"n={n}", palette.cycle(i), [r.smoothing for r in pts], [r.dev_nll for r in pts]))
    if best is not None and best.smoothing > 0 and math.isfinite(best.dev_nll):
        ys = [r.dev_nll for r in rows if r.smoothing > 0 and math.isfinite(r.dev_nll)]
        # a thin line through the best k, so the mark stands out from the curves' own dots
        lines.append(series("", palette.BEST_GUIDE, [best.smoothing] * 2, [min(ys), max(ys)]))
        lines.append(
            series(
                f"best: order {best.order}, k = {best.smoothing:g}",
                palette.BEST,
                [best.smoothing],
                [best.dev_nll],
                mode="markers",
            )
        )
    return chart(panel("dev NLL against k", "k", "dev NLL", lines, log_x=True), height=380)


def length_shares(words_a: Sequence[str], words_b: Sequence[str]) -> dict:
    """The share of each list's words of each length, a line per list (A and B of the Two lists page).

    >>> length_shares(["ab", "abc"], ["ab"])["panels"][0]["series"][1]["ys"]
    [1.0, 0.0]
    """
    shares = [_length_share(words) for words in (words_a, words_b)]
    lengths = sorted(set(shares[0]) | set(shares[1]))
    lines = [
        series(name, color, lengths, [share.get(n, 0.0) for n in lengths])
        for name, color, share in (("A", palette.LIST_A, shares[0]), ("B", palette.LIST_B, shares[1]))
    ]
    return chart(panel("word lengths (share of each list)", "characters", "share", lines))


def _length_share(words: Sequence[str]) -> dict[int, float]:
    return {n: c / len(words) for n, c in Counter(map(len, words)).items()}
