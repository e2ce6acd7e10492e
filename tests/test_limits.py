"""Bounded memory and work (issue 17): one memory budget pays for every large allocation and frees it with the
object, a net whose step cannot fit a tick is refused, and every compute mode stops at the same step."""

from __future__ import annotations

import gc
import sys

import pytest

from makemore import CountsModel, FullNet, Trainer, Vocab, make_examples, memory, registry
from makemore.corpus import Corpus
from makemore.errors import MemoryBudgetError, OrderError
from makemore.train import LIVE_MAX_CELLS, live_problem, step_cells


@pytest.fixture()
def budget():
    """A small process budget for one test (the engine's default is none). What earlier tests held is let go
    first: the app's shared caches (the built-in names' Corpus, kept from test to test when the AppTests ran in
    this process) are emptied, and garbage is collected (it is released only when the collector runs), so
    neither decides what is free."""

    def set_mb(mb: float) -> None:
        if "streamlit" in sys.modules:  # the AppTests ran first: their shared caches hold tables of the budget
            sys.modules["streamlit"].cache_resource.clear()
            sys.modules["streamlit"].cache_data.clear()
        gc.collect()
        memory.set_limit(int(mb * 2**20))

    yield set_mb
    memory.set_limit(None)
    gc.collect()


def cjk_words(chars: int = 1000, words: int = 42_000) -> list[str]:
    """The adversarial upload of the issue: many distinct characters, short words (two characters each)."""
    alphabet = [chr(0x4E00 + i) for i in range(chars)]
    return [alphabet[i % chars] + alphabet[(i * 7 + i // chars) % chars] for i in range(words)]


def test_a_table_that_does_not_fit_is_refused_before_it_is_made(budget):
    words = cjk_words()
    budget(64)
    c = Corpus.build(words)
    c.examples("train", 3).groups()  # the examples fit, and are kept by the corpus
    before = memory.held()
    with pytest.raises(MemoryBudgetError) as e:
        c.counts(order=3)
    assert isinstance(e.value, OrderError)  # every page and command that handles an order says it in one line
    said = str(e.value)
    assert "order-3 table" in said and "budget is 64.0 MB" in said and "choose a lower order" in said
    assert memory.held() == before  # nothing kept


def test_what_a_visitor_holds_is_released_with_it(budget):
    budget(512)
    words = cjk_words(300, 20_000)
    c = Corpus.build(words)
    m = c.counts(order=2)  # 301² int64 cells: under the 1 MB floor of what is counted
    P = m.P(1)
    t = Trainer(FullNet(c.counts(order=3)), lr=1.0)
    held = memory.held()
    assert held > 0
    del c, m, P, t
    gc.collect()
    assert memory.held() == 0


def test_two_visitors_share_one_budget(budget):
    words = cjk_words(400, 30_000)
    budget(150)
    first = Corpus.build(words).counts(order=3)  # the first visitor's table fits ...
    with pytest.raises(MemoryBudgetError, match="is free now"):
        Corpus.build(words).counts(order=3)  # ... the second's does not while the first holds it
    del first
    gc.collect()
    Corpus.build(words).counts(order=3)


def test_without_a_budget_nothing_is_refused():
    assert memory.limit() is None  # the command line and notebooks: a person's own machine
    assert memory.reserve(2**40, "a terabyte").nbytes == 0


def test_a_net_whose_step_cannot_fit_a_tick_is_refused():
    words = cjk_words()
    m = CountsModel.from_words(words, Vocab.from_words(words), order=2)
    assert step_cells(m, "full") == 1001**2 and live_problem(m, "full") is None  # the bigram of V = 1,001 is live
    tri = CountsModel.from_words(words, m.vocab, order=3)
    said = live_problem(tri, "full")
    assert step_cells(tri, "full") > LIVE_MAX_CELLS and said and "choose a lower order" in said


def test_the_names_train_live_at_every_order_and_concat_while_a_step_fits_a_tick(names_model, names):
    """The full net trains live at every order; concat, whose step gathers n−1 rows per context twice and scatters
    them back (0.9 s a step at order 10, measured), up to the order where a step still fits a tick."""
    for n in range(1, 11):
        m = CountsModel.from_words(names, names_model.vocab, order=n)
        assert live_problem(m, "full") is None
        if 2 <= n <= 4:
            assert live_problem(m, "concat") is None
    said = live_problem(CountsModel.from_words(names, names_model.vocab, order=10), "concat")
    assert said and "more than a live tick's 50 ms" in said and "choose a lower order" in said


@pytest.mark.parametrize(("order", "net", "lr"), [(10, "concat", 50.0), (3, "full", 2000.0), (2, "full", 2000.0)])
def test_every_mode_stops_at_the_same_step(names, order, net, lr):
    """The issue's case (order 10, concat, lr 50: onehot stopped at step 3, the others went on at loss 75): every
    mode checks the logits the lecture's float32 forward pass would exponentiate, so all stop together."""
    words = list(names[:2000])
    v = Vocab.from_words(words)
    m, ex = CountsModel.from_words(words, v, order=order), make_examples(words, v, order)
    stopped = set()
    for mode in ("onehot", "index", "counts"):
        t = Trainer(registry.get(net).build(m), examples=ex, lr=lr, mode=mode)
        t.step(40)
        assert t.diverged, mode
        assert all(map(float.__eq__, t.history.loss, t.history.loss))  # no NaN on the way
        stopped.add((t.steps, t.diverged))
    assert len(stopped) == 1


def test_a_stopped_net_samples_finite_probabilities(names):
    words = list(names[:2000])
    v = Vocab.from_words(words)
    t = Trainer(FullNet(CountsModel.from_words(words, v, order=3)), lr=1000.0)
    t.step(40)
    assert t.diverged and t.steps == 1  # W stays at the last step whose forward pass was finite
    net = t.snapshot()
    for context in ([0, 0], [0, 1], [5, 1], [1, 14]):
        p = net.next_probs(context)
        assert bool(p.isfinite().all()) and abs(float(p.sum()) - 1) < 1e-5
