"""Two word lists compared, in nats: each list's model scored on both lists, and the transitions that moved.

Both models share one vocabulary (the union of the lists' characters), so their tables align cell by cell. The
2×2 table of mean NLLs is exact (float64, summed with `math.fsum`): `nll[m][w]` is the model of list m scored on
the words of list w. The off-diagonal minus the diagonal is how many extra nats a prediction costs when the other
list's model is used (a cross-entropy minus an entropy: KL-style, never below 0 for the fitted k = 0 models up
to smoothing). At k = 0 a list that uses a transition the other never saw is infinitely surprising to it: the
table says ∞ and `unseen` names the transitions.

    >>> r = compare(["emma", "ella"], ["anna", "ella"], k=1)
    >>> round(r.nll["a"]["a"], 3), round(r.nll["a"]["b"], 3), r.vocab_size
    (1.224, 1.484, 6)
    >>> compare(["ab"], ["ba"], k=0).nll["a"]["b"]
    inf
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from . import memory
from .models.counts import CountsModel
from .vocab import Vocab
from .windows import decode_codes, make_examples


@dataclass(frozen=True)
class Moved:
    ngram: str  # the context and the next character
    count_a: int
    count_b: int
    p_a: float
    p_b: float
    log_ratio: float  # log(p_b / p_a): > 0 when list B makes it likelier


@dataclass(frozen=True)
class Comparison:
    nll: dict[str, dict[str, float]]  # nll[model][words], model and words "a" or "b"
    vocab_size: int
    order: int
    k: float
    moved_up: tuple[Moved, ...]  # likelier in B than in A, most first
    moved_down: tuple[Moved, ...]  # likelier in A than in B
    unseen: dict[str, list[str]]  # unseen["a"]: transitions of list B that list A never has (∞ at k = 0)
    models: dict[str, CountsModel] = field(default_factory=dict, repr=False, compare=False)  # the fitted two

    def extra(self, model: str, words: str) -> float:
        """The extra nats per prediction when `words` are scored by the other list's `model`."""
        return self.nll[model][words] - self.nll[words][words]

    def to_json(self) -> dict:
        def row(m: Moved) -> dict:
            return {
                "ngram": m.ngram,
                "count_a": m.count_a,
                "count_b": m.count_b,
                "p_a": m.p_a,
                "p_b": m.p_b,
                "log_ratio": m.log_ratio,
            }

        return {
            "nll": {f"{m}_on_{w}": self.nll[m][w] for m in "ab" for w in "ab"},
            "extra_nats": {"b_under_a": self.extra("a", "b"), "a_under_b": self.extra("b", "a")},
            "vocab_size": self.vocab_size,
            "order": self.order,
            "smoothing": self.k,
            "moved": [row(m) for m in self.moved_up] + [row(m) for m in self.moved_down],
            "unseen": self.unseen,
        }


def compare(
    a: Sequence[str], b: Sequence[str], k: float = 0.0, order: int = 2, windows: str = "word", top: int = 10
) -> Comparison:
    """Fit a model on each list (one vocabulary over both) and score each on both. `top` transitions moved
    most each way, among those seen at least 5 times in the two lists together and possible under both."""
    vocab = Vocab.from_words([*a, *b])
    ex = {"a": make_examples(a, vocab, order, windows), "b": make_examples(b, vocab, order, windows)}
    models = {name: CountsModel.from_examples(e, vocab, k) for name, e in ex.items()}
    nll = {m: {w: models[m].evaluate(ex[w]).mean_nll for w in "ab"} for m in "ab"}
    up, down = _moved(models["a"], models["b"], vocab, order, top)
    unseen = {m: _unseen(models[m], ex["b" if m == "a" else "a"], vocab, order) for m in "ab"}
    return Comparison(nll, vocab.size, order, k, up, down, unseen, models)


def _cells(model: CountsModel, order: int, V: int) -> dict[int, tuple[int, int]]:
    """Each seen context's code → its row, so two tables' rows can be matched."""
    return {int(c): r for r, c in enumerate(model.table.codes.tolist()) if c >= 0}


def _moved(ma: CountsModel, mb: CountsModel, vocab: Vocab, order: int, top: int):
    V = vocab.size
    ra, rb = _cells(ma, order, V), _cells(mb, order, V)
    codes = sorted(set(ra) | set(rb))
    if not codes:
        return (), ()
    # About ten (contexts × V) tables at once (both lists' N and P rows, their logs, the ratio, the mask, the
    # ranking): paid from the memory budget while they exist.
    with memory.transient(len(codes) * V * 8 * 10, f"comparing the two order-{order} tables"):
        return _moved_rows(ma, mb, vocab, order, top, codes)


def _moved_rows(ma: CountsModel, mb: CountsModel, vocab: Vocab, order: int, top: int, codes: list[int]):
    V = vocab.size
    code_t = torch.tensor(codes)
    rows_a, rows_b = ma.table.rows_of(code_t), mb.table.rows_of(code_t)
    Na, Nb = ma.N[rows_a], mb.N[rows_b]
    Pa, Pb = ma.P()[rows_a], mb.P()[rows_b]
    with torch.no_grad():
        ratio = torch.log(Pb) - torch.log(Pa)
    ok = ((Na + Nb) >= 5) & (Pa > 0) & (Pb > 0)
    ctx = decode_codes(code_t, order, V).tolist() if order > 1 else [[] for _ in codes]
    itos = vocab.itos

    def pick(scores: torch.Tensor) -> tuple[Moved, ...]:
        flat = torch.where(ok, scores, -math.inf).flatten()
        n = min(top, int(ok.sum()))
        out = []
        for i in torch.argsort(flat, descending=True, stable=True)[:n].tolist():
            r, y = divmod(i, V)
            out.append(
                Moved(
                    "".join(itos[t] for t in ctx[r]) + itos[y],
                    int(Na[r, y]),
                    int(Nb[r, y]),
                    float(Pa[r, y]),
                    float(Pb[r, y]),
                    float(ratio[r, y]),
                )
            )
        return tuple(out)

    return pick(ratio), pick(-ratio)


def _unseen(model: CountsModel, other, vocab: Vocab, order: int, most: int = 10) -> list[str]:
    """Transitions of the other list's examples that `model` never saw (infinite at k = 0), most frequent first."""
    g = other.groups()
    rows = model.table.rows_of(g.codes)
    never = model.N[rows[g.rows], g.ys] == 0
    if not bool(never.any()):
        return []
    itos = vocab.itos
    ctx = g.contexts.tolist()
    found = sorted(
        (
            (int(c), "".join(itos[t] for t in ctx[r]) + itos[y])
            for r, y, c, n in zip(g.rows.tolist(), g.ys.tolist(), g.counts.tolist(), never.tolist(), strict=True)
            if n
        ),
        key=lambda x: -x[0],
    )
    return [name for _, name in found[:most]]


def least_likely(model: CountsModel, words: Sequence[str], n: int = 10) -> list[tuple[str, float]]:
    """The words `model` finds least likely, by mean NLL per prediction (word windows: each word from its
    boundaries), worst first: what one list has that the other's model cannot explain. Vectorised: one gather
    of log P per prediction, summed per word.

    >>> m = CountsModel.from_words(["anna", "hannah"], Vocab.from_words(["anna", "hannah", "otto"]), k=1)
    >>> [w for w, _ in least_likely(m, ["otto", "anna"], 1)]
    ['otto']
    """
    words = list(dict.fromkeys(words))  # each word once
    if not words:
        return []
    ex = make_examples(words, model.vocab, model.order, "word")
    logp = model.logP()[model.table.rows_of(ex.codes), ex.Y]
    sizes = torch.tensor([len(w) + 1 for w in words])
    word_of = torch.repeat_interleave(torch.arange(len(words)), sizes)
    nll = -torch.zeros(len(words), dtype=torch.float64).index_add_(0, word_of, logp) / sizes
    worst = torch.argsort(nll, descending=True, stable=True)[:n].tolist()
    return [(words[i], float(nll[i])) for i in worst]
