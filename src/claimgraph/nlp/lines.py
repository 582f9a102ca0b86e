"""Line breaks as sentence boundaries, set before the parser.

spaCy's small English parser often runs a headline into the story's first sentence
("Seoul accuses Pyongyang of shell shipments\\nSEOUL — South Korea on Thursday accused …"),
and a paragraph into the next one across a blank line: a tenth of the sentences of PolNeAR's
articles cross a blank line. Every stage then reads one sentence made of two: the headline's
subject becomes the lede's actor, a headline verb the lede's cue.

:func:`mark_line_breaks` (the ``claimgraph_line_breaks`` component, placed before the parser by
:func:`claimgraph.nlp.load_pipeline`) starts a sentence at the first word after

- a blank line, always;
- a single line break after a line with no sentence-final punctuation (a headline, a byline,
  a list item) when the next line starts with a capital, a digit or a quotation mark — unless
  the text is hard-wrapped (:func:`hard_wrapped`: most of its lines break off mid-sentence, as
  in plain-text mail wrapped at 72 columns, where a line break is only layout).

- a single line break after a line whose last word is a stop of its own ("." "!" "?", a closing
  quotation mark or bracket after one may follow) when the next line starts with a capital or a
  quotation mark (not a digit: "pp.\n52"), wrapped or not: text extracted from HTML joins its paragraphs with
  single line breaks, and the small parser runs a paragraph that ends in a quotation
  (``… was "nobody else's business."``) into the next one.

After a line that ends in an abbreviation (a stop inside the word's token: "George H.W.\nBush",
"Inc.", "U.S."; or a stop after a capitalised word of one to three letters: "Fr.\nWeinandy",
"No.\n3") the parser decides, as it does without this component: text split into lines by
a tool may break there. The parser keeps boundaries set before it and places the others itself.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["COMPONENT", "hard_wrapped", "mark_line_breaks"]

#: The component's name in a pipeline.
COMPONENT = "claimgraph_line_breaks"

#: How a line that ends a sentence ends (closing quotes and brackets after the stop included).
_SENTENCE_END = tuple(".!?:;\"'\u201d\u2019)]")

#: Stops that end a sentence when they stand as a token of their own (not inside an abbreviation).
_STOPS = frozenset(".!?")

#: Closing quotation marks and brackets that may follow a stop.
_CLOSING = frozenset("\"'\u201d\u2019)]")

#: Marks that open a quotation.
_OPENING = "\"'\u201c\u2018"

#: A line at least this long that breaks off mid-sentence looks wrapped (a headline is shorter
#: than a full line of wrapped text only sometimes, so the decision is by majority).
_WRAP_WIDTH = 40


def hard_wrapped(text: str) -> bool:
    """Whether ``text``'s single line breaks are layout: at least three lines followed by another
    line (not a blank one) and most of them long and ending mid-sentence."""
    lines = text.split("\n")
    followed = [line.rstrip() for line, after in pairwise(lines) if line.strip() and after.strip()]
    if len(followed) < 3:
        return False
    broken = sum(len(line) >= _WRAP_WIDTH and not line.endswith(_SENTENCE_END) for line in followed)
    return broken * 2 > len(followed)


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first word after a blank line, and after a single line break
    that ends a line without sentence-final punctuation (the module's docstring)."""
    if "\n" not in doc.text:
        return doc
    single = not hard_wrapped(doc.text)
    breaks = 0  # line breaks since the last word
    last = ""  # the last word's text
    stopped = False  # whether the last word is a stop of its own, or closes a quotation after one
    for token in doc:
        if token.is_space:
            breaks += token.text.count("\n")
            continue
        capital = token.text[0].isupper() or token.text[0] in _OPENING
        if token.i and (
            breaks >= 2
            or (breaks == 1 and capital and stopped)
            or (
                breaks == 1
                and (capital or token.text[0].isdigit())
                and single
                and not last.endswith(_SENTENCE_END)
            )
        ):
            token.is_sent_start = True
        breaks = token.whitespace_.count("\n")
        stopped = (token.text in _STOPS and not _abbreviated(last, token.text)) or (
            stopped and token.text in _CLOSING
        )
        last = token.text
    return doc


def _abbreviated(word: str, stop: str) -> bool:
    """Whether a full stop after ``word`` may close an abbreviation the tokenizer split off: a
    title or short form of one to three letters that starts with a capital ("Fr.", "No.", "Gen.")."""
    return stop == "." and word.isalpha() and len(word) <= 3 and word[0].isupper()


@Language.component(COMPONENT)
def _line_breaks_component(doc: Doc) -> Doc:
    return mark_line_breaks(doc)
