"""The author's stance toward each claim, and the evidence cited for it.

Only the author's own words count: the parts of a sentence outside every
statement's speaker, cue and content. A sentence is *about* a claim when

- it holds one of the claim's statements (its framing: "Moscow said, *without
  evidence*, that …"),
- its own words refer to the claim by a claim noun ("Without a shred of proof,
  *the allegations* keep coming"), resolved like a statement's reference, or
- its own words repeat the claim's predicate and content (two shared lemmas), or,
  right after one of the claim's sentences, one of its content words.

In those sentences refutation words ("lies", "baseless"; not the verbs of a
reported denial) vote ``deny``, doubt words and phrases ("unverified", "without
a shred of proof") and the author's own Doubt techniques vote ``doubt``, and an
author voice span repeating the claim votes ``assert`` (``deny`` when negated).
Claims the author does not comment on get ``none``. This follows the
attribution-and-stance view of Pareti (2016, PARC 3.0) and the ``author``
source of factuality in de Marneffe et al. (2012, FactBank-style veridicality).

Evidence cited for a claim is an evidence noun (:func:`evidence_spans`) in one of
its statements' sentences — not inside another claim's statement — or in an
unattributed sentence that refers to it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.claims import claim_noun_verbs, lexicon_phrases, lexicon_words
from claimgraph.nlp.columns import columns
from claimgraph.nlp.intervals import Intervals
from claimgraph.nlp.lexical import content_lemmas, is_negation, weighted_overlap
from claimgraph.record import AuthorStance, Record
from claimgraph.stages.claims.propositions import Proposition
from claimgraph.stages.claims.text import evidence_spans

__all__ = ["AuthorView", "author_stance", "claim_evidence"]

#: Shared content (weighted overlap) for an unattributed sentence to be about a claim.
ABOUT = 0.5
_PRIORITY: dict[AuthorStance, int] = {"deny": 2, "doubt": 1, "assert": 0}
_REFERRING = frozenset(
    {"the", "these", "those", "this", "that", "such", "its", "their", "his", "her", "latest"}
)
_OPEN, _CLOSE, _BOTH = "\u201c\u2018\u00ab", "\u201d\u2019\u00bb", '"'


def _unquoted(sent: Span) -> list[int]:
    """Indices of the sentence's tokens outside quotation marks (quoted words are somebody else's)."""
    out: list[int] = []
    inside = False
    texts = columns(sent.doc).text
    for i in range(sent.start, sent.end):
        text = texts[i]
        if text in _OPEN or (text in _BOTH and not inside):
            inside = True
        elif text in _CLOSE or (text in _BOTH and inside):
            inside = False
        elif not inside:
            out.append(i)
    return out


@dataclass
class AuthorView:
    """Each sentence's author-owned tokens and the claims it is about, computed once per document."""

    sents: list[Span]
    own: list[list[Token]]  # tokens outside every statement span
    contents: list[list[tuple[int, int, int]]]  # (start, end, claim index) of statement contents
    voiced: list[bool]
    doubt_technique: list[bool]
    about: list[dict[int, str]] = field(default_factory=list)  # claim index → "member"/"ref"/"near"
    linked: dict[int, list[int]] = field(default_factory=dict)  # claim index → its sentences in ``about``

    @classmethod
    def of(
        cls,
        doc: Doc,
        record: Record,
        groups: list[list[Proposition]],
        resolve: Callable[[int, set[str]], int | None],
    ) -> AuthorView:
        """``resolve(offset, verbs)``: the claim index a bare claim noun at ``offset`` refers to."""
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]

        def covered(start: int, end: int) -> range:
            return range(max(bisect_right(starts, start) - 1, 0), max(bisect_left(starts, end), 0))

        owner = {m.statement.id: i for i, g in enumerate(groups) for m in g}
        masked: list[list[tuple[int, int]]] = [[] for _ in sents]
        contents: list[list[tuple[int, int, int]]] = [[] for _ in sents]
        for st in record.statements:
            for sp in (st.speaker_span, st.cue, st.content):
                if sp is not None:
                    for i in covered(sp.start, sp.end):
                        masked[i].append((sp.start, sp.end))
            if st.id in owner:
                for i in covered(st.content.start, st.content.end):
                    contents[i].append((st.content.start, st.content.end, owner[st.id]))
        idx = columns(doc).idx
        own = [
            [doc[j] for j in _unquoted(sent) if not any(s <= idx[j] < e for s, e in masked[i])]
            for i, sent in enumerate(sents)
        ]
        voiced, doubt = [False] * len(sents), [False] * len(sents)
        for v in record.voice:
            for i in covered(v.start, v.end):
                voiced[i] = True
        held = Intervals([(st.content.start, st.content.end, None) for st in record.statements])
        for t in record.techniques:
            inside = held.covers(t.start)
            if t.label == "Doubt" and t.speaker is None and not inside:
                for i in covered(t.start, t.end):
                    doubt[i] = True
        view = cls(sents, own, contents, voiced, doubt)
        lemmas = [set().union(*(m.lemmas for m in g if m.reference is None)) for g in groups]
        by_lemma: dict[str, list[int]] = {}
        for c, words in enumerate(lemmas):
            for word in words:
                by_lemma.setdefault(word, []).append(c)
        view.about = [view._about(i, lemmas, by_lemma, resolve) for i in range(len(sents))]
        for i, about in enumerate(view.about):
            for c in about:
                view.linked.setdefault(c, []).append(i)
        return view

    def _about(
        self,
        i: int,
        claim_lemmas: list[set[str]],
        by_lemma: dict[str, list[int]],
        resolve: Callable[[int, set[str]], int | None],
    ) -> dict[int, str]:
        about: dict[int, str] = {c: "member" for _, _, c in self.contents[i]}
        nouns = claim_noun_verbs()
        for t in self.own[i]:
            if (
                t.pos_ == "NOUN"
                and t.lemma_.lower() in nouns
                and any(c.dep_ in ("det", "poss", "amod") and c.lower_ in _REFERRING for c in t.children)
            ):  # a claim noun with a referring word ("these claims")
                target = resolve(t.idx, {nouns[t.lemma_.lower()], t.lemma_.lower()})
                if target is not None:
                    about.setdefault(target, "ref")
        own = content_lemmas(self.own[i])
        if not own:
            return about
        previous = {c for _, _, c in self.contents[i - 1]} if i else set()
        # only claims sharing a lemma with the sentence can be about it (``by_lemma``: the claims
        # of each lemma), taken in claim order
        for c in sorted({c for word in own for c in by_lemma.get(word, ())}):
            if c in about:
                continue
            lemmas = claim_lemmas[c]
            shared = own & lemmas
            if len(shared) >= 2 and weighted_overlap(own, lemmas) >= ABOUT:
                about[c] = "ref"
            elif shared and c in previous:
                about[c] = "near"
        return about

    def vote(self, i: int, claim: int) -> AuthorStance | None:
        """The author's stance toward one claim in sentence ``i``, or None."""
        link = self.about[i].get(claim)
        if link is None:
            return None
        words = [t for t in self.own[i] if not t.is_punct]
        lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
        text = " ".join(t.lower_ for t in words)
        refute = {t.lemma_.lower() for t in words if t.pos_ != "VERB"} & lexicon_words("refute")
        if refute and link != "member":  # in a statement's sentence: the speaker's ("dismissed … as lies")
            return "deny"
        if (
            self.doubt_technique[i]
            or lemmas & lexicon_words("doubt")
            or any(p in text for p in lexicon_phrases("doubt"))
        ):
            return "doubt"
        if self.voiced[i] and link == "ref" and any(t.pos_ in ("VERB", "AUX") for t in words):
            return "deny" if any(is_negation(t) for t in words) else "assert"
        return None


def author_stance(view: AuthorView, claim: int) -> AuthorStance:
    """The majority of the author's votes toward a claim (ties: deny > doubt > assert), or none."""
    votes: Counter[AuthorStance] = Counter()
    for i in view.linked.get(claim, ()):  # a sentence not about the claim has no vote
        vote = view.vote(i, claim)
        if vote:
            votes[vote] += 1
    if not votes:
        return "none"
    return max(_PRIORITY, key=lambda v: (votes[v], _PRIORITY[v]))


def claim_evidence(view: AuthorView, record: Record, claim: int) -> list[tuple[int, int]]:
    """Evidence cited for one claim: in its statements' sentences or sentences that refer to it."""
    out: list[tuple[int, int]] = []
    for i in view.linked.get(claim, ()):
        sent = view.sents[i]
        link = view.about[i].get(claim)
        if link is None or link == "near":
            continue
        for s, e in evidence_spans([sent], record):
            holders = {c for cs, ce, c in view.contents[i] if cs <= s < ce}
            if (holders and claim in holders) or (not holders and (link == "member" or not view.contents[i])):
                out.append((s, e))
    return sorted(set(out))
