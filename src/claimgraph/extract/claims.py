"""claims extractor: statements about one proposition grouped into claims.

For each statement the content is read as a proposition or as a reference to
one (:mod:`claimgraph.extract.claim_props`). Propositions are grouped in
document order by the overlap of their content lemmas (nominalisations and
near-synonyms folded to one predicate family), kept apart when their subjects
are different actors. References — "the allegations", "these reports of arms
shipments", "such claims are baseless", "denied it" — join the claim they refer
to: the one whose words they repeat, else the nearest earlier claim made with
the matching verb ("allegations" → "alleged"), else the nearest claim. Each
claim then gets who asserts and who denies it, the author's stance (voice
spans, Doubt techniques and unattributed framing such as "without evidence"),
cited evidence, whether it is contested and its check-worthiness.

The statement → claim link is kept in ``Claim.statements``;
:func:`link_statements` copies it onto the statements.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from claimgraph.errors import ModelError
from claimgraph.extract.claim_lexical import content_lemmas, is_negation, weighted_overlap
from claimgraph.extract.claim_props import Proposition, proposition
from claimgraph.extract.claim_text import canonical_text, evidence_spans
from claimgraph.knowledge.claims import claim_noun_verbs, lexicon_phrases, lexicon_words, predicate_families
from claimgraph.record import AuthorStance, Claim, Record, Statement

__all__ = ["claims", "group", "link_statements"]

#: Lemma overlap (shared weight / smaller set) at which two propositions are the same claim.
MATCH = 0.5
#: The same, for a reference that names content ("the reports of arms shipments").
REFERENCE_MATCH = 0.5


@dataclass
class _Group:
    members: list[Proposition] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.members)

    def last_before(self, offset: int) -> int:
        return max((m.start for m in self.members if m.start < offset), default=-1)

    @property
    def lemmas(self) -> set[str]:
        return set().union(*(m.lemmas for m in self.members if m.reference is None))

    @property
    def propositional(self) -> bool:
        return any(m.reference is None and m.lemmas for m in self.members)


def _similar(a: Proposition, b: Proposition) -> float:
    if a.subject and b.subject and a.subject != b.subject:
        return 0.0
    shared = a.lemmas & b.lemmas
    same_predicate = a.predicate is not None and a.predicate == b.predicate
    # one shared predicate family is enough for a short proposition ("there were no deliveries")
    short_family = (
        bool(shared & set(predicate_families().values())) and min(len(a.lemmas), len(b.lemmas)) <= 2
    )
    if len(shared) < 2 and not (shared and (same_predicate or short_family)):
        return 0.0
    return weighted_overlap(a.lemmas, b.lemmas)


def _resolve(ref: Proposition, groups: list[_Group]) -> _Group | None:
    """The claim a reference points to (see module docstring)."""
    if not groups:
        return None
    if ref.lemmas:
        scored = [(weighted_overlap(ref.lemmas, g.lemmas), g) for g in groups if g.propositional]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= REFERENCE_MATCH:
            return best[1]
    earlier = [g for g in groups if g.first < ref.start]
    if ref.reference_verb:
        verbs = {ref.reference_verb, ref.reference or ""}
        made_so = [g for g in earlier if any(m.cue_lemma in verbs for m in g.members)]
        if made_so:
            return max(made_so, key=lambda g: g.last_before(ref.start))
    if earlier:
        return max(earlier, key=lambda g: (g.propositional, g.last_before(ref.start)))
    return min(groups, key=lambda g: g.first)


def group(props: list[Proposition]) -> list[list[Proposition]]:
    """Propositions grouped into claims, in document order."""
    groups: list[_Group] = []
    references = []
    for p in sorted(props, key=lambda p: p.start):
        if p.reference is not None:
            references.append(p)
            continue
        scored = [(max(_similar(p, m) for m in g.members if m.reference is None), g) for g in groups]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= MATCH:
            best[1].members.append(p)
        else:
            groups.append(_Group([p]))
    for ref in references:
        target = _resolve(ref, groups)
        if target is None:
            groups.append(_Group([ref]))
        else:
            target.members.append(ref)
    for g in groups:
        g.members.sort(key=lambda m: m.start)
    return [g.members for g in sorted(groups, key=lambda g: g.first)]


# -- the author's stance -------------------------------------------------------
@dataclass
class _Sentences:
    """The document's sentences with, computed once, what the author-stance vote needs."""

    sents: list[Span]
    statement_spans: list[list[tuple[int, int]]]  # statement spans overlapping each sentence
    voiced: list[bool]
    lemmas: dict[int, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, record: Record) -> _Sentences:
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]

        def covered(start: int, end: int) -> range:
            return range(max(bisect_right(starts, start) - 1, 0), max(bisect_left(starts, end), 0))

        spans: list[list[tuple[int, int]]] = [[] for _ in sents]
        for st in record.statements:
            for sp in (st.speaker_span, st.cue, st.content):
                if sp is not None:
                    for i in covered(sp.start, sp.end):
                        spans[i].append((sp.start, sp.end))
        voiced = [False] * len(sents)
        for v in record.voice:
            for i in covered(v.start, v.end):
                voiced[i] = True
        return cls(sents, spans, voiced)

    def outside(self, i: int) -> str:
        """Sentence ``i``'s text outside statement spans (the author's own words), lower case."""
        sent = self.sents[i]
        chars = list(sent.text)
        for s, e in self.statement_spans[i]:
            for k in range(max(s, sent.start_char), min(e, sent.end_char)):
                chars[k - sent.start_char] = " "
        return "".join(chars).lower()


def _lemmas_of(sent: Span, memo: dict[int, set[str]]) -> set[str]:
    """Content lemmas of a sentence, computed once per sentence and document."""
    if sent.start not in memo:
        memo[sent.start] = content_lemmas(sent)
    return memo[sent.start]


def _mentions_claim(
    sent: Span,
    members: list[Proposition],
    lemmas: set[str],
    memo: dict[int, set[str]],
    adjacent: bool = False,
) -> bool:
    """Whether a sentence is about the claim: a claim noun, shared content, or (adjacent) one shared word."""
    refs = {m.reference for m in members} | set(claim_noun_verbs())
    if any(t.lemma_.lower() in refs and t.pos_ == "NOUN" for t in sent):
        return True
    own = _lemmas_of(sent, memo)
    if adjacent and own & lemmas:
        return True
    return len(own & lemmas) >= 2 and weighted_overlap(own, lemmas) >= MATCH


def _vote(
    sent: Span,
    author_text: str,
    record: Record,
    members: list[Proposition],
    lemmas: set[str],
    memo: dict[int, set[str]],
    voiced: bool,
    adjacent: bool = False,
) -> AuthorStance | None:
    """The author's stance toward the claim in one sentence, or None."""
    doubt_technique = any(
        t.label == "Doubt"
        and t.speaker is None
        and t.statement is None
        and t.start < sent.end_char
        and sent.start_char < t.end
        for t in record.techniques
    )
    words = set(author_text.replace(",", " ").replace(".", " ").split())
    if words & lexicon_words("refute") and _mentions_claim(sent, members, lemmas, memo, adjacent):
        return "deny"
    if (
        doubt_technique
        or words & lexicon_words("doubt")
        or any(p in author_text for p in lexicon_phrases("doubt"))
    ):
        return "doubt"
    if voiced and _mentions_claim(sent, members, lemmas, memo, adjacent):
        own = _lemmas_of(sent, memo)
        if own & lemmas and any(is_negation(t) for t in sent):
            return "deny"
        return "assert"
    return None


def _author_stance(
    table: _Sentences, record: Record, members: list[Proposition], lemmas: set[str]
) -> tuple[AuthorStance, list[Span]]:
    votes: Counter[AuthorStance] = Counter()
    related: list[Span] = []
    memo = table.lemmas
    member_sents = {m.span.sent.start for m in members}
    for i, sent in enumerate(table.sents):
        adjacent = i > 0 and table.sents[i - 1].start in member_sents
        voiced, in_statement = table.voiced[i], bool(table.statement_spans[i])
        if sent.start in member_sents:
            text = table.outside(i)  # framing around the claim's own statements
            vote = _vote(sent, text, record, members, lemmas, memo, False) if text.strip() else None
        elif voiced or not in_statement:
            if not _mentions_claim(sent, members, lemmas, memo, adjacent):
                continue
            related.append(sent)
            vote = _vote(sent, table.outside(i), record, members, lemmas, memo, voiced, adjacent)
        else:
            continue
        if vote:
            votes[vote] += 1
    if not votes:
        return "none", related
    priority: dict[AuthorStance, int] = {"deny": 2, "doubt": 1, "assert": 0}
    return max(priority, key=lambda v: (votes[v], priority[v])), related


# -- assembling ------------------------------------------------------------------
def _representative(members: list[Proposition]) -> Proposition:
    full = [m for m in members if m.reference is None] or members
    return max(full, key=lambda m: (m.polarity == "assert", not m.negated, len(m.lemmas), -m.start))


def _scores(texts: list[str]) -> list[float | None]:
    if not texts:
        return []
    try:
        from claimgraph.checkworthiness import score
    except ImportError:  # pragma: no cover
        return [None] * len(texts)
    try:
        return [round(s, 3) for s in score(texts)]
    except ModelError:
        return [None] * len(texts)


def claims(doc: Doc, record: Record) -> list[Claim]:
    """The record's claims, ids ``C1``, ``C2``, … in document order."""
    props = [p for st in record.statements if (p := proposition(doc, record, st)) is not None]
    if not props:
        return []
    table = _Sentences.of(doc, record)
    out: list[Claim] = []
    texts: list[str] = []
    for i, members in enumerate(group(props), 1):
        rep = _representative(members)
        lemmas = set().union(*(m.lemmas for m in members))
        asserted = list(
            dict.fromkeys(
                m.statement.speaker for m in members if m.polarity == "assert" and m.statement.speaker
            )
        )
        denied = list(
            dict.fromkeys(
                m.statement.speaker for m in members if m.polarity == "deny" and m.statement.speaker
            )
        )
        stance, related = _author_stance(table, record, members, lemmas)
        own_sents = list({m.span.sent.start: m.span.sent for m in members}.values())
        evidence = evidence_spans(own_sents + related, record)
        out.append(
            Claim(
                id=f"C{i}",
                text=canonical_text(rep, record) or rep.statement.content.text,
                statements=[m.statement.id for m in members],
                asserted_by=asserted,
                denied_by=denied,
                author_stance=stance,
                evidence_cited=bool(evidence),
                evidence=[record.span(s, e) for s, e in evidence],
                contested=bool(asserted and denied),
            )
        )
        texts.append(rep.span.sent.text if rep.reference is None else rep.statement.content.text)
    for claim, value in zip(out, _scores(texts), strict=True):
        claim.check_worthiness = value
    return out


def link_statements(statements: list[Statement], claims: list[Claim]) -> list[Statement]:
    """Copies of ``statements`` with ``claim`` set from ``Claim.statements`` (None when in none)."""
    owner = {sid: c.id for c in claims for sid in c.statements}
    return [st.model_copy(update={"claim": owner.get(st.id)}) for st in statements]
