"""Where the analysis runs when it is not this process or its worker pool.

- :mod:`claimgraph.engines.ray`: a Ray cluster (local or existing) through Ray Data,
  ``claimgraph analyze … --engine ray`` and ``claimgraph ingest … --engine ray``
  (the optional extra ``claimgraph[ray]``).

Every engine gives the records of the local path (:meth:`claimgraph.Analyzer.pipe`) in input
order, and errors in place of the documents that could not be analysed.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Engine"]


class Engine(StrEnum):
    """``--engine``: where to analyse."""

    local = "local"
    ray = "ray"
