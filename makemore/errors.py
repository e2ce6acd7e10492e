"""The engine's own errors about what a list, an order or the server can hold: each message is one sentence that
says what to change, shown as it is by the pages and the command line."""


class OrderError(ValueError):
    """An order this vocabulary cannot number or hold; the message says which order would work."""


class MemoryBudgetError(OrderError):
    """A large allocation that does not fit the process's memory budget now (`makemore.memory`). An OrderError, so
    every page and command that says "choose a lower order" in one line says this in one line too."""
