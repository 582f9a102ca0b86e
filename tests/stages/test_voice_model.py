"""The voice classifier: character n-grams, the joint model, persistence and training."""

from __future__ import annotations

import math

import numpy as np
import pytest

from claimgraph.embeddings.transformer import transformer_available
from claimgraph.errors import ModelError
from claimgraph.stages.voice.features import sentence_features
from claimgraph.stages.voice.model import JointModel, VoiceModel, char_ngrams, model_path
from claimgraph.stages.voice.train import train_voice_model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab", [" ab", "ab ", " ab "]),  # " ab " is shorter than 5: once for n=4, then stop
        ("Cat", [" ca", "cat", "at ", " cat", "cat ", " cat "]),
        ("a  B", [" a ", " b "]),
    ],
)
def test_char_ngrams_of_padded_words(text: str, expected: list[str]) -> None:
    assert char_ngrams(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gone are  the days, when they led the world!",
        "It\u2019s a \u201ccynical\u201d smear \u2014 end of story.",
    ],
)
def test_char_ngrams_match_scikit_learn_char_wb(text: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert sorted(char_ngrams(text)) == sorted(analyzer(text))


def _toy_joint(texts: list[str]) -> tuple[JointModel, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True)
    vec.fit(texts)
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    weights = np.linspace(-1, 1, len(vocab)).astype(np.float32)
    joint = JointModel(
        cue_weights=np.zeros(4096, np.float32),
        emb_weights=np.ones(4, np.float32),
        char_vocab=tuple(vocab),
        char_idf=vec.idf_.astype(np.float32),
        char_weights=weights,
        bias=0.25,
        threshold=0.5,
    )
    return joint, vec


def test_char_logit_equals_the_tfidf_dot_product() -> None:
    texts = ["This is absurd, absurd!", "The minister said so.", "Prices rose 5% in May."]
    joint, vec = _toy_joint(texts)
    for text in [*texts, "Absurd prices, unseen words zzz."]:
        expected = float((vec.transform([text]) @ joint.char_weights.astype(np.float64))[0])
        assert joint.char_logit(text) == pytest.approx(expected, abs=1e-5)
    assert joint.char_logit("qqqq") == 0.0  # nothing in the vocabulary


def test_joint_model_round_trips_and_needs_texts(tmp_path) -> None:
    joint, _ = _toy_joint(["This is absurd.", "Prices rose."])
    model = VoiceModel(
        cue_weights=np.zeros(4096, np.float32), cue_bias=-1.0, threshold_cues=0.4, joint=joint, meta={"n": 2}
    )
    path = tmp_path / "voice.npz"
    model.save(path)
    loaded = VoiceModel.load(path)
    assert loaded.joint is not None and loaded.joint.char_vocab == joint.char_vocab
    assert loaded.embedding_dim == 4 and loaded.threshold == 0.5
    emb = np.full((1, 4), 0.1, np.float32)
    (p,) = loaded.probabilities([{"bias": 1.0}], emb, ["This is absurd."])
    assert p == pytest.approx(
        1 / (1 + math.exp(-(0.25 + 0.4 + joint.char_logit("This is absurd.")))), abs=1e-5
    )
    (p_cues,) = loaded.probabilities([{"bias": 1.0}], None)
    assert p_cues == pytest.approx(1 / (1 + math.exp(1.0)))
    with pytest.raises(ValueError, match="texts"):
        loaded.probabilities([{"bias": 1.0}], emb)


def test_entity_features_of_a_sentence_in_a_longer_document(nlp) -> None:
    doc = nlp("Paris is in France. Berlin and Rome are in Europe, said Angela Merkel on Monday.")
    for sent in doc.sents:
        features, _ = sentence_features(sent)
        fact = [e for e in sent.ents if e.label_ in {"GPE", "ORG", "DATE"}]
        assert features["ents:log"] == pytest.approx(math.log1p(len(fact)))
        assert {k for k in features if k.startswith("ent:")} == {"ent:" + e.label_ for e in sent.ents}


def test_training_fits_the_joint_model_on_a_toy_set(monkeypatch) -> None:
    from claimgraph.stages.voice import train as voice_training

    monkeypatch.setattr(voice_training, "JOINT_GRID", ((0.3, 2.0, 1.0),))  # one grid point, one split
    monkeypatch.setattr(voice_training, "CV_SEEDS", (13,))
    monkeypatch.setattr(voice_training, "CUE_C_GRID", (0.1,))
    rng = np.random.default_rng(0)
    subj = ["This is an absurd farce!", "What a shameful, cynical smear.", "They must go now."] * 5
    obj = ["The ministry said on Monday.", "Prices rose 5% in May.", "The meeting ended at noon."] * 5
    texts = subj + obj
    labels = [1] * len(subj) + [0] * len(obj)
    features = [{"bias": 1.0, "cue:x": float(y)} for y in labels]
    embeddings = (0.05 * rng.normal(size=(len(texts), 8))).astype(np.float32)  # uninformative
    model, report = train_voice_model(features, labels, embeddings, {"data": "toy"}, texts=texts)
    assert model.joint is not None and report.cv_macro_f1["joint"] > 0.6
    assert set(report.chosen) == {"cues_C", "joint"}
    probs = np.array(model.probabilities(features, embeddings, texts))
    assert probs[: len(subj)].min() > probs[len(subj) :].max()  # separable in-sample


def test_shipped_models_are_joint_and_small() -> None:
    static = VoiceModel.load(model_path("static"))
    assert static.encoder == "static" and static.joint is not None and static.embedding_dim == 256
    minilm = VoiceModel.load(model_path("transformer"))
    assert minilm.encoder == "transformer" and minilm.joint is not None and minilm.embedding_dim == 384
    assert str(minilm.meta["embedding_fingerprint"]).startswith("all-MiniLM-L6-v2@")
    # the static model is distilled from the MiniLM one: its threshold, on its weights
    distilled = static.meta["distilled"]
    assert distilled["teacher"] == minilm.meta["embedding_fingerprint"]
    assert static.threshold == pytest.approx(minilm.threshold)
    assert static.meta["chosen"]["joint"]["C"] == distilled["C"] and "labels_fit" in static.meta
    assert model_path("static").stat().st_size < 2_000_000
    assert model_path("transformer").stat().st_size < 1_000_000


@pytest.mark.parametrize(
    ("setting", "installed", "model_file", "expected"),
    [
        ("auto", False, "shipped", "static"),  # extra missing
        ("auto", True, "shipped", "transformer"),  # extra installed
        ("auto", True, "missing", "static"),  # extra installed, no model for it
        ("auto", True, "other weights", "static"),  # model trained on other weights
        ("static", True, "shipped", "static"),
        ("transformer", True, "shipped", "transformer"),
        ("transformer", False, "shipped", "transformer extra"),  # asked for, cannot run: say why
        ("transformer", True, "missing", "is missing"),
        ("transformer", True, "other weights", "was trained on"),
        ("bert", True, "shipped", "expected auto, static or transformer"),
    ],
)
def test_voice_encoder_choice(monkeypatch, setting, installed, model_file, expected) -> None:
    from claimgraph.embeddings import transformer as sentence_encoder
    from claimgraph.stages.voice import model as voice_model

    shipped = VoiceModel.load(model_path("transformer")).meta["embedding_fingerprint"]
    installed_weights = "another MiniLM build" if model_file == "other weights" else shipped
    monkeypatch.setattr(sentence_encoder, "transformer_available", lambda: installed)
    monkeypatch.setattr(sentence_encoder, "transformer_fingerprint", lambda: installed_weights)
    if model_file == "missing":
        monkeypatch.setattr(voice_model, "TRANSFORMER_MODEL_FILE", "no-such-model.npz")
    monkeypatch.setenv("CLAIMGRAPH_VOICE_ENCODER", setting)
    if expected in ("static", "transformer"):
        assert voice_model.voice_encoder() == expected
    else:
        with pytest.raises(ModelError, match=expected):
            voice_model.voice_encoder()


def test_transformer_model_reads_its_own_encoder(monkeypatch) -> None:
    # the MiniLM model asks the transformer encoder (faked here: CI has no torch) for its
    # embeddings, and falls back to the cue model when the weights differ from its training
    from claimgraph.embeddings import transformer as sentence_encoder
    from claimgraph.stages.voice import _embeddings

    model = VoiceModel.load(model_path("transformer"))
    texts = ["What a shameful farce.", "The meeting ended at noon."]
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(2, 384)).astype(np.float32)
    monkeypatch.setattr(sentence_encoder, "transformer_embed", lambda t: vectors[: len(t)])
    trained_on = model.meta["embedding_fingerprint"]
    monkeypatch.setattr(sentence_encoder, "transformer_fingerprint", lambda: trained_on)
    found = _embeddings(model, texts)
    assert found is not None and np.array_equal(found, vectors)
    features = [{"bias": 1.0}] * 2
    assert model.probabilities(features, vectors, texts) != model.probabilities(features, -vectors, texts)
    monkeypatch.setattr(sentence_encoder, "transformer_fingerprint", lambda: "another model")
    assert _embeddings(model, texts) is None


def test_transformer_encoder_missing_is_a_clear_error(monkeypatch) -> None:
    from claimgraph.embeddings import transformer as sentence_encoder

    assert sentence_encoder.transformer_embed([]).shape == (0, sentence_encoder.EMBEDDING_DIM)
    monkeypatch.setattr(sentence_encoder, "transformer_available", lambda: False)
    sentence_encoder._encoder.cache_clear()
    try:
        with pytest.raises(ModelError, match="claimgraph\\[transformer\\]"):
            sentence_encoder.transformer_embed(["A sentence."])
    finally:
        sentence_encoder._encoder.cache_clear()


@pytest.mark.skipif(not transformer_available(), reason="the transformer extra is not installed")
def test_transformer_encoder_runs_offline() -> None:
    from claimgraph.embeddings.transformer import transformer_embed

    vectors = transformer_embed(["The minister resigned on Monday.", "What a shameful farce!"])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
