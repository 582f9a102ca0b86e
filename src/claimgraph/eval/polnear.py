"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): brat reader and attribution scorer.

The corpus folder holds ``metadata.tsv`` and, per split, ``text/NAME.txt`` and
``attributions/NAME_ANNOTATOR.ann`` (brat standoff). Several annotators
labelled some articles; like the published results we score one annotation
per article, the first annotator listed in ``metadata.tsv``.

Measures (what ``claimgraph eval polnear`` prints):

- **exact** per-role F1 (source, cue, content): every contiguous fragment of a
  span is one item (PolNeAR spans may be discontinuous, e.g. a quote broken by
  "he said"); fragments are trimmed of whitespace, punctuation and quote marks
  and must match exactly;
- **any-overlap** per-role F1: a predicted fragment is right when it overlaps a
  gold fragment of the same role, a gold fragment is found when a prediction
  overlaps it;
- **attribution-level** F1: a predicted attribution matches a gold one
  (one-to-one) when their contents overlap by at least half their union, in
  characters.
"""

from __future__ import annotations

import csv
import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import DataError
from claimgraph.eval import f1_of
from claimgraph.nlp.spans import QUOTE_MARKS, trim_offsets

__all__ = [
    "ROLES",
    "Article",
    "Attribution",
    "Prf",
    "Scores",
    "article_text",
    "attribution_kind",
    "evaluate",
    "format_table",
    "holdout_names",
    "load_split",
    "parse_articles",
    "read_ann",
    "score",
    "split_names",
]

ROLES: tuple[str, ...] = ("source", "cue", "content")
Frag = tuple[int, int]


@dataclass
class Attribution:
    """One attribution relation: its source, cue and content fragments (character offsets)."""

    source: list[Frag] = field(default_factory=list)
    cue: list[Frag] = field(default_factory=list)
    content: list[Frag] = field(default_factory=list)
    kind: str | None = None

    def role(self, name: str) -> list[Frag]:
        return getattr(self, name)


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution]
    annotator: str = ""


# -- reading ------------------------------------------------------------------
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")


def read_ann(path: Path | str) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file (text lines broken by newlines are tolerated)."""
    spans: dict[str, tuple[str, list[Frag]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _T_LINE.match(line)
        if m:
            frags: list[Frag] = []
            for part in m.group(3).split(";"):
                bits = part.split()
                if len(bits) == 2:
                    frags.append((int(bits[0]), int(bits[1])))
            spans[m.group(1)] = (m.group(2), frags)
        elif line.startswith("E") and "\t" in line:
            args = []
            for item in line.split("\t", 1)[1].split():
                if ":" in item:
                    role, ref = item.split(":", 1)
                    args.append((role, ref))
            events.append(args)
    out: list[Attribution] = []
    for args in events:
        att = Attribution()
        for role, ref in args:
            base = re.sub(r"\d+$", "", role).lower()
            if base in ROLES and ref in spans:
                att.role(base).extend(spans[ref][1])
        if att.content or att.cue or att.source:
            for r in ROLES:
                att.role(r).sort()
            out.append(att)
    return out


def _metadata(data_dir: Path) -> list[dict[str, str]]:
    meta = data_dir / "metadata.tsv"
    if not meta.is_file():
        raise DataError(f"{meta} not found: --data must be PolNeAR's data/ folder")
    with meta.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _split_rows(data_dir: Path, split: str) -> list[dict[str, str]]:
    rows = sorted(
        (r for r in _metadata(data_dir) if r.get("compartment") == split), key=lambda r: r["filename"]
    )
    if not rows:
        raise DataError(f"PolNeAR split {split!r} has no articles in {data_dir}")
    return rows


def split_names(data_dir: Path | str, split: str = "dev") -> list[str]:
    """The article names of one split, sorted (from the metadata alone: no article is read)."""
    return [r["filename"] for r in _split_rows(Path(data_dir), split)]


def article_text(data_dir: Path | str, split: str, name: str) -> str:
    """The text of one article of a split."""
    return (Path(data_dir) / split / "text" / f"{name}.txt").read_text(encoding="utf-8")


def load_split(data_dir: Path | str, split: str = "dev", limit: int | None = None) -> list[Article]:
    """The articles of one split, sorted by name, with the first annotator's attributions."""
    data_dir = Path(data_dir)
    rows = _split_rows(data_dir, split)
    articles: list[Article] = []
    for r in rows[:limit] if limit else rows:
        name = r["filename"]
        annotator = (r.get("annotators") or "").split("|")[0]
        ann_path = data_dir / split / "attributions" / f"{name}_{annotator}.ann"
        if not ann_path.is_file():
            found = sorted((data_dir / split / "attributions").glob(f"{name}_*.ann"))
            if not found:
                raise DataError(f"no annotation for {name} in {data_dir / split}")
            ann_path = found[0]
        text = article_text(data_dir, split, name)
        atts = read_ann(ann_path)
        for a in atts:
            a.kind = attribution_kind(text, a)
        articles.append(Article(name=name, text=text, attributions=atts, annotator=annotator))
    return articles


# -- kinds --------------------------------------------------------------------
def attribution_kind(text: str, att: Attribution) -> str:
    """A rough kind for an attribution, gold or predicted, from its surface alone.

    ``according_to`` when the cue says so; ``direct`` when the whole content is
    inside quote marks; ``mixed`` when part of it is; ``nominal`` when the cue is
    a noun-like word (no verb-looking ending, e.g. "claim", "accusations"),
    otherwise ``indirect``.
    """
    cue = " ".join(text[s:e] for s, e in att.cue).lower()
    if "according" in cue or re.search(r"\bin (?:\w+\W+){1,3}(?:view|opinion|words)\b", cue):
        return "according_to"
    if att.content:
        s = min(a for a, _ in att.content)
        e = max(b for _, b in att.content)
        before = text[max(0, s - 2) : s]
        after = text[e : e + 2]
        inner = text[s:e]
        opened = any(q in before for q in QUOTE_MARKS + "\u2018'")
        fully = opened and any(q in after for q in QUOTE_MARKS + "\u2019'")
        if fully or (inner[:1] in QUOTE_MARKS and inner.rstrip(".,!? ")[-1:] in QUOTE_MARKS):
            return "direct"
        if any(q in inner for q in QUOTE_MARKS):
            return "mixed"
    words = cue.split()
    if (
        words
        and any(ch.isalpha() for ch in cue)
        and not any(
            w.endswith(("ed", "s", "ing"))
            or w in {"say", "tell", "told", "said", "think", "believe", "say,", "ask", "asked"}
            for w in words
        )
    ):
        return "nominal"
    return "indirect"


# -- scoring ------------------------------------------------------------------
@dataclass
class Prf:
    tp_p: int = 0  # predictions counted right
    n_p: int = 0
    tp_g: int = 0  # gold items found
    n_g: int = 0

    @property
    def precision(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 0.0

    @property
    def recall(self) -> float:
        return self.tp_g / self.n_g if self.n_g else 0.0

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    def add(self, other: Prf) -> None:
        self.tp_p += other.tp_p
        self.n_p += other.n_p
        self.tp_g += other.tp_g
        self.n_g += other.n_g

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.n_p,
            "gold": self.n_g,
        }


@dataclass
class Scores:
    exact: dict[str, Prf] = field(default_factory=lambda: {r: Prf() for r in ROLES})
    overlap: dict[str, Prf] = field(default_factory=lambda: {r: Prf() for r in ROLES})
    attribution: Prf = field(default_factory=Prf)
    #: gold kind → (found, total); predicted kind → (right, total)
    kind_recall: dict[str, list[int]] = field(default_factory=dict)
    kind_precision: dict[str, list[int]] = field(default_factory=dict)
    articles: int = 0

    def as_dict(self) -> dict[str, object]:
        kinds = sorted(set(self.kind_recall) | set(self.kind_precision))
        per_kind = {}
        for k in kinds:
            f, n = self.kind_recall.get(k, [0, 0])
            r_, m = self.kind_precision.get(k, [0, 0])
            per_kind[k] = Prf(tp_p=r_, n_p=m, tp_g=f, n_g=n).as_dict()
        return {
            "articles": self.articles,
            "exact": {r: p.as_dict() for r, p in self.exact.items()},
            "overlap": {r: p.as_dict() for r, p in self.overlap.items()},
            "attribution": self.attribution.as_dict(),
            "per_kind": per_kind,
        }


def _trimmed(text: str, frags: Iterable[Frag]) -> set[Frag]:
    out = set()
    for s, e in frags:
        s, e = trim_offsets(text, s, e)
        if e > s:
            out.add((s, e))
    return out


def _chars(frags: Iterable[Frag]) -> set[int]:
    out: set[int] = set()
    for s, e in frags:
        out.update(range(s, e))
    return out


def _score_article(
    text: str, gold: Sequence[Attribution], pred: Sequence[Attribution], scores: Scores
) -> None:
    for role in ROLES:
        g = set().union(*(_trimmed(text, a.role(role)) for a in gold)) if gold else set()
        p = set().union(*(_trimmed(text, a.role(role)) for a in pred)) if pred else set()
        scores.exact[role].add(Prf(tp_p=len(g & p), n_p=len(p), tp_g=len(g & p), n_g=len(g)))
        ov = Prf(n_p=len(p), n_g=len(g))
        ov.tp_p = sum(1 for s, e in p if any(s < ge and gs < e for gs, ge in g))
        ov.tp_g = sum(1 for s, e in g if any(s < pe and ps < e for ps, pe in p))
        scores.overlap[role].add(ov)
    # attribution level: one-to-one, greedy by overlap ratio
    gc = [_chars(_trimmed(text, a.content)) for a in gold]
    pc = [_chars(_trimmed(text, a.content)) for a in pred]
    pairs = []
    for i, gch in enumerate(gc):
        for j, pch in enumerate(pc):
            if gch and pch:
                inter = len(gch & pch)
                if inter and inter * 2 >= len(gch | pch):
                    pairs.append((inter / len(gch | pch), i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    n_g = sum(1 for g in gc if g)
    n_p = sum(1 for p in pc if p)
    scores.attribution.add(Prf(tp_p=len(used_p), n_p=n_p, tp_g=len(used_g), n_g=n_g))
    for i, a in enumerate(gold):
        if gc[i]:
            slot = scores.kind_recall.setdefault(a.kind or "?", [0, 0])
            slot[0] += i in used_g
            slot[1] += 1
    for j, a in enumerate(pred):
        if pc[j]:
            slot = scores.kind_precision.setdefault(a.kind or "?", [0, 0])
            slot[0] += j in used_p
            slot[1] += 1


def score(articles: Sequence[Article], predictions: Sequence[Sequence[Attribution]]) -> Scores:
    """Score predicted attributions (one list per article, in order) against the gold."""
    if len(articles) != len(predictions):
        raise ValueError("one list of predictions per article is needed")
    scores = Scores(articles=len(articles))
    for art, pred in zip(articles, predictions, strict=True):
        _score_article(art.text, art.attributions, pred, scores)
    return scores


# -- running the benchmark ------------------------------------------------------
def parse_articles(articles: Sequence[Article], key: str, workers: int = 1) -> list[Any]:
    """spaCy Docs of the articles' texts, cached on disk under ``key``."""
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.cache import parse_cached

    return parse_cached(load_pipeline(), [a.text for a in articles], key, n_process=workers)


def holdout_names(data: Path, fraction: float = 0.1, seed: int = 13) -> tuple[list[str], list[str]]:
    """A fixed split of PolNeAR train into (fit, held-out) article names, for development."""
    names = split_names(data, "train")
    rng = random.Random(seed)
    held = set(rng.sample(names, max(1, int(len(names) * fraction))))
    return [n for n in names if n not in held], [n for n in names if n in held]


def evaluate(
    data: Path,
    split: str,
    *,
    limit: int | None = None,
    rules: bool = True,
    workers: int = 1,
) -> dict[str, Any]:
    """Score the statements extractor on a PolNeAR split: ``dev``, ``train``, or ``heldout``
    (the development tenth of train that ``train statements --holdout`` leaves out)."""
    from claimgraph.stages.statements import raw_statements

    articles = load_split(data, "train" if split == "heldout" else split)
    if split == "heldout":
        keep = set(holdout_names(data)[1])
        articles = [a for a in articles if a.name in keep]
    if limit:
        articles = articles[:limit]
    docs = parse_articles(articles, f"polnear-{'train' if split == 'heldout' else split}", workers)
    t0 = time.perf_counter()
    preds = [
        [
            Attribution(source=r.source, cue=r.cue, content=r.content)
            for r in raw_statements(doc, use_rules=rules)
        ]
        for doc in docs
    ]
    seconds = time.perf_counter() - t0
    # per-kind figures: predictions get their kind from the same surface reading as the gold
    for art, pred in zip(articles, preds, strict=True):
        for p in pred:
            p.kind = attribution_kind(art.text, p)
    result = score(articles, preds).as_dict()
    result.update(split=split, seconds=round(seconds, 2), tokens=sum(len(d) for d in docs), rules=rules)
    return result


def format_table(result: dict[str, Any]) -> str:
    """The scores of :func:`evaluate` as a plain-text table."""
    lines = [f"PolNeAR {result['split']} — {result['articles']} articles"]
    lines.append(f"{'':14}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}")
    rows = [(f"{mode} {role}", m) for mode in ("exact", "overlap") for role, m in result[mode].items()]
    rows.append(("attribution", result["attribution"]))
    for name, m in rows:
        lines.append(
            f"{name:14}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}{m['predicted']:7d}{m['gold']:7d}"
        )
    lines.append("per kind (recall over gold of that kind, precision over predictions of that kind):")
    for k, m in result["per_kind"].items():
        lines.append(
            f"  {k:12}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}{m['predicted']:7d}{m['gold']:7d}"
        )
    if "seconds" in result:
        lines.append(f"statements: {result['seconds']:.1f}s for {result['tokens']:,} tokens")
    return "\n".join(lines)
