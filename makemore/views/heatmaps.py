"""Heatmaps: every matrix the pages draw, as an ECharts heatmap (`charts.Chart`). One builder, `heatmap`, makes the
chart; the others say which matrix, which labels and which title.

The lecture's picture: each cell labelled with its bigram and its value on two lines ("n.\\n6763"), Blues, a colour
scale beside it. The cells are a DataFrame in `dataset.source` (one row per cell: its row and column labels, the
value the colour scale reads, ±∞ clamped to the finite range, and the texts its label and tooltip show), so the
label template `{@cell}\\n{@label}` and the tooltip read each cell's own strings, and the chart's "Show data"
lists them.

    >>> import torch
    >>> c = heatmap(torch.tensor([[1.0, 0.0], [2.0, 3.0]]), [".", "a"], "N", view="counts", what="Bigram counts")
    >>> cells = c.option["dataset"]["source"]
    >>> cells["value"].tolist(), cells.loc[2, ["cell", "label"]].tolist(), c.alt
    ([1.0, 0.0, 2.0, 3.0], ['a.', '2'], 'Bigram counts, 2×2, largest a→a 3')
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import torch

from ..models.counts import NLL, CountsModel
from . import charts, palette
from .charts import Chart
from .format import char_labels, ngram_name, number
from .slices import Slice, require_bigram, slice_codes, word_start_name

VIEWS = ("counts", "probabilities", "log-probabilities")
LABEL_CELLS_UP_TO = 40  # rows/columns; beyond this, cell text would be unreadable, so only the tooltip says
MAX_HEATMAP_CHARS = 120  # beyond this a heatmap shows the most frequent characters only, or is not drawn
CELL_SPEC = {"counts": ".0f", "probabilities": ".2f", "log-probabilities": ".1f"}  # a cell's value, as text
ALT_SPEC = {"counts": ",.0f", "probabilities": ".4f", "log-probabilities": ".4f"}  # the largest value, in the alt


# --- the one builder ----------------------------------------------------------------------------------------


def clamped(M: torch.Tensor) -> np.ndarray:
    """A matrix as a flat float64 array, ±∞ clamped to its finite range (the colour scale needs a number).

    >>> clamped(torch.tensor([[0.0, -math.inf], [1.5, math.inf]])).tolist()
    [0.0, 0.0, 1.5, 1.5]
    """
    z = M.detach().double().flatten().numpy()
    finite = z[np.isfinite(z)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    return np.where(z == math.inf, hi, np.where(np.isfinite(z), z, lo))


def matrix_values(M: torch.Tensor, digits: int = 5) -> list[float]:
    """`clamped`, as a list rounded to `digits` significant digits (the live panel's heatmaps: a 120×120 matrix
    stays a few tens of kilobytes a tick).

    >>> matrix_values(torch.tensor([[0.0, -math.inf], [1.234567, 2.0]]))
    [0.0, 0.0, 1.2346, 2.0]
    """
    return [float(f"{v:.{digits}g}") for v in clamped(M)]


def heatmap(
    M: torch.Tensor,
    labels: Sequence[str],
    title: str,
    *,
    row_labels: Sequence[str] | None = None,
    view: str | None = None,
    N: torch.Tensor | None = None,
    P: torch.Tensor | None = None,
    col_title: str = "",
    axis_names: tuple[str, str] = ("second character", "first character"),
    highlight_row: int | None = None,
    diverging: bool = False,
    what: str = "",
    large: bool = False,
    cell_labels: bool = True,
) -> Chart:
    """An R×V matrix `M` as a heatmap: columns `labels`, rows `row_labels` (default: the columns), each cell
    labelled with its name and value when `view` names how to write it (and the table is at most
    LABEL_CELLS_UP_TO² cells, and `cell_labels`: not in a third of the page), the counts `N` and probabilities `P` behind each cell in its tooltip, a red frame
    around `highlight_row`, a scale symmetric around 0 when `diverging`. `what` starts the alt text ("Bigram
    counts of names.txt"); `large` is presenter mode's type."""
    cols = char_labels(labels)
    rows = cols if row_labels is None else char_labels(row_labels)
    R, V = len(rows), len(cols)
    raw = M.detach().double().flatten().tolist()
    value = clamped(M)
    spec = CELL_SPEC[view] if view else ("+.4f" if diverging else ".4f")
    cells = pd.DataFrame(
        {
            "row": np.repeat(rows, V),
            "column": np.tile(cols, R),
            "value": value,
            "cell": [r + c for r in rows for c in cols],
            "label": [number(x, spec) for x in raw],
        }
    )
    template = "{@cell}: {@label}"
    if N is not None and P is not None:
        p = P.detach().double().flatten().tolist()
        cells["count"] = [f"{int(n):,}" for n in N.flatten().tolist()]
        cells["P"] = [f"{x:.4f}" for x in p]
        cells["logP"] = [number(math.log(x) if x > 0 else -math.inf) for x in p]
        template = "{@cell} · count {@count} · P {@P} · log P {@logP}"
    labelled = view is not None and cell_labels and R * V <= LABEL_CELLS_UP_TO**2
    row_px = charts.font(large, 30 if labelled else 14)
    row_px = max(4, min(row_px, 1200 // R))
    lo, hi = float(value.min()), float(value.max())
    longest = max(len(r) for r in rows)
    under = not labelled  # a narrow picture (a third of the page): its scale under it, not beside it
    sub = "" if under else col_title  # its axis names say what rows and columns are
    lines = 2 if under else 1  # a narrow picture's title may wrap: room for two lines, so pictures side by side align
    top = 46 + 20 * lines + (20 if sub else 0)
    bottom = 44 if under else 8
    series = [
        {
            "type": "heatmap",
            "name": title,
            "encode": {"x": "column", "y": "row"},
            "label": {
                "show": labelled,
                "formatter": "{@cell}\n{@label}",
                "fontSize": charts.font(large, 10),
                "lineHeight": charts.font(large, 12),
            },
            "itemStyle": {"borderWidth": 1 if labelled else 0, "borderColor": "rgba(128,128,128,0.25)"},
            "emphasis": {"itemStyle": {"borderColor": palette.GREY, "borderWidth": 2}},
            "progressive": 0,
        }
    ]
    y_data: list = list(rows)
    if highlight_row is not None:
        # the row a draw reads: its label in red and its cells framed (a second series the scale does not colour)
        frame = cells.iloc[highlight_row * V : (highlight_row + 1) * V]
        series.append(
            {
                "type": "heatmap",
                "name": "the row read",
                "data": [[c, rows[highlight_row], 0] for c in frame["column"]],
                "itemStyle": {"color": "rgba(0,0,0,0)", "borderColor": palette.HIGHLIGHT, "borderWidth": 2},
                "silent": True,
                "tooltip": {"show": False},
            }
        )
        y_data[highlight_row] = {
            "value": rows[highlight_row],
            "textStyle": {"color": palette.HIGHLIGHT, "fontWeight": "bold"},
        }
    option = {
        "animation": False,
        "title": charts.title(title, sub, large, width=260 if under else None),
        "tooltip": charts.tooltip(template),
        "grid": charts.grid(top, large, left=16, right=16 if under else charts.font(large, 84), bottom=bottom),
        "xAxis": charts.axis(
            "category",
            axis_names[0],
            large,
            data=list(cols),
            position="top",
            nameGap=charts.font(large, 22),
            axisLabel={"interval": "auto" if V > LABEL_CELLS_UP_TO else 0, "fontSize": charts.font(large, 11)},
            splitArea={"show": False},
        ),
        "yAxis": charts.axis(
            "category",
            axis_names[1],
            large,
            data=y_data,
            inverse=True,
            nameGap=charts.font(large, 14 + 7 * longest),
            axisLabel={"interval": "auto" if R > LABEL_CELLS_UP_TO else 0, "fontSize": charts.font(large, 11)},
        ),
        "visualMap": charts.visual_map(lo, hi, diverging, large=large, under=under),
        "dataset": {"source": cells},
        "series": series,
    }
    if labelled:
        option["media"] = _label_sizes(V, row_px)
    alt = _alt(what or title, cells, R, V, ALT_SPEC[view] if view else spec, diverging)
    return Chart(option, alt, _height(R, row_px, top + bottom, large))


def _alt(what: str, cells: pd.DataFrame, R: int, V: int, spec: str, diverging: bool) -> str:
    """ "Bigram counts of names.txt, 27×27, largest n→. 6,763": what, its size, and its largest cell (and its
    smallest, for a difference)."""

    def cell(i: int) -> str:
        r = cells.iloc[i]
        return f"{r['row']}→{r['column']} {number(float(r['value']), spec)}"

    text = f"{what}, {R}×{V}, largest {cell(int(cells['value'].idxmax()))}"
    if diverging:
        text += f", smallest {cell(int(cells['value'].idxmin()))}"
    return text


def _label_sizes(V: int, row_px: int) -> list[dict]:
    """Cell labels as large as the cells allow: ECharts' media queries on the chart's width (known only in the
    browser) choose the label's size, from 6 px up to what two lines in a row of `row_px` hold, and hide it on
    cells narrower than that. A label ("0.14", "6773") is about 2.4 of its font size wide; the chart's margins and
    colour scale take about 130 px.

    >>> [(m["query"], m["option"]["series"][0]["label"]) for m in _label_sizes(27, 30)][-1]
    ({'minWidth': 908}, {'show': True, 'fontSize': 12, 'lineHeight': 14})
    """
    width = lambda size: round(130 + V * 2.4 * size)  # the chart width at which a size fits
    out = [{"query": {"maxWidth": width(6) - 1}, "option": {"series": [{"label": {"show": False}}]}}]
    for size in range(6, int(row_px / 2.4) + 1, 2):
        label = {"show": True, "fontSize": size, "lineHeight": size + 2}
        out.append({"query": {"minWidth": width(size)}, "option": {"series": [{"label": label}]}})
    return out


def _height(R: int, row_px: int, top: int, large: bool) -> int:
    return max(160, charts.font(large, top) + 16 + R * row_px)


def matrix_heatmap(
    M: torch.Tensor,
    itos,
    title: str,
    diverging: bool = False,
    highlight_row: int | None = None,
    row_labels: Sequence[str] | None = None,
    what: str = "",
    large: bool = False,
) -> Chart:
    """Any V×V matrix (P, W, a gradient, a difference) as a heatmap; its tooltip shows the value. A matrix whose
    rows are not the labels (a trigram's 729 rows under 27 labels) is refused, never drawn mislabelled; a slice of
    R rows comes with its `row_labels` (each row's context)."""
    want = (len(itos) if row_labels is None else len(row_labels), len(itos))
    if tuple(M.shape) != want:
        shape = "V×V" if row_labels is None else f"{want[0]:,}×V"
        raise ValueError(
            f"{title}: a {M.shape[0]:,}×{M.shape[1]:,} matrix is not a {shape} picture for V = {len(itos)}; "
            "show a slice of its rows instead"
        )
    names = ("second character", "first character") if row_labels is None else ("next character", "context")
    return heatmap(
        M,
        itos,
        title,
        row_labels=row_labels,
        highlight_row=highlight_row,
        diverging=diverging,
        axis_names=names,
        what=what,
        large=large,
    )


# --- the counts model's table ------------------------------------------------------------------------------------


def view_matrix(model: CountsModel, k: float, view: str) -> torch.Tensor:
    """The matrix a view shows: N, P (add-k) or log P."""
    require_bigram(model, "heatmap")
    if view == "counts":
        return model.N
    if view == "probabilities":
        return model.P(k)
    if view == "log-probabilities":
        return model.logP(k)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def view_title(view: str, k: float) -> str:
    """ "counts (N)", "probabilities (P with k=1)"..."""
    return f"{view} ({'N' if view == 'counts' else f'P with k={k:g}'})"


def shown_indices(model: CountsModel, max_chars: int = MAX_HEATMAP_CHARS) -> list[int]:
    """Which rows/columns a heatmap shows: all, or the boundary and the most frequent characters."""
    require_bigram(model, "heatmap")
    V = model.V
    if V <= max_chars:
        return list(range(V))
    freq = model.N.sum(0) + model.N.sum(1)
    top = freq[1:].topk(max_chars - 1).indices + 1
    return [0, *sorted(top.tolist())]


def counts_heatmap(
    model: CountsModel,
    k: float = 0.0,
    view: str = "counts",
    highlight_row: int | None = None,
    subject: str = "",
    large: bool = False,
) -> Chart:
    """The lecture's picture of a bigram model (rows the first character, columns the second; the most frequent
    characters when V > MAX_HEATMAP_CHARS). Cells carry their bigram and value while V ≤ LABEL_CELLS_UP_TO;
    `subject` (the word list's name) goes in the alt text.

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> c = counts_heatmap(m, view="counts", subject="two.txt")
    >>> c.option["xAxis"]["data"], c.option["dataset"]["source"].loc[1, ["cell", "label", "count"]].tolist()
    (['.', 'a', 'e', 'm', 'v'], ['.a', '1', '1'])
    >>> c.alt
    'Bigram counts (N) of two.txt, 5×5, largest a→. 2'
    """
    ix = shown_indices(model)  # refuses any order but 2: this is the bigram's V×V picture
    sub = torch.tensor(ix)
    title = view_title(view, k)
    if len(ix) < model.V:
        title += f": the {len(ix) - 1} most frequent of {model.V - 1} characters"
    return heatmap(
        view_matrix(model, k, view)[sub][:, sub].double(),
        [model.vocab.itos[i] for i in ix],
        title,
        view=view,
        N=model.N[sub][:, sub],
        P=model.P(k)[sub][:, sub].double(),
        col_title="rows: first character · columns: second character",
        highlight_row=ix.index(highlight_row) if highlight_row in ix else None,
        what=f"Bigram {view_title(view, k)}" + (f" of {subject}" if subject else ""),
        large=large,
    )


def row_sums_error(model: CountsModel, k: float) -> float:
    """The lecture's sanity check: the largest deviation of a row sum of P from 1."""
    return float((model.P(k).sum(1) - 1).abs().max())


def counts_readout(
    fit: NLL, V: int, unit: str, row_error: float, split: bool, k: float, dev: float | None = None
) -> dict:
    """The numbers and notes shown over the counts heatmap (the page draws them as metrics and captions): the
    loss, the log-likelihood, how many `unit`s, uniform ln V, the sanity checks and the dev NLL."""
    notes = [
        f"Sanity checks: every row of P sums to 1 (largest deviation {row_error:.1e}); "
        "the likelihood is summed exactly in float64"
        + (", on the training split" if split else f" over every {unit} of the word list")
        + "."
    ]
    if dev is not None:
        notes.append(
            f"dev NLL at k = {k:g}: {dev:.4f}"
            if math.isfinite(dev)
            else f"dev NLL is ∞ at k = 0: the dev words contain {unit}s the training words never have; raise k."
        )
    return {
        "stats": [
            ["mean NLL (the loss)", number(fit.mean_nll)],
            ["log-likelihood", number(fit.log_likelihood, ",.2f")],
            [f"{unit}s", f"{fit.examples:,}"],
            [f"uniform baseline ln {V}", f"{math.log(V):.4f}"],
        ],
        "notes": notes,
    }


# --- slices of a table of any order -----------------------------------------------------------------------------


def _slice_rows(s: Slice, order: int) -> dict:
    """What every picture of a slice shares: its rows' contexts, the counts and P behind each cell, and the
    line under its title."""
    col_title = (
        f"rows: the context ({order - 1} character{'s' if order > 2 else ''}) · columns: the next character"
        if order >= 2
        else "the unigram: one distribution, no context"
    )
    return {
        "row_labels": s.row_labels,
        "N": s.N,
        "P": s.P,
        "col_title": col_title,
        "axis_names": ("next character", "context" if order >= 2 else ""),
    }


def slice_heatmap(
    s: Slice,
    model: CountsModel,
    k: float,
    view: str,
    highlight_row: int | None = None,
    title: str | None = None,
    subject: str = "",
    large: bool = False,
    cell_labels: bool = True,
) -> Chart:
    """A slice of the table (`slices.context_slice`): its counts, P or log P, each row labelled with its context."""
    M = {"counts": s.N.double(), "probabilities": s.P, "log-probabilities": s.P.log()}[view]
    where = f"contexts '{s.prefix}' + row" if model.order >= 3 else ("the whole table" if model.order == 2 else "")
    title = title or view_title(view, k) + (f": {where}" if where else "")
    unit = ngram_name(model.order)
    return heatmap(
        M,
        model.vocab.itos,
        title,
        view=view,
        highlight_row=highlight_row,
        what=f"{unit[0].upper()}{unit[1:]} {title}" + (f" of {subject}" if subject else ""),
        large=large,
        cell_labels=cell_labels,
        **_slice_rows(s, model.order),
    )


def sampling_rows(model, P: torch.Tensor, itos, tape: Sequence[int], order: int, large: bool = False) -> Chart:
    """The table rows around the one the next draw reads, the row highlighted: the whole V×V table for a
    bigram (`P`); for order n ≥ 3 the slice whose rows share the tape's first n−2 characters; the single row of
    a unigram. A net's rows are its softmax(W) for the same contexts."""
    lab = char_labels(itos)
    if order == 2:
        return matrix_heatmap(
            P,
            itos,
            f"the row used: '{lab[tape[-1]]}'",
            highlight_row=tape[-1],
            what=f"P of the sampler, the row of '{lab[tape[-1]]}' framed",
            large=large,
        )
    prefix = tuple(tape[:-1]) if order >= 3 else ()
    codes = slice_codes(prefix, order, len(itos))
    if order >= 3:
        row_labels = ["".join(lab[i] for i in prefix) + lab[c] for c in range(len(itos))]
        where = f"rows: contexts '{''.join(lab[i] for i in prefix)}' + one character"
    else:
        row_labels, where = ["(no context)"], "the unigram"
    rows = model.log_probs(codes).exp() if hasattr(model, "log_probs") else P
    title = f"the row used: '{''.join(lab[i] for i in tape)}' ({where})"
    return matrix_heatmap(
        rows,
        itos,
        title,
        highlight_row=tape[-1] if order >= 3 else 0,
        row_labels=row_labels,
        what=f"P of the sampler, {where}, the row of '{''.join(lab[i] for i in tape)}' framed",
        large=large,
    )


def compare_heatmaps(
    P: torch.Tensor,
    Q: torch.Tensor,
    itos,
    k: float,
    order: int,
    q_name: str,
    row_labels: Sequence[str] | None = None,
    large: bool = False,
) -> tuple[Chart, Chart, Chart]:
    """The Compare page's three pictures: the counts model's P, the net's probabilities Q for the same rows (called
    `q_name`, the model's own `probs_title()`), and Q − P (the word-start slice at orders other than 2, its
    contexts in `row_labels`)."""
    at = "" if order == 2 else f": {word_start_name(order, itos)}"
    q_title = "softmax(W) (neural)" if order == 2 else q_name
    titles = (
        f"P (counts, k={k:g}){at}",
        f"{q_title}{at}",
        "difference softmax(W) − P" if order == 2 else f"difference net − P{at}",
    )
    return tuple(
        matrix_heatmap(M, itos, t, diverging=d, row_labels=row_labels, large=large)
        for M, t, d in ((P, titles[0], False), (Q, titles[1], False), (Q - P, titles[2], True))
    )


def two_lists_heatmaps(sa: Slice, sb: Slice, model_a: CountsModel, model_b: CountsModel, k: float, large=False):
    """The Two lists page's pictures: P of each list (the same slice of each table) and log(P of B / P of A),
    diverging around 0 (a cell both lists never have is 0: no difference)."""
    ratio = (sb.P.log() - sa.P.log()).nan_to_num(nan=0.0)
    return (
        slice_heatmap(sa, model_a, k, "probabilities", title="P of A", large=large, cell_labels=False),
        slice_heatmap(sb, model_b, k, "probabilities", title="P of B", large=large, cell_labels=False),
        heatmap(
            ratio,
            model_a.vocab.itos,
            "log(P of B / P of A): red likelier in B, blue in A",
            diverging=True,
            large=large,
            **_slice_rows(sa, model_a.order),
        ),
    )
