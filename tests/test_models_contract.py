"""The one model contract (makemore/models/base.py), held for every model in the registry: built at orders 1-4
where it exists, fitted or trained a few steps, evaluated exactly, sampled with every random stream, exported,
and (trainable) drawn by the live panel. A new model kind gets all of this by its registry line."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import io
import math
import textwrap

import numpy as np
import pytest
import torch

from makemore import Sampler, Trainer, Vocab, exports, make_examples, registry
from makemore.config import MODES, STREAMS

WORDS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn", "abigail"]
ORDERS = (1, 2, 3, 4)
CASES = [(e.name, n) for e in registry.models() for n in ORDERS if e.exists_at(n)]
MISSING = [(e.name, n) for e in registry.models() for n in ORDERS if not e.exists_at(n)]
TRAINABLE = [(name, n) for name, n in CASES if registry.get(name).trainable]


@pytest.fixture(scope="module")
def vocab():
    return Vocab.from_words(WORDS)


def built(name: str, n: int, vocab: Vocab):
    """The model of this kind and order on WORDS; a trainable one trained 5 steps at its own stable lr (a
    minibatch model on minibatches of its examples)."""
    model = registry.get(name).from_words(WORDS, vocab, order=n)
    if registry.get(name).trainable:
        t = Trainer(model, examples=make_examples(WORDS, vocab, n), lr=model.stable_lr(0.01), lam=0.01)
        t.step(5)
        assert t.steps == len(t.history) == 5 and not t.diverged
        assert t.history.loss[-1] < t.history.loss[0]  # at the model's own stable lr the loss only falls
    return model


# --- the registry ---------------------------------------------------------------------------------------------


def test_the_registry_names_each_kind_once_with_a_frozen_config_and_a_line():
    entries = registry.models()
    assert [e.name for e in entries] == list(registry.names()) and len(set(registry.names())) == len(entries)
    assert {"counts", "full", "concat"} <= set(registry.names())
    assert registry.DEFAULT_NET in registry.names(trainable=True)
    for e in entries:
        assert e.cls.name == e.name and registry.get(e.name) is e
        assert e.description and "\n" not in e.description
        config = e.config(**e.defaults())
        with pytest.raises(dataclasses.FrozenInstanceError):
            config.order = 3  # frozen: usable as a cache key
        assert {"order", "windows"} <= set(e.defaults())


def field_comments(config: type) -> dict[str, bool]:
    """For every field of a config dataclass: whether the line that declares it carries a comment."""
    found = {}
    for cls in config.__mro__:
        if not dataclasses.is_dataclass(cls):
            continue
        source = textwrap.dedent(inspect.getsource(cls))
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                found.setdefault(node.target.id, "#" in lines[node.lineno - 1])
    return {f.name: found.get(f.name, False) for f in dataclasses.fields(config)}


@pytest.mark.parametrize("name", registry.names())
def test_every_config_field_has_a_comment(name):
    assert all(field_comments(registry.get(name).config).values()), field_comments(registry.get(name).config)


@pytest.mark.parametrize(("name", "n"), MISSING)
def test_an_order_a_kind_cannot_have_is_one_sentence(name, n, vocab):
    said = registry.get(name).cls.unavailable(n)
    assert said and said.endswith(".") and "\n" not in said
    with pytest.raises(ValueError):
        registry.get(name).from_words(WORDS, vocab, order=n)


# --- every model -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "n"), CASES)
def test_the_model_knows_what_it_is(name, n, vocab):
    m = built(name, n, vocab)
    assert (m.order, m.windows, m.vocab) == (n, "word", vocab)
    assert m.name == name or (name, n, m.name) == ("concat", 2, "full")  # one block of V rows: the full net itself
    assert (m.config.order, m.config.windows) == (n, "word") and isinstance(m.config, registry.get(m.name).config)


@pytest.mark.parametrize(("name", "n"), CASES)
def test_evaluate_is_one_exact_nll_equal_to_a_direct_sum(name, n, vocab):
    m = built(name, n, vocab)
    ex = make_examples(WORDS, vocab, n)
    r = m.evaluate(ex)
    assert r.examples == ex.num and math.isfinite(r.mean_nll) and r.mean_nll > 0
    lp = m.log_probs(ex.codes, ex.X)  # (num, V) float64, one row per example
    assert lp.dtype == torch.float64
    direct = -math.fsum(lp[i, y].item() for i, y in enumerate(ex.Y.tolist())) / ex.num
    assert r.mean_nll == pytest.approx(direct, rel=1e-12)
    assert m.evaluate(WORDS).mean_nll == r.mean_nll  # words or examples: the same number


@pytest.mark.parametrize(("name", "n"), CASES)
def test_next_probs_is_a_distribution_and_agrees_with_log_probs(name, n, vocab):
    m = built(name, n, vocab)
    g = torch.Generator().manual_seed(0)
    tapes = [[0] * (n - 1), *(torch.randint(vocab.size, (n - 1,), generator=g).tolist() for _ in range(5))]
    for tape in tapes:
        p = m.next_probs(tape)
        assert p.shape == (vocab.size,) and p.dtype == torch.float32
        assert bool((p >= 0).all()) and abs(float(p.sum()) - 1) < 1e-5
        code = 0
        for t in tape:
            code = code * vocab.size + t
        q = m.log_probs(torch.tensor([code]))[0].exp()
        assert torch.allclose(p.double(), q, atol=1e-6)


@pytest.mark.parametrize("stream", STREAMS)
@pytest.mark.parametrize(("name", "n"), CASES)
def test_sampling_with_every_stream_ends_and_is_deterministic_per_seed(name, n, stream, vocab):
    m = built(name, n, vocab)
    words = [s for s in Sampler(m, seed=7, stream=stream, max_len=30).sample(6)]
    again = [s.word for s in Sampler(m, seed=7, stream=stream, max_len=30).sample(6)]
    assert [s.word for s in words] == again
    assert all(s.ended or len(s.word) == 30 for s in words)
    assert all(set(s.word) <= set(vocab.chars) for s in words)


@pytest.mark.parametrize(("name", "n"), CASES)
def test_export_writes_every_tensor_as_plain_files(name, n, vocab, tmp_path):
    m = built(name, n, vocab)
    tensors = m.tensors()
    assert tensors
    d = torch.load(io.BytesIO(exports.weights_pt(tensors, vocab.itos, 5)), weights_only=True)
    assert d["itos"] == list(vocab.itos) and d["step"] == 5
    for key, t in tensors.items():
        assert torch.equal(d[key], t)
        assert np.array_equal(np.load(io.BytesIO(exports.weights_npy(t)), allow_pickle=False), t.numpy())


# --- trainable models ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "n"), TRAINABLE)
def test_every_mode_of_a_trainable_model_gives_the_same_losses(name, n, vocab):
    ex = make_examples(WORDS, vocab, n)
    runs = []
    for mode in MODES:
        m = registry.get(name).from_words(WORDS, vocab, order=n)
        if mode not in m.modes:
            continue
        t = Trainer(m, examples=ex, lr=m.stable_lr(0.01), lam=0.01, mode=mode)
        t.step(4)
        runs.append(t.history.loss)
    assert runs and all(max(abs(a - b) for a, b in zip(runs[0], r, strict=True)) < 1e-4 for r in runs)


@pytest.mark.parametrize(("name", "n"), TRAINABLE)
def test_the_trainer_needs_nothing_else_and_a_snapshot_stays_put(name, n, vocab):
    m = registry.get(name).from_words(WORDS, vocab, order=n)
    dev = make_examples(["emma", "ava", "mia"], vocab, n)
    t = Trainer(m, examples=make_examples(WORDS, vocab, n), dev=dev, lr=m.stable_lr(0.0), lam=0.0, seed=3)
    initial = {k: v.clone() for k, v in t.model.parameters().items()}
    assert set(initial) == set(m.tensors())
    if t.minibatch:  # the dev NLL is a pass over the whole set, when asked
        before = t.evaluate()[1]
        t.step(3)
        assert len(t.history) == 3 and t.evaluate()[1] < before and len(t.history.evals) == 2
    else:  # a step's worth of work: every step
        t.step(3)
        assert len(t.history.dev_nll) == 3 and t.history.dev_nll[-1] < t.history.dev_nll[0]
    frozen = t.snapshot()
    before = {k: v.clone() for k, v in frozen.parameters().items()}
    t.step(2)
    assert all(torch.equal(frozen.parameters()[k], before[k]) for k in before)  # training went on without it
    assert t.model.evaluate(WORDS).mean_nll < frozen.evaluate(WORDS).mean_nll
    t.reset(3)
    assert t.steps == 0 and all(torch.equal(t.model.parameters()[k], initial[k]) for k in initial)
    assert 0 < m.stable_lr(0.01) < math.inf and t.working_bytes() > 0


@pytest.mark.parametrize(("name", "n"), TRAINABLE)
def test_the_live_weight_view_is_well_formed(name, n, vocab):
    m = built(name, n, vocab)
    view = m.weight_view()
    if view is None:  # no V×V picture of its parameters: then a 2-D picture of its embedding
        points, what = m.embedding()
        assert points.shape == (vocab.size, 2) and np.isfinite(points).all() and what
        return
    W = m.parameters()[view.param]
    R = len(view.rows)
    assert 1 <= R <= vocab.size and len(view.row_labels) == R
    assert int(view.rows.min()) >= 0 and int(view.rows.max()) < W.shape[0] and W[view.rows].shape == (R, vocab.size)
    assert view.logP.shape == (len(view.logP_row_labels), vocab.size) and len(view.logP_row_labels) == R
    assert view.W_title.format(step=3) != view.W_title and "{step}" in view.grad_title
    assert view.logP_title and "{" not in view.logP_title
