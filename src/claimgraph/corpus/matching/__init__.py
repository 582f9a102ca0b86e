"""Cross-article claim matching: which statements and claims state the same proposition.

A document's *matching units* are its claims (their canonical ``text``) and,
for statements that belong to no claim, the statement's content. Each unit is
embedded with a static sentence model distilled from all-MiniLM-L6-v2 with
Model2Vec (Tulkens & van Dongen, 2024: token embeddings of the transformer,
PCA to 256 dimensions, SIF weighting; numpy only at run time) and compared by
cosine with the units already in the corpus. The score is the cosine, lowered
when the two units' **actors** (the countries of the actors mentioned in the
content) or their **predicates** (the CAMEO roots of the events in it) are
known on both sides and disjoint. A unit joins the corpus claim of its best
match when the score reaches ``threshold``; otherwise it founds a new one
(single-link clustering, as in Shaar et al. 2020 "That is a Known Lie",
with a static encoder).

Similar words are not enough: the same sentence can be said of another story ("the
minister denied the report" about another minister, another year). A match must also
keep to the same story (:func:`compatible`): the **names** (capitalised words past the
first) and **numbers** of the two texts must agree (one side names nothing the other
leaves out), and their documents' **dates** must lie within ``date_window`` days of each
other when both are known. The window is 30 days: a remark is re-quoted for weeks (on the
27 dated same-proposition dev pairs of ``benchmarks/data/statement_pairs.tsv`` 24 lie
within 30 days, 20 within 7), while the same kind of statement on another occasion
mostly lies further apart (19 of the 38 dated different dev pairs are over 30 days apart);
7, 14, 30 and 60 days were compared there, 30 had the best F1 with the other constraints.
A long quotation repeated almost word for word (:func:`same_wording`, twelve words or more) is
one remark re-quoted, whatever the dates (on the dev pairs: three same-proposition pairs 49 to 99
days apart, and no different pair).

The penalties were tuned on the dev half of ``benchmarks/data/claim_pairs.tsv``
(``claimgraph eval matching``); the threshold (0.50, from 0.45) and the window on the dev
split of ``statement_pairs.tsv`` (``claimgraph eval statement-pairs``): the lowest
threshold with precision at least 0.90 there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property

import numpy as np

from claimgraph.embeddings.static import unit_rows
from claimgraph.knowledge.calendar_words import MONTHS, WEEKDAYS
from claimgraph.knowledge.stopwords import english_stop_words
from claimgraph.record import Claim, Record

__all__ = [
    "DEFAULT_PARAMS",
    "Anchors",
    "ClaimIndex",
    "MatchParams",
    "MatchUnit",
    "anchors",
    "centre",
    "compatible",
    "is_specific",
    "match_score",
    "same_name",
    "same_number",
    "same_wording",
    "shared_anchors",
    "units_from_record",
]


@dataclass(frozen=True)
class MatchParams:
    """How units are matched: cosine threshold and the penalties for disjoint constraints."""

    threshold: float = 0.50
    country_penalty: float = 0.10
    predicate_penalty: float = 0.05
    candidates: int = 32
    #: days two documents' dates may lie apart for their units to match (None: no limit)
    date_window: int | None = 30
    #: whether names and numbers must agree (:func:`compatible`)
    anchored: bool = True
    #: added to the score of two units sharing a name or a number (:func:`shared_anchors`);
    #: chosen on the dev statement pairs (0.05, 0.10, 0.15; BENCHMARKS.md, issue 16)
    anchor_bonus: float = 0.10


DEFAULT_PARAMS = MatchParams()


@dataclass(frozen=True)
class MatchUnit:
    """One thing to match: a document's claim or a statement that belongs to no claim."""

    kind: str  # "claim" | "statement"
    local_id: str
    text: str
    countries: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()
    #: (actor local id, stance) pairs: who asserts, denies, doubts it in this document
    positions: tuple[tuple[str, str], ...] = ()
    #: the document's publication date, when known
    published: date | None = None

    @cached_property
    def anchors(self) -> Anchors:
        """The names, numbers and date that tie the text to one story (read once per unit)."""
        return anchors(self.text, self.published)

    @property
    def specific(self) -> bool:
        """Whether the text says enough to be matched ("It is not true" does not)."""
        return is_specific(self.text, self.countries, self.roots)


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_specific(
    text: str, countries: frozenset[str] = frozenset(), roots: frozenset[str] = frozenset()
) -> bool:
    """At least three content words, and something that anchors them: a name, a number, a
    country or an event. Vague units ("we have to study it more") would otherwise chain
    unrelated propositions together through single-link matching."""
    words = _WORD.findall(text)
    content = [w for w in words if len(w) > 2 and w.lower() not in english_stop_words()]
    if len(content) < 3:
        return False
    anchored = any(w[0].isupper() for w in words[1:]) or any(w.isdigit() for w in words)
    return anchored or bool(countries) or bool(roots)


# -- the same story: names, numbers, dates ------------------------------------------
@dataclass(frozen=True)
class Anchors:
    """What ties a text to one story: its names and numbers, its document's date."""

    names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    published: date | None = field(default=None, compare=False)
    #: the text's words, lower-cased (a long quotation repeated word for word is one remark)
    words: tuple[str, ...] = field(default=(), compare=False)


_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*[\w]|(?<![\w'’])[A-Z](?![\w])")
_NUMBER = re.compile(r"\d[\d,.]*")
#: Capitalised words that name no one (sentence openers after a quote, titles, days, months).
_NOT_NAMES = frozenset(
    {"i", "i'm", "i'll", "i've", "i'd", "mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime"}
    | {"secretary", "general"}
    | {"the", "but", "and", "we", "he", "she", "it", "they", "this", "that"}
    | set(WEEKDAYS)
    | set(MONTHS)
)


#: Kinds of known surfaces that name one actor whatever the words ("UK", "United Kingdom" and
#: "British"; "ISIS", "ISIL" and "Islamic State").
_KNOWN_KINDS = frozenset({"country", "demonym", "plural", "organisation", "group"})


@cache
def _known_surfaces() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the capitalised country, organisation and group names of the actor
    knowledge (longest first), and each phrase's canonical key."""
    from claimgraph.knowledge.actors import actor_knowledge

    keys: dict[str, str] = {}
    for sf in actor_knowledge().surfaces:
        if not (sf.phrase[:1].isupper() and len(sf.phrase) > 1):
            continue
        if sf.kind in _KNOWN_KINDS:
            keys.setdefault(sf.phrase, "@" + (sf.country or sf.name).lower())
        elif sf.kind == "capital":  # a name even as a sentence's first word; a city, not its country
            keys.setdefault(sf.phrase, sf.phrase.lower())
    phrases = sorted(keys, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’.-])(?:" + "|".join(map(re.escape, phrases)) + r")(?![\w'’-])")
    return pattern, keys


def anchors(text: str, published: date | None = None) -> Anchors:
    """Names (capitalised words past the first word of each sentence, lower-cased, without a
    possessive; a known country, organisation or group by one key whatever its surface:
    "UK", "United Kingdom" and "British" agree) and numbers (digits, separators dropped) of
    ``text``."""
    names: set[str] = set()
    pattern, keys = _known_surfaces()
    words = tuple(w.lower() for w in _WORD.findall(text))

    def known(m: re.Match[str]) -> str:
        names.add(keys[m.group(0)])
        return "\u00a7" * len(m.group(0))  # held by a mark: the next word is not a sentence's first

    text = pattern.sub(known, text.replace("\u2019", "'"))
    for m in _NAME.finditer(text):
        before = text[: m.start()].rstrip(" \"'“‘«(")
        if not before or before[-1] in ".!?:\n":
            continue  # a sentence's first word is capitalised whatever it is
        word = re.sub(r"['’]s$", "", m.group(0)).rstrip(".").lower()
        if word not in _NOT_NAMES and word not in english_stop_words():
            names.add(word)
    numbers = {re.sub(r"[,.]", "", n.rstrip(".,")) for n in _NUMBER.findall(text)}
    return Anchors(frozenset(names), frozenset(n for n in numbers if n), published, words)


def same_name(x: str, y: str) -> bool:
    """Whether two name anchors are one name written two ways: equal, one the other with an
    ending of at most two letters ("watch" and "watches", "abde" and "abdel", from four
    letters), or one letter apart in a name of five or more ("mohammed" and "mohammad").
    Known actors (``@`` keys) are equal or not."""
    if x == y:
        return True
    if x[:1] == "@" or y[:1] == "@":
        return False
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2:
        return True
    if len(short) < 5 or len(short) != len(long):
        return False
    return sum(c != d for c, d in zip(short, long, strict=True)) == 1


def same_number(x: str, y: str) -> bool:
    """Whether two number anchors are one figure: equal, or one a round figure (two significant
    digits at most) within 1 % of the other ("4,999" and "5,000": a price rounded). Years are
    equal or not ("2014" and "2015")."""
    if x == y:
        return True
    if _year(x) or _year(y):
        return False
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return False
    top = max(fx, fy)
    return top > 0 and abs(fx - fy) / top <= 0.01 and (_round(x) or _round(y))


def _year(x: str) -> bool:
    return len(x) == 4 and x.isdigit() and 1800 <= int(x) <= 2100


def _round(x: str) -> bool:
    """A figure of two significant digits at most ("5000", "150")."""
    digits = x.split(".")[0].lstrip("0")
    return digits.isdigit() and len(digits.rstrip("0")) <= 2


def _within(a: frozenset[str], b: frozenset[str], same: Callable[[str, str], bool]) -> bool:
    return all(any(same(x, y) for y in b) for x in a)


def _agree(a: frozenset[str], b: frozenset[str], same: Callable[[str, str], bool] = same_name) -> bool:
    """One side names nothing the other leaves out ("Iran, Russia" and "Russia" agree; "Iran,
    Russia" and "Iran, Sudan" do not), or one side names nothing; two spellings of one name or
    figure are one (:func:`same_name`, :func:`same_number`)."""
    return not a or not b or _within(a, b, same) or _within(b, a, same)


def shared_anchors(a: Anchors, b: Anchors) -> int:
    """How many of ``a``'s names and numbers ``b`` names too (a shared name or figure is evidence
    of one story, as a disjoint one is evidence of two)."""
    names = sum(1 for x in a.names if any(same_name(x, y) for y in b.names))
    return names + sum(1 for x in a.numbers if any(same_number(x, y) for y in b.numbers))


def compatible(a: Anchors, b: Anchors, params: MatchParams = DEFAULT_PARAMS) -> bool:
    """Whether two texts can be about one story: their names agree and their numbers agree
    (:func:`_agree`), their dates lie within ``params.date_window`` days (when both are known)."""
    if params.anchored and not (_agree(a.names, b.names) and _agree(a.numbers, b.numbers, same_number)):
        return False
    if params.date_window is not None and a.published is not None and b.published is not None:
        within = abs((a.published - b.published).days) <= params.date_window
        return within or same_wording(a.words, b.words)
    return True


#: The fewest words of a quotation that, repeated almost word for word, is taken for one remark
#: whatever the dates of the two reports.
VERBATIM_WORDS = 12
#: The share of the shorter text's words the longer must hold for "almost word for word".
VERBATIM_SHARE = 0.85


def same_wording(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two texts are one long quotation: the shorter has at least ``VERBATIM_WORDS``
    words and the longer holds at least ``VERBATIM_SHARE`` of them (counted with repeats). An
    outlet re-quotes a remark months after it was made ("we are not going to sit back and watch
    our farmers lose their markets"), so the date window does not part such texts; a short
    sentence ("I am a tough negotiator", "Officials said Iran shipped drones to Russia") recurs
    in other speeches and stories on other days and keeps to the window. Names and numbers must
    still agree."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < VERBATIM_WORDS:
        return False
    held = Counter(long_)
    shared = 0
    for w in short:
        if held[w] > 0:
            held[w] -= 1
            shared += 1
    return shared >= VERBATIM_SHARE * len(short)


# -- units of a record ------------------------------------------------------------
def _countries_in(record: Record, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    found: set[str] = set()
    spans = list(spans)
    for actor in record.actors:
        codes = [actor.country] if actor.country else list(actor.members)
        if not codes:
            continue
        for m in actor.mentions:
            if any(s <= m.start and m.end <= e for s, e in spans):
                found.update(codes)
                break
    return frozenset(found)


def _roots_in(record: Record, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    spans = list(spans)
    return frozenset(
        ev.root
        for ev in record.events
        if any(s <= ev.trigger.start and ev.trigger.end <= e for s, e in spans)
    )


def _stance_of_claim(record: Record, claim: Claim) -> tuple[tuple[str, str], ...]:
    positions = [(a, "assert") for a in claim.asserted_by] + [(a, "deny") for a in claim.denied_by]
    listed = {a for a, _ in positions}
    for st in record.statements:
        if st.id in claim.statements and st.speaker and st.speaker not in listed and st.stance != "assert":
            positions.append((st.speaker, st.stance))
            listed.add(st.speaker)
    return tuple(dict.fromkeys(positions))


def _published(record: Record) -> date | None:
    value = (record.document.published or "").strip()[:10]
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def units_from_record(record: Record) -> list[MatchUnit]:
    """The record's claims, then its statements that belong to no claim."""
    units: list[MatchUnit] = []
    published = _published(record)
    by_id = {st.id: st for st in record.statements}
    claimed: set[str] = set()
    for claim in record.claims:
        spans = [(by_id[s].content.start, by_id[s].content.end) for s in claim.statements if s in by_id]
        spans += [(sp.start, sp.end) for sp in claim.evidence]
        claimed.update(claim.statements)
        if not claim.text.strip():
            continue
        units.append(
            MatchUnit(
                kind="claim",
                local_id=claim.id,
                text=claim.text.strip(),
                countries=_countries_in(record, spans),
                roots=_roots_in(record, spans),
                positions=_stance_of_claim(record, claim),
                published=published,
            )
        )
    for st in record.statements:
        if st.id in claimed or st.claim or not st.content.text.strip():
            continue
        span = [(st.content.start, st.content.end)]
        units.append(
            MatchUnit(
                kind="statement",
                local_id=st.id,
                text=st.content.text.strip(),
                countries=_countries_in(record, span),
                roots=_roots_in(record, span),
                positions=((st.speaker, st.stance),) if st.speaker else (),
                published=published,
            )
        )
    return units


# -- scoring and the index --------------------------------------------------------
def match_score(
    cosine: float,
    countries_a: frozenset[str],
    countries_b: frozenset[str],
    roots_a: frozenset[str],
    roots_b: frozenset[str],
    params: MatchParams = DEFAULT_PARAMS,
    shared: int = 0,
) -> float:
    """The cosine, less a penalty for each constraint known on both sides and disjoint, plus
    ``params.anchor_bonus`` when the two share ``shared`` ≥ 1 names or numbers."""
    score = cosine + (params.anchor_bonus if shared else 0.0)
    if countries_a and countries_b and not (countries_a & countries_b):
        score -= params.country_penalty
    if roots_a and roots_b and not (roots_a & roots_b):
        score -= params.predicate_penalty
    return score


def centre(rows: np.ndarray, prior: int = 20) -> np.ndarray:
    """The mean of ``rows``, shrunk toward zero for small sets (``sum / (n + prior)``).

    Static embeddings of news text share a large common direction (the mean of
    unrelated statements has norm ~0.4), so raw cosines of long, unrelated
    quotes run high; cosines are taken after subtracting the corpus mean
    (Mu & Viswanath, 2018, "All-but-the-Top").
    """
    if len(rows) == 0:
        return np.zeros(rows.shape[1] if rows.ndim == 2 else 0, dtype=np.float32)
    return (rows.sum(axis=0) / (len(rows) + prior)).astype(np.float32)


class ClaimIndex:
    """In-memory index of the units claims are matched against, with their claim ids.

    ``best(vector, countries, roots)`` returns ``(claim_id, score)`` of the best
    compatible unit at or above the threshold, or None. Cosines are taken
    after centring on the index's mean (:func:`centre`), which is recomputed by
    :meth:`recentre` when the index has grown by a tenth. Rows live in buffers
    that double when full, so adding is amortised O(1).
    """

    def __init__(self, params: MatchParams = DEFAULT_PARAMS) -> None:
        self.params = params
        self.member_ids: list[int] = []
        self.claim_ids: list[int] = []
        self.countries: list[frozenset[str]] = []
        self.roots: list[frozenset[str]] = []
        self.anchors: list[Anchors] = []
        self._raw: np.ndarray | None = None
        self._centred: np.ndarray | None = None
        self.mean: np.ndarray | None = None
        self._centred_at = 0

    def __len__(self) -> int:
        return len(self.claim_ids)

    def add(
        self,
        member_id: int,
        claim_id: int,
        vector: np.ndarray,
        countries: frozenset[str] = frozenset(),
        roots: frozenset[str] = frozenset(),
        anchors: Anchors | None = None,
    ) -> None:
        n = len(self.claim_ids)
        if self._raw is None or self._centred is None:
            self._raw = np.zeros((64, vector.shape[0]), dtype=np.float32)
            self._centred = np.zeros_like(self._raw)
            self.mean = np.zeros(vector.shape[0], dtype=np.float32)
        elif n == self._raw.shape[0]:
            self._raw = np.vstack([self._raw, np.zeros_like(self._raw)])
            self._centred = np.vstack([self._centred, np.zeros_like(self._centred)])
        assert self.mean is not None
        self._raw[n] = vector
        self._centred[n] = unit_rows(vector - self.mean)
        self.member_ids.append(member_id)
        self.claim_ids.append(claim_id)
        self.countries.append(countries)
        self.roots.append(roots)
        self.anchors.append(anchors or Anchors())

    def recentre(self, *, force: bool = False) -> None:
        """Recompute the mean and the centred rows if the index grew by a tenth since the last time."""
        n = len(self.claim_ids)
        if self._raw is None or self._centred is None or not n:
            return
        if force or n >= 1.1 * self._centred_at + 1:
            self.mean = centre(self._raw[:n])
            self._centred[:n] = unit_rows(self._raw[:n] - self.mean)
            self._centred_at = n

    def relabel(self, claims: dict[int, int], members: dict[int, int]) -> None:
        """Replace provisional claim and member ids (e.g. negative placeholders) by stored ones."""
        self.claim_ids = [claims.get(c, c) for c in self.claim_ids]
        self.member_ids = [members.get(m, m) for m in self.member_ids]

    def remove_members(self, member_ids: set[int]) -> None:
        keep = [i for i, m in enumerate(self.member_ids) if m not in member_ids]
        if len(keep) == len(self.member_ids):
            return
        self.member_ids = [self.member_ids[i] for i in keep]
        self.claim_ids = [self.claim_ids[i] for i in keep]
        self.countries = [self.countries[i] for i in keep]
        self.roots = [self.roots[i] for i in keep]
        self.anchors = [self.anchors[i] for i in keep]
        if self._raw is not None and self._centred is not None:
            pad = np.zeros((64, self._raw.shape[1]), np.float32)
            self._raw = np.vstack([self._raw[keep], pad])
            self._centred = np.vstack([self._centred[keep], pad])
            self.recentre(force=True)

    def best(
        self,
        vector: np.ndarray,
        countries: frozenset[str] = frozenset(),
        roots: frozenset[str] = frozenset(),
        anchors: Anchors | None = None,
    ) -> tuple[int, float] | None:
        if not self.claim_ids or self._centred is None or self.mean is None:
            return None
        cosines = self._centred[: len(self.claim_ids)] @ unit_rows(vector - self.mean)
        k = min(self.params.candidates, len(cosines))
        top = np.argpartition(-cosines, k - 1)[:k]
        best: tuple[int, float] | None = None
        for i in top:
            cos = float(cosines[i])
            if cos < self.params.threshold - self.params.anchor_bonus:
                continue
            if anchors is not None and not compatible(anchors, self.anchors[i], self.params):
                continue
            shared = shared_anchors(anchors, self.anchors[i]) if anchors is not None else 0
            score = match_score(cos, countries, self.countries[i], roots, self.roots[i], self.params, shared)
            if score >= self.params.threshold and (best is None or score > best[1]):
                best = (self.claim_ids[i], score)
        return best
