"""claimgraph: who claims what, who denies it, what happened, and where the writer persuades.

The public names are imported lazily (PEP 562), so ``import claimgraph.corpus.store``
or ``claimgraph.record`` does not pay for loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_exports

__version__ = "0.1.0"

__all__ = ["Analyzer", "ClaimgraphError", "Record", "Settings", "__version__", "analyze"]

_LAZY = {
    "Analyzer": "claimgraph.analyzer",
    "analyze": "claimgraph.analyzer",
    "ClaimgraphError": "claimgraph.errors",
    "Record": "claimgraph.record",
    "Settings": "claimgraph.settings",
}

if TYPE_CHECKING:
    from claimgraph.analyzer import Analyzer, analyze
    from claimgraph.errors import ClaimgraphError
    from claimgraph.record import Record
    from claimgraph.settings import Settings


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
