"""The pages: analyse an article, browse documents, claims, dyads, actors and outlets.

Every page is server-rendered (Jinja2, autoescaped) and has a JSON twin (``.json`` or
``Accept: application/json``), and a CSV twin (``.csv``) where it is a table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.errors import InputError
from claimgraph.record import TECHNIQUE_LABELS, DocumentInfo, Record
from claimgraph.render import shown
from claimgraph.render.palette import LAYER_COLOURS, STANCE_COLOURS, technique_colour
from claimgraph.web import data
from claimgraph.web.api import analyze_document
from claimgraph.web.charts import QUADS, dyad_chart_svg
from claimgraph.web.inputs import AnalyzeRequest, document_of, upload_document
from claimgraph.web.respond import page, wanted
from claimgraph.web.views import LAYERS, goldstein_class, record_view

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _twins(path: str, *, csv: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a GET page at ``path``, ``path.json`` and (for tables) ``path.csv``."""

    def register(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        for suffix in (".json", ".csv") if csv else (".json",):
            router.add_api_route(path + suffix, endpoint, methods=["GET"])
        router.add_api_route(path, endpoint, methods=["GET"])
        return endpoint

    return register


# -- analyse -----------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> Response:
    recent = data.documents(data.corpus_of(request), limit=10)
    return page(
        request,
        "analyse.html.j2",
        {"recent": recent["documents"], "allow_fetch": request.app.state.config.allow_fetch},
    )


def _analysis_page(request: Request, record: Record, *, stored: str | None = None) -> Response:
    if wanted(request, tables=False) == "json":
        return JSONResponse(record.to_dict())
    view = record_view(shown(record))
    return page(
        request,
        "record.html.j2",
        {"id": record.document.id},
        extra={"view": view, "layers": LAYERS, "stored": stored, "goldstein_class": goldstein_class},
    )


@router.post("/analyze")
async def analyze_form(
    request: Request,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    store: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """The analyse form: pasted text, an uploaded .txt/.html file, or a URL (``--allow-fetch``)."""
    config = request.app.state.config
    meta = {k: v.strip() for k, v in (("title", title), ("source", source)) if v.strip()}
    upload: bytes | None = None
    filename = ""
    if file is not None and file.filename:
        upload, filename = await file.read(), file.filename
    given = [bool(text.strip()), upload is not None, bool(url.strip())]
    if sum(given) != 1:
        raise InputError("give one of: pasted text, an uploaded .txt/.html file, or a URL")

    def document() -> DocumentInfo:
        if upload is not None:
            info = upload_document(filename, upload)
        elif url.strip():
            info = document_of(AnalyzeRequest(fetch=url.strip()), config)
        else:
            info = DocumentInfo(id="pasted text", text=text)
        return info.model_copy(update=meta) if meta else info

    info = await run_in_threadpool(document)  # fetching, decoding, HTML extraction: off the loop
    record, result = await analyze_document(request, info, store=bool(store))
    if result is not None:
        return RedirectResponse(f"/documents/{result.content_hash}?stored={result.status}", status_code=303)
    return _analysis_page(request, record)


# -- documents -----------------------------------------------------------------------
@_twins("/documents")
def documents_page(
    request: Request,
    offset: Annotated[int, Query(ge=0)] = 0,
    outlet: str | None = None,
) -> Response:
    found = data.documents(data.corpus_of(request), limit=100, offset=offset, outlet=outlet)
    return page(
        request,
        "documents.html.j2",
        found,
        table=found["documents"],
        name="documents",
        extra={"offset": offset, "outlet": outlet},
    )


@_twins("/documents/{document_id}", csv=False)
def document_page(request: Request, document_id: str, stored: str | None = None) -> Response:
    record = data.found(data.corpus_of(request).record(document_id), f"no stored document {document_id!r}")
    return _analysis_page(request, record, stored=stored)


# -- claims ----------------------------------------------------------------------------
@_twins("/claims")
def claims_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=10_000)] = None,
    contested: bool = False,
) -> Response:
    found = data.claims(data.corpus_of(request), q=q, contested=contested, limit=200)
    return page(
        request,
        "claims.html.j2",
        found,
        table=_claim_rows(found["claims"]),
        name="claims",
        extra={"title": "Contested claims" if contested else "Claims"},
    )


@_twins("/contested")
def contested_page(request: Request) -> Response:
    found = data.claims(data.corpus_of(request), contested=True, limit=200)
    return page(
        request,
        "claims.html.j2",
        found,
        table=_claim_rows(found["claims"]),
        name="contested",
        extra={"title": "Contested claims"},
    )


def _people(people: list[dict[str, Any]]) -> str:
    return "; ".join(f"{p['name']} ({p['country']})" if p.get("country") else str(p["name"]) for p in people)


def _claim_rows(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": c["id"],
            "text": c["text"],
            "asserted_by": _people(c["asserted_by"]),
            "denied_by": _people(c["denied_by"]),
            "contested": c["contested"],
            "documents": len(c["documents"]),
            "outlets": "; ".join(c["outlets"]),
            "first_seen": c["first_seen"],
            "last_seen": c["last_seen"],
        }
        for c in claims
    ]


@_twins("/claims/{claim_id}")
def claim_page(request: Request, claim_id: int) -> Response:
    found = data.found(data.claim(data.corpus_of(request), claim_id), f"no corpus claim {claim_id}")
    quotes = [{**q, "actors": _people(q["actors"])} for q in found["quotes"]]
    return page(request, "claim.html.j2", found, table=quotes, name=f"claim-{claim_id}")


# -- events -----------------------------------------------------------------------------
@router.get("/dyads")
def dyads_form(request: Request, pair: str | None = None) -> Response:
    if pair:
        codes = data.dyad_of(pair)
        if codes is not None:
            return RedirectResponse(f"/dyads/{codes[0]}-{codes[1]}", status_code=303)
    return page(request, "dyads.html.j2", {})


@_twins("/dyads/{pair}")
def dyad_page(request: Request, pair: str, mode: str = "asserted") -> Response:
    found = data.events(data.corpus_of(request), dyad=pair, by="month", mode=mode)
    found["events"] = data.event_list(data.corpus_of(request), dyad=pair, mode=mode)
    label = "–".join(found["dyad"] or [])
    chart = dyad_chart_svg(found["series"], title=f"Events between {label} per month")
    return page(
        request,
        "dyad.html.j2",
        found,
        table=found["series"],
        name=f"dyad-{label}",
        extra={"chart": chart, "label": label, "quads": QUADS, "goldstein_class": goldstein_class},
    )


# -- actors and outlets --------------------------------------------------------------------
@_twins("/actors/{name:path}")
def actor_page(request: Request, name: str) -> Response:
    found = data.found(data.actor(data.corpus_of(request), name), f"no actor named {name!r} in the corpus")
    return page(
        request,
        "actor.html.j2",
        found,
        table=found["events"],
        name="actor-events",
        extra={"goldstein_class": goldstein_class},
    )


@_twins("/outlets")
def outlets_page(request: Request) -> Response:
    found = data.outlets(data.corpus_of(request))
    return page(request, "outlets.html.j2", {"outlets": found}, table=found, name="outlets")


@_twins("/outlets/{name:path}")
def outlet_page(request: Request, name: str) -> Response:
    found = data.found(data.outlet(data.corpus_of(request), name), f"no documents from the outlet {name!r}")
    peak = max((t["per_1000_words"] for t in found["techniques"]), default=0) or 1
    bars = [
        {**t, "pct": round(100 * t["per_1000_words"] / peak), "index": TECHNIQUE_LABELS.index(t["label"])}
        for t in found["techniques"]
    ]
    return page(
        request,
        "outlet.html.j2",
        found,
        table=found["techniques"],
        name="outlet-techniques",
        extra={"bars": bars},
    )


# -- the API's reference and the colours ------------------------------------------------------
@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, drawn from the OpenAPI schema (served offline; raw at /openapi.json)."""
    schema = request.app.openapi()
    routes = [
        {"path": path, "method": method.upper(), "op": op}
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return page(
        request,
        "docs.html.j2",
        {"routes": routes, "schemas": sorted(schema.get("components", {}).get("schemas", {}))},
    )


@router.get("/palette.css")
def palette_css() -> Response:
    """One class per technique label and stance (the page's colours, from the shared palette)."""
    lines = [
        f".t{i} {{ background: {technique_colour(label)}; }}" for i, label in enumerate(TECHNIQUE_LABELS)
    ]
    lines += [
        f".tech-swatch-{i} {{ background: {technique_colour(label)}; }}"
        for i, label in enumerate(TECHNIQUE_LABELS)
    ]
    lines += [f".st-{stance} {{ --stance: {colour}; }}" for stance, colour in STANCE_COLOURS.items()]
    lines += [f":root {{ --{k}: {v}; }}" for k, v in LAYER_COLOURS.items()]
    body = "\n".join(lines) + "\n"
    return Response(body, media_type="text/css", headers={"Cache-Control": "max-age=3600"})
