"""Bar charts: what the canvas bar component (makemore/app/assets/bars.js) is given, for the Dataset page. One
builder, `bars`; the others say what is counted. (The charts issue swaps `bars`' payload for an ECharts option
dict: a change here, not in the pages.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .format import char_labels


def bars(labels: Sequence[str], values: Sequence[int], title: str, x_title: str, y_title: str) -> dict:
    return {
        "labels": list(labels),
        "values": [int(v) for v in values],
        "title": title,
        "x_title": x_title,
        "y_title": y_title,
    }


def length_bars(lengths: Mapping[int, int]) -> dict:
    """How many words have each length, every length from the shortest to the longest (zeros included, so the
    axis is continuous); `lengths` is length -> words, e.g. `WordList.length_counts()`.

    >>> length_bars({3: 2, 5: 1})["values"]
    [2, 0, 1]
    """
    xs = range(min(lengths), max(lengths) + 1) if lengths else range(0)
    return bars([str(n) for n in xs], [lengths.get(n, 0) for n in xs], "Word lengths", "characters", "words")


def char_bars(counts: Mapping[str, int], top: int = 80) -> dict:
    """Character occurrences, most frequent first, at most `top` of them (the title says when some are left out).

    >>> char_bars({"a": 3, "b": 5, " ": 1})["labels"]
    ['b', 'a', '␣']
    """
    chars = sorted(counts, key=lambda c: (-counts[c], c))[:top]
    title = "Character frequencies" + (f" (the {top} most frequent of {len(counts)})" if len(counts) > top else "")
    return bars(char_labels(chars), [counts[c] for c in chars], title, "character", "occurrences")
