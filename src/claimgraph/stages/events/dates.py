"""When an event happened: the time expression governing its trigger, resolved against the
document's publication date with ``dateparser`` (a maintained library; no date regexes here).

An event takes the DATE entity (spaCy NER) attached to its predicate — the entity's head
chain reaches the trigger before any other verb — or, failing that, the only calendar date
of its sentence when that date sits in a clause holding the event ("officials said on
Thursday that Germany expelled …"). A temporal "when" lends its date: "When he toured Asia
last November, he met …", "in 2019, when Germany criticized …". A date that modifies another
noun ("the 2004 Madrid bombings", "a 2001 memorandum") or sits in another clause ("…, which
was founded in 1998") does not date the event. A participle adjunct or complement with no
subject of its own ("stepped up pressure on Saturday, vowing …", "spent Thursday discussing
…") has no tense of its own and shares the time of the clause it hangs from. Expressions
that name a time only within a day the story has already named ("in the morning", "earlier
in the day", "that day", "the next day") are temporal anaphora: they resolve against the
last day the text named before them. An event with no date of its own takes, in order
(:mod:`claimgraph.stages.events`): the date of another mention of the same act
(:func:`share_dates`) and the date of the report a present-tense act is told in ("said on
Wednesday that he rejects …": reported present tense is the time of the report). Nothing
else dates an event: an act the text gives no time for has precision ``document``, as the
issue's contract says (the day of the story's lead is not lent to other acts). The
expression is resolved relative to
``document.published`` ("on Thursday" → the Thursday on or before it, or after it for an
intended event; "last November", "in 2006", "yesterday", "earlier this month"). Precision is
``day``, ``month`` or ``year`` from what the expression names (a week counts as its month).
An event whose sentence names no date gets the publication date with precision ``document``
(no date when the document has none). Durations and ages ("three years", "43-year-old",
"decades") are not dates; neither is a relative expression when there is no publication date
to resolve it against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.actors import parse_date
from claimgraph.knowledge.calendar_words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from claimgraph.record import DatePrecision, Event, EventDate

__all__ = [
    "DateFinder",
    "ResolvedDate",
    "anaphoric_offset",
    "participle_host",
    "resolve_expression",
    "share_dates",
    "when_clauses",
]

_WEEKDAYS = WEEKDAYS
#: Entity labels of named actors (which a date does not modify)
_ACTOR_ENTS = frozenset({"PERSON", "GPE", "NORP", "ORG"})
_MONTHS = frozenset(MONTHS + MONTH_ABBREVIATIONS)
#: Words that anchor a relative expression to the calendar ("three years" alone is a duration).
_RELATIVE = frozenset(
    {"yesterday", "today", "tonight", "tomorrow", "ago", "last", "this", "next", "earlier", "later", "past"}
)
#: Words dateparser does not read, dropped before a second try ("last November" → "November").
_SOFT = frozenset(
    {"last", "earlier", "early", "late", "mid", "the", "on", "in", "of", "at", "during", "since"}
)
_PRECISION: dict[str, DatePrecision] = {
    "day": "day",
    "time": "day",
    "week": "month",
    "month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class ResolvedDate:
    value: str  #: ISO date: YYYY-MM-DD, YYYY-MM or YYYY
    precision: DatePrecision  #: day, month or year
    start: int
    end: int


def _words(expression: str) -> list[str]:
    return [w.strip(".,").lower() for w in expression.split()]


def _is_duration(words: list[str]) -> bool:
    """ "three years", "two decades", "43-year-old", "the 1990s": no point in time."""
    if any("-old" in w or w.endswith("-year") for w in words):
        return True
    if any(len(w) == 5 and w.endswith("s") and w[:4].isdigit() for w in words):  # the 1990s
        return True
    has_calendar = any(w in _MONTHS or w in _WEEKDAYS for w in words) or any(
        w.isdigit() and len(w) == 4 for w in words
    )
    return not has_calendar and not any(w in _RELATIVE for w in words)


#: Both caches are keyed by a document's publication date, so they are bounded: a long stream of
#: documents from many days would otherwise keep a parser and its answers for every day seen.
@lru_cache(maxsize=64)
def _parser(base: dt.datetime | None, prefer: str):  # -> dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def resolve_expression(
    expression: str, base: dt.date | None, future: bool = False
) -> tuple[str, DatePrecision] | None:
    """(ISO value, precision) of a time expression, or None when it names no point in time
    (or a relative one with no ``base`` to resolve it against)."""
    words = _words(expression)
    if not words or _is_duration(words):
        return None
    relative = not any(w.isdigit() and len(w) == 4 for w in words)
    if relative and base is None and not any(w in _MONTHS for w in words):
        return None
    when = dt.datetime(base.year, base.month, base.day) if base else None
    parser = _parser(when, "future" if future else "past")
    data = parser.get_date_data(expression)
    if data.date_obj is None:
        kept = " ".join(w for w in words if w not in _SOFT)
        if kept and kept != expression.lower():
            data = parser.get_date_data(kept)
    if data.date_obj is None or data.period not in _PRECISION:
        return None
    got = data.date_obj.date()
    if (
        base is not None
        and not future
        and base.strftime("%A").lower() in words
        and got == base - dt.timedelta(days=7)
    ):
        got = base  # "on Thursday" in Thursday's paper is that day
    precision = _PRECISION[data.period]
    if base is None and relative and precision != "year":
        return None
    value = {"day": got.isoformat(), "month": got.strftime("%Y-%m"), "year": f"{got.year:04d}"}[precision]
    return value, precision


#: Parts of a day, and the words that tie one to a day named before ("that day", "in the
#: morning", "earlier in the day", "the next day"): temporal anaphora, not deixis ("this
#: morning" is the day of publication and dateparser reads it so).
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "day"})
_ANAPHORIC = frozenset({"that", "same", "the"})
_ANAPHORA_WORDS = (
    _DAY_PARTS
    | _ANAPHORIC
    | frozenset({"in", "on", "at", "during", "earlier", "later", "late", "early"})
    | frozenset({"next", "following", "previous", "before"})
)
_DAY_OFFSET = {"next": 1, "following": 1, "previous": -1, "before": -1}


def anaphoric_offset(expression: str) -> int | None:
    """Days from the day the story last named, for an expression that names a time only
    within it ("in the morning" 0, "later that day" 0, "the next day" +1, "the day before"
    −1); None for any other expression."""
    words = _words(expression)
    if not (
        words
        and all(w in _ANAPHORA_WORDS for w in words)
        and any(w in _DAY_PARTS for w in words)
        and any(w in _ANAPHORIC for w in words)
    ):
        return None
    return sum(_DAY_OFFSET.get(w, 0) for w in words)


class DateFinder:
    """Finds and resolves the date of events in one document."""

    def __init__(self, published: str | None, doc: Doc | None = None) -> None:
        self.base = _published_date(published)
        #: (start, day) of every day-precision expression of the document, in order, the
        #: anaphoric ones resolved against the day before them
        self._days: list[tuple[int, dt.date]] = []
        #: the document's DATE and TIME entities, read once (``Span.ents`` scans the whole
        #: document at each call); None without a document
        self._times: list[Span] | None = None
        if doc is not None:
            self._times = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        for ent in self._times or ():
            got = self._resolve(ent)
            if got is not None and got.precision == "day":
                self._days.append((ent.start_char, dt.date.fromisoformat(got.value)))

    def document_date(self) -> EventDate | None:
        """The date of an event whose sentence names none: the publication date, precision
        ``document`` (None when the document has no date)."""
        if self.base is None:
            return None
        return EventDate(value=self.base.isoformat(), precision="document")

    def _resolve(self, ent: Span, future: bool = False) -> ResolvedDate | None:
        offset = anaphoric_offset(ent.text)
        if offset is not None:
            before = [day for start, day in self._days if start < ent.start_char]
            if not before:
                return None
            day = before[-1] + dt.timedelta(days=offset)
            return ResolvedDate(day.isoformat(), "day", ent.start_char, ent.end_char)
        if ent.label_ != "DATE":
            return None
        got = resolve_expression(ent.text, self.base, future)
        return ResolvedDate(got[0], got[1], ent.start_char, ent.end_char) if got is not None else None

    def for_trigger(self, sent: Span, head: Token, *, future: bool = False) -> ResolvedDate | None:
        """The resolved date expression attached to the event headed by ``head`` in ``sent``;
        a subjectless participle clause takes the date of the clause it hangs from."""
        found = self._own_date(sent, head, future)
        host = participle_host(head)
        if found is None and host is not None:
            found = self._own_date(sent, host, future)
        return found

    def _own_date(self, sent: Span, head: Token, future: bool) -> ResolvedDate | None:
        ents = (
            sent.ents
            if self._times is None
            else [e for e in self._times if e.start >= sent.start and e.end <= sent.end]
        )
        dates = [
            e
            for e in ents
            if e.label_ == "DATE" or (e.label_ == "TIME" and anaphoric_offset(e.text) is not None)
        ]
        if not dates:
            return None
        own = [e for e in dates if not _dates_a_thing(e.root, head)]
        attached = [e for e in own if _governs(head, e.root)]
        if not attached:  # "when he flew to Boise last winter, he met …"; "in 2014, when X urged …"
            attached = [
                e
                for e in own
                if any(_governs(w, e.root) or w.i in range(e.start, e.end) for w in when_clauses(head))
            ]
        free = [e for e in own if _scopes_over(e.root, head)]
        for ent in attached or (free if len(dates) == 1 else []):
            got = self._resolve(ent, future and not _told_in_the_past(ent.root, head))
            if got is not None:
                return got
        return None


#: Subordinators that place a participle clause before or after its host's time.
_SEQUENCE = frozenset({"after", "before", "since", "until", "till", "upon", "once"})


def participle_host(head: Token) -> Token | None:
    """The verb whose time a present-participle clause without a subject shares ("stepped up
    pressure on Saturday, vowing to …", "spent Thursday discussing …", "while making …"); None
    for any other predicate, and for one placed before or after its host ("after meeting …")."""
    if head.tag_ != "VBG" or head.dep_ not in ("advcl", "xcomp"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.lower_ in _SEQUENCE for c in head.children):
        return None
    host = head.head
    return host if host.pos_ in ("VERB", "AUX") and host.i != head.i else None


def _dated(event: Event) -> bool:
    return event.date is not None and event.date.precision != "document"


def _same_act(a: Event, b: Event) -> bool:
    """Two mentions of one act: both reported as having happened (an intended or possible act
    is not the past one: it keeps the ``document`` date when its sentence gives no time), the
    same CAMEO root and source, and the same target (or one of them names none)."""
    return (
        a.root == b.root
        and a.mode == b.mode == "asserted"
        and a.source is not None
        and a.source == b.source
        and (a.target == b.target or a.target is None or b.target is None)
    )


def share_dates(events: list[Event]) -> list[Event]:
    """Events whose own clause names no date take the date of another mention of the same act
    in the document that does ("Putin praised Kerry on Thursday … he praised Kerry's efforts"):
    the nearest such mention before it, else the nearest after it."""
    dated = [e for e in events if _dated(e)]
    if not dated:
        return events
    out: list[Event] = []
    for ev in events:
        if _dated(ev):
            out.append(ev)
            continue
        same = [d for d in dated if d.id != ev.id and _same_act(ev, d)]
        before = [d for d in same if d.trigger.start < ev.trigger.start]
        donor = before[-1] if before else min(same, key=lambda d: d.trigger.start, default=None)
        out.append(ev if donor is None else ev.model_copy(update={"date": donor.date}))
    return out


def _dates_a_thing(tok: Token, head: Token) -> bool:
    """The date expression headed by ``tok`` modifies a noun other than the event's: "the
    Sept. 11, 2001, attacks", "a 2001 memorandum" date those, not the event. A named
    actor as a clause's subject has no time of its own: "The Department of Commerce this year
    has begun …" (the parser hangs "this year" on the name) dates the clause; "Berlin's
    pledge last month" dates the pledge."""
    return (
        tok.dep_ in ("compound", "amod", "nmod", "nummod", "poss", "npadvmod")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.i != head.i
        and not (tok.dep_ == "npadvmod" and _named_subject(tok.head))
    )


def _named_subject(noun: Token) -> bool:
    """``noun`` is the subject of a clause and names an actor (a person, place, organisation)."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.ent_type_ in _ACTOR_ENTS


def when_clauses(head: Token) -> list[Token]:
    """What a temporal "when" ties the event headed by ``head`` to: the clause "when …"
    that modifies it ("When Obama flew to Boise last winter, he met …") and the time a "when"
    clause holding it modifies ("in 2014, when Germany's president urged …")."""
    out = [c for c in head.children if c.dep_ == "advcl" and any(g.lower_ == "when" for g in c.children)]
    if head.dep_ in ("relcl", "advcl") and any(c.lower_ == "when" for c in head.children):
        out.append(head.head)
    return out


def _scopes_over(tok: Token, head: Token) -> bool:
    """The clause the date expression ``tok`` sits in holds the event headed by ``head``
    ("officials said on Thursday that Germany expelled …"); a date in another clause
    ("… which sprouted in Iraq in 2004") does not date it."""
    clause = next(
        (a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("aux", "auxpass")), None
    )
    return clause is None or clause.i == head.i or any(a.i == clause.i for a in head.ancestors)


def _told_in_the_past(tok: Token, head: Token) -> bool:
    """The date expression ``tok`` hangs from another clause than the event's, one told in the
    past ("met his counterpart on Wednesday to discuss …": the talks intended at a meeting that
    took place are dated by it, last Wednesday, not the next)."""
    clause = next(
        (a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("aux", "auxpass")), None
    )
    if clause is None or clause.i == head.i:
        return False
    return clause.tag_ == "VBD" or (
        clause.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    )


def _governs(head: Token, tok: Token) -> bool:
    """``tok`` hangs from ``head`` without crossing another predicate."""
    for anc in tok.ancestors:
        if anc.i == head.i:
            return True
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("aux", "auxpass"):
            return False
    return False


def _published_date(published: str | None) -> dt.date | None:
    """The publication date: an ISO date (as the actors stage reads it), else a written-out one
    ("March 3, 2014") resolved without a base."""
    if not published:
        return None
    got = parse_date(published)
    if got is None and (resolved := resolve_expression(published, None)) and resolved[1] == "day":
        got = dt.date.fromisoformat(resolved[0])
    return got
