"""Word lists: load, validate, normalise, describe and split.

The lecture's first cell, `words = open('names.txt').read().splitlines()`, made robust: any file a person
uploads either becomes a `WordList` or raises `WordListError` with a sentence saying what is wrong and what to
do. Nothing is dropped without being counted in `WordList.report`.

    >>> wl = load_words(b"Emma\\r\\nolivia\\n\\n  ava \\nemma\\n", name="tiny.txt", lowercase=True)
    >>> wl.words
    ('emma', 'olivia', 'ava', 'emma')
    >>> wl.report.blank_lines, wl.report.duplicates
    (1, 1)
    >>> split_words(wl.words, seed=42).train
    ('ava', 'olivia', 'emma')
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import random
import re
import stat
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import torch

from .vocab import MAX_CHARS

MAX_WORD_CHARS = 1000  # a longer line is not a "thing" to model one character at a time
MAX_BYTES = 200 * 1024 * 1024  # the library's own ceiling; the dashboard's upload limit is lower

# Magic numbers of files people upload by mistake, so the message can name what they gave.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (or an Office document such as .xlsx or .docx)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x80\x04": "a pickle",
    b"\x80\x05": "a pickle",
}


_LINE_END = re.compile(r"\r\n|\r|\n")
_HEADER_NAMES = {"name", "names", "word", "words", "first_name", "firstname", "text", "token", "label", "city"}


class WordListError(ValueError):
    """Raised for anything that cannot be a word list; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class LoadReport:
    """What loading did to the raw text, so nothing disappears unexplained."""

    encoding: str  # how the bytes were decoded ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
    lines: int  # lines in the file
    blank_lines: int  # lines that were empty after stripping whitespace (dropped)
    stripped: int  # lines whose surrounding whitespace was removed
    lowercased: int  # words changed by lowercasing (0 when lowercasing is off)
    duplicates: int  # words that repeat an earlier word (always counted)
    duplicates_dropped: bool  # whether those repeats were removed
    csv_column: str | None = None  # a CSV/TSV file: which column became the words ("first column, header 'name'")
    bad_lines: tuple[int, ...] = ()  # line numbers (1-based) dropped: bytes there are not UTF-8, in a UTF-8 file
    csv_problems: tuple[str, ...] = ()  # table lines read as they are, e.g. "line 2: a quote is never closed"

    def warnings(self) -> list[str]:
        """What a person must know because some of their file was read other than as they wrote it."""
        out = []
        if self.encoding in ("cp1252", "latin-1"):
            name = "Windows-1252" if self.encoding == "cp1252" else "Latin-1"
            out.append(
                f"The file is not UTF-8: it was read as {name}, which explains its bytes best. If accented "
                "letters look wrong, save the file as UTF-8 and upload it again."
            )
        if self.bad_lines:
            shown = ", ".join(f"{n:,}" for n in self.bad_lines[:10]) + (", …" if len(self.bad_lines) > 10 else "")
            out.append(
                f"{len(self.bad_lines):,} line(s) held bytes that are not UTF-8 and were dropped (line {shown}); "
                "the rest of the file is UTF-8 and was read as such."
            )
        for problem in self.csv_problems[:10]:
            out.append(f"Table {problem}.")
        if len(self.csv_problems) > 10:
            out.append(f"… and {len(self.csv_problems) - 10:,} more table lines like these.")
        return out

    def notes(self) -> list[str]:
        """Plain sentences describing every other change, for the dashboard and the CLI."""
        out = []
        if self.csv_column:
            out.append(f"The file is a table; the words are its {self.csv_column}.")
        if self.encoding.startswith("utf-16"):
            out.append(f"The file is {self.encoding.upper()}; it was decoded.")
        if self.blank_lines:
            out.append(f"{self.blank_lines:,} blank line(s) were skipped.")
        if self.stripped:
            out.append(f"{self.stripped:,} line(s) had surrounding spaces removed.")
        if self.lowercased:
            out.append(f"{self.lowercased:,} word(s) were lowercased.")
        if self.duplicates:
            verb = "were removed" if self.duplicates_dropped else "are kept (tick 'drop duplicates' to remove them)"
            out.append(f"{self.duplicates:,} duplicate word(s) {verb}.")
        return out


@dataclass(frozen=True)
class WordStats:
    """The numbers the dataset page and `python -m makemore stats` show."""

    words: int
    unique_words: int
    duplicates: int
    chars: int  # distinct characters, boundary excluded
    bigrams: int  # sum of (len(w) + 1): the lecture's 228,146 for its names
    min_len: int
    mean_len: float
    max_len: int


@dataclass(frozen=True)
class Tally:
    """What loading measured on the way (the fast path, see `_load_plain`), so that no one measures it again."""

    stats: WordStats  # word_stats(words)
    chars: tuple[tuple[str, int], ...]  # char_counts(words) as (character, occurrences), first appearance first
    lengths: tuple[tuple[int, int], ...]  # (length, words of that length), first appearance first
    lines: bytes  # the words, each ended by "\n" (ASCII): what the digest hashes and examples are encoded from


@dataclass(frozen=True)
class WordList:
    """Validated words in file order, where they came from, and what loading did."""

    words: tuple[str, ...]
    name: str
    report: LoadReport
    digest: str  # sha256 of the words after normalisation: the cache key of everything derived
    tally: Tally | None = field(default=None, repr=False, compare=False)  # the words' numbers, when loading had them

    def __len__(self) -> int:
        return len(self.words)

    def stats(self) -> WordStats:
        """`word_stats(self.words)`, as measured while loading when it was."""
        return self.tally.stats if self.tally else word_stats(self.words)

    def char_counts(self) -> Counter[str]:
        """`char_counts(self.words)`: how often each character occurs, in order of first appearance."""
        return Counter(dict(self.tally.chars)) if self.tally else char_counts(self.words)

    def length_counts(self) -> Counter[int]:
        """How many words have each length, in order of first appearance."""
        return Counter(dict(self.tally.lengths)) if self.tally else Counter(map(len, self.words))


# --- decoding ---------------------------------------------------------------------------------------------


_BAD_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as Python's surrogateescape keeps it
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a character that came from a valid multi-byte sequence


def _decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-16 with or without a BOM; UTF-8 (BOM optional), where bytes that are not
    UTF-8 stay in the text as lone surrogates (U+DC80-U+DCFF) for `load_words` to drop line by line; Windows-1252
    or Latin-1 only when that explains the file better than UTF-8 does (the invalid bytes outnumber the valid
    multi-byte sequences; a tie stays UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise WordListError("The file starts like UTF-16 text but cannot be decoded as UTF-16.") from e
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise WordListError(f"This looks like {what}, not a text file: upload a .txt with one word per line.")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text, encoding = utf16  # still checked for control characters below: a binary file can look like this
    elif b"\x00" in data[:65536]:
        raise WordListError("This looks like a binary file, not text: upload a .txt with one word per line.")
    else:
        text, encoding = _decode_8bit(data)
    head = text[:65536]
    controls = sum(1 for c in head if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > 0.01 * len(head):
        raise WordListError("This looks like a binary file, not text: upload a .txt with one word per line.")
    return text, encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """UTF-8 (bad bytes kept as lone surrogates), unless the bad bytes outnumber the valid multi-byte sequences:
    then Windows-1252, or Latin-1. Counted without building lists: a 50 MB upload costs no extra memory."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    text = data.decode("utf-8", errors="surrogateescape")
    if data.isascii() or encoding != "utf-8":
        return text, encoding
    bad = sum(1 for _ in _BAD_BYTE.finditer(text))
    valid = sum(1 for _ in itertools.islice(_NON_ASCII.finditer(text), bad))  # stops once it reaches `bad`
    if bad and valid < bad:
        try:  # Windows' superset of Latin-1 first: its bytes 0x80-0x9F are quotes and dashes, not controls
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    return text, encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: text in the Latin range has a zero byte in every other position (odd positions
    little-endian, even ones big-endian) and almost none in the others."""
    sample = data[:65536]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.5 and others < 0.02:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


# --- loading ----------------------------------------------------------------------------------------------


def load_words(data: bytes, *, name: str = "upload", lowercase: bool = False, dedupe: bool = False) -> WordList:
    """Parse the bytes of a file with one word per line into a WordList, or raise WordListError.

    Surrounding whitespace is stripped and blank lines are skipped (both counted); CRLF, CR and LF all end a
    line. `lowercase` folds case; `dedupe` keeps only the first occurrence of each word.
    """
    if len(data) > MAX_BYTES:
        raise WordListError(f"The file is {len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB.")
    if not data:
        raise WordListError("The file is empty: upload a text file with one word per line.")
    if data.isspace():  # `not data.strip()`, without copying the file: not empty, yet nothing to model
        raise WordListError(
            "The file holds only whitespace (spaces, tabs or empty lines) and no words: put one word per line."
        )
    plain = _load_plain(data, name, lowercase, dedupe)
    if plain is not None:
        return plain
    text, encoding = _decode(data)
    lines = _LINE_END.split(text)  # not str.splitlines: \x85, \x0c, \u2028... are characters of a word here
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    numbers: Sequence[int] = range(1, len(lines) + 1)  # each kept line's number in the file, for messages
    bad_lines: tuple[int, ...] = ()
    if encoding.startswith("utf-8") and _BAD_BYTE.search(text):
        bad_lines = tuple(i for i, line in enumerate(lines, 1) if _BAD_BYTE.search(line))
        kept = [(n, line) for n, line in enumerate(lines, 1) if not _BAD_BYTE.search(line)]
        if not kept:
            raise WordListError("No line of the file is valid UTF-8 text: save it as UTF-8 and upload it again.")
        numbers, lines = [n for n, _ in kept], [line for _, line in kept]
    table = _csv_first_column(lines, name, numbers)
    csv_column, csv_problems, header = None, (), False
    if table is not None:
        lines, csv_column, csv_problems, numbers, header = table
    stripped_lines = [line.strip() for line in lines]
    words = [w for w in stripped_lines if w]
    blank = len(lines) - len(words)
    stripped = sum(len(a) != len(b) for a, b in zip(lines, stripped_lines, strict=True) if b)
    longest = max(map(len, words), default=0)
    if longest > MAX_WORD_CHARS:
        i = next(i for i, w in enumerate(stripped_lines) if len(w) > MAX_WORD_CHARS)
        raise WordListError(
            f"Line {numbers[i]:,} is {len(stripped_lines[i]):,} characters long; a word may have at most "
            f"{MAX_WORD_CHARS:,}. Put one word per line."
        )
    if not words:
        if header:
            raise WordListError("The table has no rows below its header: put one word per line.")
        if csv_column:
            raise WordListError("The first column of the table is empty: put the words in the first column.")
        raise WordListError("The file has no words, only blank lines: put one word per line.")
    lowered = 0
    if lowercase:
        folded = [w.lower() for w in words]
        lowered = sum(a != b for a, b in zip(words, folded, strict=True))
        words = folded
    unique = list(dict.fromkeys(words))
    duplicates = len(words) - len(unique)
    if dedupe:
        words = unique
    chars = set("".join(unique))
    if len(chars) > MAX_CHARS:
        raise WordListError(
            f"The words use {len(chars):,} distinct characters; the models support at most {MAX_CHARS:,}. "
            "Use a smaller alphabet (e.g. lowercase) or a smaller file."
        )
    report = LoadReport(
        encoding=encoding,
        lines=len(lines),
        blank_lines=blank,
        stripped=stripped,
        lowercased=lowered,
        duplicates=duplicates,
        duplicates_dropped=dedupe,
        csv_column=csv_column,
        bad_lines=bad_lines,
        csv_problems=csv_problems,
    )
    return WordList(words=tuple(words), name=name, report=report, digest=digest_words(words))


# --- the fast path: plain ASCII lists ---------------------------------------------------------------------

_NEWLINE = ord("\n")
# Bytes only the general path reads right: those below the space but the newline (CR line ends, tabs, the NUL of
# binary and UTF-16 files, ...) and the space itself (stripped). Any other ASCII byte is a character of a word there.
_NEEDS_CARE = np.ones(256, dtype=bool)
_NEEDS_CARE[33:] = False
_NEEDS_CARE[_NEWLINE] = False
_UPPER = slice(ord("A"), ord("Z") + 1)
_LOWER = slice(ord("a"), ord("z") + 1)


def _load_plain(data: bytes, name: str, lowercase: bool, dedupe: bool) -> WordList | None:
    """`load_words` for the common file, at C speed: ASCII, lines ended by "\\n" alone, nothing to strip, no table,
    no line too long. Every field of the WordList and its report is what the general path gives for the same bytes
    (tests/test_words.py holds the two paths against each other); any other file gives None, for the general path.

    Nothing here loops over words in Python: one byte histogram gives the checks and the characters, the newline
    positions give the lengths, `str.split` the words and a set the duplicates, and the digest hashes the bytes.
    """
    if not data.isascii() or name.lower().endswith((".csv", ".tsv")) or data.startswith(tuple(_MAGIC)):
        return None
    hist = torch.bincount(torch.frombuffer(bytearray(data), dtype=torch.uint8), minlength=256).numpy()
    if hist[_NEEDS_CARE].any():
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == _NEWLINE)  # where each line ends (past the last byte when it has no newline)
    if not data.endswith(b"\n"):
        ends = np.append(ends, len(data))
    line_lengths = np.diff(ends, prepend=-1) - 1
    if int(line_lengths.max()) > MAX_WORD_CHARS:
        return None  # the general path names the line
    lowered = 0
    if lowercase and hist[_UPPER].any():
        lowered = _lines_with_uppercase(raw, ends)
        data, hist = data.lower(), hist.copy()  # bytes.lower() is str.lower() on ASCII
        hist[_LOWER] += hist[_UPPER]
        hist[_UPPER] = 0
    lines = data.decode("ascii").split("\n")
    if data.endswith(b"\n"):
        lines.pop()  # the newline that ends the last line
    blank = int(np.count_nonzero(line_lengths == 0))
    words = list(filter(None, lines)) if blank else lines  # a blank line is an empty one: nothing to strip here
    unique = len(set(words))
    duplicates = len(words) - unique
    report = LoadReport(
        encoding="utf-8",  # what the general path calls ASCII (UTF-8 without a BOM)
        lines=len(lines),
        blank_lines=blank,
        stripped=0,
        lowercased=lowered,
        duplicates=duplicates,
        duplicates_dropped=dedupe,
    )
    if dedupe and duplicates:  # fewer words than lines: the lines' numbers are not the words'
        words = list(dict.fromkeys(words))
        return WordList(words=tuple(words), name=name, report=report, digest=digest_words(words))
    if blank:
        text = ("\n".join(words) + "\n").encode("ascii")
    else:  # the bytes are the words one per line already: no million strings to join
        text = data if data.endswith(b"\n") else data + b"\n"
    digest = hashlib.sha256(text).hexdigest()  # digest_words(words), which the tests check
    word_lengths = line_lengths[line_lengths > 0] if blank else line_lengths
    tally = _tally(words, unique, hist, word_lengths, text)
    return WordList(words=tuple(words), name=name, report=report, digest=digest, tally=tally)


def _lines_with_uppercase(raw: np.ndarray, ends: np.ndarray) -> int:
    """How many lines hold an uppercase ASCII letter: the words lowercasing changes."""
    upper = np.flatnonzero((raw >= ord("A")) & (raw <= ord("Z")))
    line = np.searchsorted(ends, upper)  # ascending, so each new line is a step
    return int(np.count_nonzero(np.diff(line))) + 1


def _tally(words: list[str], unique: int, hist: np.ndarray, lengths: np.ndarray, lines: bytes) -> Tally:
    """WordStats, character counts and length counts from the byte histogram and the words' lengths."""
    n = len(words)
    hist = hist.copy()
    hist[_NEWLINE] = 0
    chars = {chr(b): int(hist[b]) for b in np.flatnonzero(hist)}
    by_length = np.bincount(lengths)
    length_counts = {int(length): int(by_length[length]) for length in np.flatnonzero(by_length)}
    total = int(lengths.sum())
    stats = WordStats(
        words=n,
        unique_words=unique,
        duplicates=n - unique,
        chars=len(chars),
        bigrams=total + n,
        min_len=int(lengths.min()),
        mean_len=total / n,
        max_len=int(lengths.max()),
    )
    chars_seen = _first_appearances(words, set(chars), lambda head: "".join(head))
    lengths_seen = _first_appearances(lengths, set(length_counts), lambda head: head.tolist())
    return Tally(
        stats=stats,
        chars=tuple((c, chars[c]) for c in chars_seen),
        lengths=tuple((length, length_counts[length]) for length in lengths_seen),
        lines=lines,
    )


def _first_appearances(seq, keys: set, items) -> list:
    """`keys` in the order they first appear in `seq` (as Counter(...) would list them), reading ever longer
    prefixes: in a long list every character and length almost always shows itself within the first few thousand."""
    n = 1024
    while True:
        order = [k for k in dict.fromkeys(items(seq[:n])) if k in keys]
        if len(order) == len(keys) or n >= len(seq):
            return order
        n *= 8


_DELIMITERS = (",", ";", "\t", "|")


def _csv_first_column(lines: list[str], name: str, numbers: Sequence[int]):
    """A .csv/.tsv file is a table: its words are the first column, its first row a header when that row names
    the column (a word like "name") or when a later column holds numbers below a non-number in the first row.
    Decided by the file name only: a plain list may have commas inside its words. The delimiter is the one of
    `, ; tab |` found the same number of times on most lines; quotes are honoured, and a line whose quotes are
    malformed is read as it is and reported by its number in the file (`numbers`), never swallowing the lines
    after it. Returns (first column, how it was read, problems, the kept lines' numbers, header skipped) or None."""
    lower = name.lower()
    if not lower.endswith((".csv", ".tsv")):
        return None
    delim = _sniff_delimiter(lines, "\t" if lower.endswith(".tsv") else ",")
    try:
        reader = csv.reader(lines, delimiter=delim, strict=True)
        rows = list(reader)
        whole = len(rows) == len(lines)  # a quote left open joins lines into one row: read line by line instead
    except csv.Error:
        whole = False
    problems: list[str] = []
    if not whole:
        rows = []
        for number, line in zip(numbers, lines, strict=True):
            try:
                rows.append(next(csv.reader([line], delimiter=delim, strict=True), []))
            except csv.Error as e:
                what = "a quote is never closed" if "end of data" in str(e) else f"a quote is misplaced ({e})"
                problems.append(f"line {number:,}: {what}; the line was read as it is")
                rows.append([f.strip().strip('"') for f in line.split(delim)])
    column = [row[0] if row else "" for row in rows]
    where = "first column" + {",": "", ";": " (separated by ';')", "\t": "", "|": " (separated by '|')"}[delim]
    first = next((i for i, row in enumerate(rows) if any(f.strip() for f in row)), None)
    if first is None:
        return column, where, tuple(problems), numbers, False
    head, below = rows[first], rows[first + 1 : first + 50]
    named = head[0].strip().lower() in _HEADER_NAMES
    numbers_below = any(
        not _is_number(h) and any(len(r) > j and _is_number(r[j]) for r in below) for j, h in enumerate(head[1:], 1)
    )
    if named or numbers_below:
        kept = column[:first] + column[first + 1 :]
        kept_numbers = [*numbers[:first], *numbers[first + 1 :]]
        return kept, f"{where} (the header {head[0].strip()!r} skipped)", tuple(problems), kept_numbers, True
    return column, where, tuple(problems), numbers, False


def _sniff_delimiter(lines: list[str], default: str) -> str:
    """The delimiter that splits most of the first 50 non-blank lines into the same number (≥ 2) of fields."""
    sample = [line for line in lines[:200] if line.strip()][:50]
    best, best_score = default, 0
    for d in _DELIMITERS:
        counts = Counter(line.count(d) for line in sample)
        n, lines_with_n = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=(0, 0))
        score = lines_with_n if n > 0 else 0
        if score > best_score or (score == best_score and score and d == default):
            best, best_score = d, score
    return best


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


STDIN = "-"  # the path that means standard input, as most command-line tools read it
_CHUNK = 2**20  # read a megabyte at a time: a device or pipe never says how much is coming


def shape_warning(wl: WordList) -> str | None:
    """A sentence when a list does not look like one word per line (very long "words", or most lines holding
    spaces: prose, a table read whole), or None. Said, never refused: any text can be modelled.

    >>> shape_warning(from_list(["emma", "ava"])) is None
    True
    >>> shape_warning(from_list(["the cat sat on the mat", "a dog barked at it", "emma"]))[:45]
    'This does not look like a word list: 2 of 3 l'
    """
    words = wl.words
    if not words:
        return None
    spaced = sum(" " in w for w in words[:10_000])
    sample = min(len(words), 10_000)
    mean = wl.stats().mean_len
    if spaced * 2 > sample:
        return (
            f"This does not look like a word list: {spaced:,} of {sample:,} lines hold spaces. Each line is one "
            '"word" to the models; put one word per line for names-like results.'
        )
    if mean > 30:
        return (
            f"This does not look like a word list: its lines are {mean:.0f} characters long on average. Each line "
            'is one "word" to the models; put one word per line for names-like results.'
        )
    return None


def read_words(path: str | Path, **options) -> WordList:
    """Load a word list from a file path, or from standard input when the path is "-" (same options as
    `load_words`). At most `MAX_BYTES` are read, whatever the path is: a regular file, a device such as
    /dev/zero, a pipe that never ends, or stdin; past that the reading stops with a WordListError.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = pathlib.Path(d, "tiny.txt")
        ...     _ = p.write_bytes(b"emma\\nava\\n")
        ...     read_words(p).words
        ('emma', 'ava')
    """
    if str(path) == STDIN:
        return load_words(_read_stdin(), name="stdin", **options)
    p = Path(path)
    try:
        with p.open("rb") as f:
            st = os.fstat(f.fileno())
            # A regular file says its size: refuse a big one before reading it. Anything else (a device such as
            # /dev/zero reports 0, a pipe nothing) is refused by `read_capped` once it has sent too much.
            if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
                raise WordListError(f"{p} is {st.st_size / 2**20:.0f} MB; the limit is {_amount(MAX_BYTES)}.")
            data = read_capped(f, str(p))
    except OSError as e:
        raise WordListError(f"Cannot read {p}: {e.strerror or e}.") from e
    return load_words(data, name=p.name, **options)


def _read_stdin() -> bytes:
    """Standard input's bytes, capped like a file's."""
    stream = getattr(sys.stdin, "buffer", None)  # None when Python runs with no stdin at all
    if stream is None:
        raise WordListError("Cannot read stdin: this process has no standard input.")
    try:
        return read_capped(stream, "stdin")
    except OSError as e:
        raise WordListError(f"Cannot read stdin: {e.strerror or e}.") from e


def read_capped(stream: BinaryIO, name: str) -> bytes:
    """All of a binary stream, read in chunks, or WordListError as soon as it holds more than `MAX_BYTES`: at
    most `MAX_BYTES` + 1 bytes are ever read, so an endless stream costs a bounded time and memory.

        >>> import io
        >>> read_capped(io.BytesIO(b"emma\\n"), "tiny.txt")
        b'emma\\n'
    """
    chunks, total = [], 0
    while chunk := stream.read(min(_CHUNK, MAX_BYTES + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_BYTES:
            raise WordListError(f"{name} is over the {_amount(MAX_BYTES)} limit: use a smaller word list.")
    return b"".join(chunks)


def _amount(n: int) -> str:
    """A size as people say it: '200 MB', or bytes below a megabyte (a lowered limit, in tests)."""
    return f"{n // 2**20:,} MB" if n >= 2**20 else f"{n:,} bytes"


def from_list(words: Sequence[str], *, name: str = "words", **options) -> WordList:
    """A WordList from Python strings (tests, notebooks): validated exactly like a file."""
    return load_words("\n".join(words).encode("utf-8"), name=name, **options)


def digest_words(words: Sequence[str]) -> str:
    """sha256 of the words, one per line: the identity of a word list for every cache."""
    return hashlib.sha256(("\n".join(words) + "\n").encode("utf-8", "surrogatepass")).hexdigest()


# --- statistics -------------------------------------------------------------------------------------------


def word_stats(words: Sequence[str]) -> WordStats:
    """Counts and lengths of a word list.

    >>> word_stats(["emma", "ava", "emma"])
    WordStats(words=3, unique_words=2, duplicates=1, chars=4, bigrams=14, min_len=3, mean_len=3.6666666666666665, max_len=4)
    """
    lengths = [len(w) for w in words]
    unique = len(set(words))
    return WordStats(
        words=len(words),
        unique_words=unique,
        duplicates=len(words) - unique,
        chars=len(set("".join(words))),
        bigrams=sum(lengths) + len(words),
        min_len=min(lengths, default=0),
        mean_len=sum(lengths) / len(lengths) if lengths else 0.0,
        max_len=max(lengths, default=0),
    )


def char_counts(words: Sequence[str]) -> Counter[str]:
    """How often each character occurs across all words."""
    return Counter("".join(words))


# --- splits (exercise E02) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    train: tuple[str, ...]
    dev: tuple[str, ...]
    test: tuple[str, ...]


def split_words(words: Sequence[str], fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 42) -> Split:
    """A seeded random train/dev/test split, as in the makemore lectures.

    `random.seed(42); random.shuffle(words)` then cut at 80% and 90%: the same words as the later lectures
    put in each part, for the same list.
    """
    if any(f < 0 for f in fractions) or abs(sum(fractions) - 1) > 1e-9:
        raise WordListError("Split fractions must be non-negative and add up to 1.")
    shuffled = list(words)
    random.Random(seed).shuffle(shuffled)
    n1 = int(fractions[0] * len(shuffled))
    n2 = int((fractions[0] + fractions[1]) * len(shuffled))
    return Split(tuple(shuffled[:n1]), tuple(shuffled[n1:n2]), tuple(shuffled[n2:]))
