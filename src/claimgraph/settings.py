"""One frozen settings object, and the one place that reads the environment.

Every ``CLAIMGRAPH_*`` variable is read here, by :meth:`Settings.from_env`, and
nowhere else; :data:`ENVIRONMENT` lists them with the field each one fills.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_DB_URL",
    "DEFAULT_MAX_CHARS",
    "ENVIRONMENT",
    "STAGES",
    "TECHNIQUE_SPANS",
    "VOICE_ENCODERS",
    "WEB_CONFIG_VARIABLE",
    "Settings",
]

#: Default limit on a document's text, in characters (about 2 MB of text).
DEFAULT_MAX_CHARS = 2_000_000

#: The extraction stages, in the order they run (the one place this order is written). Voice
#: runs before techniques: a technique span in a sentence the voice model finds neutral is
#: calibrated as plain reporting (:mod:`claimgraph.stages.techniques.calibration`).
STAGES: tuple[str, ...] = ("actors", "statements", "events", "voice", "techniques", "claims")

#: Values of ``CLAIMGRAPH_VOICE_ENCODER``.
VOICE_ENCODERS: tuple[str, ...] = ("auto", "static", "transformer")

#: Values of ``CLAIMGRAPH_TECHNIQUE_SPANS``: which model proposes technique spans (the CRF, the
#: MiniLM tagger of the ``transformer`` extra, or both; :mod:`claimgraph.stages.techniques.transformer`).
TECHNIQUE_SPANS: tuple[str, ...] = ("crf", "transformer", "both")

#: Environment variable → the :class:`Settings` field it fills.
ENVIRONMENT: dict[str, str] = {
    "CLAIMGRAPH_SPACY_MODEL": "spacy_model",
    "CLAIMGRAPH_MAX_CHARS": "max_chars",
    "CLAIMGRAPH_STATEMENTS_MODEL": "statements_model",
    "CLAIMGRAPH_VOICE_ENCODER": "voice_encoder",
    "CLAIMGRAPH_TECHNIQUE_SPANS": "technique_spans",
    "CLAIMGRAPH_DB": "db_url",
    "CLAIMGRAPH_DATA": "data_dir",
    "CLAIMGRAPH_CACHE": "cache_dir",
    "CLAIMGRAPH_DEBUG": "debug",
    "CLAIMGRAPH_WEB_CONFIG": "web_config",
}
#: Where ``claimgraph serve`` leaves its options for its worker processes.
WEB_CONFIG_VARIABLE = "CLAIMGRAPH_WEB_CONFIG"


#: How a variable's text becomes its field's value (the others are taken as they are).
_PARSERS: dict[str, Callable[[str], object]] = {
    "max_chars": int,
    "statements_model": Path,
    "voice_encoder": str.lower,
    "technique_spans": str.lower,
    "data_dir": Path,
    "cache_dir": Path,
    "debug": bool,
}


#: The corpus URL when none is given: a SQLite file in the working directory.
DEFAULT_DB_URL = "sqlite:///claimgraph.db"


@dataclass(frozen=True)
class Settings:
    """What an :class:`~claimgraph.analyzer.Analyzer` and the model loaders need to know.

    ``spacy_model``: pipeline package name (None: the first installed preferred model).
    ``max_chars``: longer documents are refused with
    :class:`~claimgraph.errors.InputTooLargeError`. ``stages``: the extractors to run.
    ``batch_size``: documents per ``nlp.pipe`` batch. ``statements_model``: a folder holding
    another attribution tagger (None: the shipped one). ``voice_encoder``: ``auto``,
    ``static`` or ``transformer`` (see :func:`claimgraph.stages.voice.model.voice_encoder`).
    ``technique_spans``: ``crf``, ``transformer`` or ``both``, which model proposes technique
    spans (see :func:`claimgraph.stages.techniques.transformer.span_mode`).
    ``db_url``: the corpus database of the corpus commands (None: ``sqlite:///claimgraph.db``).
    ``data_dir``: the research corpora (None: ``../shared/data`` beside the checkout).
    ``cache_dir``: cached corpus parses (None: ``~/.cache/claimgraph``). ``debug``: show
    the traceback behind a one-line error. ``web_config``: the options of ``claimgraph serve``
    as JSON, which the command hands to its worker processes.
    """

    spacy_model: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    stages: tuple[str, ...] = STAGES
    #: 4, not spaCy's 16-128: the parses of a batch are held together, and on 30 PTC articles a
    #: batch of 16 peaked at 729 MB against 557 MB for 4, at the same speed (BENCHMARKS.md, issue 20)
    batch_size: int = 4
    statements_model: Path | None = None
    voice_encoder: str = "auto"
    technique_spans: str = "crf"
    db_url: str | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    debug: bool = False
    web_config: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the ``CLAIMGRAPH_*`` environment variables, then ``overrides``
        (an override of None leaves the value from the environment)."""
        values: dict[str, object] = {}
        for name, field in ENVIRONMENT.items():
            raw = os.environ.get(name, "").strip()
            if raw:
                values[field] = _PARSERS.get(field, str)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
