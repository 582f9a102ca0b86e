"""Distilling the transformer voice model into the static one: sentences, soft-target fit, CLI."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.stages.voice import distill as voice_distill
from claimgraph.stages.voice.distill import NewsSentences, distill_joint, news_sentences


def test_news_sentences_keep_each_mid_length_sentence_once(nlp, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path))
    long = " ".join(["word"] * 90) + "."
    articles = [
        "The talks ended on Monday. Yes. The talks ended on Monday. " + long,
        "Sanctions were extended for a year. The talks ended on Monday.",
    ]
    found = news_sentences(nlp, [("toy", articles)], n_process=1)
    assert found.texts == ["The talks ended on Monday.", "Sanctions were extended for a year."]
    assert found.articles == ["toy/0", "toy/1"]
    assert all(f["bias"] == 1.0 for f in found.features)


def test_student_imitates_the_teacher_and_keeps_its_threshold(monkeypatch) -> None:
    monkeypatch.setattr(voice_distill, "C_GRID", (0.3, 3.0))
    rng = np.random.default_rng(3)
    n = 400
    words = ["shameful", "farce", "cynical", "ministry", "monday", "percent", "meeting", "noon"]
    texts = [" ".join(rng.choice(words, size=6)) for _ in range(n)]
    embeddings = rng.normal(size=(n, 8)).astype(np.float32)
    teacher_p = 1 / (1 + np.exp(-(embeddings[:, 0] * 2 - embeddings[:, 1] - 1.5)))  # mean ≈ 0.3
    sentences = NewsSentences(texts, [{"bias": 1.0}] * n, [f"toy/{i // 4}" for i in range(n)])
    joint, report = distill_joint(sentences, embeddings, teacher_p, (0.3, 2.0), threshold=0.47)
    assert joint.threshold == 0.47
    assert report["C"] in (0.3, 3.0) and 0 < report["held_out"] < n
    logits = np.array([joint.logit({"bias": 1.0}, e, t) for e, t in zip(embeddings, texts, strict=True)])
    student = 1 / (1 + np.exp(-logits))
    # the teacher is a logistic function of the embedding: the student recovers it (scales
    # folded into the stored weights, soft targets, classes not re-balanced)
    assert np.abs(student - teacher_p).mean() < 0.02


@pytest.mark.parametrize("extra", [["--encoder", "transformer"], ["--no-embedding"]])
def test_distill_refuses_other_encoders(extra) -> None:
    result = CliRunner().invoke(app, ["train", "voice", "--distill", *extra])
    assert result.exit_code != 0
    assert "--distill trains the static model" in result.output


def test_distill_says_why_the_teacher_cannot_run(monkeypatch) -> None:
    from claimgraph.stages.voice import model as voice_model

    monkeypatch.setattr(voice_model, "transformer_problem", lambda: "it needs the transformer extra")
    result = CliRunner().invoke(app, ["train", "voice", "--distill"])
    assert result.exit_code != 0
    assert "--distill needs the transformer voice model: it needs the transformer extra" in result.output


def test_distillation_needs_a_transformer_teacher_and_an_embedding_student() -> None:
    from claimgraph.errors import ModelError
    from claimgraph.stages.voice.distill import distill_voice_model
    from claimgraph.stages.voice.model import VoiceModel, model_path

    static = VoiceModel.load(model_path("static"))
    with pytest.raises(ModelError, match="teacher must be the transformer"):
        distill_voice_model(None, static, static, [])  # type: ignore[arg-type]
    minilm = VoiceModel.load(model_path("transformer"))
    cue_only = dataclasses.replace(static, joint=None)
    with pytest.raises(ModelError, match="needs a static model trained with its embedding"):
        distill_voice_model(None, cue_only, minilm, [])  # type: ignore[arg-type]


def test_unreadable_news_is_a_data_error(tmp_path) -> None:
    from claimgraph.errors import DataError
    from claimgraph.stages.voice.distill import news_articles

    with pytest.raises(DataError):
        news_articles(tmp_path)
