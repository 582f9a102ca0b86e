"""The PLOVER gold-record scorer: how an event side is compared with the gold codes."""

from __future__ import annotations

from claimgraph.eval.plover import GoldEvent, actor_code, score
from claimgraph.record import Actor, DocumentInfo, Event, Record, Span


def _record(text: str, *actors: Actor, events: list[Event] | None = None) -> Record:
    return Record(document=DocumentInfo(id="t", text=text), actors=list(actors), events=events or [])


def _group(actor_id: str, code: str, sector: str) -> Actor:
    return Actor(id=actor_id, name=actor_id, kind="organisation", country=None, code=code, sector=sector)


def test_a_side_is_compared_by_country_else_by_its_group_code() -> None:
    text = "x"
    record = _record(
        text,
        Actor(id="S", name="Chad", kind="state", country="TCD", code="TCD"),
        _group("U", "IGOUNO", "IGO"),
        _group("A", "NGOHRIAMN", "NGO"),
        _group("Q", "IMGMUSAQ", "REB"),  # an international militarized group (al-Qaeda)
        _group("R", "INTREB", "REB"),  # a rebel group of no country: no code to compare
    )
    assert [actor_code(record, a) for a in ("S", "U", "A", "Q", "R", None)] == [
        "TCD",
        "IGO",
        "NGO",
        "IMG",
        None,
        None,
    ]


def test_type_and_dyad_recall() -> None:
    text = "Chad attacked al-Qaeda."
    trigger = Span.of(text, 5, 13)
    sentence = Span.of(text, 0, len(text))
    event = Event(
        id="E1",
        source="S",
        target="Q",
        cameo="190",
        root="19",
        plover="ASSAULT",
        trigger=trigger,
        sentence=sentence,
    )
    record = _record(
        text,
        Actor(id="S", name="Chad", kind="state", country="TCD", code="TCD"),
        _group("Q", "IMGMUSAQ", "REB"),
        events=[event],
    )
    gold = GoldEvent(
        id="g", text=text, type="ASSAULT", sources=frozenset({"TCD"}), targets=frozenset({"IMG"})
    )
    result = score([gold], [record])
    assert (result.type_recall, result.dyad_recall, result.precision) == (1.0, 1.0, 1.0)
    other = GoldEvent(
        id="g", text=text, type="ASSAULT", sources=frozenset({"TCD"}), targets=frozenset({"NGA"})
    )
    assert score([other], [record]).dyad_recall == 0.0
