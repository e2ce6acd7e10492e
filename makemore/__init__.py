"""makemore: the bigram lecture's models, exact and fast, for the dashboard, the CLI and notebooks.

>>> from makemore import default_words, Vocab, CountsModel
>>> wl = default_words()
>>> m = CountsModel.from_words(wl.words, Vocab.from_words(wl.words))
>>> m.V, round(m.evaluate().mean_nll, 4)
(27, 2.454)
"""

from .config import LECTURE_SEED, MODES, NETS, STREAMS, WINDOWS, GridConfig, ModelConfig, SampleConfig, TrainConfig
from .corpus import Corpus
from .counts import NLL, CountsModel, CountTable, Prediction, WordScore, count_matrix, smoothed_probs
from .datasets import DEFAULT_NAME, default_words, us_names, us_names_words
from .neural import History, NeuralModel, Trainer, init_W
from .sampling import Draw, Sample, Sampler, XorShift, shape_probs
from .vocab import Vocab, VocabError
from .windows import Examples, OrderError, make_examples
from .words import (
    LoadReport,
    Split,
    WordList,
    WordListError,
    WordStats,
    from_list,
    load_words,
    read_words,
    split_words,
    word_stats,
)

__all__ = [
    "DEFAULT_NAME",
    "LECTURE_SEED",
    "MODES",
    "NETS",
    "NLL",
    "STREAMS",
    "WINDOWS",
    "Corpus",
    "CountTable",
    "CountsModel",
    "Draw",
    "Examples",
    "GridConfig",
    "History",
    "LoadReport",
    "ModelConfig",
    "NeuralModel",
    "OrderError",
    "Prediction",
    "Sample",
    "SampleConfig",
    "Sampler",
    "Split",
    "TrainConfig",
    "Trainer",
    "Vocab",
    "VocabError",
    "WordList",
    "WordListError",
    "WordScore",
    "WordStats",
    "XorShift",
    "count_matrix",
    "default_words",
    "from_list",
    "init_W",
    "load_words",
    "make_examples",
    "read_words",
    "shape_probs",
    "smoothed_probs",
    "split_words",
    "us_names",
    "us_names_words",
    "word_stats",
]
