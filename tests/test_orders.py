"""Models of any order held against plain-Python loops: examples in both window conventions, counts, exact
likelihoods, the nets of order n, the three random streams with a tape, and the grid search."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from engine_helpers import f32

from makemore import ConcatNet, CountsModel, FullNet, GridConfig, OrderError, Sampler, Trainer, Vocab, make_examples
from makemore.grid import grid_search
from makemore.models import counts as counts_module
from makemore.models import registry
from makemore.windows import check_fits

WORDS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn", "abigail"]
TRAIN, DEV = WORDS[:8], WORDS[8:]  # dev has contexts and continuations train never saw

# --- the plain-Python definitions ------------------------------------------------------------------------


def plain_examples(words, n, windows):
    """Both conventions as loops: word = n−1 boundaries before each word and one after; stream = the words one
    after another, each followed by the boundary, windows across word ends, no padding."""
    if windows == "word":
        out = []
        for w in words:
            toks = ["."] * (n - 1) + list(w) + ["."]
            out += [("".join(toks[i - n + 1 : i]), toks[i]) for i in range(n - 1, len(toks))]
        return out
    toks = [c for w in words for c in (*w, ".")]
    return [("".join(toks[i - n + 1 : i]), toks[i]) for i in range(n - 1, len(toks))]


def plain_counts(words, n, windows):
    table = defaultdict(Counter)
    for ctx, y in plain_examples(words, n, windows):
        table[ctx][y] += 1
    return table


def plain_mean_nll(table, examples, k, V):
    terms = []
    for ctx, y in examples:
        row = table.get(ctx, Counter())
        total = sum(row.values()) + k * V
        p = (row[y] + k) / total if total > 0 else 1 / V  # a context never seen: uniform
        terms.append(math.log(p) if p > 0 else -math.inf)
    return math.inf if -math.inf in terms else -math.fsum(terms) / len(terms)


def decoded(ex, vocab):
    return [(vocab.decode(x), vocab.itos[y]) for x, y in zip(ex.X.tolist(), ex.Y.tolist(), strict=True)]


@pytest.fixture(scope="module")
def vocab():
    return Vocab.from_words(WORDS)


# --- examples and counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("windows", ["word", "stream"])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 6])
def test_examples_are_the_plain_loops(vocab, n, windows):
    ex = make_examples(WORDS, vocab, n, windows)
    assert decoded(ex, vocab) == plain_examples(WORDS, n, windows)


def test_word_windows_predict_every_character_and_end_at_every_order(names):
    """makemore's block_size convention: the same predictions for every n (231,718 on our names; the lecture's
    names.txt gives 228,146 the same way)."""
    v = Vocab.from_words(names)
    for n in range(1, 9):
        assert make_examples(names, v, n).num == 231_718
    assert make_examples(names, v, 4, "stream").num == 231_718 - 3  # the first n−1 tokens are never predicted


@pytest.mark.parametrize("dense", [True, False])
@pytest.mark.parametrize("windows", ["word", "stream"])
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_counts_are_the_plain_dict(vocab, n, windows, dense, monkeypatch):
    # every possible context a row, or only the contexts seen plus the unseen row
    monkeypatch.setattr(counts_module, "DENSE_MAX_CELLS", 2**40 if dense else 0)
    m = CountsModel.from_words(WORDS, vocab, order=n, windows=windows)
    assert m.table.dense == (dense or n <= 2)  # a bigram is always dense: the lecture's V×V picture
    plain = plain_counts(WORDS, n, windows)
    got = {}
    for code, row in zip(m.table.codes.tolist(), m.N.tolist(), strict=True):
        if sum(row):
            ctx = "".join(vocab.itos[t] for t in _digits(code, n, vocab.size))
            got[ctx] = Counter({vocab.itos[y]: c for y, c in enumerate(row) if c})
    assert got == dict(plain)
    assert m.table.contexts_seen == len(plain)


def _digits(code, n, V):
    out = []
    for _ in range(n - 1):
        code, d = divmod(code, V)
        out.append(d)
    return out[::-1]


@pytest.mark.parametrize("windows", ["word", "stream"])
@pytest.mark.parametrize("n", [1, 2, 3, 5])
@pytest.mark.parametrize("k", [0.0, 0.1, 1.0])
def test_nll_is_the_plain_sum_on_train_and_dev(vocab, n, windows, k):
    m = CountsModel.from_words(TRAIN, vocab, order=n, windows=windows)
    plain = plain_counts(TRAIN, n, windows)
    for words in (TRAIN, DEV):
        want = plain_mean_nll(plain, plain_examples(words, n, windows), k, vocab.size)
        got = m.evaluate(words, k=k).mean_nll
        assert got == want if math.isinf(want) else got == pytest.approx(want, rel=1e-12)


def test_dense_and_sparse_tables_give_the_same_numbers(names, monkeypatch):
    v = Vocab.from_words(names)
    dev = names[::7]
    dense = CountsModel.from_words(names[1::7], v, order=3)
    monkeypatch.setattr(counts_module, "DENSE_MAX_CELLS", 0)
    sparse = CountsModel.from_words(names[1::7], v, order=3)
    assert dense.table.dense and not sparse.table.dense
    for k in (0.0, 0.1, 1.0):
        a, b = dense.evaluate(dev, k=k), sparse.evaluate(dev, k=k)
        assert a.log_likelihood == b.log_likelihood and a.examples == b.examples
    assert torch.equal(dense.next_probs([0, 5, 1]), sparse.next_probs([0, 5, 1]))


def test_an_unseen_context_is_uniform_at_every_k_and_k0_gives_infinity_not_nan(vocab):
    m = CountsModel.from_words(["ab"], Vocab.from_words(["ab", "ba"]), order=3)
    for k in (0.0, 0.5):
        p = m.with_k(k).next_probs([2, 2])  # "bb" never occurs
        assert torch.allclose(p, torch.full((3,), 1 / 3))
    s = m.score("ba", k=0)  # ".." is seen but never followed by b
    assert s.nll == math.inf and not math.isnan(s.mean_nll) and s.unseen[0] == "..b"
    assert m.score("ba", k=1).nll < math.inf


def test_order_8_on_names_fits_and_every_order_is_bounded(names):
    v = Vocab.from_words(names)
    m = CountsModel.from_words(names, v, order=8)
    assert not m.table.dense and m.N.numel() * 8 * 3 < 2**30
    assert m.evaluate().mean_nll < CountsModel.from_words(names, v, order=4).evaluate().mean_nll


def test_orders_that_cannot_be_held_are_refused_before_allocating(vocab, monkeypatch):
    for bad in (0, 11, 2.5):
        with pytest.raises(ValueError, match="order must be a whole number from 1 to 10"):
            make_examples(WORDS, vocab, bad)
    with pytest.raises(OrderError, match="choose order 9 or lower"):
        check_fits(10, 200)
    monkeypatch.setattr(counts_module, "MAX_TABLE_BYTES", 10_000)
    with pytest.raises(OrderError, match=r"distinct contexts: its table would need .* choose a lower order"):
        CountsModel.from_words(WORDS, vocab, order=6)


def test_negative_or_nan_k_is_refused(vocab):
    for k in (-1, math.nan, math.inf):
        with pytest.raises(ValueError, match="smoothing k"):
            CountsModel.from_words(WORDS, vocab, order=3, k=k)


# --- nets of any order -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tri(names):
    words = names[::10]
    v = Vocab.from_words(names)
    ex = make_examples(words, v, 3)
    return CountsModel.from_examples(ex, v), ex


@pytest.mark.parametrize("net", ["full", "concat"])
def test_the_three_modes_agree_at_order_3(tri, net):
    m, ex = tri
    runs = {}
    for mode in ("onehot", "index", "counts"):
        t = Trainer(registry.get(net).build(m), examples=ex, lr=20.0, lam=0.01, mode=mode)
        t.step(8)
        runs[mode] = t
    for mode in ("index", "counts"):
        assert max(abs(a - b) for a, b in zip(runs["onehot"].history.loss, runs[mode].history.loss, strict=True)) < 1e-4
        assert torch.allclose(runs["onehot"].model.W, runs[mode].model.W, atol=1e-4)


def test_concat_counts_gradient_is_the_autograd_gradient(tri):
    m, ex = tri
    net = ConcatNet(m)
    W = net.W.clone().requires_grad_(True)
    xs = ex.X + torch.arange(2) * m.V
    nll_auto = F.cross_entropy(W[xs].sum(1), ex.Y)  # exercise E05 on the summed rows, by hand
    (nll_auto + 0.3 * (W**2).mean()).backward()
    _, nll, g = net.loss_and_grad(0.3)
    assert nll == pytest.approx(float(nll_auto.detach()), abs=1e-5)
    assert torch.allclose(g["W"], W.grad, atol=1e-5)  # float32 sums in another order
    _, nll_model = net.loss(net.batch(ex), 0.3, "index")  # the model's own autograd loss: the same
    assert torch.equal(nll_model, nll_auto.detach())


def test_full_net_reaches_the_counts_model_and_concat_cannot(tri):
    """At λ = 0 the full net of order 3 converges to the trigram counts model; the concat net, whose logits are
    a sum of one row per position, stays above it: the gap the pages show."""
    m, ex = tri
    floor = m.evaluate().mean_nll
    full = Trainer(FullNet(m), lr=50.0, lam=0.0)
    full.step(3000)
    assert full.model.evaluate(ex).mean_nll - floor < 0.02
    concat = Trainer(ConcatNet(m), lr=20.0, lam=0.0)
    concat.step(1500)
    assert concat.model.evaluate(ex).mean_nll - floor > 0.05
    assert concat.model.evaluate(ex).mean_nll < full.model.evaluate(ex).mean_nll + 0.5  # it did learn


def test_concat_of_order_2_is_the_full_net_and_order_1_has_nothing_to_concatenate(names_model, vocab):
    a, b = Trainer(FullNet(names_model)), Trainer(registry.get("concat").build(names_model))
    a.step(5)
    b.step(5)
    assert a.history.loss == b.history.loss
    uni = CountsModel.from_words(WORDS, vocab, order=1)
    with pytest.raises(ValueError, match="order 1 has no context"):
        registry.get("concat").build(uni)
    with pytest.raises(ValueError, match="order 1 has no context"):
        ConcatNet(uni)
    t = Trainer(FullNet(uni), lr=2.0, lam=0.0)  # the unigram net: one row of W holding every example (lr 50 oscillates)
    t.step(500)
    assert t.model.W.shape == (1, vocab.size) and t.model.evaluate(WORDS).mean_nll == pytest.approx(
        uni.evaluate().mean_nll, 1e-3
    )


def test_dev_nll_of_an_order_3_net_is_its_evaluation(tri, names):
    """Each step records the dev NLL of W before its update: after 4 steps, that of the W 3 steps reach."""
    m, _ex = tri
    dev = make_examples(names[1::10], m.vocab, 3)
    for net in ("full", "concat"):
        t = Trainer(registry.get(net).build(m), dev=dev)
        t.step(4)
        before = Trainer(registry.get(net).build(m))
        before.step(3)
        assert t.history.dev_nll[-1] == pytest.approx(before.model.evaluate(dev).mean_nll, abs=1e-5)
        assert t.history.dev_nll[-1] < t.history.dev_nll[0]


# --- sampling with a tape ----------------------------------------------------------------------------------


def xorshift_plain(seed):
    """ngram.py's generator as its definition reads: xorshift* on 64 bits, 24 bits of the output as a float."""
    state = seed

    def random():
        nonlocal state
        state ^= state >> 12
        state = (state ^ (state << 25)) % 2**64
        state ^= state >> 27
        return (((state * 0x2545F4914F6CDD1D) % 2**64) >> 40) / 2**24

    return random


def plain_rows(words, n, windows, k, V, itos):
    """Each context's float32 probabilities, from the plain counts (integer k keeps every sum exact)."""
    table = plain_counts(words, n, windows)

    def row(ctx):
        c = [f32(table.get(ctx, Counter())[ch] + k) for ch in itos]
        total = sum(c)
        return [f32(x / total) for x in c] if total > 0 else [f32(1 / V)] * V

    return row


@pytest.mark.parametrize(("n", "windows"), [(2, "word"), (3, "word"), (4, "stream"), (3, "stream")])
def test_xorshift_stream_is_the_plain_algorithm_with_its_tape(vocab, n, windows):
    itos = ["." if i == 0 else c for i, c in enumerate(vocab.itos)]
    row = plain_rows(WORDS, n, windows, 1, vocab.size, itos)
    rand = xorshift_plain(1337)
    tape, words, word = "." * (n - 1), [], ""
    while len(words) < 12:
        u, cdf, ix = rand(), 0.0, vocab.size - 1
        for i, p in enumerate(row(tape)):
            cdf += p
            if u < cdf:
                ix = i
                break
        if n > 1:
            tape = tape[1:] + itos[ix]
        if ix == 0:
            words.append(word)
            word = ""
            if windows == "word":
                tape = "." * (n - 1)
        else:
            word += itos[ix]
    m = CountsModel.from_words(WORDS, vocab, order=n, windows=windows, k=1)
    assert [s.word for s in Sampler(m, seed=1337, stream="xorshift").sample(12)] == words


@pytest.mark.parametrize("stream", ["torch", "lecture"])
def test_torch_and_lecture_streams_read_the_tape_at_order_3(names, stream):
    v = Vocab.from_words(names)
    m = CountsModel.from_words(names, v, order=3, k=1)
    s = Sampler(m, seed=42, stream=stream)
    g = torch.Generator().manual_seed(42)
    P32 = m.P_lecture()
    for sample in s.sample(10):
        tape, word = [0, 0], []
        while True:
            p = P32[tape[0] * v.size + tape[1]]
            if stream == "torch":
                ix = int(torch.multinomial(p, 1, replacement=True, generator=g))
            else:
                u = float(torch.rand((), dtype=torch.float64, generator=g))
                cum = np.cumsum(p.numpy(), dtype=np.float32)
                cum = cum / cum[-1]
                cum[-1] = 1.0
                ix = int(np.searchsorted(cum, u, side="left"))
            tape = [tape[1], ix]
            if ix == 0:
                break
            word.append(ix)
        assert sample.word == v.decode(word)


def test_a_draw_records_its_tape_and_row(names):
    v = Vocab.from_words(names)
    m = CountsModel.from_words(names, v, order=3, k=1)
    s = Sampler(m, seed=3)
    first, second = s.step(), s.step()
    assert first.context == (0, 0) and first.row == 0
    assert second.context == (0, first.ix) and second.row == first.ix
    assert torch.equal(second.probs, m.next_probs([0, first.ix]))


def test_stream_windows_carry_the_tape_across_words(vocab):
    m = CountsModel.from_words(WORDS, vocab, order=3, windows="stream", k=1)
    s = Sampler(m, seed=5, stream="xorshift")
    w = s.finish()
    assert s.tape == [w.ix[-2] if len(w.ix) > 1 else 0, 0]  # the word's last letter and the boundary
    m_word = CountsModel.from_words(WORDS, vocab, order=3, k=1)
    s = Sampler(m_word, seed=5, stream="xorshift")
    s.finish()
    assert s.tape == [0, 0]


# --- the grid search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("windows", ["word", "stream"])
def test_grid_is_the_direct_computation(names, windows):
    train, dev, test = names[2::10], names[::50], names[1::50]
    config = GridConfig(orders=(1, 2, 3), smoothings=(0.1, 1.0), windows=windows)
    r = grid_search(train, dev, test, config=config)
    v = Vocab.from_words([*train, *dev, *test])
    want = []
    for n in config.orders:
        table = plain_counts(train, n, windows)
        for k in config.smoothings:
            tr = plain_mean_nll(table, plain_examples(train, n, windows), k, v.size)
            dv = plain_mean_nll(table, plain_examples(dev, n, windows), k, v.size)
            want.append((n, k, tr, dv))
    for row, (n, k, tr, dv) in zip(r.rows, want, strict=True):
        assert (row.order, row.smoothing) == (n, k)
        assert row.train_nll == pytest.approx(tr, rel=1e-12) and row.dev_nll == pytest.approx(dv, rel=1e-12)
    best = min(want, key=lambda x: x[3])
    assert r.best == (best[0], best[1])
    test_want = plain_mean_nll(
        plain_counts(train, best[0], windows), plain_examples(test, best[0], windows), best[1], v.size
    )
    assert r.test_nll == pytest.approx(test_want, rel=1e-12)
    assert r.to_json()["best"] == {"order": best[0], "smoothing": best[1]}


def test_grid_ties_keep_the_first_and_need_dev_words():
    r = grid_search(["ab", "ba"], ["ab"], config=GridConfig(orders=(2,), smoothings=(1.0, 1.0)))
    assert r.best == (2, 1.0) and r.rows[0].dev_nll == r.rows[1].dev_nll
    with pytest.raises(ValueError, match="dev words"):
        grid_search(["ab"], [])
