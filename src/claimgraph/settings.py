"""One frozen settings object, and the one place that reads the environment.

Every ``CLAIMGRAPH_*`` variable is read here, by :meth:`Settings.from_env`, and
nowhere else; :data:`ENVIRONMENT` lists them with the field each one fills.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_MAX_CHARS", "ENVIRONMENT", "STAGES", "VOICE_ENCODERS", "Settings"]

#: Default limit on a document's text, in characters (about 2 MB of text).
DEFAULT_MAX_CHARS = 2_000_000

#: The extraction stages, in the order they run (the one place this order is written).
STAGES: tuple[str, ...] = ("actors", "statements", "events", "techniques", "voice", "claims")

#: Values of ``CLAIMGRAPH_VOICE_ENCODER``.
VOICE_ENCODERS: tuple[str, ...] = ("auto", "static", "transformer")

#: Environment variable → the :class:`Settings` field it fills.
ENVIRONMENT: dict[str, str] = {
    "CLAIMGRAPH_SPACY_MODEL": "spacy_model",
    "CLAIMGRAPH_MAX_CHARS": "max_chars",
    "CLAIMGRAPH_STATEMENTS_MODEL": "statements_model",
    "CLAIMGRAPH_VOICE_ENCODER": "voice_encoder",
    "CLAIMGRAPH_DB": "db_url",
    "CLAIMGRAPH_DATA": "data_dir",
    "CLAIMGRAPH_CACHE": "cache_dir",
    "CLAIMGRAPH_DEBUG": "debug",
}


@dataclass(frozen=True)
class Settings:
    """What an :class:`~claimgraph.analyzer.Analyzer` and the model loaders need to know.

    ``spacy_model``: pipeline package name (None: the first installed preferred model).
    ``max_chars``: longer documents are refused with
    :class:`~claimgraph.errors.InputTooLargeError`. ``stages``: the extractors to run.
    ``batch_size``: documents per ``nlp.pipe`` batch. ``statements_model``: a folder holding
    another attribution tagger (None: the shipped one). ``voice_encoder``: ``auto``,
    ``static`` or ``transformer`` (see :func:`claimgraph.stages.voice.model.voice_encoder`).
    ``db_url``: the corpus database of the corpus commands (None: ``sqlite:///claimgraph.db``).
    ``data_dir``: the research corpora (None: ``../shared/data`` beside the checkout).
    ``cache_dir``: cached corpus parses (None: ``~/.cache/claimgraph``). ``debug``: show
    the traceback behind a one-line error.
    """

    spacy_model: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    stages: tuple[str, ...] = STAGES
    batch_size: int = 16
    statements_model: Path | None = None
    voice_encoder: str = "auto"
    db_url: str | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    debug: bool = False

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the ``CLAIMGRAPH_*`` environment variables, then ``overrides``
        (an override of None leaves the value from the environment)."""
        env = {name: os.environ.get(name, "") for name in ENVIRONMENT}
        values: dict[str, object] = {}
        if env["CLAIMGRAPH_SPACY_MODEL"]:
            values["spacy_model"] = env["CLAIMGRAPH_SPACY_MODEL"]
        if env["CLAIMGRAPH_MAX_CHARS"]:
            values["max_chars"] = int(env["CLAIMGRAPH_MAX_CHARS"])
        if env["CLAIMGRAPH_STATEMENTS_MODEL"]:
            values["statements_model"] = Path(env["CLAIMGRAPH_STATEMENTS_MODEL"])
        values["voice_encoder"] = env["CLAIMGRAPH_VOICE_ENCODER"].strip().lower() or "auto"
        if env["CLAIMGRAPH_DB"]:
            values["db_url"] = env["CLAIMGRAPH_DB"]
        if env["CLAIMGRAPH_DATA"]:
            values["data_dir"] = Path(env["CLAIMGRAPH_DATA"])
        if env["CLAIMGRAPH_CACHE"]:
            values["cache_dir"] = Path(env["CLAIMGRAPH_CACHE"])
        values["debug"] = bool(env["CLAIMGRAPH_DEBUG"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
