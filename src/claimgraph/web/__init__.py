"""The web app and HTTP API over the analyser and the corpus (``claimgraph serve``).

:func:`create_app` builds the FastAPI app from a :class:`WebConfig`: the API under
``/api`` (OpenAPI at ``/openapi.json``, its reference page at ``/docs``), the
server-rendered pages (each with a JSON twin, and CSV where it is a table), and the
static files they use. The web app reads the :class:`~claimgraph.record.Record`, the
analyser and the store only; it needs the ``web`` extra (FastAPI, uvicorn).
"""

from __future__ import annotations

from claimgraph.web.app import create_app
from claimgraph.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
