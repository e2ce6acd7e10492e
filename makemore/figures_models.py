"""Tables of sampling and of the count-vs-neural comparison (no Streamlit, like figures.py); the comparison's charts
are drawn on canvases from `figures_live`."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from .sampling import Sample

# --- sampling ---------------------------------------------------------------------------------------------


def samples_table(samples: Sequence[Sample]) -> pd.DataFrame:
    columns = ["word", "length", "log-probability", "in the training words", "ended"]
    return pd.DataFrame(
        [
            {
                "word": s.word if s.word else "(empty)",
                "length": len(s.word),
                "log-probability": s.logprob,
                "in the training words": s.in_training,
                "ended": "." if s.ended else "cut at max length",
            }
            for s in samples
        ],
        columns=columns,
    )


# --- training ---------------------------------------------------------------------------------------------


def nll_table(rows: Sequence[dict]) -> pd.DataFrame:
    """Each model's train (and dev) NLL side by side, from rows {"model", "split", "NLL"}; ∞ written as ∞.

    >>> nll_table([{"model": "counts", "split": "train", "NLL": 2.454}, {"model": "counts", "split": "dev",
    ...            "NLL": math.inf}]).to_dict("records")
    [{'model': 'counts', 'train NLL': '2.4540', 'dev NLL': '∞'}]
    """
    models = list(dict.fromkeys(r["model"] for r in rows))
    splits = [s for s in ("train", "dev") if any(r["split"] == s for r in rows)]
    value = {(r["model"], r["split"]): r["NLL"] for r in rows}
    return pd.DataFrame(
        [{"model": m} | {f"{s} NLL": _nll(value.get((m, s), math.nan)) for s in splits} for m in models]
    )


def _nll(x: float) -> str:
    return "∞" if math.isinf(x) else "–" if math.isnan(x) else f"{x:.4f}"
