"""Export the corpus for pandas, DuckDB or Polars: one Parquet or JSON-lines file per table.

Files: ``documents`` (metadata, no text), ``records.jsonl`` (JSON lines only:
the full records), ``actors``, ``statements``, ``doc_claims``, ``events``,
``corpus_claims`` (the :func:`~claimgraph.corpus.store.queries.corpus_claims` view),
``claim_members`` and ``claim_stances``. Every file is written to a temporary
name and flushed to disk; only when all of them are written are they moved into
place. A failed export (a full disk, a read-only folder, a database error) leaves
the folder as it was: no half file, no mix of old and new files.
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
from claimgraph.fileio import atomic_paths, make_folder

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


def _write_parquet(tmp: Path, schema: Any, batches: Iterator[list[dict[str, Any]]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pq.ParquetWriter(str(tmp), schema) as writer:
        wrote = False
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def _write_jsonl(tmp: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    with tmp.open("w", encoding="utf-8") as fh:
        for batch in batches:
            for row in batch:
                fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def export_tables(corpus: Corpus, directory: Path, fmt: str) -> list[Path]:
    """Write the corpus tables into ``directory``; returns the files written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use parquet or jsonl")
    make_folder(directory)
    names = [*_TABLES, "corpus_claims"]
    paths = [directory / f"{name}.{fmt}" for name in names]
    if fmt == "jsonl":
        paths.append(directory / "records.jsonl")
    with atomic_paths(paths) as temps:
        tmp_of = dict(zip(paths, temps, strict=True))
        for name, model in _TABLES.items():
            tmp = tmp_of[directory / f"{name}.{fmt}"]
            if fmt == "parquet":
                import pyarrow as pa

                columns = [c for c in model.__table__.columns if c.name not in _SKIP]
                schema = pa.schema([(c.name, _arrow_type(c.type)) for c in columns])
                _write_parquet(tmp, schema, _rows(corpus, model, False))
            else:
                _write_jsonl(tmp, _rows(corpus, model, True))
        _write_claims(corpus, tmp_of[directory / f"corpus_claims.{fmt}"], fmt)
        if fmt == "jsonl":
            with corpus.engine.connect() as conn, tmp_of[paths[-1]].open("w", encoding="utf-8") as fh:
                result = conn.execute(select(Document.record).order_by(Document.id)).yield_per(200)
                for (record,) in result:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def _write_claims(corpus: Corpus, tmp: Path, fmt: str) -> None:
    claims = [c.to_dict() for c in corpus.claims()]
    if fmt != "parquet":
        _write_jsonl(tmp, iter([claims]))
        return
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
    pq.write_table(pa.Table.from_pylist(claims, schema=schema), str(tmp))
