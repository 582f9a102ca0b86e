"""The analysis on a Ray cluster: ``--engine ray [--address ADDR]`` (the extra ``claimgraph[ray]``).

The flow, on Ray Data:

1. **read**: the driver reads the inputs with the readers of the local path
   (:func:`claimgraph.ingest.read_documents`: the same ids, metadata and input errors) and
   numbers the documents; every ``window`` documents become one dataset
   (:func:`ray.data.from_items`) of blocks of ``block_size`` documents in Ray's object store,
   so the driver never holds more than a window of texts;
2. **analyse**: ``map_batches`` over a pool of ``actors`` actors (one CPU each), each an
   :class:`AnalyzeBlock` that loads the pipeline, knowledge and models once and turns a block
   of documents into records (as JSON) or the one-line errors that stopped them;
3. **write**: for ``analyze``, the driver takes the records back in input order (a reorder
   buffer on the documents' numbers) and writes them as the local path does, in any
   ``--format``: the output is byte for byte that of ``claimgraph analyze`` without
   ``--engine``. For ``ingest``, a second ``map_batches`` stage of :class:`StoreBlock` actors
   writes each block to the corpus (one writer per block, each document in its own
   transaction, a text already stored by this version left unchanged: the content hash, as
   on the local path); the driver reports the outcomes in input order.

The driver's ``CLAIMGRAPH_*`` settings are given to every actor (its ``runtime_env``), so
the workers of a cluster analyse as the driver would. Every node needs claimgraph with the
extra (the same version). A SQLite corpus is a file the writers open: on a cluster of
several machines, use PostgreSQL (``--db postgresql+psycopg://…``). Corpus claims are matched
in the order the writers store the blocks, which may differ from the input order (as when two
local processes ingest at once); each document's stored record is the local path's.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import socket
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph import errors
from claimgraph.analyzer import Analyzer
from claimgraph.errors import AnalysisError, ClaimgraphError
from claimgraph.record import DocumentInfo, Record
from claimgraph.settings import ENVIRONMENT, Settings
from claimgraph.windows import WINDOW_CHARS

if TYPE_CHECKING:
    from claimgraph.corpus.store import AddResult

__all__ = [
    "AnalyzeBlock",
    "EngineError",
    "StoreBlock",
    "analyze_documents",
    "ingest_documents",
    "require_ray",
]

#: Documents per block (the unit an actor analyses, and a writer stores, at once).
BLOCK_SIZE = 16
#: Documents per Ray dataset: what the driver holds at once.
WINDOW = 20_000

MISSING_EXTRA = "--engine ray needs the optional extra: pip install 'claimgraph[ray]'"


class EngineError(ClaimgraphError):
    """The Ray engine cannot run: the extra is not installed, or the cluster cannot be reached."""


def require_ray() -> Any:
    """The ``ray`` module, or :class:`EngineError` naming the extra when it is not installed."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise EngineError(MISSING_EXTRA) from exc
    return ray


# -- the actors --------------------------------------------------------------------------
def _error_from(kind: str, message: str) -> ClaimgraphError:
    """The error an actor reported, as its class (the same one-line message)."""
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, ClaimgraphError)):
        cls = AnalysisError
    return cls(message)


def _result_from(record: str, error: str, kind: str) -> Record | ClaimgraphError:
    return _error_from(kind, error) if kind else Record.from_json(record)


class AnalyzeBlock:
    """A Ray actor: loads the pipeline once, analyses a block of documents at a time."""

    def __init__(self, settings: Settings, window_chars: int = WINDOW_CHARS) -> None:
        self.analyzer = Analyzer(settings, window_chars=window_chars)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        documents = [DocumentInfo.model_validate_json(text) for text in batch["document"]]
        out: dict[str, list[Any]] = {"index": [int(i) for i in batch["index"]]}
        out |= {"record": [], "error": [], "error_type": []}
        for result in self.analyzer.pipe(documents, errors="yield"):
            if isinstance(result, ClaimgraphError):
                out["record"].append("")
                out["error"].append(str(result))
                out["error_type"].append(type(result).__name__)
            else:
                out["record"].append(result.to_json(indent=None))
                out["error"].append("")
                out["error_type"].append("")
        return out


#: The columns a :class:`StoreBlock` returns for each document (an AddResult's fields).
def _add_fields() -> list[str]:
    from claimgraph.corpus.store import AddResult

    return [f.name for f in fields(AddResult)]


class StoreBlock:
    """A Ray actor: one corpus writer, storing a block of records at a time."""

    def __init__(self, url: str, replace: bool = False) -> None:
        from claimgraph.corpus.store import Corpus

        self.corpus = Corpus(url, migrate=False)  # the driver created or upgraded the schema
        self.replace = replace
        self.names = _add_fields()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        items = [
            _result_from(r, e, k)
            for r, e, k in zip(batch["record"], batch["error"], batch["error_type"], strict=True)
        ]
        out: dict[str, list[Any]] = {"index": [int(i) for i in batch["index"]], "error": [], "error_type": []}
        out |= {name: [] for name in self.names}
        for result in self.corpus.add_many(items, replace=self.replace):
            failed = isinstance(result, ClaimgraphError)
            out["error"].append(str(result) if failed else "")
            out["error_type"].append(type(result).__name__ if failed else "")
            for name in self.names:
                out[name].append(0 if failed else getattr(result, name))
        return out


# -- the driver ----------------------------------------------------------------------------
def _environment(settings: Settings) -> dict[str, str]:
    """The settings as ``CLAIMGRAPH_*`` variables for the workers (those not at their default)."""
    default = Settings()
    found: dict[str, str] = {}
    for name, field in ENVIRONMENT.items():
        value = getattr(settings, field)
        if value is None or value == getattr(default, field):
            continue
        found[name] = "1" if value is True else str(value)
    return found


@contextlib.contextmanager
def _session(address: str | None) -> Iterator[Any]:
    """Ray, started (a local instance, or the cluster at ``address``) unless it already is."""
    ray = require_ray()
    _check_reachable(address)
    started = False
    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, logging_level="ERROR", log_to_driver=True)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"at {address!r}" if address else "(a new local instance)"
            raise EngineError(
                f"cannot start or reach the Ray cluster {where}: {str(exc).splitlines()[0]} "
                "(start one with `ray start --head`, or leave out --address for a local one)"
            ) from exc
        started = True
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the CLI reports; Ray Data's own lines are noise
    context.enable_progress_bars = False
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def _check_reachable(address: str | None, timeout: float = 5.0) -> None:
    """A ``HOST:PORT`` address that takes no connection fails at once (Ray itself retries for
    minutes); ``auto``, ``local``, ``ray://…`` and none are left to Ray."""
    if not address or "://" in address or ":" not in address:
        return
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise EngineError(
            f"cannot reach the Ray cluster at {address!r} ({exc.strerror or exc}): is `ray start --head` "
            "running there, and the port open?"
        ) from exc


def _actors(ray: Any, actors: int | None) -> int:
    """``actors``, else one per CPU of the cluster."""
    return actors or max(1, int(ray.cluster_resources().get("CPU", 1)))


def _windows(documents: Iterable[DocumentInfo], window: int) -> Iterator[list[tuple[int, DocumentInfo]]]:
    numbered = enumerate(documents)
    while chunk := list(itertools.islice(numbered, window)):
        yield chunk


def _dataset(ray: Any, chunk: list[tuple[int, DocumentInfo]], block_size: int) -> Any:
    rows = [{"index": i, "document": d.model_dump_json()} for i, d in chunk]
    blocks = max(1, -(-len(rows) // block_size))
    return ray.data.from_items(rows, override_num_blocks=blocks)


def _in_order(rows: Iterable[dict[str, Any]], first: int, count: int) -> Iterator[dict[str, Any]]:
    """The ``count`` rows numbered from ``first`` on by their ``index``, each as soon as those
    before it came."""
    waiting: dict[int, dict[str, Any]] = {}
    expected = first
    for row in rows:
        waiting[int(row["index"])] = row
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    if expected != first + count:
        raise EngineError(f"the Ray run returned no result for document {expected + 1} and after")


def _rows(ray: Any, dataset: Any) -> Iterator[dict[str, Any]]:
    """The dataset's rows; a failure of Ray itself (an actor lost, out of memory) as one line."""
    try:
        yield from dataset.iter_rows()
    except ray.exceptions.RayError as exc:
        detail = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else type(exc).__name__
        raise EngineError(
            f"the Ray run failed ({type(exc).__name__}: {detail}); "
            "the documents after the last one written were not analysed"
        ) from exc


def _analysed(ray: Any, dataset: Any, settings: Settings, actors: int, block_size: int, chars: int) -> Any:
    actors = min(actors, dataset.num_blocks())  # no actor loads the pipeline for want of a block
    return dataset.map_batches(
        AnalyzeBlock,
        fn_constructor_args=(settings, chars),
        batch_size=block_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
        runtime_env={"env_vars": _environment(settings)},
    )


def analyze_documents(
    documents: Iterable[DocumentInfo],
    settings: Settings,
    *,
    address: str | None = None,
    actors: int | None = None,
    block_size: int | None = None,
    window: int | None = None,
    window_chars: int = WINDOW_CHARS,
) -> Iterator[Record | ClaimgraphError]:
    """The record of each document (or the error in its place), in input order, analysed on Ray
    (``block_size``, ``window``: :data:`BLOCK_SIZE`, :data:`WINDOW` when None).

    Raises :class:`EngineError` at once when the extra is not installed.
    """
    require_ray()
    sizes = block_size or BLOCK_SIZE, window or WINDOW
    return _analyze(documents, settings, address, actors, *sizes, window_chars)


def _analyze(
    documents: Iterable[DocumentInfo],
    settings: Settings,
    address: str | None,
    actors: int | None,
    block_size: int,
    window: int,
    window_chars: int,
) -> Iterator[Record | ClaimgraphError]:
    with _session(address) as ray:
        pool = _actors(ray, actors)
        for chunk in _windows(documents, window):
            dataset = _analysed(
                ray, _dataset(ray, chunk, block_size), settings, pool, block_size, window_chars
            )
            for row in _in_order(_rows(ray, dataset), chunk[0][0], len(chunk)):
                yield _result_from(row["record"], row["error"], row["error_type"])


def _absolute(url: str) -> str:
    """A SQLite URL with a relative file made absolute (Ray workers run in another folder)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database.startswith(("file:", ":memory:")):
        return url
    if Path(database).is_absolute():
        return url
    return parsed.set(database=str(Path(database).resolve())).render_as_string(hide_password=False)


def ingest_documents(
    documents: Iterable[DocumentInfo],
    settings: Settings,
    url: str,
    *,
    replace: bool = False,
    address: str | None = None,
    actors: int | None = None,
    writers: int = 1,
    block_size: int | None = None,
    window: int | None = None,
) -> Iterator[AddResult | ClaimgraphError]:
    """Analyse on Ray and store in the corpus at ``url``; what happened to each document, in
    input order. The schema is created or upgraded here, on the driver, before any writer opens it.

    Raises :class:`EngineError` at once when the extra is not installed.
    """
    require_ray()
    from claimgraph.corpus.store import Corpus

    Corpus(url).close()  # a bad URL fails here, before any analysis
    sizes = block_size or BLOCK_SIZE, window or WINDOW
    return _ingest(documents, settings, _absolute(url), replace, address, actors, writers, *sizes)


def _ingest(
    documents: Iterable[DocumentInfo],
    settings: Settings,
    url: str,
    replace: bool,
    address: str | None,
    actors: int | None,
    writers: int,
    block_size: int,
    window: int,
) -> Iterator[AddResult | ClaimgraphError]:
    from claimgraph.corpus.store import AddResult

    names = _add_fields()
    with _session(address) as ray:
        pool = _actors(ray, actors)
        for chunk in _windows(documents, window):
            analysed = _analysed(
                ray, _dataset(ray, chunk, block_size), settings, pool, block_size, WINDOW_CHARS
            )
            stored = analysed.map_batches(
                StoreBlock,
                fn_constructor_args=(url, replace),
                batch_size=None,  # one writer per block
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=writers),
                num_cpus=0,
                runtime_env={"env_vars": _environment(settings)},
            )
            for row in _in_order(_rows(ray, stored), chunk[0][0], len(chunk)):
                if row["error_type"]:
                    yield _error_from(row["error_type"], row["error"])
                else:
                    yield AddResult(**{name: _plain(row[name]) for name in names})


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value (``AddResult`` holds ints and strings)."""
    return value.item() if hasattr(value, "item") else value
