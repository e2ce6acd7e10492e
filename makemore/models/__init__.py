"""The models, one class each, and the registry that names them (see `registry.py`; the contract: `base.py`).

>>> from makemore.models import registry
>>> [(e.name, e.trainable) for e in registry.models()]
[('counts', False), ('full', True), ('concat', True), ('mlp', True)]
"""

from . import registry
from .base import Model, NetConfig, OneLayerNet, Trainable, WeightView, init_W
from .concat import ConcatConfig, ConcatNet, stable_lr_concat
from .counts import (
    NLL,
    CountsConfig,
    CountsModel,
    CountTable,
    Prediction,
    WordScore,
    count_matrix,
    evaluate_model,
    exact_nll,
    smoothed_probs,
)
from .full import FullNet, stable_lr
from .mlp import MLP, MLPConfig

__all__ = [
    "MLP",
    "NLL",
    "ConcatConfig",
    "ConcatNet",
    "CountTable",
    "CountsConfig",
    "CountsModel",
    "FullNet",
    "MLPConfig",
    "Model",
    "NetConfig",
    "OneLayerNet",
    "Prediction",
    "Trainable",
    "WeightView",
    "WordScore",
    "count_matrix",
    "evaluate_model",
    "exact_nll",
    "init_W",
    "registry",
    "smoothed_probs",
    "stable_lr",
    "stable_lr_concat",
]
