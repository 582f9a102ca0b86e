"""claimgraph: who claims what, who denies it, what happened, and where the writer persuades."""

from __future__ import annotations

__version__ = "0.1.0"

from claimgraph.analyzer import Analyzer, analyze  # noqa: E402
from claimgraph.errors import ClaimgraphError  # noqa: E402
from claimgraph.record import Record  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

__all__ = ["Analyzer", "ClaimgraphError", "Record", "Settings", "__version__", "analyze"]
