"""Statements: who said what — speaker, cue, content, kind, stance and hedging.

Two passes over the shared parse:

1. a CRF tagger trained on PolNeAR (:mod:`~claimgraph.stages.statements.tagger`) marks source,
   cue and content spans, which :mod:`~claimgraph.stages.statements.group` joins into attributions;
2. rules (:mod:`quotes`) add what the tagger missed: quoted speech next to a
   reporting verb, "according to X", and nominal attributions ("accusations
   from Washington that …", "a charge that Pyongyang denied").

3. tidying (:mod:`statement_tidy`): contents kept to their cue's sentence
   and whole phrases, a shared subject for conjoined cues, no purpose
   infinitives ("met X to discuss Y").

Each attribution becomes a :class:`~claimgraph.record.Statement`: the speaker
is the record's actor at the source span (a person before an organisation in a
modifier, else the head noun's actor; a pronoun with no actor is the previous
speaker or the nearest person before it); ``speaker_span`` is kept even when no actor matches. A content
broken by the cue ("“X,” he said, “Y.”") is one span from its first to its
last fragment; :func:`raw_statements` keeps the fragments.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimgraph.knowledge.cues import cue_info
from claimgraph.nlp.intervals import RangeSet, actor_index
from claimgraph.nlp.spans import ALL_QUOTE_MARKS, doc_text, span_roots, trim_offsets
from claimgraph.record import Record, Span, Statement
from claimgraph.stages.statements.complete import complete_subject
from claimgraph.stages.statements.features import DocView
from claimgraph.stages.statements.group import RawStatement, classify, cue_root, group
from claimgraph.stages.statements.quotes import NON_SPEAKERS, rule_statements, subject_of
from claimgraph.stages.statements.split import by_clause, by_cue, coordinated_cues
from claimgraph.stages.statements.stance import decide
from claimgraph.stages.statements.tagger import load_tagger
from claimgraph.stages.statements.tidy import (
    TokenIndex,
    clip_contents,
    clip_to_complement,
    complete_phrases,
    drop_purpose_infinitives,
    quote_regions,
    shared_subject,
    trim_content_edges,
)

__all__ = [
    "by_sentence",
    "content_extent",
    "kept_statements",
    "not_a_statement",
    "raw_statements",
    "relative_content",
    "statements",
    "to_statement",
]

_EDGE = " \t\r\n,;:"
_PRONOUNS = frozenset({"that", "which", "what", "it", "this", "who"})
_NESTABLE = frozenset({"rule-nominal", "rule-relcl", "rule-paren"})
#: whether nominal attributions nested in another statement's content are kept
NESTED = True
#: whether a tagged "according to" content runs on to the clause the rule finds
ACCORDING_CLAUSE = True
#: a coordinated cue verb of the same subject ("X said P and denied Q") is its own statement
SPLIT_CUES = True
#: tidying steps of :mod:`statement_tidy` (switchable for ablations)
TIDY = {
    "purpose": True,
    "conj": True,
    "clip": True,
    "holes": True,
    "complete": True,
    "complement": True,
    "extend": True,
    "edges": True,
    "prep": True,
}


def raw_statements(doc: Doc, *, use_rules: bool = True) -> list[RawStatement]:
    """Attributions of a parsed doc as character fragments, in text order, with the rules'
    stance (:func:`kept_statements` gives the learnt one)."""
    if not len(doc):
        return []
    text = doc_text(doc)
    doc_blocks, spans, view = load_tagger().tag_view(doc)
    atts = group(doc, spans, text, view.sent_ids)
    atts = [a for a in atts if not a.cue or _lexical_cue(doc, a, view)]
    if TIDY["purpose"]:
        atts = drop_purpose_infinitives(doc, atts)
    if TIDY["conj"]:
        shared_subject(doc, atts)
    _add_missing_sources(doc, atts)
    if use_rules:
        atts = _merge(atts, rule_statements(doc, doc_blocks, view), text)
    ix = TokenIndex(doc)
    if TIDY["clip"]:
        clip_contents(doc, atts, quote_regions(doc, doc_blocks, view.text), cut_roles=TIDY["holes"], ix=ix)
    if TIDY["complete"]:
        complete_phrases(doc, atts, ix=ix)
    if TIDY["complement"]:
        clip_to_complement(doc, atts, clip=True, extend=TIDY["extend"], ix=ix)
    if TIDY["edges"]:
        trim_content_edges(doc, atts, move_prep=TIDY["prep"], ix=ix)
    out = []
    for att in atts:
        att.content = [
            f for f in (_trim(text, *_cut_after_quote(text, s, e)) for s, e in att.content) if f[1] > f[0]
        ]
        att.source = [
            f for f in (_trim(text, *_after_dateline(text, s, e)) for s, e in att.source) if f[1] > f[0]
        ]
        att.cue = [f for f in (_trim(text, s, e) for s, e in att.cue) if f[1] > f[0]]
        # a content with neither cue nor source names no one: on PolNeAR dev such leftovers of the
        # tagger matched a gold attribution one time in four (attribution F1 0.679 -> 0.682 without)
        if att.content and (att.cue or att.source):
            out.append(classify(doc, att, text))
    out.sort(key=lambda a: a.extent("content") or (0, 0))
    return out


def _lexical_cue(doc: Doc, att: RawStatement, view: DocView) -> bool:
    """Whether a tagged cue holds a reporting word (lexicon or learnt) or is punctuation (":").

    PolNeAR marks broad attributions ("signed an agreement" as a stance); on
    held-out PolNeAR train this filter keeps F1 level (cue 0.646 either way)
    and raises precision, and it keeps plain narration out of the statements.
    """
    for s, e in att.cue:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(view.is_cue[t.i] or t.pos_ == "PUNCT" for t in span):
            return True
    return False


def _add_missing_sources(doc: Doc, atts: list[RawStatement]) -> None:
    """A cue verb tagged without a source takes its grammatical subject, when that is free."""
    taken = RangeSet(f for a in atts for f in a.source + a.cue + a.content)
    for att in atts:
        if att.source or not att.cue:
            continue
        verb = cue_root(doc, att)
        if verb is None:
            continue
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = subject_of(verb)
        if subj is None:
            frag = _name_before(doc, verb)
        elif subj.pos_ == "PRON" and subj.lower_ in NON_SPEAKERS:
            continue
        else:
            frag = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text))
        if frag is None or taken.touches(*frag):
            continue
        att.source = [frag]
        taken.add(*frag)


_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "CCONJ", "ADJ"})


def _name_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """The names right before a cue verb the parser gave no subject ("SEOUL — South Korea and
    the United States on Thursday accused …", parsed as one sentence with the headline).

    Skips the verb's own adverbs and prepositional phrases before it, then takes the run of
    nouns, names, determiners and conjunctions back to a line break, dash or other word.
    """
    left = {
        t.i
        for c in verb.children
        if c.i < verb.i and c.dep_ in {"prep", "advmod", "npadvmod", "aux", "neg"}
        for t in c.subtree
    }
    i = verb.i - 1
    while i >= 0 and i in left:
        i -= 1
    end = i + 1
    while i >= 0 and doc[i].pos_ in _NAME_POS and "\n" not in doc[i].whitespace_:
        i -= 1
    start = i + 1
    while start < end and doc[start].pos_ in {"CCONJ", "DET"} and doc[start].lower_ != "the":
        start += 1
    names = [t for t in doc[start:end] if t.pos_ in {"PROPN", "NOUN"}]
    if not names or end - start > 8 or (start > 0 and doc[start - 1].pos_ not in {"PUNCT", "SPACE"}):
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


_AFTER_QUOTE = re.compile(r"(?:[.?!]\u201d|[.?!]\"|\u201d[.?!]|\"[.?!]|[.?!,]'')\s+(?=[A-Z])")


#: Marks that open or close a quotation later in a content (two apostrophes are a closing
#: quote in some sources; one apostrophe is usually a possessive or a contraction).
_LATER_QUOTES: tuple[str, ...] = ('"', "\u201c", "\u201d", "''")

_DATELINE = re.compile(r"\s(?:--|\u2014|\u2013)\s")


def _after_dateline(text: str, s: int, e: int) -> tuple[int, int]:
    """A source that swallowed a dateline ("BEIJING, Oct. 12 (Xinhua) -- the spokesperson")."""
    last = None
    for m in _DATELINE.finditer(text, s, e):
        last = m
    return (last.end(), e) if last is not None and e - last.end() > 1 else (s, e)


def _cut_after_quote(text: str, s: int, e: int) -> tuple[int, int]:
    """End a content at a quote that closes a sentence when unquoted narration follows it.

    ("… put LGBT citizens back in their place." Titled the …): the tagger
    sometimes runs on into the next sentence of narration.
    """
    for m in _AFTER_QUOTE.finditer(text, s, e):
        rest = text[m.end() : e]
        if rest and not any(q in rest for q in _LATER_QUOTES):
            return s, m.start() + len(m.group(0).rstrip())
    return s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    return trim_offsets(text, s, e, _EDGE)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _merge(tagged: list[RawStatement], rules: list[RawStatement], text: str) -> list[RawStatement]:
    """Add rule findings that touch no tagged attribution.

    Nominal and relative-clause findings may also sit inside a tagged content
    (nested attribution: "Moscow rejected allegations by Western officials
    that it supplied drones" holds the officials' allegation), as long as they
    do not touch a tagged source or cue.
    """
    # "a charge that Pyongyang denied": the tagger's content is the relative pronoun; the rule
    # knows what the pronoun stands for
    for r in rules:
        if r.origin != "rule-relcl":
            continue
        for a in tagged:
            if any(_overlaps(f, c) for f in a.cue for c in r.cue) and len(a.content) == 1:
                s, e = a.content[0]
                if text[s:e].strip().lower() in _PRONOUNS:
                    a.content = list(r.content)
                    a.origin = "rule-relcl"
                    a.source = a.source or list(r.source)
    # a tagged content with no cue in its paragraph gives way to a rule finding over it
    rule_frags = RangeSet(f for r in rules for f in r.source + r.cue + r.content)
    tagged = [a for a in tagged if a.cue or not any(rule_frags.touches(*f) for f in a.content)]
    # "…, according to X": the sentence is X's, unless the tagger found that cue itself
    for r in rules:
        if r.origin != "rule-according":
            continue
        lo = min(f[0] for f in r.source + r.cue + r.content)
        hi = max(f[1] for f in r.source + r.cue + r.content)
        found = [a for a in tagged if any(_overlaps(f, c) for f in a.cue for c in r.cue)]
        if found:
            # the tagger's content stopped short of the clause the rule reads from the parse
            a = found[0]
            ext, rext = a.extent("content"), r.extent("content")
            if ACCORDING_CLAUSE and ext and rext and rext[0] <= ext[0] and ext[1] < rext[1]:
                a.content = list(r.content)
            continue
        tagged = [a for a in tagged if not all(lo <= f[0] and f[1] <= hi for f in a.cue + a.source)]
    # a quotation signed "― Name" is the signer's, whatever cue before it the tagger joined it to;
    # a line "NAME: words" is NAME's, whatever the tagger made of the label
    for r in rules:
        if r.origin == "rule-label":
            tagged = [a for a in tagged if not any(_overlaps(f, r.source[0]) for f in a.source + a.content)]
        if r.origin == "rule-signed":
            tagged = [
                a
                for a in tagged
                if not (
                    any(_overlaps(f, c) for f in a.content for c in r.content)
                    and all(f[1] <= r.content[0][0] for f in a.cue)
                )
            ]
    # "A, X said, B": the sentence around the inserted cue is X's, whatever content the tagger gave it
    for r in rules:
        if r.origin == "rule-paren":
            tagged = [a for a in tagged if not any(_overlaps(f, c) for f in a.cue for c in r.cue)]
    roles_taken = RangeSet(f for att in tagged for f in att.source + att.cue)
    contents = RangeSet(f for att in tagged for f in att.content)
    out = list(tagged)
    for r in rules:
        frags = r.source + r.cue + r.content
        if any(roles_taken.touches(*f) for f in frags):
            continue
        if any(contents.touches(*f) for f in frags) and not (r.origin in _NESTABLE and NESTED):
            continue
        out.append(r)
        for f in r.source + r.cue:
            roles_taken.add(*f)
        for f in r.content:
            contents.add(*f)
    return out


_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"they", "it", "we", "i", "them"})


def _speaker(
    record: Record, start: int, end: int, doc: Doc | None = None, prev: str | None = None
) -> str | None:
    """The actor who speaks through the words ``[start, end)``.

    Several actors in the words ("A White House spokesman, John Kirby"): a
    person first, else the actor named by the phrase's head noun, else the
    longest overlap (:meth:`Record.actor_at`). A pronoun with no actor of its
    own ("He added that …") is the previous statement's speaker when that
    fits (a person for he/she), else the nearest person mentioned before it
    (the usual recency heuristic of pronoun resolution, Hobbs 1978 / Lappin &
    Leass 1994, here without the syntactic filters).
    """
    cands: list[tuple[int, bool, str, str]] = []  # (overlap, holds the head, kind, id)
    head = None
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        head = span.root if span is not None else None
    index = actor_index(record)
    for actor, m in index.overlapping(start, end):
        overlap = min(m.end, end) - max(m.start, start)
        holds = head is not None and m.start <= head.idx < m.end
        cands.append((overlap, holds, actor.kind, actor.id))
    if cands:
        persons = [c for c in cands if c[2] == "person"]
        pool = persons or [c for c in cands if c[1]] or cands
        return max(pool, key=lambda c: (c[1], c[0]))[3]
    words = record.document.text[start:end].strip().lower()
    if words in _PERSON_PRONOUNS:
        if prev is not None and index.kind_of(prev) == "person":
            return prev
        person = index.person_before(start)
        return person.id if person is not None else None
    if words in _OTHER_PRONOUNS and prev is not None:
        return prev
    return None


def content_extent(text: str, att: RawStatement) -> tuple[int, int]:
    """The statement's content span: first to last fragment, without the quote marks around it."""
    cs, ce = att.extent("content") or (0, 0)
    ts, te = trim_offsets(text, cs, ce, _EDGE + ALL_QUOTE_MARKS)
    return (ts, te) if te > ts else (cs, ce)


def to_statement(
    record: Record, att: RawStatement, index: int, doc: Doc | None = None, prev: str | None = None
) -> Statement:
    """The record's :class:`Statement` for one attribution (``prev``: the previous statement's speaker)."""
    text = record.document.text
    cs, ce = content_extent(text, att)
    src = att.extent("source") if att.source else None
    speaker_span = None
    speaker = None
    if src is not None:
        # the first source fragment names the speaker ("Putin's spokesman" / "he")
        s, e = att.source[0]
        speaker_span = Span.of(text, s, e)
        speaker = _speaker(record, s, e, doc, prev)
        if speaker is None and len(att.source) > 1:
            speaker = _speaker(record, *src, doc)
    cue = Span.of(text, *att.extent("cue")) if att.cue else None  # type: ignore[misc]
    return Statement(
        id=f"S{index}",
        speaker=speaker,
        speaker_span=speaker_span,
        cue=cue,
        content=Span.of(text, cs, ce),
        kind=att.kind,  # type: ignore[arg-type]
        stance=att.stance,  # type: ignore[arg-type]
        hedged=att.hedged,
        cue_class=att.cue_class,  # type: ignore[arg-type]
        score=round(att.score, 3),
    )


#: Verbs whose bare infinitive says nothing ("declined to comment", "refused to elaborate").
_EMPTY_SAYING = frozenset({"comment", "elaborate", "respond", "discuss", "say", "speak", "confirm", "answer"})
_EXPLETIVES = frozenset({"it", "this"})


def not_a_statement(doc: Doc, att: RawStatement) -> str | None:
    """Why an attribution found in the text is not someone's statement (None: it is one):

    - a negated fact the author reports ("the ministry did not comment on the reports", "X
      has not said whether …"): the cue is negated, so nobody said it;
    - a refusal to speak ("a spokesman declined to comment"): the content says nothing;
    - the author's own comment ("It is telling that …", "It is clear that …"): the cue has
      an expletive subject and no source, so it belongs to the author's voice;
    - a passive topic ("Faber was nominated by …", "Trump is supported by …"): the content is
      the subject of a passive verb that is no reporting verb, so nothing is said.
    """
    cue = [t for s, e in att.cue for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    if any(c.dep_ == "neg" for t in cue for c in t.children):
        return "negated cue"
    content = [t for s, e in att.content for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    words = [t for t in content if not t.is_punct]
    if (
        len(words) <= 3
        and any(t.lemma_.lower() in _EMPTY_SAYING and t.pos_ == "VERB" for t in words)
        and not any(t.dep_ in ("dobj", "ccomp", "pobj") for t in words)
    ):
        return "empty content"
    if _passive_topic(cue, words):
        return "passive topic"
    source = " ".join(doc_text(doc)[s:e] for s, e in att.source).strip().lower()
    copula = any(t.lemma_ == "be" for t in cue)
    if (not att.source or (source in _EXPLETIVES and copula)) and (
        source in _EXPLETIVES
        or any(c.dep_ in ("expl", "nsubj") and c.lower_ in _EXPLETIVES for t in cue for c in t.children)
    ):
        return "author's comment"
    return None


def _passive_topic(cue: list[Token], content: list[Token]) -> bool:
    """The content is the passive subject of a cue verb that reports nothing ("[Faber] was
    nominated", "[The nominee] has been endorsed")."""
    verbs = [t for t in cue if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children)]
    if not verbs or not content:
        return False
    verb = verbs[0]
    if cue_info(verb.lemma_.lower()) is not None:
        return False  # "was reported", "is said": a reporting verb
    roots = span_roots(content)
    return len(roots) == 1 and roots[0].dep_ == "nsubjpass" and roots[0].head == verb


def relative_content(doc: Doc, att: RawStatement) -> None:
    """ "…met the envoy twice, which she denies": the content is the clause "which" stands for."""
    if len(att.content) != 1:
        return
    s, e = att.content[0]
    if doc_text(doc)[s:e].strip().lower() not in ("which", "that"):
        return
    pronoun = doc.char_span(s, e, alignment_mode="expand")
    if pronoun is None:
        return
    sent = pronoun[0].sent
    end = pronoun[0].i
    while end > sent.start and doc[end - 1].is_punct:
        end -= 1
    if end > sent.start:
        att.content = [(sent.start_char, doc[end - 1].idx + len(doc[end - 1].text))]


def kept_statements(doc: Doc, atts: list[RawStatement], *, learnt: bool = True) -> list[RawStatement]:
    """The attributions that are someone's statement (:func:`not_a_statement`), a relative
    pronoun's content replaced by the clause it stands for (:func:`relative_content`), a
    content cut short after its subject completed to its clause
    (:func:`~claimgraph.stages.statements.complete.complete_subject`), a
    content of several sentences split into one statement per sentence
    (:func:`by_sentence`), coordinated clauses of opposite polarity into one each
    (:func:`~claimgraph.stages.statements.split.by_clause`) and coordinated cue verbs of one
    subject into one each (:func:`~claimgraph.stages.statements.split.by_cue`,
    :func:`~claimgraph.stages.statements.split.coordinated_cues`), each with its learnt stance
    (:mod:`~claimgraph.stages.statements.stance`; the rules' one with ``learnt=False`` or
    without the model file)."""
    kept: list[RawStatement] = []
    for att in atts:
        if not_a_statement(doc, att) is None:
            relative_content(doc, att)
            complete_subject(doc, att)
            kept.extend(
                piece
                for one in by_sentence(doc, att)
                for part in by_clause(doc, one)
                for piece in (by_cue(doc, part) if SPLIT_CUES else [part])
            )
    if SPLIT_CUES:
        kept.extend(coordinated_cues(doc, kept))
        kept.sort(key=lambda a: a.extent("content") or (0, 0))
    if learnt:
        decide(doc, kept)
    return kept


def by_sentence(doc: Doc, att: RawStatement) -> list[RawStatement]:
    """One attribution per sentence of its content ("“X. Y,” she said" is two statements, each
    with its own stance, as the stance set labels them); the attribution itself when its
    content lies in one sentence. Each part is read again by the rules (:func:`classify`)."""
    parts: dict[int, list[tuple[int, int]]] = {}
    for s, e in att.content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return [att]
        # (Span.sents is missing from spaCy's type stubs; Token.sent walked the sentence per token)
        for sent in span.sents if len(span) else ():  # type: ignore[attr-defined]
            lo, hi = max(s, sent.start_char), min(e, sent.end_char)
            lo, hi = trim_offsets(doc_text(doc), lo, hi, _EDGE + ALL_QUOTE_MARKS)
            if hi > lo and any(ch.isalnum() for ch in doc_text(doc)[lo:hi]):
                parts.setdefault(sent.start, []).append((lo, hi))
    if len(parts) < 2:
        return [att]
    out = []
    for frags in parts.values():
        part = replace(att, content=frags, source=list(att.source), cue=list(att.cue))
        out.append(classify(doc, part, doc_text(doc)))
    return out


def statements(doc: Doc, record: Record) -> list[Statement]:
    """The record's statements, numbered S1, S2, … in text order (attributions that are no
    one's statement left out: :func:`not_a_statement`)."""
    out: list[Statement] = []
    prev = None
    for i, att in enumerate(kept_statements(doc, raw_statements(doc)), start=1):
        st = to_statement(record, att, i, doc, prev)
        out.append(st)
        if st.speaker is not None:
            prev = st.speaker
    return out
