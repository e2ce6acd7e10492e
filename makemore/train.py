"""The trainer: plain gradient descent on any trainable model, a chunk of steps at a time (lecture steps 9-10).

`W.grad = None; loss.backward(); W.data += -lr * W.grad`, full batch, with the settings a page may move between
chunks (lr, λ, the compute mode). The model says what its loss is; the trainer needs nothing else of it
(`models/base.py`: parameters, `loss(batch, lam, mode)` with autograd, optionally a closed form
`loss_and_grad(lam)`, the logits its divergence rule checks). Three compute modes give the same loss at every
step (to float32 rounding):

- `onehot`: the lecture's code, `xenc = F.one_hot(xs).float(); logits = xenc @ W; counts = logits.exp();
  probs = counts / counts.sum(1, keepdims=True); loss = -probs[arange, ys].log().mean()`, with autograd;
- `index`: exercises E04/E05, the indexed logits through `F.cross_entropy`, with autograd;
- `counts`: the model's closed-form loss and gradient from the counts alone (sufficient statistics): a step
  costs O(contexts·V) however many words there are.

A minibatch model (the MLP of makemore part 2, `models/mlp.py`) is trained as its lecture trains it: each step a
minibatch of `batch_size` examples drawn with `torch.randint` from the generator that drew the initial parameters,
its own hand-derived step, and a learning rate that may follow a schedule (`schedule`: from STEP steps on, LR). Its
history is the minibatch losses; `evaluate()` adds the whole train and dev sets' NLL at the current step.

    >>> from makemore.vocab import Vocab
    >>> from makemore.models import CountsModel, FullNet
    >>> m = CountsModel.from_words(["ab", "b"], Vocab.from_words(["ab", "b"]))
    >>> t = Trainer(FullNet(m), lr=10.0, lam=0.0, seed=1)
    >>> t.step(300)
    Trainer(full net of order 2, step 300, loss 0.2779, lr 10, λ 0)
    >>> round(t.history.nll[-1], 3), round(m.evaluate().mean_nll, 3)  # the net approaches the counts model
    (0.278, 0.277)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch

from .config import TrainConfig
from .models import registry
from .models.base import Trainable
from .models.counts import CountsModel
from .windows import Examples

# Where float32 exp() overflows to ∞ (log of the largest float32) or underflows to 0 (log of the smallest
# subnormal). A weight outside makes the lecture's `counts = logits.exp()` give NaN or an infinite loss; the counts
# and index modes would carry on (log_softmax is stable), so every mode stops there, together. Gradient descent
# never takes a weight there unless it diverges: a never-seen bigram's weight falls only like -log(steps).
EXP_OVERFLOW = math.log(torch.finfo(torch.float32).max)  # 88.72
EXP_UNDERFLOW = math.log(2.0**-149)  # -103.28
MAX_EXAMPLE_BYTES = 2**30  # the onehot and index modes' working memory; beyond it only counts mode trains
_DEFAULT = TrainConfig()
# Logits one live step of the counts mode may compute (a softmax and its gradient over each): about 1 ms per
# 50,000 here, so at most ~40 ms (a net summing n−1 rows per logit a little more), about a tick's 50 ms.
# The names at order 10 take 1.6 M; a 1,000-character list at order 3, 43 M (1.55 s a step): refused.
LIVE_MAX_CELLS = 2**21


def step_cells(counts: CountsModel, net: str) -> int:
    """Logits one counts-mode step of the net `net` (a registry name) computes on these training counts: what a
    tick of live training costs, known before the net is built.

    >>> from makemore.vocab import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
    >>> {net: step_cells(m, net) for net in ("full", "concat")}  # 25 possible contexts, 8 of them seen
    {'full': 125, 'concat': 120}
    """
    return registry.get(net).cls.step_cells(counts)


def live_problem(counts: CountsModel, net: str) -> str | None:
    """Why this net cannot train live (one step would not fit a tick), or None."""
    cells = step_cells(counts, net)
    if cells <= LIVE_MAX_CELLS:
        return None
    return (
        f"one step of the {net} net of order {counts.order} computes {cells:,} logits, about "
        f"{cells / 50_000:,.0f} ms here, more than a live tick's 50 ms; choose a lower order"
        + registry.get(net).cls.cheaper
    )


@dataclass
class History:
    """One entry per step: the loss computed in that step, before its update, as the lecture prints it."""

    loss: list[float] = field(default_factory=list)  # total loss: data NLL + λ·mean(W²)
    nll: list[float] = field(default_factory=list)  # data NLL on the training examples
    dev_nll: list[float] = field(default_factory=list)  # NLL on held-out examples (empty without a dev set)
    lr: list[float] = field(default_factory=list)
    lam: list[float] = field(default_factory=list)
    evals: list[tuple[int, float, float | None]] = field(default_factory=list)  # (step, train NLL, dev NLL)

    def __len__(self) -> int:
        return len(self.loss)

    def frame(self) -> pd.DataFrame:
        """The history as a table, a row per step (1, 2, ...): loss, nll (and dev_nll), lr, λ.

        >>> History(loss=[3.8, 3.4], nll=[3.7, 3.3], lr=[50.0, 50.0], lam=[0.01, 0.01]).frame().loc[2, "nll"]
        np.float64(3.3)
        """
        columns = {"loss": self.loss, "nll": self.nll, "lr": self.lr, "lam": self.lam}
        if self.dev_nll:
            columns["dev_nll"] = self.dev_nll
        return pd.DataFrame(columns, index=pd.RangeIndex(1, len(self.loss) + 1, name="step"))


class Trainer:
    """Gradient descent on a trainable model's parameters, a chunk of steps at a time, so a page can train live
    between reruns.

    `model` is trained in place (`snapshot()` copies it for sampling while training goes on). `examples` are the
    training examples, needed only by the onehot and index modes (the counts mode learns from the model's counts
    alone). `dev` adds a dev NLL to the history. lr, λ and the mode may change between chunks. A non-finite loss
    or gradient stops training with `diverged` set to a sentence, and the parameters keep their last finite value;
    so does a weight outside (EXP_UNDERFLOW, EXP_OVERFLOW) or logits the lecture's float32 forward pass cannot
    exponentiate (all modes stop where the lecture's code would produce NaN). `reset(seed)` starts again.
    """

    def __init__(
        self,
        model: Trainable,
        *,
        examples: Examples | None = None,
        dev: Examples | None = None,
        lr: float = _DEFAULT.lr,
        lam: float = _DEFAULT.lam,
        seed: int = _DEFAULT.seed,
        mode: str = _DEFAULT.mode,
        batch_size: int = 32,
        schedule: tuple[tuple[int, float], ...] = (),
    ) -> None:
        if not hasattr(model, "loss"):
            raise ValueError(f"the {model.name} model is not trained by gradient descent")
        self.model, self.examples = model, examples
        self.minibatch = bool(getattr(model, "minibatch", False))
        self._dev_examples = dev if dev is not None and dev.num > 0 else None
        # a full-batch net's dev NLL is a step's worth of work, recorded every step; a minibatch model's is a
        # pass over the whole set, recorded when `evaluate()` is asked
        self._dev = model.dev_scorer(dev) if self._dev_examples is not None and not self.minibatch else None
        self.lr, self.lam, self.mode = lr, lam, mode
        self.batch_size, self.schedule = batch_size, tuple(schedule)
        self.seed = seed
        self._batch = None
        self.reset(seed)

    @property
    def net(self) -> str:
        """The registry name of the model being trained."""
        return self.model.name

    @property
    def has_dev(self) -> bool:
        return self._dev_examples is not None

    def lr_now(self) -> float:
        """The rate of the next step: `lr`, or the schedule's from its STEP on."""
        rate = self.lr
        for step, r in self.schedule:
            if self.steps >= step:
                rate = r
        return rate

    def reset(self, seed: int | None = None) -> None:
        """Back to the initial parameters of `seed` (default: the current seed), with an empty history."""
        if seed is not None:
            self.seed = seed
        # one generator draws the initial parameters and then (a minibatch model's) every minibatch
        self._g = torch.Generator().manual_seed(self.seed)
        self.model.init_parameters(self._g)
        self.grads: dict[str, torch.Tensor] | None = None  # the gradient of the last step, by parameter
        self._logits = (None, None)  # ((generation, step), the model's seen logits there), from the divergence rule
        self.steps = 0
        self.history = History()
        self.diverged: str | None = None
        self.generation = getattr(self, "generation", -1) + 1  # counts resets: which net these parameters belong to

    def snapshot(self) -> Trainable:
        """A copy of the model as it is now, for sampling while training goes on."""
        return self.model.copy()

    # --- one step ------------------------------------------------------------------------------------------

    def loss_and_grad(self) -> tuple[float | torch.Tensor, float | torch.Tensor, dict[str, torch.Tensor]]:
        """(loss, nll, gradient by parameter) at the current parameters in the current mode."""
        if self.mode == "counts":
            known = self._logits[1] if self._logits[0] == (self.generation, self.steps) else None
            return self.model.loss_and_grad(self.lam, known)
        batch = self._inputs()
        params = self.model.parameters()
        for p in params.values():
            p.requires_grad_(True)
        try:
            loss, nll = self.model.loss(batch, self.lam, self.mode)
            grads = torch.autograd.grad(loss, list(params.values()))
        finally:
            for p in params.values():
                p.requires_grad_(False)
        return loss.detach(), nll.detach(), dict(zip(params, grads, strict=True))

    def _inputs(self):
        """The onehot and index modes' batch (every training example), made once."""
        if self._batch is None:
            if self.examples is None:
                raise ValueError(f"mode {self.mode!r} needs the training examples")
            self._batch = self.model.batch(self.examples)
        return self._batch

    def step(self, k: int = 1) -> Trainer:
        """Advance up to k steps of `W -= lr * grad`; stops early, with `diverged` set, when training blows up.
        Returns the trainer, whose one-line repr says where it is (handy in a notebook)."""
        self._steps(k)
        return self

    def __repr__(self) -> str:
        h = self.history
        where = f"loss {h.loss[-1]:.4f}" if h.loss else "no step yet"
        state = " (diverged)" if self.diverged else ""
        net = f"{self.net} net of order {self.model.order}"
        return f"Trainer({net}, step {self.steps}, {where}, lr {self.lr:g}, λ {self.lam:g}){state}"

    def _steps(self, k: int) -> None:
        self.check_settings()
        if self.minibatch:
            self._minibatch_steps(k)
            return
        h, model = self.history, self.model
        for _ in range(k):
            if self.diverged:
                return
            loss, nll, grads = self.loss_and_grad()
            loss_f = float(loss)
            if not math.isfinite(loss_f):
                self._diverge(f"the loss became {loss_f} at step {self.steps + 1}")
                return
            # NumPy on zero-copy views: a third of torch's per-call cost on a 27×27 W
            new = {name: p.numpy() - self.lr * grads[name].numpy() for name, p in model.parameters().items()}
            problem = self._forward_problem(new)
            if problem:
                self._diverge(f"at step {self.steps + 1} {problem}")
                return
            h.loss.append(loss_f)
            h.nll.append(float(nll))
            if self._dev is not None:
                h.dev_nll.append(self._dev())
            h.lr.append(self.lr)
            h.lam.append(self.lam)
            model.set_parameters({name: torch.from_numpy(a) for name, a in new.items()})
            self.grads = grads
            self.steps += 1

    def _minibatch_steps(self, k: int) -> None:
        """k minibatch steps: the k minibatches' indices drawn at once (the same numbers as one `randint` per
        step, so chunks of any size make the same run), each step the model's own in-place update."""
        if self.diverged or k <= 0:
            return
        X, Y = self._inputs()
        if X.shape[0] == 0:
            raise ValueError("there are no training examples")
        ix = torch.randint(0, X.shape[0], (k, self.batch_size), generator=self._g).numpy()
        h, model = self.history, self.model
        for i in range(k):
            lr = self.lr_now()
            loss, updated = model.step(X[ix[i]], Y[ix[i]], lr)
            if not updated:
                self._diverge(
                    f"at step {self.steps + 1} the minibatch loss was {loss:.4g} nats (or its gradient not finite): "
                    "the right character's probability is 0 in float32"
                )
                return
            h.loss.append(loss)
            h.nll.append(loss)
            h.lr.append(lr)
            h.lam.append(0.0)
            self.steps += 1

    def evaluate(self) -> tuple[float, float | None]:
        """The whole training set's and dev set's mean NLL at the current parameters (exact), added to the
        history's `evals` at this step (once per step)."""
        h = self.history
        if h.evals and h.evals[-1][0] == self.steps:
            return h.evals[-1][1], h.evals[-1][2]
        if self.examples is None:
            raise ValueError("evaluating needs the training examples")
        train = self.model.evaluate(self.examples).mean_nll
        dev = self.model.evaluate(self._dev_examples).mean_nll if self._dev_examples is not None else None
        self.record_eval(self.steps, train, dev)
        return train, dev

    def record_eval(self, step: int, train: float, dev: float | None) -> None:
        """Add the whole sets' NLL at `step` (computed elsewhere, e.g. a chunk at a time) to the history."""
        h = self.history
        if not h.evals or h.evals[-1][0] < step:
            h.evals.append((step, train, dev))

    @property
    def dev_examples(self) -> Examples | None:
        return self._dev_examples

    def _forward_problem(self, params: dict[str, np.ndarray]) -> str | None:
        """Why the lecture's float32 forward pass (`counts = logits.exp(); probs = counts / counts.sum(1)`) would
        fail at these parameters on a training example, or None: the one divergence rule of every compute mode.

        The counts and index modes use a stable log-softmax and could carry on where the onehot mode's `exp`
        gives ∞ or 0, so every mode checks here, on the logits of the contexts the examples read (the model's
        `seen_logits`: for a net that sums a row per context position, the sums, since each weight in range is
        not enough), and all stop at the same step: a row's largest logit must leave room for the sum of V exps,
        and its smallest must not underflow to a probability of 0.
        """
        for a in params.values():
            lo, hi = float(a.min()), float(a.max())
            if not (EXP_UNDERFLOW < lo and hi < EXP_OVERFLOW):  # also catches NaN and ∞ in the gradient
                return (
                    f"a weight reached {hi if hi > -lo else lo:.4g}; beyond [{EXP_UNDERFLOW:.0f}, "
                    f"{EXP_OVERFLOW:.0f}] exp(W) is 0 or ∞ in float32 and the lecture's forward pass gives NaN"
                )
        logits = self.model.seen_logits(params)  # (C, V): kept, for the next step's loss may need them too
        self._logits = ((self.generation, self.steps + 1), logits)
        top, bottom = logits.max(1), logits.min(1)
        V = self.model.V
        room = math.log(V)
        if float(top.max()) >= EXP_OVERFLOW - room:
            return (
                f"a logit reached {float(top.max()):.4g}: the sum of exp(logits) over {V} characters is ∞ in "
                "float32 and the lecture's forward pass gives NaN"
            )
        if float((bottom - top).min()) <= EXP_UNDERFLOW + room:
            return (
                f"the logits of one context spread over {float((top - bottom).max()):.4g}: its least likely "
                "character's probability is 0 in float32 and the lecture's loss is ∞"
            )
        return None

    def check_settings(self) -> None:
        """Raise ValueError with a sentence if lr, λ or the mode cannot train (e.g. onehot too large)."""
        if self.minibatch:  # one way to train: its own step on minibatches
            TrainConfig(lr=self.lr, lam=self.lam)
            if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int) or self.batch_size < 1:
                raise ValueError(f"the batch size must be a whole number of at least 1, not {self.batch_size!r}")
            return
        TrainConfig(lr=self.lr, lam=self.lam, mode=self.mode)  # validates each field
        if self.mode not in self.model.modes:
            raise ValueError(
                f"the {self.model.name} net has no {self.mode} mode; choose one of {', '.join(self.model.modes)}"
            )
        if self.mode != "counts" and self.examples is not None:
            need = self.working_bytes()
            if need > MAX_EXAMPLE_BYTES:
                raise ValueError(
                    f"the {self.mode} mode would need about {need / 2**30:.1f} GB for {self.examples.num:,} "
                    f"examples (the limit is {MAX_EXAMPLE_BYTES / 2**30:.0f} GB); use the counts mode, which "
                    "gives the same losses from the counts alone"
                )

    def working_bytes(self) -> int:
        """Memory one step of the current mode allocates (the model's estimate)."""
        if self.minibatch:  # a minibatch's activations and gradients: a few (batch, hidden) arrays
            return self.model.working_bytes(self.batch_size)
        return self.model.working_bytes(self.mode, None if self.examples is None else self.examples.num)

    def _diverge(self, what: str) -> None:
        self.diverged = (
            f"Training diverged: {what} (learning rate {self.lr:g}, λ {self.lam:g}). "
            "Lower the learning rate or λ and reset."
        )
