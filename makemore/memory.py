"""One memory budget for every large allocation of a process: tables, probabilities, examples, nets, word lists.

A dashboard serves many visitors from one process, and a small upload can ask for gigabytes (1,000 distinct
characters at order 3 is a table of a billion cells). So every large allocation of the engine is first *reserved*
here, by its size computed before it is made; a reservation that does not fit raises `MemoryBudgetError`, a
sentence naming what to change, and nothing is allocated. A reservation is then either `kept` by the object it
paid for (released when that object is garbage-collected: a visitor who leaves frees their share) or held for a
block of work only (`transient`: one training step's working memory).

The budget is off (unlimited) until `set_limit` is called: the command line runs on a person's own machine; the
dashboard sets it once for the server (`MAKEMORE_MEMORY_GB`, default 2).

    >>> set_limit(2**24)
    >>> r = reserve(2**23, "a table")
    >>> held()
    8388608
    >>> try:
    ...     reserve(2**24, "another table", "choose a lower order")
    ... except MemoryBudgetError as e:
    ...     print(e)
    another table would need 16.0 MB of memory; this server's budget is 16.0 MB and 8.0 MB of it is free now: choose a lower order
    >>> r.release(); held(), set_limit(None)
    (0, None)
"""

from __future__ import annotations

import threading
import weakref
from contextlib import contextmanager

from .errors import MemoryBudgetError

SMALL = 2**20  # reservations under 1 MB are not worth a lock and a finalizer: they are counted as nothing


_lock = threading.Lock()
_limit: int | None = None
_held = 0


def set_limit(nbytes: int | None) -> None:
    """The budget in bytes for the whole process (None: unlimited, the default)."""
    global _limit
    _limit = None if nbytes is None else int(nbytes)


def limit() -> int | None:
    return _limit


def held() -> int:
    """Bytes reserved now, by every visitor."""
    return _held


def _mb(nbytes: int) -> str:
    # two decimals of a GB: "needs 1.3 GB, 1.3 GB free" read as if it fitted
    return f"{nbytes / 2**30:.2f} GB" if nbytes >= 2**30 else f"{nbytes / 2**20:.1f} MB"


class Reservation:
    """Bytes held from the budget until released, by hand or by the death of the object that keeps them."""

    def __init__(self, nbytes: int) -> None:
        self.nbytes = nbytes
        self._done = False

    def release(self) -> None:
        global _held
        with _lock:
            if not self._done:
                _held -= self.nbytes
                self._done = True

    def keep(self, obj):
        """Hold the bytes as long as `obj` lives (it must accept weak references); returns `obj`."""
        if self.nbytes and not self._done:
            weakref.finalize(obj, self.release)
        return obj


def reserve(nbytes: int, what: str, advice: str = "choose a lower order or a smaller list") -> Reservation:
    """Reserve `nbytes` for `what` (e.g. "the order-3 table"), or raise MemoryBudgetError saying so and `advice`."""
    global _held
    nbytes = int(nbytes)
    if nbytes < SMALL or _limit is None:
        return Reservation(0)
    with _lock:
        free = _limit - _held
        if nbytes > free:
            raise MemoryBudgetError(
                f"{what} would need {_mb(nbytes)} of memory; this server's budget is {_mb(_limit)} and "
                f"{_mb(max(free, 0))} of it is free now: {advice}"
            )
        _held += nbytes
    return Reservation(nbytes)


def charge(obj, nbytes: int, what: str, advice: str = "choose a lower order or a smaller list"):
    """Reserve `nbytes` for `obj` for as long as it lives; returns `obj`. For an allocation whose size is only
    known once made (a word list's strings): the object is dropped, unpaid, if it does not fit."""
    return reserve(nbytes, what, advice).keep(obj)


@contextmanager
def transient(nbytes: int, what: str, advice: str = "choose a lower order or a smaller list"):
    """Reserve for the duration of a block (a step's working memory)."""
    r = reserve(nbytes, what, advice)
    try:
        yield
    finally:
        r.release()


def tensor_bytes(*tensors) -> int:
    """Bytes of these tensors' elements (None skipped)."""
    return sum(t.numel() * t.element_size() for t in tensors if t is not None)
