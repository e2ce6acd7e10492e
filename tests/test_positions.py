"""Loss by position in the word, held against a plain-Python loop, and the fair comparison of orders it makes
visible on the built-in names (exercise E01)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pytest

from makemore import CountsModel, Vocab, make_examples
from makemore.positions import loss_by_position, positions, summary

WORDS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn"]
DEV = ["abigail", "emily", "ella", "mila"]  # contexts and continuations the training words never have

# --- the plain-Python definitions ------------------------------------------------------------------------


def plain_examples(words, n, windows):
    """(context, next, position in the word) of every prediction; the end of a word has position len(word)."""
    out = []
    if windows == "word":
        for w in words:
            toks = ["."] * (n - 1) + list(w) + ["."]
            out += [("".join(toks[i - n + 1 : i]), toks[i], i - (n - 1)) for i in range(n - 1, len(toks))]
        return out
    toks, where = [], []
    for w in words:
        toks += [*w, "."]
        where += range(len(w) + 1)
    return [("".join(toks[i - n + 1 : i]), toks[i], where[i]) for i in range(n - 1, len(toks))]


def plain_loss_by_position(train, scored, n, windows, k, V, max_pos):
    table = defaultdict(Counter)
    for ctx, y, _ in plain_examples(train, n, windows):
        table[ctx][y] += 1
    buckets = defaultdict(list)
    for ctx, y, pos in plain_examples(scored, n, windows):
        row = table.get(ctx, Counter())
        total = sum(row.values()) + k * V
        p = (row[y] + k) / total if total > 0 else 1 / V  # a context never seen: uniform
        label = "end" if y == "." else f"{max_pos}+" if pos >= max_pos else str(pos)
        buckets[label].append(math.log(p) if p > 0 else -math.inf)
    labels = [*(str(i) for i in range(max_pos)), f"{max_pos}+", "end"]
    return [
        (
            label,
            len(buckets[label]),
            math.inf if -math.inf in buckets[label] else -math.fsum(buckets[label]) / len(buckets[label]),
        )
        for label in labels
        if buckets[label]
    ]


def shown(rows):
    return [(r["label"], r["count"], r["mean_nll"]) for r in rows]


# --- against the loop ------------------------------------------------------------------------------------


@pytest.mark.parametrize("windows", ["word", "stream"])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("k", [0.0, 0.5])
def test_loss_by_position_is_the_plain_loop(n, windows, k):
    vocab = Vocab.from_words(WORDS + DEV)
    model = CountsModel.from_words(WORDS, vocab, order=n, windows=windows, k=k)
    for scored in (WORDS, DEV):
        got = shown(loss_by_position(model, make_examples(scored, vocab, n, windows), max_pos=5))
        want = plain_loss_by_position(WORDS, scored, n, windows, k, vocab.size, max_pos=5)
        assert [g[:2] for g in got] == [w[:2] for w in want]
        for (_, _, a), (_, _, b) in zip(got, want, strict=True):
            assert a == b or a == pytest.approx(b, rel=1e-12)


def test_positions_count_from_each_boundary():
    vocab = Vocab.from_words(["ab", "c"])
    assert positions(make_examples(["ab", "c"], vocab, 3)).tolist() == [0, 1, 2, 0, 1]
    # stream windows: no padding, so the first n−1 tokens are never predicted
    assert positions(make_examples(["ab", "c"], vocab, 3, "stream")).tolist() == [2, 0, 1]


@pytest.mark.parametrize("windows", ["word", "stream"])
def test_counts_add_up_to_the_examples_and_the_mean_is_the_models(windows):
    vocab = Vocab.from_words(WORDS)
    for n in (1, 2, 3, 5):
        ex = make_examples(WORDS, vocab, n, windows)
        model = CountsModel.from_examples(ex, vocab, k=0.1)
        rows = loss_by_position(model, ex, max_pos=3)
        assert sum(r["count"] for r in rows) == ex.num
        assert summary(rows)["mean_nll"] == pytest.approx(model.evaluate().mean_nll, rel=1e-12)


def test_an_unseen_continuation_is_infinite_only_where_it_is():
    vocab = Vocab.from_words([*WORDS, "emmz"])
    model = CountsModel.from_words(WORDS, vocab, order=2, k=0)
    rows = {r["label"]: r for r in loss_by_position(model, make_examples(["emmz"], vocab, 2))}
    assert math.isinf(rows["3"]["mean_nll"])  # "mz": m was seen, never followed by z
    assert rows["end"]["mean_nll"] == pytest.approx(math.log(vocab.size))  # "z." : z never seen, so uniform
    assert math.isfinite(rows["0"]["mean_nll"]) and math.isfinite(rows["2"]["mean_nll"])
    assert math.isinf(summary(list(rows.values()))["mean_nll"])


def test_max_pos_must_leave_a_position():
    vocab = Vocab.from_words(WORDS)
    model = CountsModel.from_words(WORDS, vocab)
    with pytest.raises(ValueError, match="max_pos"):
        loss_by_position(model, model.examples(WORDS), max_pos=0)


# --- the fair comparison on the built-in names -------------------------------------------------------------


@pytest.fixture(scope="module")
def by_order(names):
    """Orders 1-4 on every name with word windows, at the lecture's N+1 (k = 1, the sidebar's default)."""
    vocab = Vocab.from_words(names)
    out = {}
    for n in (1, 2, 3, 4):
        ex = make_examples(names, vocab, n, "word")
        out[n] = loss_by_position(CountsModel.from_examples(ex, vocab, k=1), ex)
    return out


def test_the_first_character_costs_the_same_at_every_order(by_order):
    first = {n: rows[0] for n, rows in by_order.items()}
    assert {r["label"] for r in first.values()} == {"0"}
    assert first[2]["mean_nll"] == first[3]["mean_nll"] == first[4]["mean_nll"]  # no order has context for it
    assert first[2]["mean_nll"] > 2.9  # and it is among the dearest predictions


def test_the_trigram_compared_fairly(by_order, names):
    """E01 as usually answered (one `.` of padding) scores the trigram without the first character: 2.09,
    against the bigram's 2.45 over every prediction. On the same predictions the trigram scores 2.21."""
    bigram, trigram = summary(by_order[2]), summary(by_order[3])
    assert bigram["count"] == trigram["count"] == 231_718
    assert round(bigram["mean_nll"], 3) == 2.455  # k = 1; 2.4540 at k = 0, the lecture's number
    assert round(trigram["mean_nll"], 2) == 2.21
    assert round(trigram["mean_nll_after_first"], 2) == 2.09
    assert trigram["count_after_first"] == 231_718 - len(names)
    assert round(bigram["mean_nll_after_first"], 2) == 2.38  # the bigram, fairly: without its first character too

    # The usual answer itself, as a plain loop: `chs = ['.'] + list(w) + ['.']`, counts of every trigram, N+1.
    N = defaultdict(Counter)
    for w in names:
        chs = [".", *w, "."]
        for a, b, c in zip(chs, chs[1:], chs[2:], strict=False):
            N[a + b][c] += 1
    V = len(set("".join(names))) + 1
    totals = {ctx: sum(row.values()) for ctx, row in N.items()}
    logps = []
    for w in names:
        chs = [".", *w, "."]
        logps += [
            math.log((N[a + b][c] + 1) / (totals[a + b] + V)) for a, b, c in zip(chs, chs[1:], chs[2:], strict=False)
        ]
    assert len(logps) == trigram["count_after_first"]
    assert -math.fsum(logps) / len(logps) == pytest.approx(trigram["mean_nll_after_first"], rel=1e-12)


def test_the_lecture_bigram_at_k0(names):
    vocab = Vocab.from_words(names)
    ex = make_examples(names, vocab, 2)
    rows = loss_by_position(CountsModel.from_examples(ex, vocab, k=0), ex)
    assert round(summary(rows)["mean_nll"], 4) == 2.4540
