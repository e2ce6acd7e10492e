"""The sampling panel: what the canvas sampling component (makemore/app/assets/sampling.js) is given: the
distribution a character is (or will be) drawn from, the one drawn, the uniform u that picked it, and the word so
far. The panel stays ours until the charts issue says otherwise; this module is where its payload is built.

    >>> import torch
    >>> d = draw_panel([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=0, drew=1, u=0.6)
    >>> d["title"]
    "p = distribution after '.' · drew 'a' (p = 0.2500)"
    >>> draw_panel([".", "a", "b"], torch.tensor([0.5, 0.25, 0.25]), row=4, context=(1, 2))["title"][:30]
    "p = distribution after 'ab': t"
"""

from __future__ import annotations

import torch

from ..sampling import Sampler
from .format import char_labels


def draw_panel(
    itos,
    probs: torch.Tensor,
    row: int | None,
    drew: int | None = None,
    u: float | None = None,
    context=None,
    word_label: str | None = None,
    word: str | None = None,
) -> dict:
    """The distribution of a draw: `context` is the tape the model read (a tuple of indices; default: the bigram's
    one character, `row`); `word_label` and `word` the word above it ("Word so far", ".em")."""
    lab = char_labels(itos)
    p = probs.double().tolist()
    tape = "".join(lab[i] for i in (context if context is not None else (row,)))
    after = f"after '{tape}'" if tape else "(no context: the unigram)"
    if drew is None:
        title = f"p = distribution {after}: the next character is drawn from it"
    else:
        title = f"p = distribution {after} · drew '{lab[drew]}' (p = {p[drew]:.4f})"
    payload = {"labels": lab, "probs": p, "row": row, "drew": drew, "u": u, "title": title}
    if word is not None:
        payload |= {"word_label": word_label, "word": word}
    return payload


def sampler_panel(sampler: Sampler, itos, boundary: str) -> tuple[dict, tuple[int, ...]]:
    """The Sampling page's panel for `sampler` as it is now, and the tape of the row it shows: the last draw and
    the word it belongs to, or, before the first draw, the distribution the first character will come from."""
    if sampler.shown:  # the word in progress, or the last word's final draw
        d = sampler.shown[-1]
        tape, probs, row, drew, u = d.context, d.probs, d.row, d.ix, d.u
    else:
        row, probs = sampler.upcoming()
        tape, drew, u = tuple(sampler.tape), None, None
    if sampler.current or not sampler.history:
        word_label, word = "Word so far", boundary + sampler.word_so_far
    else:
        last = sampler.history[-1]
        word_label, word = "Last word", boundary + last.word + (boundary if last.ended else " …(cut)")
    return draw_panel(itos, probs, row, drew, u, context=tape, word_label=word_label, word=word), tape
