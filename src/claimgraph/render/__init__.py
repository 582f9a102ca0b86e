"""Reports of a :class:`~claimgraph.record.Record`: terminal (Rich) and one self-contained HTML file.

JSON and JSONL are the record itself (``record.to_json()``). Both reports read
only the record and show whatever parts it has; their shared numbers come from
:mod:`claimgraph.render.summary`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_exports

if TYPE_CHECKING:
    from claimgraph.record import Record
    from claimgraph.render.html import render_html
    from claimgraph.render.summary import technique_summary, voice_summary
    from claimgraph.render.terminal import render_terminal

__all__ = [
    "DEFAULT_MIN_SCORE",
    "render_html",
    "render_terminal",
    "shown",
    "technique_summary",
    "voice_summary",
]

#: Technique spans scored under this are left out of what is shown (``--min-score``); the
#: record itself keeps every span with its score. The scores are calibrated probabilities
#: (:mod:`claimgraph.stages.techniques.calibration`); chosen on held-out PTC articles (fold 0 of
#: ``train techniques --holdout``, calibrated by halves: ``benchmarks/techniques_reliability.py``):
#: the highest of the thresholds 0–0.4 with the best labelled span F1 (0.259; SI 0.422).
DEFAULT_MIN_SCORE = 0.12

#: The renderers, imported on first use (the HTML one loads Jinja2): a command that only
#: filters records (``shown``) pays for none of them.
_LAZY = {
    "render_html": "claimgraph.render.html",
    "render_terminal": "claimgraph.render.terminal",
    "technique_summary": "claimgraph.render.summary",
    "voice_summary": "claimgraph.render.summary",
}


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)


def shown(record: Record, min_score: float = DEFAULT_MIN_SCORE) -> Record:
    """The record as shown: its technique spans scored at least ``min_score`` (every output
    format of ``claimgraph analyze`` goes through this, so they all agree)."""
    kept = [t for t in record.techniques if t.score >= min_score]
    return record if len(kept) == len(record.techniques) else record.model_copy(update={"techniques": kept})
