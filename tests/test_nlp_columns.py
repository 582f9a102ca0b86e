"""The Doc-level attribute columns and the span helpers that read them."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.columns import children, columns, forget_columns
from claimgraph.nlp.spans import span_roots, span_text
from claimgraph.stages.statements.features import MAX_BLOCK, DocView, block_features, blocks

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
        assert cols.text[i] == t.text
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
        assert cols.is_title[i] == t.is_title
        assert cols.is_upper[i] == t.is_upper
        assert cols.sent_start[i] == bool(t.is_sent_start)


def test_children_equal_token_children(nlp) -> None:
    doc = nlp(TEXT)
    kids = children(doc)
    assert children(doc) is kids  # built once per Doc
    assert [[c.i for c in t.children] for t in doc] == kids
    forget_columns(doc)  # dropped with the columns, built again from fresh ones
    again = children(doc)
    assert again is not kids and again == kids


def test_children_of_a_doc_with_set_heads(nlp) -> None:
    # non-projective: "b" heads "d" across "c"
    doc = Doc(nlp.vocab, words=["a", "b", "c", "d"], heads=[1, 1, 1, 1], deps=["x", "ROOT", "y", "z"])
    doc[3].head = doc[0]
    assert children(doc) == [[c.i for c in t.children] for t in doc] == [[3], [0, 2], [], []]


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


def _old_blocks(doc: Doc, max_block: int) -> list[list[int]]:
    out: list[list[int]] = []
    current: list[int] = []
    brk = False
    for tok in doc:
        text = tok.text
        if tok.is_space or not text.strip():
            if "\n" in text:
                brk = True
            continue
        if brk or (tok.is_sent_start and len(current) >= max_block):
            if current:
                out.append(current)
            current = []
        brk = "\n" in tok.whitespace_
        current.append(tok.i)
    if current:
        out.append(current)
    final: list[list[int]] = []
    for b in out:
        while len(b) > 2 * max_block:
            final.append(b[:max_block])
            b = b[max_block:]
        final.append(b)
    return final


def test_blocks_as_before(nlp) -> None:
    long = " ".join(["The minister said the talks would resume."] * 60)
    doc = nlp(TEXT + "\n" + long + "\n\n \n" + long.replace(".", ",") + "\nEnd")
    assert blocks(doc) == _old_blocks(doc, MAX_BLOCK)
    assert len(blocks(doc)) > 4


def test_span_text_equals_span_text(nlp) -> None:
    doc = nlp(TEXT)
    for sent in doc.sents:
        assert span_text(sent) == sent.text
    for start in range(0, len(doc), 4):
        for end in range(start, len(doc) + 1, 5):
            assert span_text(doc[start:end]) == doc[start:end].text


def test_doc_view_sentence_ids(nlp) -> None:
    doc = nlp(TEXT)
    view = DocView(doc, {"say", "tell"})
    assert view.sent_ids == [k for k, sent in enumerate(doc.sents) for _ in sent]
    assert view.is_cue == [t.lemma_.lower() in {"say", "tell"} for t in doc]
    assert view.ent == [t.ent_type_ or "-" for t in doc]
    unparsed = Doc(nlp.vocab, words=["a", "b", "c"])
    assert DocView(unparsed, set()).sent_ids == [0, 0, 0]
    assert DocView(Doc(nlp.vocab, words=[]), set()).sent_ids == []


def test_block_features_window(nlp) -> None:
    doc = nlp("He said: \u201cNo.\u201d")
    view = DocView(doc, {"say"})
    (block,) = blocks(doc)
    feats = block_features(view, block)
    first = feats[0]
    window = ["-2w=<pad>", "-1w=<pad>", "1w=said", "1p=VERB", "1q=0", "1cue", "1cuel=say", "2w=:"]
    assert first[first.index("-2w=<pad>") :][: len(window)] == window
    said = feats[1]
    assert "cue=1" in said and "-1w=he" in said and "1q=0" in said and "-1cue" not in said
    assert "-1cue" in feats[2] and "-1cuel=say" in feats[2]
    assert "q=2" in feats[3] and "1q=1" in feats[3]


def test_run_stages_reads_afresh_and_leaves_no_columns(nlp) -> None:
    from claimgraph.nlp import columns as module
    from claimgraph.record import DocumentInfo, Record
    from claimgraph.stages import run_stages

    doc = nlp(TEXT)
    stale = columns(doc)
    record = run_stages(doc, Record(document=DocumentInfo(id="d", text=TEXT)), ("actors", "statements"))
    assert record.statements
    assert doc not in module._KEPT  # dropped when the stages return
    assert columns(doc) is not stale  # read afresh
    forget_columns(doc)
    forget_columns(doc)  # nothing to drop is fine


def test_columns_never_reach_the_doc_serialisation(nlp) -> None:
    doc = nlp(TEXT)
    columns(doc)
    assert not doc.user_data
    assert doc.to_bytes()  # with the columns read, the Doc still serialises


def test_columns_go_with_their_doc(nlp) -> None:
    import gc

    from claimgraph.nlp import columns as module

    doc = nlp(TEXT)
    columns(doc)
    assert doc in module._KEPT
    before = len(module._KEPT)
    del doc
    gc.collect()
    assert len(module._KEPT) == before - 1


def test_columns_read_again_after_a_retokenisation(nlp) -> None:
    doc = nlp("The talks in New York failed.")
    assert columns(doc).text[3] == "New"
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[3:5])
    assert columns(doc).text[3] == "New York"
