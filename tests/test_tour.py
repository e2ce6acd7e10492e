"""The lecture tour's computations (makemore/tour.py): on a word list with the lecture's exact bigram counts, every
number the lecture printed that depends on N (or on its vocabulary) comes out as printed."""

from __future__ import annotations

import json
import math
from collections import Counter
from itertools import pairwise

import pytest
import torch
from lecture_words import DATA, eulerian_circuit, lecture_words

from makemore import Corpus, CountsModel, Vocab, tour

LECTURE = json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lecture() -> Corpus:
    return Corpus.build(lecture_words())


@pytest.fixture(scope="module")
def small() -> Corpus:
    return Corpus.build(["emma", "ava"])


# --- the fixture itself -----------------------------------------------------------------------------------


def test_lecture_words_have_exactly_the_lectures_counts(lecture):
    words = lecture_words()
    assert len(words) == 32033 and all(words)
    vocab = Vocab.from_words(words)
    assert vocab.itos == LECTURE["itos"]
    assert torch.equal(CountsModel.from_words(words, vocab).N, torch.tensor(LECTURE["N"]))
    assert lecture_words() == words  # deterministic


def test_eulerian_circuit_walks_every_edge_once():
    N = [[0, 2, 1], [1, 1, 1], [2, 0, 0]]  # balanced: row sums 3, 3, 2 = column sums 3, 3, 2
    walk = eulerian_circuit(N, seed=5)
    assert walk[0] == walk[-1] == 0
    assert Counter(pairwise(walk)) == Counter({(i, j): n for i, row in enumerate(N) for j, n in enumerate(row) if n})
    with pytest.raises(ValueError, match="reachable"):
        eulerian_circuit([[1, 0], [0, 1]])  # node 1's loop cannot be reached from 0


# --- step by step -----------------------------------------------------------------------------------------


def test_code_has_this_lists_sizes():
    for n in range(1, len(tour.STEPS) + 1):
        assert "$" not in tour.code(n)
    lecture = tour.code(2)
    assert "N = torch.zeros((28, 28), dtype=torch.int32)" in lecture
    assert "stoi['<S>'] = 26" in lecture and "stoi['<E>'] = 27" in lecture
    assert "xenc = F.one_hot(xs, num_classes=27).float()" in tour.code(8)
    assert "logits = xenc @ W  # (5, 27) log-counts" in tour.code(9)
    assert "stoi['·'] = 0" in tour.code(3, V=30, boundary="·")
    assert "torch.zeros((31, 31)" in tour.code(2, V=30)
    assert "for w in ['andrejq']:" in tour.code(7) and "for w in ['o\\'neil']:" in tour.code(7, word="o'neil")
    assert "for w in ['emma']:" in tour.code(8, first="['emma']")


def test_step1_words(small):
    s = tour.words_summary(["emma", "ava", "isabella", "mia", "charlotte", "jo"], first=3)
    assert (s.count, s.min_len, s.shortest, s.max_len, s.longest) == (6, 2, "jo", 9, "charlotte")
    assert s.first == ("emma", "ava", "isabella")


def test_step2_start_and_end_tokens_waste_a_row_and_a_column(lecture):
    a = tour.first_attempt(lecture.full)
    assert a.size == 28 and a.tokens[26:] == ("<S>", "<E>")
    assert (a.end_row_total, a.start_col_total, a.start_end) == (0, 0, 0)
    assert a.wasted == 55
    # the lecture's sorted dict begins so
    assert a.top[:5] == (
        ("n", "<E>", 6763),
        ("a", "<E>", 6640),
        ("a", "n", 5438),
        ("<S>", "a", 4410),
        ("e", "<E>", 3983),
    )
    # the same N as the lecture's dict loop over the words
    b = Counter()
    for w in lecture.words.words:
        chs = ["<S>", *w, "<E>"]
        b.update(pairwise(chs))
    stoi = {s: i for i, s in enumerate(a.tokens)}
    N = torch.zeros((28, 28), dtype=torch.int64)
    for (c1, c2), n in b.items():
        N[stoi[c1], stoi[c2]] = n
    assert torch.equal(a.N, N)


def test_step2_small(small):
    a = tour.first_attempt(small.full)
    assert a.N.shape == (6, 6) and a.tokens == ("a", "e", "m", "v", "<S>", "<E>")
    assert int(a.N.sum()) == 9 and a.wasted == 11


def test_step3_borders(lecture):
    b = tour.borders(lecture.full)
    assert b.top_start == ("a", 4410) and b.top_end == ("n", 6763) and b.top_bigram == ("n.", 6763)
    assert b.cells == 729 and b.empty_cells == int((torch.tensor(LECTURE["N"]) == 0).sum())


def test_step4_the_first_draw_is_the_lectures_m(lecture):
    d = tour.first_draw(lecture.full)
    printed = [0.0000, 0.1377, 0.0408, 0.0481, 0.0528, 0.0478, 0.0130, 0.0209, 0.0273, 0.0184, 0.0756, 0.0925, 0.0491]
    assert [round(x, 4) for x in d.p[:13]] == printed
    assert d.lecture_char == "m"
    assert d.torch_char == "c"  # the same code under torch ≥ 2.0


def test_step5_the_wrong_division_normalises_columns(lecture, small):
    b = tour.broadcasting(lecture.full)
    assert b.rows_ok == () and len(b.labels) == 27  # no row of P / P.sum(1) sums to 1 ...
    assert b.cols_ok == 27 and b.sums_match  # ... every column does: row totals are column totals
    assert all(abs(x - 1) < 1e-6 for x in b.right_row_sums)
    P = (torch.tensor(LECTURE["N"]) + 1).float()
    assert b.wrong_row_sums == tuple((P / P.sum(1)).sum(1).tolist())
    assert round(b.wrong_row_sums[0], 4) == 6.9246
    s = tour.broadcasting(small.full)
    assert len(s.wrong_row_sums) == len(s.right_row_sums) == len(s.labels) == 5


def test_step5_a_row_can_come_out_right_by_coincidence():
    m = CountsModel.from_words(["ab", "ba"], Vocab.from_words(["ab", "ba"]))  # every row total is 2 (+3 at k=1)
    b = tour.broadcasting(m)
    assert b.rows_ok == (".", "a", "b") and b.cols_ok == 3


def test_step6_likelihood(lecture, small):
    r = tour.likelihood(lecture.full, lecture.words.words)
    assert r.raw.log_likelihood == pytest.approx(-559873.589642728, abs=1e-6)
    assert r.raw.nll == -r.raw.log_likelihood and r.raw.examples == 228146
    assert round(r.raw.mean_nll, 4) == 2.4540
    assert r.smoothed.log_likelihood == pytest.approx(-560001.8832021174, abs=1e-6)
    assert len(r.scores) == 3 and [s.word for s in r.scores] == list(lecture.words.words[:3])
    p = r.scores[0].predictions[0]
    assert p.prob == pytest.approx(int(lecture.full.N[0, lecture.vocab.stoi[p.char]]) / 32033)
    assert math.log(p.prob) == pytest.approx(p.logprob)
    s = tour.likelihood(small.full, small.words.words)
    assert [len(x.predictions) for x in s.scores] == [5, 4]


def test_step7_andrejq(lecture):
    s = tour.smoothing_example(lecture.full, lecture.words.words)
    assert (s.word, s.source, s.lecture_word) == ("andrejq", "lecture", None)
    assert s.at0.nll == math.inf and s.at0.unseen == ["jq"]
    assert round(s.at1.nll, 4) == 27.8672 and round(s.at1.mean_nll, 4) == 3.4834  # as the lecture printed


def test_step7_other_lists_get_a_word_with_an_unseen_bigram():
    words = ["andrejq", "anna"]  # andrejq's bigrams all occur
    m = CountsModel.from_words(words, Vocab.from_words(words))
    s = tour.smoothing_example(m, words)
    assert s.source == "made" and s.lecture_word == "seen" and s.word.startswith("andrejq")
    assert s.at0.nll == math.inf and math.isfinite(s.at1.nll)
    full = ["a", "aa"]  # every possible bigram occurs: nothing can be impossible
    s = tour.smoothing_example(CountsModel.from_words(full, Vocab.from_words(full)), full)
    assert s.source == "none" and math.isfinite(s.at0.nll)


def test_step8_one_hot(lecture, small):
    h = tour.one_hot(lecture.vocab, lecture.words.words)
    assert h.word == "emma" and h.lecture_word
    assert h.xs == (0, 5, 13, 13, 1) and h.ys == (5, 13, 13, 1, 0)
    assert len(h.xenc) == 5 and all(
        len(r) == 27 and sum(r) == 1 and r[x] == 1 for r, x in zip(h.xenc, h.xs, strict=True)
    )
    s = tour.one_hot(small.vocab, small.words.words)
    assert len(s.xenc) == 5 and len(s.xenc[0]) == 5
    other = tour.one_hot(Vocab.from_words(["bob"]), ["bob"])  # no e: the list's first word instead
    assert other.word == "bob" and not other.lecture_word and len(other.xenc) == 4


def test_step9_the_emma_walkthrough_is_the_lectures(lecture, small):
    w = tour.emma_walkthrough(lecture.vocab, lecture.words.words)
    assert w.loss == 3.7693049907684326
    assert [round(g.nll, 4) for g in w.examples] == [4.3993, 4.0146, 3.6234, 2.6081, 4.2012]
    assert [(g.input, g.label) for g in w.examples] == [(".", "e"), ("e", "m"), ("m", "m"), ("m", "a"), ("a", ".")]
    assert w.uniform == math.log(27)
    s = tour.emma_walkthrough(small.vocab, small.words.words)
    assert len(s.examples) == 5 and all(0 < g.prob < 1 for g in s.examples)
    assert s.loss == pytest.approx(sum(g.nll for g in s.examples) / 5, abs=1e-6)


def test_step10_one_gradient_step(lecture, small):
    g = tour.gradient_step(lecture.full)
    assert g.loss_before == pytest.approx(3.768618583679199, abs=2e-6)
    assert round(g.loss_after, 4) == 3.3788
    assert g.nll_before < g.loss_before
    assert g.biggest_rise[1] > 0 > g.biggest_fall[1]
    s = tour.gradient_step(small.full)
    assert s.loss_after < s.loss_before


def test_step11_both_models_sample_the_lectures_names(lecture, small):
    r = tour.both_models(lecture.full)
    assert r.counts_words == ("mor", "axx", "minaymoryles", "kondlaisah", "anchshizarie")
    assert r.net_words == ("mor", "axx", "minaymoryles", "kondlaisah", "anchthizarie")
    assert r.same == 4 and r.steps == 267 and all(r.counts_ended) and all(r.net_ended)
    assert r.net_loss == pytest.approx(2.481828451156616, abs=1e-5)
    assert round(r.counts_nll, 4) == 2.4546
    s = tour.both_models(small.full, steps=3)
    assert len(s.counts_words) == len(s.net_words) == 5 and s.steps == 3


def test_other_orders_are_refused(small):
    with pytest.raises(ValueError, match="bigram"):
        tour.first_attempt(small.counts(order=3))


def test_what_comes_next_is_the_mlp_beating_the_bigram_on_dev(names):
    r = tour.what_next(names, Vocab.from_words(names), steps=3000)
    assert r.steps == 3000 and r.params == 11_897 and r.split[0] == int(0.8 * len(names))
    assert 2.0 < r.bigram_dev < 3.0 and 2.0 < r.mlp_dev < 3.5 and r.seconds > 0
    with pytest.raises(ValueError, match="too small"):
        tour.what_next(["ab", "ba"], Vocab.from_words(["ab", "ba"]))
