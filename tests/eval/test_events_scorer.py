"""The own event set's scorer: matching, fully-right events and the misses by cause."""

from __future__ import annotations

from claimgraph.eval.events import EventArticle, GoldEvent, score
from claimgraph.record import Actor, DocumentInfo, Event, Record, Span

TEXT = "Germany expelled two Russian diplomats. Rebels attacked a base. The weather was mild."


def _gold(trigger: str, plover: str, sources: str, targets: str) -> GoldEvent:
    start = TEXT.index(trigger)
    sent = next(
        (s, s + len(x)) for s, x in ((TEXT.index(x), x) for x in TEXT.split(". ")) if s <= start < s + len(x)
    )
    return GoldEvent(
        sentence=sent,
        trigger=(start, start + len(trigger)),
        plover=plover,
        sources=frozenset(sources.split("+")) if sources else frozenset(),
        targets=frozenset(targets.split("+")) if targets else frozenset(),
        mode="asserted",
        date=None,
        precision="document",
        location=None,
    )


def _event(eid: str, trigger: str, plover: str, source: str | None, target: str | None, **kw: str) -> Event:
    start = TEXT.index(trigger)
    return Event(
        id=eid,
        source=source,
        target=target,
        cameo="161" if plover == "SANCTION" else "190",
        root="16" if plover == "SANCTION" else "19",
        plover=plover,
        trigger=Span.of(TEXT, start, start + len(trigger)),
        sentence=Span.of(TEXT, 0, 10),
        **kw,  # type: ignore[arg-type]
    )


def test_misses_are_counted_by_cause() -> None:
    actors = [
        Actor(id="A1", name="Germany", kind="state", country="DEU", mentions=[Span.of(TEXT, 0, 7)]),
        Actor(id="A2", name="Russian", kind="state", country="RUS", mentions=[Span.of(TEXT, 21, 28)]),
        Actor(id="A3", name="Rebels", kind="organisation", mentions=[Span.of(TEXT, 39, 45)]),
    ]
    record = Record(
        document=DocumentInfo(id="d", text=TEXT),
        actors=actors,
        events=[
            _event("E1", "expelled", "SANCTION", "A1", "A2"),
            _event("E2", "attacked", "ASSAULT", "A3", None),
            _event("E3", "weather", "SANCTION", "A1", None),
        ],
    )
    placed = record.model_copy(
        update={
            "events": [
                *record.events[:1],
                record.events[1].model_copy(update={"source_country": "SYR"}),
                *record.events[2:],
            ]
        }
    )
    art = EventArticle("c", "p", "dev", TEXT, None, regions=[(0, len(TEXT))])
    art.events = [_gold("expelled", "SANCTION", "DEU", "RUS"), _gold("attacked", "ASSAULT", "SYR", "")]
    out = score([art], [record])
    assert (out.typed, out.full) == (2, 1)
    assert out.causes["source without a code"] == 1
    assert out.causes["predicted: no gold event in the sentence"] == 1
    assert any(m[0] == "source without a code" and "Rebels=?" in m[2] for m in out.misses)
    # the country the event gives a side without one counts
    assert score([art], [placed]).full == 2
