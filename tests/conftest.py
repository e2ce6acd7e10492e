"""Shared fixtures: small hand-made word lists and the built-in names, loaded once; torch on one thread."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).parent))  # shared test data modules (cases.py)

import makemore.words as words_module
from makemore import CountsModel, Vocab, default_words

# The tests' tensors are small (a step touches at most ~20,000 logits), where a second intra-op thread saves
# nothing; on a machine busy with other work it costs a great deal, since the OpenMP thread that waits for the
# other spins (1,500 concat steps took 16 s of CPU on two threads, 0.4 s on one). One thread keeps a test's cost
# its own work, whatever else the machine runs. What is asserted does not depend on it.
torch.set_num_threads(1)

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
