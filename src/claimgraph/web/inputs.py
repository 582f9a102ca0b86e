"""What can be analysed: a JSON body (text, HTML or a URL to fetch) or an uploaded file,
turned into a :class:`~claimgraph.record.DocumentInfo` on an analysis thread."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claimgraph.errors import InputError
from claimgraph.ingest import document_from_bytes
from claimgraph.ingest.html import html_to_fields
from claimgraph.record import DocumentInfo
from claimgraph.web.config import WebConfig
from claimgraph.web.fetch import fetch_url

__all__ = ["AnalyzeRequest", "FetchDisabled", "document_of", "upload_document"]

UPLOAD_SUFFIXES = (".txt", ".html", ".htm")


class FetchDisabled(InputError):
    """A URL was given but the server was not started with ``--allow-fetch``."""


class AnalyzeRequest(BaseModel):
    """One article: exactly one of ``text``, ``html`` or ``fetch`` (a URL, with ``--allow-fetch``),
    and optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="plain text of the article")
    html: str | None = Field(default=None, description="an HTML page (its main text is extracted)")
    fetch: str | None = Field(default=None, description="a public http(s) URL to fetch (--allow-fetch only)")
    id: str | None = Field(default=None, max_length=1000)
    title: str | None = None
    source: str | None = Field(default=None, description="the outlet", max_length=500)
    url: str | None = Field(default=None, description="where the article was published (metadata only)")
    published: str | None = Field(default=None, description="ISO 8601 date", max_length=64)
    author: str | None = None

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        given = [k for k in ("text", "html", "fetch") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or fetch")
        return self


def _meta(request: AnalyzeRequest) -> dict[str, Any]:
    keys = ("title", "source", "url", "published", "author")
    return {k: getattr(request, k) for k in keys if getattr(request, k) is not None}


def document_of(request: AnalyzeRequest, config: WebConfig) -> DocumentInfo:
    """The document to analyse (fetching, and extracting HTML, happen here: call it off the loop)."""
    doc_id = request.id or "text"
    meta = _meta(request)
    if request.text is not None:
        return DocumentInfo(id=doc_id, text=request.text, **meta)
    if request.html is not None:
        fields = html_to_fields(request.html, source=doc_id, url=request.url)
        return DocumentInfo(id=doc_id, **{**fields, **meta})
    if not config.allow_fetch:
        raise FetchDisabled("fetching URLs is off: start the server with --allow-fetch")
    assert request.fetch is not None
    fetched = fetch_url(request.fetch, max_bytes=config.fetch_max_bytes, timeout_s=config.fetch_timeout_s)
    kind = (
        "html" if "html" in fetched.content_type else "text" if "text/plain" in fetched.content_type else None
    )
    info = document_from_bytes(fetched.body, doc_id=request.id or fetched.url, kind=kind)
    return info.model_copy(update={"url": info.url or fetched.url, **meta})


def upload_document(filename: str, data: bytes) -> DocumentInfo:
    """An uploaded ``.txt`` or ``.html`` file (by its name's ending; its path is never used)."""
    name = PurePath(filename.replace("\\", "/")).name or "upload"
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError(f"upload a .txt or .html file (got {name!r})")
    return document_from_bytes(data, doc_id=name, kind="text" if suffix == ".txt" else "html")
