"""The Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11): reader, split and metrics.

The metrics are re-implemented from their published definitions (Da San
Martino et al., "SemEval-2020 Task 11: Detection of Propaganda Techniques in
News Articles", 2020, section 3); the official scorer is not used.

- **SI** (span identification): labels are ignored and the spans of each
  article are merged (overlapping spans become one). Every predicted span
  ``s`` earns ``|s ∩ gold| / |s|``, every gold span ``t`` earns
  ``|t ∩ predicted| / |t|``; precision is the mean over predicted spans,
  recall the mean over gold spans, F1 their harmonic mean.
- **labelled span F1**: the same, computed for each label on the spans of that
  label alone; the micro figure adds the credits and counts over all labels.
- **TC** (technique classification): given the gold spans, one label per gold
  instance; micro-F1 over instances (a span annotated with two labels needs
  two predictions, matched as multisets).

Offsets index the article text as read with ``open(path, encoding="utf-8")``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.eval import f1_of

__all__ = [
    "PtcArticle",
    "PtcSpan",
    "Scores",
    "evaluate",
    "format_table",
    "held_out",
    "labelled_scores",
    "merge_spans",
    "parse_ptc",
    "read_ptc",
    "si_scores",
    "split_articles",
    "tc_scores",
]

_ARTICLE_ID = re.compile(r"article(\d+)")


@dataclass(frozen=True, order=True)
class PtcSpan:
    """One annotated (or predicted) span of an article: ``[start, end)``, label or None."""

    article: str
    start: int
    end: int
    label: str | None = None


@dataclass
class PtcArticle:
    """An article's text and its technique spans."""

    id: str
    text: str
    spans: list[PtcSpan] = field(default_factory=list)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts they were computed from."""

    precision: float
    recall: float
    n_pred: int
    n_gold: int

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


# -- reading -----------------------------------------------------------------
def read_ptc(data_dir: str | Path) -> list[PtcArticle]:
    """Articles of a PTC folder (``train-articles/`` + ``*-task2-technique-classification/``).

    Falls back to the span-identification labels (no technique) when the TC
    labels are absent. Raises :class:`DataError` when the folder has no articles.
    """
    root = Path(data_dir)
    article_dirs = sorted(p for p in root.glob("*-articles") if p.is_dir()) or [root]
    paths = sorted(p for d in article_dirs for p in d.glob("article*.txt"))
    if not paths:
        raise DataError(f"no PTC articles (article*.txt) under {root}: point --data at the ptc folder")
    tc_dirs = sorted(root.glob("*technique-classification*"))
    si_dirs = sorted(root.glob("*span-identification*"))
    label_files = {}
    for d in si_dirs + tc_dirs:  # TC files win over SI files for the same article
        for f in d.glob("article*.labels"):
            m = _ARTICLE_ID.match(f.name)
            if m:
                label_files[m.group(1)] = f
    articles = []
    for path in paths:
        m = _ARTICLE_ID.match(path.name)
        if not m:
            continue
        aid = m.group(1)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        spans = _read_labels(label_files[aid], aid, len(text)) if aid in label_files else []
        articles.append(PtcArticle(aid, text, spans))
    return articles


def _read_labels(path: Path, article: str, n_chars: int) -> list[PtcSpan]:
    spans = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\r\n").split("\t")
            if not line.strip():
                continue
            try:
                if len(cols) == 4:
                    label, start, end = cols[1], int(cols[2]), int(cols[3])
                elif len(cols) == 3:
                    label, start, end = None, int(cols[1]), int(cols[2])
                else:
                    raise ValueError(f"{len(cols)} columns")
            except ValueError as exc:
                raise DataError(f"{path}:{lineno}: not a PTC label line ({exc})") from None
            if not 0 <= start <= end <= n_chars:
                raise DataError(f"{path}:{lineno}: span [{start}, {end}) outside the article")
            spans.append(PtcSpan(article, start, end, label))
    return sorted(set(spans)) if all(s.label is None for s in spans) else sorted(spans)


def split_articles(ids: Iterable[str], *, k: int = 5, fold: int = 0) -> tuple[list[str], list[str]]:
    """A split by article: the ids sorted, every ``k``-th (from ``fold``) is held out.

    Returns ``(train_ids, held_out_ids)``; ``k=5, fold=0`` holds out 20 %.
    """
    ordered = sorted(set(ids))
    held = [a for i, a in enumerate(ordered) if i % k == fold]
    return [a for i, a in enumerate(ordered) if i % k != fold], held


# -- metrics -----------------------------------------------------------------
def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of ``[start, end)`` ranges: overlapping ranges become one; empty ones go."""
    merged: list[list[int]] = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _overlap_credit(spans: Sequence[tuple[int, int]], other: Sequence[tuple[int, int]]) -> float:
    """Sum over ``spans`` of the share of each covered by ``other`` (both merged and sorted)."""
    total = 0.0
    j = 0
    for s, e in spans:
        while j < len(other) and other[j][1] <= s:
            j += 1
        covered = 0
        k = j
        while k < len(other) and other[k][0] < e:
            covered += min(e, other[k][1]) - max(s, other[k][0])
            k += 1
        total += covered / (e - s)
    return total


def _by_article(spans: Iterable[PtcSpan]) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sp in spans:
        grouped[sp.article].append((sp.start, sp.end))
    return {a: merge_spans(v) for a, v in grouped.items()}


def _credits(pred: Iterable[PtcSpan], gold: Iterable[PtcSpan]) -> tuple[float, float, int, int]:
    p_by, g_by = _by_article(pred), _by_article(gold)
    p_credit = sum(_overlap_credit(spans, g_by.get(a, [])) for a, spans in p_by.items())
    g_credit = sum(_overlap_credit(spans, p_by.get(a, [])) for a, spans in g_by.items())
    return p_credit, g_credit, sum(map(len, p_by.values())), sum(map(len, g_by.values()))


def si_scores(pred: Iterable[PtcSpan], gold: Iterable[PtcSpan]) -> Scores:
    """Span identification: partial credit by character overlap, labels ignored, spans merged."""
    p_credit, g_credit, n_pred, n_gold = _credits(pred, gold)
    return Scores(p_credit / n_pred if n_pred else 0.0, g_credit / n_gold if n_gold else 0.0, n_pred, n_gold)


def labelled_scores(pred: Iterable[PtcSpan], gold: Iterable[PtcSpan]) -> dict[str, Scores]:
    """SI computed per label; key ``"micro"`` adds credits and counts over all labels."""
    p_by: dict[str, list[PtcSpan]] = defaultdict(list)
    g_by: dict[str, list[PtcSpan]] = defaultdict(list)
    for sp in pred:
        p_by[str(sp.label)].append(sp)
    for sp in gold:
        g_by[str(sp.label)].append(sp)
    out: dict[str, Scores] = {}
    p_sum = g_sum = 0.0
    np_sum = ng_sum = 0
    for label in sorted(set(p_by) | set(g_by)):
        pc, gc, npred, ngold = _credits(p_by[label], g_by[label])
        out[label] = Scores(pc / npred if npred else 0.0, gc / ngold if ngold else 0.0, npred, ngold)
        p_sum, g_sum, np_sum, ng_sum = p_sum + pc, g_sum + gc, np_sum + npred, ng_sum + ngold
    out["micro"] = Scores(
        p_sum / np_sum if np_sum else 0.0, g_sum / ng_sum if ng_sum else 0.0, np_sum, ng_sum
    )
    return out


def tc_scores(gold: Sequence[PtcSpan], predicted: Sequence[str]) -> dict[str, Scores]:
    """Technique classification: ``predicted[i]`` is the label given to ``gold[i]``.

    Instances of one span (same article and offsets) are matched as multisets,
    so a span with gold labels {A, B} predicted as {B, A} scores two hits.
    Returns per-label scores and ``"micro"`` (P = R = F1 = accuracy here).
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold spans")
    gold_by: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    pred_by: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold, predicted, strict=True):
        key = (g.article, g.start, g.end)
        gold_by[key][str(g.label)] += 1
        pred_by[key][p] += 1
    hits: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, g_counts in gold_by.items():
        p_counts = pred_by[key]
        hits.update(g_counts & p_counts)
        n_pred.update(p_counts)
        n_gold.update(g_counts)
    out = {
        label: Scores(
            hits[label] / n_pred[label] if n_pred[label] else 0.0,
            hits[label] / n_gold[label] if n_gold[label] else 0.0,
            n_pred[label],
            n_gold[label],
        )
        for label in sorted(set(n_pred) | set(n_gold))
    }
    total_hits, total_pred, total_gold = sum(hits.values()), sum(n_pred.values()), sum(n_gold.values())
    out["micro"] = Scores(
        total_hits / total_pred if total_pred else 0.0,
        total_hits / total_gold if total_gold else 0.0,
        total_pred,
        total_gold,
    )
    return out


# -- running claimgraph on PTC -------------------------------------------------
def parse_ptc(data: Path, workers: int = 1) -> tuple[list[PtcArticle], list]:
    """The articles of a PTC folder and their spaCy parses (cached on disk by split)."""
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.cache import parse_cached

    articles = read_ptc(data)
    split = next((p.name.removesuffix("-articles") for p in sorted(data.glob("*-articles"))), data.name)
    docs = parse_cached(load_pipeline(), [a.text for a in articles], f"ptc-{split}", n_process=workers)
    return articles, docs


def held_out(articles: Sequence[PtcArticle], trained_on: Iterable[str]) -> list[int]:
    """Indices of the articles a model was not trained on (``trained_on``: article ids).

    Raises :class:`DataError` when there are none: scoring a model on its own training
    articles says nothing.
    """
    trained = set(trained_on)
    keep = [i for i, a in enumerate(articles) if a.id not in trained]
    if not keep:
        raise DataError(
            f"all {len(articles)} articles were used to train this model: train a held-out "
            "model (`claimgraph train techniques --holdout --out DIR`) and pass --model-dir DIR"
        )
    return keep


def evaluate(articles: Sequence[PtcArticle], docs: Sequence, models=None) -> dict:
    """Score the techniques extractor on parsed PTC articles: SI, labelled span F1, TC.

    ``docs`` are the spaCy parses of ``articles`` (same order); ``models`` a
    :class:`~claimgraph.stages.techniques.model.TechniqueModels` (default: shipped).
    Returns a JSON-ready dict, with the extractor's time and the token count.
    """
    import time

    from claimgraph.stages.techniques import classify_spans, technique_spans
    from claimgraph.stages.techniques.features import DocFeatures
    from claimgraph.stages.techniques.model import load_models

    models = models or load_models()
    gold = [sp for a in articles for sp in a.spans if sp.label is not None]
    pred: list[PtcSpan] = []
    tc_pred: list[str] = []
    seconds = 0.0
    for art, doc in zip(articles, docs, strict=True):
        t0 = time.perf_counter()
        feats = DocFeatures(doc)
        found = technique_spans(doc, models, feats)
        seconds += time.perf_counter() - t0
        pred += [PtcSpan(art.id, s, e, label) for label, s, e, _ in found]
        mine = [sp for sp in art.spans if sp.label is not None]
        ranked = classify_spans(doc, [(sp.start, sp.end) for sp in mine], models, feats)
        tc_pred += _tc_labels(mine, ranked)
    si = si_scores(pred, gold)
    labelled = labelled_scores(pred, gold)
    tc = tc_scores(gold, tc_pred)
    return {
        "articles": len(articles),
        "si": si.as_dict(),
        "labelled": {k: v.as_dict() for k, v in labelled.items()},
        "tc": {k: v.as_dict() for k, v in tc.items()},
        "seconds": round(seconds, 3),
        "tokens": sum(len(d) for d in docs),
    }


def _tc_labels(spans: Sequence[PtcSpan], ranked: Sequence[Sequence[tuple[str, float]]]) -> list[str]:
    """One label per gold instance; a span annotated n times gets its n best labels."""
    seen: Counter[tuple[int, int]] = Counter()
    out = []
    for sp, labels in zip(spans, ranked, strict=True):
        k = seen[(sp.start, sp.end)]
        seen[(sp.start, sp.end)] += 1
        out.append(labels[min(k, len(labels) - 1)][0])
    return out


def format_table(result: dict) -> str:
    """The result of :func:`evaluate` as a plain-text table."""
    lines = [
        f"PTC — {result['articles']} articles",
        f"{'':36}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}",
    ]

    def row(name: str, m: dict) -> str:
        return (
            f"{name:36}{m['precision']:7.3f}{m['recall']:7.3f}{m['f1']:7.3f}{m['n_pred']:7d}{m['n_gold']:7d}"
        )

    lines.append(row("SI (spans, labels ignored)", result["si"]))
    lines.append(row("labelled span (micro)", result["labelled"]["micro"]))
    lines.append(row("TC (label of gold spans, micro)", result["tc"]["micro"]))
    lines.append("per label: labelled span F1 | TC F1")
    for label, m in result["labelled"].items():
        if label != "micro":
            tc = result["tc"].get(label, {"f1": 0.0, "n_gold": 0})
            lines.append(f"  {label:34}{m['f1']:7.3f} |{tc['f1']:7.3f}  (gold {m['n_gold']})")
    if result.get("tokens"):
        per_k = 1000 * result["seconds"] / max(1, result["tokens"]) * 1000
        lines.append(
            f"techniques: {result['seconds']:.2f}s for {result['tokens']:,} tokens "
            f"({per_k:.1f} ms per 1,000 tokens)"
        )
    return "\n".join(lines)
