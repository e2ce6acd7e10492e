"""A person's file, read as a word list: the one upload flow of the sidebar, Orders & smoothing and Two lists.

A file's words live in its visitor's session only (no shared cache). Their memory is paid from the server's one
budget (`makemore.memory`) before the file is parsed, about 16 bytes per byte of the file (each word is a Python
string; measured: a 7 MB list of a million words holds 102 MB), and is released when the list is dropped.
"""

from __future__ import annotations

from streamlit.runtime.uploaded_file_manager import DeletedFile

from makemore import memory
from makemore.errors import MemoryBudgetError
from makemore.words import WordList, WordListError, load_words

BYTES_PER_BYTE = 16  # memory a word list holds per byte of its file (strings, the tuple, counts)


def read_upload(data: bytes, name: str, lowercase: bool = False, dedupe: bool = False) -> WordList:
    """The file's words, or WordListError with one sentence (a bad file, or no room in the server's memory now).

    >>> read_upload(b"Emma\\nava\\n", "two.txt", lowercase=True).words
    ('emma', 'ava')
    """
    try:
        paid = memory.reserve(
            BYTES_PER_BYTE * len(data),
            f"reading {name} ({len(data) / 2**20:.1f} MB)",
            "try a smaller file, or again when other visitors are done",
        )
    except MemoryBudgetError as e:
        raise WordListError(f"{e}.") from None
    try:
        wl = load_words(data, name=name, lowercase=lowercase, dedupe=dedupe)
    except BaseException:
        paid.release()
        raise
    return paid.keep(wl)


def held(f):
    """A file uploader's value as its callback reads it from `st.session_state`: None when this server does not
    hold the file. Streamlit gives a `DeletedFile` there when the browser names a file the server has not got: a
    room's replica died and the browser reconnected to another with its widgets' states (docs/room.md)."""
    return None if isinstance(f, DeletedFile) else f
