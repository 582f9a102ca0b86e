"""What the web app is configured with (``claimgraph serve`` options)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from claimgraph.corpus.store.engine import DEFAULT_URL

__all__ = ["DEFAULT_MAX_BODY", "WebConfig"]

#: Request bodies over this many bytes get 413 before anything reads them (5 MB).
DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass(frozen=True)
class WebConfig:
    """``db_url``: the corpus. ``max_body``: request bodies over this many bytes get 413.
    ``analysis_queue``: analyses that may wait for the worker's one analysis thread (the
    pipeline is not thread-safe), beyond which a request gets 503 with ``Retry-After``.
    ``allow_fetch``: analysing a URL is allowed (public addresses only), with
    ``fetch_max_bytes`` and ``fetch_timeout_s``. ``preload``: load the pipeline when the app
    starts rather than on the first analysis."""

    db_url: str = DEFAULT_URL
    max_body: int = DEFAULT_MAX_BODY
    analysis_queue: int = 8
    retry_after_s: int = 5
    allow_fetch: bool = False
    fetch_max_bytes: int = DEFAULT_MAX_BODY
    fetch_timeout_s: float = 10.0
    preload: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> WebConfig:
        data: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
