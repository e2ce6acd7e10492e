"""Memory for the onehot and index training modes, shared by every visitor of this server process.

One step of the lecture's onehot mode on a 130,000-word list allocates about 600 MB; three visitors doing it at
once took the server to 2.9 GB. Each step now reserves its working memory here first; a step that would take the
server past SERVER_BYTES (room for one large step, not three) waits for the next tick (the page says so) instead
of allocating. The counts mode needs kilobytes and never waits.

    >>> with reserve(2**20) as ok:
    ...     ok, held() >= 2**20
    (True, True)
    >>> held()
    0
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

SERVER_BYTES = 5 * 2**28  # 1.25 GB: working memory all onehot/index steps of this process may hold at once

_lock = threading.Lock()
_held = 0


@contextmanager
def reserve(nbytes: int) -> Iterator[bool]:
    """Hold `nbytes` of the server's budget for the duration of the block; yields False (holding nothing) when
    they are not available now."""
    global _held
    with _lock:
        ok = _held + nbytes <= SERVER_BYTES
        if ok:
            _held += nbytes
    try:
        yield ok
    finally:
        if ok:
            with _lock:
                _held -= nbytes


def held() -> int:
    """Bytes reserved right now, across every session."""
    return _held
