"""Whose words a technique span is in: a statement's speaker, or the author.

PTC's convention (and the analyst's): a technique inside a quote or a reported statement
belongs to its speaker; the author is charged only for their own words. :class:`Owners`
answers for one document:

1. Statements the author makes in the first person ("I believe …", "we must …") are the
   author's own words, as the voice stage reads them: they hold no one else's technique.
2. A span over half inside another statement's content is that statement's.
3. A span over half inside a quotation (paired quotation marks within a paragraph) belongs
   to the statement whose content overlaps that quotation: a quote of several sentences whose
   statement the tagger closed early ("'They lie. It is a disgrace,' he said.") is still the
   speaker's throughout. A quotation no statement overlaps (a quoted paragraph after the one
   that names its speaker: "Valastro praised Christie. / 'We need someone who cuts through
   the bull.'") is the last statement's that ends at most :data:`QUOTE_REACH` characters
   before it.
4. A span over half inside a quotation that no statement owns is still not the author's own
   words (:meth:`Owners.quoted`): a quoted title, name, slogan or remark whose speaker the
   statements stage did not find ("a preview of the show ‘The 411’", "he sang “American
   Skin”"). The record keeps such a span with ``quoted`` set and no speaker. *Scare quotes*
   stay the author's: a quotation of at most :data:`SCARE_QUOTE_WORDS` words that starts in
   lower case (the so-called “experts”) is the author's own device.

Quotations are paired double marks, and curly single marks (‘ … ’, as headlines and quotes
within quotes use them) where the opening mark begins a word and the closing one ends it (an
apostrophe inside a word, "Trump’s", closes nothing).

Otherwise the span is the author's (None).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimgraph.nlp.intervals import Intervals
from claimgraph.nlp.spans import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_MARKS
from claimgraph.record import Statement

__all__ = [
    "FIRST_PERSON",
    "QUOTE_REACH",
    "SCARE_QUOTE_WORDS",
    "Owners",
    "attribute",
    "content_index",
    "quotations",
    "scare_quote",
    "single_quotations",
]

#: Speakers that are the author writing in the first person.
FIRST_PERSON = frozenset({"i", "we"})
#: How far (characters) before a quotation without a statement of its own the statement that
#: introduces it may end (about two news paragraphs).
QUOTE_REACH = 400
#: A quotation of at most this many words that starts in lower case is a scare quote (the
#: author's own device), not someone else's words.
SCARE_QUOTE_WORDS = 3
#: Curly single quotation marks (the straight one doubles as an apostrophe too often).
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"


def _authorial(statement: Statement) -> bool:
    speaker = statement.speaker_span.text.strip().lower() if statement.speaker_span else ""
    return statement.speaker is None and speaker in FIRST_PERSON


def attribute(
    start: int,
    end: int,
    statements: Sequence[Statement],
    contents: Intervals[Statement] | None = None,
) -> Statement | None:
    """The statement whose content holds most of ``[start, end)`` (over half of it), or None.

    ``contents``: the statements' contents indexed once (:func:`content_index`) when asking
    for many spans of one document."""
    contents = contents if contents is not None else content_index(statements)
    found = contents.most_overlapping(start, end)  # the first of the largest overlaps
    if found is None:
        return None
    overlap = min(end, found[1]) - max(start, found[0])
    return found[2] if overlap * 2 > end - start else None


def content_index(statements: Sequence[Statement]) -> Intervals[Statement]:
    """The contents of the statements made by someone other than the author, for :func:`attribute`."""
    return Intervals([(st.content.start, st.content.end, st) for st in statements if not _authorial(st)])


def quotations(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` between paired quotation marks, within a paragraph (marks excluded).

    Curly and guillemet marks open and close by their shape, straight ones alternate; a mark
    left open at the end of a paragraph closes there (news paragraphs of a continuing quote
    often leave it open)."""
    out: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        opened: int | None = None
        for i, ch in enumerate(para):
            if ch not in QUOTE_MARKS:
                continue
            if opened is None and ch not in CLOSE_QUOTES:
                opened = i + 1
            elif opened is not None and ch not in OPEN_QUOTES:
                if i > opened:
                    out.append((offset + opened, offset + i))
                opened = None
        if opened is not None and len(para) > opened:
            out.append((offset + opened, offset + len(para)))
        offset += len(para) + 1
    return out


def single_quotations(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` between curly single quotation marks within a paragraph (marks excluded):
    an opening mark at the start of a word (not after a letter or digit) and the first closing
    mark after it that ends a word (not followed by a letter or digit)."""
    out: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        i = 0
        while (i := para.find(_OPEN_SINGLE, i)) >= 0:
            if i > 0 and para[i - 1].isalnum():
                i += 1
                continue
            j = i + 1
            while (j := para.find(_CLOSE_SINGLE, j)) >= 0 and j + 1 < len(para) and para[j + 1].isalnum():
                j += 1
            if j < 0:
                break
            if j > i + 1:
                out.append((offset + i + 1, offset + j))
            i = j + 1
        offset += len(para) + 1
    return out


def scare_quote(text: str, start: int, end: int) -> bool:
    """Whether the quotation ``text[start:end]`` is a scare quote: at most
    :data:`SCARE_QUOTE_WORDS` words, the first in lower case."""
    words = text[start:end].split()
    return 0 < len(words) <= SCARE_QUOTE_WORDS and words[0][:1].islower()


class Owners:
    """Who owns technique spans of one document (see the module docstring)."""

    def __init__(self, text: str, statements: Sequence[Statement]) -> None:
        self.contents = content_index(statements)
        self.by_end = sorted((st for st in statements if not _authorial(st)), key=lambda st: st.content.end)
        self.text = text
        marks = sorted(quotations(text) + single_quotations(text))
        self.quotes: Intervals[None] = Intervals([(s, e, None) for s, e in marks])

    def statement(self, start: int, end: int) -> Statement | None:
        """The statement whose words ``[start, end)`` are, or None for the author's."""
        found = attribute(start, end, (), self.contents)
        if found is not None:
            return found
        quote = self.quotes.most_overlapping(start, end)
        if quote is None or (min(end, quote[1]) - max(start, quote[0])) * 2 <= end - start:
            return None
        inside = self.contents.overlapping(quote[0], quote[1])
        if inside:
            return inside[0][2]
        before = [st for st in self.by_end if quote[0] - QUOTE_REACH <= st.content.end <= quote[0]]
        return before[-1] if before else None

    def quoted(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies over half inside a quotation that is not a scare quote
        (someone else's words even when no statement owns them; ask after :meth:`statement`)."""
        for s, e, _ in self.quotes.overlapping(start, end):
            if (min(end, e) - max(start, s)) * 2 > end - start and not scare_quote(self.text, s, e):
                return True
        return False
