"""The MLP of makemore part 2 (issue 21): the lecture's initialisation, its gradients, its minibatch stream, exact
whole-set losses, sampling, the learning-rate finder and the command line."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from makemore import Sampler, Vocab
from makemore.__main__ import main
from makemore.bench import lecture_mlp_loop
from makemore.config import LECTURE_SEED, STREAMS
from makemore.models import MLP, CountsModel, registry
from makemore.models.mlp import MLPConfig, finder_steps, lr_at, lr_finder, parse_schedule, valley
from makemore.train import Trainer
from makemore.windows import make_examples
from makemore.words import split_words


@pytest.fixture(scope="module")
def split(names):
    """The built-in names shuffled and cut like the lecture's 80/10/10: train and dev."""
    s = split_words(names)
    return list(s.train), list(s.dev)


@pytest.fixture(scope="module")
def counts4(names):
    return CountsModel.from_words(names, Vocab.from_words(names), order=4)


def test_the_lectures_parameter_count_and_shapes(counts4):
    net = MLP(counts4)  # V = 27, d = 10, 200 hidden units, block_size 3
    assert net.num_parameters() == 11_897 == sum(p.numel() for p in net.parameters().values())
    shapes = {name: tuple(p.shape) for name, p in net.parameters().items()}
    assert shapes == {"C": (27, 10), "W1": (30, 200), "b1": (200,), "W2": (200, 27), "b2": (27,)}


def test_init_draws_in_the_lectures_order(counts4):
    """One generator seeded 2147483647: C, W1, b1, W2, b2 with randn, in that order (the notebook's cell)."""
    g = torch.Generator().manual_seed(2147483647)
    C = torch.randn((27, 10), generator=g)
    W1 = torch.randn((30, 200), generator=g)
    b1 = torch.randn(200, generator=g)
    W2 = torch.randn((200, 27), generator=g)
    b2 = torch.randn(27, generator=g)
    got = MLP(counts4).parameters()
    for name, want in zip(("C", "W1", "b1", "W2", "b2"), (C, W1, b1, W2, b2), strict=True):
        assert torch.equal(got[name], want), name
    # the trainer draws the same from its seed, and its minibatches continue that generator
    t = Trainer(MLP(counts4), examples=counts4.examples(["emma", "olivia"]), lr=0.1, seed=LECTURE_SEED)
    assert torch.equal(t.model.parameters()["b2"], b2)


def test_hand_derived_gradients_equal_autograd(counts4, names):
    net = MLP(counts4, emb=4, hidden=30)
    net.init_parameters(torch.Generator().manual_seed(5))
    X, Y = net.batch(counts4.examples(names[:200]))
    xb, yb = X[:32], Y[:32]
    loss, grads = net.grads(xb, yb)
    params = {name: p.clone().requires_grad_(True) for name, p in net.parameters().items()}
    h = torch.tanh(params["C"][torch.from_numpy(xb)].view(32, -1) @ params["W1"] + params["b1"])
    ref = F.cross_entropy(h @ params["W2"] + params["b2"], torch.from_numpy(yb))
    ref.backward()
    assert loss == pytest.approx(ref.item(), rel=1e-6)
    for name, p in params.items():
        assert np.allclose(grads[name], p.grad.numpy(), rtol=1e-4, atol=1e-6), name
    # and the model's own autograd loss (the lecture's code) is the same number
    auto, _ = net.loss((torch.from_numpy(xb), torch.from_numpy(yb)))
    assert auto.item() == pytest.approx(loss, rel=1e-6)


def test_steps_follow_the_lectures_autograd_loop(counts4, names):
    """Fifty steps of the hand-derived update and of the lecture's loop, from the same parameters on the same
    minibatches: the same losses to float32 rounding."""
    net = MLP(counts4)
    X, Y = net.batch(counts4.examples(names))
    ix = torch.randint(0, X.shape[0], (50, 32), generator=torch.Generator().manual_seed(3))
    twin = net.copy()
    for i in range(50):
        loss, updated = net.step(X[ix[i].numpy()], Y[ix[i].numpy()], 0.1)
        assert updated
    theirs = lecture_mlp_loop(twin, torch.from_numpy(X), torch.from_numpy(Y), ix, 0.1)
    assert loss == pytest.approx(theirs, rel=1e-3)


def test_minibatch_stream_is_the_same_in_chunks_of_any_size(counts4, names):
    ex = counts4.examples(names)
    one = Trainer(MLP(counts4), examples=ex, lr=0.1, batch_size=32)
    one.step(30)
    other = Trainer(MLP(counts4), examples=ex, lr=0.1, batch_size=32)
    for k in (1, 7, 22):
        other.step(k)
    assert one.history.loss == other.history.loss
    for name, p in one.model.parameters().items():
        assert torch.equal(p, other.model.parameters()[name])
    # reset with the same seed draws the same run again; another seed another
    other.reset(LECTURE_SEED)
    other.step(30)
    assert other.history.loss == one.history.loss
    other.reset(1)
    other.step(30)
    assert other.history.loss != one.history.loss


def test_schedule_changes_the_rate_from_its_step():
    assert parse_schedule("100000:0.01") == ((100000, 0.01),)
    assert [lr_at(0.1, ((3, 0.01),), done) for done in range(5)] == [0.1, 0.1, 0.1, 0.01, 0.01]
    for bad in ("x", "5:", "-1:0.1", "5:0", "5:nan"):
        with pytest.raises(ValueError, match="STEP:LR"):
            parse_schedule(bad)


def test_trainer_records_the_schedule_and_whole_set_losses(counts4, split):
    train, dev = split
    vocab = counts4.vocab
    counts = CountsModel.from_words(train, vocab, order=4)
    ex, dx = make_examples(train, vocab, 4), make_examples(dev, vocab, 4)
    t = Trainer(MLP(counts), examples=ex, dev=dx, lr=0.1, schedule=((5, 0.05),))
    t.step(8)
    assert t.history.lr == [0.1] * 5 + [0.05] * 3
    tr, dv = t.evaluate()
    assert t.history.evals == [(8, tr, dv)]
    # exact: the mean over every example of −log softmax, in float64
    with torch.no_grad():
        logp = t.model.log_probs(torch.zeros(1), ex.X)
        want = -float(logp[torch.arange(ex.num), ex.Y].sum()) / ex.num
    assert tr == pytest.approx(want, rel=1e-12)
    assert math.isfinite(dv)


def test_training_lowers_the_loss_and_a_huge_rate_diverges_cleanly(counts4, names):
    ex = counts4.examples(names)
    t = Trainer(MLP(counts4), examples=ex, lr=0.1)
    t.step(300)
    assert np.mean(t.history.loss[-50:]) < np.mean(t.history.loss[:50]) / 2
    bad = Trainer(MLP(counts4), examples=ex, lr=1e30)
    bad.step(20)
    assert bad.diverged and "Lower the learning rate" in bad.diverged
    assert all(np.isfinite(p.numpy()).all() for p in bad.model.parameters().values())


def test_sampling_contract_every_stream(counts4, names):
    net = MLP(counts4)
    p = net.next_probs([0, 0, 0])
    assert p.dtype == torch.float32 and p.shape == (27,) and abs(float(p.sum()) - 1) < 1e-5
    assert torch.allclose(net.probs().sum(1), torch.ones(27, dtype=torch.float64))
    for stream in STREAMS:
        a = [s.word for s in Sampler(net, seed=7, stream=stream).sample(5)]
        b = [s.word for s in Sampler(net.copy(), seed=7, stream=stream).sample(5)]
        assert a == b and all(a), stream


def test_embedding_picture(counts4):
    pts, what = MLP(counts4, emb=2).embedding()
    assert pts.shape == (27, 2) and what.startswith("C[:, 0]")
    pts, what = MLP(counts4).embedding()
    assert pts.shape == (27, 2) and "principal components" in what


def test_lr_finder_finds_the_valley(counts4, names):
    exps, losses = lr_finder(counts4, counts4.examples(names), steps=300)
    assert exps[0] == -3 and exps[-1] == 0 and len(losses) == 300
    assert -3 < valley(exps, losses) <= 0


def test_config_limits_and_the_registry():
    e = registry.get("mlp")
    assert e.trainable and e.defaults() == {"order": 4, "windows": "word", "emb": 10, "hidden": 200}
    assert not e.exists_at(1) and e.exists_at(2)
    with pytest.raises(ValueError, match="hidden must be"):
        MLPConfig(hidden=0)
    with pytest.raises(ValueError, match="no context"):
        MLPConfig(order=1)


def test_cli_trains_the_mlp_and_prints_its_figures(tmp_path, capsys, split):
    train, dev = split
    (tmp_path / "train.txt").write_text("\n".join(train) + "\n")
    (tmp_path / "dev.txt").write_text("\n".join(dev) + "\n")
    args = ["train", "-i", str(tmp_path / "train.txt"), "--dev", str(tmp_path / "dev.txt"), "--net", "mlp"]
    args += ["--order", "4", "--emb", "10", "--hidden", "200", "--batch", "32", "--steps", "2000", "--lr", "0.1"]
    args += ["--lr-schedule", "1000:0.05", "--seed", "2147483647", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["params"] == 11_897 and out["steps"] == 2000 and out["lr_schedule"] == "1000:0.05"
    assert 2.0 < out["dev_nll"] < 3.3 and 2.0 < out["train_nll"] < 3.3 and out["seconds"] > 0
    # the same seed, the same run
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["dev_nll"] == out["dev_nll"]
    assert main(["sample", "--model", "neural", "--net", "mlp", "--steps", "200", "-n", "3", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["samples"]) == 3
    assert main(["train", "--net", "mlp", "--lr-schedule", "soon"]) == 2
    assert "STEP:LR" in capsys.readouterr().err
    assert main(["models", "--json"]) == 0
    assert "mlp" in [m["name"] for m in json.loads(capsys.readouterr().out)]


def test_the_grid_compares_the_mlp_at_each_order(tmp_path, capsys, split):
    train, dev = split
    (tmp_path / "train.txt").write_text("\n".join(train) + "\n")
    (tmp_path / "dev.txt").write_text("\n".join(dev) + "\n")
    args = ["grid", "-i", str(tmp_path / "train.txt"), "--dev", str(tmp_path / "dev.txt"), "--orders", "1", "3"]
    assert main([*args, "--mlp-steps", "300", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [m["order"] for m in out["mlp"]] == [3] and out["mlp"][0]["steps"] == 300  # order 1 has no context
    assert (
        math.isfinite(out["mlp"][0]["dev_nll"]) and out["mlp"][0]["params"] == 27 * 10 + 20 * 200 + 200 + 200 * 27 + 27
    )
    assert main([*args, "--mlp-steps", "300"]) == 0
    assert "order 3 | mlp, 300 steps" in capsys.readouterr().out


def test_the_finder_takes_fewer_steps_for_a_net_too_large_for_its_budget(counts4, names):
    ex = counts4.examples(names)
    assert finder_steps(counts4, ex, emb=10, hidden=200, batch=32, budget_s=60.0) == 1000
    assert finder_steps(counts4, ex, emb=32, hidden=500, batch=512, budget_s=0.0) == 100
