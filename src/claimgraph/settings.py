"""One frozen settings object, passed in (never read from globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_CHARS", "STAGES", "Settings"]

#: Default limit on a document's text, in characters (about 2 MB of text).
DEFAULT_MAX_CHARS = 2_000_000

#: The extraction stages, in the order they run.
STAGES: tuple[str, ...] = ("actors", "statements", "events", "techniques", "voice", "claims")


@dataclass(frozen=True)
class Settings:
    """What an :class:`~claimgraph.analyzer.Analyzer` needs to know.

    ``spacy_model``: pipeline package name (None: ``CLAIMGRAPH_SPACY_MODEL`` or
    the first installed preferred model). ``max_chars``: longer documents are
    refused with :class:`~claimgraph.errors.InputTooLargeError`. ``stages``: the
    extractors to run. ``batch_size``: documents per ``nlp.pipe`` batch.
    """

    spacy_model: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    stages: tuple[str, ...] = STAGES
    batch_size: int = 16

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``CLAIMGRAPH_*`` environment variables, then ``overrides``."""
        values: dict[str, object] = {}
        if os.environ.get("CLAIMGRAPH_MAX_CHARS"):
            values["max_chars"] = int(os.environ["CLAIMGRAPH_MAX_CHARS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
