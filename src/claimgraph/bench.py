"""What the analysis costs on a folder of texts: ``claimgraph bench DIR``.

On the same documents, in one run, four measurements, each in a fresh process (spawned,
so its start-up and its memory are its own):

- **parse, 1 worker**: the spaCy pipeline alone (``nlp.pipe``, the pipeline the analysis uses);
- **analysis, 1 worker**: the full analysis (``Analyzer.pipe``: parse, every stage, the records);
- **parse, N workers**: ``nlp.pipe(..., n_process=N)``;
- **analysis, N workers**: ``Analyzer.pipe(..., workers=N)``.

For each: *start-up*, the time from starting the process to its first output (Python,
imports, loading the pipeline, the knowledge and the models, and one document); *wall*, the
time from starting the process to the last output; *peak RSS per worker*, the most resident
memory of the process that did the work (1 worker: the process itself; N workers: its
largest worker, ``RUSAGE_CHILDREN``). Every run also gives the *warm* rate, documents and
words per second once running: after the first output with one worker, after the first tenth
of the outputs with several (every worker has loaded its pipeline and is busy by then). The
parse and the analysis are compared on the one-worker warm rates (:attr:`BenchReport.ratio`,
what claimgraph adds to the parse); workers on the wall time, start-up included
(:attr:`BenchReport.speedup`, since every worker loads the pipeline itself), and on the warm
rates (:attr:`BenchReport.warm_speedup`, the rate of a long feed).

On a shared machine the wall-clock rates move with the load of other processes (a parse run
and an analysis run a minute apart can see different loads). Each one-worker run therefore
also records the CPU time the process spent once warm (:attr:`Measure.warm_cpu_s`), and
:attr:`BenchReport.cpu_ratio` compares those; ``repeat`` runs the one-worker pair several
times, alternating, and keeps each kind's median run.

Words are whitespace-separated tokens of the document texts.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from queue import Empty
from typing import Any, Literal

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.record import DocumentInfo
from claimgraph.settings import Settings

__all__ = ["BenchReport", "Measure", "run_bench"]

Kind = Literal["parse", "analysis"]

#: How long one measurement may take before it is given up (seconds).
TIMEOUT_S = 6 * 3600


@dataclass(frozen=True)
class Measure:
    """One measurement (see the module docstring for what each figure means)."""

    kind: Kind
    workers: int
    documents: int
    words: int
    startup_s: float
    wall_s: float
    #: seconds after the first output (one worker), or after the first tenth of the outputs
    #: (several: the workers are all busy by then); None when too few documents to tell
    warm_s: float | None
    peak_rss_mb: float
    failed: int = 0
    #: the documents output in ``warm_s`` (None: all of them)
    warm_documents: int | None = None
    #: CPU seconds of the process over ``warm_s`` (one worker only; None with several)
    warm_cpu_s: float | None = None

    @property
    def docs_per_s(self) -> float:
        """Documents per second over the wall time (start-up included)."""
        return self.documents / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        """Words per second over the wall time (start-up included)."""
        return self.words / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def warm_docs_per_s(self) -> float | None:
        """Documents per second once running (start-up excluded; see :attr:`warm_s`)."""
        if not self.warm_s:
            return None
        return (self.documents if self.warm_documents is None else self.warm_documents) / self.warm_s

    @property
    def warm_words_per_s(self) -> float | None:
        """Words per second once running (the documents' mean length times :attr:`warm_docs_per_s`)."""
        rate = self.warm_docs_per_s
        return rate * self.words / self.documents if rate is not None and self.documents else None

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "docs_per_s": self.docs_per_s,
            "words_per_s": self.words_per_s,
            "warm_docs_per_s": self.warm_docs_per_s,
            "warm_words_per_s": self.warm_words_per_s,
        }


@dataclass(frozen=True)
class BenchReport:
    """The measurements of one ``claimgraph bench`` run."""

    documents: int
    words: int
    workers: int
    spacy_model: str
    measures: list[Measure] = field(default_factory=list)

    def get(self, kind: Kind, workers: int) -> Measure | None:
        return next((m for m in self.measures if m.kind == kind and m.workers == workers), None)

    def _one_worker_ratio(self, seconds: str) -> float | None:
        """Parse-only over full-analysis ``seconds`` (a :class:`Measure` field), one worker."""
        parse, analysis = self.get("parse", 1), self.get("analysis", 1)
        if parse is None or analysis is None:
            return None
        numerator, denominator = getattr(parse, seconds), getattr(analysis, seconds)
        return numerator / denominator if numerator and denominator else None

    @property
    def ratio(self) -> float | None:
        """Full analysis over parse-only throughput, one worker, warm (1.0: the analysis adds nothing)."""
        return self._one_worker_ratio("warm_s")

    @property
    def cpu_ratio(self) -> float | None:
        """:attr:`ratio` on the CPU time of the warm one-worker runs (steadier on a shared machine)."""
        return self._one_worker_ratio("warm_cpu_s")

    @property
    def speedup(self) -> float | None:
        """Full analysis with N workers against one, on the wall time (start-up included)."""
        one, many = self.get("analysis", 1), self.get("analysis", self.workers)
        if one is None or many is None or self.workers == 1 or many.wall_s <= 0:
            return None
        return one.wall_s / many.wall_s

    @property
    def warm_speedup(self) -> float | None:
        """Full analysis with N workers against one, once running: the rate of a long feed,
        where each worker's start-up is paid once."""
        one, many = self.get("analysis", 1), self.get("analysis", self.workers)
        if one is None or many is None or self.workers == 1:
            return None
        fast, slow = many.warm_docs_per_s, one.warm_docs_per_s
        return fast / slow if fast and slow else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "words": self.words,
            "workers": self.workers,
            "spacy_model": self.spacy_model,
            "ratio": self.ratio,
            "cpu_ratio": self.cpu_ratio,
            "speedup": self.speedup,
            "warm_speedup": self.warm_speedup,
            "measures": [m.to_dict() for m in self.measures],
        }


def _peak_rss_mb(who: int) -> float:
    """Peak resident memory in MB (``ru_maxrss`` is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _measure(kind: Kind, workers: int, settings: Settings, documents: list[DocumentInfo], t0: float) -> dict:
    """Run one measurement; ``t0`` is :func:`time.monotonic` when the parent started this process."""
    texts = [d.text for d in documents]
    first: float | None = None
    first_cpu: float | None = None
    failed = 0
    outputs: list[float] = []  # when each output came (several workers)
    if kind == "parse":
        from claimgraph.collector import collection_paused
        from claimgraph.nlp import load_pipeline

        with collection_paused(freeze=True):  # loaded as the Analyzer loads it: like with like
            nlp = load_pipeline(settings.spacy_model, settings.max_chars)
        if workers == 1:
            nlp(texts[0])
            first, first_cpu = time.monotonic(), time.process_time()
            for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                pass
        else:
            for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
                outputs.append(time.monotonic())
                first = first or outputs[-1]
    else:
        from claimgraph.analyzer import Analyzer

        analyzer = Analyzer(settings)
        if workers == 1:
            with contextlib.suppress(ClaimgraphError):  # a failing document costs its time all the same
                analyzer.analyze(documents[0])
            first, first_cpu = time.monotonic(), time.process_time()
        for result in analyzer.pipe(documents, workers=workers, errors="yield"):
            outputs.append(time.monotonic())
            first = first or outputs[-1]
            failed += isinstance(result, ClaimgraphError)
    end, end_cpu = time.monotonic(), time.process_time()
    first = first or end
    who = resource.RUSAGE_SELF if workers == 1 else resource.RUSAGE_CHILDREN
    warm_s, warm_documents = (end - first, None) if workers == 1 else _steady(outputs)
    return {
        "startup_s": first - t0,
        "wall_s": end - t0,
        "warm_s": warm_s,
        "warm_documents": warm_documents,
        "peak_rss_mb": _peak_rss_mb(who),
        "failed": failed,
        "warm_cpu_s": None if first_cpu is None else end_cpu - first_cpu,
    }


def _steady(outputs: list[float]) -> tuple[float | None, int | None]:
    """Seconds and documents from the first tenth of the outputs to the last: by then every
    worker has loaded its pipeline and is busy, so this is the rate of a long feed."""
    skip = len(outputs) // 10
    if skip < 1 or outputs[-1] <= outputs[skip - 1]:
        return None, None
    return outputs[-1] - outputs[skip - 1], len(outputs) - skip


def _median_run(runs: list[Measure]) -> Measure:
    """The run with the median warm time (the lower middle one of an even number)."""
    ordered = sorted(runs, key=lambda m: m.warm_s if m.warm_s is not None else m.wall_s)
    return ordered[(len(ordered) - 1) // 2]


def _child(queue: Any, *args: Any) -> None:
    try:
        queue.put(("ok", _measure(*args)))
    except BaseException as exc:  # reported by the parent as one line
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def measure(
    kind: Kind, workers: int, settings: Settings, documents: list[DocumentInfo], *, start: str = "spawn"
) -> Measure:
    """One measurement in a fresh process (``start``: the multiprocessing start method; ``spawn``
    measures the whole start-up, ``fork`` inherits what the caller has loaded, as tests do)."""
    context: Any = mp.get_context(start)
    queue = context.Queue()
    t0 = time.monotonic()
    process = context.Process(target=_child, args=(queue, kind, workers, settings, documents, t0))
    process.start()
    try:
        status, payload = queue.get(timeout=TIMEOUT_S)
    except Empty:
        status, payload = "error", f"no result within {TIMEOUT_S} s"
    finally:
        process.join(timeout=60)
        if process.is_alive():
            process.kill()
    if status != "ok":
        raise ClaimgraphError(f"bench: the {kind} run with {workers} worker(s) failed ({payload})")
    words = sum(len(d.text.split()) for d in documents)
    return Measure(kind=kind, workers=workers, documents=len(documents), words=words, **payload)


def run_bench(
    documents: Sequence[DocumentInfo],
    *,
    workers: int = 2,
    settings: Settings | None = None,
    kinds: Sequence[Kind] = ("parse", "analysis"),
    start: str = "spawn",
    repeat: int = 1,
) -> BenchReport:
    """Measure parse-only and full analysis with 1 and ``workers`` workers on ``documents``
    (``start``: see :func:`measure`; ``repeat``: one-worker runs per kind, alternating, the
    median kept)."""
    documents = list(documents)
    if not documents:
        raise InputError("bench: no documents to measure")
    settings = settings or Settings.from_env()
    from claimgraph.nlp import pipeline_name

    if repeat < 1:
        raise InputError("bench: repeat must be at least 1")
    runs: dict[Kind, list[Measure]] = {kind: [] for kind in kinds}
    for _ in range(repeat):
        for kind in kinds:
            runs[kind].append(measure(kind, 1, settings, documents, start=start))
    measures = [_median_run(runs[kind]) for kind in kinds]
    if workers > 1:
        measures += [measure(kind, workers, settings, documents, start=start) for kind in kinds]
    return BenchReport(
        documents=len(documents),
        words=sum(len(d.text.split()) for d in documents),
        workers=workers,
        spacy_model=pipeline_name(settings.spacy_model),
        measures=measures,
    )
