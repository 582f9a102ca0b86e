"""Rule-based attributions that complement the tagger.

- **direct quotes**: a stretch inside quote marks (straight, curly or
  guillemets, possibly several sentences) next to a reporting verb of the same
  paragraph — before the quote ("He said: “…”"), after it ("“…,” he said") or
  between two halves ("“…,” he added, “…”"); the speaker is the verb's subject.
- **according to**: "according to X, …" / "…, according to X".
- **nominal attributions**: a cue noun with a *that*-clause or an *of*-phrase
  ("accusations from Washington that …", "Moscow's position that …",
  "allegations of arms deliveries by Western officials"), and a noun phrase
  taken up by a relative clause with a cue verb ("a charge that Pyongyang
  denied": Pyongyang denies the charge).

Unbalanced or nested quotes never raise: a quote left open runs to the end of
its paragraph and inner single quotes are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimgraph.knowledge.cues import cue_info
from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import QUOTE_MARKS, doc_text, token_offsets
from claimgraph.stages.statements.features import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT, DocView, blocks
from claimgraph.stages.statements.group import RawStatement

__all__ = ["NON_SPEAKERS", "quote_spans", "rule_statements", "subject_of"]

_SUBJ = {"nsubj", "nsubjpass"}
_ANY_QUOTE = frozenset(QUOTE_MARKS)
#: subject words that name no speaker ("it was said", "which claimed")
NON_SPEAKERS = frozenset({"it", "there", "which", "that", "who"})
#: marks that set an inserted cue off ("A, X said, B" / "A — X said — B")
_INSERT_MARKS = frozenset({",", "\u2014", "--"})
_CLAUSE = {"ccomp", "acl", "relcl", "advcl", "xcomp"}


def quote_spans(texts: Sequence[str], block: list[int]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` inside quote marks in one block (marks excluded)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i in block:
        t = texts[i]
        if start is None and (t in OPEN_QUOTES or t in STRAIGHT):
            start = i + 1
        elif start is not None and (t in CLOSE_QUOTES or t in STRAIGHT):
            if i > start:
                out.append((start, i))
            start = None
        elif start is not None and t in OPEN_QUOTES:  # nested or unbalanced: restart
            start = i + 1
    if start is not None and block and block[-1] + 1 > start:
        out.append((start, block[-1] + 1))
    return out


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _is_cue_verb(tok: Token) -> bool:
    info = cue_info(tok.lemma_)
    return info is not None and info.pos == "VERB" and tok.pos_ in {"VERB", "AUX"}


def _cue_span(tok: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and adverbs next to it (PolNeAR style)."""
    lo = hi = tok.i
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass", "neg", "advmod", "prt"} and abs(c.i - tok.i) <= 3:
            lo, hi = min(lo, c.i), max(hi, c.i)
    return lo, hi + 1


def subject_of(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in _SUBJ:
            return c
    if tok.dep_ in {"conj", "xcomp"} and tok.head is not tok:
        return subject_of(tok.head)
    return None


def _direct(doc: Doc, block: list[int], texts: Sequence[str]) -> list[RawStatement]:
    quotes = [q for q in quote_spans(texts, block) if q[1] - q[0] >= 4]
    out: list[RawStatement] = []
    for qs, qe in quotes:
        inside = range(qs - 1, qe + 1)
        # a reporting verb right after the quote ("…,” he said) or right before it ("He said: “…")
        verb = None
        after = [doc[i] for i in block if qe < i <= qe + 5]
        before = [doc[i] for i in block if qs - 8 <= i < qs - 1]
        for tok in after + before[::-1]:
            if tok.i not in inside and _is_cue_verb(tok):
                verb = tok
                break
        if verb is None:
            continue
        subj = subject_of(verb)
        att = RawStatement(origin="rule-quote", score=0.6)
        att.cue = [token_offsets(doc, *_cue_span(verb))]
        att.cue_lemma = verb.lemma_.lower()
        if subj is not None and subj.i not in inside:
            att.source = [token_offsets(doc, *_subtree(subj))]
        att.content = [token_offsets(doc, qs, qe)]
        out.append(att)
    # a quote continued after the cue ("“A,” he said, “B.”"): join the second half
    merged: list[RawStatement] = []
    for att in out:
        if merged and merged[-1].cue == att.cue:
            merged[-1].content.extend(att.content)
        else:
            merged.append(att)
    return merged


def _according(doc: Doc, block: list[int]) -> list[RawStatement]:
    out: list[RawStatement] = []
    for i in block:
        tok = doc[i]
        if tok.lower_ != "according" or i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
            continue
        to = doc[i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = tok.sent
        # the source runs to the end of the whole "to" phrase: name, apposition and all
        # ("according to Lee Min-jae, a researcher at the Asan Institute, …")
        src = (to.i + 1, max(pobj.right_edge.i, to.right_edge.i) + 1)
        subj = subject_of(tok.head) if tok.head.i > i else None
        if subj is not None and subj.left_edge.i >= src[1] - 1 and subj.left_edge.i > pobj.i:
            # the main clause starts at its subject: all before it (after "to") names the source,
            # however the parser attached the apposition
            src = _strip_punct(doc, to.i + 1, subj.left_edge.i)
        elif sent.end - src[1] < 3 and i - sent.start < 3:
            src = _subtree(pobj)
        # content: the sentence without the according-to phrase (one or two pieces)
        pieces = [_strip_punct(doc, sent.start, i), _strip_punct(doc, src[1], sent.end)]
        pieces = [p for p in pieces if p[1] - p[0] >= 3]
        if not pieces:
            continue
        att = RawStatement(origin="rule-according", score=0.6, cue_lemma="according")
        att.cue = [token_offsets(doc, i, i + 2)]
        att.source = [token_offsets(doc, *src)]
        att.content = [token_offsets(doc, a, b) for a, b in pieces]
        out.append(att)
    return out


def _strip_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _indirect(doc: Doc, verbs: list[int]) -> list[RawStatement]:
    """ "X said (that) P", "X accused Y of P", "X asked whether P": a cue verb with a subject
    and a clausal complement (or an *of* / *for* / *about* phrase)."""
    out: list[RawStatement] = []
    for i in verbs:
        verb = doc[i]
        if not _is_cue_verb(verb):
            continue
        subj = subject_of(verb)
        if subj is None or subj.lower_ in NON_SPEAKERS:
            continue
        comp = None
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > i:
                comp = _subtree(c)
                break
            if c.dep_ == "prep" and c.lower_ in {"of", "for", "about"} and c.i > i:
                obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    comp = _subtree(obj)
                    break
        if comp is None or comp[1] - comp[0] < 2:
            continue
        att = RawStatement(origin="rule-indirect", score=0.5, cue_lemma=verb.lemma_.lower())
        att.cue = [token_offsets(doc, *_cue_span(verb))]
        att.source = [token_offsets(doc, *_subtree(subj))]
        att.content = [token_offsets(doc, *comp)]
        out.append(att)
    return out


#: clause-like children that end a parenthetical cue ("A, he said that B, C" is not one)
_PAREN_STOP = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "conj", "cc"})


def _parenthetical(doc: Doc, verbs: list[int]) -> list[RawStatement]:
    """ "A, X said, B": a reporting verb set off by commas inside an unquoted sentence.

    The content is the sentence on both sides of the inserted cue (two
    fragments, as PolNeAR marks it); the source is the verb's subject, before
    or after it ("…, said Mr. Clarke, …"). Quoted sentences are left to the
    direct-quote rule.
    """
    out: list[RawStatement] = []
    for i in verbs:
        verb = doc[i]
        if not _is_cue_verb(verb):
            continue
        sent = verb.sent
        c1 = next((j for j in range(i - 1, sent.start - 1, -1) if doc[j].text in _INSERT_MARKS), None)
        c2 = next((j for j in range(i + 1, sent.end) if doc[j].text in _INSERT_MARKS), None)
        if c1 is None or c2 is None or c1 - sent.start < 2 or sent.end - c2 < 3 or c2 - c1 > 12:
            continue
        if any(t.text[:1] in _ANY_QUOTE for t in sent):
            continue
        subj = subject_of(verb)
        if subj is None or not c1 < subj.i < c2 or subj.lower_ in NON_SPEAKERS:
            continue
        # everything between the commas hangs from the verb, and nothing clausal does
        if any(t.i != i and not verb.is_ancestor(t) for t in doc[c1 + 1 : c2]):
            continue
        if any(c.dep_ in _PAREN_STOP and c1 < c.i < c2 for c in verb.children):
            continue
        pieces = [_strip_punct(doc, sent.start, c1), _strip_punct(doc, c2 + 1, sent.end)]
        if any(b - a < 2 for a, b in pieces):
            continue
        att = RawStatement(origin="rule-paren", score=0.55, cue_lemma=verb.lemma_.lower())
        att.cue = [token_offsets(doc, *_cue_span(verb))]
        att.source = [token_offsets(doc, *_subtree(subj))]
        att.content = [token_offsets(doc, a, b) for a, b in pieces]
        out.append(att)
    return out


def _noun_source(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _antecedent(noun: Token) -> tuple[int, int]:
    """What "a charge" in "X said that P, a charge that Y denied" stands for: P.

    When the noun follows a comma, P is what the nearest reporting verb before
    it in the sentence reports: from after its "that" / "of" (or the verb) up
    to the comma. Parsers attach such appositions erratically, so this reads
    the word order rather than the tree. Otherwise: the noun phrase itself.
    """
    doc = noun.doc
    lo_np = noun.left_edge.i
    if lo_np > 0 and doc[lo_np - 1].text in {",", "\u2014", "-", ";"}:
        sent_start = noun.sent.start
        for i in range(lo_np - 2, sent_start - 1, -1):
            verb = doc[i]
            if not _is_cue_verb(verb):
                continue
            start = i + 1
            for c in verb.children:
                if c.i > i and c.dep_ in {"ccomp", "xcomp"}:
                    mark = next((g for g in c.children if g.dep_ == "mark"), None)
                    start = (mark.i + 1) if mark is not None else c.left_edge.i
                    break
                if c.i > i and c.dep_ == "prep" and c.lower_ in {"of", "about", "over"}:
                    start = c.i + 1
                    break
            hi = lo_np - 1
            while hi > start and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                hi -= 1
            if hi - start >= 2:
                return start, hi
            break
    lo = lo_np
    if doc[lo].dep_ == "det":
        lo += 1
    return lo, noun.i + 1


_ANTECEDENT_NOUNS = frozenset(
    {"charge", "claim", "allegation", "accusation", "report", "assertion", "suggestion"}
)
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_TAKE_UP = frozenset({"denial", "accusatory", "supportive", "distancing"})


def _charge_by_order(doc: Doc, noun: Token) -> RawStatement | None:
    """ ", a charge (that) Beijing has repeatedly denied" read by word order, for when the
    parser misses the relative clause: comma, determiner, noun, optional that/which, a name,
    auxiliaries or adverbs, then a denial/accusation/confirmation verb."""
    i = noun.i
    if noun.lemma_.lower() not in _ANTECEDENT_NOUNS or i < 2:
        return None
    if doc[i - 1].dep_ != "det" or doc[i - 2].text not in {",", "\u2014", "-", ";"}:
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ in {"that", "which"}:
        j += 1
    src_start = j
    while j < len(doc) and j - src_start < 6 and doc[j].pos_ in {"PROPN", "NOUN", "DET", "ADJ"}:
        j += 1
    src_end = j
    while j < len(doc) and doc[j].pos_ in {"AUX", "ADV", "PART"} and j - src_end < 3:
        j += 1
    if src_end == src_start or j >= len(doc) or not _is_cue_verb(doc[j]):
        return None
    info = cue_info(doc[j].lemma_)
    if info is None or info.cue_class not in _TAKE_UP:
        return None
    att = RawStatement(origin="rule-relcl", score=0.4, cue_lemma=doc[j].lemma_.lower())
    att.cue = [token_offsets(doc, src_end, j + 1)]
    att.source = [token_offsets(doc, src_start, src_end)]
    att.content = [token_offsets(doc, *_antecedent(noun))]
    return att


#: whether quotations signed "― Name" are attributions
SIGNED = True
#: whether "NAME: words" transcript lines and "Name: words" headlines are attributions
LABELLED = True
#: whether "A, X said, B" (a cue set off by commas in an unquoted sentence) is read
PARENTHETICAL = True
#: whether nouns whose lemma is also a cue verb ("claim", "report", "charge") are nominal cues
NOUN_READING = True
#: whether a nominal attribution's content keeps its "that"
NOMINAL_THAT = True


def _nominal(doc: Doc, block: list[int]) -> list[RawStatement]:
    out: list[RawStatement] = []
    pos = columns(doc).pos
    for i in block:
        if pos[i] not in {"NOUN", "PROPN"}:  # tested on the columns: a Token for nouns only
            continue
        tok = doc[i]
        info = cue_info(tok.lemma_)
        # "a charge that Pyongyang denied": the noun is what the relative clause's verb reports on
        for c in tok.children:
            if c.dep_ == "relcl" and _is_cue_verb(c):
                subj = subject_of(c)
                # "video that shows …": the relative pronoun is the subject, and the noun the source
                if subj is None or subj.i < tok.i or subj.lower_ in _RELATIVE:
                    continue
                # "policies she supported": only a noun that names something said is taken up
                if tok.lemma_.lower() not in _ANTECEDENT_NOUNS and cue_info(tok.lemma_, pos="NOUN") is None:
                    continue
                info_v = cue_info(c.lemma_)
                if info_v is None or info_v.cue_class not in _TAKE_UP:
                    continue
                att = RawStatement(origin="rule-relcl", score=0.5, cue_lemma=c.lemma_.lower())
                att.cue = [token_offsets(doc, *_cue_span(c))]
                att.source = [token_offsets(doc, *_subtree(subj))]
                att.content = [token_offsets(doc, *_antecedent(tok))]
                out.append(att)
                break
        else:
            found = _charge_by_order(doc, tok)
            if found is not None:
                out.append(found)
        if NOUN_READING:
            # "Trump's claim that P": the noun reading of a lemma that is also a cue verb
            info = cue_info(tok.lemma_, pos="NOUN")
        if info is None or info.pos != "NOUN":
            continue
        clause = None
        for c in tok.children:
            if c.dep_ in _CLAUSE and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                clause = c
                break
            if (
                c.dep_ == "prep"
                and c.lower_ in {"of", "about"}
                and tok.lemma_.lower()
                in {"allegation", "accusation", "claim", "charge", "report", "denial", "rumor", "rumour"}
            ):
                clause = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                break
        if clause is None:
            continue
        lo, hi = _subtree(clause)
        # PolNeAR keeps the complementiser in a noun's content ("claim | that P")
        if doc[lo].lower_ == "that" and not NOMINAL_THAT:
            lo += 1
        if hi - lo < 2:
            continue
        att = RawStatement(origin="rule-nominal", score=0.5, cue_lemma=tok.lemma_.lower())
        att.cue = [token_offsets(doc, tok.i, tok.i + 1)]
        src = _noun_source(tok)
        if src is not None:
            s_lo, s_hi = _subtree(src)
            if not (s_lo < hi and lo < s_hi):
                att.source = [token_offsets(doc, s_lo, s_hi)]
        att.content = [token_offsets(doc, lo, hi)]
        out.append(att)
    return out


#: a quotation signed with a dash and a name at the end of its line ("“…” ― Jane Doe")
_SIGNED = re.compile(
    r"(\u201c|\u201d|\")([^\u201c\u201d\"\n]{10,}?)(\u201d|\")[ \t\u00a0]*(\u2015|\u2014|--)[ \t\u00a0]*"
    r"((?:[A-Z][\w.'\u2019-]*)(?:[ \u00a0](?:[A-Z][\w.'\u2019-]*|de|del|van|von)){0,3})[ \t\u00a0.,]*(?=\n|$)"
)


def _signed(doc: Doc) -> list[RawStatement]:
    """Quotations signed by their speaker after a dash, as in letters and vox pops."""
    out = []
    for m in _SIGNED.finditer(doc_text(doc)):
        name_s, name_e = m.span(5)
        if doc_text(doc)[name_e - 1 : name_e] == ".":
            name_e -= 1
        att = RawStatement(origin="rule-signed", kind="direct", score=0.6)
        att.cue = [m.span(4)]
        att.source = [(name_s, name_e)]
        att.content = [(m.start(1), m.end(3))]
        out.append(att)
    return out


#: a transcript line "PENCE: Well, …" (an upper-case speaker label), or a headline "Pence: Trump …"
_LABELLED = re.compile(r"(?m)^[\"\u201c]?([A-Z][A-Z.'\u2019 -]{1,30}[A-Z])(:)[ \t]+(\S[^\n]*)$")
_HEADLINE = re.compile(
    r"\A[ \t]*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})(:)[ \t]+(\S[^\n]*)$", re.M
)


def _labelled(doc: Doc) -> list[RawStatement]:
    """Speech introduced by its speaker's name and a colon: transcripts and headlines."""
    out = []
    for rx in (_LABELLED, _HEADLINE):
        for m in rx.finditer(doc_text(doc)):
            if len(m.group(3).split()) < 3:
                continue
            att = RawStatement(origin="rule-label", score=0.5)
            att.source = [m.span(1)]
            att.cue = [m.span(2)]
            att.content = [m.span(3)]
            out.append(att)
    return out


def rule_statements(
    doc: Doc, doc_blocks: list[list[int]] | None = None, view: DocView | None = None
) -> list[RawStatement]:
    """Attributions found by the rules above, in text order.

    ``doc_blocks`` (from :func:`blocks`) and ``view`` (the tagger's
    :class:`DocView`) spare reading the doc again when given.
    """
    texts = view.text if view is not None else [t.text for t in doc]
    lower = view.lower if view is not None else [t.lower_ for t in doc]
    pos = view.pos if view is not None else [t.pos_ for t in doc]
    out: list[RawStatement] = _signed(doc) if SIGNED else []
    if LABELLED:
        out.extend(_labelled(doc))
    for block in doc_blocks if doc_blocks is not None else blocks(doc):
        if not block:
            continue
        if any(texts[i][:1] in _ANY_QUOTE for i in block):
            out.extend(_direct(doc, block, texts))
        if any(lower[i] == "according" for i in block):
            out.extend(_according(doc, block))
        verbs = [i for i in block if pos[i] == "VERB"]
        if verbs:
            out.extend(_indirect(doc, verbs))
            if PARENTHETICAL:
                out.extend(_parenthetical(doc, verbs))
        nouns = [i for i in block if pos[i] in {"NOUN", "PROPN"}]
        if nouns:
            out.extend(_nominal(doc, nouns))
    return out
