"""Exercises E02/E03 and ngram.py's main loop: a grid search over order and smoothing on a dev split.

Every order is fitted once on the training words (its counts table); every smoothing k of it is then scored on
train and dev exactly. The best setting is the lowest dev NLL (the first one on a tie, as ngram.py's strict `<`
keeps it), and the test words are scored once, for the best setting only.

    >>> words = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "amelia", "harper", "evelyn", "abigail"]
    >>> r = grid_search(words[:8], words[8:], config=GridConfig(orders=(1, 2), smoothings=(0.1, 1.0)))
    >>> [(row.order, row.smoothing, round(row.dev_nll, 3)) for row in r.rows]
    [(1, 0.1, 3.131), (1, 1.0, 2.757), (2, 0.1, 3.189), (2, 1.0, 2.771)]
    >>> r.best, r.test_nll
    ((1, 1.0), None)
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .config import LECTURE_SEED, GridConfig
from .models.counts import CountsModel
from .models.mlp import MLP
from .train import Trainer
from .vocab import Vocab
from .windows import Examples, make_examples


@dataclass(frozen=True)
class GridRow:
    order: int
    smoothing: float
    train_nll: float  # mean NLL of the training examples under the model fitted on them
    dev_nll: float  # mean NLL of the dev examples: what the search minimises


@dataclass(frozen=True)
class GridResult:
    rows: tuple[GridRow, ...]
    best: tuple[int, float]  # (order, smoothing) with the lowest dev NLL
    test_nll: float | None  # the best setting on the test words, scored once (None without test words)
    best_model: CountsModel | None = field(default=None, repr=False, compare=False)  # fitted, at the best k

    def to_json(self) -> dict:
        return {
            "rows": [
                {"order": r.order, "smoothing": r.smoothing, "train_nll": r.train_nll, "dev_nll": r.dev_nll}
                for r in self.rows
            ],
            "best": {"order": self.best[0], "smoothing": self.best[1]},
            "test_nll": self.test_nll,
        }


def iter_grid(
    train: Sequence[str], dev: Sequence[str], vocab: Vocab, config: GridConfig | None = None
) -> Iterator[tuple[GridRow, CountsModel]]:
    """The grid's rows one at a time (orders in turn, smoothings within), each with its fitted model: a page
    can show progress between them."""
    config = config or GridConfig()
    if not dev:
        raise ValueError("the grid search needs dev words to choose by")
    for n in config.orders:
        model = CountsModel.from_words(train, vocab, order=n, windows=config.windows)
        dev_ex = make_examples(dev, vocab, n, config.windows)
        for k in config.smoothings:
            row = GridRow(n, k, model.evaluate(k=k).mean_nll, model.evaluate(dev_ex, k=k).mean_nll)
            yield row, model.with_k(k)


def best_of(rows: Sequence[GridRow]) -> GridRow:
    """The lowest dev NLL; the earliest row on a tie (ngram.py's strict `<`). NaN never wins."""
    best = None
    for r in rows:
        if not math.isnan(r.dev_nll) and (best is None or r.dev_nll < best.dev_nll):
            best = r
    return best if best is not None else rows[0]


def best_smoothing(model: CountsModel, dev: Examples, smoothings: Sequence[float] | None = None) -> GridRow:
    """The grid's choice of k for one fitted model: each k of `smoothings` (ngram.py's by default) scored on its
    training examples and on `dev` (examples of its order), the lowest dev NLL as `best_of` picks it.

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava", "eva"]), order=2)
    >>> best_smoothing(m, make_examples(["eva"], m.vocab, 2)).smoothing
    0.1
    """
    rows = [
        GridRow(model.order, k, model.evaluate(k=k).mean_nll, model.evaluate(dev, k=k).mean_nll)
        for k in (smoothings or GridConfig().smoothings)
    ]
    return best_of(rows)


def grid_search(
    train: Sequence[str],
    dev: Sequence[str],
    test: Sequence[str] | None = None,
    vocab: Vocab | None = None,
    config: GridConfig | None = None,
) -> GridResult:
    """Every (order, smoothing) of `config` on train and dev; the best one scored on `test` once.

    The vocabulary defaults to the characters of every part given, so no part has a character the model lacks.
    """
    config = config or GridConfig()
    vocab = vocab or Vocab.from_words([*train, *dev, *(test or ())])
    rows, models = [], {}
    for row, model in iter_grid(train, dev, vocab, config):
        rows.append(row)
        models[(row.order, row.smoothing)] = model
    best = best_of(rows)
    model = models[(best.order, best.smoothing)]
    test_nll = model.evaluate(make_examples(test, vocab, best.order, config.windows)).mean_nll if test else None
    return GridResult(tuple(rows), (best.order, best.smoothing), test_nll, model)


def fit_mlp(
    train: Sequence[str],
    dev: Sequence[str],
    vocab,
    order: int = 4,
    steps: int = 200_000,
    *,
    windows: str = "word",
    emb: int = 10,
    hidden: int = 200,
    batch: int = 32,
    seed: int = LECTURE_SEED,
) -> dict:
    """The lecture's run on `train` (lr 0.1, then 0.01 from half of `steps`), scored on train and dev: {"order",
    "steps", "params", "train_nll", "dev_nll"}. What the grid's comparison adds for each order."""
    counts = CountsModel.from_words(train, vocab, order, windows)
    t = Trainer(
        MLP(counts, emb=emb, hidden=hidden),
        examples=make_examples(train, vocab, order, windows),
        dev=make_examples(dev, vocab, order, windows),
        lr=0.1,
        seed=seed,
        batch_size=batch,
        schedule=((steps // 2, 0.01),),
    )
    t.step(steps)
    train_nll, dev_nll = t.evaluate()
    return {
        "order": order,
        "steps": t.steps,
        "params": t.model.num_parameters(),
        "train_nll": train_nll,
        "dev_nll": dev_nll,
        "diverged": t.diverged,
    }
