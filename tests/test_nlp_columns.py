"""The Doc-level attribute columns and the span helpers that read them."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import span_roots

TEXT = (
    "WASHINGTON (Reuters) - The senator said on Tuesday that the plan was “absolutely false”.\n\n"
    "\u201cWe will not accept it,\u201d she told reporters in New York, according to aides. "
    "Isn't it clear that they lied?  Prices rose 5 % to $3.2 billion... Really!"
)


def _old_span_roots(tokens: list[Token]) -> list[Token]:
    ids = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in ids or t.head == t]


def test_columns_equal_token_attributes(nlp) -> None:
    doc = nlp(TEXT)
    cols = columns(doc)
    assert columns(doc) is cols  # read once per Doc
    assert len(cols.lower) == len(doc)
    for t in doc:
        i = t.i
        assert cols.lower[i] == t.lower_
        assert cols.lemma[i] == t.lemma_.lower()
        assert cols.pos[i] == t.pos_
        assert cols.tag[i] == t.tag_
        assert cols.dep[i] == t.dep_
        assert cols.ent_type[i] == t.ent_type_
        assert cols.ent_iob[i] == t.ent_iob_
        assert cols.head[i] == t.head.i
        assert cols.idx[i] == t.idx
        assert cols.is_punct[i] == t.is_punct
        assert cols.is_space[i] == t.is_space


def test_columns_of_an_unparsed_doc(nlp) -> None:
    doc = Doc(nlp.vocab, words=["a", "b"], spaces=[True, False])
    cols = columns(doc)
    assert cols.head == [0, 1]
    assert cols.pos == ["", ""] and cols.ent_iob == ["", ""]


def test_span_roots_as_before(nlp) -> None:
    doc = nlp(TEXT)
    n = len(doc)
    for start in range(0, n, 3):
        for end in range(start + 1, min(n, start + 25) + 1, 2):
            span = doc[start:end]
            expected = _old_span_roots(list(span))
            assert span_roots(span) == expected
            assert span_roots(list(span)) == expected
            assert span_roots(iter(list(span))) == expected
            picked = [t for t in span if not t.is_punct]
            assert span_roots(picked) == _old_span_roots(picked)
    assert span_roots([]) == []
