"""The trainer (makemore/train.py) on the full net of order 2 (makemore/models/full.py): three compute modes held
against each other, the lecture's numbers, the counts model as the floor, lr and λ between chunks, divergence."""

from __future__ import annotations

import itertools
import math

import pytest
import torch
import torch.nn.functional as F

from makemore import CountsModel, FullNet, Trainer, Vocab, init_W, make_examples, split_words
from makemore.windows import lecture_examples


@pytest.fixture(scope="module")
def subset(names):
    words = names[::10]  # 3,247 names: onehot steps stay fast
    v = Vocab.from_words(names)
    xs, ys = lecture_examples(words, v)
    ex = make_examples(words, v)
    return words, v, xs, ys, CountsModel.from_examples(ex, v), ex


def test_init_is_the_lectures_randn():
    g = torch.Generator().manual_seed(2147483647)
    assert torch.equal(init_W(27, 27), torch.randn((27, 27), generator=g))


def test_emma_walkthrough_loss_is_the_lectures():
    """Step 8: five bigrams of .emma. under the seeded random W; the lecture prints 3.7693049907684326."""
    v = Vocab.from_words(["abcdefghijklmnopqrstuvwxyz"])
    xs, ys = lecture_examples(["emma"], v)
    ex = make_examples(["emma"], v)
    t = Trainer(FullNet(CountsModel.from_examples(ex, v)), examples=ex, lam=0.0, mode="onehot")
    loss, _nll, _ = t.loss_and_grad()
    assert float(loss) == 3.7693049907684326
    probs = torch.softmax(t.model.W[xs], dim=1)  # the five examples' distributions
    nlls = [round(-math.log(float(probs[i, y])), 4) for i, y in enumerate(ys.tolist())]
    assert nlls == [4.3993, 4.0146, 3.6234, 2.6081, 4.2012]  # printed one by one in the lecture
    t.mode = "counts"
    assert float(t.loss_and_grad()[0]) == pytest.approx(3.7693049907684326, abs=1e-6)


@pytest.mark.parametrize("lam", [0.0, 0.01, 1.0])
def test_three_modes_give_the_same_losses(subset, lam):
    *_, m, ex = subset
    runs = {}
    for mode in ("onehot", "index", "counts"):
        t = Trainer(FullNet(m), examples=ex, lr=50.0, lam=lam, mode=mode)
        t.step(15)
        runs[mode] = t
    for mode in ("index", "counts"):
        diffs = [abs(a - b) for a, b in zip(runs["onehot"].history.loss, runs[mode].history.loss, strict=True)]
        assert max(diffs) < 1e-4, mode
        assert torch.allclose(runs["onehot"].model.W, runs[mode].model.W, atol=1e-4)


def test_counts_gradient_is_the_autograd_gradient(subset):
    _, _, xs, ys, m, ex = subset
    W = init_W(27, 27).requires_grad_(True)
    (F.cross_entropy(W[xs], ys) + 0.3 * (W**2).mean()).backward()  # exercise E05, by hand
    t = Trainer(FullNet(m), examples=ex, lam=0.3, mode="counts")
    _, _, g_counts = t.loss_and_grad()
    assert torch.allclose(W.grad, g_counts["W"], atol=1e-6)
    t.mode = "index"  # the model's own autograd loss gives the same
    assert torch.allclose(W.grad, t.loss_and_grad()[2]["W"], atol=1e-6)


def test_first_loss_on_names_is_the_lectures_order_of_magnitude(names_model):
    t = Trainer(FullNet(names_model))
    t.step(1)
    assert 3.7 < t.history.loss[0] < 3.8  # the lecture: 3.7686 on its names; ours 3.7702


def test_counts_model_nll_is_the_floor_the_net_approaches(names_model):
    floor = names_model.evaluate(k=0).mean_nll
    t = Trainer(FullNet(names_model), lr=50.0, lam=0.0)
    t.step(3000)
    nll = t.history.nll
    assert min(nll) >= floor - 1e-5  # never below the maximum-likelihood counts model
    assert nll[-1] - floor < 0.002
    assert all(b <= a + 1e-6 for a, b in itertools.pairwise(nll))  # lr 50 descends monotonically here
    # W learns log N up to a per-row constant: softmax(W) ≈ P (rare rows, with tiny gradients, lag behind).
    common = names_model.N.sum(1) > 5000
    assert torch.allclose(t.model.probs()[common], names_model.P(0)[common], atol=0.002)


def test_regularisation_keeps_the_loss_above_the_floor(names_model):
    floor = names_model.evaluate(k=0).mean_nll
    t = Trainer(FullNet(names_model), lr=50.0, lam=0.1)
    t.step(500)
    assert t.history.nll[-1] > floor + 0.01


def test_lr_and_lambda_change_between_chunks(names_model):
    t = Trainer(FullNet(names_model))
    t.step(3)
    t.lr, t.lam = 10.0, 0.0
    t.step(2)
    assert t.history.lr == [50.0] * 3 + [10.0] * 2
    assert t.history.lam == [0.01] * 3 + [0.0] * 2
    assert t.steps == len(t.history) == 5


def test_dev_nll_is_recorded(names):
    v = Vocab.from_words(names)
    sp = split_words(names)
    t = Trainer(FullNet(CountsModel.from_words(sp.train, v)), dev=make_examples(sp.dev, v))
    t.step(100)
    assert t.has_dev and len(t.history.dev_nll) == 100
    assert t.history.dev_nll[-1] < t.history.dev_nll[0]
    assert t.history.dev_nll[-1] > t.history.nll[-1] - 0.05


@pytest.mark.parametrize("lr", [1e4, 1e6])
def test_divergence_stops_with_a_message_and_reset_recovers(names_model, lr):
    t = Trainer(FullNet(names_model), lr=lr)
    t.step(50)
    assert t.diverged and "diverged" in t.diverged and "learning rate" in t.diverged
    assert torch.isfinite(t.model.W).all()
    assert all(math.isfinite(x) for x in t.history.loss)
    steps = t.steps
    t.step(5)
    assert t.steps == steps  # stays stopped
    t.lr = 50.0
    t.reset()
    assert t.diverged is None and t.steps == 0 and len(t.history) == 0
    t.step(5)
    assert t.history.loss[-1] < t.history.loss[0]


def test_modes_diverge_at_the_same_step(subset):
    *_, m, ex = subset
    steps = set()
    for mode in ("onehot", "index", "counts"):
        t = Trainer(FullNet(m), examples=ex, lr=2000.0, mode=mode)
        t.step(20)
        assert t.diverged
        steps.add(t.steps)
    assert len(steps) == 1


def test_huge_lambda_diverges_cleanly(names_model):
    t = Trainer(FullNet(names_model), lr=50.0, lam=1000.0)
    t.step(100)
    assert t.diverged


@pytest.mark.parametrize(("attr", "value"), [("lr", -1.0), ("lr", math.nan), ("lam", -0.5), ("mode", "gpu")])
def test_bad_settings_are_refused(names_model, attr, value):
    t = Trainer(FullNet(names_model))
    setattr(t, attr, value)
    with pytest.raises(ValueError):
        t.step(1)


def test_examples_modes_need_examples(names_model):
    t = Trainer(FullNet(names_model), mode="onehot")
    with pytest.raises(ValueError, match="training examples"):
        t.step(1)


def test_next_probs_is_the_lectures_forward_pass(names_model):
    import torch.nn.functional as F

    t = Trainer(FullNet(names_model))
    t.step(10)
    for ix in (0, 5, 26):
        xenc = F.one_hot(torch.tensor([ix]), num_classes=27).float()
        logits = xenc @ t.model.W
        counts = logits.exp()
        p = counts / counts.sum(1, keepdims=True)
        assert torch.equal(t.model.next_probs([0, ix]), p[0])
