"""The ECharts options every page sends (makemore/views/: heatmaps, xy, bars, sampling), built without Streamlit:
their titles, alt texts, data, colour scales, zoom and legends, and that each is what st.echarts_chart takes (JSON
values and string templates only, a DataFrame only as a dataset's source, user text only as data)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import torch

from makemore import ConcatNet, CountsModel, FullNet, Sampler, Trainer, Vocab, from_list, make_examples, split_words
from makemore.grid import GridRow, best_of
from makemore.positions import loss_by_position
from makemore.sweeps import regularisation_sweep, smoothing_sweep
from makemore.views import bars, charts, heatmaps, palette, sampling, xy
from makemore.views.slices import context_slice
from makemore.windows import word_start_codes

WORDS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn"]


def wire(c: charts.Chart) -> str:
    """The option as st.echarts_chart sends it: JSON (no NaN, no ∞, no numpy numbers, no functions), each
    dataset's DataFrame as its rows."""

    def plain(v):
        if isinstance(v, pd.DataFrame):
            return v.to_dict("records")
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        assert v is None or isinstance(v, str | bool | int | float), type(v)
        return v

    return json.dumps(plain(c.option), allow_nan=False)


def cells(c: charts.Chart) -> pd.DataFrame:
    return c.option["dataset"]["source"]


def templates(option) -> list[str]:
    """Every tooltip template in an option (HTML: they must hold none of a person's text)."""
    found = []
    if isinstance(option, dict):
        for k, v in option.items():
            if k == "tooltip" and isinstance(v, dict) and "formatter" in v:
                found.append(v["formatter"])
            found += templates(v)
    elif isinstance(option, list):
        for v in option:
            found += templates(v)
    return found


# --- heatmaps -------------------------------------------------------------------------------------------------


def test_the_lecture_heatmap_labels_each_cell_with_its_bigram_and_count(names_model):
    c = heatmaps.counts_heatmap(names_model, k=1, view="counts", subject="names.txt")
    t = cells(c)
    assert t["value"].tolist() == [float(v) for v in names_model.N.flatten().tolist()]
    assert t.loc[27, ["row", "column", "cell", "label", "count"]].tolist() == ["a", ".", "a.", "6773", "6,773"]
    assert t.loc[27, "P"] == f"{float(names_model.P(1)[1, 0]):.4f}"
    series = c.option["series"][0]
    assert series["label"] == series["label"] | {"show": True, "formatter": "{@cell}\n{@label}"}  # two lines
    assert c.option["xAxis"]["data"] == c.option["yAxis"]["data"] == names_model.vocab.itos
    assert (c.option["xAxis"]["name"], c.option["yAxis"]["name"]) == ("second character", "first character")
    assert c.option["title"]["text"] == "counts (N)"
    assert c.option["title"]["subtext"] == "rows: first character · columns: second character"
    assert c.alt == "Bigram counts (N) of names.txt, 27×27, largest n→. 6,860"
    scale = c.option["visualMap"]
    assert (scale["min"], scale["max"], scale["dimension"]) == (0, 6860, 2) and scale["precision"] == 0
    assert scale["inRange"]["color"] == list(palette.BLUES)
    assert templates(c.option) == ["{@cell} · count {@count} · P {@P} · log P {@logP}"]
    wire(c)


def test_probability_and_log_views(names_model):
    P = names_model.P(0.5)
    c = heatmaps.counts_heatmap(names_model, k=0.5, view="probabilities")
    t = cells(c)
    assert t.loc[3 * 27 + 4, "value"] == pytest.approx(float(P[3, 4]), abs=0)
    assert t.loc[3 * 27 + 4, "label"] == f"{float(P[3, 4]):.2f}"
    assert c.option["title"]["text"] == "probabilities (P with k=0.5)"
    assert c.option["visualMap"]["max"] == pytest.approx(float(P.max()))
    assert c.alt.startswith("Bigram probabilities (P with k=0.5), 27×27, largest q→u 0.")
    logs = heatmaps.counts_heatmap(names_model, k=0, view="log-probabilities")
    lt = cells(logs)
    assert lt["value"].map(math.isfinite).all()  # -∞ clamped for its colour
    assert lt.loc[0, "label"] == "-∞" and lt.loc[0, "logP"] == "-∞"  # but the cell says what it is
    assert lt.loc[1, "label"] == f"{math.log(float(names_model.P(0)[0, 1])):.1f}"
    assert logs.option["visualMap"]["min"] == pytest.approx(float(lt["value"].min()))
    wire(logs)  # no ∞ in what is sent
    with pytest.raises(ValueError, match="unknown view"):
        heatmaps.view_matrix(names_model, 0, "bogus")


def test_presenter_mode_draws_larger_labels_in_a_taller_chart(names_model):
    normal = heatmaps.counts_heatmap(names_model, view="counts")
    large = heatmaps.counts_heatmap(names_model, view="counts", large=True)
    size = lambda c: c.option["series"][0]["label"]["fontSize"]
    assert size(large) >= 1.4 * size(normal) and large.height > normal.height
    assert large.option["title"]["textStyle"]["fontSize"] > normal.option["title"]["textStyle"]["fontSize"]


def test_a_persons_text_is_data_never_markup():
    words = ["<b>", "a b", "&x", "{@cell}"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    c = heatmaps.counts_heatmap(m, view="counts", subject="<img src=x onerror=alert(1)>.txt")
    labels = c.option["xAxis"]["data"]
    assert "<" in labels and "␣" in labels and "&" in labels and "{" in labels  # shown as typed (a space as ␣)
    assert "a␣" in cells(c)["cell"].tolist()  # a cell's bigram joins two visible characters
    for template in templates(c.option):  # HTML templates: our words and {@column} placeholders only
        assert "<b>" not in template and "img" not in template and "&" not in template
    assert "<img src=x" in c.alt  # the alt is an attribute's text, set as text


def test_a_large_vocabulary_shows_the_most_frequent_characters_unlabelled():
    words = [chr(0x4E00 + i) * 2 + chr(0x4E00 + i + 1) for i in range(300)] + [chr(0x4E00)] * 50
    m = CountsModel.from_words(words, Vocab.from_words(words))
    c = heatmaps.counts_heatmap(m, view="counts")
    assert len(c.option["xAxis"]["data"]) == heatmaps.MAX_HEATMAP_CHARS
    assert c.option["series"][0]["label"]["show"] is False  # no cell text where it cannot fit: the tooltip says
    assert "most frequent" in c.option["title"]["text"] and chr(0x4E00) in c.option["xAxis"]["data"]
    assert c.height <= 1400  # rows shrink to fit


def test_the_sampling_rows_frame_the_row_read(names):
    v = Vocab.from_words(names)
    bi = CountsModel.from_words(names, v)
    c = heatmaps.sampling_rows(bi, bi.P(1), v.itos, (0, 5), 2)
    assert c.option["title"]["text"] == "the row used: 'e'" and len(cells(c)) == 27 * 27
    frame = c.option["series"][1]
    assert len(frame["data"]) == 27 and {d[1] for d in frame["data"]} == {"e"}
    assert frame["itemStyle"]["borderColor"] == palette.HIGHLIGHT and frame["silent"]
    assert c.option["yAxis"]["data"][5] == {
        "value": "e",
        "textStyle": {"color": palette.HIGHLIGHT, "fontWeight": "bold"},
    }
    assert c.option["visualMap"]["seriesIndex"] == 0  # the frame is not coloured by the scale
    assert "the row of 'e' framed" in c.alt
    tri = CountsModel.from_words(names, v, order=3).with_k(1)
    c = heatmaps.sampling_rows(tri, None, v.itos, (5, 13), 3)
    assert c.option["yAxis"]["data"][13]["value"] == "em"
    assert c.option["title"]["text"] == "the row used: 'em' (rows: contexts 'e' + one character)"
    rows = tri.log_probs(torch.arange(5 * 27, 6 * 27)).exp()
    assert cells(c).loc[13 * 27 + 1, "value"] == pytest.approx(float(rows[13, 1]))


def test_a_slice_of_a_trigram_is_labelled_by_its_contexts(names):
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    s = context_slice(tri, "e", k=1)
    c = heatmaps.slice_heatmap(s, tri, 1, "counts", subject="names.txt")
    assert c.option["yAxis"]["data"][:3] == ["e.", "ea", "eb"] and c.option["yAxis"]["name"] == "context"
    assert c.option["title"]["text"] == "counts (N): contexts 'e' + row"
    assert c.option["title"]["subtext"] == "rows: the context (2 characters) · columns: the next character"
    assert cells(c).loc[27 + 14, ["cell", "label"]].tolist() == ["ean", str(int(s.N[1, 14]))]  # after "ea", n
    assert c.alt.startswith("Trigram counts (N): contexts 'e' + row of names.txt, 27×27, largest ")
    uni = CountsModel.from_words(names, Vocab.from_words(names), order=1)
    u = heatmaps.slice_heatmap(context_slice(uni), uni, 0, "probabilities")
    assert u.option["yAxis"]["data"] == ["(no context)"] and u.option["title"]["text"] == "probabilities (P with k=0)"
    assert u.option["title"]["subtext"] == "the unigram: one distribution, no context" and u.height < 300


def test_bigram_pictures_refuse_other_orders(names):
    """A trigram used to make the heatmap show 729 rows under 27 labels."""
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    for build in (lambda: heatmaps.counts_heatmap(tri), lambda: heatmaps.view_matrix(tri, 0, "counts")):
        with pytest.raises(ValueError, match=r"bigram.*order 3 .*729 rows"):
            build()
    t = Trainer(FullNet(CountsModel.from_words(names[::20], tri.vocab, order=3)))
    with pytest.raises(ValueError, match=r"729×27 matrix is not a V×V picture"):
        heatmaps.matrix_heatmap(t.model.W, tri.vocab.itos, "W")
    assert len(cells(heatmaps.matrix_heatmap(t.model.W[:27], tri.vocab.itos, "W"))) == 27 * 27


def test_compare_pictures_are_titled_for_their_rows_and_the_difference_diverges(names):
    v = Vocab.from_words(names)
    tri = CountsModel.from_words(names, v, order=3)
    s = context_slice(tri, ".", k=1)
    Q = torch.softmax(torch.zeros(27, 27), 1)
    p, q, diff = heatmaps.compare_heatmaps(s.P, Q, v.itos, 1, 3, ConcatNet(tri).probs_title(), s.row_labels)
    assert p.option["title"]["text"] == "P (counts, k=1): contexts '.' + row"
    assert q.option["title"]["text"] == "concat net's softmax: contexts '.' + row"
    assert diff.option["title"]["text"] == "difference net − P: contexts '.' + row"
    assert cells(diff).loc[0, "value"] == pytest.approx(float(Q[0, 0] - s.P[0, 0]))
    scale = diff.option["visualMap"]
    assert scale["min"] == -scale["max"] and scale["inRange"]["color"] == list(palette.RDBU)  # white is 0
    assert scale["max"] == pytest.approx(float((Q - s.P).abs().max()))
    assert "largest" in diff.alt and "smallest" in diff.alt
    for c in (p, q, diff):  # a third of the page: no cell text, the scale under the picture, the title wraps
        assert c.option["series"][0]["label"]["show"] is False and c.option["visualMap"]["orient"] == "horizontal"
        assert c.option["title"]["textStyle"]["overflow"] == "break"
    bi = CountsModel.from_words(names, v)
    pics = heatmaps.compare_heatmaps(bi.P(0), bi.P(0), v.itos, 0, 2, FullNet(bi).probs_title())
    assert [c.option["title"]["text"] for c in pics] == [
        "P (counts, k=0)",
        "softmax(W) (neural)",
        "difference softmax(W) − P",
    ]
    assert len(word_start_codes(3, 27)) == 27


def test_two_lists_ratio_diverges_and_is_zero_where_both_lack_a_cell():
    a, b = ["ab", "ba"], ["aa", "ab"]
    v = Vocab.from_words(a + b)
    ma, mb = CountsModel.from_words(a, v), CountsModel.from_words(b, v)
    pa, pb, ratio = heatmaps.two_lists_heatmaps(context_slice(ma), context_slice(mb), ma, mb, 0)
    assert (pa.option["title"]["text"], pb.option["title"]["text"]) == ("P of A", "P of B")
    assert pa.option["visualMap"]["min"] == 0 and pa.option["series"][0]["label"]["show"] is False
    assert ratio.option["visualMap"]["min"] == -ratio.option["visualMap"]["max"]
    assert cells(ratio)["count"].tolist() == cells(pa)["count"].tolist()  # each cell's counts in its tooltip
    assert cells(ratio).loc[0, "value"] == 0.0  # "..": neither list has an empty word
    wire(ratio)  # log(0/…) is -∞: clamped, never sent


def test_the_counts_readout_says_infinity_and_why(names_model):
    fit = names_model.evaluate(k=0)
    r = heatmaps.counts_readout(fit, 27, "bigram", 1e-16, split=True, k=0, dev=math.inf)
    assert r["stats"][0] == ["mean NLL (the loss)", "2.4540"]
    assert r["stats"][1] == ["log-likelihood", f"{fit.log_likelihood:,.2f}"]
    assert r["stats"][3] == ["uniform baseline ln 27", "3.2958"]
    assert "on the training split" in r["notes"][0] and "dev NLL is ∞" in r["notes"][1]
    scored = CountsModel.from_words(["ab"], Vocab.from_words(["ab", "ba"]))
    inf = scored.evaluate(make_examples(["ba"], scored.vocab, 2), k=0)
    assert heatmaps.counts_readout(inf, 3, "bigram", 0.0, split=False, k=0)["stats"][0][1] == "∞"
    assert heatmaps.row_sums_error(names_model, 1) < 1e-12


# --- x-y charts -----------------------------------------------------------------------------------------------


def test_a_line_lifts_over_infinity_and_nan():
    s = xy.series("n=2", "#000", [1, 2, 3], [2.5, math.inf, math.nan])
    c = xy.chart(xy.panel("t", "x", "y", [s]))
    assert c.option["series"][0]["data"] == [[1, 2.5], [2, None], [3, None]]
    assert c.option["series"][0]["connectNulls"] is False and c.option["legend"]["data"] == ["n=2"]
    assert (c.option["xAxis"]["name"], c.option["yAxis"]["name"]) == ("x", "y") and "dataZoom" not in c.option
    assert c.alt == "t: y against x; n=2 lowest 2.5000 at 1"
    wire(c)


def test_scatter_of_P_against_softmax_W_zooms(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    Q = t.model.probs()
    c = xy.scatter(names_model.P(0), Q, names_model.vocab.itos)
    points = c.option["dataset"][0]["source"]
    assert len(points) == 27 * 27 and points.loc[1, "point"] == ".a"
    assert points.loc[1, "y"] == pytest.approx(float(Q[0, 1]), abs=1e-6)
    assert c.option["title"]["text"] == "every cell: P against softmax(W)"
    assert (c.option["xAxis"]["name"], c.option["yAxis"]["name"]) == ("counts model P", "neural softmax(W)")
    assert c.option["xAxis"]["max"] == c.option["yAxis"]["max"]  # one scale: agreement is the diagonal
    diagonal = c.option["series"][0]["markLine"]["data"][0]
    assert diagonal[0]["coord"] == [0, 0] and diagonal[1]["coord"][0] == diagonal[1]["coord"][1]
    assert {z["type"] for z in c.option["dataZoom"]} == {"inside", "slider"}
    assert {next(k for k in z if k.endswith("AxisIndex")) for z in c.option["dataZoom"]} == {"xAxisIndex", "yAxisIndex"}
    assert c.alt.startswith("Scatter of neural softmax(W) against the counts model's P, every cell")
    assert templates(c.option) == ["{@point}<br/>counts model P {@x}<br/>neural softmax(W) {@y}"]
    big = xy.scatter(torch.rand(200, 200), torch.rand(200, 200), [str(i) for i in range(200)])
    assert len(big.option["dataset"][0]["source"]) == 15_000 and "most probable" in big.option["title"]["text"]
    assert big.option["series"][0]["large"] is True
    wire(c)


def test_scatter_of_the_contexts_seen(names):
    tri = CountsModel.from_words(names, Vocab.from_words(names), order=3)
    seen = tri.table.seen
    codes = tri.table.codes[seen]
    c = xy.seen_contexts_scatter(tri.P(1)[seen], tri.P(1)[seen], tri.vocab.itos, codes, 3, "full")
    title = f"the 5,000 most probable of {len(codes) * 27:,} cells · {len(codes):,} contexts seen in training"
    assert c.option["title"]["text"] == title and c.option["yAxis"]["name"] == "full net's probabilities"
    points = c.option["dataset"][0]["source"]
    assert points["x"].tolist() == points["y"].tolist() and points["point"].str.len().eq(3).all()


def test_sweeps_one_chart_for_k_and_one_for_lambda(names):
    v = Vocab.from_words(names)
    sp = split_words(names)
    train = CountsModel.from_words(sp.train, v)
    ks = smoothing_sweep(train, sp.dev, [0.01, 1, 100])
    assert ks["train"].is_monotonic_increasing  # smoothing only moves away from the training optimum
    lams = regularisation_sweep(train, make_examples(sp.dev, v), [0.001, 1.0], steps=200)
    assert lams["train"].iloc[1] > lams["train"].iloc[0]
    k_chart, lam_chart = xy.sweeps(ks, lams)
    for c, x in ((k_chart, "k"), (lam_chart, "λ")):
        assert c.option["xAxis"] == c.option["xAxis"] | {"type": "log", "name": x}
        assert [s["name"] for s in c.option["series"]] == ["train NLL", "dev NLL"] and c.height == 360
        assert [s["itemStyle"]["color"] for s in c.option["series"]] == [palette.TRAIN, palette.DEV]
        assert c.option["legend"]["type"] == "scroll"
    assert [y for _, y in lam_chart.option["series"][0]["data"]] == pytest.approx(lams["train"].tolist())
    assert k_chart.option["title"]["text"] == "counts model: add-k smoothing"
    assert xy.sweeps(ks, pd.DataFrame())[1].option["series"] == []  # no λ sweep: an empty chart
    empty = xy.sweeps(ks, pd.DataFrame())[1]
    assert empty.alt.endswith("no points yet") and empty.option["graphic"][0]["style"]["text"] == "no points yet"
    assert "graphic" not in k_chart.option


def test_positions_on_a_category_axis_ending_at_the_end():
    vocab = Vocab.from_words(WORDS)
    by_order = {
        n: loss_by_position(CountsModel.from_words(WORDS, vocab, n), make_examples(WORDS, vocab, n), 4) for n in (1, 2)
    }
    c = xy.positions(by_order)
    assert c.option["xAxis"]["data"] == ["0", "1", "2", "3", "4+", "end"]  # 4 is "4 and later"
    assert [s["name"] for s in c.option["series"]] == ["n=1", "n=2"]
    assert [s["itemStyle"]["color"] for s in c.option["series"]] == list(palette.CATEGORY[:2])
    assert [x for x, _ in c.option["series"][1]["data"]] == ["0", "1", "2", "3", "4+", "end"]
    assert c.alt.startswith("Loss by position: mean NLL against position in the word")


def test_the_grid_marks_the_best_setting_and_its_legend_scrolls():
    rows = [
        GridRow(2, 0, 2.4, math.inf),
        GridRow(2, 0.1, 2.4, 2.5),
        GridRow(2, 1, 2.45, 2.48),
        GridRow(3, 0.1, 2.1, 2.3),
        GridRow(3, 1, 2.2, 2.35),
    ]
    best = best_of(rows)
    c = xy.grid_search(rows, best)
    series = c.option["series"]
    assert [s["name"] for s in series] == ["n=2", "n=3", "best: order 3, k = 0.1"]
    assert [x for x, _ in series[0]["data"]] == [0.1, 1]  # k = 0 has no place on a log axis
    assert series[2]["type"] == "scatter" and series[2]["data"] == [[0.1, 2.3]] and series[2]["symbol"] == "diamond"
    assert series[2]["itemStyle"]["color"] == palette.BEST and series[2]["markLine"]["data"] == [{"xAxis": 0.1}]
    assert c.option["legend"]["type"] == "scroll" and c.alt.startswith("Grid search of order and k")
    ten = [GridRow(n, 1, 2.0, 2.0 + n / 10) for n in range(1, 11)]
    legend = xy.grid_search(ten, None).option["legend"]
    assert legend["type"] == "scroll" and len(legend["data"]) == 10  # ten orders do not run off the edge


def test_length_shares_of_two_lists():
    c = xy.length_shares(["ab", "abc", "abc", "abcd"], ["ab"])
    a, b = c.option["series"]
    assert a["data"] == [[2, 0.25], [3, 0.5], [4, 0.25]] and b["data"] == [[2, 1.0], [3, 0.0], [4, 0.0]]
    assert (a["itemStyle"]["color"], b["itemStyle"]["color"]) == (palette.LIST_A, palette.LIST_B)
    assert c.option["title"]["text"] == "word lengths (share of each list)"


# --- bars and the sampling chart ------------------------------------------------------------------------------


def test_dataset_bars(names):
    wl = from_list(names)
    lengths = bars.length_bars(wl.length_counts())
    assert sum(lengths.option["series"][0]["data"]) == len(names)
    assert lengths.option["xAxis"]["data"][0] == "2" and lengths.option["xAxis"]["data"][-1] == "15"
    assert (lengths.option["xAxis"]["name"], lengths.option["yAxis"]["name"]) == ("characters", "words")
    assert lengths.alt.startswith("Word lengths: words by characters, 14 bars from 2 to 15, most 6 (")
    chars = bars.char_bars(wl.char_counts())
    assert chars.option["xAxis"]["data"][0] == "a" and sum(chars.option["series"][0]["data"]) == sum(map(len, names))
    assert "dataZoom" not in chars.option
    many = bars.char_bars({chr(0x4E00 + i): i + 1 for i in range(500)})
    assert len(many.option["xAxis"]["data"]) == 80 and "80 most frequent of 500" in many.option["title"]["text"]
    assert {z["type"] for z in many.option["dataZoom"]} == {"inside", "slider"}  # 80 bars zoom
    wire(many)


def test_the_sampling_chart_marks_the_draw_and_u(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    row, upcoming = s.upcoming()
    d = s.step()
    assert row == d.row == 0 and torch.equal(upcoming, d.probs)  # upcoming draws nothing
    c = sampling.draw_panel(names_model.vocab.itos, d.probs, d.row, d.ix, d.u)
    bar_series, strip = c.option["series"]
    colours = [b["itemStyle"]["color"] for b in bar_series["data"]]
    assert colours.count(palette.DRAWN) == 1 and c.option["xAxis"][0]["data"][colours.index(palette.DRAWN)] == "m"
    assert [b["value"] for b in bar_series["data"]] == pytest.approx(d.probs.tolist(), abs=1e-6)
    assert strip["markLine"]["data"] == [{"xAxis": round(d.u, 6), "name": "u"}]
    assert strip["markLine"]["label"]["formatter"] == f"u = {d.u:.4f}"
    areas = strip["markArea"]["data"]
    drawn = next(a for a in areas if a[0]["name"] == "m")
    assert drawn[0]["xAxis"] < d.u <= drawn[1]["xAxis"] + 1e-6  # u falls in the chosen interval
    assert drawn[0]["itemStyle"]["color"] == palette.DRAWN and areas[-1][1]["xAxis"] == pytest.approx(1.0)
    assert c.option["title"]["text"] == f"p = distribution after '.' · drew 'm' (p = {float(d.probs[d.ix]):.4f})"
    assert c.alt.startswith(c.option["title"]["text"] + f" with u = {d.u:.4f}: bars over 27 characters")
    before = sampling.draw_panel(names_model.vocab.itos, d.probs, d.row)
    assert "drawn from it" in before.option["title"]["text"] and "markLine" not in before.option["series"][1]
    assert palette.DRAWN not in [b["itemStyle"]["color"] for b in before.option["series"][0]["data"]]
    wire(c)


def test_the_sampler_view_shows_the_word_so_far_then_the_last_word(names_model):
    s = Sampler(names_model.with_k(1), stream="lecture")
    view = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert (view.word_label, view.word, view.tape) == ("Word so far", ".", (0,))
    assert "drawn from it" in view.chart.option["title"]["text"]
    s.step()
    view = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert view.word == ".m" and "drew 'm'" in view.chart.option["title"]["text"]
    s.finish()
    view = sampling.sampler_panel(s, names_model.vocab.itos, ".")
    assert (view.word_label, view.word) == ("Last word", ".mor.")


# --- what draws them ------------------------------------------------------------------------------------------


def test_no_plotly_and_our_javascript_is_the_live_panel_and_the_stage():
    """ECharts is Streamlit's own: nothing needs plotly; our JavaScript is only what ECharts cannot do for us."""
    root = Path(__file__).resolve().parents[1]
    for requirements in ("requirements.txt", "requirements-dev.txt"):
        assert "plotly" not in (root / requirements).read_text().lower()
    sources = [*root.glob("makemore/**/*.py"), *root.glob("app_pages/*.py"), root / "streamlit_app.py"]
    assert not [p.name for p in sources if "import plotly" in p.read_text() or "from plotly" in p.read_text()]
    js = {p.name: len(p.read_text().splitlines()) for p in (root / "makemore" / "app" / "assets").glob("*.js")}
    assert set(js) == {"live_panel.js", "stage.js"} and sum(js.values()) <= 450, js


def test_the_mlp_charts_say_what_they_show():
    import numpy as np

    from makemore.views import mlp

    itos = list(".abcdefghijklmnopqrstuvwxyz")
    c = mlp.embedding_chart(np.random.default_rng(0).normal(size=(27, 2)), itos, "C[:, 0] and C[:, 1]", step=1200)
    assert c.option["title"]["text"] == "The embedding C at step 1,200" and c.option["title"]["subtext"]
    names = [s["name"] for s in c.option["series"]]
    assert names == ["consonants and others", "vowels"] and len(c.option["series"][1]["data"]) == 5
    assert sum(len(s["data"]) for s in c.option["series"]) == 27 and c.option["series"][0]["label"]["show"]
    assert "vowels: a, e, i, o, u" in c.alt
    big = mlp.embedding_chart(np.zeros((300, 2)), [chr(0x4E00 + i) for i in range(300)], "x", step=0)
    assert not big.option["series"][0]["label"]["show"]  # 300 characters: points, each named by its tooltip
    exps = np.linspace(-3, 0, 1000)
    f = mlp.lr_finder_chart(exps, (exps + 1) ** 2 + 2, -1.0)
    assert f.option["xAxis"]["name"] == "log10 of the learning rate" and len(f.option["series"][0]["data"]) == 1000
    assert f.option["series"][1]["markLine"]["data"] == [{"xAxis": -1.0, "name": "valley"}]
    assert "lowest (smoothed) at 10^-1 = 0.1" in f.alt
