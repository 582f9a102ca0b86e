"""Persuasion techniques: lexicons, span decoding, the speaker/author split and the extractor."""

from __future__ import annotations

import importlib

import pytest

from claimgraph.knowledge.persuasion import CATEGORIES, lexicon, lexicon_matcher
from claimgraph.record import TECHNIQUE_LABELS, DocumentInfo, Record, Span, Statement
from claimgraph.stages.techniques import attribute, classify_spans, techniques
from claimgraph.stages.techniques.features import DocFeatures
from claimgraph.stages.techniques.model import TechniqueClassifier, decode, load_models

# the module (``claimgraph.stages.techniques`` the attribute is the function)
techniques_module = importlib.import_module("claimgraph.stages.techniques")


# -- lexicons ----------------------------------------------------------------
@pytest.mark.parametrize("category", CATEGORIES)
def test_lexicon_files_load(category):
    entries = lexicon(category)
    assert len(entries) >= 20
    assert all(e == e.lower() and e.strip() == e for e in entries)


@pytest.mark.parametrize(
    ("text", "phrase", "category"),
    [
        ("It was a cynical smear campaign.", "cynical", "loaded"),
        ("It was a cynical smear campaign.", "smear", "loaded"),
        ("They were outraged by the decision.", "outraged", "loaded"),  # prefix entry outrage*
        ("The so-called experts were wrong.", "so-called", "doubt"),
        ("The so-called experts were wrong.", "so-called", "name_calling"),
        ("Without a shred of proof, the allegations keep coming.", "Without a shred of", "doubt"),
        ("The regime jailed its critics.", "regime", "name_calling"),
        ("End of story.", "End of story", "cliches"),
        ("It is what it is.", "It is what it is", "cliches"),
        ("This is an extremely dangerous move.", "extremely", "intensifiers"),
        ("It is the worst crisis in history.", "in history", "exaggeration"),
        ("We must defend our country.", "our country", "flag_waving"),
        ("Everyone knows the truth.", "Everyone knows", "bandwagon"),
        ("You are either with us or against us.", "either", "black_white"),
        ("What about the other side?", "What about", "whataboutism"),
        ("Prices rose because of the sanctions.", "because of", "causal"),
        ("According to experts, it is safe.", "According to", "authority"),
        ("Build the wall!", "Build the wall", "slogans"),
        ("The virus could spill over into other countries.", "could spill over", "fear"),
    ],
)
def test_lexicon_matches(nlp, text, phrase, category):
    doc = nlp(text)
    hits = lexicon_matcher().match([t.text for t in doc], [t.lemma_ for t in doc])
    found = {(doc[s:e].text, c) for s, e, c in hits}
    assert (phrase, category) in found


def test_lexicon_does_not_match_inside_words(nlp):
    doc = nlp("The hateful rhetoric.")
    hits = lexicon_matcher().match([t.text for t in doc])
    assert ("hateful", "loaded") in {(doc[s:e].text, c) for s, e, c in hits}
    assert not [h for h in hits if doc[h[0]].text == "The"]


def test_unknown_lexicon():
    with pytest.raises(KeyError):
        lexicon("nonsense")


# -- decoding ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["O", "B-A", "I-A", "O"], [("A", 1, 3)]),
        (["B-A", "B-A", "O"], [("A", 0, 1), ("A", 1, 2)]),
        (["I-A", "I-A"], [("A", 0, 2)]),  # a stray I- starts a span
        # a long span interrupted by a short one is joined again
        (["B-D", "I-D", "B-L", "I-L", "I-D", "O"], [("D", 0, 5), ("L", 2, 4)]),
        # ... but not across an O
        (["B-D", "O", "I-D"], [("D", 0, 1), ("D", 2, 3)]),
        (["O", "O"], []),
    ],
)
def test_decode(tags, spans):
    assert [(s.label, s.start, s.end) for s in decode(tags)] == spans


def test_decode_scores_are_mean_marginals():
    [span] = decode(["B-A", "I-A"], [0.5, 1.0])
    assert span.score == pytest.approx(0.75)


# -- speaker / author split --------------------------------------------------
TEXT = 'The ministry said: "This is a cynical smear campaign." End of story.'


def _statement(sid: str, start: int, end: int, speaker: str | None = "a1") -> Statement:
    return Statement(id=sid, speaker=speaker, content=Span.of(TEXT, start, end), kind="direct")


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((TEXT.index("cynical"), TEXT.index("campaign") + 8), "s1"),  # inside the quote
        ((TEXT.index("End"), len(TEXT) - 1), None),  # after it: the author's
        ((TEXT.index("ministry"), TEXT.index("This") + 4), None),  # mostly outside
    ],
)
def test_attribute(span, expected):
    content = (TEXT.index("This"), TEXT.index('."') + 1)
    statements = [_statement("s1", *content)]
    found = attribute(*span, statements)
    assert (found.id if found else None) == expected


def test_techniques_speaker_and_author(nlp, monkeypatch):
    quote = (TEXT.index("cynical"), TEXT.index("campaign") + 8)
    cliche = (TEXT.index("End"), TEXT.index("story") + 5)
    fake = [("Loaded_Language", *quote, 0.9), ("Thought-terminating_Cliches", *cliche, 0.6)]
    monkeypatch.setattr(techniques_module, "technique_spans", lambda doc, models=None: fake)
    record = Record(
        document=DocumentInfo(id="t", text=TEXT),
        statements=[_statement("s1", TEXT.index("This"), TEXT.index('."') + 1)],
    )
    found = techniques(nlp(TEXT), record)
    assert [(t.label, t.text, t.speaker, t.statement) for t in found] == [
        ("Loaded_Language", "cynical smear campaign", "a1", "s1"),
        ("Thought-terminating_Cliches", "End of story", None, None),
    ]


# -- the shipped models --------------------------------------------------------
ARTICLE = (
    "A cynical smear campaign cooked up by hostile capitals\n\n"
    "Without a shred of proof, the allegations keep coming.\n"
    "Washington needs someone to blame for its own failures.\n"
    "The so-called experts, corrupt puppets of the regime, are spreading outrageous lies.\n"
    "End of story.\n"
)


def test_techniques_on_text(analyzer):
    record = analyzer.analyze(ARTICLE)
    assert record.check_spans() == []
    assert record.techniques, "no technique found in an openly loaded text"
    for t in record.techniques:
        assert t.label in TECHNIQUE_LABELS
        assert 0.0 <= t.score <= 1.0
        assert t.end > t.start
    assert any("smear" in t.text or "puppets" in t.text or "lies" in t.text for t in record.techniques)


def test_techniques_on_neutral_text(nlp):
    text = "The committee met on Tuesday. It will publish its report in March."
    doc = nlp(text)
    found = techniques(doc, Record(document=DocumentInfo(id="n", text=text)))
    assert len(found) <= 1


def test_classify_spans(nlp):
    doc = nlp(ARTICLE)
    start = ARTICLE.index("End of story")
    ranked = classify_spans(doc, [(start, start + len("End of story"))])
    [labels] = ranked
    assert len(labels) == len(load_models().classifier.labels)
    assert labels[0][1] >= labels[-1][1]
    assert sum(p for _, p in labels) == pytest.approx(1.0, abs=1e-3)


def test_features_cover_every_token(nlp):
    doc = nlp("First line here.\nSecond line, with a “quoted phrase” inside.\n\nThird!")
    feats = DocFeatures(doc)
    tokens = [i for seq in feats.sequences for i in seq]
    assert tokens == [t.i for t in doc if not t.is_space]
    assert all("\n" not in doc[seq[0] : seq[-1] + 1].text for seq in feats.sequences)
    quoted = [doc[i].text for i in range(len(doc)) if feats.quoted[i]]
    assert quoted == ["quoted", "phrase"]


def test_a_heading_in_capitals_is_read_in_lower_case(nlp):
    doc = nlp("3. FLOODS CLOSE SCHOOLS ACROSS THE REGION\nThe minister called it a TOTAL disgrace.")
    feats = DocFeatures(doc)
    heading, sentence = feats.sequences
    assert all("sh=AA" not in f for f in feats.token_features(heading))  # typography, not emphasis
    assert "caps" not in feats.span_features(doc[heading[1]].idx, doc[heading[-1]].idx + 6)
    total = next(i for i in sentence if doc[i].text == "TOTAL")
    assert "sh=AA" in feats.token_features(sentence)[sentence.index(total)]  # emphasis keeps its shape
    assert "caps" in feats.span_features(doc[total].idx, doc[total].idx + 5)


def test_headings_keep_their_capitals_when_asked(nlp):
    doc = nlp("FLOODS CLOSE SCHOOLS ACROSS THE REGION\nThe river rose overnight.")
    heading = DocFeatures(doc, headings=False).sequences[0]
    assert all("sh=AA" in f for f in DocFeatures(doc, headings=False).token_features(heading))


def test_training_reads_headings_as_written(nlp, monkeypatch, tmp_path):
    # the models learn from the corpus text as written; the heading rule applies at run time only
    from claimgraph.eval.ptc import PtcArticle
    from claimgraph.stages.techniques import train as train_module

    doc = nlp("SHOCKING BETRAYAL OF THE NATION\nThe vote was held on Monday.")
    article = PtcArticle("1", doc.text, [])
    monkeypatch.setattr(train_module, "parse_ptc", lambda data, workers=1: ([article], [doc]))
    seen = []
    monkeypatch.setattr(train_module, "train_models", lambda feats, *a, **k: seen.extend(feats))
    train_module.train_techniques(tmp_path, tmp_path / "out")
    heading = seen[0].sequences[0]
    assert all("sh=AA" in f for f in seen[0].token_features(heading))


# -- inference rules: score floor, second label, sentence-wide techniques --------
class _FakeTagger:
    def __init__(self, spans):
        self.spans = spans

    def tag(self, feats, threshold=None):
        return self.spans


class _FakeClassifier:
    def __init__(self, rows, labels=("Doubt", "Loaded_Language", "Name_Calling,Labeling")):
        self.labels = list(labels)
        self.rows = rows

    def proba_of(self, inputs):
        import numpy as np

        return np.array(self.rows[: len(inputs.features)], dtype=float)

    candidate_proba = TechniqueClassifier.candidate_proba


def _fake_models(spans, rows, candidate_rows=None):
    from claimgraph.stages.techniques.model import NONE_LABEL, TechniqueModels

    candidates = None
    if candidate_rows is not None:
        candidates = _FakeClassifier(candidate_rows, (NONE_LABEL, *_FakeClassifier(rows).labels))
    return TechniqueModels(_FakeTagger(spans), _FakeClassifier(rows), {}, candidates)  # type: ignore[arg-type]


def _tagged(doc, words: str, score: float, mass: dict[str, float]):
    """A CRF span over the doc's tokens from the first to the last of ``words``, labelled with
    the label of most mass."""
    from claimgraph.stages.techniques.model import TaggedSpan

    tok = {t.text: t.i for t in doc}
    parts = words.split()
    return TaggedSpan(max(mass, key=mass.__getitem__), tok[parts[0]], tok[parts[-1]] + 1, score, mass)


def test_technique_spans_inference_rules(nlp):
    from claimgraph.stages.techniques import technique_spans

    text = "They call it a witch hunt. Is it a coincidence that the report came out now?"
    doc = nlp(text)
    spans = [
        # "witch hunt": Loaded_Language and Name_Calling both likely → two labels on one span
        _tagged(doc, "witch hunt", 0.81, {"Loaded_Language": 1.0}),
        # "coincidence": Doubt → widened to its whole sentence
        _tagged(doc, "coincidence", 0.64, {"Doubt": 1.0}),
        # "report": weak on both scores → under the floor, dropped
        _tagged(doc, "report", 0.09, {"Loaded_Language": 0.4}),
    ]
    rows = [[0.0, 0.4, 0.6], [0.9, 0.05, 0.05], [0.2, 0.4, 0.4]]
    found = technique_spans(doc, _fake_models(spans, rows))
    assert [(label, text[s:e]) for label, s, e, _ in found] == [
        ("Loaded_Language", "witch hunt"),
        ("Name_Calling,Labeling", "witch hunt"),
        ("Doubt", "Is it a coincidence that the report came out now"),
    ]
    assert all(score >= techniques_module.SCORE_FLOOR for *_, score in found)


def test_candidate_classifier_vetoes_and_relabels(nlp):
    from claimgraph.stages.techniques import technique_spans

    text = "The minister gave a speech about the corrupt regime and its brutal police."
    doc = nlp(text)
    spans = [
        _tagged(doc, "speech", 0.8, {"Loaded_Language": 1.0}),
        _tagged(doc, "corrupt regime", 0.8, {"Loaded_Language": 0.5, "Name_Calling,Labeling": 0.5}),
        _tagged(doc, "brutal", 0.8, {"Loaded_Language": 1.0}),
    ]
    rows = [[0.0, 0.9, 0.1], [0.0, 0.5, 0.5], [0.0, 0.9, 0.1]]
    alone = technique_spans(doc, _fake_models(spans, rows))
    assert {text[s:e] for _, s, e, _ in alone} == {"speech", "corrupt regime", "brutal"}
    # columns: none, Doubt, Loaded_Language, Name_Calling,Labeling
    candidate_rows = [
        [0.98, 0.0, 0.02, 0.0],  # "speech": almost surely no technique → vetoed
        [0.1, 0.0, 0.0, 0.9],  # "corrupt regime": the candidate classifier says Name_Calling
        [0.2, 0.0, 0.8, 0.0],  # "brutal": kept, a little lower
    ]
    both = technique_spans(doc, _fake_models(spans, rows, candidate_rows))
    by_text = {(text[s:e], label): score for label, s, e, score in both}
    assert ("speech", "Loaded_Language") not in by_text
    assert (
        max(by_text, key=lambda k: by_text[k] if k[0] == "corrupt regime" else -1)[1]
        == "Name_Calling,Labeling"
    )
    scores_alone = {(text[s:e], label): score for label, s, e, score in alone}
    assert by_text[("brutal", "Loaded_Language")] < scores_alone[("brutal", "Loaded_Language")]


def test_classifier_embedding_block_round_trip(tmp_path, monkeypatch):
    # the dense block is saved with the static model's fingerprint and used only with that model
    import numpy as np

    from claimgraph.embeddings.static import embedding_fingerprint
    from claimgraph.stages.techniques import model as tm

    labels = ["Doubt", "Loaded_Language"]
    dim = 4
    clf = tm.TechniqueClassifier(
        np.zeros((2, 16)),
        np.zeros(2),
        labels,
        16,
        emb_coef=np.array([[5.0, 0, 0, 0], [-5.0, 0, 0, 0]]),
        emb_scale=2.0,
        fingerprint=embedding_fingerprint(),
    )
    path = tmp_path / "tc.npz"
    clf.save(path)
    back = tm.TechniqueClassifier.load(path)
    assert back.emb_scale == 2.0 and back.fingerprint == clf.fingerprint
    monkeypatch.setattr(tm, "embed", lambda texts: np.ones((len(texts), dim)))
    with_emb = back.proba([["bias"]], ["a span"])
    assert with_emb[0, 0] > 0.99  # 2 x 5 for Doubt against 2 x -5
    assert np.allclose(back.proba([["bias"]]), [[0.5, 0.5]])  # no texts: hashed features alone
    back.fingerprint = "another model"
    assert np.allclose(back.proba([["bias"]], ["a span"]), [[0.5, 0.5]])  # embedding left out


def test_span_sentence_is_the_sequence_of_the_span(nlp):
    # the classifiers read the static embedding of the sentence (cut at line breaks) holding the span
    doc = nlp("The council met on Tuesday. Critics called the plan a shameless land grab!\nVotes follow.")
    feats = DocFeatures(doc)
    start = doc.text.index("shameless")
    end = start + len("shameless land grab")
    assert feats.span_sentence(start, end) == "Critics called the plan a shameless land grab!"
    later = doc.text.index("Votes")
    assert feats.span_sentence(later, later + 5) == "Votes follow."


def test_classifier_context_block_round_trip(tmp_path, monkeypatch):
    # the sentence block is saved with its scale and read only when the spans' sentences are given
    import numpy as np

    from claimgraph.embeddings.static import embedding_fingerprint
    from claimgraph.stages.techniques import model as tm

    clf = tm.TechniqueClassifier(
        np.zeros((2, 16)),
        np.zeros(2),
        ["Doubt", "Loaded_Language"],
        16,
        emb_coef=np.zeros((2, 4)),
        emb_scale=1.0,
        fingerprint=embedding_fingerprint(),
        ctx_coef=np.array([[0.0, 4.0, 0, 0], [0.0, -4.0, 0, 0]]),
        ctx_scale=0.5,
    )
    path = tmp_path / "tc.npz"
    clf.save(path)
    back = tm.TechniqueClassifier.load(path)
    assert back.ctx_scale == 0.5 and back.ctx_coef is not None
    monkeypatch.setattr(tm, "embed", lambda texts: np.ones((len(texts), 4)))
    with_ctx = back.proba([["bias"], ["bias"]], ["a span", "b"], ["Is it true?", "Is it true?"])
    assert np.all(with_ctx[:, 0] > 0.95)  # 0.5 x 4 for Doubt against 0.5 x -4
    assert np.allclose(back.proba([["bias"]], ["a span"]), [[0.5, 0.5]])  # no sentences: block left out


def test_fit_classifier_learns_the_context_block(monkeypatch):
    # the context block's weights are the columns after the span embedding's
    import numpy as np

    from claimgraph.stages.techniques import model as tm
    from claimgraph.stages.techniques import train as tt

    def fake_embed(texts):
        return np.array([[1.0, 0.0] if "?" in t else [0.0, 1.0] for t in texts])

    monkeypatch.setattr(tm, "embed", fake_embed)
    xs = [["bias"]] * 9
    ys = ["Doubt", "Loaded_Language", "Slogans"] * 3
    sents = ["Who knows?", "A vile plot.", "Act now."] * 3
    params = {"tc_embedding_scale": 1.0, "tc_context_scale": 1.0, "tc_C": 10.0}
    clf = tt._fit_classifier(xs, ys, ["x"] * 9, sents, params)
    assert clf.emb_coef is not None and clf.emb_coef.shape == (3, 2)
    assert clf.ctx_coef is not None and clf.ctx_coef.shape == (3, 2)
    proba = clf.proba([["bias"], ["bias"]], ["x", "x"], ["Really?", "Plain words."])
    assert proba[0, 0] > 0.5 > proba[1, 0]
    off = tt._fit_classifier(xs, ys, ["x"] * 9, sents, {**params, "tc_context_scale": 0})
    assert off.ctx_coef is None and off.emb_coef is not None and off.emb_coef.shape == (3, 2)


def test_training_parses_without_the_line_break_component(nlp, monkeypatch, tmp_path):
    # the models learn from the parser's own sentences; the line-break component stays for run time
    from claimgraph.eval.ptc import PtcArticle
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.lines import COMPONENT
    from claimgraph.stages.techniques import train as train_module

    doc = nlp("The vote was held on Monday.")
    pipes = []

    def fake_parse(data, workers=1):
        pipes.append(list(load_pipeline().pipe_names))
        return [PtcArticle("1", doc.text, [])], [doc]

    monkeypatch.setattr(train_module, "parse_ptc", fake_parse)
    monkeypatch.setattr(train_module, "train_models", lambda *a, **k: None)
    train_module.train_techniques(tmp_path, tmp_path / "out")
    assert pipes and COMPONENT not in pipes[0] and "parser" in pipes[0]
    assert COMPONENT in load_pipeline().pipe_names
