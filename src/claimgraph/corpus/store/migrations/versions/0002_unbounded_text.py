"""Unbounded text: no length limit on PostgreSQL either (the same input gives the same corpus).

PostgreSQL enforced the ``VARCHAR(n)`` of 0001 and refused a document whose id,
source or date was longer (a 2,000-character id from a JSON line), or a claim
member naming many countries, which SQLite stored. Every string column but the
content hash becomes ``TEXT`` (no table rewrite: ``VARCHAR`` to ``TEXT`` is
binary coercible), and the document id and source indexes become hash indexes,
because a B-tree entry cannot exceed 2,704 bytes.

SQLite is left as it is: it never enforced ``VARCHAR(n)`` (type affinity TEXT),
and changing a declared type there means rebuilding the tables, which with
foreign keys on would cascade deletes. The models declare the ``VARCHAR(n)``
for SQLite (:func:`claimgraph.corpus.store.models.unbounded`).

Revision ID: 0002_unbounded_text
Revises: 0001_initial
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002_unbounded_text"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column, declared length in 0001, nullable)
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("documents", "doc_id", 1000, False),
    ("documents", "source", 500, True),
    ("documents", "published", 64, True),
    ("documents", "language", 16, True),
    ("documents", "analyser_version", 64, False),
    ("actors", "local_id", 64, False),
    ("actors", "kind", 32, False),
    ("actors", "country", 8, True),
    ("actors", "sector", 16, True),
    ("actors", "code", 32, True),
    ("statements", "local_id", 64, False),
    ("statements", "speaker", 64, True),
    ("statements", "kind", 32, False),
    ("statements", "stance", 16, False),
    ("statements", "cue_class", 32, True),
    ("statements", "claim", 64, True),
    ("doc_claims", "local_id", 64, False),
    ("doc_claims", "author_stance", 16, False),
    ("events", "local_id", 64, False),
    ("events", "source", 64, True),
    ("events", "target", 64, True),
    ("events", "source_country", 8, True),
    ("events", "target_country", 8, True),
    ("events", "cameo", 8, False),
    ("events", "root", 4, False),
    ("events", "plover", 32, True),
    ("claim_members", "kind", 16, False),
    ("claim_members", "local_id", 64, False),
    ("claim_members", "countries", 200, False),
    ("claim_members", "roots", 200, False),
    ("claim_stances", "stance", 16, False),
)
HASHED = (("ix_documents_doc_id", "doc_id"), ("ix_documents_source", "source"))


def upgrade() -> None:
    """Upgrade schema."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length, nullable in COLUMNS:
        op.alter_column(
            table, column, type_=sa.Text(), existing_type=sa.String(length), existing_nullable=nullable
        )
    for name, column in HASHED:
        op.drop_index(name, table_name="documents")
        op.create_index(name, "documents", [column], unique=False, postgresql_using="hash")


def downgrade() -> None:
    """Downgrade schema (fails when a stored value is longer than 0001 allowed)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in HASHED:
        op.drop_index(name, table_name="documents")
        op.create_index(name, "documents", [column], unique=False)
    for table, column, length, nullable in COLUMNS:
        op.alter_column(
            table, column, type_=sa.String(length), existing_type=sa.Text(), existing_nullable=nullable
        )
