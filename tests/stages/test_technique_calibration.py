"""Calibrated technique scores: the fit, the file, and the stage applying it."""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest

from claimgraph.errors import ModelError
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages.techniques import techniques
from claimgraph.stages.techniques.calibration import (
    CONTEXT_TERMS,
    MIN_DOC_CHARS,
    OPTIONAL_TERMS,
    Calibration,
    SpanContext,
    document_context,
)
from claimgraph.stages.techniques.model import load_models
from claimgraph.stages.techniques.train import fit_calibration

techniques_module = importlib.import_module("claimgraph.stages.techniques")
LABELS = ["Doubt", "Loaded_Language"]


def _synthetic(n: int = 600, seed: int = 0):
    """Spans right with probability 0.6·raw, halved for plain author wording."""
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.15, 1.0, n)
    plain = rng.uniform(size=n) < 0.3
    p = 0.6 * raw * np.where(plain, 0.3, 1.0)
    targets = (rng.uniform(size=n) < p).astype(float)
    labels = [LABELS[i % 2] for i in range(n)]
    contexts = [SpanContext(author=True, plain=bool(x)) for x in plain]
    return raw.tolist(), labels, contexts, targets.tolist(), p


def test_fit_learns_that_scores_over_promise_and_plain_wording_is_less_often_right():
    raw, labels, contexts, targets, truth = _synthetic()
    cal = fit_calibration(raw, labels, contexts, targets, LABELS)
    got = cal.probabilities(raw, labels, contexts)
    assert np.all((got > 0) & (got < 1))
    assert np.mean(np.abs(got - truth)) < 0.08  # close to the true rate …
    assert np.mean(np.abs(np.array(raw) - truth)) > 0.3  # … which the raw scores are not
    assert cal.weights[0] > 0  # higher raw score, higher probability
    plain_term = 1 + len(LABELS) + CONTEXT_TERMS.index("plain_author")
    assert cal.weights[plain_term] < 0  # the plain-author term discounts


def test_fit_learns_that_spans_in_plain_documents_are_less_often_right():
    rng = np.random.default_rng(2)
    n = 800
    raw = rng.uniform(0.15, 1.0, n)
    voice = rng.uniform(0.0, 0.6, n)
    p = 0.6 * raw * (0.3 + voice)
    targets = (rng.uniform(size=n) < p).astype(float)
    labels = [LABELS[i % 2] for i in range(n)]
    contexts = [SpanContext(author=True, doc_voice=float(v)) for v in voice]
    cal = fit_calibration(raw.tolist(), labels, contexts, targets.tolist(), LABELS)
    assert cal.weights[1 + len(LABELS) + CONTEXT_TERMS.index("doc_voice")] > 0


def test_document_context():
    # voice spans overlapping each other are counted once; density per 1,000 characters
    voice, density = document_context(4000, [(0, 1000), (500, 1500), (3000, 3500)], 8)
    assert voice == pytest.approx(2000 / 4000)
    assert density == pytest.approx(np.log1p(2.0))
    # a short text counts as MIN_DOC_CHARS long: one span in one sentence is not a dense document
    assert document_context(60, [], 1)[1] == pytest.approx(np.log1p(1000 / MIN_DOC_CHARS))
    assert document_context(0, [], 0) == (0.0, 0.0)


def test_a_calibration_file_without_the_document_terms_still_loads(tmp_path):
    raw, labels, contexts, _, truth = _synthetic(seed=3)
    cal = fit_calibration(raw, labels, contexts, truth.tolist(), LABELS)
    path = tmp_path / "cal.json"
    cal.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for term in OPTIONAL_TERMS:
        del data["weights"][term]
    path.write_text(json.dumps(data), encoding="utf-8")
    back = Calibration.load(path)
    assert [back.weights[1 + len(LABELS) + CONTEXT_TERMS.index(t)] for t in OPTIONAL_TERMS] == [0.0, 0.0]


def test_fractional_targets_and_round_trip(tmp_path):
    raw, labels, contexts, _, truth = _synthetic(seed=1)
    cal = fit_calibration(raw, labels, contexts, truth.tolist(), LABELS, info={"fitted_on": "test"})
    path = tmp_path / "cal.json"
    cal.save(path)
    back = Calibration.load(path)
    assert back.info == {"fitted_on": "test"}
    np.testing.assert_allclose(
        back.probabilities(raw, labels, contexts), cal.probabilities(raw, labels, contexts), atol=1e-5
    )
    assert len(back.probabilities([], [], [])) == 0


def test_unreadable_calibration_is_a_model_error(tmp_path):
    path = tmp_path / "cal.json"
    path.write_text('{"labels": ["Doubt"]}', encoding="utf-8")
    with pytest.raises(ModelError, match="train techniques-calibration"):
        Calibration.load(path)


def test_the_shipped_models_carry_a_calibration():
    assert load_models().calibration is not None


def test_stage_scores_are_calibrated_and_plain_author_wording_is_discounted(nlp, monkeypatch):
    text = "Police charged him with murder. The trial was a disgraceful sham."
    murder, sham = text.index("murder"), text.index("disgraceful")
    raw = 0.7
    fake = [("Loaded_Language", murder, murder + 6, raw), ("Loaded_Language", sham, sham + 16, raw)]
    monkeypatch.setattr(techniques_module, "technique_spans", lambda doc, models=None: fake)
    found = techniques(nlp(text), Record(document=DocumentInfo(id="c", text=text)))
    cal = load_models().calibration
    assert cal is not None
    expected = cal.probabilities(
        [raw, raw],
        ["Loaded_Language"] * 2,
        [
            SpanContext(
                author=True, plain=plain, doc_voice=0.0, doc_density=document_context(len(text), [], 2)[1]
            )
            for plain in (True, False)
        ],
    )
    assert [t.score for t in found] == pytest.approx(expected.tolist(), abs=1e-4)
    # the plain reporting word scores under the evaluative one at the same raw score
    assert found[0].score < found[1].score


def test_the_shipped_calibration_scores_plain_news_copy_lower():
    cal = load_models().calibration
    assert cal is not None
    plain_copy = SpanContext(author=True, doc_voice=0.0, doc_density=document_context(5000, [], 2)[1])
    editorial = SpanContext(
        author=True, doc_voice=0.4, doc_density=document_context(5000, [(0, 2000)], 15)[1]
    )
    low, high = cal.probabilities([0.5, 0.5], ["Loaded_Language"] * 2, [plain_copy, editorial])
    assert low < high
