"""makemore: the bigram lecture's models, exact and fast, for the dashboard, the CLI and notebooks.

>>> from makemore import default_words, Vocab, CountsModel
>>> wl = default_words()
>>> m = CountsModel.from_words(wl.words, Vocab.from_words(wl.words))
>>> m.V
27
"""

from .counts import NLL, BigramScore, CountsModel, WordScore, count_matrix, smoothed_probs
from .datasets import DEFAULT_NAME, default_words, us_names, us_names_words
from .neural import LECTURE_SEED, MODES, History, Trainer, init_W
from .sampling import STREAMS, Draw, Sample, Sampler, shape_probs
from .vocab import Vocab, VocabError
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
    "BigramScore",
    "CountsModel",
    "Draw",
    "History",
    "LoadReport",
    "Sample",
    "Sampler",
    "Split",
    "Trainer",
    "Vocab",
    "VocabError",
    "WordList",
    "WordListError",
    "WordScore",
    "WordStats",
    "count_matrix",
    "default_words",
    "from_list",
    "init_W",
    "load_words",
    "read_words",
    "shape_probs",
    "smoothed_probs",
    "split_words",
    "us_names",
    "us_names_words",
    "word_stats",
]
