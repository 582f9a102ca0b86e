"""The events helpers that walk the parse on the token columns give what the Token walks gave."""

from __future__ import annotations

from collections import deque

from spacy.tokens import Span, Token

from claimgraph.knowledge.cameo import Pattern, event_lexicon
from claimgraph.nlp.spans import is_passive
from claimgraph.stages.events import _by_depth
from claimgraph.stages.events.coder import (
    _ACTOR_ENTS,
    _DEEP_STOP,
    _FUTURE,
    _MUST,
    _NOT_ARGS,
    _SHOULD,
    _first,
    _modal,
    arg_words,
    is_negated,
)

TEXT = (
    "Russia did not send troops to Syria on Sunday, and the United States will impose new sanctions "
    "against Iran's oil exports. The leaders must hold talks on the war crimes in the capital.\n\n"
    "Officials should have condemned the air strikes, which killed civilians, he said. "
    "China called Zelensky and was expected to welcome Modi; they need to sign the peace deal."
)


def _old_arg_words(tok: Token, depth: int = 4) -> set[str]:
    words: set[str] = set()
    stack = [(c, 1) for c in tok.children if c.dep_ not in _NOT_ARGS]
    if tok.dep_ == "xcomp" or is_passive(tok):
        stack += [(c, 1) for c in tok.children if c.dep_ == "nsubjpass"]
    for c in tok.children:
        if c.dep_ == "dobj" and (c.ent_type_ in _ACTOR_ENTS or c.pos_ == "PROPN"):
            words.add("@actor")
    while stack:
        t, d = stack.pop()
        if t.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in t.children if g.dep_ == "pobj"):
            continue
        words.update((t.lower_, t.lemma_.lower()))
        if t.dep_ == "xcomp" and t.head.i == tok.i:
            continue
        if t.dep_ in ("compound", "amod"):
            words.add(f"{t.lower_}_{t.head.lower_}")
        if d < depth:
            stack.extend((c, d + 1) for c in t.children if c.dep_ not in _DEEP_STOP)
    return words


def _old_by_depth(sent: Span) -> list[int]:
    order: list[Token] = []
    queue = deque([sent.root])
    seen = {sent.root.i}
    while queue:
        t = queue.popleft()
        order.append(t)
        for c in t.children:
            if c.i not in seen and sent.start <= c.i < sent.end:
                seen.add(c.i)
                queue.append(c)
    order += [t for t in sent if t.i not in seen]
    return [t.i for t in order]


def _old_is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children) for c in tok.children
    )


def _old_modal(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ != "aux":
            continue
        if c.lower_ in _FUTURE:
            return "intent"
        if c.lower_ in _MUST:
            return "demand"
        if c.lower_ in _SHOULD:
            return "appeal"
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("need", "have") and tok.head.pos_ in ("VERB", "AUX"):
        return "appeal" if tok.head.lemma_ == "need" else "demand"
    return None


def _old_first(patterns: tuple[Pattern, ...], words: set[str], *, specific: bool = False) -> Pattern | None:
    for p in patterns:
        if specific and not p.slots:
            continue
        if p.matches(words):
            return p
    return None


def test_breadth_first_order_as_before(nlp) -> None:
    doc = nlp(TEXT)
    sents = list(doc.sents)
    assert len(sents) >= 4
    for sent in sents:
        order = _by_depth(sent)
        assert order == _old_by_depth(sent)
        assert sorted(order) == list(range(sent.start, sent.end))  # each token once


def test_argument_words_negation_and_modals_as_before(nlp) -> None:
    doc = nlp(TEXT)
    for tok in doc:
        for depth in (2, 3, 4):
            assert arg_words(tok, depth) == _old_arg_words(tok, depth)
        assert is_negated(tok) == _old_is_negated(tok)
        assert _modal(tok) == _old_modal(tok)
    send = next(t for t in doc if t.lower_ == "send")
    assert is_negated(send) and {"troops", "troop", "syria"} <= arg_words(send)
    assert "sunday" not in arg_words(send)  # "on Sunday" is never an argument
    assert _modal(next(t for t in doc if t.lower_ == "impose")) == "intent"


def test_first_pattern_as_before(nlp) -> None:
    lex = event_lexicon()
    doc = nlp(TEXT)
    checked = 0
    for tok in doc:
        words = arg_words(tok)
        for table in (lex.verbs, lex.nouns, lex.verb_moods, lex.noun_moods):
            patterns = table.get(tok.lemma_.lower(), ())
            for specific in (False, True):
                assert _first(patterns, words, specific=specific) is _old_first(
                    patterns, words, specific=specific
                )
                checked += 1
    slot = frozenset({"sanctions"})
    patterns = (Pattern("1", (slot, frozenset({"oil"}))), Pattern("2"), Pattern("3", (slot,)))
    assert _first(patterns, {"sanctions"}) is patterns[1]
    assert _first(patterns, {"sanctions"}, specific=True) is patterns[2]
    assert _first(patterns, {"sanctions", "oil"}) is patterns[0]
    assert _first(patterns[:1], set()) is None
    assert checked > 50
