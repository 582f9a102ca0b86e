"""Load test of the web app on loopback: concurrent analyses, then concurrent corpus reads.

    .venv/bin/python benchmarks/load_web.py [--analyses 20] [--reads 200] [--queue 32]

Starts ``claimgraph serve``'s app (one worker, the real analyser) on 127.0.0.1 over a fresh
SQLite corpus in a temporary folder, then sends ``--analyses`` ``POST /api/documents`` at
once (variants of examples/sample_article.html: analyse and store), then ``--reads`` GETs at
once spread over the corpus API and pages (claims search, events by dyad, documents, a claim,
an actor, the claims page), then the same reads one at a time. Prints errors and
p50/p95/max latencies per phase. Bounded: the analysis queue is sized to hold every
analysis (``--queue``), so none is refused.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from claimgraph.analyzer import Analyzer
from claimgraph.ingest import document_from_bytes
from claimgraph.web import WebConfig, create_app

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_article.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _quantiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):.3f} s, p95 {p95:.3f} s, max {ordered[-1]:.3f} s"


async def _timed(client: httpx.AsyncClient, method: str, url: str, **kw: object) -> tuple[float, int]:
    start = time.perf_counter()
    r = await client.request(method, url, **kw)  # type: ignore[arg-type]
    return time.perf_counter() - start, r.status_code


async def _run(base: str, analyses: int, reads: int) -> None:
    text = document_from_bytes(SAMPLE.read_bytes(), doc_id="sample").text
    limits = httpx.Limits(max_connections=reads + analyses)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        start = time.perf_counter()
        jobs = [
            _timed(
                client,
                "POST",
                "/api/documents",
                json={
                    "text": f"{text}\n\n(Variant {i}.)",
                    "id": f"v{i}",
                    "source": f"Outlet {i % 3}",
                    "published": f"2024-{1 + i % 12:02d}-15",
                },
            )
            for i in range(analyses)
        ]
        done = await asyncio.gather(*jobs)
        wall = time.perf_counter() - start
        bad = [s for _, s in done if s not in (200, 201)]
        print(
            f"{analyses} concurrent analyses (POST /api/documents): {len(bad)} errors {sorted(set(bad))}, "
            f"{_quantiles([t for t, _ in done])}, wall {wall:.1f} s"
        )
        claims = (await client.get("/api/claims")).json()["claims"]
        claim = claims[0]["id"] if claims else 1
        urls = [
            "/api/claims?q=sanctions",
            f"/api/claims/{claim}",
            "/api/events?dyad=RUS,PRK&by=month",
            "/api/documents",
            "/api/actors/Russia",
            "/claims",
            "/dyads/RUS-PRK",
            "/api/claims?contested=true",
        ]
        start = time.perf_counter()
        done = await asyncio.gather(*[_timed(client, "GET", urls[i % len(urls)]) for i in range(reads)])
        wall = time.perf_counter() - start
        bad = [s for _, s in done if s not in (200, 404)]
        print(
            f"{reads} concurrent corpus reads: {len(bad)} errors {sorted(set(bad))}, "
            f"{_quantiles([t for t, _ in done])}, wall {wall:.1f} s"
        )
        alone = [await _timed(client, "GET", urls[i % len(urls)]) for i in range(5 * len(urls))]
        bad = [s for _, s in alone if s not in (200, 404)]
        print(
            f"{len(alone)} corpus reads one at a time: {len(bad)} errors, {_quantiles([t for t, _ in alone])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyses", type=int, default=20)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--queue", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = WebConfig(db_url=f"sqlite:///{folder}/load.db", analysis_queue=args.queue)
        analyzer = Analyzer()
        analyzer.analyze("The minister met his counterpart on Monday.", id="warm-up")
        app = create_app(config, analyzer=lambda: analyzer)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            asyncio.run(_run(f"http://127.0.0.1:{port}", args.analyses, args.reads))
        finally:
            server.should_exit = True
            thread.join(10)


if __name__ == "__main__":
    main()
