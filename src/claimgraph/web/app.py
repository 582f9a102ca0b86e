"""The FastAPI app: state, middleware, error handlers and routes (see :func:`create_app`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph import __version__
from claimgraph.corpus.store import Corpus
from claimgraph.errors import ClaimgraphError, InputError, InputTooLargeError, StoreError
from claimgraph.web import api, pages
from claimgraph.web.config import WebConfig
from claimgraph.web.fetch import FetchError
from claimgraph.web.inputs import FetchDisabled
from claimgraph.web.limits import BodyLimit, SecurityHeaders
from claimgraph.web.pool import AnalysisPool, AnalyzerLike, PoolBusy
from claimgraph.web.respond import error_response

__all__ = ["app_from_env", "create_app", "status_of"]

log = logging.getLogger("claimgraph.web")


def _default_analyzer() -> AnalyzerLike:
    from claimgraph.analyzer import Analyzer

    return Analyzer()


def status_of(exc: ClaimgraphError) -> int:
    """The HTTP status of a claimgraph error."""
    if isinstance(exc, InputTooLargeError):
        return 413
    if isinstance(exc, FetchDisabled):
        return 403
    if isinstance(exc, FetchError):
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 500


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "the request body is not valid JSON"
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return 422, "; ".join(parts) or "invalid request"


def create_app(
    config: WebConfig | None = None, *, analyzer: Callable[[], AnalyzerLike] | None = None
) -> FastAPI:
    """The web app over ``config.db_url``; ``analyzer`` makes the analyser (default: :class:`Analyzer`)."""
    config = config or WebConfig()
    corpus = Corpus(config.db_url)  # opened (and upgraded) now: a bad URL fails here, not per request
    pool = AnalysisPool(
        analyzer or _default_analyzer,
        queue=config.analysis_queue,
        retry_after_s=config.retry_after_s,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if config.preload:
            await run_in_threadpool(pool.warm)
        yield
        pool.close()
        corpus.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Evidence-linked records of international news: analyse articles, browse the corpus.",
        docs_url=None,  # the default page loads Swagger UI from a CDN; /docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.corpus = corpus
    app.state.pool = pool
    app.state.store_lock = threading.Lock()

    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        return error_response(request, status_of(exc), str(exc))

    @app.exception_handler(PoolBusy)
    async def _busy(request: Request, exc: PoolBusy) -> Response:
        return error_response(request, 503, str(exc), headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        status, message = _validation_message(exc)
        return error_response(request, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error (see the server's log)")

    app.mount("/static", StaticFiles(directory=str(files("claimgraph.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimit, limit=config.max_body)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """The app of a ``claimgraph serve`` worker process (its options in ``CLAIMGRAPH_WEB_CONFIG``)."""
    from claimgraph.settings import Settings

    raw: Any = Settings.from_env().web_config
    return create_app(WebConfig.from_json(raw) if raw else WebConfig(preload=True))
