"""Every model kind, once: its name, its class, its frozen config and a one-line description.

The CLI (`--net`, `python -m makemore models`), the pages, the sweeps, the exports and the tests ask here; no code
outside a model's own file branches on its name. A new model is one file in this package and one line below.

    >>> [e.name for e in models()], names(trainable=True)
    (['counts', 'full', 'concat', 'mlp'], ('full', 'concat', 'mlp'))
    >>> get("full").defaults()
    {'order': 2, 'windows': 'word'}
    >>> get("rnn")
    Traceback (most recent call last):
    ...
    ValueError: unknown model 'rnn'; choose one of counts, full, concat, mlp
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .concat import ConcatNet
from .counts import CountsModel
from .full import FullNet
from .mlp import MLP


@dataclass(frozen=True)
class Entry:
    """One model kind: `cls` builds it (`cls.build(counts, config)`), `cls.Config` describes it."""

    cls: type
    description: str  # one line: what the model is, for `--help`, the pages' help and `models --json`

    @property
    def name(self) -> str:
        return self.cls.name

    @property
    def config(self) -> type:
        """The frozen config dataclass (a comment per field)."""
        return self.cls.Config

    @property
    def trainable(self) -> bool:
        """Trained by `makemore.train.Trainer` (has parameters and a loss), rather than fitted by counting."""
        return hasattr(self.cls, "loss")

    @property
    def minibatch(self) -> bool:
        """Trained on minibatches with its own step (makemore part 2's MLP), rather than full-batch on W."""
        return bool(getattr(self.cls, "minibatch", False))

    def defaults(self) -> dict:
        """{field: default} of its config."""
        return {f.name: f.default for f in dataclasses.fields(self.config)}

    def exists_at(self, order: int) -> bool:
        return self.cls.unavailable(order) is None

    def build(self, counts: CountsModel, **settings):
        """This kind of model on the training counts `counts` (of its order and windows), with any other config
        fields in `settings` (the counts model's `k`). A net starts at the lecture's seeded W; train it with
        `makemore.train.Trainer`."""
        config = self.config(order=counts.order, windows=counts.windows, **settings)
        return self.cls.build(counts, config)

    def from_words(self, words: Sequence[str], vocab, order: int = 2, windows: str = "word", **settings):
        """Count `words` at this order and windows, then `build`."""
        self.config(order=order, windows=windows, **settings)  # a config this kind cannot have: said first
        return self.build(CountsModel.from_words(words, vocab, order, windows), **settings)


# --- the registry: one line per model kind ------------------------------------------------------------------

_MODELS = (
    Entry(CountsModel, "the counts model: N, and P = (N + k) / rowsum with add-k smoothing (lecture steps 2-7)."),
    Entry(
        FullNet,
        "one row of W per context (for n = 2 the lecture's V×V W); at λ = 0 it converges to the counts model of "
        "the same order.",
    ),
    Entry(
        ConcatNet,
        "the n−1 context characters one-hot each, side by side, W of ((n−1)·V, V), a context's logits the sum of "
        "one row per position (exercise E01's usual answer): far fewer weights, but it cannot express every table, "
        "so it stays above the counts model. For n = 2 it is the lecture's net; for n = 1 there is no context to "
        "concatenate.",
    ),
    Entry(
        MLP,
        "makemore part 2's MLP (Bengio et al. 2003): each character a learned embedding (C, V×d), the n−1 context "
        "embeddings side by side through a tanh layer of hidden units, trained on minibatches; at the same order "
        "it beats the counts model on held-out words.",
    ),
)
DEFAULT_NET = "full"  # the lecture's net: what the training page, the CLI and links start with

_BY_NAME = {e.name: e for e in _MODELS}
assert len(_BY_NAME) == len(_MODELS), "two model kinds with one name"


def models() -> list[Entry]:
    """Every registered model kind, in the order the pages and the CLI list them."""
    return list(_MODELS)


def get(name: str) -> Entry:
    """The entry of a model kind by name, or ValueError with a sentence."""
    entry = _BY_NAME.get(name)
    if entry is None:
        raise ValueError(f"unknown model {name!r}; choose one of {', '.join(_BY_NAME)}")
    return entry


def names(*, trainable: bool | None = None) -> tuple[str, ...]:
    """The names of the model kinds (only the trainable ones, or only the others, if asked)."""
    return tuple(e.name for e in _MODELS if trainable is None or e.trainable == trainable)


def nets() -> list[Entry]:
    """The trainable model kinds: what the training and Compare pages offer and `--net` takes."""
    return [e for e in _MODELS if e.trainable]


def describe(entries: Sequence[Entry]) -> str:
    """ "name: description" of each, one after another: the help of a choice between them."""
    return " ".join(f"{e.name}: {e.description}" for e in entries)
