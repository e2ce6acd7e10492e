"""How the pages write what they show as text: numbers (with ∞ and NaN), characters, n-gram names, words.

One formatter for every number that may be infinite: an NLL is +∞ where a model gives a seen example probability 0
(k = 0, the lecture's `andrejq`), a log-probability −∞, and a mean over no predictions is NaN. Each is written as
what it is, never "inf" or "nan".

    >>> number(2.454), number(math.inf), number(-math.inf), number(math.nan)
    ('2.4540', '∞', '-∞', '–')
    >>> char_labels([".", "a", " "]), ngram_name(3)
    (['.', 'a', '␣'], 'trigram')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..windows import ngram_name  # noqa: F401  (a name views and pages print by)

MISSING = "–"  # a number that is not there (NaN): no predictions to average, no dev words, an undefined gap
_VISIBLE = {" ": "␣", "\t": "⇥"}  # characters that would draw as nothing


def number(x: float, spec: str = ".4f") -> str:
    """`x` written with the format `spec` (".4f", ",.2f", "+.4f", ".0f"...); +∞ as ∞, −∞ as -∞, NaN as –.

    >>> number(-559873.58961, ",.4f"), number(0.0123, "+.4f"), number(6773.0, ".0f"), number(math.inf, "+.4f")
    ('-559,873.5896', '+0.0123', '6773', '∞')
    """
    if math.isnan(x):
        return MISSING
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return format(x, spec)


def char_labels(texts: Iterable[str]) -> list[str]:
    """Characters as a chart draws them: a space as ␣ and a tab as ⇥, so they are visible; not HTML-escaped (ECharts
    and our canvas draw text as text). A label of several characters (a context, "(no context)") is left as it is."""
    return [_VISIBLE.get(t, t) for t in texts]


def preview_text(words: Sequence[str], n: int = 200) -> str:
    """The first n words as one wrapped line of text, in file order (a space shown as ␣, so a word with a space
    in it is still one word).

    >>> preview_text(["emma", "new york", "ava"])
    'emma · new␣york · ava'
    """
    return " · ".join(w.replace(" ", "␣") for w in words[:n])


def shorten(word: str, n: int = 60) -> str:
    """A word cut after n characters, saying how long it was.

    >>> shorten("ab" * 40, 6)
    'ababab… (80 characters)'
    """
    return word if len(word) <= n else word[:n] + f"… ({len(word):,} characters)"


def index_list(ix: Sequence[int], n: int = 24) -> str:
    """A list of indices as Python prints it, cut after n.

    >>> index_list((5, 13, 13, 1, 0)), index_list(range(30), 3)
    ('[5, 13, 13, 1, 0]', '[0, 1, 2, …]')
    """
    return str(list(ix)) if len(ix) <= n else str(list(ix[:n]))[:-1] + ", …]"
