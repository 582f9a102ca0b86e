"""Event clusters scored on hand-labelled pairs of event mentions (``benchmarks/data/event_pairs.tsv``).

Each pair is two event mentions in two different articles (FNC-1 train bodies, PolNeAR
train texts), labelled ``same`` or ``different`` real event (kind ``hard``: the same
actors and type on another occasion). The file stores offsets and hashes only; the
texts are read from the research corpora (FNC-1 bodies have no publication date;
PolNeAR articles take theirs, and their publisher as outlet, from ``metadata.tsv``).
Split ``dev`` is for choosing the clustering parameters, ``check`` for the figure.

Each labelled mention is mapped to a predicted event of its document's record: the
event whose trigger overlaps the labelled trigger (the pair's PLOVER type first, then
the largest overlap), else an event of the pair's PLOVER type whose trigger lies in the
labelled sentence (the nearest). The two mapped events are then clustered as the corpus
would (:func:`claimgraph.corpus.events.same_event`, centred on the mean of every event
of the analysed documents, words weighted by their counts over those events' sentences).
A pair with an unmapped mention is predicted ``different``.

Reported: pairwise precision, recall and F1 of ``same``; the same over the pairs whose
two mentions are mapped (the clustering alone); the labelled mentions left unmapped and
the ``same`` pairs they cost (the mapping's loss).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.corpus.events import (
    DEFAULT_CLUSTER_PARAMS,
    ClusterParams,
    TermWeights,
    mention_of,
    same_event,
    sentence_terms,
)
from claimgraph.corpus.matching import centre
from claimgraph.errors import DataError
from claimgraph.eval import labelled_rows, prf
from claimgraph.eval.corpora import CorpusTexts
from claimgraph.record import DocumentInfo, Event, Record

__all__ = [
    "COLUMNS",
    "EventPair",
    "LabelledMention",
    "PairDocument",
    "PairScores",
    "format_table",
    "map_mention",
    "read_documents",
    "read_pairs",
    "score",
]

COLUMNS: tuple[str, ...] = (
    "pair", "split", "label", "kind",
    "a_corpus", "a_path", "a_sent_start", "a_sent_end", "a_trig_start", "a_trig_end", "a_sha1",
    "b_corpus", "b_path", "b_sent_start", "b_sent_end", "b_trig_start", "b_trig_end", "b_sha1",
    "plover", "dyad",
)  # fmt: skip


@dataclass(frozen=True)
class LabelledMention:
    corpus: str
    path: str
    sentence: tuple[int, int]
    trigger: tuple[int, int]

    @property
    def doc_id(self) -> str:
        return f"{self.corpus}/{self.path}"


@dataclass(frozen=True)
class EventPair:
    id: str
    split: str
    label: str  #: same | different
    kind: str  #: same | hard | easy
    a: LabelledMention
    b: LabelledMention
    plover: str
    dyad: str


@dataclass(frozen=True)
class PairDocument:
    corpus: str
    path: str
    text: str
    published: str | None = None
    source: str | None = None

    @property
    def doc_id(self) -> str:
        return f"{self.corpus}/{self.path}"

    def document(self) -> DocumentInfo:
        return DocumentInfo(id=self.doc_id, text=self.text, published=self.published, source=self.source)


def _mention(row: dict[str, str], side: str) -> LabelledMention:
    return LabelledMention(
        corpus=row[f"{side}_corpus"],
        path=row[f"{side}_path"],
        sentence=(int(row[f"{side}_sent_start"]), int(row[f"{side}_sent_end"])),
        trigger=(int(row[f"{side}_trig_start"]), int(row[f"{side}_trig_end"])),
    )


def read_pairs(path: Path, *, split: str | None = "dev") -> list[EventPair]:
    """The labelled pairs of ``split`` (``dev``, ``check``, or None for both)."""
    pairs: list[EventPair] = []
    for row in labelled_rows(path, COLUMNS):
        if split is not None and row["split"] != split:
            continue
        try:
            pairs.append(
                EventPair(
                    id=row["pair"],
                    split=row["split"],
                    label=row["label"],
                    kind=row["kind"],
                    a=_mention(row, "a"),
                    b=_mention(row, "b"),
                    plover=row["plover"],
                    dyad=row["dyad"],
                )
            )
        except (ValueError, TypeError) as exc:
            raise DataError(f"{path}: pair {row.get('pair')}: bad offsets ({exc})") from None
    return pairs


def read_documents(pairs: Iterable[EventPair], data_dir: Path) -> list[PairDocument]:
    """Each document the pairs name, once, in a fixed order, from the research corpora."""
    wanted = sorted({(m.corpus, m.path) for p in pairs for m in (p.a, p.b)})
    corpora = CorpusTexts(data_dir)
    docs: list[PairDocument] = []
    try:
        for corpus, path in wanted:
            docs.append(
                PairDocument(
                    corpus,
                    path,
                    corpora.text(corpus, path),
                    published=corpora.published(corpus, path),
                    source=corpora.publisher(corpus, path),
                )
            )
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read the paired articles from {data_dir}: {exc}") from None
    return docs


# -- mapping and scoring --------------------------------------------------------------
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def map_mention(record: Record, mention: LabelledMention, plover: str) -> Event | None:
    """The predicted event of a labelled mention (see the module docstring), or None."""
    over = [
        (e.plover != plover, -_overlap((e.trigger.start, e.trigger.end), mention.trigger), n, e)
        for n, e in enumerate(record.events)
        if _overlap((e.trigger.start, e.trigger.end), mention.trigger) > 0
    ]
    if over:
        return min(over, key=lambda t: t[:3])[3]
    s0, s1 = mention.sentence
    near = [
        (abs(e.trigger.start - mention.trigger[0]), n, e)
        for n, e in enumerate(record.events)
        if e.plover == plover and s0 <= e.trigger.start < s1
    ]
    return min(near, key=lambda t: t[:2])[2] if near else None


@dataclass
class PairScores:
    pairs: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    #: over pairs whose two mentions are mapped
    mapped_pairs: int = 0
    mapped_tp: int = 0
    mapped_fp: int = 0
    mapped_fn: int = 0
    mentions: int = 0
    unmapped_mentions: int = 0
    #: same pairs predicted different because a mention is unmapped
    same_lost_to_mapping: int = 0
    same: int = 0
    false_positives: Counter[str] = field(default_factory=Counter)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  #: (pair, label, kind, predicted)

    def as_dict(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        mp, mr, mf = prf(self.mapped_tp, self.mapped_fp, self.mapped_fn)
        return {
            "pairs": self.pairs,
            "same": self.same,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "mapped_pairs": self.mapped_pairs,
            "clustering": {"precision": round(mp, 4), "recall": round(mr, 4), "f1": round(mf, 4)},
            "mentions": self.mentions,
            "unmapped_mentions": self.unmapped_mentions,
            "same_lost_to_mapping": self.same_lost_to_mapping,
            "same_lost_to_clustering": self.mapped_fn,
            "false_positives_by_kind": dict(sorted(self.false_positives.items())),
        }


def score(
    pairs: Sequence[EventPair],
    records: Mapping[str, Record],
    params: ClusterParams = DEFAULT_CLUSTER_PARAMS,
) -> PairScores:
    """Score the pairs against the records of their documents (by document id)."""
    from claimgraph.embeddings.static import embed

    every = [(doc_id, ev) for doc_id, rec in sorted(records.items()) for ev in rec.events]
    texts = [" ".join(ev.sentence.text.split()) for _, ev in every]
    vectors = embed(texts) if texts else np.zeros((0, 0), np.float32)
    row_of = {(doc_id, ev.id): n for n, (doc_id, ev) in enumerate(every)}
    mean = centre(vectors) if len(vectors) else None
    weights = TermWeights.of(sentence_terms(t) for t in texts)
    out = PairScores()
    mapped: dict[tuple[str, tuple[int, int], str], Event | None] = {}

    def lookup(m: LabelledMention, plover: str) -> Event | None:
        key = (m.doc_id, m.trigger, plover)
        if key not in mapped:
            record = records.get(m.doc_id)
            if record is None:
                raise DataError(f"no record for {m.doc_id}")
            mapped[key] = map_mention(record, m, plover)
        return mapped[key]

    labelled: dict[tuple[str, tuple[int, int]], bool] = {}
    for pair in pairs:
        out.pairs += 1
        gold = pair.label == "same"
        out.same += gold
        ea, eb = lookup(pair.a, pair.plover), lookup(pair.b, pair.plover)
        for m, e in ((pair.a, ea), (pair.b, eb)):
            key = (m.doc_id, m.trigger)
            labelled[key] = labelled.get(key, False) or e is not None
        predicted = False
        if ea is not None and eb is not None:
            ra, rb = records[pair.a.doc_id], records[pair.b.doc_id]
            va = vectors[row_of[(pair.a.doc_id, ea.id)]]
            vb = vectors[row_of[(pair.b.doc_id, eb.id)]]
            predicted = same_event(
                mention_of(ra, ea), mention_of(rb, eb), [va, vb], params, mean=mean, weights=weights
            )
            out.mapped_pairs += 1
            out.mapped_tp += gold and predicted
            out.mapped_fp += predicted and not gold
            out.mapped_fn += gold and not predicted
        elif gold:
            out.same_lost_to_mapping += 1
        out.tp += gold and predicted
        out.fp += predicted and not gold
        out.fn += gold and not predicted
        if predicted and not gold:
            out.false_positives[pair.kind] += 1
        out.rows.append((pair.id, pair.label, pair.kind, "same" if predicted else "different"))
    out.mentions = len(labelled)
    out.unmapped_mentions = sum(not ok for ok in labelled.values())
    return out


def format_table(scores: PairScores, title: str) -> str:
    d = scores.as_dict()
    c = d["clustering"]
    return "\n".join(
        [
            f"{title}: {d['pairs']} pairs ({d['same']} same)",
            f"{'':22}{'P':>7}{'R':>7}{'F1':>7}",
            f"{'mapping + clustering':22}{d['precision']:7.3f}{d['recall']:7.3f}{d['f1']:7.3f}",
            f"{'clustering alone':22}{c['precision']:7.3f}{c['recall']:7.3f}{c['f1']:7.3f}"
            f"   ({d['mapped_pairs']} pairs with both mentions mapped)",
            f"unmapped mentions: {d['unmapped_mentions']} of {d['mentions']}",
            f"same pairs lost: {d['same_lost_to_mapping']} to mapping, "
            f"{d['same_lost_to_clustering']} to clustering",
            "false positives by kind: "
            + (", ".join(f"{k} {n}" for k, n in d["false_positives_by_kind"].items()) or "none"),
        ]
    )
