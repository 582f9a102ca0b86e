"""Rules that test a word's POS, lemma or flags on the token columns before making a Token:
the same answers as the Token walks they replace (the old code kept here as the reference)."""

from __future__ import annotations

from spacy.tokens import Span

from claimgraph.record import DocumentInfo, Record
from claimgraph.stages.actors.mentions import _headline
from claimgraph.stages.claims import text as claim_text
from claimgraph.stages.statements.features import blocks
from claimgraph.stages.statements.quotes import _nominal

TEXT = (
    "Trump Calls Putin Remarks A Disgrace In Helsinki Meeting\n\n"
    "The report, citing satellite images and documents, said the evidence was clear. "
    "Officials denied the reports. The charge that Pyongyang denied was serious, and "
    "the claim she made, which critics disputed, spread. Intelligence Committee data showed "
    "no proof of it, according to records seen by the \u00c9lys\u00e9e and U.S. officials.\n"
    "NO PROOF FOUND IN 2024 AUDIT\n"
    "Trump's claim that the vote was rigged was false.\n"
    "x2 H\u00e9l\u00e8ne 3rd co-op ALL-CAPS It's"
)


def _old_headline(span: Span) -> bool:
    words = [t for t in span.sent if t.is_alpha]
    titled = sum(t.is_title or t.is_upper for t in words)
    return len(words) >= 4 and titled >= 0.75 * len(words) and not span.sent.text.rstrip().endswith(".")


def test_is_alpha_is_str_isalpha(nlp) -> None:
    doc = nlp(TEXT)
    assert [t.is_alpha for t in doc] == [t.text.isalpha() for t in doc]


def test_headline_reads_the_columns(nlp) -> None:
    doc = nlp(TEXT)
    spans = list(doc.ents) + [doc[i : i + 2] for i in range(len(doc) - 1)]
    assert any(_old_headline(s) for s in spans) and not all(_old_headline(s) for s in spans)
    for span in spans:
        assert _headline(span) == _old_headline(span)


def _old_evidence_spans(sentences: list[Span], record: Record) -> list[tuple[int, int]]:
    words = claim_text.lexicon_words("evidence")
    text = record.document.text
    found: list[tuple[int, int]] = []
    for sent in sentences:
        for t in sent:
            if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in words:
                continue
            if t.dep_ in ("compound", "amod"):
                continue
            if (
                claim_text._negated_evidence(t)
                or claim_text._is_claim_reference(t)
                or claim_text._in_name(t, record)
            ):
                continue
            left = min([t.i] + [c.i for c in t.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")])
            start, end = claim_text.trim_offsets(text, sent.doc[left].idx, t.idx + len(t.text))
            if end > start and not any(s < end and start < e for s, e in found):
                found.append((start, end))
    return sorted(found)


def test_evidence_spans_read_the_columns(nlp) -> None:
    doc = nlp(TEXT)
    record = Record(document=DocumentInfo(id="d", text=TEXT))
    sentences = list(doc.sents)
    expected = _old_evidence_spans(sentences, record)
    assert expected  # the text cites evidence
    assert claim_text.evidence_spans(sentences, record) == expected
    assert claim_text.evidence_spans([doc[0:0], *sentences[:1]], record) == _old_evidence_spans(
        sentences[:1], record
    )


def test_nominal_cues_found_on_the_columns(nlp) -> None:
    doc = nlp(TEXT)
    found = [st for block in blocks(doc) for st in _nominal(doc, block)]
    # "Trump's claim that the vote was rigged": a noun cue with its content clause
    assert any(TEXT[s:e] == "claim" for st in found for s, e in st.cue)
