"""The lecture tour page: every step renders, a link opens its step, Next and Back walk the tour, and with a list
of the lecture's bigram counts the page shows the lecture's numbers."""

from __future__ import annotations

import pytest
from apphelpers import component_data, metric
from lecture_words import lecture_words
from streamlit.testing.v1 import AppTest

from makemore import tour

LAST = len(tour.STEPS)


def shown_step(at: AppTest) -> int:
    """The step the page shows, read from its heading and its progress line (and checked against each other)."""
    (heading,) = [h.value for h in at.subheader]
    number = int(heading.split(".")[0])
    assert heading == f"{number}. {tour.STEPS[number - 1].title}"
    assert at.select_slider(key="step").value == number
    return number


def cells(at: AppTest) -> list[str]:
    """Every cell of every table on the page, as shown."""
    return [str(v) for t in at.table for v in t.value.to_numpy().flatten()]


def test_every_step_renders(app):
    at = app("tour")
    assert not at.exception
    assert shown_step(at) == 1
    for n in range(1, LAST + 1):
        at.select_slider(key="step").set_value(n).run()
        assert not at.exception, n
        assert shown_step(at) == n
        (code,) = [c.value for c in at.code]  # the lecture's code, with this list's sizes filled in
        assert code.splitlines()[0] == tour.code(n).splitlines()[0] and "$" not in code, n


def test_step_3_draws_the_heatmap_of_N(app):
    at = app("tour", step="3")
    d = component_data(at, "tour_heatmap")
    assert len(d["xAxis"]["data"]) == 27 and d["title"]["text"].startswith("counts") and "largest" in d["alt"]


def test_a_link_opens_its_step(app):
    at = app("tour", step="7")
    assert not at.exception
    assert shown_step(at) == 7
    assert metric(at, "NLL with N") == "∞"


def test_next_walks_to_the_end_and_back_returns(app):
    at = app("tour")
    assert at.button(key="tour_back").disabled
    for n in range(2, LAST + 1):
        at.button(key="tour_next").click().run()
        assert not at.exception
        assert shown_step(at) == n
    assert at.button(key="tour_next").disabled and not at.button(key="tour_back").disabled
    for n in range(LAST - 1, 0, -1):
        at.button(key="tour_back").click().run()
        assert shown_step(at) == n
    assert at.button(key="tour_back").disabled


def test_the_lectures_counts_give_the_lectures_numbers(app):
    at = app("tour", step="4", words=lecture_words())
    assert not at.exception
    assert metric(at, "itos[ix] (the lecture's torch)") == "m"
    at.select_slider(key="step").set_value(6).run()
    assert metric(at, "nll / n (the loss)") == "2.4540"
    assert metric(at, "log_likelihood") == "-559,873.5896"
    at.select_slider(key="step").set_value(7).run()
    assert "andrejq" in [t.value for t in at.text]
    assert metric(at, "NLL with N") == "∞" and metric(at, "NLL with N+1") == "27.8672"
    at.select_slider(key="step").set_value(9).run()
    assert metric(at, "loss (mean NLL)") == "3.7693"
    assert ["4.3993", "4.0146", "3.6234", "2.6081", "4.2012"] == [
        c for c in cells(at) if c.startswith(("4.", "3.", "2."))
    ]
    assert "3.7693049907684326" in " ".join(m.value for m in at.markdown)
    at.select_slider(key="step").set_value(10).run()
    assert metric(at, "loss at the random W") == "3.7686" and metric(at, "loss after one step") == "3.3788"
    at.select_slider(key="step").set_value(11).run()
    shown = cells(at)
    for word in ("mor", "axx", "minaymoryles", "kondlaisah", "anchshizarie", "anchthizarie"):
        assert word in shown
    assert not at.exception


@pytest.mark.parametrize(
    "words",
    [
        ["a.b", "b*c", "<c>", "`d`", "[x](y)"],  # Markdown and the boundary in the words: another boundary token
        ["".join(chr(0x3B1 + i) for i in range(25)) + "xyzåäöü" + "".join(chr(0x430 + i) for i in range(20))],
        ["ab" * 500, "ba"],  # a word of 1,000 characters (the longest a list may have): tables cut, not 1,001 rows
    ],
    ids=["markdown-and-dot", "wide-vocabulary", "long-word"],
)
def test_strange_lists_render_every_step_as_data(app, words):
    at = app("tour", words=words)
    for n in range(1, LAST + 1):
        at.select_slider(key="step").set_value(n).run()
        assert not at.exception, n
        assert all(len(t.value) <= 24 for t in at.table), n  # a long word's tables are cut
    at.select_slider(key="step").set_value(1).run()
    assert words[0][:30] in " ".join(t.value for t in at.text)  # the words as typed, in plain text
    at.select_slider(key="step").set_value(8).run()
    assert any("emma" in i.value for i in at.info)  # no "emma" in these lists: the first word stands in


def test_the_last_step_trains_the_mlp_beside_the_bigram(app):
    at = app("tour", step=str(LAST))
    assert not at.exception and shown_step(at) == LAST
    dev = metric(at, "bigram counts model, dev NLL")
    (mlp,) = [m for m in at.metric if m.label.startswith("MLP after 30,000 steps")]
    assert float(mlp.value) < float(dev)  # a few seconds of part 2 already beat the bigram on held-out words
    assert "random.seed(42)" in " ".join(c.value for c in at.caption)
