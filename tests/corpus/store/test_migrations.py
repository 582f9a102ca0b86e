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
