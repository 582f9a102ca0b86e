"""The days an event mention's date covers, for clustering and for counts by period.

Kept apart from :mod:`claimgraph.corpus.events` (which needs numpy for its index) so that
the query commands can place events in time without loading it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Protocol

__all__ = ["DOCUMENT_DAYS", "date_range", "day_range"]

#: The days before publication a ``document`` date covers (and after, for a plan).
DOCUMENT_DAYS = 3


class _Window(Protocol):
    @property
    def document_days(self) -> int: ...


def day_range(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO date at day, month or year precision; None when unreadable."""
    try:
        parts = [int(p) for p in value.strip().split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            year, month = parts
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def date_range(
    value: str | None, precision: str | None, mode: str, params: _Window | None = None
) -> tuple[int, int] | None:
    """The days (proleptic ordinals, inclusive) the mention's event may have happened on; None: unknown.

    A ``document`` date (nothing in the text said when) covers the days before publication,
    ``params.document_days`` of them, and the days after as well for what was not reported
    as done (a plan, a demand).
    """
    if not value:
        return None
    parsed = day_range(value)
    if parsed is None:
        return None
    first, last = parsed[0].toordinal(), parsed[1].toordinal()
    if precision == "document":
        days = params.document_days if params is not None else DOCUMENT_DAYS
        before = 0 if mode == "intended" else days
        after = days if mode != "asserted" and mode != "negated" else 0
        return first - before, last + after
    return first, last
