"""Grouping tagged role spans into attributions, and reading their kind, stance and hedging.

Each cue span anchors one attribution. A content or source span joins the cue
that governs it in the dependency tree (the cue is an ancestor of the span's
root, or the span's root is the cue's head), else the nearest cue of the same
sentence, else the nearest cue of the block. A block with content and no cue
continues the attribution of the block before it ("…," he said. / "More quote.")
when that one was a quote; a cue with no content in its block takes the first
uncued content of the next block ("He said:" / "Quote.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimgraph.knowledge.claims import claim_noun_verbs, lexicon_words
from claimgraph.knowledge.cues import cue_info, hedge_phrases, hedge_words
from claimgraph.nlp.lexical import additive_not, modal_word
from claimgraph.nlp.spans import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    QUOTE_MARKS,
    doc_text,
    span_roots,
    token_offsets,
    trim_offsets,
)
from claimgraph.stages.statements.tagger import RoleSpan

__all__ = [
    "COMMISSIVE_CUES",
    "DOUBT_CUES",
    "QUESTION_CUES",
    "RawStatement",
    "called_false",
    "classify",
    "commitment",
    "content_tokens",
    "cue_root",
    "group",
    "modal_word",
    "negated",
    "quoted_share",
]

DOUBT_CUES = re.compile(
    r"\b(question(?:ed|s|ing)?|doubt(?:ed|s|ing)?|cast(?:s|ing)? doubts?|skeptic(?:al|ism)|sceptic(?:al|ism)|"
    r"wonder(?:ed|s|ing)?|dispute[sd]?|disputing)\b",
    re.I,
)
QUESTION_CUES = re.compile(r"\b(ask(?:ed|s|ing)?|inquir(?:ed|es|ing|e)|enquir(?:ed|es|ing|e))\b", re.I)


@dataclass
class RawStatement:
    """An attribution as character fragments, before it becomes a :class:`Statement`."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"
    stance: str = "assert"
    #: the stance the rules of :func:`classify` give (a feature of the learnt stance)
    rule_stance: str = "assert"
    hedged: bool = False
    cue_class: str | None = None
    cue_lemma: str | None = None
    score: float = 1.0
    origin: str = "crf"

    def extent(self, role: str) -> tuple[int, int] | None:
        frags = getattr(self, role)
        if not frags:
            return None
        return min(s for s, _ in frags), max(e for _, e in frags)


def _root(doc: Doc, sp: RoleSpan) -> Token:
    return doc[sp.start : sp.end].root


def cue_root(doc: Doc, att: RawStatement) -> Token | None:
    """The syntactic head of the attribution's first cue fragment (None without a cue)."""
    if not att.cue:
        return None
    span = doc.char_span(*att.cue[0], alignment_mode="expand")
    return span.root if span is not None else None


def _governs(cue: Token, tok: Token, limit: int = 8) -> bool:
    cur = tok
    for _ in range(limit):
        if cur == cue:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _link_score(doc: Doc, sent_ids: list[int], cue: RoleSpan, sp: RoleSpan) -> tuple[int, int, int]:
    """Lower is better: (syntactic tier, sentence tier, token distance)."""
    croot = _root(doc, cue)
    sroot = _root(doc, sp)
    cue_toks = set(range(cue.start, cue.end))
    syn = 2
    if any(_governs(doc[i], sroot) for i in cue_toks) or sroot.head.i in cue_toks:
        syn = 0
    elif croot.head.i in range(sp.start, sp.end) or _governs(sroot, croot, 3):
        syn = 1
    same_sent = 0 if sent_ids[sp.start] == sent_ids[cue.start] else 1
    dist = sp.start - cue.end if sp.start >= cue.end else cue.start - sp.end
    return syn, same_sent, abs(dist)


def group(doc: Doc, spans: list[RoleSpan], text: str, sent_ids: list[int]) -> list[RawStatement]:
    """Attributions from tagged spans (see module docstring); ``text`` is ``doc.text`` and
    ``sent_ids`` the sentence number of each token (:attr:`DocView.sent_ids`)."""
    by_block: dict[int, list[RoleSpan]] = {}
    for sp in spans:
        by_block.setdefault(sp.block, []).append(sp)
    out: list[RawStatement] = []
    prev: RawStatement | None = None
    prev_block = -10
    pending_cue: RawStatement | None = None  # a cue whose content has not been found yet
    for b in sorted(by_block):
        items = by_block[b]
        cues = [s for s in items if s.role == "cue"]
        others = [s for s in items if s.role != "cue"]
        if not cues:
            contents = [s for s in others if s.role == "content"]
            target = pending_cue if pending_cue is not None and b == prev_block + 1 else None
            if (
                target is None
                and prev is not None
                and b == prev_block + 1
                and prev.content
                and quoted_share(text, *prev.content[-1]) > 0.5
            ):
                target = prev
            for s in contents:
                frag = token_offsets(doc, s.start, s.end)
                if target is not None:
                    target.content.append(frag)
                else:
                    out.append(RawStatement(content=[frag], score=0.5, origin="crf-uncued"))
            if contents:
                pending_cue = None
                if target is not None:
                    prev_block = b
            continue
        atts = {id(c): RawStatement(cue=[token_offsets(doc, c.start, c.end)], score=c.prob) for c in cues}
        for sp in others:
            best = min(cues, key=lambda c: _link_score(doc, sent_ids, c, sp))
            getattr(atts[id(best)], sp.role).append(token_offsets(doc, sp.start, sp.end))
        pending_cue = None
        for c in cues:
            att = atts[id(c)]
            att.cue_lemma = _root(doc, c).lemma_.lower()
            out.append(att)
            if att.content:
                prev = att
            else:
                pending_cue = att
        prev_block = b
    result = []
    for att in out:
        if not att.content:
            continue
        for role in ("source", "cue", "content"):
            getattr(att, role).sort()
        result.append(att)
    return result


# -- kind, stance, hedging --------------------------------------------------------
_QUOTE_MARK = re.compile("[" + re.escape(QUOTE_MARKS) + "]")


def _visible(segment: str) -> int:
    """How many characters of ``segment`` are not whitespace."""
    return sum(map(len, segment.split()))


def quoted_share(text: str, s: int, e: int) -> float:
    """Share of the characters of [s, e) that lie inside quote marks (whitespace and the
    marks themselves not counted)."""
    s, e = trim_offsets(text, s, e, " \t\r\n.,;:!?")
    if e <= s:
        return 0.0
    # the quote state is read from the start of the paragraph, one quote mark to the next;
    # characters count from s
    para_start = text.rfind("\n", 0, s) + 1
    inside = False
    n_in = 0
    after = para_start  # just after the last quote mark
    for mark in _QUOTE_MARK.finditer(text, para_start, e):
        i = mark.start()
        if inside:
            n_in += _visible(text[max(after, s) : i])
        ch = text[i]
        inside = True if ch in OPEN_QUOTES else False if ch in CLOSE_QUOTES else not inside
        after = i + 1
    if inside:
        n_in += _visible(text[max(after, s) : e])
    total = _visible(text[s:e]) - len(_QUOTE_MARK.findall(text, s, e))
    return n_in / total if total else 0.0


def content_tokens(doc: Doc, frags: list[tuple[int, int]]) -> list[Token]:
    toks: list[Token] = []
    for s, e in frags:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            toks.extend(sp)
    return toks


def classify(doc: Doc, att: RawStatement, text: str | None = None) -> RawStatement:
    """Fill kind, cue_class, stance and hedged of an attribution (``text``: ``doc.text``)."""
    if text is None:
        text = doc_text(doc)
    cue_text = " ".join(text[s:e] for s, e in att.cue).lower()
    cue_toks = content_tokens(doc, att.cue)
    lemma = att.cue_lemma
    if lemma is None and cue_toks:
        lemma = max(cue_toks, key=lambda t: (t.pos_ in {"VERB", "NOUN"}, t.i)).lemma_.lower()
    info = None
    rank = {"VERB": 0, "NOUN": 1, "ADP": 2}
    for t in sorted(cue_toks, key=lambda t: (rank.get(t.pos_, 3), t.i)):
        info = cue_info(t.lemma_.lower())
        if info is not None:
            break
    att.cue_class = info.cue_class if info else ("neutral" if cue_toks else None)
    # kind
    shares = [quoted_share(text, s, e) for s, e in att.content]
    share = max(shares, default=0.0)
    quoted_any = any(x > 0 for x in shares)
    if att.origin in {"rule-nominal", "rule-relcl"}:
        att.kind = "nominal"
    elif "according" in cue_text or re.search(r"\bin\b.*\b(view|opinion|words|telling|account)\b", cue_text):
        att.kind = "according_to"
    elif share >= 0.9 and all(x >= 0.9 for x in shares):
        att.kind = "direct"
    elif quoted_any:
        att.kind = "mixed"
    elif (
        cue_toks
        and not any(t.pos_ in {"VERB", "AUX"} for t in cue_toks)
        and any(t.pos_ in {"NOUN", "PROPN"} for t in cue_toks)
    ):
        att.kind = "nominal"
    else:
        att.kind = "indirect"
    # stance
    ctoks = content_tokens(doc, att.content)
    if info is not None and info.stance == "deny":
        att.stance = "deny"
    elif DOUBT_CUES.search(cue_text) or (info is not None and info.stance == "doubt"):
        att.stance = "doubt"
    elif QUESTION_CUES.search(cue_text) or any(
        text[e - 1 : e + 1].strip().startswith("?") for s, e in att.content if e > s
    ):
        att.stance = "question"
    elif commitment(ctoks, lemma, direct=att.kind == "direct"):
        att.stance = "commit"
    elif negated(ctoks) or called_false(ctoks):
        att.stance = "deny"
    else:
        att.stance = "assert"
    # cue negated ("did not say", "never claimed") flips an assertion
    if att.stance == "assert" and any(t.dep_ == "neg" or t.lower_ in {"n't", "n’t"} for t in cue_toks):
        att.stance = "deny"
    att.rule_stance = att.stance
    # hedging: modal or distancing words in the content, or a hedging cue
    extent = att.extent("content")
    htoks = content_tokens(doc, [extent]) + cue_toks if extent else cue_toks
    words = {t.lower_ for t in htoks}
    low = " ".join(t.lower_ for t in htoks)
    att.hedged = (
        bool(words & hedge_words()) or any(p in low for p in hedge_phrases()) or (att.cue_class == "hedging")
    )
    return att


#: Cue lemmas that commit the speaker to an act of their own ("vowed", "pledged", "refused").
COMMISSIVE_CUES = frozenset(
    {"vow", "pledge", "promise", "swear", "threaten", "refuse", "guarantee", "commit"}
)
#: Subjects that are the speaker: first person, or a pronoun standing for the speaker in
#: reported speech ("Moscow said it will retaliate").
_SPEAKER_SUBJECTS = frozenset({"i", "we", "it", "they", "he", "she"})
#: In the speaker's own words only the first person is the speaker ("‘They are going to pay,’
#: he said": "they" is someone else).
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
_FUTURE = frozenset({"will", "shall", "would"})


def commitment(toks: list[Token], cue_lemma: str | None, *, direct: bool = False) -> bool:
    """Whether the content is the speaker's own promise, refusal or threat ("We will never
    allow …", "it would not back down"), which neither asserts nor denies a fact: a
    commissive cue, or a main predicate with a speaker subject and a future modal. In a
    direct quotation (``direct``) the speaker is the first person only: a third-person
    pronoun there is someone else ("‘He is not going to be suspended,’ a source said")."""
    if cue_lemma in COMMISSIVE_CUES:
        return True
    speakers = FIRST_PERSON_SUBJECTS if direct else _SPEAKER_SUBJECTS
    ids = {t.i for t in toks}
    for root in span_roots(toks)[:2]:
        if root.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids]
        modals = {modal_word(c) for c in root.children if c.dep_ == "aux"}
        going = root.lemma_ == "go" and any(c.dep_ == "xcomp" for c in root.children)
        if subjects and subjects[0].lower_ in speakers and (modals & _FUTURE or going):
            if dummy_it(root, subjects[0]):
                continue  # "it would be great if …": an evaluation, no one's act
            return True
    return False


def dummy_it(predicate: Token, subject: Token) -> bool:
    """Whether ``subject`` is the empty "it" of a copula with a predicative adjective or noun
    ("it would be great if …", "it would be very hard for him to attend"), which names no actor."""
    return (
        subject.lower_ == "it"
        and predicate.lemma_ == "be"
        and any(c.dep_ in {"acomp", "attr"} for c in predicate.children)
    )


def withholds(verb: Token) -> bool:
    """A verb with two objects ("deny many voters the right to vote", "refuse them entry"): a thing
    withheld from someone, not a claim rejected."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    return verb.pos_ == "VERB" and (len(objects) >= 2 or any(c.dep_ == "dative" for c in objects))


#: Words that negate a predicate besides "not" and "no" ("nowhere near", "neither is").
_NEGATORS = frozenset({"never", "nowhere", "neither", "nor", "none", "nothing", "nobody", "no"})


#: Negative pronouns that negate the clause they are an argument of ("neither is named").
_NEGATIVE_ARGUMENTS = frozenset({"none", "nothing", "nobody", "no", "neither"})


def called_false(toks: list[Token]) -> bool:
    """Whether the content calls something false ("These claims are completely false", "it is a
    hoax", "the report untrue"): its main predicate, or a claim noun's predicative adjective,
    is a word of the lexicon's ``refute`` list."""
    if not toks:
        return False
    refute = lexicon_words("refute")
    claims = claim_noun_verbs()
    ids = {t.i for t in toks}
    roots = span_roots(toks)[:3]
    for r in roots:
        preds = [r] + [
            c for c in r.children if c.dep_ in ("acomp", "attr", "oprd", "ccomp", "xcomp") and c.i in ids
        ]
        # coordinated predicatives: "unsourced, unverified and completely ridiculous"
        preds += [c for p in preds[1:] for c in p.subtree if c.dep_ == "conj" and c.i in ids]
        # a copula whose predicative the parser joined to an adverb before it ("are absolutely,
        # unequivocally and completely false": "false" a conjunct of "unequivocally")
        if r.lemma_ == "be" and len(preds) == 1:
            preds += [
                c
                for a in r.children
                if a.dep_ == "advmod" and a.i in ids
                for c in a.children
                if c.dep_ == "conj" and c.pos_ == "ADJ" and c.i in ids
            ]
        # "it was wrong to compare …": the empty "it" of an act judged, no claim called false
        subject = next((c for c in r.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and dummy_it(r, subject) and any(c.dep_ == "xcomp" for c in r.children):
            continue
        # "they deny voters the right to …": a refusal to give, not a claim refuted
        preds = [p for p in preds if not withholds(p)]
        if any(p.lemma_.lower() in refute or p.lower_ in refute for p in preds):
            return True
        # "(calling) the report untrue": a claim noun with its predicative adjective
        if r.lemma_.lower() in claims and any(c.lower_ in refute for c in r.children if c.dep_ == "amod"):
            return True
    return False


def negated(toks: list[Token]) -> bool:
    """Whether the main predicate of the content is negated ("there have been no deliveries")."""
    if not toks:
        return False
    ids = {t.i for t in toks}
    roots = span_roots(toks)
    for r in roots[:3]:
        if r.pos_ not in {"VERB", "AUX"}:
            continue
        for c in r.children:
            if (c.dep_ == "neg" or c.lower_ in {"n't", "n’t", "not"}) and c.i in ids and not additive_not(c):
                return True
            if c.dep_ in ("advmod", "preconj", "det") and c.lower_ in _NEGATORS and c.i in ids:
                return True  # "was nowhere near", "neither is named", "never existed"
            if c.dep_ in {"nsubj", "nsubjpass", "attr", "dobj", "expl"} and c.i in ids:
                if c.lower_ in _NEGATIVE_ARGUMENTS:
                    return True
                # "no violations": the parser tags this "no" a determiner or a number modifier
                if any(d.dep_ in {"det", "nummod"} and d.lower_ == "no" for d in c.children):
                    return True
        if r.lower_ == "none":
            return True
    first = toks[0].lower_ if toks else ""
    return first in {"no", "none", "never", "nothing"} and len(toks) <= 6
