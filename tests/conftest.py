"""Shared fixtures: small hand-made word lists and the built-in names, loaded once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # shared test data modules (cases.py)

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
