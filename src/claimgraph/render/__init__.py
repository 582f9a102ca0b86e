"""Reports of a :class:`~claimgraph.record.Record`: terminal (Rich) and one self-contained HTML file.

JSON and JSONL are the record itself (``record.to_json()``). Both reports read
only the record and show whatever parts it has; their shared numbers come from
:mod:`claimgraph.render.summary`.
"""

from __future__ import annotations

from claimgraph.render.html import render_html
from claimgraph.render.summary import technique_summary, voice_summary
from claimgraph.render.terminal import render_terminal

__all__ = ["render_html", "render_terminal", "technique_summary", "voice_summary"]
