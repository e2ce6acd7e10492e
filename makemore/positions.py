"""Loss by position in the word: a fair look at models of different orders (exercise E01).

A model of order n predicts each token from the n−1 before it. With `word` windows (makemore's padding) every
character and every word's end is predicted, at every order, and the first character is predicted from
boundaries alone: it costs the same for every order ≥ 2, since no order has any context for it. The usual E01
answer pads a word with one boundary and so never predicts the first character of a trigram: it scores the
trigram on fewer predictions, the hardest one left out, and compares that with the bigram's loss over all of
them. Splitting the loss by the position of the predicted token shows where each order gains, and on which
predictions each loss is an average.

A target's position is its index in its word: 0 for the first character, len(word) for the word's end (the
boundary after it). `stream` windows (ngram.py) follow the same rule: the boundary before a word sets its
position 0 even though the context reaches across it.

    >>> from makemore.models.counts import CountsModel
    >>> from makemore.vocab import Vocab
    >>> words = ["ab", "abc", "b"]
    >>> m = CountsModel.from_words(words, Vocab.from_words(words), order=2)
    >>> rows = loss_by_position(m, m.examples(words), max_pos=2)
    >>> [(r["label"], r["count"], round(r["mean_nll"], 4)) for r in rows]
    [('0', 3, 0.6365), ('1', 2, 0.0), ('2+', 1, 1.0986), ('end', 3, 0.2703)]
    >>> s = summary(rows)
    >>> s["count"], s["count_after_first"], round(s["mean_nll"], 4), round(s["mean_nll_after_first"], 4)
    (9, 6, 0.4243, 0.3183)
"""

from __future__ import annotations

import math

import numpy as np
import torch

from .models.counts import exact_nll
from .windows import Examples

END = "end"


def positions(examples: Examples) -> torch.Tensor:
    """(num,) int64 index of each target within its word: tokens since the last boundary before it (a word's
    end, itself a boundary, gets the word's length). The sequence's start counts as a boundary.

    >>> from makemore.vocab import Vocab
    >>> from makemore.windows import make_examples
    >>> v = Vocab.from_words(["ab", "c"])
    >>> positions(make_examples(["ab", "c"], v, order=3)).tolist()
    [0, 1, 2, 0, 1]
    >>> positions(make_examples(["ab", "c"], v, order=3, windows="stream")).tolist()
    [2, 0, 1]
    """
    tokens = examples.seq.numpy()
    index = np.arange(tokens.size, dtype=np.int64)
    last = np.maximum.accumulate(np.where(tokens == 0, index, -1)) if tokens.size else index
    before = np.concatenate([[-1], last[:-1]]) if tokens.size else index  # the last boundary strictly before
    pos = examples.pos.numpy()
    return torch.from_numpy(pos - before[pos] - 1)


def target_log_probs(model, examples: Examples) -> torch.Tensor:
    """(num,) float64 log-probability the model gives each example's target, through the distinct contexts (a
    (contexts × V) table, not (num × V))."""
    if examples.order != model.order:
        raise ValueError(f"examples of order {examples.order} cannot score a model of order {model.order}")
    g = examples.groups()
    logp = model.log_probs(g.codes, g.contexts)  # (C, V) float64, one row per distinct context
    rows = torch.searchsorted(g.codes, examples.codes)  # each example's context among the distinct ones
    return logp[rows, examples.Y].double()


def loss_by_position(model, examples: Examples, max_pos: int = 12) -> list[dict]:
    """Mean NLL of the predictions at each position in the word: positions 0 .. max_pos−1 one by one, max_pos and
    beyond together (label "12+"), and the word's end (label "end", position None) last. Each row:
    position, label, count (predictions at it), nll (their summed NLL) and mean_nll (∞ where one has
    probability 0; NaN where there are none). Empty buckets are left out."""
    if max_pos < 1:
        raise ValueError("max_pos must be at least 1")
    lp = target_log_probs(model, examples)
    pos = positions(examples)
    is_end = examples.Y == 0
    bucket = torch.where(is_end, max_pos + 1, pos.clamp(max=max_pos))  # max_pos + 1: the end
    order = torch.argsort(bucket, stable=True)
    sizes = torch.bincount(bucket, minlength=max_pos + 2).tolist()
    rows, start = [], 0
    for b, size in enumerate(sizes):
        if size:
            part = lp[order[start : start + size]]
            nll = exact_nll(torch.ones(size, dtype=torch.int64), part)
            rows.append(
                {
                    "position": None if b == max_pos + 1 else b,
                    "label": END if b == max_pos + 1 else f"{b}+" if b == max_pos else str(b),
                    "count": size,
                    "nll": nll.nll,
                    "mean_nll": nll.mean_nll,
                }
            )
        start += size
    return rows


def summary(rows: list[dict]) -> dict:
    """From `loss_by_position`'s rows: how many predictions, their mean NLL, and the same without the first
    character (position 0): what an E01 answer without padding scores a trigram on."""

    def mean(rs):
        n = sum(r["count"] for r in rs)
        total = math.fsum(r["nll"] for r in rs)  # ∞ stays ∞
        return n, (total / n if n else math.nan)

    count, mean_nll = mean(rows)
    later, mean_later = mean([r for r in rows if r["position"] != 0])
    return {"count": count, "mean_nll": mean_nll, "count_after_first": later, "mean_nll_after_first": mean_later}
