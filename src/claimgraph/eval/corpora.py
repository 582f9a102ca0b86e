"""The articles the project's own labelled sets point at, read from the research corpora.

A label names an article by ``(corpus, path)``: ``polnear`` with ``COMPARTMENT/FILENAME``
(its publication date and publisher from ``metadata.tsv``), ``fnc1`` with a Body ID (no
date), ``ptc`` with an article file name. The texts are read as the labels' offsets index
them (UTF-8 files; the FNC-1 body as the CSV field).
"""

from __future__ import annotations

import csv
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.eval.polnear import article_text

__all__ = ["CorpusTexts"]


class CorpusTexts:
    """Reads articles by ``(corpus, path)``; the PolNeAR metadata and FNC-1 bodies once each."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._metadata: dict[str, dict[str, str]] | None = None
        self._bodies: dict[str, str] | None = None
        self._texts: dict[tuple[str, str], str] = {}

    def _polnear_row(self, name: str) -> dict[str, str]:
        if self._metadata is None:
            path = self.data_dir / "polnear" / "data" / "metadata.tsv"
            with path.open(encoding="utf-8", newline="") as fh:
                self._metadata = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
        return self._metadata.get(name, {})

    def text(self, corpus: str, path: str) -> str:
        """The article's text (read once). Raises :class:`DataError` for an unknown corpus or a
        malformed PolNeAR path, ``KeyError`` for an unknown Body ID, ``OSError`` for a file."""
        key = (corpus, path)
        if key not in self._texts:
            self._texts[key] = self._read(corpus, path)
        return self._texts[key]

    def _read(self, corpus: str, path: str) -> str:
        if corpus == "polnear":
            compartment, _, name = path.partition("/")
            if not name:
                raise DataError(f"PolNeAR path {path!r} is not COMPARTMENT/FILENAME")
            return article_text(self.data_dir / "polnear" / "data", compartment, name)
        if corpus == "fnc1":
            if self._bodies is None:
                with (self.data_dir / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
                    self._bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
            return self._bodies[path]
        if corpus == "ptc":
            return (self.data_dir / "ptc" / "train-articles" / f"{path}.txt").read_text(encoding="utf-8")
        raise DataError(f"unknown corpus {corpus!r} in the labels")

    def published(self, corpus: str, path: str) -> str | None:
        """The publication date (PolNeAR only; None elsewhere)."""
        if corpus != "polnear":
            return None
        return self._polnear_row(path.split("/", 1)[1]).get("publication_date") or None

    def publisher(self, corpus: str, path: str) -> str | None:
        """The outlet (PolNeAR's publisher; None elsewhere)."""
        if corpus != "polnear":
            return None
        return self._polnear_row(path.split("/", 1)[1]).get("publisher") or None
