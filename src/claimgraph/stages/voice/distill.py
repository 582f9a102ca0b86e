"""Distilling the transformer voice model into the shipped static one (``claimgraph train voice --distill``).

The transformer voice model (``voice-minilm.npz``: all-MiniLM-L6-v2 sentence
embeddings, the ``transformer`` extra) ranks sentences better than the static
one but costs more than the whole parse. Model compression (Bucilă, Caruana &
Niculescu-Mizil 2006) moves most of what it knows into the static model's
form, at no cost at run time: the static model is fitted to the teacher's
probabilities (soft targets, Hinton et al. 2015) over many sentences instead
of to 830 labels.

* **Sentences**: every sentence of 4–80 words, once each, of the news
  articles in the research corpora's *training* splits: PTC train (371
  articles), PolNeAR train (840) and the FNC-1 train bodies (1,683); about
  67,000. Only their text is read, never their annotations.
* **Teacher**: the shipped transformer voice model, itself trained on
  CheckThat! train only (``claimgraph train voice --encoder transformer``).
* **Student**: the static joint model (cue features, Model2Vec embedding,
  char n-gram tf-idf over the sentences' vocabulary), one logistic regression
  in which each sentence counts twice: as SUBJ with weight *p* and as OBJ with
  weight 1 − *p*, *p* the teacher's probability. The block scales are the
  ones cross-validation chose for the static model on CheckThat! train; C is
  the value of :data:`C_GRID` whose student agrees best with the teacher
  (cross-entropy) on the sentences of a held-out fifth of the articles.
* **Threshold**: the teacher's (the student imitates its probabilities).

Nothing is fitted on CheckThat! dev.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from spacy.language import Language

from claimgraph.errors import DataError, ModelError
from claimgraph.stages.voice.features import sentence_features
from claimgraph.stages.voice.model import CUE_BITS, JointModel, VoiceModel
from claimgraph.stages.voice.train import (
    char_vectorizer,
    hashed_matrix,
    joint_blocks,
    joint_from_fit,
    logreg,
)

__all__ = [
    "C_GRID",
    "NewsSentences",
    "distill_joint",
    "distill_voice_model",
    "news_articles",
    "news_sentences",
]

#: Sentences outside this many words (punctuation not counted) are left out.
MIN_WORDS, MAX_WORDS = 4, 80
#: Inverse regularisation strengths tried for the student.
C_GRID: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0)
#: The solver's stopping tolerance: at scikit-learn's default (1e-4) a 1e-6 change in the
#: teacher's probabilities (torch's run-to-run noise) moved weights by up to 0.14; at 1e-6 by 0.002.
FIT_TOL = 1e-6
#: One article in so many is held out to choose C.
HELD_OUT_EVERY = 5


def news_articles(data_dir: Path) -> list[tuple[str, list[str]]]:
    """The training splits' article texts, per corpus: PTC, PolNeAR, FNC-1 (annotations unread).

    Raises :class:`DataError` when a corpus or one of its files cannot be read.
    """
    from claimgraph.corpus.stance import read_bodies
    from claimgraph.eval.polnear import article_text, split_names
    from claimgraph.eval.ptc import read_ptc

    polnear = data_dir / "polnear" / "data"
    try:
        return [
            ("ptc", [a.text for a in read_ptc(data_dir / "ptc" / "train-articles")]),
            ("polnear", [article_text(polnear, "train", n) for n in split_names(polnear, "train")]),
            ("fnc", list(read_bodies(data_dir / "fnc1" / "train_bodies.csv").values())),
        ]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read the unlabelled news for distillation: {exc}") from exc


@dataclass(frozen=True)
class NewsSentences:
    """Unlabelled sentences with their voice features and the article each comes from."""

    texts: list[str]
    features: list[dict[str, float]]
    #: "corpus/index" of the sentence's article (for the held-out split)
    articles: list[str]


def news_sentences(
    nlp: Language, corpora: Sequence[tuple[str, list[str]]], *, n_process: int = 2
) -> NewsSentences:
    """Each distinct 4–80-word sentence of the articles, parsed through the cache."""
    from claimgraph.nlp.cache import parse_cached

    texts: list[str] = []
    features: list[dict[str, float]] = []
    articles: list[str] = []
    seen: set[str] = set()
    for name, docs_text in corpora:
        for i, doc in enumerate(parse_cached(nlp, docs_text, f"distill-{name}", n_process=n_process)):
            for sent in doc.sents:
                words = sum(1 for t in sent if not t.is_punct and not t.is_space)
                text = sent.text.strip()
                if not MIN_WORDS <= words <= MAX_WORDS or text in seen:
                    continue
                seen.add(text)
                texts.append(text)
                features.append(sentence_features(sent)[0])
                articles.append(f"{name}/{i}")
    return NewsSentences(texts, features, articles)


def _held_out(articles: Sequence[str]) -> np.ndarray:
    """Whether each sentence's article is in the held-out fifth (a stable hash of its name)."""
    return np.array([zlib.crc32(a.encode()) % HELD_OUT_EVERY == 0 for a in articles])


def _fit(X, p: np.ndarray, c: float):  # type: ignore[no-untyped-def]
    """Logistic regression on soft targets: each row as SUBJ (weight p) and as OBJ (weight 1 − p).

    The teacher's probabilities already carry the class balance: no class weights.
    """
    import scipy.sparse as sp

    n = X.shape[0]
    return (
        logreg(c, balanced=False)
        .set_params(tol=FIT_TOL)
        .fit(sp.vstack([X, X]), np.r_[np.ones(n), np.zeros(n)], sample_weight=np.r_[p, 1 - p])
    )


def _cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    q = np.clip(q, 1e-7, 1 - 1e-7)
    return float(-np.mean(p * np.log(q) + (1 - p) * np.log(1 - q)))


def distill_joint(
    sentences: NewsSentences,
    embeddings: np.ndarray,
    teacher_p: np.ndarray,
    scales: tuple[float, float],
    threshold: float,
) -> tuple[JointModel, dict[str, object]]:
    """The student joint model (see module docstring) and a report of the choice of C."""
    X_cues = hashed_matrix(sentences.features, CUE_BITS)
    cw, a = scales
    held = _held_out(sentences.articles)
    fit_i, held_i = np.where(~held)[0], np.where(held)[0]
    vec = char_vectorizer()
    chars_fit = vec.fit_transform([sentences.texts[i] for i in fit_i])
    chars_held = vec.transform([sentences.texts[i] for i in held_i])
    X_fit = joint_blocks(X_cues[fit_i], embeddings[fit_i], chars_fit, cw, a)
    X_held = joint_blocks(X_cues[held_i], embeddings[held_i], chars_held, cw, a)
    fidelity: dict[float, float] = {}
    for c in C_GRID:
        q = _fit(X_fit, teacher_p[fit_i], c).predict_proba(X_held)[:, 1]
        fidelity[c] = _cross_entropy(teacher_p[held_i], q)
    best_c = min(C_GRID, key=lambda c: (fidelity[c], c))
    vec = char_vectorizer()
    chars = vec.fit_transform(sentences.texts)
    model = _fit(joint_blocks(X_cues, embeddings, chars, cw, a), teacher_p, best_c)
    joint = joint_from_fit(model, vec, (X_cues.shape[1], embeddings.shape[1]), scales, threshold)
    report: dict[str, object] = {
        "sentences": len(sentences.texts),
        "held_out": len(held_i),
        "C": best_c,
        "held_out_cross_entropy": {str(c): round(v, 5) for c, v in fidelity.items()},
        "teacher_mean_p": round(float(teacher_p.mean()), 4),
    }
    return joint, report


def distill_voice_model(
    nlp: Language,
    static: VoiceModel,
    teacher: VoiceModel,
    corpora: Sequence[tuple[str, list[str]]],
) -> VoiceModel:
    """``static`` (trained on CheckThat! train) with its joint model replaced by the student.

    ``teacher`` is the transformer voice model, ``corpora`` the unlabelled articles
    (:func:`news_articles`); the block scales come from ``static``'s cross-validated
    choice, the cue-only fallback stays as trained. The label-fitted joint model's
    choice and score stay in the metadata under ``labels_fit``.
    """
    from claimgraph.embeddings.static import embed, embedding_fingerprint
    from claimgraph.embeddings.transformer import transformer_embed, transformer_fingerprint

    if teacher.encoder != "transformer" or teacher.joint is None:
        raise ModelError("the teacher must be the transformer voice model (voice-minilm.npz)")
    chosen = static.meta.get("chosen")
    if static.joint is None or not isinstance(chosen, dict) or not isinstance(chosen.get("joint"), dict):
        raise ModelError("distillation needs a static model trained with its embedding")
    joint_params = chosen["joint"]
    sentences = news_sentences(nlp, corpora)
    teacher_p = np.array(
        teacher.probabilities(sentences.features, transformer_embed(sentences.texts), sentences.texts)
    )
    joint, report = distill_joint(
        sentences,
        embed(sentences.texts),
        teacher_p,
        (float(joint_params["cue_scale"]), float(joint_params["emb_scale"])),
        teacher.threshold,
    )
    scores = static.meta.get("cv_macro_f1")
    meta = {
        **static.meta,
        "chosen": {**chosen, "joint": {**joint_params, "C": report["C"]}},
        "labels_fit": {"joint": joint_params, "cv_macro_f1": scores},
        "embedding_fingerprint": embedding_fingerprint(),
        "distilled": {"teacher": transformer_fingerprint(), "teacher_threshold": teacher.threshold, **report},
    }
    return replace(static, joint=joint, meta=meta)
