"""The range indexes the stages use instead of scanning every range (claimgraph.nlp.intervals)
give exactly the answers of the scans they replace, ties included."""

from __future__ import annotations

import random

from claimgraph.nlp.intervals import ActorIndex, Intervals, RangeSet, actor_index
from claimgraph.record import Actor, DocumentInfo, Record, Span

TEXT = "".join(random.Random(7).choice("abc de") for _ in range(400))


def _ranges(rng: random.Random, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(0, 390)
        out.append((s, min(400, s + rng.choice([0, 1, 2, 5, 9, 30]))))
    return out


def _queries(rng: random.Random) -> list[tuple[int, int]]:
    return [(s, s + rng.choice([0, 1, 3, 8, 40])) for s in (rng.randrange(0, 400) for _ in range(300))]


def test_interval_queries_match_a_scan():
    rng = random.Random(1)
    for _ in range(20):
        ranges = _ranges(rng, rng.randrange(0, 40))
        index = Intervals([(s, e, k) for k, (s, e) in enumerate(ranges)])
        for s, e in _queries(rng):
            overlap = [k for k, (rs, re_) in enumerate(ranges) if min(re_, e) - max(rs, s) > 0]
            assert [k for _, _, k in index.overlapping(s, e)] == overlap
            best, size = None, 0
            for k, (rs, re_) in enumerate(ranges):
                if min(re_, e) - max(rs, s) > size:
                    best, size = k, min(re_, e) - max(rs, s)
            found = index.most_overlapping(s, e)
            assert (found[2] if found else None) == best
            held = [k for k, (rs, re_) in enumerate(ranges) if rs <= s and e <= re_]
            assert [k for _, _, k in index.containing(s, e)] == held
            assert index.covers(s) == any(rs <= s < re_ for rs, re_ in ranges)
            touching = [k for k, (rs, re_) in enumerate(ranges) if rs < e and s < re_]
            near = [k for _, _, k in index.near(s, e)]
            assert set(touching) <= set(near) and near == sorted(near)
            assert set(held) <= set(near)


def test_range_set_touches_like_a_scan_as_it_grows():
    rng = random.Random(2)
    added: list[tuple[int, int]] = []
    ranges = RangeSet()
    for s, e in _ranges(rng, 60):
        for qs, qe in _queries(rng)[:20]:
            assert ranges.touches(qs, qe) == any(qs < te and ts < qe for ts, te in added)
        ranges.add(s, e)
        added.append((s, e))


def test_actor_index_answers_like_the_record():
    rng = random.Random(3)
    for _ in range(10):
        actors = []
        for i in range(rng.randrange(1, 12)):
            spans = [Span.of(TEXT, s, e) for s, e in _ranges(rng, rng.randrange(1, 5))]
            kind = rng.choice(["person", "state", "organisation"])
            actors.append(Actor(id=f"A{i + 1}", name="x", kind=kind, mentions=spans))
        record = Record(document=DocumentInfo(id="d", text=TEXT), actors=actors)
        index = ActorIndex(record.actors)
        for s, e in _queries(rng):
            assert index.actor_at(s, e) is record.actor_at(s, e)
            scan = [(a, m) for a in actors for m in a.mentions if min(m.end, e) - max(m.start, s) > 0]
            assert index.overlapping(s, e) == scan
            best = None
            for a in actors:
                for m in a.mentions:
                    if a.kind == "person" and m.end <= s and (best is None or m.end > best[0]):
                        best = (m.end, a)
            assert index.person_before(s) is (best[1] if best else None)
            assert index.inside_mention(s, e) == any(
                m.start <= s and e <= m.end for a in actors for m in a.mentions
            )
        assert index.actor("A1") is record.actor("A1") and index.actor(None) is None
        assert actor_index(record) is actor_index(record.model_copy())  # one index per actors list
