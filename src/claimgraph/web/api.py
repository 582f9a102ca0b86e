"""The HTTP API under ``/api`` (JSON in, JSON out; errors are ``{"error": message}``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from claimgraph.corpus.store.queries import MODES, PERIODS
from claimgraph.record import DocumentInfo, Record
from claimgraph.web import data
from claimgraph.web.inputs import AnalyzeRequest, document_of
from claimgraph.web.pool import AnalyzerLike

__all__ = ["analyze_document", "router"]

router = APIRouter(prefix="/api", tags=["api"])


async def analyze_document(request: Request, info: DocumentInfo, *, store: bool) -> tuple[Record, Any]:
    """Analyse ``info`` on the worker's analysis thread (queued, or :class:`PoolBusy`) and, with
    ``store``, store the record (one store write at a time); the store's result, or None."""
    corpus = data.corpus_of(request)
    lock = request.app.state.store_lock

    def run(analyzer: AnalyzerLike) -> tuple[Record, Any]:
        record = analyzer.analyze(info)
        if not store:
            return record, None
        with lock:
            return record, corpus.add(record)

    result: tuple[Record, Any] = await request.app.state.pool.run(run)
    return result


async def _document(request: Request, body: AnalyzeRequest) -> DocumentInfo:
    """The document of a request, made on a request thread (fetching and HTML extraction take
    time: they never hold the analysis thread or the event loop)."""
    info: DocumentInfo = await run_in_threadpool(document_of, body, request.app.state.config)
    return info


@router.post("/analyze", summary="Analyse one article and return its record")
async def analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """``{"text": …}``, ``{"html": …}`` or ``{"fetch": URL}`` (with ``--allow-fetch``), with optional
    metadata (id, title, source, url, published, author). Returns the record (``claimgraph.record/1``)."""
    record, _ = await analyze_document(request, await _document(request, body), store=False)
    return JSONResponse(record.to_dict())


@router.post("/documents", status_code=201, summary="Analyse one article and store it in the corpus")
async def add_document(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """As ``/api/analyze``, and the record is stored (``added``, ``replaced``, or ``unchanged`` when
    the same text is already stored)."""
    record, result = await analyze_document(request, await _document(request, body), store=True)
    return JSONResponse(
        {
            "status": result.status,
            "id": result.doc_id,
            "content_hash": result.content_hash,
            "joined_claims": result.joined,
            "url": f"/api/documents/{result.content_hash}",
            "record": record.to_dict(),
        },
        status_code=201 if result.status != "unchanged" else 200,
    )


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    outlet: str | None = None,
) -> dict[str, Any]:
    return data.documents(data.corpus_of(request), limit=limit, offset=offset, outlet=outlet)


@router.get("/documents/{document_id}", summary="The stored record of one document")
def get_document(request: Request, document_id: str) -> JSONResponse:
    """By content hash (SHA-256 of the text) or document id."""
    record = data.found(data.corpus_of(request).record(document_id), f"no stored document {document_id!r}")
    return JSONResponse(record.to_dict())


@router.get("/claims", summary="Corpus claims: full-text search, contested only")
def list_claims(
    request: Request,
    q: Annotated[
        str | None, Query(description="words to find (stemmed; all must occur)", max_length=10_000)
    ] = None,
    contested: bool = False,
    limit: Annotated[int, Query(ge=1, le=data.MAX_CLAIMS)] = 100,
) -> dict[str, Any]:
    return data.claims(data.corpus_of(request), q=q, contested=contested, limit=limit)


@router.get("/claims/{claim_id}", summary="One corpus claim with its sides and quotes")
def get_claim(request: Request, claim_id: int) -> dict[str, Any]:
    found = data.found(data.claim(data.corpus_of(request), claim_id), f"no corpus claim {claim_id}")
    return found


@router.get("/events", summary="Event time series (each real event once), by period and dyad")
def get_events(
    request: Request,
    dyad: Annotated[str | None, Query(description="two country codes, e.g. IRN,RUS")] = None,
    by: Annotated[str, Query(pattern="^(" + "|".join(PERIODS) + ")$")] = "month",
    mode: Annotated[str, Query(pattern="^(" + "|".join(MODES) + ")$")] = "asserted",
    directed: bool = False,
    mentions: bool = False,
) -> dict[str, Any]:
    return data.events(
        data.corpus_of(request), dyad=dyad, by=by, mode=mode, directed=directed, mentions=mentions
    )


@router.get("/actors/{name:path}", summary="One actor (by name, any case) across the corpus")
def get_actor(request: Request, name: str) -> dict[str, Any]:
    found = data.found(data.actor(data.corpus_of(request), name), f"no actor named {name!r} in the corpus")
    return found
