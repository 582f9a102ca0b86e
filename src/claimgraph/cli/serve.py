"""``claimgraph serve``: the web app and HTTP API (needs the ``web`` extra)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, fail, handle_errors
from claimgraph.settings import DEFAULT_DB_URL as DEFAULT_URL
from claimgraph.settings import WEB_CONFIG_VARIABLE, Settings

__all__ = ["serve"]


@handle_errors
def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help=f"Corpus database URL [default: CLAIMGRAPH_DB, else {DEFAULT_URL}].",
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (only this machine by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads the pipeline once).", min=1)] = 1,
    queue: Annotated[
        int, typer.Option(help="Analyses that may wait in each worker; more get 503.", min=0)
    ] = 8,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (larger: 413).", min=1)] = 5
    * 1024
    * 1024,
    allow_fetch: Annotated[
        bool, typer.Option("--allow-fetch", help="Allow analysing a URL (public addresses only).")
    ] = False,
) -> None:
    """Serve the web app (analyse articles, browse the corpus) and the HTTP API (OpenAPI at /docs)."""
    try:
        import uvicorn

        from claimgraph.web.app import create_app
        from claimgraph.web.config import WebConfig
    except ImportError as exc:
        raise fail(
            f"the web app needs the web extra: pip install 'claimgraph[web]' ({exc.name} is missing)"
        ) from None
    url = db or Settings.from_env().db_url or DEFAULT_URL
    config = WebConfig(
        db_url=url,
        max_body=max_body,
        analysis_queue=queue,
        allow_fetch=allow_fetch,
        preload=True,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"warning: listening on {host}: other machines can reach this server (no login)")
    from claimgraph.corpus.store.engine import display_url

    err_console.print(f"claimgraph: serving {display_url(url)} at http://{host}:{port}/ (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
        return
    from claimgraph.corpus.store import Corpus

    Corpus(url).close()  # open (and upgrade) the corpus once, before the workers start: errors show here
    os.environ[WEB_CONFIG_VARIABLE] = config.to_json()  # read by each worker (Settings.from_env)
    uvicorn.run(
        "claimgraph.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_worker_healthcheck=120,  # a worker loading its pipeline on a busy machine is slow to answer
    )
