"""A content cut short after its subject, completed to its clause.

The tagger sometimes ends a content at the subject of the clause that is said ("officials
fear [the disease] could mutate", "I believe [he] was asked to testify"): the content is
then a bare noun phrase and the proposition is lost. The content is extended over the
subject's verb and its dependents in the same sentence, so that the statement itself holds
the clause its claim is written from. Not when the verb is the statement's own cue
("[Faber] was nominated by …": the content is the cue's subject and what follows is the
narrator's), nor across the end of a sentence or a line break the parser ran on ("Heaven
or Hell? …").
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.nlp.spans import doc_text, span_roots
from claimgraph.stages.statements.group import RawStatement

__all__ = ["complete_subject"]

_SENTENCE_END = frozenset({"?", "!", "."})


def complete_subject(doc: Doc, att: RawStatement) -> RawStatement:
    """Extend (in place) a one-fragment content that is only the subject of a later verb."""
    if len(att.content) != 1:
        return att
    s, e = att.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return att
    roots = [t for t in span_roots(span) if not t.is_punct]
    if len(roots) != 1:
        return att
    root = roots[0]
    head = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX") or head.i < span.end:
        return att
    if any(cs <= head.idx < ce for cs, ce in att.cue):
        return att
    if any(t.text in _SENTENCE_END for t in doc[span.end - 1 : head.i]):
        return att
    sent = span.sent
    end = max(t.i for t in head.subtree if sent.start <= t.i < sent.end) + 1
    while end > span.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    # never over a cue of this statement lying after the content ("X, he said, …")
    if any(span.end_char <= cs < doc[end - 1].idx + len(doc[end - 1].text) for cs, _ in att.cue):
        return att
    if "\n" in doc_text(doc)[span.end_char : doc[end - 1].idx]:
        return att  # a headline or paragraph break: the parser ran two sentences together
    if end > span.end:
        att.content = [(s, doc[end - 1].idx + len(doc[end - 1].text))]
    return att
