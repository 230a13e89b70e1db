"""Pausing Python's cycle collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cycle collector off (reference counting still frees memory).

    Parsing a rule set or checking a form allocates a great many objects that all stay alive
    until the work is done, and the collector would walk every one of them over and over.
    It is switched back on afterwards only if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def kept_for_the_run() -> Iterator[None]:
    """Run the block with the collector off, then set aside every object made so far for the
    rest of the process (`gc.freeze`), so the collector never walks them again.

    For a command's rule sets, which live until the command ends: otherwise each collection
    would walk their objects again, and a worker forked to check forms would copy the memory
    pages the collector touches instead of sharing them."""
    with paused_gc():
        yield
        gc.freeze()
