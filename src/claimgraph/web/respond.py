"""One page, three forms: HTML (a Jinja2 template, autoescaped), its JSON twin (``.json`` or
``Accept: application/json``) and CSV where it is a table (``.csv`` or ``Accept: text/csv``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment

from claimgraph import __version__
from claimgraph.render.jinja import template_environment
from claimgraph.sanitize import csv_row

__all__ = ["environment", "error_response", "page", "wanted"]


@cache
def environment() -> Environment:
    env = template_environment("claimgraph.web")
    env.globals["version"] = __version__
    return env


def wanted(request: Request, *, tables: bool = True) -> str:
    """``html``, ``json`` or ``csv``: from the path's suffix, else the Accept header."""
    path = request.url.path
    if path.endswith(".json"):
        return "json"
    if path.endswith(".csv") and tables:
        return "csv"
    accept = request.headers.get("accept", "")
    if "text/html" in accept or not accept:
        return "html"
    if "application/json" in accept:
        return "json"
    if "text/csv" in accept and tables:
        return "csv"
    return "html"


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        values = [row.get(c) for c in columns]
        writer.writerow(
            csv_row(json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in values)
        )
    return out.getvalue()


def _ascii_name(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in name) or "table"


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    table: Sequence[dict[str, Any]] | None = None,
    name: str = "table",
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    """The page in the form the request wants; ``extra`` is for the HTML only (charts, views)."""
    form = wanted(request, tables=table is not None)
    if form == "json":
        return JSONResponse(jsonable_encoder(data), status_code=status)
    if form == "csv" and table is not None:
        return Response(
            _csv(table),
            status_code=status,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{_ascii_name(name)}.csv"'},
        )
    html = (
        environment()
        .get_template(template)
        .render(request=request, data=data, has_csv=table is not None, path=request.url.path, **(extra or {}))
    )
    return HTMLResponse(html, status_code=status)


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """An error as JSON (``{"error": message}``) for the API and JSON clients, else as a page."""
    if request.url.path.startswith("/api") or wanted(request, tables=False) == "json":
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    html = (
        environment()
        .get_template("error.html.j2")
        .render(request=request, status=status, message=message, path=request.url.path)
    )
    return HTMLResponse(html, status_code=status, headers=headers)
