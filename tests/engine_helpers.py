"""Small builders the engine tests share."""

from __future__ import annotations

import struct

import torch

from makemore import CountsModel, Vocab


def bigram(N) -> CountsModel:
    """A bigram CountsModel from a V×V count matrix (letters a, b, ... after the boundary)."""
    N = torch.as_tensor(N)
    chars = tuple(chr(ord("a") + i) for i in range(N.shape[0] - 1))
    return CountsModel.from_counts(Vocab(chars=chars), N)


def f32(x: float) -> float:
    """x rounded to float32, as torch stores it (plain Python's floats are float64)."""
    return struct.unpack("f", struct.pack("f", x))[0]
