"""Export the corpus for pandas, DuckDB or Polars: one Parquet or JSON-lines file per table.

Files: ``documents`` (metadata, no text), ``records.jsonl`` (JSON lines only:
the full records), ``actors``, ``statements``, ``doc_claims``, ``events``,
``corpus_claims`` (the :func:`~claimgraph.corpus.store.queries.corpus_claims` view),
``claim_members`` and ``claim_stances``. Each file is written to a temporary
name and moved into place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, select
from sqlalchemy.sql.type_api import TypeEngine

from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    DocClaim,
    Document,
    DocumentActor,
    DocumentEvent,
    DocumentStatement,
)
from claimgraph.errors import StoreError
from claimgraph.fileio import atomic_path

if TYPE_CHECKING:
    from claimgraph.corpus.store.corpus import Corpus

__all__ = ["FORMATS", "export_tables"]

FORMATS = ("parquet", "jsonl")
_TABLES = {
    "documents": Document,
    "actors": DocumentActor,
    "statements": DocumentStatement,
    "doc_claims": DocClaim,
    "events": DocumentEvent,
    "claim_members": ClaimMember,
    "claim_stances": ClaimStance,
}
_SKIP = {"record", "embedding"}
_BATCH = 2000


def _arrow_type(sa_type: TypeEngine[Any]):  # -> pyarrow.DataType
    import pyarrow as pa

    if isinstance(sa_type, Boolean):
        return pa.bool_()
    if isinstance(sa_type, Integer):
        return pa.int64()
    if isinstance(sa_type, Float):
        return pa.float64()
    if isinstance(sa_type, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(sa_type, Date):
        return pa.date32()
    return pa.string()


def _plain(value: Any, for_json: bool) -> Any:
    if isinstance(value, (dict, list)):
        return value if for_json else json.dumps(value, ensure_ascii=False)
    if for_json and isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _rows(corpus: Corpus, model: Any, for_json: bool) -> Iterator[list[dict[str, Any]]]:
    columns = [c for c in model.__table__.columns if c.name not in _SKIP]
    with corpus.engine.connect() as conn:
        result = conn.execute(select(*columns).order_by(model.id)).yield_per(_BATCH)
        for part in result.partitions():
            yield [{c.name: _plain(v, for_json) for c, v in zip(columns, row, strict=True)} for row in part]


def _write_parquet(path: Path, schema: Any, batches: Iterator[list[dict[str, Any]]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_path(path) as tmp, pq.ParquetWriter(str(tmp), schema) as writer:
        wrote = False
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def _write_jsonl(path: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as fh:
        for batch in batches:
            for row in batch:
                fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def export_tables(corpus: Corpus, directory: Path, fmt: str) -> list[Path]:
    """Write the corpus tables into ``directory``; returns the files written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use parquet or jsonl")
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, model in _TABLES.items():
        path = directory / f"{name}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa

            columns = [c for c in model.__table__.columns if c.name not in _SKIP]
            schema = pa.schema([(c.name, _arrow_type(c.type)) for c in columns])
            _write_parquet(path, schema, _rows(corpus, model, False))
        else:
            _write_jsonl(path, _rows(corpus, model, True))
        written.append(path)
    claims = [c.to_dict() for c in corpus.claims()]
    path = directory / f"corpus_claims.{fmt}"
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        people = pa.list_(pa.struct([("name", pa.string()), ("country", pa.string())]))
        schema = pa.schema(
            [
                ("id", pa.int64()),
                ("text", pa.string()),
                ("documents", pa.list_(pa.string())),
                ("outlets", pa.list_(pa.string())),
                ("asserted_by", people),
                ("denied_by", people),
                ("doubted_by", people),
                ("first_seen", pa.string()),
                ("last_seen", pa.string()),
                ("statements", pa.int64()),
                ("contested", pa.bool_()),
            ]
        )
        with atomic_path(path) as tmp:
            pq.write_table(pa.Table.from_pylist(claims, schema=schema), str(tmp))
    else:
        _write_jsonl(path, iter([claims]))
    written.append(path)
    if fmt == "jsonl":
        path = directory / "records.jsonl"
        with corpus.engine.connect() as conn, atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as fh:
            result = conn.execute(select(Document.record).order_by(Document.id)).yield_per(200)
            for (record,) in result:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        written.append(path)
    return written
