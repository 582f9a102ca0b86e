"""Analyses off the event loop: one analysis thread per worker process, with a bounded queue.

The analyser (and its spaCy pipeline) is made once per worker process, on first use or
at start-up (:meth:`AnalysisPool.warm`). The pipeline is not thread-safe (the CRF taggers
keep per-call state; two analyses at once in one process corrupt each other), so each
process analyses one document at a time, as the CLI does: more at once means more worker
processes (``claimgraph serve --workers N``). Up to ``queue`` analyses wait for the thread;
a request beyond that is refused at once with :class:`PoolBusy` (the API answers 503 with
``Retry-After``), so a burst never piles up unbounded work.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from claimgraph.record import DocumentInfo, Record

__all__ = ["AnalysisPool", "AnalyzerLike", "PoolBusy"]

T = TypeVar("T")


class AnalyzerLike(Protocol):
    """What the web app needs of an analyser (:class:`claimgraph.Analyzer` is one)."""

    def analyze(self, document: DocumentInfo | str, **meta: Any) -> Record: ...


class PoolBusy(Exception):
    """Every analysis thread is busy and the queue is full."""

    def __init__(self, retry_after_s: int) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(f"the server is busy analysing; try again in {retry_after_s} s")


class AnalysisPool:
    """One analysis thread with the analyser made by ``factory``, and ``queue`` places to wait."""

    def __init__(
        self, factory: Callable[[], AnalyzerLike], *, queue: int = 8, retry_after_s: int = 5
    ) -> None:
        self._factory = factory
        self._analyzer: AnalyzerLike | None = None
        self._made = threading.Lock()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="claimgraph-analysis")
        self._slots = threading.BoundedSemaphore(1 + max(0, queue))
        self.retry_after_s = retry_after_s

    @property
    def analyzer(self) -> AnalyzerLike:
        """The analyser (made on first use, once)."""
        with self._made:
            if self._analyzer is None:
                self._analyzer = self._factory()
            return self._analyzer

    def warm(self) -> None:
        """Make the analyser now and parse one short text, so the first request is not slow."""
        self.analyzer.analyze("The minister met his counterpart on Monday.", id="warm-up")

    async def run(self, job: Callable[[AnalyzerLike], T]) -> T:
        """Run ``job(analyzer)`` on the analysis thread; :class:`PoolBusy` when the queue is full."""
        if not self._slots.acquire(blocking=False):
            raise PoolBusy(self.retry_after_s)
        try:
            future = self._executor.submit(lambda: job(self.analyzer))
            return await asyncio.wrap_future(future)
        finally:
            self._slots.release()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
