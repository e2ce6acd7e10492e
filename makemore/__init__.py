"""makemore: the bigram lecture's models, exact and fast, for the dashboard, the CLI and notebooks.

>>> from makemore import default_words, Vocab, CountsModel
>>> wl = default_words()
>>> m = CountsModel.from_words(wl.words, Vocab.from_words(wl.words))
>>> m.V, round(m.evaluate().mean_nll, 4)
(27, 2.454)
"""

from .config import LECTURE_SEED, MODES, STREAMS, WINDOWS, GridConfig, ModelConfig, SampleConfig, TrainConfig
from .corpus import Corpus
from .datasets import DEFAULT_NAME, default_words, us_names, us_names_words
from .models import (
    NLL,
    ConcatNet,
    CountsModel,
    CountTable,
    FullNet,
    Prediction,
    WordScore,
    count_matrix,
    init_W,
    registry,
    smoothed_probs,
)
from .sampling import Draw, Sample, Sampler, XorShift, shape_probs
from .train import History, Trainer
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
    "NLL",
    "STREAMS",
    "WINDOWS",
    "ConcatNet",
    "Corpus",
    "CountTable",
    "CountsModel",
    "Draw",
    "Examples",
    "FullNet",
    "GridConfig",
    "History",
    "LoadReport",
    "ModelConfig",
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
    "registry",
    "shape_probs",
    "smoothed_probs",
    "split_words",
    "us_names",
    "us_names_words",
    "word_stats",
]
