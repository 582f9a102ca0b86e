"""The author's own voice: sentences and clauses where the writer asserts or evaluates unattributed.

A news text reports what others say; when the writer judges or asserts in
their own name, the text editorialises. :func:`voice` finds those places:

1. Each sentence is scored by the shipped classifier
   (:mod:`~claimgraph.stages.voice.model`: one logistic regression over
   cue lexicon + sentence patterns, a static sentence embedding and
   character n-grams; trained on CheckThat! 2025
   subjectivity, where SUBJ is the author's own view).
2. What is not the author's is cut away: text inside quotation marks, the
   subtree of a reporting verb whose subject is not "I"/"we" ("the minister
   said …", "according to …"), and every statement's speaker, cue and content
   in ``record.statements``. Subjective language there is reporting, not voice.
3. A sentence at or above the decision threshold yields one :class:`Voice`
   per remaining piece of the author's text. A truth-value verdict on a claim
   in the author's region ("The accusations are false.", "There is no evidence
   for the claims."), a short thought-terminating closer ("End of story.") or
   two or more loaded words ("needs someone to blame for its own failures")
   yield a voice span even below the threshold.

Kinds, crisply:

* ``author_evaluation`` — the author's unattributed text contains a judgement:
  evaluative or emotive wording ("a cynical smear campaign"), intensifiers,
  stance adverbs ("predictably", "sadly"), modal judgements ("must",
  "should", "needs someone to blame"), loaded labels, rhetorical devices
  (a rhetorical question, an exclamation, an imperative, "End of story."),
  or a first-person opinion ("I believe").
* ``author_assertion`` — the author's unattributed, unhedged categorical
  claim that takes a side on what is true, without evaluative wording:
  verdicts on claims ("The accusations are false."), denials of evidence
  ("There is no evidence for the claims."), certainty formulas ("in fact",
  "the truth is"), and other sentences the classifier scores as the author's
  view that carry no evaluative cue.

``score`` is 0.5 at the decision threshold and rises linearly to 1 with the
classifier's probability; a span found by those rules scores at least 0.6.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimgraph.embeddings.static import embedding_fingerprint
from claimgraph.errors import ModelError
from claimgraph.knowledge.subjectivity import EVALUATIVE, cue_lexicon
from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import span_text, token_offsets, trim_offsets
from claimgraph.record import Record, Statement, Voice, VoiceKind
from claimgraph.stages.voice.features import SentenceCues, sentence_features
from claimgraph.stages.voice.model import VoiceModel, load_voice_model

__all__ = ["sentence_scores", "voice"]

#: Sentence patterns that make a voice span an evaluation even without evaluative words.
EVALUATIVE_PATTERNS: frozenset[str] = frozenset(
    {
        "pat:question_author",
        "pat:exclamation",
        "pat:imperative",
        "pat:evaluative_predicate",
        "pat:superlative_predicate",
        "pat:author_opinion_verb",
    }
)
ASSERTIVE_CUES: frozenset[str] = frozenset({"denial_assertion", "affirm_assertion", "certainty"})
VERDICT_FLOOR = 0.6
MIN_WORDS_BESIDE_ATTRIBUTION = 3
#: A thought-terminating closer ("End of story.") is voice when it is (nearly) the whole sentence.
CLOSURE_MAX_WORDS = 6
#: So many negative-evaluative or pejorative cues in the author's region make an evaluation
#: (on CheckThat! train, 19 sentences have two or more outside reported speech: 79% SUBJ).
LOADED_MIN_CUES = 2


def _embeddings(model: VoiceModel, texts: Sequence[str]) -> np.ndarray | None:
    """The sentences' embeddings from the encoder the joint model was trained on; None (the
    cue model decides alone) when that encoder is missing or is not the one it was trained with."""
    if model.embedding_dim is None or not texts:
        return None
    if model.encoder == "transformer":
        from claimgraph.embeddings.transformer import transformer_embed, transformer_fingerprint

        if model.meta.get("embedding_fingerprint") != transformer_fingerprint():
            return None
        # chosen because it can run (voice_encoder): a failure now is an error, not a fallback
        vectors = transformer_embed(texts)
    else:
        if model.meta.get("embedding_fingerprint") != embedding_fingerprint():
            return None
        try:
            from claimgraph.embeddings.static import embed

            vectors = embed(list(texts))
        except (ModelError, ImportError):
            return None
    if vectors.shape[1] != model.embedding_dim:
        return None
    return vectors


def sentence_scores(
    sents: Sequence[SpacySpan], model: VoiceModel | None = None
) -> tuple[list[float], float, list[tuple[dict[str, float], SentenceCues]]]:
    """Probabilities, the decision threshold in force, and each sentence's features."""
    model = model or load_voice_model()
    analysed = [sentence_features(s) for s in sents]
    if model is None:
        return [0.0] * len(sents), 1.0, analysed
    texts = [span_text(s) for s in sents]
    embeddings = _embeddings(model, texts)
    probs = model.probabilities([f for f, _ in analysed], embeddings, texts)
    return probs, model.decision_threshold(embeddings is not None), analysed


#: Speakers that are the author (or no one): a "statement" of theirs is still the author's voice.
AUTHOR_SPEAKERS = frozenset({"i", "we", "you", "it", "one", "this", "that"})


def _reporting_cue(doc: Doc, statement: Statement) -> bool:
    """The statement's cue is a reporting verb or "according to" (or the content is quoted)."""
    if statement.kind in ("direct", "mixed", "according_to"):
        return True
    if statement.cue is None:
        return False
    verbs = cue_lexicon().terms("reporting_verb")
    span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.lemma_.lower() in verbs or t.lower_ == "according" for t in span)


def _excluded(doc: Doc, record: Record) -> list[tuple[int, int]]:
    """Speaker, cue and content spans of statements that someone other than the author makes.

    A statement counts when it has a speaker that is not the author ("I", "we",
    "it") and a reporting cue; this keeps an over-eager statement tagger from
    silencing the author.
    """
    ranges: list[tuple[int, int]] = []
    for st in record.statements:
        speaker = st.speaker_span.text.strip().lower() if st.speaker_span else ""
        if st.kind != "according_to" and ((st.speaker is None and not speaker) or speaker in AUTHOR_SPEAKERS):
            continue
        if not _reporting_cue(doc, st):
            continue
        for sp in (st.content, st.speaker_span, st.cue):
            if sp is not None and sp.end > sp.start:
                ranges.append((sp.start, sp.end))
    return ranges


def _author_pieces(
    sent: SpacySpan, cues: SentenceCues, excluded: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Character ranges of the author's own runs of tokens in the sentence."""
    pieces: list[list[int]] = []
    current: list[int] = []
    cut = bool(cues.attributed)
    doc = sent.doc
    cols = columns(doc)
    idx, is_space, is_punct = cols.idx, cols.is_space, cols.is_punct
    for i in range(sent.start, sent.end):
        start = idx[i]
        outside = i not in cues.attributed and not any(s <= start < e for s, e in excluded)
        if outside and not is_space[i]:
            current.append(i)
        elif not is_space[i]:
            cut = True
            if current:
                pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    out: list[tuple[int, int]] = []
    for run in pieces:
        words = sum(1 for i in run if not is_punct[i])
        if words == 0 or (cut and words < MIN_WORDS_BESIDE_ATTRIBUTION):
            continue
        s, e = trim_offsets(text, *token_offsets(doc, run[0], run[-1] + 1))
        if e > s:
            out.append((s, e))
    return out


def _verdict(sent: SpacySpan, features: dict[str, float], cues: SentenceCues) -> bool:
    """A verdict on claims or evidence, a closing formula, or loaded wording in the author's region."""
    if features.get("pat:main_reports"):
        return False
    if cues.author.get("closure"):
        words = sum(1 for t in sent if not t.is_punct and not t.is_space)
        if words <= CLOSURE_MAX_WORDS:
            return True
    if cues.author.get("evaluative_negative", 0) + cues.author.get("pejorative_label", 0) >= LOADED_MIN_CUES:
        return True
    lex = cue_lexicon()
    claim_nouns = lex.terms("claim_noun")
    if features.get("pat:verdict"):
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(s.lemma_.lower() in claim_nouns or s.lower_ in claim_nouns for s in subjects):
            return True
    if features.get("pat:there_is_no"):
        return any(t.lower_ in ("evidence", "proof", "basis", "truth") for t in sent)
    return False


def _kind(features: dict[str, float], cues: SentenceCues) -> VoiceKind:
    if any(features.get(p) for p in EVALUATIVE_PATTERNS):
        return "author_evaluation"
    if any(cat in EVALUATIVE for cat in cues.author):
        return "author_evaluation"
    return "author_assertion"


def voice(doc: Doc, record: Record) -> list[Voice]:
    """Voice spans of the record's text (see module docstring)."""
    sents = [s for s in doc.sents if span_text(s).strip()]
    if not sents:
        return []
    probs, threshold, analysed = sentence_scores(sents)
    excluded = _excluded(doc, record)
    found: list[Voice] = []
    for sent, p, (features, cues) in zip(sents, probs, analysed, strict=True):
        verdict = _verdict(sent, features, cues)
        if p < threshold and not verdict:
            continue
        score = 0.5 + 0.5 * (p - threshold) / max(1e-6, 1.0 - threshold) if p >= threshold else 0.0
        if verdict:
            score = max(score, VERDICT_FLOOR)
        kind = _kind(features, cues)
        score = float(min(1.0, max(0.0, score)))
        near = [(s, e) for s, e in excluded if s < sent.end_char and e > sent.start_char]
        for s, e in _author_pieces(sent, cues, near, record.document.text):
            span = record.span(s, e)
            found.append(
                Voice(start=span.start, end=span.end, text=span.text, kind=kind, score=round(score, 4))
            )
    return found
