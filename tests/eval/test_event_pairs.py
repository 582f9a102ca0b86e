"""The event-pairs benchmark: reading pairs and texts, mapping mentions, scoring (no research data needed)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from claimgraph.errors import DataError
from claimgraph.eval.event_pairs import COLUMNS, map_mention, read_documents, read_pairs, score
from claimgraph.record import Actor, DocumentInfo, Event, EventDate, Record, Span

BODIES = {
    "1": "Lavrov met Wang Yi in Beijing on Tuesday to discuss Ukraine. Nothing else happened.",
    "2": "Wang Yi held talks with Lavrov in Beijing on Tuesday about Ukraine.",
    "3": "Lavrov met Wang Yi in Beijing to discuss energy, a week later.",
}
POLNEAR = "Blinken announced sanctions against Moscow."


def _row(
    pair: str, split: str, label: str, kind: str, a: tuple, b: tuple, plover: str = "CONSULT"
) -> list[str]:
    cells = [pair, split, label, kind]
    for corpus, path, trigger in (a, b):
        text = BODIES[path] if corpus == "fnc1" else POLNEAR
        t0 = text.index(trigger)
        sha = hashlib.sha1(trigger.encode()).hexdigest()[:10]
        cells += [corpus, path, "0", str(text.index(".") + 1), str(t0), str(t0 + len(trigger)), sha]
    return [*cells, plover, "RUS>CHN"]


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "fnc1").mkdir()
    with (tmp_path / "fnc1" / "train_bodies.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows(BODIES.items())
    text_dir = tmp_path / "polnear" / "data" / "train" / "text"
    text_dir.mkdir(parents=True)
    (text_dir / "wire_x.txt").write_text(POLNEAR, encoding="utf-8")
    (tmp_path / "polnear" / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\ntrain\twire_x\tWire X\t2016-09-12\n",
        encoding="utf-8",
    )
    rows = [
        _row("P1", "dev", "same", "same", ("fnc1", "1", "met"), ("fnc1", "2", "held talks")),
        _row("P2", "dev", "different", "hard", ("fnc1", "1", "met"), ("fnc1", "3", "met")),
        _row(
            "P3", "check", "different", "easy", ("fnc1", "1", "met"), ("polnear", "train/wire_x", "sanctions")
        ),
    ]
    pairs = tmp_path / "pairs.tsv"
    lines = ["# a comment", "\t".join(COLUMNS), *("\t".join(r) for r in rows)]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pairs, tmp_path


def _record(doc: DocumentInfo, trigger: str | None, date: str | None) -> Record:
    text = doc.text
    lav, wang = text.index("Lavrov"), text.index("Wang Yi")
    actors = [
        Actor(id="A1", name="Lavrov", kind="person", country="RUS", mentions=[Span.of(text, lav, lav + 6)]),
        Actor(
            id="A2", name="Wang Yi", kind="person", country="CHN", mentions=[Span.of(text, wang, wang + 7)]
        ),
    ]
    events = []
    if trigger is not None:
        t0 = text.index(trigger)
        events.append(
            Event(
                id="E1",
                source="A1",
                target="A2",
                cameo="040",
                root="04",
                plover="CONSULT",
                trigger=Span.of(text, t0, t0 + len(trigger)),
                sentence=Span.of(text, 0, text.index(".") + 1),
                date=EventDate(value=date, precision="day") if date else None,
            )
        )
    return Record(document=doc, actors=actors, events=events)


def test_reads_pairs_and_documents(data):
    pairs_file, folder = data
    dev = read_pairs(pairs_file, split="dev")
    assert [p.id for p in dev] == ["P1", "P2"] and dev[0].a.doc_id == "fnc1/1"
    assert len(read_pairs(pairs_file, split=None)) == 3
    docs = read_documents(read_pairs(pairs_file, split=None), folder)
    assert [d.doc_id for d in docs] == ["fnc1/1", "fnc1/2", "fnc1/3", "polnear/train/wire_x"]
    polnear = docs[-1].document()
    assert (polnear.published, polnear.source) == ("2016-09-12", "Wire X")
    with pytest.raises(DataError):
        read_documents(dev, folder / "nowhere")


def test_maps_by_trigger_then_by_sentence(data):
    pairs_file, _ = data
    p1 = read_pairs(pairs_file)[0]
    doc = DocumentInfo(id="fnc1/1", text=BODIES["1"])
    assert map_mention(_record(doc, "met", None), p1.a, "CONSULT").id == "E1"
    # no trigger overlap: an event of the pair's type in the labelled sentence
    assert map_mention(_record(doc, "discuss", None), p1.a, "CONSULT").id == "E1"
    assert map_mention(_record(doc, "discuss", None), p1.a, "SANCTION") is None
    assert map_mention(_record(doc, None, None), p1.a, "CONSULT") is None


def test_scores_pairs_and_counts_unmapped_mentions(data):
    pairs_file, folder = data
    pairs = read_pairs(pairs_file, split=None)
    docs = {d.doc_id: d.document() for d in read_documents(pairs, folder)}
    records = {
        "fnc1/1": _record(docs["fnc1/1"], "met", "2024-03-05"),
        "fnc1/2": _record(docs["fnc1/2"], "held talks", "2024-03-05"),
        "fnc1/3": _record(docs["fnc1/3"], "met", "2024-03-12"),
        "polnear/train/wire_x": Record(document=docs["polnear/train/wire_x"]),
    }
    result = score(pairs, records).as_dict()
    assert (result["pairs"], result["same"]) == (3, 1)
    assert (result["precision"], result["recall"]) == (1.0, 1.0)  # a week apart: different
    assert (result["mentions"], result["unmapped_mentions"]) == (4, 1)
    assert result["mapped_pairs"] == 2 and result["same_lost_to_mapping"] == 0
    del records["fnc1/2"]
    with pytest.raises(DataError):
        score(pairs, records)
