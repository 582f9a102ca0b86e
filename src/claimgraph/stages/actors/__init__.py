"""Actors: states, people, organisations and groups of states, with all their mentions.

``actors(doc, record)`` finds the mentions (:mod:`claimgraph.stages.actors.mentions`),
joins them into actors (:mod:`claimgraph.stages.actors.coref`) and returns
:class:`~claimgraph.record.Actor` records with ids ``A1``, ``A2``, … in order of first
mention. Each actor has an ISO 3166 alpha-3 ``country`` (None for international bodies
and groups of states), a CAMEO ``sector`` (GOV, MIL, MED, BUS, IGO, …), a CAMEO-style
``code`` (``CHNGOV``, or the IGO code such as ``IGOUNO``), a ``kind`` and, for groups,
their ``members``.

Knowledge comes from the Phoenix/PETRARCH2 dictionaries (openeventdata/petrarch2, MIT)
and hand-written additions, read once (:func:`claimgraph.knowledge.actors.actor_knowledge`).
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from spacy.tokens import Doc

from claimgraph.knowledge.actors import ActorKnowledge, actor_knowledge, parse_date
from claimgraph.record import Actor, ActorKind, Record, Span
from claimgraph.stages.actors.context import context_mentions
from claimgraph.stages.actors.coref import Cluster, cluster_mentions
from claimgraph.stages.actors.match import find_matches
from claimgraph.stages.actors.mentions import Mention, find_mentions

__all__ = ["actors"]


def actors(doc: Doc, record: Record) -> list[Actor]:
    """The actors of the document, each with every mention as a span of its text."""
    kb = actor_knowledge()
    matches = find_matches(doc, kb)
    when = parse_date(record.document.published)
    mentions, blocked = find_mentions(doc, kb, matches, when)
    mentions += context_mentions(doc, kb, matches, mentions, blocked)
    clusters = cluster_mentions(doc, kb, mentions, blocked, when)
    text = record.document.text
    out: list[Actor] = []
    for cluster in sorted(clusters, key=lambda c: c.mentions[0].chars[0]):
        actor = _actor(kb, cluster, text, f"A{len(out) + 1}")
        if actor is not None:
            out.append(actor)
    return out


def _best(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _name(kb: ActorKnowledge, cluster: Cluster, named: list[Mention]) -> str:
    kind = cluster.kind
    if kind == "state":
        country = cluster.country
        if country in kb.countries and any(
            m.source in ("country", "capital", "plural", "demonym") or m.sector in (None, "GOV")
            for m in named
        ):
            return kb.countries[country].name
    if kind == "person":
        names = [m.name for m in named if m.source in ("person", "short")]
        if names:
            return max(names, key=lambda n: (len(n.split()), len(n)))
    fixed = [m.name for m in named if m.source in ("org", "group")]
    if fixed:
        return fixed[0]
    return max((m.name for m in named), key=len)


def _actor(kb: ActorKnowledge, cluster: Cluster, text: str, actor_id: str) -> Actor | None:
    named = [m for m in cluster.mentions if not m.pronoun]
    if not named:
        return None
    kind = cast(ActorKind, cluster.kind)
    country = (
        _best([m.country for m in named if m.source in ("person", "org", "country", "np", "orgent")])
        or cluster.country
    )
    sector = _best([m.sector for m in named if m.country == country or country is None])
    if kind == "state" and sector is None and any(m.sector == "GOV" for m in named):
        sector = "GOV"
    code = next((m.code for m in named if m.source in ("org", "group") and m.code), None)
    if code is None or (country and not code.startswith(country)):
        code = f"{country}{sector or ''}" if country else _best([m.code for m in named])
    members = next((list(m.members) for m in named if m.members), [])
    title = next((m.title for m in named if m.title), None)
    spans = []
    seen: set[tuple[int, int]] = set()
    for m in cluster.mentions:
        s, e = m.chars
        if (s, e) in seen or s >= e:
            continue
        seen.add((s, e))
        spans.append(Span.of(text, s, e))
    return Actor(
        id=actor_id,
        name=_name(kb, cluster, named),
        kind=kind,
        country=country,
        sector=sector,
        code=code,
        title=title,
        members=members,
        mentions=spans,
    )
