"""Two word lists compared (issue 12's engine and CLI): the 2×2 NLL table against plain Python, the transitions
that moved, ∞ explained at k = 0."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter

import pytest

from makemore.__main__ import main
from makemore.two_lists import compare

A = ["emma", "ella", "anna", "mia", "amelia"]
B = ["noah", "liam", "ella", "leo", "mason"]


def plain_nll(train, words, k, chars):
    V = len(chars) + 1
    pairs = Counter()
    rows = Counter()
    for w in train:
        s = [".", *w, "."]
        for x, y in itertools.pairwise(s):
            pairs[x, y] += 1
            rows[x] += 1
    terms = []
    for w in words:
        s = [".", *w, "."]
        for x, y in itertools.pairwise(s):
            total = rows[x] + k * V
            p = (pairs[x, y] + k) / total if total else 1 / V
            terms.append(math.log(p) if p > 0 else -math.inf)
    return math.inf if -math.inf in terms else -math.fsum(terms) / len(terms)


@pytest.mark.parametrize("k", [0.0, 0.5, 1.0])
def test_the_two_by_two_table_is_the_plain_computation(k):
    r = compare(A, B, k=k)
    chars = sorted(set("".join(A + B)))
    lists = {"a": A, "b": B}
    for m in "ab":
        for w in "ab":
            want = plain_nll(lists[m], lists[w], k, chars)
            got = r.nll[m][w]
            assert got == want if math.isinf(want) else got == pytest.approx(want, rel=1e-12)
    assert r.vocab_size == len(chars) + 1


def test_k0_infinity_is_explained_and_the_diagonal_is_finite():
    r = compare(A, B, k=0)
    assert math.isfinite(r.nll["a"]["a"]) and math.isfinite(r.nll["b"]["b"])
    assert math.isinf(r.nll["a"]["b"]) and ".n" in r.unseen["a"]  # A's names never start with n
    assert r.extra("a", "b") == math.inf


def test_moved_transitions_point_both_ways(names):
    girls, boys = names[:3000], names[-3000:]
    r = compare(girls, boys, k=1, top=5)
    assert len(r.moved_up) == 5 and len(r.moved_down) == 5
    assert all(m.log_ratio > 0 for m in r.moved_up) and all(m.log_ratio < 0 for m in r.moved_down)
    assert r.moved_up[0].log_ratio >= r.moved_up[-1].log_ratio
    assert r.extra("a", "b") > 0 and r.extra("b", "a") > 0  # each list is costlier under the other's model
    assert compare(girls, boys, k=1, order=3).order == 3


def test_cli_compare_json_and_text(capsys, tmp_path):
    fa, fb = tmp_path / "a.txt", tmp_path / "b.txt"
    fa.write_text("\n".join(A) + "\n")
    fb.write_text("\n".join(B) + "\n")
    assert main(["compare", "-i", str(fa), "--against", str(fb), "--smoothing", "1", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d["nll"]) == {"a_on_a", "a_on_b", "b_on_a", "b_on_b"} and d["vocab_size"] == 10
    assert d["nll"]["a_on_b"] == compare(A, B, k=1).nll["a"]["b"] and d["moved"]
    assert main(["compare", "-i", str(fa), "--against", str(fb), "--smoothing", "0"]) == 0
    out = capsys.readouterr().out
    assert "∞" in out and "never has" in out
    assert main(["compare", "-i", str(fa), "--against", str(tmp_path / "missing.txt")]) == 2
