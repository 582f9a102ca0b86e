"""Scorers for the public benchmarks (PolNeAR, PTC, CAMEO examples, CheckThat!, FNC-1)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.settings import Settings

__all__ = ["f1_of", "labelled_rows", "prf", "shared_data_dir"]


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (each 0 when undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1_of(precision, recall)


def shared_data_dir(sub: str = "") -> Path:
    """The research corpora folder (``CLAIMGRAPH_DATA`` or ``../shared/data`` beside the repo).

    Raises :class:`DataError` when it is absent: the corpora are never shipped.
    """
    configured = Settings.from_env().data_dir
    candidates = [configured] if configured else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "data" for p in here.parents] + [Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            path = c / sub if sub else c
            if path.exists():
                return path
    raise DataError(
        f"research data {sub or ''} not found: set CLAIMGRAPH_DATA to the folder that holds "
        "ptc/, polnear/, cameo/, … (../shared/data on the team's machines)"
    )


def labelled_rows(path: Path, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """The rows of one of the project's hand-labelled TSV files (``benchmarks/data/``): lines
    starting with ``#`` are comments, the first other line is the header, cells are split on
    tabs (no quoting). Raises :class:`DataError` when the file cannot be read, when its header
    is not ``columns`` (when given) or when a row has another number of cells."""
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not lines:
        raise DataError(f"{path}: no header row")
    header = lines[0].split("\t")
    if columns is not None and header != list(columns):
        raise DataError(f"{path}: unexpected header {header}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise DataError(f"{path}: data row {n}: {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows
