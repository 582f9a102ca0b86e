"""Events carry mode, date, location and statement; event mentions join event clusters.

Adds to ``events``: ``mode`` (asserted, negated, intended, hypothetical, demanded),
``date_value`` and ``date_precision`` (the resolved date: YYYY-MM-DD, YYYY-MM or YYYY;
day, month, year or document), ``location`` (ISO 3166 alpha-3), ``reported_by`` (the
statement's local id), and for clustering ``cluster_id`` (the real event, a row of the
new ``event_clusters`` table), ``similarity`` and ``embedding`` (the trigger sentence's
static embedding, float16).

A new ``corpus_state`` table holds counters writers read at the start of each write
transaction: ``deletions`` (documents whose parts were deleted, i.e. replaced) tells a
writer that rows it had in its in-memory claim and event indexes are gone.

Rows stored before this migration take ``mode`` from ``negated`` (``negated`` or
``asserted``) and NULL for the rest: they belong to no cluster and are counted one
event each until their document is stored again (a newer claimgraph's analysis
replaces it on ingest; ``claimgraph ingest --replace`` forces it).

On SQLite the events table is rebuilt (batch mode: SQLite cannot add a foreign key
with ALTER TABLE), with ``AUTOINCREMENT`` so that event ids are never reused (a writer
reads the mentions other writers added by id); nothing references the table, so the
rebuild cascades nothing. PostgreSQL adds the columns in place.

Revision ID: 0003_event_clusters
Revises: 0002_unbounded_text
Create Date: 2026-12-10

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003_event_clusters"
down_revision: str | Sequence[str] | None = "0002_unbounded_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(sqlite_length: int) -> sa.types.TypeEngine[str]:
    """``TEXT`` on PostgreSQL, the unenforced ``VARCHAR(n)`` on SQLite (as models.unbounded)."""
    return sa.Text().with_variant(sa.String(sqlite_length), "sqlite")


def upgrade() -> None:
    """Upgrade schema."""
    state = op.create_table(
        "corpus_state",
        sa.Column("name", _text(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_corpus_state")),
    )
    op.bulk_insert(state, [{"name": "deletions", "value": 0}])
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("root", _text(4), nullable=False),
        sa.Column("plover", _text(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_clusters")),
        sqlite_autoincrement=True,
    )
    # SQLite: rebuilt with AUTOINCREMENT, so that event ids are never reused
    with op.batch_alter_table(
        "events", schema=None, recreate="auto", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column("mode", _text(16), server_default="asserted", nullable=False))
        batch_op.add_column(sa.Column("date_value", _text(16), nullable=True))
        batch_op.add_column(sa.Column("date_precision", _text(16), nullable=True))
        batch_op.add_column(sa.Column("location", _text(8), nullable=True))
        batch_op.add_column(sa.Column("reported_by", _text(64), nullable=True))
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("similarity", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("embedding", sa.LargeBinary(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_events_cluster_id_event_clusters"),
            "event_clusters",
            ["cluster_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_events_cluster_id"), ["cluster_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_mode"), ["mode"], unique=False)
    events = sa.table("events", sa.column("mode", sa.Text()), sa.column("negated", sa.Boolean()))
    op.execute(events.update().where(events.c.negated.is_(True)).values(mode="negated"))


def downgrade() -> None:
    """Downgrade schema (the clusters and the new event fields are lost)."""
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_mode"))
        batch_op.drop_index(batch_op.f("ix_events_cluster_id"))
        batch_op.drop_constraint(batch_op.f("fk_events_cluster_id_event_clusters"), type_="foreignkey")
        for column in (
            "embedding",
            "similarity",
            "cluster_id",
            "reported_by",
            "location",
            "date_precision",
            "date_value",
            "mode",
        ):
            batch_op.drop_column(column)
    op.drop_table("event_clusters")
    op.drop_table("corpus_state")
