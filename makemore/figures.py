"""Tables of word lists and the counts model, and what the heatmaps show: data in, pandas DataFrame or tensor out.

No Streamlit here, so tests assert on the data without a server. The heatmaps themselves are drawn on canvases
(`figures_live` builds their data).

    >>> from makemore import CountsModel, Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]))
    >>> int(view_matrix(m, 0, "counts")[0, 1])  # N['.', 'a']: one word starts with a
    1
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import pandas as pd
import torch

from .models.counts import CountsModel, WordScore
from .windows import decode_codes, ngram_name

VIEWS = ("counts", "probabilities", "log-probabilities")
LABEL_CELLS_UP_TO = 40  # rows/columns; beyond this, cell text would be unreadable, so only the hover says
MAX_HEATMAP_CHARS = 120  # beyond this the heatmap shows the most frequent characters only


# --- the dataset page -------------------------------------------------------------------------------------


def length_counts(words: Sequence[str]) -> Counter[int]:
    return Counter(map(len, words))


def preview_text(words: Sequence[str], n: int = 200) -> str:
    """The first n words as one wrapped line of text, in file order (a space shown as ␣, so a word with a space
    in it is still one word).

    >>> preview_text(["emma", "new york", "ava"])
    'emma · new␣york · ava'
    """
    return " · ".join(w.replace(" ", "␣") for w in words[:n])


# --- the counts page --------------------------------------------------------------------------------------


def require_bigram(model: CountsModel, what: str) -> None:
    """The V×V pictures are a bigram's: any other order is refused with a sentence, never drawn mislabelled."""
    if model.order != 2:
        rows = model.N.shape[0]
        raise ValueError(
            f"the {what} shows a bigram model's V×V table; this model has order {model.order} ({rows:,} rows): "
            "pick a context to see its row, or use order 2"
        )


def view_matrix(model: CountsModel, k: float, view: str) -> torch.Tensor:
    """The matrix a view shows: N, P (add-k) or log P."""
    require_bigram(model, "heatmap")
    if view == "counts":
        return model.N
    if view == "probabilities":
        return model.P(k)
    if view == "log-probabilities":
        return model.logP(k)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def shown_indices(model: CountsModel, max_chars: int = MAX_HEATMAP_CHARS) -> list[int]:
    """Which rows/columns a heatmap shows: all, or the boundary and the most frequent characters."""
    require_bigram(model, "heatmap")
    V = model.V
    if V <= max_chars:
        return list(range(V))
    freq = model.N.sum(0) + model.N.sum(1)
    top = freq[1:].topk(max_chars - 1).indices + 1
    return [0, *sorted(top.tolist())]


def top_ngrams(model: CountsModel, k: float = 0.0, n: int = 20) -> pd.DataFrame:
    """The most frequent (context, next) pairs of a model of any order, with P and log P; the column is named
    for what they are ("bigram" for order 2, "trigram" for 3, "4-gram"...).

    >>> from makemore import Vocab
    >>> m = CountsModel.from_words(["emma", "ava"], Vocab.from_words(["emma", "ava"]), order=3)
    >>> top_ngrams(m, n=2).columns.tolist(), int(top_ngrams(m, n=9)["count"].sum())
    (['trigram', 'count', 'P', 'log P'], 9)
    """
    N, P = model.N, model.P(k)
    V = N.shape[1]
    counts, idx = N.flatten().topk(min(n, N.numel()))
    itos = model.vocab.itos
    contexts = decode_codes(model.table.codes.clamp(min=0), model.order, V).tolist()
    rows = []
    for c, i in zip(counts.tolist(), idx.tolist(), strict=True):
        if c == 0:
            break
        r, y = divmod(i, V)
        p = float(P[r, y])
        rows.append(
            {
                ngram_name(model.order): "".join(itos[t] for t in contexts[r]) + itos[y],
                "count": c,
                "P": p,
                "log P": math.log(p),
            }
        )
    return pd.DataFrame(rows)


top_bigrams = top_ngrams  # the counts page's name, from when every model was a bigram


def score_table(score: WordScore) -> pd.DataFrame:
    """The lecture's andrejq printout as a table: one row per prediction (a bigram for order 2)."""
    name = ngram_name(len(score.predictions[0].ngram)) if score.predictions else "bigram"
    return pd.DataFrame(
        [
            {name: b.ngram, "count": b.count, "P": b.prob, "log P": b.logprob, "NLL": -b.logprob}
            for b in score.predictions
        ]
    )


def row_sums_error(model: CountsModel, k: float) -> float:
    """The lecture's sanity check: the largest deviation of a row sum of P from 1."""
    return float((model.P(k).sum(1) - 1).abs().max())
