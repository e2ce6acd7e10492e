"""The MLP of makemore part 2 (Bengio et al. 2003): a learned embedding, a tanh hidden layer, minibatches.

Each token has a row of C (V×d); a context's n−1 = block_size embeddings side by side (block_size·d) go through
`h = tanh(emb @ W1 + b1)`, and the logits are `h @ W2 + b2`; the loss is `F.cross_entropy` (softmax, then the
mean −log p). The parameters are drawn as the lecture draws them: one generator seeded 2147483647, `randn` of C,
W1, b1, W2 and b2 in that order (V = 27, d = 10, 200 hidden units, block_size 3: 11,897 parameters). The same
generator then draws each step's minibatch, `torch.randint(0, len(Xtr), (32,))`, so a seed fixes the whole run.

A training step is computed by hand (`step`): the forward pass, then the backward pass derived on paper (the
"backprop ninja" of makemore part 4) in NumPy, in place, with no autograd graph; `loss` is the lecture's own code
with autograd, and a test holds the two equal. Per step the work is tiny (a 32-row batch), so the lecture's loop
spends most of its time on per-operation overhead, and the hand-derived step is a few times faster
(`python -m makemore.bench`).

    >>> from makemore.vocab import Vocab
    >>> from makemore.models.counts import CountsModel
    >>> words = ["emma", "olivia", "ava"]
    >>> net = MLP(CountsModel.from_words(words, Vocab.from_words(words), order=4), emb=10, hidden=200)
    >>> net.num_parameters(), [tuple(p.shape) for p in net.parameters().values()]  # V = 8 here
    (7888, [(8, 10), (30, 200), (200,), (200, 8), (8,)])
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import torch
import torch.nn.functional as F

from .. import memory
from ..config import LECTURE_SEED, WINDOWS, check_choice, check_order
from ..windows import Examples, decode_codes, encode_context, make_examples, word_start_codes
from .counts import NLL, CountsModel, evaluate_model, exact_nll

NO_CONTEXT = "order 1 has no context characters to embed; the MLP needs order 2 or more (block_size = n − 1)"
MAX_EMB, MAX_HIDDEN, MAX_BATCH = 32, 500, 512  # the largest settings a page offers: a step stays a few ms
PARAMS = ("C", "W1", "b1", "W2", "b2")  # the lecture's parameters, in the order its generator draws them
# A minibatch loss above this many nats means the right character's probability is below float32's smallest (the
# trainer's rule for the one-layer nets, `train.EXP_UNDERFLOW`): the lecture's own loss would be ∞ there.
MAX_LOSS = -math.log(2.0**-149)  # 103.28
# A step's fixed cost (drawing the minibatch, NumPy's calls) in multiply-adds: ~0.1 ms measured, on the lecture's
# net a third of its step
STEP_OVERHEAD_MACS = 300_000
EVAL_ROWS = 8192  # contexts a whole-set evaluation pushes through the net at once (its hidden layer: 13 MB)


@dataclass(frozen=True)
class MLPConfig:
    """The MLP's shape: its order (block_size + 1), windows, embedding size d and hidden units. The minibatch
    size, the learning rate and its schedule are the trainer's."""

    order: int = 4  # n = block_size + 1: the lecture's block_size 3
    windows: str = "word"  # "word": block_size boundaries before each word, as the lecture builds its dataset
    emb: int = 10  # d: each character's embedding (2 in the lecture's first run, 10 in its last)
    hidden: int = 200  # units of the tanh layer (100, then 300, then 200 in the lecture)

    def __post_init__(self) -> None:
        check_order(self.order)
        check_choice("windows", self.windows, WINDOWS)
        if self.order == 1:
            raise ValueError(NO_CONTEXT)
        for name, value, top in (("emb", self.emb, MAX_EMB), ("hidden", self.hidden, MAX_HIDDEN)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
                raise ValueError(f"{name} must be a whole number from 1 to {top}, not {value!r}")


def parse_schedule(text: str) -> tuple[tuple[int, float], ...]:
    """A learning-rate schedule from text: `STEP:LR` pairs, comma-separated; from STEP steps done on, the rate
    is LR (the lecture's `lr = 0.1 if i < 100000 else 0.01` is `100000:0.01` after `--lr 0.1`).

    >>> parse_schedule("100000:0.01"), parse_schedule(""), parse_schedule("150000:0.001, 100000:0.01")
    (((100000, 0.01),), (), ((100000, 0.01), (150000, 0.001)))
    >>> parse_schedule("soon:0.01")
    Traceback (most recent call last):
    ...
    ValueError: a learning-rate schedule is STEP:LR pairs separated by commas (e.g. 100000:0.01), not 'soon:0.01'
    """
    pairs = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        step, _, lr = part.partition(":")
        try:
            s, r = int(step), float(lr)
        except ValueError:
            s, r = -1, math.nan
        if not (0 <= s <= 10**9 and math.isfinite(r) and r > 0):
            raise ValueError(
                f"a learning-rate schedule is STEP:LR pairs separated by commas (e.g. 100000:0.01), not {part!r}"
            )
        pairs.append((s, r))
    return tuple(sorted(pairs))


def lr_at(lr: float, schedule: Sequence[tuple[int, float]], done: int) -> float:
    """The rate of the step after `done` steps: the last schedule entry whose STEP ≤ done, else `lr`.

    >>> [lr_at(0.1, ((100000, 0.01),), done) for done in (0, 99999, 100000)]
    [0.1, 0.1, 0.01]
    """
    rate = lr
    for step, r in schedule:
        if done >= step:
            rate = r
    return rate


def schedule_text(schedule: Sequence[tuple[int, float]]) -> str:
    """The schedule as `parse_schedule` reads it (and as a link carries it)."""
    return ",".join(f"{s}:{r:g}" for s, r in schedule)


class MLP:
    """The part 2 MLP over the vocabulary and windows of the training counts `counts` (which also give the
    pages their counts model of the same order to compare with)."""

    name: ClassVar[str] = "mlp"
    Config: ClassVar[type] = MLPConfig
    minibatch: ClassVar[bool] = True  # trained on minibatches (`makemore.train.Trainer` draws them)
    regularised: ClassVar[bool] = False  # the lecture's MLP has no L2 term: λ does not apply
    default_lr: ClassVar[float] = 0.1  # the lecture's rate for its first 100,000 steps
    modes: ClassVar[tuple[str, ...]] = ("counts", "index", "onehot")  # accepted, and all the same: see `step`
    label: ClassVar[str] = "embedding + tanh layer (part 2)"
    explanation: ClassVar[str] = (
        "makemore part 2's MLP: each character a learned embedding (a row of C), the context characters' "
        "embeddings side by side through a tanh layer, minibatches of a few examples a step."
    )
    logits_from: ClassVar[str] = "the embeddings of the context through a tanh layer"
    at_lambda_0: ClassVar[str] = "shares what it learns between similar contexts through the embedding"
    cheaper: ClassVar[str] = ""

    def __init__(self, counts: CountsModel, emb: int = 10, hidden: int = 200) -> None:
        config = MLPConfig(order=counts.order, windows=counts.windows, emb=emb, hidden=hidden)
        self.counts = counts
        self.vocab, self.order, self.windows = counts.vocab, counts.order, counts.windows
        self.V, self.emb, self.hidden = counts.V, config.emb, config.hidden
        self.block = self.order - 1  # block_size: context characters
        # the parameters, their gradients and a step's buffers for a batch of MAX_BATCH, paid while the net lives
        paid = self.num_parameters() * 4 * 3 + MAX_BATCH * (2 * self.hidden + 3 * self.V) * 4
        memory.reserve(paid, self._what()).keep(self)  # given back when the net is collected
        self.init_parameters(torch.Generator().manual_seed(LECTURE_SEED))

    def _what(self) -> str:
        return f"the MLP of order {self.order}"

    def __repr__(self) -> str:
        return f"MLP(order={self.order}, V={self.V}, emb={self.emb}, hidden={self.hidden})"

    @classmethod
    def build(cls, counts: CountsModel, config: MLPConfig) -> MLP:
        return cls(counts, emb=config.emb, hidden=config.hidden)

    @classmethod
    def unavailable(cls, order: int) -> str | None:
        if order == 1:
            return "Order 1 has no context characters to embed, so there is no MLP (choose order 2 or more)."
        return None

    @classmethod
    def step_cells(cls, counts: CountsModel) -> int:
        """A step's cost in the full net's units is a minibatch's, whatever the list: always live."""
        return MAX_BATCH * counts.V

    @property
    def config(self) -> MLPConfig:
        return MLPConfig(order=self.order, windows=self.windows, emb=self.emb, hidden=self.hidden)

    def num_parameters(self) -> int:
        """C, W1, b1, W2, b2: V·d + (n−1)·d·H + H + H·V + V (11,897 for the lecture's 27, 10, 3, 200)."""
        V, d, H = self.V, self.emb, self.hidden
        return V * d + self.block * d * H + H + H * V + V

    # --- parameters ------------------------------------------------------------------------------------------

    def init_parameters(self, g: torch.Generator) -> None:
        """The lecture's draws from `g`, in its order: C, W1, b1, W2, b2 (float32, plain randn)."""
        V, d, H = self.V, self.emb, self.hidden
        shapes = {"C": (V, d), "W1": (self.block * d, H), "b1": (H,), "W2": (H, V), "b2": (V,)}
        self._p = {name: torch.randn(shapes[name], generator=g).numpy() for name in PARAMS}

    def parameters(self) -> dict[str, torch.Tensor]:
        """The parameters as tensors sharing memory with the arrays the step updates."""
        return {name: torch.from_numpy(a) for name, a in self._p.items()}

    def set_parameters(self, params: dict[str, torch.Tensor]) -> None:
        self._p = {name: np.ascontiguousarray(params[name].detach().numpy(), dtype=np.float32) for name in PARAMS}

    def tensors(self) -> dict[str, torch.Tensor]:
        return self.parameters()

    def copy(self) -> MLP:
        """The net as it is now, for sampling while training goes on."""
        twin = copy.copy(self)
        twin._p = {name: a.copy() for name, a in self._p.items()}
        return twin

    # --- the forward pass: the model contract ---------------------------------------------------------------

    def _hidden(self, contexts: np.ndarray, p: dict[str, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(emb, h) for (rows, n−1) contexts: the embeddings side by side and the tanh layer."""
        p = self._p if p is None else p
        emb = p["C"][contexts].reshape(contexts.shape[0], self.block * self.emb)
        h = emb @ p["W1"]
        h += p["b1"]
        return emb, np.tanh(h, out=h)

    def logits(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float64 logits after each context, a chunk of contexts at a time. In float64 from the float32
        parameters: a float32 product's last bits depend on how many rows share it, and a context's likelihood
        must not depend on which others are scored with it (to 1e-15)."""
        if contexts is None:
            contexts = decode_codes(codes, self.order, self.V)
        ctx = contexts.numpy()
        p = {name: a.astype(np.float64) for name, a in self._p.items()}
        out = np.empty((ctx.shape[0], self.V), dtype=np.float64)
        for i in range(0, ctx.shape[0], EVAL_ROWS):
            _, h = self._hidden(ctx[i : i + EVAL_ROWS], p)
            np.matmul(h, p["W2"], out=out[i : i + EVAL_ROWS])
        out += p["b2"]
        return torch.from_numpy(out)

    def log_probs(self, codes: torch.Tensor, contexts: torch.Tensor | None = None) -> torch.Tensor:
        """(C, V) float64 log-softmax of the logits (what `F.cross_entropy` takes the mean of)."""
        return torch.log_softmax(self.logits(codes, contexts), dim=1)

    def next_probs(self, tokens: Sequence[int]) -> torch.Tensor:
        """softmax of one context's logits, float32 (the lecture's sampling loop: `F.softmax(logits, dim=1)`)."""
        code = encode_context(tokens, self.order, self.V)
        return torch.softmax(self.logits(torch.tensor([code])), dim=1)[0].float()

    def probs(self) -> torch.Tensor:
        """The distributions after the word-start contexts (boundary×(n−2) + c for each c), float64: the V×V
        picture the Sampling page draws of any model."""
        return self.log_probs(word_start_codes(self.order, self.V)).exp()

    def evaluate(self, data: Examples | Sequence[str]) -> NLL:
        """The mean NLL over a whole set, exact (one forward pass per distinct context)."""
        ex = data if isinstance(data, Examples) else make_examples(data, self.vocab, self.order, self.windows)
        with memory.transient(EVAL_ROWS * self.hidden * 8 * 2, "scoring with the MLP"):
            return evaluate_model(self, ex)

    def dev_scorer(self, dev: Examples) -> Callable[[], float]:
        return lambda: self.evaluate(dev).mean_nll

    # --- training ------------------------------------------------------------------------------------------

    def batch(self, examples: Examples) -> tuple[np.ndarray, np.ndarray]:
        """(X, Y) of every example, as the lecture's Xtr (num, block_size) and Ytr (num,), int64 NumPy."""
        return np.ascontiguousarray(examples.X.numpy()), np.ascontiguousarray(examples.Y.numpy())

    def loss(self, batch, lam: float = 0.0, mode: str = "index") -> tuple[torch.Tensor, torch.Tensor]:
        """The lecture's forward pass with autograd, on a minibatch (xb (B, n−1), yb (B,) tensors): `emb = C[xb]`,
        `h = torch.tanh(emb.view(-1, block·d) @ W1 + b1)`, `logits = h @ W2 + b2`, `F.cross_entropy`. No L2 term
        (λ is ignored, as in the lecture). For tests and the benchmark: training uses `step`."""
        xb, yb = batch
        C, W1, b1, W2, b2 = (self.parameters()[name] for name in PARAMS)
        h = torch.tanh(C[xb].view(-1, self.block * self.emb) @ W1 + b1)
        nll = F.cross_entropy(h @ W2 + b2, yb)
        return nll, nll

    def grads(self, xb: np.ndarray, yb: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        """(loss, gradients) on a minibatch, by the backward pass derived by hand:

        dlogits = (softmax − onehot(y)) / B;  dW2 = hᵀ·dlogits;  db2 = Σ dlogits;  dh = dlogits·W2ᵀ;
        dhpre = dh·(1 − h²) (tanh' in terms of its output);  dW1 = embᵀ·dhpre;  db1 = Σ dhpre;
        demb = dhpre·W1ᵀ, added into the rows of C each context position read.
        """
        p, B = self._p, xb.shape[0]
        emb, h = self._hidden(xb)
        z = h @ p["W2"]
        z += p["b2"]
        z -= z.max(1, keepdims=True)  # shifted logits: exp never overflows
        e = np.exp(z)
        s = e.sum(1, keepdims=True)
        rows = np.arange(B)
        loss = float(np.log(s).mean(dtype=np.float64) - z[rows, yb].mean(dtype=np.float64))
        e /= s  # softmax
        e[rows, yb] -= 1
        e *= np.float32(1 / B)  # dlogits
        dh = e @ p["W2"].T
        dh *= 1 - h * h
        demb = (dh @ p["W1"].T).reshape(B * self.block, self.emb)
        dC = np.zeros_like(p["C"])
        onehot = np.zeros((B * self.block, self.V), dtype=np.float32)  # which row of C each embedding came from
        onehot[np.arange(B * self.block), xb.ravel()] = 1
        np.matmul(onehot.T, demb, out=dC)  # a scatter-add as one small matmul: faster than np.add.at
        grads = {"C": dC, "W1": emb.T @ dh, "b1": dh.sum(0), "W2": h.T @ e, "b2": e.sum(0)}
        return loss, grads

    def step(self, xb: np.ndarray, yb: np.ndarray, lr: float) -> tuple[float, bool]:
        """One step of `p.data += -lr * p.grad` on the minibatch; returns (its loss before the update, whether
        the parameters were updated). A loss or gradient that is not finite, or a loss above MAX_LOSS, leaves the
        parameters as they were (the trainer calls that diverged)."""
        with np.errstate(all="ignore"):  # an overflow shows as ∞ or NaN below, said in one sentence
            loss, grads = self.grads(xb, yb)
            finite = math.isfinite(sum(float(g.sum()) for g in grads.values()))
        if not (finite and loss <= MAX_LOSS):
            return loss, False
        rate = np.float32(lr)
        for name, g in grads.items():
            g *= rate
            self._p[name] -= g
        return loss, True

    def step_macs(self, batch: int) -> int:
        """Multiply-adds of one step's forward pass on a minibatch of `batch`, plus a fixed step's overhead in the
        same units: what a step costs, counted rather than timed (0.12 ms for the lecture's net here, 5.6 ms for
        the largest a page allows).

        >>> from makemore.vocab import Vocab
        >>> net = MLP(CountsModel.from_words(["emma"], Vocab.from_words(["emma"]), order=4))
        >>> net.step_macs(32)  # 32 · (3·10·200 + 200·V) + 300,000, with V = 4 here (".", "a", "e", "m")
        517600
        """
        return batch * (self.block * self.emb * self.hidden + self.hidden * self.V) + STEP_OVERHEAD_MACS

    def working_bytes(self, batch: int) -> int:
        """Memory one step allocates on a minibatch of `batch`: its activations and the gradients."""
        return batch * (self.block * self.emb * 3 + self.hidden * 3 + self.V * 3) * 4 + self.num_parameters() * 4

    def stable_lr(self, lam: float = 0.0) -> float:
        """No curvature bound here (a tanh layer's loss is not convex): the lecture's rate, which trains it."""
        return self.default_lr

    def weight_view(self) -> None:
        """No V×V picture of the MLP's parameters (None): its live picture is the embedding (`embedding`)."""

    # --- what the pages show -------------------------------------------------------------------------------

    def probs_title(self) -> str:
        """What the Compare page calls the MLP's probabilities."""
        return "the MLP's softmax(logits)"

    def floor_note(self, gram: str) -> str:
        return ""

    def embedding(self) -> tuple[np.ndarray, str]:
        """C as 2-D points, one per character: C itself when d = 2 (the lecture's plot), else its first two
        principal components (each signed so that its largest loading is positive, so the picture does not flip
        between steps), with what the axes are."""
        C = self._p["C"].astype(np.float64)
        if self.emb == 1:
            return np.column_stack([C[:, 0], np.zeros(self.V)]), "C[:, 0] (d = 1), at 0 across"
        if self.emb == 2:
            return C, "C[:, 0] and C[:, 1]"
        centred = C - C.mean(0)
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        comps = vt[:2]
        comps *= np.sign(comps[np.arange(2), np.abs(comps).argmax(1)])[:, None]
        share = (s[:2] ** 2).sum() / max((s**2).sum(), 1e-300)
        return centred @ comps.T, f"C's first two principal components ({share:.0%} of its variance, d = {self.emb})"


class ChunkedScore:
    """A whole set's exact NLL under the net as it was when this was made (a copy), computed a chunk of distinct
    contexts at a time, so a page can spread a large evaluation over its ticks instead of blocking one. The same
    number as `MLP.evaluate`: the same per-context log-probabilities, one `exact_nll` over all the cells at the end.

        >>> from makemore.vocab import Vocab
        >>> words = ["emma", "olivia", "ava", "mia"]
        >>> net = MLP(CountsModel.from_words(words, Vocab.from_words(words), order=3), emb=2, hidden=8)
        >>> ex = make_examples(words, net.vocab, 3)
        >>> score = ChunkedScore(net, ex, rows=4)
        >>> while not score.advance(budget_s=0.0): pass
        >>> score.result().mean_nll == net.evaluate(ex).mean_nll
        True
    """

    def __init__(self, net: MLP, examples: Examples, rows: int = 2048) -> None:
        self.net, self.groups, self.rows = net.copy(), examples.groups(), rows
        self.done_rows = 0
        self._logp: list[torch.Tensor] = []  # (cells of the chunk,) float64 log p of each cell

    @property
    def done(self) -> bool:
        return self.done_rows >= self.groups.codes.numel()

    def advance(self, budget_s: float) -> bool:
        """Chunks of contexts until `budget_s` has been spent (at least one chunk); True once every one is done."""
        g, start = self.groups, time.perf_counter()
        while not self.done:
            a, b = self.done_rows, min(self.done_rows + self.rows, g.codes.numel())
            lo, hi = (int(i) for i in torch.searchsorted(g.rows, torch.tensor([a, b])))  # the cells of rows a..b−1
            logp = self.net.log_probs(g.codes[a:b], g.contexts[a:b])
            self._logp.append(logp[g.rows[lo:hi] - a, g.ys[lo:hi]])
            self.done_rows = b
            if time.perf_counter() - start >= budget_s:
                break
        return self.done

    def result(self) -> NLL:
        return exact_nll(self.groups.counts, torch.cat(self._logp) if self._logp else torch.zeros(0))


def lr_finder(
    counts: CountsModel,
    examples: Examples,
    *,
    emb: int = 10,
    hidden: int = 200,
    batch: int = 32,
    seed: int = LECTURE_SEED,
    steps: int = 1000,
    lo: float = -3.0,
    hi: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """The lecture's learning-rate finder: from a fresh net, one minibatch step at each rate of
    `10 ** linspace(lo, hi, steps)`, and the loss of each step (before its update). Returns (exponents, losses);
    `valley` reads the rate off them."""
    net = MLP(counts, emb=emb, hidden=hidden)
    g = torch.Generator().manual_seed(seed)
    net.init_parameters(g)
    X, Y = net.batch(examples)
    ix = torch.randint(0, X.shape[0], (steps, batch), generator=g).numpy()
    exps = np.linspace(lo, hi, steps)
    losses = np.empty(steps)
    for i in range(steps):
        losses[i], _ = net.step(X[ix[i]], Y[ix[i]], 10 ** exps[i])
    return exps, losses


def finder_steps(
    counts: CountsModel, examples: Examples, *, emb: int, hidden: int, batch: int, budget_s: float = 2.0
) -> int:
    """How many of the finder's 1,000 steps fit in `budget_s` for a net of this size (at least 100): timed on a
    few steps of a throwaway net. The lecture's small net takes all 1,000 in well under a second; the largest a
    page offers (d 32, 500 hidden units, batches of 512) sweeps the same range in fewer, larger strides."""
    net = MLP(counts, emb=emb, hidden=hidden)
    X, Y = net.batch(examples)
    ix = np.random.default_rng(0).integers(0, X.shape[0], (5, batch))
    start = time.perf_counter()
    for i in range(5):
        net.step(X[ix[i]], Y[ix[i]], 1e-3)
    per_step = (time.perf_counter() - start) / 5
    return int(min(1000, max(100, budget_s / max(per_step, 1e-9))))


def valley(exps: np.ndarray, losses: np.ndarray, window: int = 50) -> float:
    """The exponent where the finder's loss, smoothed over `window` steps, is lowest: the rate just before the loss
    turns up again (the lecture reads about 10⁻¹ off its plot).

    >>> e = np.linspace(-3, 0, 301)
    >>> valley(e, (e + 1) ** 2 + 2.0, window=5)  # lowest at 10^-1
    -1.0
    """
    finite = np.where(np.isfinite(losses), losses, np.inf)
    w = max(1, min(window, len(losses)))
    smooth = np.convolve(np.minimum(finite, 1e30), np.ones(w) / w, mode="same")
    return round(float(exps[int(np.argmin(smooth[w // 2 : len(smooth) - w // 2]) + w // 2)]), 2)
