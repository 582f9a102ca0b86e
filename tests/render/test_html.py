"""The self-contained HTML report: content, highlighting, escaping."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from claimgraph.record import (
    TECHNIQUE_LABELS,
    Actor,
    Claim,
    DocumentInfo,
    Event,
    Record,
    Span,
    Statement,
    Technique,
    Voice,
)
from claimgraph.render import render_html
from claimgraph.render.html import record_marks
from claimgraph.render.palette import technique_colour
from claimgraph.render.summary import technique_summary

ATTACK = "<script>alert(1)</script>"
QUOTE_ATTACK = '" onmouseover="alert(1)" x="'


class Page(HTMLParser):
    """Collects what a browser would see: elements, attributes, scripts, and each article's text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.articles: list[str] = []
        self._in_script = False
        self._depth = 0  # > 0 inside div.text
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")
        if self._depth:
            self._depth += 1
        elif tag == "div" and attributes.get("class") == "text":
            self._depth = 1
            self.articles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        if self._depth:
            self.articles[-1] += data


def hostile_record() -> Record:
    text = f"Officials said {ATTACK} was found. {QUOTE_ATTACK} <b>bold</b> &amp; more."
    s = text.index(ATTACK)
    q = text.index(QUOTE_ATTACK)
    return Record(
        document=DocumentInfo(
            id=f"id-{ATTACK}{QUOTE_ATTACK}",
            title=f"Title {ATTACK}",
            source=QUOTE_ATTACK,
            url="javascript:alert(1)",
            author=ATTACK,
            warnings=[f"warning {ATTACK}"],
            text=text,
        ),
        actors=[
            Actor(
                id="A1",
                name=f"{ATTACK}{QUOTE_ATTACK}",
                kind="person",
                country=ATTACK,
                code=QUOTE_ATTACK,
                title=ATTACK,
                mentions=[Span.of(text, 0, 9)],
            ),
        ],
        statements=[
            Statement(
                id=f"S{QUOTE_ATTACK}",
                speaker="A1",
                speaker_span=Span.of(text, 0, 9),
                cue=Span.of(text, 10, 14),
                content=Span.of(text, s, s + len(ATTACK)),
                kind="direct",
            ),
        ],
        claims=[
            Claim(
                id="C1",
                text=ATTACK,
                asserted_by=["A1"],
                evidence_cited=True,
                evidence=[Span.of(text, s, s + 8)],
            )
        ],
        events=[
            Event(
                id="E1",
                source="A1",
                cameo="010",
                root="01",
                label=ATTACK,
                plover=QUOTE_ATTACK,
                trigger=Span.of(text, 10, 14),
                sentence=Span.of(text, 0, len(text)),
            )
        ],
        techniques=[
            Technique(label="Loaded_Language", start=q, end=q + 12, text=text[q : q + 12], score=0.5)
        ],
        voice=[Voice(start=q, end=len(text), text=text[q:], kind="author_evaluation", score=0.5)],
        generator={"claimgraph": ATTACK},
    )


def test_sample_report_has_every_section(sample: Record) -> None:
    html = render_html([sample])
    for heading in (
        "Article",
        "Layers",
        "Persuasion techniques",
        "Actors",
        "Statements",
        "Claims ledger",
        "Events",
        "Technique spans",
        "Author's voice",
    ):
        assert f"<h3>{heading}</h3>" in html, heading
    assert "No actors found" not in html
    assert "Dmitry Peskov (RUS)" in html
    assert "contested" in html
    assert f"{technique_summary(sample).share * 100:.1f}%" in html
    assert 'id="rec-1"' in html and 'class="card toc"' not in html  # one record: no contents


def test_article_text_is_shown_whole_and_exactly(sample: Record) -> None:
    page = Page(render_html(sample))
    assert page.articles == [sample.document.text]


def test_every_finding_is_highlighted(sample: Record) -> None:
    page = Page(render_html(sample))
    spans = [a for tag, a in page.tags if tag == "span" and "m" in (a.get("class") or "").split()]
    refs = set(" ".join(a["data-refs"] or "" for a in spans).split())
    n = {
        "a": len(sample.actors),
        "s": len(sample.statements),
        "e": len(sample.events),
        "t": len(sample.techniques),
        "v": len(sample.voice),
    }
    assert refs == {f"{k}{i}" for k, count in n.items() for i in range(count)}
    classes = " ".join(a["class"] or "" for a in spans)
    for layer in ("m-actor", "m-speaker", "m-cue", "m-content", "st-deny", "m-event", "m-tech", "m-voice"):
        assert layer in classes


def test_overlapping_spans_share_a_segment(sample: Record) -> None:
    page = Page(render_html(sample))
    # "cynical smear campaign" is in both Name_Calling (9) and Loaded_Language (8)
    both = [a for tag, a in page.tags if tag == "span" and a.get("data-t") == "8 9"]
    assert both and "linear-gradient" in (both[0]["style"] or "")
    assert technique_colour("Loaded_Language") in both[0]["style"]  # type: ignore[operator]
    # "North Korea" is an actor mention inside S1's content
    title = next(a["title"] for tag, a in page.tags if tag == "span" and a.get("data-refs") == "a2 s0")
    assert title is not None and "Actor A3: North Korea (PRK)" in title and "Statement S1" in title


def test_marks_follow_the_record(sample: Record) -> None:
    marks = record_marks(sample)
    assert sum(len(a.mentions) for a in sample.actors) == sum(m.ref.startswith("a") for m in marks)
    assert all(sample.document.text[m.start : m.end] for m in marks)


def test_legend_has_one_colour_per_label_present(sample: Record) -> None:
    html = render_html(sample)
    labels = {t.label for t in sample.techniques}
    boxes = {int(i) for i in re.findall(r'data-tech="(\d+)"', html)}
    assert boxes == {TECHNIQUE_LABELS.index(label) for label in labels}
    for label in labels:
        assert f"background:{technique_colour(label)}" in html
    assert len(re.findall(r'data-layer="(\w+)"', html)) == 5


def test_everything_is_escaped() -> None:
    html = render_html([hostile_record()])
    page = Page(html)
    assert ATTACK not in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert page.scripts and len(page.scripts) == 1  # only the report's own script
    assert "alert" not in page.scripts[0]
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not (attributes.get("href") or "").startswith("javascript:")
    assert page.articles == [hostile_record().document.text]  # shown as text, exactly
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_the_reports_own_script_may_run(sample: Record) -> None:
    html = render_html(sample)
    page = Page(html)
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    csp = next(a["content"] for tag, a in page.tags if tag == "meta" and a.get("http-equiv"))
    assert csp is not None and f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_self_contained(sample: Record) -> None:
    page = Page(render_html(sample))
    assert not any(tag in {"link", "img", "iframe", "object", "embed"} for tag, _ in page.tags)
    assert not any("src" in attributes for _, attributes in page.tags)
    html = render_html(sample)
    assert "@import" not in html and "url(" not in html


def test_several_records_get_a_table_of_contents(sample: Record, empty: Record) -> None:
    second = sample.model_copy(
        update={"document": sample.document.model_copy(update={"id": "two", "title": None})}
    )
    html = render_html([sample, second, empty])
    assert 'class="card toc"' in html
    for i in (1, 2, 3):
        assert f'href="#rec-{i}"' in html and f'id="rec-{i}"' in html
    assert Page(html).articles == [sample.document.text, sample.document.text]  # the empty one has no text
    assert "The document has no text." in html


def test_empty_record_renders(empty: Record) -> None:
    html = render_html([empty])
    for part in ("actors", "statements", "claims", "events", "techniques", "technique spans"):
        assert f"No {part} found." in html


@pytest.mark.parametrize("n", [1, 3])
def test_render_accepts_a_sequence_or_one_record(sample: Record, n: int) -> None:
    assert render_html([sample] * n).count('<section class="card record"') == n


def test_no_records_is_an_empty_page() -> None:
    html = render_html([])
    assert "0 documents" in html and 'class="card record"' not in html


def test_records_may_come_from_a_generator(sample: Record) -> None:
    assert render_html(r for r in [sample, sample]).count('<section class="card record"') == 2
