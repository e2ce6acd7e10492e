"""Training tells the truth: the curvature bound on a stable learning rate, and the diagnosis of a loss that
rises, oscillates or stays above uniform, held against real training runs."""

from __future__ import annotations

import math

import torch
from engine_helpers import bigram

from makemore import ConcatNet, CountsModel, FullNet, Trainer, Vocab
from makemore.health import diagnose, offer
from makemore.models.concat import stable_lr_concat
from makemore.models.full import stable_lr


def run(words, lr, steps=300):
    m = CountsModel.from_words(words, Vocab.from_words(words))
    t = Trainer(FullNet(m), lr=lr, lam=0.01)
    t.step(steps)
    return m, t


def test_emma_at_the_lectures_lr_is_diagnosed_and_the_offered_lr_fixes_it():
    m, t = run(["emma"], 50)
    safe = stable_lr(m.N, 0.01)
    assert t.history.nll[-1] > math.log(m.V)  # the 2.0722, worse than uniform
    said = diagnose(t.history, m.V, safe)
    assert said and "ln 4" in said and f"lr ≤ {offer(safe):g}" in said
    _, fixed = run(["emma"], offer(safe))
    assert fixed.history.nll[-1] < 0.3 and diagnose(fixed.history, m.V, safe) is None  # near the counts 0.2773


def test_a_small_lr_is_called_slow_not_blamed_on_lambda(names_model):
    t = Trainer(FullNet(names_model), lr=0.5, lam=0.01)
    t.step(40)
    said = diagnose(t.history, names_model.V, stable_lr(names_model.N, 0.01))
    assert said and "still falling" in said and "λ" not in said and "26.8" in said


def test_the_offer_is_inside_the_bound():
    for bound in (9.9379, 26.85, 0.012345, 1234.5):
        assert offer(bound) <= bound and offer(bound) > 0.99 * bound


def test_an_oscillating_loss_is_named():
    m, t = run(["ab", "ba", "aa"], 50)
    assert "oscillates" in diagnose(t.history, m.V, stable_lr(m.N, 0.01))


def test_the_lecture_setting_on_names_is_left_alone(names_model):
    t = Trainer(FullNet(names_model), lr=50, lam=0.01)
    t.step(300)
    assert diagnose(t.history, names_model.V, stable_lr(names_model.N, 0.01)) is None


def test_below_the_bound_gradient_descent_never_rises():
    """The bound's promise, on random counts: every step at the bound's lr lowers the loss."""
    g = torch.Generator().manual_seed(0)
    for _ in range(5):
        N = torch.randint(0, 50, (6, 6), generator=g)
        N[0, 1] += 500  # one busy row, as in a small list
        t = Trainer(FullNet(bigram(N)), lr=stable_lr(N, 0.1), lam=0.1, seed=1)
        t.step(200)
        assert all(b <= a + 1e-6 for a, b in zip(t.history.loss, t.history.loss[1:], strict=False))


def test_below_the_concat_bound_gradient_descent_never_rises(names):
    """The concat net's bound, on samples of the names at orders 3-5 with a busy row: every step lowers the loss."""
    g = torch.Generator().manual_seed(0)
    v = Vocab.from_words(names)
    for n in (3, 4, 5):
        words = [names[int(i)] for i in torch.randint(len(names), (200,), generator=g)] + ["aaaa"] * 50
        m = CountsModel.from_words(words, v, order=n)
        t = Trainer(ConcatNet(m), lr=stable_lr_concat(m.table, 0.1), lam=0.1, seed=1)
        t.step(150)
        assert all(b <= a + 1e-6 for a, b in zip(t.history.loss, t.history.loss[1:], strict=False)), n
