"""Stance of an article toward a claim (FNC-1): agree, disagree, discuss or unrelated.

Two gradient-boosted tree models over :mod:`claimgraph.corpus.stance.features`: the
first decides whether the body is about the headline's claim at all
(related / unrelated), the second, trained on related pairs only, whether it
agrees, disagrees or merely discusses (the two-stage design of the FNC-1
baseline and of most top systems). Trees are trained with scikit-learn and
shipped as arrays (:mod:`claimgraph.ml.trees`) in ``models/stance.npz``.

>>> from claimgraph.corpus.stance import load_model
>>> load_model().predict(nlp, ["Pyongyang shipped shells to Russia"], [body])  # doctest: +SKIP
['disagree']

Fitted in :mod:`claimgraph.corpus.stance.train` (``claimgraph train stance``); scored by
``claimgraph eval fnc1``.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph import models
from claimgraph.corpus.stance.features import FEATURE_NAMES, DocSummary, PairFeaturizer, summarize
from claimgraph.errors import DataError, ModelError
from claimgraph.ml.trees import TreeEnsemble
from claimgraph.sanitize import csv_row

__all__ = [
    "LABELS",
    "StanceModel",
    "default_model_path",
    "load_model",
    "read_bodies",
    "read_pairs",
    "write_predictions",
]

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")


def _open_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file with the ``required`` columns, each row with a value in each.

    Only a regular file is read: a FIFO, a device or a folder is refused at once
    (opened without blocking, so a FIFO with no writer cannot hang the command).
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            what = "a folder" if stat.S_ISDIR(kind) else "a FIFO" if stat.S_ISFIFO(kind) else "a special file"
            raise DataError(f"{path}: not a regular file ({what}): give a CSV file")
        os.set_blocking(fd, True)
        fh = open(fd, encoding="utf-8", newline="", closefd=True)  # noqa: SIM115
    except BaseException:
        os.close(fd)
        raise
    try:
        with fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(missing)} (FNC-1 format expected)")
            rows: list[dict[str, str]] = []
            for row in reader:
                short = [c for c in required if row.get(c) is None]
                if short:
                    raise DataError(
                        f"{path}: line {reader.line_num}: no value for {', '.join(short)} "
                        f"(the row has fewer cells than the header)"
                    )
                rows.append(row)
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    return rows


def read_pairs(path: Path) -> list[dict[str, str]]:
    """Rows of an FNC-1 stances file (``Headline``, ``Body ID``, optionally ``Stance``)."""
    return _open_csv(path, ("Headline", "Body ID"))


def read_bodies(path: Path) -> dict[str, str]:
    """Body ID → article body, from an FNC-1 bodies file (``Body ID``, ``articleBody``)."""
    return {r["Body ID"]: r["articleBody"] for r in _open_csv(path, ("Body ID", "articleBody"))}


def write_predictions(path_or_fh, pairs: Sequence[dict[str, str]], labels: Sequence[str]) -> None:
    """Write ``Headline, Body ID, Stance`` rows (FNC-1 submission format).

    Cells pass through :func:`claimgraph.sanitize.csv_cell`: a headline a spreadsheet
    would read as a formula (``=…``, ``+…``, ``-…``, ``@…``) is prefixed with ``'``.
    """
    writer = csv.writer(path_or_fh)
    writer.writerow(["Headline", "Body ID", "Stance"])
    for row, label in zip(pairs, labels, strict=True):
        writer.writerow(csv_row([row["Headline"], row["Body ID"], label]))


@dataclass
class StanceModel:
    """Hashed idf weights and the two tree ensembles."""

    featurizer: PairFeaturizer
    related: TreeEnsemble
    stance: TreeEnsemble
    threshold: float = 0.5

    # -- prediction ----------------------------------------------------------
    def features(
        self, heads: Sequence[DocSummary], bodies: Sequence[DocSummary], pairs: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        return self.featurizer.transform(heads, bodies, pairs)

    def predict_features(self, x: np.ndarray) -> list[str]:
        """Labels for feature rows."""
        if len(x) == 0:
            return []
        p_related = self.related.predict_proba(x)[:, self.related.classes.index("related")]
        probs = self.stance.predict_proba(x)
        stance = [self.stance.classes[i] for i in probs.argmax(axis=1)]
        return [s if p >= self.threshold else "unrelated" for s, p in zip(stance, p_related, strict=True)]

    def predict_docs(self, heads: Sequence[Doc], bodies: Sequence[Doc]) -> list[str]:
        """One label per (headline, body) pair of parsed docs."""
        h = [summarize(d) for d in heads]
        b = [summarize(d) for d in bodies]
        return self.predict_features(self.features(h, b, [(i, i) for i in range(len(h))]))

    def predict(self, nlp: Language, headlines: Sequence[str], bodies: Sequence[str]) -> list[str]:
        """One label per (headline, body) text pair; each distinct text is parsed once."""
        head_index = {t: i for i, t in enumerate(dict.fromkeys(headlines))}
        body_index = {t: i for i, t in enumerate(dict.fromkeys(bodies))}
        h = [summarize(d) for d in nlp.pipe(head_index, batch_size=256)]
        b = [summarize(d) for d in nlp.pipe(body_index, batch_size=16)]
        pairs = [(head_index[x], body_index[y]) for x, y in zip(headlines, bodies, strict=True)]
        return self.predict_features(self.features(h, b, pairs))

    # -- persistence ---------------------------------------------------------
    def save(self, path: Path) -> None:
        assert self.featurizer.idf is not None
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {
            "idf": self.featurizer.idf.astype(np.float16),
            "features": np.array(FEATURE_NAMES),
            "threshold": np.array([self.threshold]),
            **self.related.to_arrays("rel_"),
            **self.stance.to_arrays("st_"),
        }
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        try:
            with np.load(path) as data:
                if [str(n) for n in data["features"]] != FEATURE_NAMES:
                    raise ModelError(f"{path}: built for other features; run `claimgraph train stance`")
                return cls(
                    featurizer=PairFeaturizer(data["idf"].astype(np.float32)),
                    related=TreeEnsemble.from_arrays(data, "rel_"),
                    stance=TreeEnsemble.from_arrays(data, "st_"),
                    threshold=float(data["threshold"][0]),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load the stance model {path}: run `claimgraph train stance`") from exc


def default_model_path() -> Path:
    """Where the shipped model lives (``claimgraph/models/stance.npz``)."""
    return models.path("stance.npz")


@cache
def load_model(path: str | None = None) -> StanceModel:
    """The stance model at ``path`` (default: the shipped one), loaded once per process."""
    return StanceModel.load(Path(path) if path else default_model_path())
