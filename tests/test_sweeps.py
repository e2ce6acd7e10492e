"""The k and λ sweeps (makemore/sweeps.py) at their edges: each λ gives a row a page can show, a point or NaN with
the sentence that says why, even on a list of one distinct letter (where every halving of lr diverged at λ = 3)."""

from __future__ import annotations

import itertools
import math

import pytest

from makemore import CountsModel, Vocab
from makemore.sweeps import LAMBDA_GRID, regularisation_point, regularisation_sweep, stable_lr_bound


@pytest.mark.parametrize("words", [["a"], ["aa"], ["aaa"], ["a", "aa", "aaa"]])
@pytest.mark.parametrize("order", [2, 3])
def test_one_distinct_letter_gives_a_point_at_every_lambda(words, order):
    m = CountsModel.from_words(words, Vocab.from_words(words), order=order)
    df = regularisation_sweep(m, None)
    assert df["λ"].tolist() == list(LAMBDA_GRID) and df["note"].isna().all()
    assert all(math.isfinite(x) and 0 <= x < math.log(m.V) + 1e-9 for x in df["train"])
    # a stronger pull towards uniform never fits the training words better (an oscillation passed off as a
    # settled point used to break this: 'aa' at λ = 0.1 gave 2.06, above ln 2)
    assert all(b >= a - 1e-3 for a, b in itertools.pairwise(df["train"]))


def test_rates_the_lambda_term_alone_makes_diverge_are_skipped():
    m = CountsModel.from_words(["a"], Vocab.from_words(["a"]))  # W is 2×2: mean(W²) over 4 weights
    assert stable_lr_bound(3.0, 4) == pytest.approx(4 / 3) and stable_lr_bound(0.0, 4) == math.inf
    p = regularisation_point(m, None, 3.0)
    assert p["lr"] == 50 / 64 and p["note"] is None and math.isfinite(p["train"])


def test_a_lambda_no_rate_can_train_says_so():
    m = CountsModel.from_words(["a"], Vocab.from_words(["a"]))
    p = regularisation_point(m, m.examples(["a"]), 0.0, lr=1e6)  # six halvings of 1e6 all diverge
    assert math.isnan(p["train"]) and math.isnan(p["dev"])
    assert p["lr"] == 1e6 / 32  # the last rate tried, as the row says
    assert p["note"].startswith("λ = 0: training diverged at every learning rate tried (down to 31250)")


def test_regularisation_sweep_settles_on_a_lopsided_list():
    """One row holding nearly all the data makes lr 50 oscillate; the sweep halves lr until the loss settles."""
    words = ["a" * 200, "b"]
    m = CountsModel.from_words(words, Vocab.from_words(words))
    df = regularisation_sweep(m, None, [0.01, 0.3, 3.0], steps=300)
    assert (df["train"] < math.log(3)).all()
    assert df["lr"].iloc[-1] < 50
