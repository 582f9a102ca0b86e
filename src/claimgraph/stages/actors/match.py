"""Phrase matching for the actor extractor: one pass over the tokens.

Every surface form of :mod:`claimgraph.knowledge.actors` (country names, demonyms,
capitals, organisations, groups of states) and every role word ("foreign minister",
"troops") is a phrase of one trie on lower-cased tokens (what a spaCy ``PhraseMatcher``
on ``LOWER`` matches), built once per vocabulary. A match then has to respect the case of the phrase:
capitalised words must be capitalised in the text and acronyms must be upper case ("US" is
not "us").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.about import __version__ as spacy_version
from spacy.lang.en import English
from spacy.tokens import Doc, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from claimgraph.diskcache import compiled
from claimgraph.knowledge.actors import ActorKnowledge, Role, Surface, actor_inputs, actor_knowledge
from claimgraph.nlp.columns import columns

__all__ = ["Hit", "Matches", "find_matches"]

#: Suffixes that glue a country to a following word in one token: "U.S.-led", "Iran-backed".
_GLUED = re.compile(
    r"^(?P<name>.+?)-(led|backed|based|born|made|owned|run|sponsored|funded|allied|aligned|"
    r"supported|brokered|controlled|linked|friendly|leaning|trained|armed|built|bound|origin)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    """A matched phrase: tokens ``[start, end)`` (``chars`` when it is part of one token)."""

    start: int
    end: int
    surface: Surface | None = None
    role: Role | None = None
    chars: tuple[int, int] | None = None


@dataclass
class Matches:
    """The entity hits (countries, organisations, …) and role hits of one document."""

    entities: list[Hit]
    roles: list[Hit]
    entity_at: dict[int, Hit]
    role_at: dict[int, Hit]


#: A phrase of letters (any script) and single spaces tokenises into its words, unless a word
#: is one of the tokenizer's special cases ("cannot"); a test checks this on every phrase we ship.
_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


#: The trie's tables with the knowledge's surfaces as indices into ``ActorKnowledge.surfaces``
#: and its roles as their phrases: what :mod:`claimgraph.diskcache` keeps between processes.
_Tables = tuple[dict[str, Any], dict[str, list[tuple[tuple[str, ...], int]]], dict[str, str]]


class _Compiled:
    """The phrases for one vocabulary, as a trie of lower-cased token texts.

    The trie does what a ``PhraseMatcher`` on ``LOWER`` does, without creating a lexeme in
    the pipeline's vocabulary for each of the ~10,000 phrase words: that took half a second
    of every start-up. Phrases are tokenised as written ("U.S." is one token, "u.s." is not);
    plain phrases are split on spaces, the others by the English tokenizer. The tables are
    built once and kept on disk (:func:`claimgraph.diskcache.compiled`, keyed by the
    knowledge files, this code and spaCy's version, whose tokenizer splits the phrases).
    """

    def __init__(self, vocab: Vocab, kb: ActorKnowledge) -> None:
        self._vocab = vocab
        self._tokenizer: Any = None  # the English tokenizer, made when a phrase needs it
        if kb is actor_knowledge():
            trie, surface_keys, role_keys = compiled(
                "actor-phrases",
                lambda: self._tables(kb),
                inputs=[*actor_inputs(), Path(__file__)],
                salt=spacy_version,
            )
        else:  # another knowledge base (tests, embedders): built here, not kept
            trie, surface_keys, role_keys = self._tables(kb)
        self._trie = trie
        self.surfaces: dict[str, list[tuple[tuple[str, ...], Surface]]] = {
            key: [(words, kb.surfaces[i]) for words, i in entries] for key, entries in surface_keys.items()
        }
        self.by_lower = {key[3:]: entries for key, entries in self.surfaces.items()}
        self.roles: dict[str, Role] = {key: kb.roles[phrase] for key, phrase in role_keys.items()}

    def phrase_words(self, phrase: str) -> tuple[str, ...]:
        """The phrase's token texts, as the English tokenizer splits it."""
        if self._tokenizer is None:
            self._tokenizer = English(vocab=self._vocab).tokenizer
        special = getattr(self._tokenizer, "rules", None) or {}
        if _PLAIN.fullmatch(phrase) and not any(w in special for w in phrase.split(" ")):
            return tuple(phrase.split(" "))
        return tuple(t.text for t in self._tokenizer(phrase))

    def _tables(self, kb: ActorKnowledge) -> _Tables:
        trie: dict[str, Any] = {}
        surface_keys: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        role_keys: dict[str, str] = {}
        groups: dict[str, list[int]] = {}
        for i, surface in enumerate(kb.surfaces):
            groups.setdefault(surface.phrase.lower(), []).append(i)
        for phrase, indices in groups.items():
            variants = {kb.surfaces[i].phrase: self.phrase_words(kb.surfaces[i].phrase) for i in indices}
            tokenised = [v for v in variants.values() if v]
            if not tokenised:
                continue
            key = "AE:" + phrase
            surface_keys[key] = [(variants[kb.surfaces[i].phrase], i) for i in indices]
            for tokens in tokenised:
                _add(trie, tokens, key)
        for phrase, role in kb.roles.items():
            tokens = self.phrase_words(role.phrase)
            if not tokens:
                continue
            key = "AR:" + phrase
            role_keys[key] = phrase
            _add(trie, tokens, key)
        return trie, surface_keys, role_keys

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every ``(key, start, end)`` whose phrase the tokens spell, by start, then end."""
        lowers = columns(doc).lower
        found: list[tuple[str, int, int]] = []
        for start in range(len(lowers)):
            node = self._trie.get(lowers[start])
            end = start + 1
            while node is not None:
                found.extend((key, start, end) for key in node.get("", ()))
                if end == len(lowers):
                    break
                node = node.get(lowers[end])
                end += 1
        return found


def _add(trie: dict[str, Any], tokens: tuple[str, ...], key: str) -> None:
    node = trie
    for token in tokens:
        node = node.setdefault(token.lower(), {})
    node.setdefault("", {})[key] = None  # "" never is a token: it holds the keys ending here


_COMPILED: dict[int, tuple[Vocab, Any, _Compiled]] = {}


def _compiled(vocab: Vocab, kb: ActorKnowledge) -> _Compiled:
    """The phrases for this vocabulary and knowledge, compiled on first use."""
    cached = _COMPILED.get(id(vocab))
    if cached is None or cached[0] is not vocab or cached[1] is not kb:
        cached = (vocab, kb, _Compiled(vocab, kb))
        _COMPILED[id(vocab)] = cached
    return cached[2]


def _case_ok(words: tuple[str, ...], texts: list[str]) -> bool:
    """Capitalised words of the phrase are capitalised in the text; acronyms are upper case."""
    for word, text in zip(words, texts, strict=False):
        if not word[:1].isalpha():
            continue
        if word[0].isupper() and not text[:1].isupper():
            return False
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and word.isupper() and not text.isupper():
            return False
    return True


def _shouting(doc: Doc, start: int) -> bool:
    """Whether the sentence around token ``start`` is written in capitals (a headline)."""
    sent = doc[start].sent
    letters = [t for t in sent if t.is_alpha]
    return len(letters) >= 3 and sum(t.is_upper for t in letters) > 0.6 * len(letters)


def _exact_ok(doc: Doc, start: int, end: int) -> bool:
    """An 'exact' surface (a common word as a name: Guardian, Total, IS) needs support."""
    if _shouting(doc, start):
        return False
    tokens = doc[start:end]
    if any(t.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT") for t in tokens):
        return True
    if doc[start].is_sent_start:
        return False
    return all(t.pos_ == "PROPN" or t.is_title or t.is_upper for t in tokens if t.is_alpha)


def _best_surface(entries: list[tuple[tuple[str, ...], Surface]], tokens: list[Token]) -> Surface | None:
    texts = [t.text for t in tokens]
    for words, surface in entries:
        if _case_ok(words, texts):
            return surface
    return None


def find_matches(doc: Doc, kb: ActorKnowledge) -> Matches:
    """Entity and role hits in ``doc``: overlapping hits keep the longest, then the first."""
    compiled = _compiled(doc.vocab, kb)
    entity_spans = []
    role_spans = []
    hits: dict[tuple[int, int, str], Hit] = {}
    for key, start, end in compiled(doc):
        if key in compiled.roles:
            role = compiled.roles[key]
            last = doc[end - 1]
            if last.pos_ not in ("NOUN", "PROPN", "ADJ") and not (last.pos_ == "VERB" and role.plural):
                continue
            role_spans.append(doc[start:end])
            hits[(start, end, "R")] = Hit(start, end, role=role)
            continue
        tokens = list(doc[start:end])
        surface = _best_surface(compiled.surfaces[key], tokens)
        if surface is None:
            continue
        if "exact" in surface.flags and not _exact_ok(doc, start, end):
            continue
        entity_spans.append(doc[start:end])
        hits[(start, end, "E")] = Hit(start, end, surface=surface)
    entities = [hits[(s.start, s.end, "E")] for s in filter_spans(entity_spans)]
    roles = [hits[(s.start, s.end, "R")] for s in filter_spans(role_spans)]
    taken = {i for h in entities for i in range(h.start, h.end)}
    for i, text in enumerate(columns(doc).text):
        if "-" in text and i not in taken:
            glued = _glued(doc[i], compiled)
            if glued is not None:
                entities.append(glued)
    entities.sort(key=lambda h: h.start)
    entity_at = {i: h for h in entities for i in range(h.start, h.end)}
    role_at = {i: h for h in roles for i in range(h.start, h.end)}
    return Matches(entities, roles, entity_at, role_at)


def _glued(token: Token, compiled: _Compiled) -> Hit | None:
    """A country glued to a participle in one token: the "U.S." of "U.S.-led"."""
    m = _GLUED.match(token.text)
    if not m:
        return None
    name = m.group("name")
    entries = compiled.by_lower.get(name.lower())
    if not entries:
        return None
    for words, surface in entries:
        if len(words) == 1 and surface.kind in ("country", "demonym") and _case_ok(words, [name]):
            start = token.idx
            return Hit(token.i, token.i + 1, surface=surface, chars=(start, start + len(name)))
    return None
