"""Export the corpus for pandas, DuckDB or Polars: one Parquet or JSON-lines file per table.

Files: ``documents`` (metadata, no text), ``records.jsonl`` (JSON lines only:
the full records), ``actors``, ``statements``, ``doc_claims``, ``events``,
``event_clusters`` (the :func:`~claimgraph.corpus.store.queries.event_clusters` view,
every mode), ``corpus_claims`` (the :func:`~claimgraph.corpus.store.queries.corpus_claims`
view), ``claim_members`` and ``claim_stances``.

Each ``events`` row stands alone (no joins needed in pandas or DuckDB): beside the
stored columns (mode, ``date_value`` and ``date_precision``, ``location``,
``reported_by``, ``cluster_id``) it carries the document's ``doc_id``, ``outlet`` and
``published_date``, the source and target actors' ``source_name`` / ``target_name``
with their countries, and ``date``, the first day of the resolved date (a date of
precision ``document`` is the publication date). Every file is written to a temporary
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

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, and_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.type_api import TypeEngine

from claimgraph.corpus.event_dates import date_range
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
    from claimgraph.corpus.store.reader import CorpusReader

__all__ = ["FORMATS", "export_tables"]

FORMATS = ("parquet", "jsonl")
_TABLES = {
    "documents": Document,
    "actors": DocumentActor,
    "statements": DocumentStatement,
    "doc_claims": DocClaim,
    "events": DocumentEvent,  # with the columns of _EVENT_EXTRAS (_event_rows)
    "claim_members": ClaimMember,
    "claim_stances": ClaimStance,
}
#: Columns the events file adds to the stored ones: (name, SQL type) after the stored columns.
_EVENT_EXTRAS: tuple[tuple[str, TypeEngine[Any]], ...] = (
    ("doc_id", Document.__table__.c.doc_id.type),
    ("outlet", Document.__table__.c.source.type),
    ("published_date", Date()),
    ("source_name", DocumentActor.__table__.c.name.type),
    ("target_name", DocumentActor.__table__.c.name.type),
    ("date", Date()),
)
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


def _columns(model: Any) -> list[tuple[str, TypeEngine[Any]]]:
    """(name, type) of each column the file of ``model`` has."""
    stored = [(c.name, c.type) for c in model.__table__.columns if c.name not in _SKIP]
    return stored + list(_EVENT_EXTRAS) if model is DocumentEvent else stored


def _event_rows(corpus: CorpusReader, for_json: bool) -> Iterator[list[dict[str, Any]]]:
    """Event mentions with their document, actors' names and first day of their date."""

    source, target = aliased(DocumentActor), aliased(DocumentActor)
    stored = [c for c in DocumentEvent.__table__.columns if c.name not in _SKIP]
    query = (
        select(
            *stored,
            Document.doc_id,
            Document.source.label("outlet"),
            Document.published_date,
            source.name.label("source_name"),
            target.name.label("target_name"),
        )
        .join(Document, Document.id == DocumentEvent.document_pk)
        .outerjoin(
            source,
            and_(source.document_pk == DocumentEvent.document_pk, source.local_id == DocumentEvent.source),
        )
        .outerjoin(
            target,
            and_(target.document_pk == DocumentEvent.document_pk, target.local_id == DocumentEvent.target),
        )
        .order_by(DocumentEvent.id)
    )
    names = [c.name for c in stored] + ["doc_id", "outlet", "published_date", "source_name", "target_name"]
    with corpus.engine.connect() as conn:
        for part in conn.execute(query).yield_per(_BATCH).partitions():
            batch = []
            for row in part:
                values = dict(zip(names, row, strict=True))
                precision = values["date_precision"]
                span = date_range(values["date_value"], "day" if precision == "document" else precision, "")
                values["date"] = date.fromordinal(span[0]) if span is not None else None
                batch.append({k: _plain(v, for_json) for k, v in values.items()})
            yield batch


def _rows(corpus: CorpusReader, model: Any, for_json: bool) -> Iterator[list[dict[str, Any]]]:
    if model is DocumentEvent:
        yield from _event_rows(corpus, for_json)
        return
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


def export_tables(corpus: CorpusReader, directory: Path, fmt: str) -> list[Path]:
    """Write the corpus tables into ``directory``; returns the files written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use parquet or jsonl")
    make_folder(directory)
    names = [*_TABLES, "event_clusters", "corpus_claims"]
    paths = [directory / f"{name}.{fmt}" for name in names]
    if fmt == "jsonl":
        paths.append(directory / "records.jsonl")
    with atomic_paths(paths) as temps:
        tmp_of = dict(zip(paths, temps, strict=True))
        for name, model in _TABLES.items():
            tmp = tmp_of[directory / f"{name}.{fmt}"]
            if fmt == "parquet":
                import pyarrow as pa

                schema = pa.schema([(name, _arrow_type(t)) for name, t in _columns(model)])
                _write_parquet(tmp, schema, _rows(corpus, model, False))
            else:
                _write_jsonl(tmp, _rows(corpus, model, True))
        _write_clusters(corpus, tmp_of[directory / f"event_clusters.{fmt}"], fmt)
        _write_claims(corpus, tmp_of[directory / f"corpus_claims.{fmt}"], fmt)
        if fmt == "jsonl":
            with corpus.engine.connect() as conn, tmp_of[paths[-1]].open("w", encoding="utf-8") as fh:
                result = conn.execute(select(Document.record).order_by(Document.id)).yield_per(200)
                for (record,) in result:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def _write_clusters(corpus: CorpusReader, tmp: Path, fmt: str) -> None:
    clusters = [c.to_dict() for c in corpus.event_clusters(mode="all")]
    if fmt != "parquet":
        _write_jsonl(tmp, iter([[{k: _plain(v, True) for k, v in c.items()} for c in clusters]]))
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    text, number = pa.string(), pa.int64()
    schema = pa.schema(
        [
            ("id", number),
            ("cameo", text),
            ("root", text),
            ("plover", text),
            ("goldstein", pa.float64()),
            ("quad_class", number),
            ("source_country", text),
            ("target_country", text),
            ("date_value", text),
            ("date_precision", text),
            ("day", pa.date32()),
            ("first_seen", text),
            ("last_seen", text),
            ("mentions", number),
            ("documents", number),
            ("outlets", number),
            ("outlet_names", pa.list_(text)),
            ("modes", pa.list_(text)),
        ]
    )
    pq.write_table(pa.Table.from_pylist(clusters, schema=schema), str(tmp))


def _write_claims(corpus: CorpusReader, tmp: Path, fmt: str) -> None:
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
