"""Tidying grouped attributions: contents that stay in their sentence, whole phrases, shared subjects.

The CRF tagger (:mod:`~claimgraph.stages.statements.tagger`) and the grouping
(:mod:`~claimgraph.stages.statements.group`)
sometimes join a content span of a neighbouring sentence to a cue, let a
content run over its own cue and speaker, or stop a content mid-phrase. These
steps repair that from the dependency parse, following how PolNeAR marks
contents (Newell et al. 2018, PolNeAR annotation guidelines: the content is
the reported proposition, usually the complement clause of the cue, and
spans sentences only for quoted speech):

- :func:`clip_contents`: an unquoted content piece in a sentence *before*
  its cue's sentence is dropped when the cue's sentence has content of its
  own (a sentence after it may continue the reported speech, as PolNeAR
  marks); a quoted piece of a quotation reported by another statement joins
  that statement ("“A. B.” He added that …"); the cue and source are cut out
  of the content (``SIDES``: also keep only the complement's side of a verb
  cue — off, it cost content F1 on held-out PolNeAR train);
- :func:`complete_phrases`: a content ending on a modifier ("of new") runs on
  to the head it modifies ("of new shell shipments");
- :func:`clip_to_complement`: an unquoted content after its verb cue runs to the end
  of the cue's complement, stops before a comma-set clause hanging from the cue
  ("said P, contradicting Q"), and loses pieces outside that complement;
- :func:`trim_content_edges`: no transcript label ("PENCE: …") in a content, and
  "about"/"of" right after a verb cue go with the cue ("complained about | X");
- :func:`drop_purpose_infinitives`: "met X to discuss Y" is no statement;
- :func:`shared_subject`: the subject of "said" in "X said P and claimed Q" is
  the speaker of "claimed" too (dep ``conj``).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from claimgraph.nlp.columns import columns
from claimgraph.nlp.intervals import Intervals
from claimgraph.nlp.spans import doc_text, token_offsets
from claimgraph.stages.statements.group import RawStatement, cue_root, quoted_share
from claimgraph.stages.statements.quotes import _is_cue_verb, quote_spans, subject_of

__all__ = [
    "TokenIndex",
    "clip_contents",
    "clip_to_complement",
    "complete_phrases",
    "drop_purpose_infinitives",
    "quote_regions",
    "shared_subject",
    "trim_content_edges",
]

Frag = tuple[int, int]
#: whether unquoted content on both sides of a verb cue keeps only its complement's side
SIDES = False
#: whether unquoted narration in a sentence after the cue's own is dropped too
LATER = False
#: whether a verb cue's unquoted content outside the complement of its first content is dropped
STRAY = True
#: dependency labels of words that modify a head to their right (a content must not stop on them)
_LEFT_MODIFIERS = frozenset({"amod", "compound", "det", "nummod", "poss", "nmod", "quantmod", "predet"})
_COMPLEMENT = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "oprd", "attr", "dative"})


class TokenIndex:
    """Character offset → token of a doc, and sentence bounds; built once per document and
    shared by the tidying steps."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = columns(doc).idx
        # sentences read once (Token.sent walks the doc on every call)
        self.sents = [(sent.start, sent.end, sent.end_char) for sent in doc.sents]
        self.sent_firsts = [s for s, _, _ in self.sents]

    def tok(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]

    def sent(self, i: int) -> tuple[int, int, int]:
        """(first token, end token, end character) of the sentence of token ``i``."""
        return self.sents[max(0, bisect_right(self.sent_firsts, i) - 1)]


def quote_regions(doc: Doc, doc_blocks: list[list[int]], texts: list[str]) -> list[Frag]:
    """Character ranges inside quote marks (one per quotation, marks excluded)."""
    out = []
    for block in doc_blocks:
        for qs, qe in quote_spans(texts, block):
            out.append(token_offsets(doc, qs, qe))
    return out


def _region(regions: Intervals[None], s: int, e: int) -> Frag | None:
    """The quotation holding most of [s, e) (at least half of it; the first of the largest
    overlaps), if any."""
    found = regions.most_overlapping(s, e)
    if found is None:
        return None
    r = (found[0], found[1])
    return r if (min(r[1], e) - max(r[0], s)) * 2 >= e - s else None


def _split_sentences(ix: TokenIndex, s: int, e: int) -> list[tuple[int, Frag]]:
    """Pieces of [s, e) per sentence, as (sentence start token, piece)."""
    out: list[tuple[int, Frag]] = []
    tok = ix.tok(s)
    while s < e:
        first, last, end_char = ix.sent(tok.i)
        end = min(e, end_char)
        if end > s:
            out.append((first, (s, end)))
        if last >= len(ix.doc):
            break
        tok = ix.doc[last]
        s = max(s, tok.idx)
    return out


def _subtract(frag: Frag, holes: list[Frag]) -> list[Frag]:
    pieces = [frag]
    for hs, he in holes:
        nxt = []
        for s, e in pieces:
            if he <= s or e <= hs:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        pieces = nxt
    return pieces


def _words(text: str, s: int, e: int) -> bool:
    return any(ch.isalnum() for ch in text[s:e])


def _complement_side(ix: TokenIndex, cue: Frag) -> int:
    """-1 / +1: on which side of a verb cue its complement lies; 0 when unknown."""
    verb = ix.doc.char_span(*cue, alignment_mode="expand")
    if verb is None:
        return 0
    root = verb.root
    if root.pos_ not in {"VERB", "AUX"} or root.lower_ == "according":
        return 0
    for c in root.children:
        if c.dep_ in _COMPLEMENT and not c.is_punct:
            return 1 if c.i > root.i else -1
    return 0


def clip_contents(
    doc: Doc,
    atts: list[RawStatement],
    regions: list[Frag],
    cut_roles: bool = True,
    ix: TokenIndex | None = None,
) -> None:
    """Keep each content within its cue's sentence (quotations excepted); see module docstring."""
    text = doc_text(doc)
    ix = ix or TokenIndex(doc)
    quotations: Intervals[None] = Intervals([(s, e, None) for s, e in regions])
    orphans: list[Frag] = []
    for att in atts:
        if not att.cue or not att.content:
            continue
        cue_sent = ix.sent(ix.tok(att.cue[0][0]).i)[0]
        own_regions = set()
        has_own = False
        split = []
        for s, e in att.content:
            pieces = _split_sentences(ix, s, e)
            split.append(pieces)
            for k, p in pieces:
                if k == cue_sent:
                    has_own = True
                    own_regions.add(_region(quotations, *p))
        keep: list[Frag] = []
        for pieces in split:
            run: list[Frag] = []
            for k, p in pieces:
                drop = False
                if has_own and k != cue_sent:
                    region = _region(quotations, *p) if quoted_share(text, *p) >= 0.5 else None
                    if region is None:
                        # narration before the cue's sentence is not its content; a sentence after
                        # it may continue the reported speech (PolNeAR marks such runs)
                        drop = k < cue_sent or (LATER and k > cue_sent)
                    elif region not in own_regions and None in own_regions:
                        drop = True  # the rest of another statement's quotation
                        orphans.append(p)
                if drop:
                    keep.extend([(run[0][0], run[-1][1])] if run else [])
                    run = []
                else:
                    run.append(p)
            keep.extend([(run[0][0], run[-1][1])] if run else [])
        holes = att.cue + att.source if cut_roles else []
        frags = [f for p in keep for f in _subtract(p, holes) if _words(text, *f)]
        if SIDES and cut_roles:
            unquoted = [f for f in frags if quoted_share(text, *f) < 0.5]
            left = [f for f in unquoted if f[1] <= att.cue[0][0]]
            right = [f for f in unquoted if f[0] >= att.cue[-1][1]]
            if left and right:
                side = _complement_side(ix, att.cue[0])
                dropped = left if side > 0 else right if side < 0 else []
                frags = [f for f in frags if f not in dropped]
        if frags:
            att.content = sorted(frags)
    # a quoted piece cut from another statement: the continuation of the quotation's statement
    # (the first statement with content in the same quotation; adding the piece leaves the
    # quotations each statement's content lies in as they were, so they are looked up once)
    holder: dict[Frag, RawStatement] = {}
    if orphans:
        for att in atts:
            for f in att.content:
                region = _region(quotations, *f)
                if region is not None:
                    holder.setdefault(region, att)
    for p in orphans:
        region = _region(quotations, *p)
        owner = holder.get(region) if region is not None else None
        if owner is not None and not any(s < p[1] and p[0] < e for s, e in owner.content):
            owner.content = sorted([*owner.content, p])


def complete_phrases(doc: Doc, atts: list[RawStatement], ix: TokenIndex | None = None) -> None:
    """A content that stops on a modifier runs on to the end of the phrase it modifies."""
    ix = ix or TokenIndex(doc)
    taken = [f for a in atts for f in a.source + a.cue]
    for att in atts:
        if not att.content:
            continue
        s, e = att.content[-1]
        last = ix.tok(e - 1)
        while last.is_punct and last.i > ix.tok(s).i:
            last = last.nbor(-1)
        # a modifier, or the subject of a complement clause ("said the country had never …")
        stops = last.dep_ in _LEFT_MODIFIERS or (
            last.dep_ in {"nsubj", "nsubjpass"} and last.head.dep_ in {"ccomp", "conj"}
        )
        if not stops or last.head.i <= last.i or ix.sent(last.head.i) != ix.sent(last.i):
            continue
        end_tok = last.head.right_edge
        new_e = end_tok.idx + len(end_tok.text)
        if new_e <= e or any(t[0] < new_e and e <= t[0] for t in taken):
            continue
        att.content[-1] = (s, new_e)


def drop_purpose_infinitives(doc: Doc, atts: list[RawStatement]) -> list[RawStatement]:
    """Without "met X to discuss Y": an infinitive cue that modifies another verb, has no
    subject of its own and no clause as complement."""
    out = []
    for att in atts:
        if att.cue and len(att.cue) == 1:
            root = cue_root(doc, att)
            if (
                root is not None
                and root.pos_ == "VERB"
                and root.dep_ in {"advcl", "xcomp", "acl"}
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)
                and not any(c.dep_ in {"nsubj", "nsubjpass", "ccomp"} for c in root.children)
            ):
                continue
        out.append(att)
    return out


def shared_subject(doc: Doc, atts: list[RawStatement]) -> None:
    """A conjoined cue verb without a source takes its first conjunct's subject ("X said … and claimed …")."""
    for att in atts:
        if att.source or not att.cue:
            continue
        verb = cue_root(doc, att)
        if verb is None:
            continue
        if (
            verb.dep_ != "conj"
            or verb.pos_ not in {"VERB", "AUX"}
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        ):
            continue
        head = verb.head
        if not _is_cue_verb(head) and head.dep_ == "ccomp" and _is_cue_verb(head.head):
            # "X said P were … and claimed Q": the parser joins "claimed" to P's verb
            head = head.head
        subj = subject_of(head)
        if subj is None or subj.lower_ in {"it", "there", "that", "which", "who"}:
            continue
        att.source = [(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text))]


#: dependency labels of a verb cue's children that are not its complement ("said P, and criticized Q")
_NOT_COMPLEMENT = frozenset({"conj", "cc", "punct", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod"})


_QUOTE_CHARS = ('"', "\u201c", "\u201d", "\u2018", "''")

#: words that, after a comma, usually continue the content (a parallel complement)
_PARALLEL = frozenset({"and", "or", "that", "including", "because"})


def clip_to_complement(
    doc: Doc, atts: list[RawStatement], clip: bool = True, extend: bool = True, ix: TokenIndex | None = None
) -> None:
    """An unquoted content after its verb cue ends where the cue's complement ends.

    PolNeAR's content is the cue's complement clause; what follows it in the
    sentence but hangs from the cue itself ("said P, contradicting Q", "urged
    P, and criticized Q") is narration, not content.
    """
    text = doc_text(doc)
    ix = ix or TokenIndex(doc)
    taken = [f for a in atts for f in a.source + a.cue]
    for att in atts:
        if len(att.cue) != 1 or not att.content:
            continue
        verb = cue_root(doc, att)
        if verb is None:
            continue
        if verb.pos_ not in {"VERB", "AUX"} or verb.lower_ == "according":
            continue
        frags = []
        held = None  # the complement that the first content after the cue lies in
        quoted = any(quoted_share(text, *f) >= 0.5 for f in att.content)
        for s, e in att.content:
            if s < att.cue[0][1] or quoted_share(text, s, e) >= 0.5:
                frags.append((s, e))
                continue
            first = ix.tok(s)
            if (
                STRAY
                and held is not None
                and not held.left_edge.i <= first.i <= held.right_edge.i
                and not any(q in text[s:e] for q in _QUOTE_CHARS)
            ):
                continue  # narration outside the complement ("mocked X, saying …")
            if (
                STRAY
                and quoted
                and ix.sent(first.i)[0] > ix.sent(verb.i)[0]
                and not any(q in text[s:e] for q in _QUOTE_CHARS)
            ):
                continue  # "“Q,” he said. Narration …"
            if ix.sent(first.i) != ix.sent(verb.i):
                frags.append((s, e))
                continue
            comp = next((c for c in verb.children if c.left_edge.i <= first.i <= c.right_edge.i), None)
            if comp is None or comp.dep_ in _NOT_COMPLEMENT or comp.i < verb.i:
                frags.append((s, e))
                continue
            held = held or comp
            last = comp.right_edge
            while last.is_punct and last.i > first.i:
                last = last.nbor(-1)
            new_e = last.idx + len(last.text)
            # only a clause set off by a comma ("…, contradicting Q")
            rest = text[new_e:e].lstrip()
            nxt = rest[1:].split(None, 1)[0].lower() if len(rest) > 1 and rest[1:].split() else ""
            # "…, and Q" / "…, that Q": mostly a second complement the parser hangs on the cue
            cut = clip and new_e > s and rest.startswith(",") and nxt not in _PARALLEL
            # "praised X but also had to give him time": the speaker's next predicate, not content
            cut = cut or (clip and new_e > s and new_e < e and _next_predicate(verb, last))
            cut = cut and not any(q in text[s:e] for q in _QUOTE_CHARS)
            # a content stopped short of its complement's end runs on to it
            grow = (
                extend
                and new_e > e
                and not any(q in text[e:new_e] for q in _QUOTE_CHARS)
                and not any(t[0] < new_e and e < t[1] for t in taken)
            )
            frags.append((s, new_e) if cut or grow else (s, e))
        att.content = frags


def _next_predicate(verb: Token, last: Token) -> bool:
    """Whether a conjoined predicate of the cue verb, with no subject of its own, follows ``last``."""
    doc = verb.doc
    j = last.i + 1
    while j < len(doc) and doc[j].is_punct:
        j += 1
    if j >= len(doc) or doc[j].head.i != verb.i or doc[j].dep_ not in {"cc", "conj"}:
        return False
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.i >= j), None)
    return (
        conj is not None
        and conj.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children)
    )


_LABEL = re.compile(r"\W*[A-Z][A-Z.'\u2019 -]{1,30}:\s+")


#: prepositions PolNeAR marks with the cue ("complained about | X"); "to", "for", "with" stay
_CUE_PREPS = frozenset({"about", "of"})


#: whether a content after its cue keeps the complementiser "that" before it
THAT = True


def trim_content_edges(
    doc: Doc, atts: list[RawStatement], move_prep: bool = True, ix: TokenIndex | None = None
) -> None:
    """Content edges as PolNeAR marks them.

    - a transcript's speaker label ("PENCE: Well, …") is not content;
    - a preposition that opens the content right after its verb cue belongs to
      the cue ("complained about | his mic"; "responded to X" keeps "to X").
    """
    text = doc_text(doc)
    ix = ix or TokenIndex(doc)
    for att in atts:
        if not att.content:
            continue
        s, e = att.content[0]
        m = _LABEL.match(text, s, e)
        if m and m.end() < e:
            att.content[0] = (m.end(), e)
            s = m.end()
        if THAT and att.cue and s > att.cue[-1][1]:
            first = ix.tok(s)
            prev = doc[first.i - 1] if first.i > 0 else None
            # PolNeAR keeps the complementiser: "said | that P"
            if (
                prev is not None
                and prev.lower_ == "that"
                and prev.dep_ == "mark"
                and prev.idx >= att.cue[-1][1]
            ):
                att.content[0] = (prev.idx, e)
                s = prev.idx
        if not move_prep or len(att.cue) != 1 or s < att.cue[0][1]:
            continue
        first = ix.tok(s)
        if (
            first.idx != s
            or first.dep_ != "prep"
            or first.lower_ not in _CUE_PREPS
            or first.i + 1 >= len(doc)
        ):
            continue
        cue_end = ix.tok(att.cue[0][1] - 1)
        if first.head.i != cue_end.i or first.i != cue_end.i + 1:
            continue
        nxt = doc[first.i + 1]
        if nxt.idx >= e:
            continue
        att.content[0] = (nxt.idx, e)
        att.cue = [(att.cue[0][0], first.idx + len(first.text))]
