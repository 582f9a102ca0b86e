"""The technique features read from the token columns equal the Token attributes they replace."""

from __future__ import annotations

from claimgraph.knowledge.persuasion import lexicon_matcher
from claimgraph.stages.techniques.features import DocFeatures, _shape
from claimgraph.stages.techniques.model import load_models

TEXT = (
    "SHOCKING NEWS FROM WASHINGTON\n\n"
    "The corrupt  regime's so-called reforms are a TOTAL disgrace, a witch hunt! "
    "\u201cWe will never surrender,\u201d they said.\n"
    "Is it a coincidence? 5 % of voters—nobody—believed them."
)


def test_columns_give_the_token_attributes(nlp) -> None:
    doc = nlp(TEXT)
    feats = DocFeatures(doc, headings=False)
    assert feats.text == doc.text
    for t in doc:
        i = t.i
        assert feats.words[i] == t.text and feats.lower[i] == t.lower_
        assert feats.lemma[i] == (t.lemma_.lower() or t.lower_)
        assert (feats.pos[i], feats.tag[i], feats.dep[i], feats.ent[i]) == (
            t.pos_,
            t.tag_,
            t.dep_,
            t.ent_type_,
        )
        assert (feats.head[i], feats.idx[i]) == (t.head.i, t.idx)
        assert feats.space[i] is t.is_space and feats.stop[i] is t.is_stop
    # the heading rule lowers this instance's words only, never the shared columns
    lowered = DocFeatures(doc)
    assert lowered.words[0] == "shocking" and DocFeatures(doc, headings=False).words[0] == "SHOCKING"


def test_lexicon_hits_in_order_of_the_matches(nlp) -> None:
    feats = DocFeatures(nlp(TEXT))
    expected: list[list[str]] = [[] for _ in feats.words]
    for seq in feats.sequences:
        found = lexicon_matcher().match([feats.words[i] for i in seq], [feats.lemma[i] for i in seq])
        for s, e, cat in found:
            expected[seq[s]].append("B" + cat)
            for k in range(s + 1, e):
                expected[seq[k]].append("I" + cat)
    assert [list(h) for h in feats.lex] == expected
    assert any(feats.lex) and all(isinstance(h, tuple) for h in feats.lex)


def test_shape_is_cached_and_unchanged() -> None:
    cases = {
        "NATO": "AA",
        "A": "Aa",
        "Putin": "Aa",
        "2024": "d",
        "war": "a",
        "U.S.": "AA",
        "--": "p",
        "5%": "x",
    }
    for word, shape in cases.items():
        assert _shape(word) == shape
        assert _shape(word) == shape  # from the cache
    assert _shape.cache_info().hits >= len(cases)


def test_token_features_mark_relative_position(nlp) -> None:
    feats = DocFeatures(nlp(TEXT))
    seq = max(feats.sequences, key=len)
    rows = feats.token_features(seq)
    n = len(seq)
    assert [next(f for f in row if f.startswith("rel=")) for row in rows] == [
        f"rel={min(4, 5 * j // n)}" for j in range(n)
    ]
    assert "BOS" in rows[0] and "EOS" in rows[-1]


def test_span_mass_reads_the_tag_marginals(nlp) -> None:
    tagger = load_models().tagger
    feats = DocFeatures(nlp(TEXT))
    seq = max(feats.sequences, key=len)
    tagger.tagger.tag(feats.token_features(seq))
    for j, k in ((0, 1), (0, len(seq)), (2, 5)):
        at = sorted({j, (j + k - 1) // 2, k - 1})
        raw = {
            lab: sum(tagger.tagger.marginal(f"{b}-{lab}", i) for i in at for b in "BI")
            for lab in tagger.labels
        }
        total = sum(raw.values()) or 1.0
        assert tagger._mass(j, k) == {lab: m / total for lab, m in raw.items()}


def test_runs_reuse_the_tags_own_marginals(nlp) -> None:
    tagger = load_models().tagger
    feats = DocFeatures(nlp(TEXT))
    for seq in feats.sequences:
        if not seq:
            continue
        tags = tagger.tagger.tag(feats.token_features(seq))
        probs = [tagger.tagger.marginal(t, j) for j, t in enumerate(tags)]
        for threshold in (0.01, 0.15, 0.5):
            assert tagger._runs(tags, threshold, probs) == tagger._runs(tags, threshold)
