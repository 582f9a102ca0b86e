"""The corpus reads behind both the API and the pages (one function per resource)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from sqlalchemy.exc import DBAPIError

from claimgraph.corpus.store import Corpus, browse
from claimgraph.corpus.store.queries import MODES, PERIODS, corpus_claims, event_clusters, event_counts
from claimgraph.corpus.store.search import search_claim_ids
from claimgraph.errors import InputError, StoreError
from claimgraph.render import DEFAULT_MIN_SCORE

__all__ = [
    "actor",
    "claim",
    "claims",
    "corpus_of",
    "documents",
    "dyad_of",
    "events",
    "found",
    "outlet",
    "outlets",
]

T = TypeVar("T")
#: The most claims one list shows.
MAX_CLAIMS = 500


def corpus_of(request: Request) -> Corpus:
    """The corpus the app serves (opened once, at start-up)."""
    corpus: Corpus = request.app.state.corpus
    return corpus


def found(value: T | None, missing: str) -> T:
    """``value``, or a 404 saying what is ``missing``."""
    if value is None:
        raise HTTPException(404, missing)
    return value


def _read(corpus: Corpus, job: Callable[[], T]) -> T:
    try:
        return job()
    except DBAPIError as exc:
        raise StoreError(f"cannot read the corpus database {corpus.display_url}: {exc.orig}") from exc


def documents(
    corpus: Corpus, *, limit: int = 100, offset: int = 0, outlet: str | None = None
) -> dict[str, Any]:
    return _read(
        corpus, lambda: browse.document_list(corpus.engine, limit=limit, offset=offset, outlet=outlet)
    )


def claims(
    corpus: Corpus, *, q: str | None = None, contested: bool = False, limit: int = 100
) -> dict[str, Any]:
    """Corpus claims, by full-text relevance when ``q`` is given, else most documents first."""
    limit = max(1, min(limit, MAX_CLAIMS))

    def run() -> list[Any]:
        if q and q.strip():
            ids = search_claim_ids(corpus.engine, q)
            found = corpus_claims(corpus.engine, ids=ids)
        else:
            found = corpus_claims(corpus.engine)
        if contested:
            found = [c for c in found if c.contested]
        return found[:limit]

    rows = [c.to_dict() for c in _read(corpus, run)]
    return {"q": q or "", "contested": contested, "count": len(rows), "claims": rows}


def claim(corpus: Corpus, claim_id: int) -> dict[str, Any] | None:
    return _read(corpus, lambda: browse.claim_detail(corpus.engine, claim_id))


def dyad_of(text: str | None) -> tuple[str, str] | None:
    """``IRN,RUS`` (or ``IRN-RUS``) as two upper-case codes; None for none."""
    if not text or not text.strip():
        return None
    parts = [p.strip().upper() for p in text.replace("-", ",").replace("–", ",").split(",") if p.strip()]
    if len(parts) != 2 or not all(p.isalpha() and 2 <= len(p) <= 3 for p in parts):
        raise InputError(f"a dyad is two country codes, like IRN,RUS (got {text[:50]!r})")
    return parts[0], parts[1]


def events(
    corpus: Corpus,
    *,
    dyad: str | None = None,
    by: str = "month",
    mode: str = "asserted",
    directed: bool = False,
    mentions: bool = False,
) -> dict[str, Any]:
    pair = dyad_of(dyad)
    _check_mode(mode)
    if by not in PERIODS:
        raise InputError(f"unknown period {by[:20]!r}: use one of {', '.join(PERIODS)}")
    series = _read(
        corpus,
        lambda: event_counts(
            corpus.engine, dyad=pair, by=by, directed=directed, mode=mode, mentions=mentions
        ),
    )
    return {
        "dyad": list(pair) if pair else None,
        "by": by,
        "mode": mode,
        "directed": directed,
        "counting": "mentions" if mentions else "events",
        "series": [s.to_dict() for s in series],
    }


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise InputError(f"unknown event mode {mode[:20]!r}: use one of {', '.join(MODES)}")


def event_list(
    corpus: Corpus, *, dyad: str | None, mode: str = "asserted", limit: int = 200
) -> list[dict[str, Any]]:
    pair = dyad_of(dyad)
    _check_mode(mode)
    found = _read(corpus, lambda: event_clusters(corpus.engine, dyad=pair, mode=mode))
    return [c.to_dict() for c in found[:limit]]


def actor(corpus: Corpus, name: str) -> dict[str, Any] | None:
    return _read(corpus, lambda: browse.actor_detail(corpus.engine, name))


def outlets(corpus: Corpus) -> list[dict[str, Any]]:
    return _read(corpus, lambda: browse.outlet_list(corpus.engine))


def outlet(corpus: Corpus, name: str) -> dict[str, Any] | None:
    """The outlet's profile over the spans the reports show (``DEFAULT_MIN_SCORE``, as
    ``claimgraph techniques``)."""
    return _read(corpus, lambda: browse.outlet_detail(corpus.engine, name, min_score=DEFAULT_MIN_SCORE))
