"""Tidying grouped attributions: contents that stay in their sentence, whole phrases, shared subjects.

The CRF tagger (:mod:`statement_tagger`) and the grouping (:mod:`statement_group`)
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
- :func:`drop_purpose_infinitives`: "met X to discuss Y" is no statement;
- :func:`shared_subject`: the subject of "said" in "X said P and claimed Q" is
  the speaker of "claimed" too (dep ``conj``).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from claimgraph.extract.quotes import quote_spans, subject_of
from claimgraph.extract.statement_group import RawStatement, _quoted_share
from claimgraph.knowledge.cues import cue_info

__all__ = [
    "clip_contents",
    "complete_phrases",
    "drop_purpose_infinitives",
    "quote_regions",
    "shared_subject",
]

Frag = tuple[int, int]
#: whether unquoted content on both sides of a verb cue keeps only its complement's side
SIDES = False
#: dependency labels of words that modify a head to their right (a content must not stop on them)
_LEFT_MODIFIERS = frozenset({"amod", "compound", "det", "nummod", "poss", "nmod", "quantmod", "predet"})
_COMPLEMENT = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "oprd", "attr", "dative"})


class _Index:
    """Character offset → token of a doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
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
            out.append((doc[qs].idx, doc[qe - 1].idx + len(doc[qe - 1].text)))
    return out


def _region(regions: list[Frag], s: int, e: int) -> Frag | None:
    """The quotation holding most of [s, e) (at least half of it), if any."""
    best, size = None, 0
    for r in regions:
        overlap = min(r[1], e) - max(r[0], s)
        if overlap > size:
            best, size = r, overlap
    return best if size * 2 >= e - s else None


def _split_sentences(ix: _Index, s: int, e: int) -> list[tuple[int, Frag]]:
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


def _complement_side(ix: _Index, cue: Frag) -> int:
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


def clip_contents(doc: Doc, atts: list[RawStatement], regions: list[Frag], cut_roles: bool = True) -> None:
    """Keep each content within its cue's sentence (quotations excepted); see module docstring."""
    text = doc.text
    ix = _Index(doc)
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
                    own_regions.add(_region(regions, *p))
        keep: list[Frag] = []
        for pieces in split:
            run: list[Frag] = []
            for k, p in pieces:
                drop = False
                if has_own and k != cue_sent:
                    region = _region(regions, *p) if _quoted_share(text, *p) >= 0.5 else None
                    if region is None:
                        # narration before the cue's sentence is not its content; a sentence after
                        # it may continue the reported speech (PolNeAR marks such runs)
                        drop = k < cue_sent
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
        unquoted = [f for f in frags if _quoted_share(text, *f) < 0.5]
        left = [f for f in unquoted if f[1] <= att.cue[0][0]]
        right = [f for f in unquoted if f[0] >= att.cue[-1][1]]
        if left and right and cut_roles and SIDES:
            side = _complement_side(ix, att.cue[0])
            drop = left if side > 0 else right if side < 0 else []
            frags = [f for f in frags if f not in drop]
        if frags:
            att.content = sorted(frags)
    # a quoted piece cut from another statement: the continuation of the quotation's statement
    for p in orphans:
        region = _region(regions, *p)
        for att in atts:
            if region is not None and any(_region(regions, *f) == region for f in att.content):
                if not any(s < p[1] and p[0] < e for s, e in att.content):
                    att.content = sorted([*att.content, p])
                break


def complete_phrases(doc: Doc, atts: list[RawStatement]) -> None:
    """A content that stops on a modifier runs on to the end of the phrase it modifies."""
    ix = _Index(doc)
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
            span = doc.char_span(*att.cue[0], alignment_mode="expand")
            root = span.root if span is not None else None
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


def _reports(tok: Token) -> bool:
    info = cue_info(tok.lemma_)
    return info is not None and info.pos == "VERB" and tok.pos_ in {"VERB", "AUX"}


def shared_subject(doc: Doc, atts: list[RawStatement]) -> None:
    """A conjoined cue verb without a source takes its first conjunct's subject ("X said … and claimed …")."""
    for att in atts:
        if att.source or not att.cue:
            continue
        span = doc.char_span(*att.cue[0], alignment_mode="expand")
        if span is None:
            continue
        verb = span.root
        if (
            verb.dep_ != "conj"
            or verb.pos_ not in {"VERB", "AUX"}
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        ):
            continue
        head = verb.head
        if not _reports(head) and head.dep_ == "ccomp" and _reports(head.head):
            # "X said P were … and claimed Q": the parser joins "claimed" to P's verb
            head = head.head
        subj = subject_of(head)
        if subj is None or subj.lower_ in {"it", "there", "that", "which", "who"}:
            continue
        att.source = [(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text))]
