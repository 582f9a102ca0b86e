"""claims extractor: statements about one proposition grouped into claims.

For each statement the content is read as a proposition or as a reference to
one (:mod:`claimgraph.stages.claims.propositions`). Propositions are grouped in
document order only when they state the same proposition: the same predicate
family ("shipped", "deliveries", "exported" → ``transfer``; "imposed sanctions"
is another), no clash of subject, recipient or object actors and object words
(an unknown argument agrees with any), and one more shared content word unless
one side is as short as "there were no deliveries". Propositions whose
predicate is unknown fall back to content-lemma overlap. References — "the
allegations", "these reports of arms shipments", "such claims are baseless",
"denied it" — join the claim they refer to: the one whose words they repeat,
else the latest earlier claim made with the matching verb ("allegations" →
"alleged"), else the latest one somebody accused or asserted
(:func:`_salient`); this follows the "most recent salient antecedent" idea of
Centering-style reference resolution (Grosz, Joshi & Weinstein 1995). Each
claim then gets who asserts and who denies it (stance, quoted negation), the
author's stance and cited evidence (:mod:`claimgraph.stages.claims.author`),
a canonical text (:mod:`claimgraph.stages.claims.text`), whether it is
contested and its check-worthiness.

The statement → claim link is kept in ``Claim.statements``;
:func:`link_statements` copies it onto the statements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.tokens import Doc

from claimgraph.errors import ModelError
from claimgraph.knowledge.claims import lexicon_words
from claimgraph.nlp.lexical import weighted_overlap
from claimgraph.record import Claim, Record, Statement
from claimgraph.stages.claims.author import AuthorView, author_stance, claim_evidence
from claimgraph.stages.claims.propositions import Proposition, proposition
from claimgraph.stages.claims.text import canonical_text

__all__ = ["claims", "group", "link_statements"]

#: Lemma overlap (shared weight / smaller set) at which two propositions are the same claim.
MATCH = 0.5
#: The same, for a reference that names content ("the reports of arms shipments").
REFERENCE_MATCH = 0.5


@dataclass
class _Group:
    """Propositions of one claim. What the grouping asks of a group again and again is kept
    until the group changes (:meth:`add`); references (which add no lemmas, predicates or
    assertions) only move its first and last offsets and the cue verbs it was made with."""

    members: list[Proposition] = field(default_factory=list)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def add(self, prop: Proposition) -> None:
        self.members.append(prop)
        self._memo.clear()

    def _get(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    @property
    def first(self) -> int:
        return cast(int, self._get("first", lambda: min(m.start for m in self.members)))

    def last_before(self, offset: int) -> int:
        return max((m.start for m in self.members if m.start < offset), default=-1)

    @property
    def lemmas(self) -> set[str]:
        def union() -> set[str]:
            return set().union(*(m.lemmas for m in self.members if m.reference is None))

        return cast("set[str]", self._get("lemmas", union))

    @property
    def preds(self) -> set[str]:
        return cast("set[str]", self._get("preds", lambda: {m.pred for m in self.members if m.pred}))

    @property
    def propositional(self) -> bool:
        return cast(
            bool,
            self._get("prop", lambda: any(m.reference is None and m.lemmas for m in self.members)),
        )

    @property
    def asserted(self) -> bool:
        """Somebody asserts or accuses it (what "the allegations" can refer to)."""
        return cast(
            bool,
            self._get("asserted", lambda: any(m.endorsed and m.reference is None for m in self.members)),
        )

    def made_with(self, verbs: set[str] | frozenset[str]) -> bool:
        cues = self._get("cues", lambda: {m.cue_lemma for m in self.members})
        return not cues.isdisjoint(verbs)


def _compatible(a: Proposition, b: Proposition) -> bool:
    """Same predicate family, and no clash of subject, recipients or objects (unknowns agree)."""
    if a.subject and b.subject and a.subject != b.subject:
        return False
    if a.pred and b.pred and a.pred != b.pred:
        return False
    if a.targets and b.targets and not a.targets & b.targets:
        return False
    return not (a.objects and b.objects and not a.objects & b.objects)


def _similar(a: Proposition, b: Proposition) -> float:
    """How alike two propositions are (0: different claims; ≥ MATCH: the same claim)."""
    if not _compatible(a, b):
        return 0.0
    shared = a.lemmas & b.lemmas
    if a.pred and a.pred == b.pred:
        # the same predicate: one more shared word, or a short one ("there were no deliveries")
        rest = min(len(a.lemmas - {a.pred}), len(b.lemmas - {b.pred}))
        if shared - {a.pred} or rest == 0:
            return MATCH + (1 - MATCH) * weighted_overlap(a.lemmas, b.lemmas)
        return 0.0
    if a.pred and b.pred:
        return 0.0
    if len(shared) < 2:
        return 0.0
    return weighted_overlap(a.lemmas, b.lemmas)


def _resolve(ref: Proposition, groups: list[_Group]) -> _Group | None:
    """The claim a reference points to (see module docstring)."""
    if ref.lemmas:  # "the reports of arms shipments"
        scored = [
            (weighted_overlap(ref.lemmas, g.lemmas), g)
            for g in groups
            if g.propositional and not (ref.pred and g.preds and ref.pred not in g.preds)
        ]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= REFERENCE_MATCH:
            return best[1]
    return _salient(groups, ref.start, {ref.reference_verb or "", ref.reference or ""})


def _salient(groups: list[_Group], offset: int, verbs: set[str]) -> _Group | None:
    """The claim a bare "the allegations" before ``offset`` means: the one made with that verb,
    else the latest accused one, else the latest asserted one, else the nearest."""
    earlier = [g for g in groups if g.first < offset]
    pool = [g for g in earlier if g.asserted] or [g for g in earlier if g.propositional] or earlier
    if pool:
        accusing = lexicon_words("endorse")
        return max(pool, key=lambda g: (g.made_with(verbs), g.made_with(accusing), g.last_before(offset)))
    later = [g for g in groups if g.propositional]
    return min(later, key=lambda g: g.first) if later else None


def group(props: list[Proposition]) -> list[_Group]:
    """Propositions grouped into claims, in document order (members sorted too)."""
    groups: list[_Group] = []
    references = []
    # only a group with a member of the same predicate or sharing a lemma can score above 0
    # (:func:`_similar`), so each proposition is compared with those groups alone, in order
    by_pred: dict[str, set[int]] = {}
    by_lemma: dict[str, set[int]] = {}
    for p in sorted(props, key=lambda p: p.start):
        if p.reference is not None:
            references.append(p)
            continue
        near: set[int] = set(by_pred.get(p.pred, ())) if p.pred else set()
        for lemma in p.lemmas:
            near |= by_lemma.get(lemma, set())
        scored = [
            (max(_similar(p, m) for m in groups[k].members if m.reference is None), k) for k in sorted(near)
        ]
        best = max(scored, key=lambda x: x[0], default=(0.0, -1))
        if best[1] >= 0 and best[0] >= MATCH:
            k = best[1]
            groups[k].add(p)
        else:
            k = len(groups)
            groups.append(_Group([p]))
        if p.pred:
            by_pred.setdefault(p.pred, set()).add(k)
        for lemma in p.lemmas:
            by_lemma.setdefault(lemma, set()).add(k)
    for ref in references:
        target = _resolve(ref, groups)
        if target is None:
            groups.append(_Group([ref]))
        else:
            target.add(ref)
    for g in groups:
        g.members.sort(key=lambda m: m.start)
    return sorted(groups, key=lambda g: g.first)


# -- assembling ------------------------------------------------------------------
def _representative(members: list[Proposition]) -> Proposition:
    """The statement that best states the claim: a plain (unnegated, unhedged) clause with a known
    subject, preferably an asserting one, early in the document."""
    full = [m for m in members if m.reference is None] or members
    return max(
        full,
        key=lambda m: (
            not m.negated,
            m.subject is not None,
            not m.modal,
            m.clausal,
            m.endorsed,
            -m.start,
        ),
    )


def _scores(texts: list[str]) -> list[float | None]:
    if not texts:
        return []
    try:
        from claimgraph.stages.claims.checkworthiness import score
    except ImportError:  # pragma: no cover
        return [None] * len(texts)
    try:
        return [round(s, 3) for s in score(texts)]
    except ModelError:
        return [None] * len(texts)


def _speakers(members: list[Proposition], denial: bool) -> list[str]:
    return list(
        dict.fromkeys(
            m.statement.speaker
            for m in members
            if m.statement.speaker and ((m.polarity == "deny") if denial else m.endorsed)
        )
    )


def claims(doc: Doc, record: Record) -> list[Claim]:
    """The record's claims, ids ``C1``, ``C2``, … in document order."""
    # a commitment (a promise, refusal or threat of the speaker's own action) states no fact
    factual = [st for st in record.statements if st.stance != "commit"]
    props = [p for st in factual if (p := proposition(doc, record, st)) is not None]
    if not props:
        return []
    groups = group(props)
    grouped = [g.members for g in groups]

    position = {id(g): i for i, g in enumerate(groups)}

    def resolve(offset: int, verbs: set[str]) -> int | None:
        target = _salient(groups, offset, verbs)
        return None if target is None else position[id(target)]

    view = AuthorView.of(doc, record, grouped, resolve)
    out: list[Claim] = []
    texts: list[str] = []
    for i, members in enumerate(grouped):
        rep = _representative(members)
        asserted, denied = _speakers(members, False), _speakers(members, True)
        evidence = claim_evidence(view, record, i)
        out.append(
            Claim(
                id=f"C{i + 1}",
                text=canonical_text(rep, record) or rep.statement.content.text,
                statements=[m.statement.id for m in members],
                asserted_by=asserted,
                denied_by=denied,
                author_stance=author_stance(view, i),
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
