"""Persuasion techniques: spans labelled with the 14 PTC techniques, and whose voice uses them.

Method (after the feature-based systems of SemEval-2020 Task 11, Da San
Martino et al. 2020): a linear-chain CRF over spaCy token features and
persuasion-lexicon hits proposes labelled spans; two logistic-regression span
classifiers (span words, context, lexicon categories, how often the span
repeats in the article, the span's static embedding) re-score each span's
technique: one learnt from the gold spans, one from the CRF's own candidates
on articles it was not trained on, which also learns ``none`` (a candidate
that overlaps no gold span) and so vetoes likely false alarms. The three are
combined, and the combined score is mapped to a calibrated probability
(:mod:`.calibration`, with the label and whose words the span is in). A span in
a quote or a reported statement is the speaker's (``speaker`` and ``statement``
set, :mod:`.attribution`); one inside quotation marks that no statement owns is someone else's
all the same (``quoted``, no speaker); otherwise it is the author's own (both None, ``quoted``
false). The calibration reads whose words a span is in as it was fitted: the author's when no
statement holds it.

Optionally (``CLAIMGRAPH_TECHNIQUE_SPANS=transformer`` or ``both``, with the ``transformer``
extra) a LoRA-tuned MiniLM token tagger proposes spans instead of or beside the CRF
(:mod:`.transformer`); the classifiers label and score its spans the same way.

Example (``claimgraph analyze``): in "A cynical smear campaign cooked up by hostile
capitals" the span after "A" comes out as ``Loaded_Language``; in a quote such as
"This is a shameful witch hunt by a corrupt regime", ``Name_Calling,Labeling`` with
the quoting statement's id. Scores: ``PTC`` held-out figures in
``BENCHMARKS.md`` (``claimgraph eval ptc``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from spacy.tokens import Doc

from claimgraph.knowledge.subjectivity import EVALUATIVE, cue_matches
from claimgraph.nlp.intervals import Intervals
from claimgraph.nlp.spans import token_offsets, trim_offsets
from claimgraph.record import Record, Statement, Technique, Voice
from claimgraph.stages.techniques.attribution import Owners, attribute, content_index
from claimgraph.stages.techniques.calibration import SpanContext, document_context
from claimgraph.stages.techniques.features import DocFeatures
from claimgraph.stages.techniques.model import SpanTagger, TechniqueModels, load_models, span_inputs
from claimgraph.stages.techniques.transformer import span_mode

__all__ = [
    "Candidate",
    "Owners",
    "attribute",
    "classify_spans",
    "content_index",
    "evaluative",
    "propose",
    "propose_transformer",
    "span_context",
    "technique_spans",
    "techniques",
]

#: Weight of the span classifier's probabilities against the CRF's label distribution (each
#: label's share of the marginal mass at the span's first, middle and last token). On the
#: held-out fold, labelled span F1 was 0.218 with the CRF's Viterbi label, 0.223 with this
#: mix at 0.5 (0.226 reading the mass at every token, at twice the cost).
CLASSIFIER_WEIGHT = 0.5
#: Runs of tokens the CRF puts inside a span with at least this probability are added
#: (None: Viterbi spans only). It trades precision for recall; on the held-out fold
#: SI F1 was 0.322 without, 0.404 at 0.2, 0.405 at 0.25 (labelled F1 0.182, 0.212, 0.218,
#: with the CRF's Viterbi label). Since the candidate classifier vetoes false alarms, a lower
#: threshold pays (fourth session, held-out fifths 0/1/2, candidates also drawn at 0.15):
#: 0.25 → 0.15 took labelled span F1 0.250/0.256/0.232 → 0.259/0.257/0.248.
RUN_THRESHOLD: float | None = 0.15
#: Spans whose final score (label probability × √CRF confidence × √(1 − P(none))) is below
#: this are dropped. 0.25 with the gold-span classifier alone (chosen in the second session on
#: the held-out fold split in two halves); 0.2 since the candidate classifier's P(none) joined
#: the score (fourth session: floors 0.15/0.2/0.25 × CANDIDATE_SHARE 0.5/1 × NONE_PENALTY
#: 0.5/1 compared on held-out fifths 0, 1 and 2; 0.15 balances SI (three-fold mean 0.414)
#: against labelled span F1 (0.255); 0.2 gives 0.401 / 0.259). Folds 3 and 4 were not used.
SCORE_FLOOR = 0.15
#: Share of the candidate classifier (trained on the CRF's own out-of-fold candidates, see
#: :func:`~claimgraph.stages.techniques.train.train_candidate_classifier`) in the
#: classifiers' label distribution; the rest is the gold-span classifier's.
CANDIDATE_SHARE = 0.5
#: Exponent of ``1 − P(none)`` in the score: how hard the candidate classifier's "no technique
#: here" vetoes a span (0: ignored).
NONE_PENALTY = 0.5
#: A second technique is given to the same span when its mixed probability reaches this (PTC
#: often marks one phrase twice: Loaded_Language and Name_Calling,Labeling).
SECOND_LABEL = 0.25
#: Techniques annotated over whole sentences: a span so labelled is widened to its sentence
#: (the CRF finds the cue, "Is it a coincidence", rather than the insinuating question).
SENTENCE_LABELS: frozenset[str] = frozenset({"Doubt"})


def techniques(doc: Doc, record: Record, models: TechniqueModels | None = None) -> list[Technique]:
    """The record's technique spans, each attributed to a speaker or to the author, scored with
    calibrated probabilities when the models have a calibration (the shipped ones do).

    ``models``: other than the shipped ones (benchmarks of held-out models)."""
    text = record.document.text
    models = models or load_models()
    found = technique_spans(doc, models)
    owners = Owners(text, record.statements)
    held = [owners.statement(start, end) for _, start, end, _ in found]
    calibration = models.calibration
    scores = [score for *_, score in found]
    if calibration is not None and found:
        voiced = Intervals([(v.start, v.end, v) for v in record.voice])
        document = document_context(len(text), [(v.start, v.end) for v in record.voice], len(found))
        contexts = [
            span_context(doc, s, e, st, voiced, document)
            for (_, s, e, _), st in zip(found, held, strict=True)
        ]
        scores = calibration.probabilities(scores, [t[0] for t in found], contexts).tolist()
    out = []
    for (label, start, end, _), statement, score in zip(found, held, scores, strict=True):
        out.append(
            Technique(
                label=label,  # type: ignore[arg-type]  # the models' labels are PTC's (checked on load)
                start=start,
                end=end,
                text=text[start:end],
                score=round(float(score), 4),
                speaker=statement.speaker if statement else None,
                statement=statement.id if statement else None,
                quoted=statement is None and owners.quoted(start, end),
            )
        )
    return out


def span_context(
    doc: Doc,
    start: int,
    end: int,
    statement: Statement | None,
    voiced: Intervals[Voice],
    document: tuple[float, float] = (0.0, 0.0),
) -> SpanContext:
    """Whose words ``[start, end)`` are: a statement's (not the author's), or the author's, and
    then whether plainly so (no voice span overlaps it: the voice model finds the sentence
    neutral; and no evaluative cue in the span). ``document``: the document's
    ``(doc_voice, doc_density)`` (:func:`~claimgraph.stages.techniques.calibration.document_context`)."""
    voice, density = document
    author = statement is None
    plain = author and not voiced.overlapping(start, end) and not evaluative(doc, start, end)
    return SpanContext(author=author, plain=plain, doc_voice=voice, doc_density=density)


def evaluative(doc: Doc, start: int, end: int) -> bool:
    """Whether the span holds an evaluative cue (:data:`claimgraph.knowledge.subjectivity.EVALUATIVE`:
    evaluative words, intensifiers, stance adverbs, pejorative labels, emotion words …)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    lowers = [t.lower_ for t in span]
    lemmas = [t.lemma_.lower() or t.lower_ for t in span]
    return any(cat in EVALUATIVE for *_, cat in cue_matches(lowers, lemmas))


class Candidate(NamedTuple):
    """A span the CRF proposes, before the classifiers label it."""

    crf: np.ndarray  # the CRF's label distribution (columns: the classifier's labels)
    start: int  # character offsets, trimmed
    end: int
    score: float  # the CRF's confidence (mean marginal of the span's tags)
    first: int  # the span's first token


def propose(doc: Doc, feats: DocFeatures, tagger: SpanTagger, labels: Sequence[str]) -> list[Candidate]:
    """The CRF's candidate spans: Viterbi spans and likely runs, less function words alone."""
    out = []
    for sp in tagger.tag(feats, RUN_THRESHOLD):
        if all(feats.stop[i] or feats.pos[i] == "PUNCT" for i in range(sp.start, sp.end)):
            continue  # "This is", "A": function words alone persuade no one
        start, end = trim_offsets(feats.text, *token_offsets(doc, sp.start, sp.end))
        if end > start:
            crf = _dist(labels, sp.mass) if sp.mass else _onehot(labels, sp.label)
            out.append(Candidate(crf, start, end, sp.score, sp.start))
    return out


def propose_transformer(
    doc: Doc, feats: DocFeatures, models: TechniqueModels, beside_crf: bool = False
) -> list[Candidate]:
    """The MiniLM tagger's candidate spans (:mod:`.transformer`; its adapters lie beside the CRF
    in the models' folder), less function words alone; the tagger's label distribution stands
    in for the CRF's. ``beside_crf``: the CRF proposes too (only the tagger's confident runs)."""
    from claimgraph.stages.techniques import transformer as tx
    from claimgraph.vocabulary import TECHNIQUE_LABELS

    tagger = tx.load_span_tagger(str(models.tagger.path.parent))
    pieces, probs = tagger.wordpiece_probabilities(feats.text)
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc]
    labels = models.classifier.labels
    cols = [TECHNIQUE_LABELS.index(lab) for lab in labels]
    out = []
    token_probs = tx.token_probabilities(probs, tokens, pieces)
    threshold = tx.UNION_THRESHOLD if beside_crf else tx.THRESHOLD
    for sp in tx.decode_spans(token_probs, threshold, tx.BEGIN_THRESHOLD, [t.is_space for t in doc]):
        if all(feats.stop[i] or feats.pos[i] == "PUNCT" for i in range(sp.start, sp.end)):
            continue
        start, end = trim_offsets(feats.text, *token_offsets(doc, sp.start, sp.end))
        if end > start:
            dist = sp.labels[cols]
            dist = dist / max(float(dist.sum()), 1e-9)
            out.append(Candidate(dist.astype(np.float32), start, end, sp.score, sp.start))
    return out


def technique_spans(
    doc: Doc, models: TechniqueModels | None = None, feats: DocFeatures | None = None
) -> list[tuple[str, int, int, float]]:
    """``(label, start, end, score)`` character spans found in the parsed document."""
    models = models or load_models()
    feats = feats or DocFeatures(doc)
    labels = models.classifier.labels
    mode = span_mode()  # CLAIMGRAPH_TECHNIQUE_SPANS: crf (default), transformer or both
    candidates = propose(doc, feats, models.tagger, labels) if mode != "transformer" else []
    if mode != "crf":
        candidates += propose_transformer(doc, feats, models, beside_crf=mode == "both")
    if not candidates:
        return []
    inputs = span_inputs(feats, [(c.start, c.end) for c in candidates])
    proba = models.classifier.proba_of(inputs)
    p_none = np.zeros(len(candidates), dtype=np.float32)
    if models.candidates is not None:
        label_proba, p_none = models.candidates.candidate_proba(inputs, labels)
        proba = (1 - CANDIDATE_SHARE) * proba + CANDIDATE_SHARE * label_proba
    out: dict[tuple[str, int, int], float] = {}
    for c, row, none in zip(candidates, proba, p_none, strict=True):
        combined = (1 - CLASSIFIER_WEIGHT) * c.crf + CLASSIFIER_WEIGHT * row
        order = np.argsort(-combined)
        chosen = [int(order[0])]
        if len(order) > 1 and combined[order[1]] >= SECOND_LABEL:
            chosen.append(int(order[1]))
        for k in chosen:
            score = float(combined[k]) * c.score**0.5 * float(1 - none) ** NONE_PENALTY
            if score < SCORE_FLOOR:
                continue
            if labels[k] in SENTENCE_LABELS:
                s, e = _sentence_of(feats, c.first, c.start, c.end)
            else:
                s, e = c.start, c.end
            key = (labels[k], s, e)
            out[key] = max(out.get(key, 0.0), min(1.0, score))
    return sorted(((lab, s, e, sc) for (lab, s, e), sc in out.items()), key=lambda t: (t[1], t[2], t[0]))


def _sentence_of(feats: DocFeatures, token: int, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to the spaCy sentence of ``token``."""
    sent = feats.doc[token].sent
    s, e = trim_offsets(feats.text, sent.start_char, sent.end_char)
    return min(s, start), max(e, end)


def _dist(labels: Sequence[str], mass: dict[str, float]) -> np.ndarray:
    return np.array([mass.get(lab, 0.0) for lab in labels], dtype=np.float32)


def _onehot(labels: Sequence[str], label: str) -> np.ndarray:
    v = np.zeros(len(labels), dtype=np.float32)
    if label in labels:
        v[labels.index(label)] = 1.0
    return v


def classify_spans(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    models: TechniqueModels | None = None,
    feats: DocFeatures | None = None,
) -> list[list[tuple[str, float]]]:
    """For each given character span, the techniques ranked by probability (PTC TC)."""
    models = models or load_models()
    feats = feats or DocFeatures(doc)
    proba = models.classifier.classify(feats, list(spans))
    labels = models.classifier.labels
    return [sorted(zip(labels, map(float, row), strict=True), key=lambda t: -t[1]) for row in proba]
