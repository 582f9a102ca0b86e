"""The Analyzer: loads the pipeline once, parses in batches, runs the extractors.

>>> from claimgraph import Analyzer
>>> analyzer = Analyzer()
>>> record = analyzer.analyze("Pyongyang denied the reports, the ministry said.")
>>> for record in analyzer.pipe(texts, workers=2): ...
"""

from __future__ import annotations

import contextlib
import copy
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal, overload

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph import __version__
from claimgraph.collector import collection_paused
from claimgraph.errors import AnalysisError, ClaimgraphError, EmptyInputError, InputTooLargeError
from claimgraph.ingest.clean import without_lone_surrogates
from claimgraph.language import detect_language
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Record
from claimgraph.settings import Settings
from claimgraph.stages import run_stages
from claimgraph.windows import WINDOW_CHARS, Stitcher, Windows, degradation_note

__all__ = ["Analyzer", "analyze"]

DocumentLike = str | DocumentInfo


class Analyzer:
    """Analyse documents into :class:`~claimgraph.record.Record` objects.

    The spaCy pipeline is loaded once (``Analyzer().nlp``); documents are parsed
    with ``nlp.pipe`` in batches and each extractor reads the same parse.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: Language | None = None,
        window_chars: int | None = None,
        freeze_tables: bool = True,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp
        #: Load the pipeline and the stages' tables with the garbage collector paused, then
        #: freeze them out of its way (:mod:`claimgraph.collector`); False leaves it alone.
        self.freeze_tables = freeze_tables
        self._settled = False
        self._generator: dict[str, Any] | None = None
        #: Longer texts are analysed in windows of at most this many characters and stitched
        #: into one record (:mod:`claimgraph.windows`); shorter ones in one piece.
        self.window_chars = window_chars or WINDOW_CHARS

    @property
    def nlp(self) -> Language:
        """The spaCy ``Language`` used (loaded on first use)."""
        if self._nlp is None:
            with collection_paused(freeze=self.freeze_tables):
                self._nlp = load_pipeline(self.settings.spacy_model, self.settings.max_chars)
        return self._nlp

    @property
    def generator(self) -> dict[str, Any]:
        """Versions of claimgraph, the spaCy model and the voice encoder (worked out once)."""
        if self._generator is None:
            self._generator = self._versions()
        return copy.deepcopy(self._generator)  # each record its own

    def _versions(self) -> dict[str, Any]:
        meta = self.nlp.meta
        found: dict[str, Any] = {
            "claimgraph": __version__,
            "spacy_model": f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}",
            "stages": list(self.settings.stages),
        }
        if "voice" in self.settings.stages:
            from claimgraph.stages.voice.model import voice_encoder

            found["voice_encoder"] = voice_encoder()  # "static", or "transformer" with the extra
        return found

    # -- preparing documents -------------------------------------------------
    def prepare(self, document: DocumentLike, **meta: Any) -> DocumentInfo:
        """Validate a text or document: non-empty, under the size limit, language noted."""
        if isinstance(document, str):
            info = DocumentInfo(id=str(meta.pop("id", None) or "text"), text=document, **meta)
        else:
            info = document.model_copy(update=meta) if meta else document
        info = without_lone_surrogates(info)
        if not info.text.strip():
            raise EmptyInputError("the document has no text", source=info.id)
        if len(info.text) > self.settings.max_chars:
            raise InputTooLargeError(
                f"the text has {len(info.text):,} characters, over the limit of "
                f"{self.settings.max_chars:,} (raise it with --max-chars or CLAIMGRAPH_MAX_CHARS)",
                source=info.id,
            )
        with self._first_use():  # the first document loads the language identifier's model
            language = detect_language(info.text)
        warnings = list(info.warnings)
        if language != "en":
            note = (
                f"language detected as {language!r}, not English: analysed with the English "
                "pipeline, expect poor results"
            )
            if note not in warnings:
                warnings.append(note)
        return info.model_copy(update={"language": language, "warnings": warnings})

    # -- analysing -----------------------------------------------------------
    def record_from_doc(self, doc: Doc, info: DocumentInfo) -> Record:
        """Run the extractors over one parsed doc."""
        # the first document: the stages load their models and tables as they meet them
        with self._first_use(freeze=self.freeze_tables):
            record = run_stages(doc, Record(document=info, generator=self.generator), self.settings.stages)
        self._settled = True
        return record

    def _first_use(self, *, freeze: bool = False) -> contextlib.AbstractContextManager[None]:
        """Collection paused (:mod:`claimgraph.collector`) until the first record is made."""
        return contextlib.nullcontext() if self._settled else collection_paused(freeze=freeze)

    def analyze(self, document: DocumentLike, **meta: Any) -> Record:
        """Analyse one text or document (``meta``: id, title, source, url, published, …)."""
        info = self.prepare(document, **meta)
        result = self._record_or_error(self._parse_all([info])[0], info)
        if isinstance(result, ClaimgraphError):
            raise result
        return result

    @overload
    def pipe(
        self, documents: Iterable[DocumentLike], *, workers: int = 1, errors: Literal["raise"] = "raise"
    ) -> Iterator[Record]: ...

    @overload
    def pipe(
        self, documents: Iterable[DocumentLike], *, workers: int = 1, errors: Literal["yield"]
    ) -> Iterator[Record | ClaimgraphError]: ...

    def pipe(
        self,
        documents: Iterable[DocumentLike],
        *,
        workers: int = 1,
        errors: Literal["raise", "yield"] = "raise",
    ) -> Iterator[Record] | Iterator[Record | ClaimgraphError]:
        """Stream records for many documents, in input order.

        ``workers > 1`` analyses in that many processes. With ``errors="yield"``
        a document that cannot be analysed yields its :class:`ClaimgraphError`
        in place of a record, and the stream goes on.
        """
        items = (
            d if isinstance(d, DocumentInfo) else DocumentInfo(id=f"text-{i + 1}", text=d)
            for i, d in enumerate(documents)
        )
        if workers > 1:
            return self._pipe_processes(items, workers, errors)
        return self._pipe_local(items, errors)

    def _pipe_local(self, items: Iterable[DocumentInfo], errors: str) -> Iterator[Any]:
        batch_size = self.settings.batch_size
        for batch in _batched(items, batch_size):
            prepared: list[DocumentInfo | ClaimgraphError] = []
            for item in batch:
                try:
                    prepared.append(self.prepare(item))
                except ClaimgraphError as exc:
                    prepared.append(exc)
            good = [p for p in prepared if isinstance(p, DocumentInfo)]
            parsed = iter(self._parse_all(good))
            for ready in prepared:
                result = (
                    ready
                    if isinstance(ready, ClaimgraphError)
                    else self._record_or_error(next(parsed), ready)
                )
                if isinstance(result, ClaimgraphError):
                    if errors == "raise":
                        raise result
                    yield result
                    continue
                yield result

    def _window_size(self) -> int:
        """The window size in use: :attr:`window_chars`, within spaCy's ``nlp.max_length``."""
        return max(2, min(self.window_chars, self.nlp.max_length))

    def _parse_all(self, infos: list[DocumentInfo]) -> list[Doc | Windows | ClaimgraphError]:
        """Parses of the documents, batched; when the batch fails, each one alone, so one
        document that breaks the parser costs only itself. A document longer than the window
        size is not parsed here: it gets its :class:`Windows`, parsed one at a time by
        :meth:`_record_or_error`."""
        size = self._window_size()
        short = [i for i in infos if len(i.text) <= size]
        parsed = iter(self._parse_whole(short) if short else [])
        return [next(parsed) if len(i.text) <= size else Windows.of(i.text, size) for i in infos]

    def _parse_whole(self, infos: list[DocumentInfo]) -> list[Doc | ClaimgraphError]:
        """Parses of documents in one piece each (see :meth:`_parse_all`)."""
        try:
            return list(self.nlp.pipe((i.text for i in infos), batch_size=self.settings.batch_size))
        except Exception:
            if self.settings.debug:
                raise
        parses: list[Doc | ClaimgraphError] = []
        for info in infos:
            try:
                parses.append(self.nlp(info.text))
            except Exception as exc:
                if self.settings.debug:
                    raise
                parses.append(_unexpected(exc, "parsing", info.id))
        return parses

    def _record_or_error(
        self, doc: Doc | Windows | ClaimgraphError, info: DocumentInfo
    ) -> Record | ClaimgraphError:
        """The document's record, or the one-line error saying why it has none (the one
        boundary around an unexpected failure of any stage)."""
        if isinstance(doc, ClaimgraphError):
            return doc
        try:
            if isinstance(doc, Windows):
                return self._record_from_windows(doc, info)
            return self.record_from_doc(doc, info)
        except ClaimgraphError as exc:
            return exc
        except Exception as exc:
            if self.settings.debug:
                raise
            return _unexpected(exc, "analysis", info.id)

    def _record_from_windows(self, windows: Windows, info: DocumentInfo) -> Record | ClaimgraphError:
        """One record of a long document: each window parsed and analysed alone, then dropped,
        and the windows' records stitched (:mod:`claimgraph.windows`; the record notes it)."""
        note = degradation_note(len(windows), self._window_size())
        document = info.model_copy(update={"warnings": [*info.warnings, note]})
        stitched = Stitcher(document, self.generator)
        for start, end in windows.bounds:
            piece = info.model_copy(update={"text": info.text[start:end]})
            try:
                doc = self.nlp(piece.text)
            except Exception as exc:
                if self.settings.debug:
                    raise
                return _unexpected(exc, "parsing", info.id)
            stitched.add(start, self.record_from_doc(doc, piece))
            del doc
        return stitched.record()

    def _pipe_processes(self, items: Iterable[DocumentInfo], workers: int, errors: str) -> Iterator[Any]:
        """Records from ``workers`` processes, in input order, streaming: at most
        :meth:`in_flight` documents are read ahead of the last record yielded, so memory stays
        flat however long the input."""
        chunk = _worker_chunk(self.settings.batch_size)
        pending: deque[Future[list[Record | ClaimgraphError]]] = deque()
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(self.settings, self.window_chars)
        ) as pool:
            batches = _batched(items, chunk)
            try:
                while True:
                    while len(pending) < 2 * workers and (batch := next(batches, None)) is not None:
                        pending.append(pool.submit(_analyze_batch, batch))
                    if not pending:
                        break
                    for result in pending.popleft().result():
                        if isinstance(result, ClaimgraphError) and errors == "raise":
                            raise result
                        yield result
            except BrokenProcessPool as exc:  # a worker killed (out of memory, a signal)
                raise AnalysisError(
                    "a worker process died (out of memory? try fewer --workers or a lower --max-chars); "
                    "the documents after the last one written were not analysed"
                ) from exc
            finally:
                for future in pending:  # the consumer stopped early, or an error: drop the rest
                    future.cancel()

    def in_flight(self, workers: int) -> int:
        """The most documents :meth:`pipe` holds at once (read, not yet yielded) with ``workers``."""
        if workers <= 1:
            return max(1, self.settings.batch_size)
        return 2 * workers * _worker_chunk(self.settings.batch_size)


def _worker_chunk(batch_size: int) -> int:
    """Documents sent to a worker at a time: small, so the workers finish together (a 100-document
    run in batches of 16 leaves one worker idle for the last batch), and at most ``batch_size``."""
    return max(1, min(batch_size, 4))


def _unexpected(exc: BaseException, step: str, doc_id: str) -> AnalysisError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return AnalysisError(
        f"{step} failed ({type(exc).__name__}{': ' + detail if detail else ''}); "
        "set CLAIMGRAPH_DEBUG=1 for the traceback",
        source=doc_id,
    )


_WORKER: Analyzer | None = None


def _init_worker(settings: Settings, window_chars: int = WINDOW_CHARS) -> None:
    global _WORKER
    _WORKER = Analyzer(settings, window_chars=window_chars)


def _analyze_batch(batch: list[DocumentInfo]) -> list[Record | ClaimgraphError]:
    assert _WORKER is not None
    return list(_WORKER._pipe_local(batch, "yield"))


def _batched(items: Iterable[DocumentInfo], n: int) -> Iterator[list[DocumentInfo]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, n)):
        yield batch


_DEFAULT: Analyzer | None = None


def analyze(text: str, **meta: Any) -> Record:
    """Analyse one text with a shared default :class:`Analyzer`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT.analyze(text, **meta)
