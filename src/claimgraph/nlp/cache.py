"""A disk cache of corpus parses, for training and benchmark code only (never at run time)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from claimgraph.diskcache import cache_root
from claimgraph.fileio import atomic_path

__all__ = ["cache_dir", "parse_cached"]


def cache_dir() -> Path:
    """Where parses of research corpora are cached (``CLAIMGRAPH_CACHE`` or ~/.cache)."""
    path = cache_root()
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse_cached(
    nlp: Language, texts: Sequence[str], key: str, *, batch_size: int = 32, n_process: int = 1
) -> list[Doc]:
    """Parse ``texts`` with ``nlp``, caching the Docs on disk under ``key``.

    Training and benchmark code parses the same corpus many times; the cache
    is keyed by ``key``, the pipeline and a hash of the texts, so a change of
    either reparses.
    """
    digest = hashlib.sha1()
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{','.join(nlp.pipe_names)}".encode())
    for t in texts:
        digest.update(t.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    path = cache_dir() / f"{key}-{digest.hexdigest()[:16]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        bin_.add(d)
    with atomic_path(path) as tmp:
        bin_.to_disk(tmp)
    return docs
