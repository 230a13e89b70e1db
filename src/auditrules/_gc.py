"""Pausing Python's cycle collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
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


class Sparing:
    """The collector off for a long run of forms, with one full collection every `every` forms.

    Checking a form makes a great many objects and almost no reference cycles (about one
    object left in a cycle for every thirty forms), so reference counting frees nearly all of
    it. Switching the collector back on after every form instead makes it walk the long-lived
    objects (the findings kept, the texts already scored) over and over: a sixth of the check's
    time. The occasional full collection keeps the few cycles from adding up.

    `forget`, when given, is called just before each full collection, between two forms, and
    when the run ends: to let go of what is kept only to be used again (the texts read for the
    last few forms), which the collection would otherwise walk too, and which most of its time
    was spent on."""

    def __init__(self, every: int = 2000, forget: Callable[[], None] | None = None) -> None:
        self.every = every
        self.forget = forget
        self.done = 0
        self.was_enabled = False

    def __enter__(self) -> Sparing:
        self.was_enabled = gc.isenabled()
        gc.disable()
        return self

    def tick(self, forms: int = 1) -> None:
        """Count forms checked; collect once every `every` of them."""
        self.done += forms
        if self.done >= self.every:
            self.done = 0
            if self.forget is not None:
                self.forget()
            gc.collect()

    def __exit__(self, *_: object) -> None:
        if self.forget is not None:
            self.forget()
        if self.was_enabled:
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


COMMAND_LINE_THRESHOLD = 50_000
"""Objects made between the collector's quick looks at the newest ones, for a command-line run
(Python's own is 700)."""


def for_the_command_line() -> None:
    """Let the collector look at new objects less often, for a process that runs one command.

    Starting a command imports modules and builds rule sets, cue lists and the scorer's
    weights: hundreds of thousands of objects that live until the command ends and make almost
    no reference cycles. At Python's own setting the collector ran 129 times on the way to
    checking one write-up from the command line, 46 ms of its 0.6 s. A command ends
    soon after, and reference counting frees nearly all it makes; what little is left in cycles
    is still collected, after every 50,000 new objects instead of every 700."""
    gc.set_threshold(COMMAND_LINE_THRESHOLD, *gc.get_threshold()[1:])
