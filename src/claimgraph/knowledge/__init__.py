"""Knowledge files (lexicons, country tables, verb patterns) and their loaders.

Data lives in ``knowledge/data/``; each file names its source in a header line
and in the project's NOTICE. Loaders are cached: a file is read once per process.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["data_path"]


def data_path(name: str) -> Path:
    """Path of a knowledge file shipped in ``claimgraph/knowledge/data``."""
    return Path(str(files("claimgraph.knowledge") / "data" / name))
