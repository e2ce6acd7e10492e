"""The lecture's own word list, fetched once: makemore's names.txt (MIT), 32,033 names, kept in the user's cache.

The dashboard ships US names of 2017 (32,469 words), close to the lecture's list but not it, so the lecture's
printed numbers (3.7686 for the first loss, 2.4544 for the counts model's NLL, the samples `mor. axx. …`) need the
lecture's file. It is a download the user's machine makes, once: checked (its SHA-256 digest and its 32,033 words),
then kept in the cache (`$MAKEMORE_CACHE`, else `$XDG_CACHE_HOME/makemore`, else `~/.cache/makemore`) and offered as
a built-in list from then on. Offline, it says so in one sentence and nothing else changes.

    >>> LECTURE.words, LECTURE.file
    (32033, 'names.txt')
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .words import WordList, read_words


@dataclass(frozen=True)
class Source:
    """A word list the user's machine may download."""

    key: str  # its name on the command line and in links (`--data lecture`)
    name: str  # how pages and commands call it
    url: str  # where it is fetched from by default
    sha256: str  # the digest of the file as published
    words: int  # how many words it holds
    file: str  # its file name in the cache
    max_bytes: int = 2**21  # a download larger than this is not the file (names.txt is 228 KB)


LECTURE = Source(
    key="lecture",
    name="names.txt (the lecture's, makemore)",
    url="https://raw.githubusercontent.com/karpathy/makemore/master/names.txt",
    sha256="0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
    words=32_033,
    file="names.txt",
)


class FetchError(RuntimeError):
    """A download that did not happen or did not check out; the message is one sentence, nothing was changed."""


def cache_dir() -> Path:
    """Where fetched lists are kept (not created here)."""
    if os.environ.get("MAKEMORE_CACHE"):
        return Path(os.environ["MAKEMORE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "makemore"


def cached_path(source: Source = LECTURE) -> Path | None:
    """The fetched file, if it is in the cache."""
    path = cache_dir() / source.file
    return path if path.is_file() else None


def cached_words(source: Source = LECTURE, **options) -> WordList | None:
    """The fetched list as a WordList named for what it is, or None before it is fetched."""
    path = cached_path(source)
    if path is None:
        return None
    wl = read_words(path, **options)
    return WordList(words=wl.words, name=source.name, report=wl.report, digest=wl.digest)


def fetch(source: Source = LECTURE, url: str | None = None, timeout: float = 15.0, check: bool = True) -> Path:
    """Download `source` (from `url` if given), check it and keep it in the cache; returns its path. Raises
    FetchError with one sentence when offline, when the server says no, or when the file is not the one expected
    (`check=False`: any word list is kept, for a mirror of another file)."""
    url = url or source.url
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(source.max_bytes + 1)
    except urllib.error.HTTPError as e:
        raise FetchError(f"The server answered {e.code} for {url}; nothing was changed.") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise FetchError(
            f"Could not download {url} ({reason}): this machine seems to be offline; nothing was changed."
        ) from None
    if len(data) > source.max_bytes:
        raise FetchError(f"{url} is larger than {source.max_bytes:,} bytes: not {source.file}; nothing was kept.")
    digest = hashlib.sha256(data).hexdigest()
    count = len(data.decode("utf-8", errors="replace").split())
    if check and (digest != source.sha256 or count != source.words):
        raise FetchError(
            f"{url} gave {count:,} words with another digest than the lecture's {source.file} "
            f"({source.words:,} words); nothing was kept."
        )
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as tmp:  # a complete file or none
        tmp.write(data)
    final = folder / source.file
    os.replace(tmp.name, final)
    return final
