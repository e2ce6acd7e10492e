"""The vocabulary and the vectorised examples, held against a plain Python loop."""

from __future__ import annotations

import itertools

import pytest

from makemore import Vocab, VocabError
from makemore.windows import lecture_examples


def plain_bigrams(words, stoi):
    """The lecture's loop: chs = ['.'] + list(w) + ['.'], then zip(chs, chs[1:])."""
    xs, ys = [], []
    for w in words:
        chs = [".", *list(w), "."]
        for ch1, ch2 in itertools.pairwise(chs):
            xs.append(stoi[ch1])
            ys.append(stoi[ch2])
    return xs, ys


def test_lecture_layout():
    v = Vocab.from_words(["abcdefghijklmnopqrstuvwxyz"])
    assert v.size == 27
    assert v.stoi["."] == 0 and v.stoi["a"] == 1 and v.stoi["z"] == 26
    assert v.itos[0] == "."


def test_examples_match_the_plain_loop(small):
    v = Vocab.from_words(small)
    xs, ys = lecture_examples(small, v)
    assert (xs.tolist(), ys.tolist()) == plain_bigrams(small, v.stoi)


def test_examples_match_on_names(names):
    v = Vocab.from_words(names)
    xs, ys = lecture_examples(names, v)
    assert (xs.tolist(), ys.tolist()) == plain_bigrams(names, v.stoi)
    assert xs.shape[0] == sum(len(w) + 1 for w in names)


def test_boundary_changes_when_data_has_a_dot():
    v = Vocab.from_words(["st. louis", "a.b"])
    assert v.boundary != "." and "." in v.chars
    xs, ys = lecture_examples(["a.b"], v)
    assert v.decode(xs.tolist()) == v.boundary + "a.b"
    assert ys.tolist()[-1] == 0


def test_any_alphabet_and_hundreds_of_characters():
    words = [chr(0x0400 + i) + chr(0x0400 + i + 1) for i in range(500)]
    v = Vocab.from_words(words)
    assert v.size == 502
    xs, ys = lecture_examples(words, v)
    assert xs.shape[0] == 3 * len(words)
    assert v.decode(ys[:2].tolist()) == words[0]


def test_unknown_characters_are_named():
    v = Vocab.from_words(["emma"])
    with pytest.raises(VocabError, match="'z'"):
        v.encode("zemma")
    with pytest.raises(VocabError, match="'q'"):
        lecture_examples(["emma", "q"], v)
    with pytest.raises(VocabError, match="boundary"):
        lecture_examples(["em.ma"], v)


def test_trigram_examples():
    v = Vocab.from_words(["ab"])
    xs, ys = lecture_examples(["ab", "b"], v, context=2)
    assert xs.tolist() == [[0, 0], [0, 1], [1, 2], [0, 0], [0, 2]]
    assert ys.tolist() == [1, 2, 0, 2, 0]
