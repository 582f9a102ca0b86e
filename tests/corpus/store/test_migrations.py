"""The Alembic migrations create exactly the schema the models describe, and opening is idempotent."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.engine import _alembic_config
from claimgraph.corpus.store.models import Base


def test_migrations_match_the_models(db_url):
    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert compare_metadata(context, Base.metadata) == []
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        assert context.get_current_revision() == head
    with Corpus(db_url) as again:  # opening an up-to-date corpus changes nothing
        assert again.stats()["documents"] == 0


def test_0003_keeps_older_events_with_their_mode(db_url):
    """Events stored under 0002 take their mode from ``negated``, no date or cluster, and still count."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import text

    from claimgraph.corpus.store.engine import make_engine, write_transaction

    from .records import Report, event_record

    engine = make_engine(db_url)
    config = _alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002_unbounded_text")
    with write_transaction(engine) as conn:
        document_pk = conn.execute(
            text(
                "INSERT INTO documents (content_hash, doc_id, source, published, published_date, "
                "analyser_version, generator, ingested_at, record) VALUES (:h, 'old', 'Wire Z', "
                "'2024-03-05', :day, '0.0.1', '{}', :now, '{}') RETURNING id"
            ),
            {"h": "0" * 64, "day": datetime(2024, 3, 5).date(), "now": datetime.now(UTC)},
        ).scalar_one()
        for n, negated in enumerate((False, True, False), start=1):
            conn.execute(
                text(
                    "INSERT INTO events (document_pk, local_id, source_country, target_country, cameo, "
                    'root, goldstein, quad_class, negated, "trigger", sentence) VALUES (:doc, :local, '
                    "'RUS', 'CHN', '040', '04', 1.0, 1, :negated, 'met', 'Lavrov met Wang Yi.')"
                ),
                {"doc": document_pk, "local": f"E{n}", "negated": negated},
            )
    engine.dispose()
    with Corpus(db_url) as corpus:
        with corpus.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT local_id, mode, date_value, cluster_id FROM events ORDER BY id")
            ).all()
        assert [tuple(r) for r in rows] == [
            ("E1", "asserted", None, None),
            ("E2", "negated", None, None),
            ("E3", "asserted", None, None),
        ]
        # each older mention is its own event; new documents cluster among themselves
        report = Report("Lavrov met Wang Yi.", "Lavrov", "Wang Yi", "met", date=("2024-03-05", "day"))
        corpus.add(event_record("new", [report]))
        assert [(r.events, r.mentions) for r in corpus.event_counts()] == [(3, 3)]
        assert [(r.events, r.mentions) for r in corpus.event_counts(mode="negated")] == [(1, 1)]
        assert sum(c.id < 0 for c in corpus.event_clusters(mode="all")) == 3  # -(event id): no cluster


def test_revisions_read_without_alembic_agree_with_alembic(db_url):
    """The start-up check reads the migration files and the version table itself; Alembic agrees."""
    from claimgraph.corpus.store.engine import current_revision, head_revision, known_revisions

    scripts = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {s.revision for s in scripts.walk_revisions()}
    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        assert current_revision(corpus.engine) == MigrationContext.configure(conn).get_current_revision()
