"""Canonical claim texts and evidence cues.

The canonical text is the main clause of the best statement content, in plain
words: hedges, negation and sentence adverbials dropped, a pronoun subject
replaced by its actor's name, and a bare gerund ("denied *supplying* weapons")
given the speaker as subject and a past tense ("Pyongyang supplied weapons").
Evidence is a noun from the lexicon's ``evidence`` list ("satellite images",
"intelligence", "an investigation") that is cited rather than negated ("without
evidence") or used as a claim reference ("the reports of shipments").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.knowledge.claims import claim_noun_verbs, event_verbs, lexicon_words
from claimgraph.nlp.columns import columns
from claimgraph.nlp.intervals import actor_index
from claimgraph.nlp.lexical import additive_not, is_negation
from claimgraph.nlp.spans import ALL_QUOTE_MARKS, DETERMINERS, span_roots, trim_offsets
from claimgraph.record import Record
from claimgraph.stages.claims.propositions import Proposition

__all__ = ["canonical_text", "evidence_spans"]

_DROP_DEPS = frozenset({"advcl", "parataxis", "punct", "mark", "cc", "discourse", "intj", "meta", "dep"})


def _root_negation(token: Token, root: Token) -> bool:
    """A negation of the main predicate (the one the proposition's polarity reads: "did *not*
    ship", "*no* shells were shipped"); a negation inside another clause stays in the text."""
    if token.dep_ == "neg" or (is_negation(token) and token.head == root and token.dep_ in ("advmod", "neg")):
        return token.head == root
    if token.lower_ == "no" and token.dep_ == "det":
        return token.head.head == root and token.head.dep_ in _ARGUMENTS
    return False


#: Dependencies of the main predicate's arguments ("*no* shells were delivered").
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "expl", "attr", "dobj"})


def _keep(token: Token, root: Token) -> bool:
    possessive = token.tag_ == "POS" or token.dep_ == "case"
    if _root_negation(token, root) or (token.text in ALL_QUOTE_MARKS and not possessive) or token.is_space:
        return False
    if token.head == root and token.dep_ in ("prep", "npadvmod") and _is_time(token):
        return False  # "in February", "on Tuesday": not part of the proposition
    if token.dep_ == "advmod" and token.lower_ in lexicon_words("hedge"):
        # "not just X but Y": the focus word stays with its "not" (dropping it reverses the sense)
        return token.i > 0 and additive_not(token.doc[token.i - 1])
    if token.dep_ == "appos" and token.lemma_.lower() in claim_noun_verbs():
        return False  # "…, a charge that North Korea has rejected"
    return not (token.dep_ == "conj" and token.head == root and token.pos_ in ("VERB", "AUX"))


#: Modifiers dropped anywhere in the clause when the canonical text would be long.
_LONG_DROP = frozenset({"relcl", "acl", "appos", "advmod", "npadvmod", "parataxis", "advcl", "conj", "cc"})
#: Canonical texts longer than this many words are shortened to their core.
MAX_WORDS = 15
_TIME = frozenset({"DATE", "TIME"})


def _is_time(token: Token) -> bool:
    if token.ent_type_ in _TIME:
        return True
    return token.dep_ == "prep" and any(c.ent_type_ in _TIME for c in token.children if c.dep_ == "pobj")


def _clause_tokens(root: Token, span: Span, *, short: bool = False, core: bool = False) -> list[Token]:
    """The clause of ``root`` within ``span``; ``short`` drops modifiers, ``core`` also nested
    prepositional phrases and all but the first of the root's."""
    root_preps = [c for c in root.children if c.dep_ == "prep"]
    keep: list[Token] = []

    def walk(t: Token) -> None:
        if not (span.start <= t.i < span.end):
            return
        if t != root and t.head == root and t.dep_ in _DROP_DEPS:
            return
        if t != root and not _keep(t, root):
            return
        if short and t != root and t.dep_ in _LONG_DROP:
            return
        if short and additive_not(t):
            return  # "not just X but Y" shortened to "X" (which it entails), never to "not X"
        if core and t.dep_ in ("prep", "agent") and (t.head != root or t not in root_preps[:1]):
            return
        if t.dep_ == "prep" and not any(span.start <= c.i < span.end for c in t.children):
            return  # a preposition left dangling by a cut-off content ("a violation of")
        keep.append(t)
        for c in t.children:
            walk(c)

    walk(root)
    return _whole_words(sorted(keep, key=lambda t: t.i), span, root)


#: Punctuation that may join the parts of one written word ("pro-Israel", "so-called", "24/7").
_WORD_JOINERS = frozenset({"-", "–", "/", "&"})


def _joinable(token: Token, root: Token) -> bool:
    """Whether a token may be put back as part of a written word kept in part."""
    if token.is_space or _root_negation(token, root):
        return False
    if token.is_punct:
        return token.text in _WORD_JOINERS or token.tag_ == "POS"
    return True


def _whole_words(tokens: list[Token], span: Span, root: Token) -> list[Token]:
    """The tokens with every written word they touch made whole: a word is never cut at a
    hyphen ("anti-Semitism", "so-called", "cash-strapped") or torn from its clitic
    ("leaders’", "nominee’s"). Negations of the main predicate stay out."""
    if not tokens:
        return tokens
    doc = span.doc
    kept = {t.i for t in tokens}
    for t in tokens:
        i = t.i
        while i > span.start and doc[i - 1].whitespace_ == "" and _joinable(doc[i - 1], root):
            i -= 1
            kept.add(i)
        j = t.i
        while j + 1 < span.end and doc[j].whitespace_ == "" and _joinable(doc[j + 1], root):
            j += 1
            kept.add(j)
    # a joiner left at a word's edge ("pro-" with nothing after it) goes
    out = [doc[i] for i in sorted(kept)]
    while out and out[-1].text in _WORD_JOINERS:
        out.pop()
    while out and out[0].text in _WORD_JOINERS:
        out.pop(0)
    return out


def canonical_text(prop: Proposition, record: Record) -> str:
    """Plain subject–predicate–object text of a proposition."""
    root, span = prop.root, prop.span
    if prop.reference not in (None, "pronoun") and root.lemma_.lower() in claim_noun_verbs():
        return _join([t for t in root.subtree if span.start <= t.i < span.end and t.dep_ != "det"]).strip()
    if root.pos_ == "NOUN" and root.dep_ == "pobj" and root.lemma_.lower() in event_verbs():
        nominal = _nominal_text(prop)  # "Pyongyang of new shell shipments"
        if nominal:
            return nominal
    clause = next(
        (
            c
            for c in root.children
            if root.pos_ == "NOUN"
            and c.dep_ in ("acl", "ccomp")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ),
        None,
    )
    if clause is not None and clause.i < span.end:  # "the fact that X did Y" → "X did Y"
        root = clause
    participle = next((c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
    if (
        root.pos_ in ("NOUN", "PROPN")
        and participle is not None
        and participle.i < span.end
        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux") for g in participle.children)
    ):
        # "satellite images showed [freight trains loading crates]" → "freight trains loaded crates"
        head = [t for t in root.subtree if t.i < participle.i and t.dep_ != "det"]
        return _cap(_tidy(_join(head + _clause_tokens(participle, span, short=True))))
    small = _small_clause(root, span)
    if small:
        return _cap(_tidy(_join(small)))
    tokens = _clause_tokens(root, span) or list(span)
    for mode in ({"short": True}, {"short": True, "core": True}):
        if sum(not t.is_punct for t in tokens) <= MAX_WORDS:
            break
        tokens = _clause_tokens(root, span, **mode) or tokens
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head == root for t in tokens)
    subject = next((t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head == root), None)
    named = _subject_name(subject, prop, record) if subject is not None else None
    skip = {t.i for t in subject.subtree} - {subject.i} if subject is not None and named else set()
    kept = [t for t in tokens if t.i not in skip]
    text = _join(kept, {subject.i: named} if subject is not None and named else None)
    if not has_subject and root.tag_ in ("VBG", "VB"):
        implicit = _implicit_subject(prop, record)
        if implicit:
            text = f"{implicit} {text}"
    return _cap(_tidy(text))


#: Dependents of a cue verb that say what its object is or does ("urged [Congress] [to leave …]",
#: "described [the incident] [as a disaster]", "warned [the pope] [that …]").
_PREDICATES_OF_OBJECT = frozenset({"xcomp", "ccomp", "oprd", "prep", "advcl"})


def _small_clause(root: Token, span: Span) -> list[Token]:
    """A content that is an object and its predicate, both hanging on the cue outside the span
    ("Congress to leave the program intact", "the incident as a terrible situation"): the
    object's phrase and the predicate's clause, in text order (a that-clause alone: "warned
    the pope [that X]" is about X); [] when the content is not one."""
    roots = [t for t in span_roots(span) if not t.is_punct]
    if len(roots) < 2 or roots[0] != root or root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    if root.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj"):
        return []
    predicate = next(
        (
            r
            for r in roots[1:]
            if r.head == root.head
            and r.dep_ in _PREDICATES_OF_OBJECT
            and (r.pos_ in ("VERB", "AUX") or r.lower_ == "as")
        ),
        None,
    )
    if predicate is None:
        return []
    if predicate.dep_ in ("ccomp", "advcl"):  # "warned the pope [that X]": the proposition is X
        return _whole_words(_clause_tokens(predicate, span), span, predicate)
    keep = _clause_tokens(root, span) + _clause_tokens(predicate, span)
    return _whole_words(sorted(set(keep), key=lambda t: t.i), span, root)


def _join(tokens: list[Token], replace: dict[int, str] | None = None) -> str:
    """The tokens as written: their own spacing between neighbours ("pro-Israel", "T-shirt",
    "U.S.-led"), one space across a gap left by a dropped token; ``replace`` puts a name in
    place of a token (a resolved pronoun)."""
    out: list[str] = []
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        named = replace is not None and prev is not None and prev.i in replace and prev.i == tok.i - 1
        negated = k + 1 < len(tokens) and tokens[k + 1].i == tok.i + 1 and is_negation(tokens[k + 1])
        out.append(replace[tok.i] if replace and tok.i in replace else _written(tok, named, negated))
        if k + 1 < len(tokens):
            nxt = tokens[k + 1]
            joined = nxt.i == tok.i + 1 and not (replace and tok.i in replace and _clitic(nxt))
            out.append(tok.whitespace_ if joined else " ")
    return "".join(out)


#: Clitic verbs spelt out where they follow a name put in place of a pronoun ("she’s" → "Clinton is").
_CLITICS = {"'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}
#: Contracted modals whose "n't" a denial's claim drops ("won’t release" → "will release").
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}


def _clitic(tok: Token) -> bool:
    return tok.lower_.replace("’", "'") in {*_CLITICS, "'s", "'d"} and tok.tag_ != "POS"


def _written(tok: Token, after_name: bool, negated: bool) -> str:
    """A token as the claim writes it: as in the text, but a contracted modal whose "n't" the
    claim drops in full, and a verb clitic after a resolved name in full."""
    low = tok.lower_.replace("\u2019", "'")
    if low in _CONTRACTED and tok.tag_ == "MD" and not negated:
        return _CONTRACTED[low]
    if after_name and _clitic(tok):
        if low == "'s":
            return "has" if tok.lemma_ == "have" else "is"
        if low == "'d":
            return "would" if tok.tag_ == "MD" else "had"
        return _CLITICS[low]
    return tok.text


def _cap(text: str) -> str:
    """At most :data:`MAX_WORDS` words (a last resort after dropping modifiers)."""
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]).rstrip(",;:")


def _tidy(text: str) -> str:
    for a, b in (
        (" ,", ","),
        (" .", "."),
        (" 's", "'s"),
        (" \u2019s", "\u2019s"),
        (" n't", "n't"),
        ("( ", "("),
        (" )", ")"),
    ):
        text = text.replace(a, b)
    while ",," in text:
        text = text.replace(",,", ",")
    return text.strip(" .,;:" + ALL_QUOTE_MARKS)


def _subject_name(subject: Token, prop: Proposition, record: Record) -> str | None:
    """The actor's name for a pronoun or a description ("the country"), where the record resolves it."""
    definite = subject.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in DETERMINERS for c in subject.children
    )
    if subject.pos_ != "PRON" and not definite:
        return None
    actor = actor_index(record).actor_at(subject.idx, subject.idx + len(subject.text))
    if actor is None and subject.pos_ == "PRON" and subject.lower_ in ("it", "they", "he", "she", "we"):
        actor = actor_index(record).actor(prop.statement.speaker)  # "the EU said it was preparing …"
        if actor is not None and (actor.kind == "person") != (subject.lower_ in ("he", "she")):
            actor = None
    return actor.name if actor is not None else None


def _nominal_text(prop: Proposition) -> str | None:
    """ "(accuses) Tehran of new drone shipments" → "new drone shipments by Tehran": the noun
    phrase as written, its agent after it as written."""
    root = prop.root
    agent = _agent_token(prop)
    if agent is None:
        return None
    phrase = [t for t in root.subtree if prop.span.start <= t.i < prop.span.end and t.dep_ != "det"]
    if not phrase:
        return None
    return f"{_join(phrase)} by {_join([t for t in agent.subtree if t.i <= agent.i and t.dep_ != 'det'])}"


def _agent_token(prop: Proposition) -> Token | None:
    """The accused of a nominal accusation ("Tehran" in "Tehran of new drone shipments")."""
    root = prop.root
    if (
        root.dep_ in ("pcomp", "pobj")
        and root.head.dep_ == "prep"
        and root.head.head.pos_ in ("NOUN", "PROPN")
    ):
        agent = root.head.head
        cue = prop.statement.cue
        if cue is not None and cue.start <= agent.idx < cue.end:
            return None  # the cue noun itself ("his claims of being …", "criticism for failing …")
        return agent
    return None


def _implicit_subject(prop: Proposition, record: Record) -> str | None:
    """Who does a bare gerund: the accused ("accused X of shipping") or a denier ("denied shipping")."""
    root = prop.root
    agent = _agent_token(prop)  # content "Pyongyang of supplying weapons"
    if agent is not None:
        actor = actor_index(record).actor_at(agent.idx, agent.idx + len(agent.text))
        if actor is not None:
            return actor.name
        return _join([t for t in agent.subtree if (t.i <= agent.i and t.dep_ != "det") or t == agent])
    if root.dep_ in ("pcomp", "pobj") and root.head.dep_ == "prep":
        verb = root.head.head
        for c in verb.children:
            if c.dep_ == "dobj":
                actor = actor_index(record).actor_at(c.idx, c.idx + len(c.text))
                return actor.name if actor else _join(list(c.subtree))
    if prop.statement.stance == "deny" and prop.statement.speaker:
        speaker = actor_index(record).actor(prop.statement.speaker)
        return speaker.name if speaker else None
    return None


def _negated_evidence(token: Token) -> bool:
    """ "no evidence", "without proof", "did not provide evidence", "a shred of proof" after "without"."""
    if any(c.lower_ in ("no", "not", "never") or c.dep_ == "neg" for c in token.children):
        return True
    doubted = lexicon_words("doubt") | lexicon_words("refute")
    if any(c.dep_ in ("amod", "compound") and c.lower_ in doubted for c in token.children):
        return True  # "unconfirmed reports", "fake documents"
    for anc in [token, *token.ancestors][:4]:
        head = anc.head
        if anc.dep_ == "pobj" and head.lower_ in ("without", "lacking"):
            return True
        if anc.dep_ in ("dobj", "pobj", "nsubjpass") and any(is_negation(c) for c in head.children):
            return True
    return False


def _in_name(token: Token, record: Record) -> bool:
    """Part of a name ("National *Intelligence* Service"), not a cited source."""
    if token.ent_type_ in ("ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW") and token.pos_ == "PROPN":
        return True
    return actor_index(record).inside_mention(token.idx, token.idx + len(token.text))


def _is_claim_reference(token: Token) -> bool:
    """A plural claim noun with a referring determiner ("the reports", "such reports")."""
    if token.lemma_.lower() not in claim_noun_verbs():
        return False
    modified = any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in token.children)
    cited = token.head.lemma_.lower() in lexicon_words("evidence_verb") or token.head.lower_ == "to"
    return token.tag_ in ("NNS", "NNPS") and not modified and not cited


def evidence_spans(sentences: list[Span], record: Record) -> list[tuple[int, int]]:
    """Character offsets of cited evidence in ``sentences`` (noun phrases, trimmed)."""
    words = lexicon_words("evidence")
    text = record.document.text
    found: list[tuple[int, int]] = []
    for sent in sentences:
        if not sent:
            continue
        cols = columns(sent.doc)  # pos and lemma (lowered) tested on the columns: a Token per candidate
        pos, lemma = cols.pos, cols.lemma
        for i in range(sent.start, sent.end):
            if pos[i] not in ("NOUN", "PROPN") or lemma[i] not in words:
                continue
            t = sent.doc[i]
            if t.dep_ in ("compound", "amod"):
                continue  # "satellite images": counted once, at "images"; "intelligence committee": a name
            if _negated_evidence(t) or _is_claim_reference(t) or _in_name(t, record):
                continue
            left = min([t.i] + [c.i for c in t.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")])
            start = sent.doc[left].idx
            end = t.idx + len(t.text)
            start, end = trim_offsets(text, start, end)
            if end > start and not any(s < end and start < e for s, e in found):
                found.append((start, end))
    return sorted(found)
