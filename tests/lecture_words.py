"""A word list whose bigram counts are exactly the lecture's (tests/data/lecture_counts.json).

The repository ships the lecture's 27×27 count matrix N, not its names.txt. Any list with the same N gives the
lecture's every number that depends on N alone (P, the NLL, the counts model's samples, training in counts mode
and the net's samples) and, since its vocabulary is a-z plus '.', the `.emma` walkthrough too. Only what depends
on the words themselves (their lengths, their order, which words occur) differs from the lecture's.

Such a list is an Eulerian circuit of the multigraph with N[i, j] edges i→j: in bigram counts every character is
entered as often as it is left (each occurrence has one bigram in, one out) and '.' starts as many words as it
ends, so every node is balanced; and N[0, 0] == 0 (no empty word). Walking every edge once from '.' and cutting
the walk at each visit of '.' gives the words.

    >>> words = lecture_words()
    >>> len(words), words[:3]
    (32033, ['sen', 'dnnilinayama', 'myaela'])
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "lecture_counts.json"


def lecture_counts() -> tuple[list[str], list[list[int]]]:
    """The lecture's itos and its 27×27 N, as lists."""
    d = json.loads(DATA.read_text(encoding="utf-8"))
    return d["itos"], d["N"]


def eulerian_circuit(N: list[list[int]], start: int = 0, seed: int = 0) -> list[int]:
    """Hierholzer's algorithm, iterative: a closed walk from `start` using edge i→j exactly N[i][j] times.

    At each node the next edge is drawn from those left, in proportion to how many of each are left, by a
    `random.Random(seed)`: deterministic, and the walk then reads like samples of the bigram model (short words of
    varied letters) instead of runs like "aaaa…" that always taking the first edge produces. Requires every node
    balanced (row sums equal column sums) and every node with edges reachable from `start`.

    >>> eulerian_circuit([[0, 1, 1], [1, 0, 0], [1, 0, 0]], seed=1)
    [0, 1, 0, 2, 0]
    """
    rng = random.Random(seed)
    left = [list(row) for row in N]  # edges still to walk
    out = [sum(row) for row in N]  # how many leave each node still
    stack, circuit = [start], []
    while stack:
        v = stack[-1]
        if out[v]:
            r, row, j = rng.randrange(out[v]), left[v], 0
            while r >= row[j]:  # the edge r-th among those left, counted target by target
                r -= row[j]
                j += 1
            row[j] -= 1
            out[v] -= 1
            stack.append(j)
        else:  # nothing leaves v any more: it comes next, going backwards, in the circuit
            circuit.append(stack.pop())
    circuit.reverse()
    if any(out):
        raise ValueError("not every edge is reachable from the start node")
    return circuit


@cache
def _words() -> tuple[str, ...]:
    itos, N = lecture_counts()
    walk = eulerian_circuit(N, start=0)
    words, word = [], []
    for ix in walk[1:]:  # the walk starts and ends at '.'; each later visit of '.' ends a word
        if ix == 0:
            words.append("".join(word))
            word = []
        else:
            word.append(itos[ix])
    return tuple(words)


def lecture_words() -> list[str]:
    """32,033 words whose bigram count matrix (with '.' at index 0) is exactly the lecture's N."""
    return list(_words())
