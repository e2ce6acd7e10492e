"""Every setting a person can change, by the short name it has in the address bar.

A widget's key is its URL name. `address.bound` gives each its keyword arguments: the session remembers the value,
every page writes it into the address, and a copied address reproduces the page (see `address.bound` for why
this is ours and not Streamlit's `bind="query-params"`). The defaults come from the engine's frozen configs; which
page shows a setting is the page registry's (`pages.PAGES`).
`problems` reads a link's raw parameters before the widgets do, so an invalid value is reported in one line.
A link is text anyone can type: a number is ASCII digits of a sensible length (a 400-digit seed is refused, not
converted), a yes/no accepts what people type (`1`, `yes`, `on`, …), and a text setting is held to its box's
`max_chars` (`MAX_CHARS`, the one place that limit is written).

    >>> SETTINGS["k"].default, SETTINGS["k"].check(["0.1"]), SETTINGS["k"].check(["0.7"])
    (1, True, False)
    >>> problems({"lr": ["abc"], "years": ["1920", "1930"], "present": ["maybe"], "utm": ["x"]})
    ['lr=abc (a number from 1e-06 to 1e+06)', 'present=maybe (true or false)']
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from makemore.config import DEFAULT_K, DEFAULT_STREAM, MODES, STREAMS, WINDOWS, SampleConfig, TrainConfig
from makemore.datasets import FIRST_YEAR, LAST_YEAR
from makemore.models import registry
from makemore.models.mlp import MAX_BATCH, MAX_EMB, MAX_HIDDEN, MLP, MLPConfig, parse_schedule
from makemore.tour_steps import STEPS
from makemore.views.heatmaps import VIEWS

from . import pages

TRAIN, SAMPLE, MLP_SHAPE = TrainConfig(), SampleConfig(), MLPConfig()
LECTURE_SCHEDULE = "100000:0.01"  # makemore part 2: lr 0.1, then 0.01 from step 100,000
NETS = registry.names(trainable=True)  # the models a page can train
# The word list's sources, as shown and as written in the URL (a box with display labels would put the labels
# in the address): the built-in names, US names of chosen years, or an upload.
SOURCES = ("builtin", "lecture", "years", "upload")
# What the controls show for each value (the short value stays in the link and the code): words a learner reads.
LABELS: dict[str, dict[str, str]] = {
    "stream": {
        "torch": "today's torch",
        "lecture": "the lecture's (torch before 2.0)",
        "xorshift": "ngram.py's xorshift",
    },
    "mode": {
        "counts": "from the counts N (fast)",
        "index": "W[xs], exercise E04",
        "onehot": "one_hot(xs) @ W, the lecture's",
    },
    "model": {"counts": "the counts model", "neural": "the neural net"},
}


def shown(key: str):
    """A control's `format_func` for the setting `key`: its words, or for a net its name and what it is."""
    if key == "net":
        return lambda name: f"{name}: {registry.get(name).cls.label}"
    return LABELS[key].get


# What the word-list box shows for each (the short value stays in the link).
SOURCE_LABELS = {
    "builtin": "Built-in: US names 2017",
    "lecture": "The lecture's names.txt (makemore)",
    "years": "US names by year",
    "upload": "Upload a file",
}
K_VALUES = (0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 20, 50, 100, 1000, 10000, 1_000_000)
TEMPERATURES = (0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0, 100.0)
SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250, 1000)
MAX_SEED = 2**53 - 1  # a number box holds integers exactly up to here
MAX_ORDER = 10  # the sidebar's largest order n
# Each text box's `max_chars`, and the longest value a link may give it. The slice box's own limit is n − 2 at
# order n (the page takes a link's last n − 2 characters), so a link may give it at most MAX_ORDER − 2.
MAX_CHARS = {"ctx": MAX_ORDER - 2, "look": 40, "word": 200}
MAX_SCHEDULE_CHARS = 80  # the MLP's schedule box: a few STEP:LR pairs (not free text: it must parse)
MAX_NUMBER_CHARS = 32  # a number the app writes is at most ~24 characters ("1.2345678901234567e-06")
SHOWN_CHARS = 40  # an invalid value is echoed up to here, then "…"


@dataclass(frozen=True)
class Setting:
    key: str  # the widget key and the URL parameter
    default: object
    meaning: str  # for the README's table
    rule: str  # what a valid value is, said in the notice
    check: Callable[[Sequence[str]], bool]  # the raw URL values (a range has two) → valid?


def _one_of(options) -> Callable[[Sequence[str]], bool]:
    names = {url_value(o) for o in options}
    return lambda raw: len(raw) == 1 and raw[0] in names


# ASCII only: str.isdigit, int() and float() also take other scripts' digits ("٣" is 3), which nobody means here.
_WHOLE = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _number(lo: float, hi: float, integer: bool = False) -> Callable[[Sequence[str]], bool]:
    """A whole number (ASCII digits) or a decimal number (`20`, `0.5`, `1e-3`) from lo to hi. A value longer than
    MAX_NUMBER_CHARS is refused before it is converted: a 400-digit integer cannot be compared with a float range
    (OverflowError), and one of 4,301 digits is past Python's int-from-text limit."""
    pattern = _WHOLE if integer else _DECIMAL

    def check(raw: Sequence[str]) -> bool:
        if len(raw) != 1 or len(raw[0]) > MAX_NUMBER_CHARS or not pattern.fullmatch(raw[0]):
            return False
        x = int(raw[0]) if integer else float(raw[0])
        return math.isfinite(x) and lo <= x <= hi

    return check


def _years(raw: Sequence[str]) -> bool:
    return len(raw) == 2 and all(re.fullmatch(r"[0-9]{1,4}", r) and FIRST_YEAR <= int(r) <= LAST_YEAR for r in raw)


def url_value(value) -> str:
    """How Streamlit writes a value into the address: str(), booleans in lower case."""
    return str(value).lower() if isinstance(value, bool) else str(value)


# What people type for yes and no (any case); the app itself writes `true` and `false`.
TRUE_WORDS, FALSE_WORDS = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _bool(raw: Sequence[str]) -> bool:
    return len(raw) == 1 and len(raw[0]) <= 5 and raw[0].lower() in TRUE_WORDS + FALSE_WORDS


def _text(key: str) -> Callable[[Sequence[str]], bool]:
    return lambda raw: len(raw) == 1 and len(raw[0]) <= MAX_CHARS[key]


def _schedule(raw: Sequence[str]) -> bool:
    if len(raw) != 1 or len(raw[0]) > MAX_SCHEDULE_CHARS:
        return False
    try:
        parse_schedule(raw[0])
    except ValueError:
        return False
    return True


def _text_rule(key: str) -> str:
    return f"text of at most {MAX_CHARS[key]} characters"


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "data",
            "builtin",
            "word list: builtin (US names 2017), lecture (makemore's names.txt, once fetched), years or upload",
            "builtin, lecture, years or upload",
            _one_of(SOURCES),
        ),
        Setting(
            "years",
            (2008, 2017),
            "first and last year of US names (`years=1920&years=1929`)",
            f"two years from {FIRST_YEAR} to {LAST_YEAR}",
            _years,
        ),
        Setting("lower", False, "lowercase every word", "true or false", _bool),
        Setting("dedupe", False, "drop repeated words", "true or false", _bool),
        Setting("split", False, "hold out dev/test words (80/10/10)", "true or false", _bool),
        Setting(
            "order",
            2,
            "the model's order n (2: the lecture's bigram)",
            f"a whole number from 1 to {MAX_ORDER}",
            _number(1, MAX_ORDER, integer=True),
        ),
        Setting(
            "windows",
            "word",
            "examples: word (boundaries around each word) or stream (ngram.py)",
            "word or stream",
            _one_of(WINDOWS),
        ),
        Setting(
            "k",
            next(v for v in K_VALUES if v == DEFAULT_K),
            "add-k smoothing of the counts model",
            "one of the k values",
            _one_of(K_VALUES),
        ),
        Setting("present", False, "presenter mode: large type for a room", "true or false", _bool),
        Setting(
            "view",
            "counts",
            "the heatmap shows counts, probabilities or log-probabilities",
            ", ".join(VIEWS),
            _one_of(VIEWS),
        ),
        Setting(
            "ctx",
            "",
            "order ≥ 3: the context characters the heatmap's slice fixes",
            _text_rule("ctx"),
            _text("ctx"),
        ),
        Setting(
            "look",
            "em",
            "a context to look up: its count and next-character table",
            _text_rule("look"),
            _text("look"),
        ),
        Setting("word", "andrejq", "the word scored bigram by bigram", _text_rule("word"), _text("word")),
        Setting(
            "model",
            "counts",
            "sample from the counts model or the net",
            "counts or neural",
            _one_of(("counts", "neural")),
        ),
        Setting(
            "seed",
            SAMPLE.seed,
            "the sampler's seed",
            f"a whole number up to {MAX_SEED}",
            _number(0, MAX_SEED, integer=True),
        ),
        Setting(
            "stream",
            DEFAULT_STREAM,
            "random stream: torch, lecture or xorshift",
            ", ".join(STREAMS),
            _one_of(STREAMS),
        ),
        Setting("temp", SAMPLE.temperature, "temperature", "one of the temperatures", _one_of(TEMPERATURES)),
        Setting(
            "topk",
            0,
            "keep the k likeliest characters (0: all)",
            "a whole number from 0 to 10000",
            _number(0, 10_000, integer=True),
        ),
        Setting("lr", TRAIN.lr, "learning rate", "a number from 1e-06 to 1e+06", _number(1e-6, 1e6)),
        Setting(
            "lam",
            TRAIN.lam,
            "λ of the L2 term λ·mean(W²)",
            "a number from 0 to 1000",
            _number(0, 1000),
        ),
        Setting(
            "mode",
            TRAIN.mode,
            "compute mode: counts, index or onehot",
            ", ".join(MODES),
            _one_of(MODES),
        ),
        Setting(
            "net",
            registry.DEFAULT_NET,
            f"the net: {' or '.join(NETS)} (`python -m makemore models` says what each is)",
            ", ".join(NETS),
            _one_of(NETS),
        ),
        Setting("speed", 10, "steps per tick while training", "one of the speeds", _one_of(SPEEDS)),
        Setting(
            "mspeed",
            250,
            "the MLP's steps per tick (a step is a minibatch: far cheaper than a full-batch step)",
            "one of the speeds",
            _one_of(SPEEDS),
        ),
        Setting(
            "mlr",
            MLP.default_lr,
            "the MLP's learning rate (makemore part 2: 0.1)",
            "a number from 1e-06 to 10",
            _number(1e-6, 10),
        ),
        Setting(
            "sched",
            LECTURE_SCHEDULE,
            "the MLP's learning-rate schedule, STEP:LR pairs (from STEP steps on, LR)",
            "STEP:LR pairs separated by commas, e.g. 100000:0.01",
            _schedule,
        ),
        Setting(
            "batch",
            32,
            "the MLP's minibatch size",
            f"a whole number from 1 to {MAX_BATCH}",
            _number(1, MAX_BATCH, integer=True),
        ),
        Setting(
            "emb",
            MLP_SHAPE.emb,
            "the MLP's embedding size d (2: C drawn as it is)",
            f"a whole number from 1 to {MAX_EMB}",
            _number(1, MAX_EMB, integer=True),
        ),
        Setting(
            "hidden",
            MLP_SHAPE.hidden,
            "the MLP's hidden tanh units",
            f"a whole number from 1 to {MAX_HIDDEN}",
            _number(1, MAX_HIDDEN, integer=True),
        ),
        Setting(
            "init",
            TRAIN.seed,
            "seed of W's initial randn",
            f"a whole number up to {MAX_SEED}",
            _number(0, MAX_SEED, integer=True),
        ),
        Setting(
            "steps",
            0,
            "the net's step: the link replays training to it",
            "a whole number from 0 to 1000000",
            _number(0, 10**6, integer=True),
        ),
        Setting("num", 10, "samples per model", "a whole number from 1 to 50", _number(1, 50, integer=True)),
        Setting(
            "step",
            1,
            "the tour's step",
            f"a step from 1 to {len(STEPS)}",
            _number(1, len(STEPS), integer=True),
        ),
    )
}
# Not settings but facts about an upload, so a link made with one can say which file it needs.
UPLOAD_FACTS = ("file", "bytes")


def upload_facts(file: str | None, size: str | None) -> tuple[str, int | None]:
    """A link's upload facts as they may be shown: the file name shortened (it is the link's text, not a file's),
    the size in bytes if it is a plain number (ASCII digits, at most MAX_NUMBER_CHARS of them), else None.

    >>> upload_facts("pets.txt", "20"), upload_facts("f" * 300, "9" * 5000)[1], upload_facts("a.txt", "٣")
    (('pets.txt', 20), None, ('a.txt', None))
    """
    ok = size is not None and len(size) <= MAX_NUMBER_CHARS and _WHOLE.fullmatch(size)
    return shorten(file or ""), int(size) if ok else None


def default(key: str):
    return SETTINGS[key].default


def parse(key: str, raw: Sequence[str]):
    """A link's raw value as the setting's type, or None if it is not valid.

    >>> parse("lr", ["20"]), parse("years", ["1920", "1930"]), parse("present", ["true"]), parse("k", ["0.7"])
    (20.0, (1920, 1930), True, None)
    >>> parse("present", ["1"]), parse("present", ["Off"]), parse("seed", ["9" * 400]), parse("steps", ["٣"])
    (True, False, None, None)
    """
    s = SETTINGS[key]
    if not raw or not s.check(raw):
        return None
    d = s.default
    if isinstance(d, bool):
        return raw[0].lower() in TRUE_WORDS
    if isinstance(d, tuple):
        return tuple(int(r) for r in raw)
    if key == "k":
        return next(v for v in K_VALUES if url_value(v) == raw[0])
    if isinstance(d, int):
        return int(raw[0])
    if isinstance(d, float):
        return float(raw[0])
    return raw[0]


def problems(params: dict[str, list[str]]) -> list[str]:
    """The link's values that are not valid settings, each as `name=value (what is valid)`, a long value shortened
    (a 100 kB value is not worth repeating). Unknown names (tracking parameters, say) are none of our business.

    >>> problems({"seed": ["7" * 400], "word": ["x" * 201]})  # doctest: +NORMALIZE_WHITESPACE
    ['seed=7777777777777777777777777777777777777777… (400 characters) (a whole number up to 9007199254740991)',
     'word=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (201 characters) (text of at most 200 characters)']
    """
    out = []
    for key, raw in params.items():
        s = SETTINGS.get(key)
        if s is not None and not s.check(raw):
            out.append(f"{key}={shorten('&'.join(raw))} ({s.rule})")
    return out


def shorten(value: str, n: int = SHOWN_CHARS) -> str:
    """A value as echoed to a person: up to n characters, then "…" and how long it was."""
    return value if len(value) <= n else f"{value[:n]}… ({len(value):,} characters)"


def readme_table() -> str:
    """The README's table of URL names, generated from this one (a test holds the README to it)."""
    rows = ["| name | where | what | default |", "|---|---|---|---|"]
    for s in SETTINGS.values():
        shown = "&".join(map(url_value, s.default)) if isinstance(s.default, tuple) else url_value(s.default)
        rows.append(f"| `{s.key}` | {pages.where(s.key)} | {s.meaning} | `{shown}` |")
    return "\n".join(rows)
