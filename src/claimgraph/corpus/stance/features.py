"""Features of a (headline, article body) pair for FNC-1 stance.

Relatedness: hashed tf-idf cosine of lemma uni- and bigrams (whole body, lead,
best sentences), overlap of content lemmas, bigrams and word forms. Stance:
the claim lexicon's refutation, doubt, hedging and support words and negations
(``knowledge/data/claims.tsv``, :mod:`claimgraph.nlp.lexical`),
counted in the whole body, in the sentences closest to the headline, and near
the headline's own terms, plus the same cues in the headline. Following the
FNC-1 baseline (Galbraith, Iyer, Pan & Rao 2017: refuting words, polarity,
n-gram hits) and Athene (Hanselowski et al. 2018: tf-idf cosine, stacked
features). Every pair feature is computed from per-document summaries, so each
headline and body is parsed and summarised once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import scipy.sparse as sp
from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.claims import lexicon_phrases, lexicon_words
from claimgraph.ml.hashing import StringHasher
from claimgraph.ml.tfidf import smooth_idf, tfidf
from claimgraph.nlp.lexical import content_lemmas, is_negation

__all__ = ["FEATURE_NAMES", "DocSummary", "PairFeaturizer", "summarize"]

N_HASH = 2**18
CUE_CATEGORIES = ("refute", "doubt", "hedge", "support")
_LEAD_SENTENCES = 2
_TOP = 3
_WINDOW = 3


def _terms(tokens: Iterable[Token]) -> list[str]:
    lemmas = [(t.lemma_ or t.text).lower() for t in tokens if (t.is_alpha or t.like_num) and not t.is_stop]
    return lemmas + [f"{a}_{b}" for a, b in itertools.pairwise(lemmas)]


def _cue_counts(span: Span | Doc) -> np.ndarray:
    """[refute, doubt, hedge, support, negation] counts in a span."""
    counts = np.zeros(len(CUE_CATEGORIES) + 1)
    text = span.text.lower()
    for t in span:
        lemma, lower = t.lemma_.lower(), t.lower_
        for i, cat in enumerate(CUE_CATEGORIES):
            words = lexicon_words(cat)
            if lemma in words or lower in words:
                counts[i] += 1
        if is_negation(t):
            counts[-1] += 1
    for i, cat in enumerate(CUE_CATEGORIES):
        counts[i] += sum(text.count(p) for p in lexicon_phrases(cat))
    return counts


def _windows(sent: Span, cue: frozenset[str] | None) -> list[set[str]]:
    """For each negation (or cue word) in ``sent``: lemmas of its head, siblings and neighbours."""
    out = []
    for t in sent:
        hit = is_negation(t) if cue is None else (t.lemma_.lower() in cue or t.lower_ in cue)
        if not hit:
            continue
        near = [t.head, *t.head.children, *sent.doc[max(sent.start, t.i - _WINDOW) : t.i + _WINDOW + 1]]
        out.append(content_lemmas(near))
    return out


@dataclass
class DocSummary:
    """What the pair features need from one parsed headline or body."""

    terms: list[str]
    sentence_terms: list[list[str]]
    content: set[str]
    lead: set[str]
    bigrams: set[tuple[str, str]]
    forms: set[str]
    cues: np.ndarray
    sentence_cues: np.ndarray
    negation_windows: list[list[set[str]]]
    refute_windows: list[list[set[str]]]
    word_counts: np.ndarray
    question: bool = False
    sentence_content: list[set[str]] = field(default_factory=list)


@cache
def _vocabulary() -> list[str]:
    return sorted(lexicon_words("refute") | lexicon_words("hedge") | lexicon_words("doubt"))


def summarize(doc: Doc) -> DocSummary:
    """Summarise one parsed text (headline or body)."""
    sents = list(doc.sents) or [doc[:]]
    lemmas = [(t.lemma_ or t.text).lower() for t in doc if t.is_alpha and not t.is_stop]
    vocab = {w: i for i, w in enumerate(_vocabulary())}
    word_counts = np.zeros(len(vocab))
    for t in doc:
        for key in {t.lemma_.lower(), t.lower_}:
            if key in vocab:
                word_counts[vocab[key]] += 1
    refute = lexicon_words("refute")
    return DocSummary(
        terms=_terms(doc),
        sentence_terms=[_terms(s) for s in sents],
        content=content_lemmas(doc),
        lead=content_lemmas(t for s in sents[:_LEAD_SENTENCES] for t in s),
        bigrams=set(itertools.pairwise(lemmas)),
        forms={t.lower_ for t in doc if t.is_alpha and not t.is_stop},
        cues=_cue_counts(doc),
        sentence_cues=np.array([_cue_counts(s) for s in sents]),
        negation_windows=[_windows(s, None) for s in sents],
        refute_windows=[_windows(s, refute) for s in sents],
        word_counts=word_counts,
        question="?" in doc.text,
        sentence_content=[content_lemmas(s) for s in sents],
    )


def _names() -> list[str]:
    rel = [
        "cos_body",
        "cos_lead",
        "cos_best_sentence",
        "cos_top3",
        "head_in_body",
        "head_in_lead",
        "shared_lemmas",
        "jaccard",
        "head_bigrams_in_body",
        "head_forms_in_body",
        "head_length",
        "body_sentences",
        "first_related_position",
    ]
    cats = [*CUE_CATEGORIES, "negation"]
    stance = [f"body_{c}" for c in cats] + [f"body_{c}_rate" for c in cats] + [f"top_{c}" for c in cats]
    stance += ["negation_near_head", "negation_near_head_top", "refute_near_head"]
    stance += [f"head_{c}" for c in cats] + ["head_question", "head_refute_x_body_refute"]
    stance += [f"word_{w}" for w in _vocabulary()]
    return rel + stance


FEATURE_NAMES: list[str] = _names()


class PairFeaturizer:
    """Turns document summaries into the feature matrix; holds the hashed idf weights."""

    def __init__(self, idf: np.ndarray | None = None) -> None:
        self.vectorizer = StringHasher(N_HASH)
        self.idf = idf

    def fit_idf(self, summaries: Sequence[DocSummary]) -> None:
        counts = self.vectorizer.transform([s.terms for s in summaries]).tocsr()
        self.idf = smooth_idf(counts, N_HASH).astype(np.float32)

    def _tfidf(self, term_lists: Sequence[list[str]]) -> sp.csr_matrix:
        assert self.idf is not None, "fit_idf first"
        return tfidf(self.vectorizer.transform(term_lists), self.idf)

    def transform(
        self, heads: Sequence[DocSummary], bodies: Sequence[DocSummary], pairs: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Feature rows for ``pairs`` of (headline index, body index)."""
        if not pairs:
            return np.zeros((0, len(FEATURE_NAMES)))
        h_vec = self._tfidf([h.terms for h in heads])
        b_vec = self._tfidf([b.terms for b in bodies])
        lead_vec = self._tfidf([[t for s in b.sentence_terms[:_LEAD_SENTENCES] for t in s] for b in bodies])
        sent_vecs = [self._tfidf(b.sentence_terms) for b in bodies]
        rows = []
        for hi, bi in pairs:
            h, b, hv = heads[hi], bodies[bi], h_vec[hi]
            sims = np.asarray((sent_vecs[bi] @ hv.T).todense()).ravel()
            rows.append(self._row(h, b, hv, b_vec[bi], lead_vec[bi], sims))
        return np.array(rows, dtype=np.float64)

    @staticmethod
    def _row(h: DocSummary, b: DocSummary, hv, bv, lv, sims: np.ndarray) -> list[float]:
        cos = float(hv.multiply(bv).sum())
        cos_lead = float(hv.multiply(lv).sum())
        order = np.argsort(-sims) if len(sims) else np.array([], dtype=int)
        top = order[:_TOP]
        n_head = max(len(h.content), 1)
        shared = h.content & b.content
        related = [i for i, s in enumerate(b.sentence_content) if len(s & h.content) >= 2]
        first = related[0] / max(len(b.sentence_content), 1) if related else 1.0
        n_sent = max(len(b.sentence_terms), 1)
        top_cues = b.sentence_cues[top].sum(axis=0) if len(top) else np.zeros(len(CUE_CATEGORIES) + 1)

        def near(windows: list[list[set[str]]], which) -> float:
            return float(sum(1 for i in which for w in windows[i] if w & h.content))

        all_idx = range(len(b.negation_windows))
        return [
            cos,
            cos_lead,
            float(sims.max()) if len(sims) else 0.0,
            float(sims[top].mean()) if len(top) else 0.0,
            len(shared) / n_head,
            len(h.content & b.lead) / n_head,
            float(len(shared)),
            len(shared) / max(len(h.content | b.content), 1),
            len(h.bigrams & b.bigrams) / max(len(h.bigrams), 1),
            len(h.forms & b.forms) / max(len(h.forms), 1),
            float(len(h.content)),
            float(n_sent),
            first,
            *b.cues,
            *(b.cues / n_sent),
            *top_cues,
            near(b.negation_windows, all_idx),
            near(b.negation_windows, top),
            near(b.refute_windows, all_idx),
            *h.cues,
            float(h.question),
            float(h.cues[0] > 0) * float(b.cues[0]),
            *b.word_counts,
        ]
