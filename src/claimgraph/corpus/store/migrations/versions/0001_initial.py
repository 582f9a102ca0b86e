"""Initial corpus schema: documents and their parts, corpus claims and their members.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = "0001_initial"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "corpus_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_claims")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=64), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("analyser_version", sa.String(length=64), nullable=False),
        sa.Column(
            "generator",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "record",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_doc_id"), ["doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published_date"), ["published_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_source"), ["source"], unique=False)

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=16), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.id"],
            name=op.f("fk_actors_document_pk_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("document_pk", "local_id", name=op.f("uq_actors_document_pk")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_document_pk"), ["document_pk"], unique=False)

    op.create_table(
        "claim_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("corpus_claim_id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("founder", sa.Boolean(), nullable=False),
        sa.Column("countries", sa.String(length=200), nullable=False),
        sa.Column("roots", sa.String(length=200), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_claim_id"],
            ["corpus_claims.id"],
            name=op.f("fk_claim_members_corpus_claim_id_corpus_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.id"],
            name=op.f("fk_claim_members_document_pk_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_members")),
        sa.UniqueConstraint("document_pk", "kind", "local_id", name=op.f("uq_claim_members_document_pk")),
    )
    with op.batch_alter_table("claim_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claim_members_corpus_claim_id"), ["corpus_claim_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_claim_members_document_pk"), ["document_pk"], unique=False)

    op.create_table(
        "doc_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "asserted_by",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "denied_by",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("author_stance", sa.String(length=16), nullable=False),
        sa.Column("evidence_cited", sa.Boolean(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.Column("check_worthiness", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.id"],
            name=op.f("fk_doc_claims_document_pk_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_claims")),
        sa.UniqueConstraint("document_pk", "local_id", name=op.f("uq_doc_claims_document_pk")),
    )
    with op.batch_alter_table("doc_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doc_claims_document_pk"), ["document_pk"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("source_country", sa.String(length=8), nullable=True),
        sa.Column("target_country", sa.String(length=8), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("root", sa.String(length=4), nullable=False),
        sa.Column("plover", sa.String(length=32), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.id"],
            name=op.f("fk_events_document_pk_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("document_pk", "local_id", name=op.f("uq_events_document_pk")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_document_pk"), ["document_pk"], unique=False)
        batch_op.create_index("ix_events_dyad", ["source_country", "target_country"], unique=False)

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("speaker", sa.String(length=64), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("cue_class", sa.String(length=32), nullable=True),
        sa.Column("claim", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_pk"],
            ["documents.id"],
            name=op.f("fk_statements_document_pk_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
        sa.UniqueConstraint("document_pk", "local_id", name=op.f("uq_statements_document_pk")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statements_document_pk"), ["document_pk"], unique=False)

    op.create_table(
        "claim_stances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("actor_pk", sa.Integer(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_pk"], ["actors.id"], name=op.f("fk_claim_stances_actor_pk_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["claim_members.id"],
            name=op.f("fk_claim_stances_member_id_claim_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_stances")),
        sa.UniqueConstraint("member_id", "actor_pk", "stance", name=op.f("uq_claim_stances_member_id")),
    )
    with op.batch_alter_table("claim_stances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_stances_actor_pk"), ["actor_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_stances_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("claim_stances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_stances_member_id"))
        batch_op.drop_index(batch_op.f("ix_claim_stances_actor_pk"))

    op.drop_table("claim_stances")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_document_pk"))

    op.drop_table("statements")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_dyad")
        batch_op.drop_index(batch_op.f("ix_events_document_pk"))

    op.drop_table("events")
    with op.batch_alter_table("doc_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_claims_document_pk"))

    op.drop_table("doc_claims")
    with op.batch_alter_table("claim_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_members_document_pk"))
        batch_op.drop_index(batch_op.f("ix_claim_members_corpus_claim_id"))

    op.drop_table("claim_members")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_document_pk"))
        batch_op.drop_index(batch_op.f("ix_actors_country"))

    op.drop_table("actors")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_source"))
        batch_op.drop_index(batch_op.f("ix_documents_published_date"))
        batch_op.drop_index(batch_op.f("ix_documents_doc_id"))

    op.drop_table("documents")
    op.drop_table("corpus_claims")
