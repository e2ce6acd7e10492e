"""The pages' tables, as pandas DataFrames: the most frequent n-grams and contexts, a word scored, samples, the
draws of the sampler, NLLs side by side, the grid search and the loss by position, two lists compared. Numbers that
may be infinite are written with `format.number`; text is left as typed (the page escapes it for `st.table`).

    >>> nll_table([{"model": "counts", "split": "train", "NLL": 2.454}, {"model": "counts", "split": "dev",
    ...            "NLL": math.inf}]).to_dict("records")
    [{'model': 'counts', 'train NLL': '2.4540', 'dev NLL': '∞'}]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import torch

from ..grid import GridRow
from ..models.counts import CountsModel, WordScore, smoothed_probs
from ..sampling import Draw, Sample
from ..two_lists import Comparison, Moved
from ..windows import decode_codes
from .format import ngram_name, number
from .slices import typed_tokens

# --- a counts model of any order -------------------------------------------------------------------------------


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


def score_table(score: WordScore) -> pd.DataFrame:
    """The lecture's andrejq printout as a table: one row per prediction (a bigram for order 2)."""
    name = ngram_name(len(score.predictions[0].ngram)) if score.predictions else "bigram"
    return pd.DataFrame(
        [
            {name: b.ngram, "count": b.count, "P": b.prob, "log P": b.logprob, "NLL": -b.logprob}
            for b in score.predictions
        ]
    )


def top_contexts(model: CountsModel, n: int = 15) -> pd.DataFrame:
    """The contexts seen most often in training: how often, how many different next characters, the likeliest."""
    N = model.N
    totals = N.sum(1)
    order = torch.argsort(totals, descending=True, stable=True)[:n]
    ctx = decode_codes(model.table.codes.clamp(min=0)[order], model.order, model.V).tolist()
    itos = model.vocab.itos
    rows = []
    for r, c in zip(order.tolist(), ctx, strict=True):
        t = int(totals[r])
        if t == 0:
            break
        top = int(N[r].argmax())
        rows.append(
            {
                "context": "".join(itos[i] for i in c) or "(none)",
                "seen": t,
                "different next": int((N[r] > 0).sum()),
                "likeliest next": itos[top],
                "its share": float(N[r, top]) / t,
            }
        )
    return pd.DataFrame(rows)


def context_row(model: CountsModel, text: str, k: float) -> dict:
    """A context a person typed (its last n−1 characters count; fewer are padded with boundaries, as a word's
    start is): its count, how many times each next character followed it, and P."""
    toks = typed_tokens(model, text)
    need = model.order - 1
    used = ([0] * max(need - len(toks), 0) + toks)[-need:] if need else []
    row = model.table.row_of(used)
    counts = model.N[row]
    P = smoothed_probs(counts[None, :], k)[0]
    itos = model.vocab.itos
    return {
        "context": "".join(itos[t] for t in used),
        "seen": int(counts.sum()),
        "table": pd.DataFrame(
            [{"next": itos[i], "count": int(counts[i]), "P": float(P[i])} for i in range(model.V)]
        ).sort_values("P", ascending=False, kind="stable"),
    }


# --- sampling ---------------------------------------------------------------------------------------------------


def samples_table(samples: Sequence[Sample]) -> pd.DataFrame:
    columns = ["word", "length", "log-probability", "in the training words", "ended"]
    return pd.DataFrame(
        [
            {
                "word": s.word if s.word else "(empty)",
                "length": len(s.word),
                "log-probability": s.logprob,
                "in the training words": "yes" if s.in_training else "no",
                "ended": "ended the word" if s.ended else "cut at the length limit",
            }
            for s in samples
        ],
        columns=columns,
    )


def draws_table(draws: Sequence[Draw], vocab) -> pd.DataFrame:
    """The draws of the word shown: the tape each read, the character drawn, its probability and u (NaN where
    the stream draws no single uniform)."""
    return pd.DataFrame(
        [
            {
                "after": vocab.decode(x.context) if x.context else "(nothing)",
                "drew": vocab.itos[x.ix],
                "p": x.prob,
                "u": x.u if x.u is not None else math.nan,
            }
            for x in draws
        ],
        columns=["after", "drew", "p", "u"],
    )


def samples_side_by_side(words: Mapping[str, Sequence[str]], same: bool = False) -> pd.DataFrame:
    """Words drawn with the same seed from two models, a column per model (and whether each pair is the same).

    >>> samples_side_by_side({"A": ["mor", "axx"], "B": ["mor", "ax"]}, same=True)["same"].tolist()
    [True, False]
    """
    df = pd.DataFrame({name: list(ws) for name, ws in words.items()})
    if same:
        a, b = words.values()
        df["same"] = [x == y for x, y in zip(a, b, strict=True)]
    return df


# --- NLLs -------------------------------------------------------------------------------------------------------


def nll_table(rows: Sequence[dict]) -> pd.DataFrame:
    """Each model's train (and dev) NLL side by side, from rows {"model", "split", "NLL"}; ∞ written as ∞."""
    models = list(dict.fromkeys(r["model"] for r in rows))
    splits = [s for s in ("train", "dev") if any(r["split"] == s for r in rows)]
    value = {(r["model"], r["split"]): r["NLL"] for r in rows}
    return pd.DataFrame(
        [{"model": m} | {f"{s} NLL": number(value.get((m, s), math.nan)) for s in splits} for m in models]
    )


def lambda_sweep(rows: Sequence[dict], dev: bool) -> pd.DataFrame:
    """The λ sweep's points (`sweeps.regularisation_point`), in the columns the sweep chart reads."""
    return pd.DataFrame(rows, columns=["λ", "lr", "train", "dev"][: 4 if dev else 3])


def grid_table(rows: Sequence[GridRow], best: GridRow | None) -> pd.DataFrame:
    """ngram.py's grid: each order and k, its train and dev NLL, the best marked."""
    return pd.DataFrame(
        [
            {
                "order": r.order,
                "k": f"{r.smoothing:g}",
                "train NLL": number(r.train_nll),
                "dev NLL": number(r.dev_nll),
                "best": "◀" if r is best else "",
            }
            for r in rows
        ],
        columns=["order", "k", "train NLL", "dev NLL", "best"],
    )


def positions_table(summaries: Mapping[int, dict]) -> pd.DataFrame:
    """Each order's predictions and mean NLL, with and without the first character (`positions.summary`)."""
    columns = ["order", "predictions", "mean NLL", "without the first character", "predictions without it"]
    return pd.DataFrame(
        [
            {
                "order": n,
                "predictions": f"{s['count']:,}",
                "mean NLL": number(s["mean_nll"]),
                "without the first character": number(s["mean_nll_after_first"]),
                "predictions without it": f"{s['count_after_first']:,}",
            }
            for n, s in summaries.items()
        ],
        columns=columns,
    )


# --- two lists --------------------------------------------------------------------------------------------------


def two_lists_nll(r: Comparison) -> pd.DataFrame:
    """The 2×2 table: each list's words under each list's model, mean NLL per prediction."""
    return pd.DataFrame(
        {
            "words of A": [number(r.nll["a"]["a"]), number(r.nll["b"]["a"])],
            "words of B": [number(r.nll["a"]["b"]), number(r.nll["b"]["b"])],
        },
        index=["model of A", "model of B"],
    )


def moved_table(rows: Sequence[Moved]) -> pd.DataFrame:
    """The n-grams whose probability moved most between the lists."""
    return pd.DataFrame(
        [
            {
                "n-gram": x.ngram,
                "count A": x.count_a,
                "count B": x.count_b,
                "P in A": x.p_a,
                "P in B": x.p_b,
                "log ratio": x.log_ratio,
            }
            for x in rows
        ]
    )


def char_shares(words_a: Sequence[str], words_b: Sequence[str], top: int = 10) -> pd.DataFrame:
    """The `top` characters whose share of all characters differs most between the lists."""
    ca = pd.Series(list("".join(words_a))).value_counts(normalize=True)
    cb = pd.Series(list("".join(words_b))).value_counts(normalize=True)
    chars = pd.DataFrame({"share in A": ca, "share in B": cb}).fillna(0.0)
    chars["B − A"] = chars["share in B"] - chars["share in A"]
    chars = chars.reindex(chars["B − A"].abs().sort_values(ascending=False).index).head(top)
    return chars.rename_axis("character").reset_index()


def word_nlls(pairs: Sequence[tuple[str, float]]) -> pd.DataFrame:
    """(word, mean NLL) pairs, e.g. `two_lists.least_likely`'s."""
    return pd.DataFrame(pairs, columns=["word", "NLL"])
