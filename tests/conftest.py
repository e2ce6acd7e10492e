"""Shared fixtures: small hand-made word lists and the built-in names, loaded once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # shared test data modules (cases.py)

import makemore.words as words_module
from makemore import CountsModel, Vocab, default_words

SMALL = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "charlotte", "amelia", "harper", "evelyn"]


@pytest.fixture(scope="session")
def names():
    return default_words().words


@pytest.fixture(scope="session")
def names_model(names):
    return CountsModel.from_words(names, Vocab.from_words(names))


@pytest.fixture()
def small():
    return list(SMALL)


@pytest.fixture()
def small_model(small):
    return CountsModel.from_words(small, Vocab.from_words(small))


@pytest.fixture()
def small_cap(monkeypatch):
    """A 1,000-byte read limit instead of 200 MB, so going past it is quick."""
    monkeypatch.setattr(words_module, "MAX_BYTES", 1000)
    return 1000
