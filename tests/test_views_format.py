"""Numbers and text as the pages write them (makemore/views/format.py, tour_tables.py)."""

from __future__ import annotations

import math

from makemore import CountsModel, Vocab, tour
from makemore.views import tour_tables
from makemore.views.format import char_labels, index_list, number, preview_text


def test_one_formatter_for_numbers_infinity_and_nan():
    assert [number(x) for x in (2.454, math.inf, -math.inf, math.nan)] == ["2.4540", "∞", "-∞", "–"]
    assert number(-559873.58961, ",.4f") == "-559,873.5896" and number(-0.5, "+.4f") == "-0.5000"
    assert number(math.inf, ",.2f") == "∞"  # whatever the format, ∞ is written as ∞


def test_characters_are_visible_and_text():
    assert char_labels(["<", " ", "\t", "(no context)"]) == ["<", "␣", "⇥", "(no context)"]
    assert preview_text(["a", "bb"] * 150).count(" · ") == 199  # the first 200 words
    assert index_list(tuple(range(30))) == str(list(range(24)))[:-1] + ", …]"


def test_tour_tables_cut_a_long_word_in_the_middle():
    words = ["ab" * 500, "ba"]
    model = CountsModel.from_words(words, Vocab.from_words(words))
    r = tour.likelihood(model, words)
    t = tour_tables.likelihood_table(r)
    assert len(t) == tour_tables.MAX_ROWS and t["bigram"].tolist()[tour_tables.MAX_ROWS - 5] == "…"
    h = tour.one_hot(model.vocab, words)
    df, caption = tour_tables.xenc_table(h)
    assert df.columns.tolist() == ["input", ".", "a", "b"] and len(df) == tour_tables.MAX_ROWS
    assert caption.startswith("xenc: 1001×3, a row per input, the first 24 shown")
    assert tour_tables.xenc_style(1).startswith("background-color") and tour_tables.xenc_style(0).startswith("color")
