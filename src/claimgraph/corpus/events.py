"""Event clusters: reports of the same real event in many documents, counted once.

GDELT and ICEWS count an event once however many articles report it (GDELT keeps
the number of articles and of sources beside it). A record's event is one
*mention*; mentions of the same real event join one **cluster**. Two mentions
can share a cluster when all of these hold:

- **type**: the same PLOVER type or the same CAMEO root. Both are codings of one act, and
  either may split a family the other keeps whole: PLOVER's ASSAULT spans CAMEO roots 18 and
  19 ("beheaded" 1823, "killed" 190), and CAMEO root 19 holds a siege (191, PLOVER COERCE)
  as well as an attack (190, ASSAULT), which two outlets may code for one act;
- **mode**: the same mode, except that ``asserted`` and ``intended`` go together (a
  meeting announced for Thursday and the meeting reported on Friday); negated,
  hypothetical and demanded events only join their own mode;
- **dyad**: the source countries agree and the target countries agree, where an
  unknown side (no actor, or an actor without a country) agrees with anything, so a
  dyad may be a subset of the other (``USA→?`` joins ``USA→IRQ``); for consult,
  diplomatic and material cooperation (CAMEO roots 04, 05, 06: "A met B" is "B met A")
  the dyad may also be reversed;
- **date**: the resolved dates are at most ``window_days`` apart. Each date is a range
  of days: a ``day`` date is that day, a ``month`` or ``year`` date every day of it,
  and a ``document`` date (the text names no date; the value is the publication date)
  the ``document_days`` before publication (after it for an intended event; both sides
  for hypothetical and demanded ones): news reports what happened in the last days;
- **text**: the mean of two similarities of the trigger sentences is at least
  ``threshold``: the cosine of their static embeddings
  (:func:`claimgraph.embeddings.static.embed`), after subtracting the mean of the
  mentions compared against (:func:`claimgraph.corpus.matching.centre`, as claim
  matching does), and the tf-idf cosine of the words they share (:class:`TermWeights`:
  each word weighted by how rare it is among the sentences of the mentions compared
  against). The embedding says the sentences tell of alike things; the rare words they
  share (the victim's name, the town, "300 soldiers", "chlorine") say it is the same
  occasion, which two reports of one event show even when they are worded apart ("ISIL
  beheaded British aid worker David Haines" / "a video that purportedly shows the
  beheading of British aid worker David Haines"), and two beheadings by one group do not.
  Only clusters with a member more alike than unrelated mentions in the embedding (a
  centred cosine of at least 0) are compared.

**A day both texts state** (precision ``day`` on both sides, within the window): the
type, dyad and day already say one event, as GDELT and ICEWS deduplicate by them; the
wording need only be more alike than two unrelated mentions (``stated_threshold``, a
similarity of 0). Publication (``document``), month and year dates say too little
for that.

**An unknown date** (the text names none and the document has no publication date)
is compatible with any date, but only at a stricter similarity (``threshold`` +
``undated_margin``): with nothing to say when it happened, the wording must say it is the
same event. Two undated mentions need ``threshold``, as two dated ones do.

A mention joins the cluster whose mentions it is most similar to on average
(average link on the text: the mean similarity with the cluster's mentions must reach the
threshold, so clusters cannot grow by chaining one near neighbour to the next) and
whose every member satisfies the type, mode, dyad and date conditions with it
(complete link on those: a cluster never spans more than ``window_days`` of
compatible dates, and never holds two incompatible dyads); otherwise it founds a new
cluster. A cluster with a dated mention counts as dated for the undated threshold.
Stored clusters depend only on the stored mentions and the order documents were added
in (ties go to the earliest cluster); the parameters were chosen on the dev split of
``benchmarks/data/event_pairs.tsv`` (``claimgraph eval event-pairs``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from claimgraph.corpus.event_dates import DOCUMENT_DAYS, date_range
from claimgraph.corpus.matching import centre
from claimgraph.embeddings.static import unit_rows
from claimgraph.record import Event, Record

__all__ = [
    "DEFAULT_CLUSTER_PARAMS",
    "SYMMETRIC_ROOTS",
    "ClusterParams",
    "EventIndex",
    "EventMention",
    "TermWeights",
    "actor_country",
    "centring_size",
    "cluster_mentions",
    "compatible",
    "date_range",
    "event_mode",
    "mention_of",
    "mentions_of",
    "resolved_date",
    "same_event",
    "sentence_terms",
    "side_country",
]

#: CAMEO roots whose dyad may be read either way round (consult, diplomatic and material cooperation).
SYMMETRIC_ROOTS: frozenset[str] = frozenset({"04", "05", "06"})
#: Modes that may share a cluster with another mode (a plan, then its report).
_MODE_GROUPS: dict[str, str] = {"asserted": "happens", "intended": "happens"}


@dataclass(frozen=True)
class ClusterParams:
    """How mentions join clusters (see the module docstring)."""

    #: similarity of the trigger sentences (the mean of the centred embedding cosine and the
    #: tf-idf cosine of their words) two dated (or two undated) mentions need; the value with
    #: the highest recall at a pairwise precision of at least 0.90 on the dev pairs
    threshold: float = 0.23
    #: what a mention with an unknown date needs beyond ``threshold`` to join a dated one
    #: (and the reverse)
    undated_margin: float = 0.05
    #: the most days between two mentions' date ranges
    window_days: int = 3
    #: the days before publication a ``document`` date covers
    document_days: int = DOCUMENT_DAYS
    #: the similarity two mentions need when each text states the day of the act (and the
    #: days agree within ``window_days``): the day, type and dyad already say it is one event
    stated_threshold: float = 0.0
    #: the centred embedding cosine some member of a cluster must reach for the cluster to be
    #: compared at all (more alike than two unrelated mentions)
    embedding_floor: float = 0.0

    def required(self, dated_a: bool, dated_b: bool, *, stated: bool = False) -> float:
        """The similarity two mentions need, by whether each has a date (``stated``: both
        texts state the day)."""
        if stated:
            return min(self.stated_threshold, self.threshold)
        return self.threshold if dated_a == dated_b else self.threshold + self.undated_margin


DEFAULT_CLUSTER_PARAMS = ClusterParams()

_WORD = re.compile(r"[^\W_]+")


def sentence_terms(text: str) -> frozenset[str]:
    """The distinct words of a sentence, in lower case (letters and digits)."""
    return frozenset(_WORD.findall(text.lower()))


class TermWeights:
    """How many of a set of sentences hold each word, for tf-idf cosines between two of them.

    A word's weight is its smoothed inverse document frequency, ``log((1 + n) / (1 + df)) +
    1`` over the ``n`` sentences counted (as scikit-learn's ``TfidfVectorizer`` computes it);
    a sentence is the set of its words (binary term frequency).
    """

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()

    @classmethod
    def of(cls, term_sets: Iterable[frozenset[str]]) -> TermWeights:
        weights = cls()
        for terms in term_sets:
            weights.add(terms)
        return weights

    def add(self, terms: frozenset[str]) -> None:
        self.n += 1
        self.df.update(terms)

    def remove(self, terms: frozenset[str]) -> None:
        self.n -= 1
        self.df.subtract(terms)

    def weight(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + max(0, self.df.get(term, 0)))) + 1.0

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The tf-idf cosine of two sentences' words (0 when either has none)."""
        shared = a & b
        if not shared:
            return 0.0
        squares = {t: self.weight(t) ** 2 for t in a | b}
        norm_a = sum(squares[t] for t in a)
        norm_b = sum(squares[t] for t in b)
        return sum(squares[t] for t in shared) / math.sqrt(norm_a * norm_b)


@dataclass(frozen=True)
class EventMention:
    """What clustering reads of one event mention."""

    root: str
    plover: str | None
    mode: str
    source: str | None  #: source actor's country (or group code)
    target: str | None
    date_value: str | None  #: ISO date at its precision
    date_precision: str | None  #: day, month, year or document
    text: str  #: the trigger sentence


def actor_country(record: Record, actor_id: str | None) -> str | None:
    """An event side's country: the actor's, else the first three letters of its code."""
    actor = record.actor(actor_id)
    if actor is None:
        return None
    return actor.country or (actor.code[:3] if actor.code else None)


def side_country(record: Record, event: Event, side: str) -> str | None:
    """The country of an event's ``source`` or ``target`` side: the one the event gives it (a
    group placed where the event happens, a domestic protest's target), else its actor's."""
    placed = getattr(event, f"{side}_country", None)
    return placed or actor_country(record, getattr(event, side))


def event_mode(event: Event) -> str:
    """The event's mode; a record written before modes (``negated`` only) reads negated or asserted."""
    mode = str(getattr(event, "mode", None) or "asserted")
    return "negated" if event.negated and mode == "asserted" else mode


def resolved_date(record: Record, event: Event) -> tuple[str | None, str | None]:
    """The event's date and precision; an event without one (a record analysed before
    dates were resolved) takes the publication date at precision ``document``, as the
    events stage does for an event whose text names no date."""
    if event.date is not None:
        return event.date.value, event.date.precision
    published = (record.document.published or "").strip()[:10]
    try:
        return dt.date.fromisoformat(published).isoformat(), "document"
    except ValueError:
        return None, None


def mention_of(record: Record, event: Event) -> EventMention:
    date_value, precision = resolved_date(record, event)
    return EventMention(
        root=event.root,
        plover=event.plover,
        mode=event_mode(event),
        source=side_country(record, event, "source"),
        target=side_country(record, event, "target"),
        date_value=date_value,
        date_precision=precision,
        text=" ".join(event.sentence.text.split()),
    )


def mentions_of(record: Record) -> list[EventMention]:
    """The record's events as mentions, in the record's order."""
    return [mention_of(record, ev) for ev in record.events]


def _dyad_agrees(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def compatible(
    a: EventMention,
    b: EventMention,
    params: ClusterParams = DEFAULT_CLUSTER_PARAMS,
    ranges: tuple[tuple[int, int] | None, tuple[int, int] | None] | None = None,
) -> bool:
    """Whether two mentions may report one event: type, mode, dyad and date (not the text)."""
    if a.root != b.root and not (a.plover and a.plover == b.plover):
        return False
    if a.mode != b.mode and (
        _MODE_GROUPS.get(a.mode) is None or _MODE_GROUPS.get(a.mode) != _MODE_GROUPS.get(b.mode)
    ):
        return False
    dyad_a, dyad_b = (a.source, a.target), (b.source, b.target)
    if not _dyad_agrees(dyad_a, dyad_b) and not (
        a.root in SYMMETRIC_ROOTS and b.root in SYMMETRIC_ROOTS and _dyad_agrees(dyad_a, dyad_b[::-1])
    ):
        return False
    ra, rb = (
        ranges
        if ranges is not None
        else (
            date_range(a.date_value, a.date_precision, a.mode, params),
            date_range(b.date_value, b.date_precision, b.mode, params),
        )
    )
    if ra is None or rb is None:
        return True  # an unknown date: the stricter text similarity decides (EventIndex.best)
    gap = max(ra[0], rb[0]) - min(ra[1], rb[1])
    return gap <= params.window_days


def _stated(mention: EventMention) -> bool:
    """Whether the mention's text states the day of the act."""
    return mention.date_precision == "day"


def centring_size(n: int) -> int:
    """How many of ``n`` rows the mean is taken over: the largest of 1, 2, …, each about a
    tenth more than the one before (``k → max(k + 1, ⌊1.1 k⌋)``), that is at most ``n``."""
    size = 1
    while True:
        following = max(size + 1, int(size * 1.1))
        if following > n:
            return size
        size = following


class EventIndex:
    """The mentions clusters are matched against, with their cluster ids, in memory.

    ``best(mention, vector)`` gives ``(cluster_id, cosine)`` of the cluster a new mention
    joins, or None when it founds one. Cosines are taken after centring on a mean (as
    :class:`~claimgraph.corpus.matching.ClaimIndex` does), recomputed by :meth:`recentre`
    when the index has grown by a tenth. So that two writers with the same stored
    mentions decide alike whatever their history, the mean is always that of the first
    :func:`centring_size` rows (rows are kept in id order).
    """

    def __init__(self, params: ClusterParams = DEFAULT_CLUSTER_PARAMS) -> None:
        self.params = params
        self.mention_ids: list[int] = []
        self.cluster_ids: list[int] = []
        self.mentions: list[EventMention] = []
        self.terms: list[frozenset[str]] = []
        #: word counts over the indexed mentions' sentences (fixed by :meth:`set_weights`)
        self.weights = TermWeights()
        self._fixed_weights = False
        self.ranges: list[tuple[int, int] | None] = []
        self.members: dict[int, list[int]] = {}  #: cluster id -> row numbers
        self._raw: np.ndarray | None = None
        self._centred: np.ndarray | None = None
        self.mean: np.ndarray | None = None
        self._centred_at = 0
        self._fixed_mean = False

    def __len__(self) -> int:
        return len(self.mention_ids)

    def add(self, mention_id: int, cluster_id: int, mention: EventMention, vector: np.ndarray) -> None:
        n = len(self.mention_ids)
        if self._raw is None or self._centred is None:
            self._raw = np.zeros((64, vector.shape[0]), dtype=np.float32)
            self._centred = np.zeros_like(self._raw)
            if self.mean is None:
                self.mean = np.zeros(vector.shape[0], dtype=np.float32)
        elif n == self._raw.shape[0]:
            self._raw = np.vstack([self._raw, np.zeros_like(self._raw)])
            self._centred = np.vstack([self._centred, np.zeros_like(self._centred)])
        assert self.mean is not None
        self._raw[n] = vector
        self._centred[n] = unit_rows(vector - self.mean)
        self.mention_ids.append(mention_id)
        self.cluster_ids.append(cluster_id)
        self.mentions.append(mention)
        terms = sentence_terms(mention.text)
        self.terms.append(terms)
        if not self._fixed_weights:
            self.weights.add(terms)
        self.ranges.append(date_range(mention.date_value, mention.date_precision, mention.mode, self.params))
        self.members.setdefault(cluster_id, []).append(n)

    def recentre(self, *, force: bool = False) -> None:
        """Centre on the mean of the first :func:`centring_size` rows, when that size changed."""
        n = len(self.mention_ids)
        if self._raw is None or self._centred is None or not n or self._fixed_mean:
            return
        size = centring_size(n)
        if force or size != self._centred_at:
            self.mean = centre(self._raw[:size])
            self._centred[:n] = unit_rows(self._raw[:n] - self.mean)
            self._centred_at = size

    def set_mean(self, mean: np.ndarray) -> None:
        """Centre on a given mean from now on (a benchmark centres on all its mentions)."""
        self.mean = mean.astype(np.float32)
        if self._raw is not None and self._centred is not None:
            n = len(self.mention_ids)
            self._centred[:n] = unit_rows(self._raw[:n] - self.mean)
        self._fixed_mean = True

    def set_weights(self, weights: TermWeights) -> None:
        """Weigh words by these counts from now on (a benchmark counts all its mentions)."""
        self.weights = weights
        self._fixed_weights = True

    def relabel(self, clusters: dict[int, int], mentions: dict[int, int]) -> None:
        """Replace provisional (negative) cluster and mention ids by stored ones.

        Provisional rows are a document's own, at the end of the index: only those are
        looked at, so relabelling costs the document, not the corpus.
        """
        n = len(self.mention_ids)
        while n > 0 and self.mention_ids[n - 1] < 0:
            n -= 1
        touched: set[int] = set()
        for row in range(n, len(self.mention_ids)):
            self.mention_ids[row] = mentions.get(self.mention_ids[row], self.mention_ids[row])
            old = self.cluster_ids[row]
            new = clusters.get(old, old)
            if new != old:
                self.cluster_ids[row] = new
                self.members[old].remove(row)
                if not self.members[old]:
                    del self.members[old]
                self.members.setdefault(new, []).append(row)
                touched.add(new)
        for cluster_id in touched:
            self.members[cluster_id].sort()

    def remove(self, mention_ids: set[int]) -> None:
        """Forget these mentions (their document was deleted)."""
        keep = [i for i, m in enumerate(self.mention_ids) if m not in mention_ids]
        if len(keep) == len(self.mention_ids):
            return
        self.mention_ids = [self.mention_ids[i] for i in keep]
        self.cluster_ids = [self.cluster_ids[i] for i in keep]
        self.mentions = [self.mentions[i] for i in keep]
        if not self._fixed_weights:
            for i in set(range(len(self.terms))) - set(keep):
                self.weights.remove(self.terms[i])
        self.terms = [self.terms[i] for i in keep]
        self.ranges = [self.ranges[i] for i in keep]
        self.members = {}
        for row, cluster_id in enumerate(self.cluster_ids):
            self.members.setdefault(cluster_id, []).append(row)
        if self._raw is not None and self._centred is not None:
            pad = np.zeros((64, self._raw.shape[1]), np.float32)
            self._raw = np.vstack([self._raw[keep], pad])
            self._centred = np.vstack([self._centred[keep], pad])
            self.recentre(force=True)

    def best(self, mention: EventMention, vector: np.ndarray) -> tuple[int, float] | None:
        """The cluster the mention joins and its mean similarity with the cluster's mentions, or None."""
        n = len(self.mention_ids)
        if not n or self._centred is None or self.mean is None:
            return None
        cosines = self._centred[:n] @ unit_rows(vector - self.mean)
        near = np.flatnonzero(cosines >= self.params.embedding_floor)
        span = date_range(mention.date_value, mention.date_precision, mention.mode, self.params)
        terms = sentence_terms(mention.text)
        best: tuple[int, float, int] | None = None  # (cluster id, mean similarity, first row)
        for cluster_id in dict.fromkeys(self.cluster_ids[i] for i in near):
            rows = self.members[cluster_id]
            # complete link on type, mode, dyad and date: the first member rules most out cheaply
            if not compatible(mention, self.mentions[rows[0]], self.params, (span, self.ranges[rows[0]])):
                continue
            dated = any(self.ranges[j] is not None for j in rows)
            stated = _stated(mention) and all(_stated(self.mentions[j]) for j in rows)
            required = self.params.required(span is not None, dated, stated=stated)
            embedding = float(cosines[rows].mean())
            bound = (embedding + 1.0) / 2  # a word cosine is at most 1: skip what cannot win
            if bound < required or (best is not None and (bound, -rows[0]) <= (best[1], -best[2])):
                continue
            words = [self.weights.cosine(terms, self.terms[j]) for j in rows]
            score = (embedding + float(np.mean(words))) / 2
            if score < required:
                continue
            if best is not None and (score, -rows[0]) <= (best[1], -best[2]):
                continue
            params = self.params
            if all(compatible(mention, self.mentions[j], params, (span, self.ranges[j])) for j in rows[1:]):
                best = (cluster_id, score, rows[0])
        return (best[0], best[1]) if best is not None else None


def cluster_mentions(
    mentions: Sequence[EventMention],
    vectors: np.ndarray,
    params: ClusterParams = DEFAULT_CLUSTER_PARAMS,
    *,
    mean: np.ndarray | None = None,
    weights: TermWeights | None = None,
) -> list[int]:
    """Cluster mentions in the given order, as the corpus does document after document.

    Returns one cluster number per mention (0, 1, … in order of foundation). ``mean``
    is the vector to centre on (default: the mean of ``vectors``, :func:`centre`),
    ``weights`` the word counts (default: those of the mentions' sentences).
    """
    index = EventIndex(params)
    index.set_mean(centre(vectors) if mean is None else mean)
    if weights is None:
        weights = TermWeights.of(sentence_terms(m.text) for m in mentions)
    index.set_weights(weights)
    labels: list[int] = []
    founded = 0
    for n, (mention, vector) in enumerate(zip(mentions, vectors, strict=True)):
        found = index.best(mention, vector)
        if found is None:
            label = founded
            founded += 1
        else:
            label = found[0]
        index.add(n, label, mention, vector)
        labels.append(label)
    return labels


def same_event(
    a: EventMention,
    b: EventMention,
    vectors: Iterable[np.ndarray],
    params: ClusterParams = DEFAULT_CLUSTER_PARAMS,
    *,
    mean: np.ndarray | None = None,
    weights: TermWeights | None = None,
) -> bool:
    """Whether ``b``, added after ``a``, joins ``a``'s cluster."""
    rows = np.vstack(list(vectors))
    labels = cluster_mentions([a, b], rows, params, mean=mean, weights=weights)
    return labels[0] == labels[1]
