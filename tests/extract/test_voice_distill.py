"""Distilling the transformer voice model into the static one: sentences, soft-target fit, CLI."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.extract import voice_distill
from claimgraph.extract.voice_distill import NewsSentences, distill_joint, news_sentences


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
    teacher_p = 1 / (1 + np.exp(-(embeddings[:, 0] * 2 - embeddings[:, 1])))
    sentences = NewsSentences(texts, [{"bias": 1.0}] * n, [f"toy/{i // 4}" for i in range(n)])
    joint, report = distill_joint(sentences, embeddings, teacher_p, (0.3, 2.0), threshold=0.47)
    assert joint.threshold == 0.47
    assert report["C"] in (0.3, 3.0) and 0 < report["held_out"] < n
    logits = np.array([joint.logit({"bias": 1.0}, e, t) for e, t in zip(embeddings, texts, strict=True)])
    student = 1 / (1 + np.exp(-logits))
    assert np.corrcoef(student, teacher_p)[0, 1] > 0.95
    assert abs(student.mean() - teacher_p.mean()) < 0.05  # soft targets, not re-balanced


@pytest.mark.parametrize("extra", [["--encoder", "transformer"], ["--no-embedding"]])
def test_distill_refuses_other_encoders(extra) -> None:
    result = CliRunner().invoke(app, ["train", "voice", "--distill", *extra])
    assert result.exit_code != 0
    assert "--distill trains the static model" in result.output
