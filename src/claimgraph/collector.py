"""Keeping Python's cyclic garbage collector off the long-lived tables of an analysis.

Loading the spaCy pipeline and building the stages' knowledge tables allocates millions of
objects that live as long as the process. The collector would traverse them at every full
collection: while they are being built (about 0.3 s of CPU at each start, measured on the
team machine, BENCHMARKS.md) and now and then for ever after. :func:`collection_paused`
builds them with automatic collection off; :func:`freeze_long_lived` then moves every
object alive into the collector's permanent generation (:func:`gc.freeze`), which it never
traverses again, the way long-running Python servers treat what they load before forking.
Freezing never frees or keeps anything by itself: reference counting still frees a frozen
object nobody holds; only a *cycle* frozen at that moment would never be collected.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collection_paused", "freeze_long_lived"]


@contextlib.contextmanager
def collection_paused(*, freeze: bool = False) -> Iterator[None]:
    """No automatic cyclic collection inside the block; with ``freeze``, what is alive when
    the block ends is frozen (:func:`freeze_long_lived`) before collection resumes.

    A threshold of 0 rather than :func:`gc.disable`: some readers (msgpack, which spaCy loads
    its weights with) call :func:`gc.enable` when they finish, which would end the pause.
    Freezing *inside* the pause matters: the first allocation after it would otherwise start
    a collection of the young generation, which then holds everything built in the block.
    """
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
        if freeze:
            freeze_long_lived()
    finally:
        gc.set_threshold(*before)


def freeze_long_lived() -> None:
    """Every object alive now goes to the permanent generation (:func:`gc.freeze`)."""
    gc.freeze()
