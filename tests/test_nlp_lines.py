"""Line breaks end sentences before the parser runs (claimgraph.nlp.lines)."""

from __future__ import annotations

from claimgraph.nlp import load_pipeline
from claimgraph.nlp.lines import COMPONENT, hard_wrapped, mark_line_breaks


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_the_component_runs_before_the_parser(nlp):
    names = load_pipeline().pipe_names
    assert names.index(COMPONENT) < names.index("parser")


def test_a_headline_is_not_run_into_the_first_sentence(nlp):
    text = (
        "Lisbon and Madrid accuse Rabat of new fishing raids; Rabat denies\n"
        "Portugal and Spain on Friday accused Morocco of sending trawlers into their waters."
    )
    sentences = _sentences(nlp, text)
    assert sentences[0] == "Lisbon and Madrid accuse Rabat of new fishing raids; Rabat denies"
    lede = next(s for s in nlp(text).sents if "accused" in s.text)
    accused = next(t for t in lede if t.text == "accused")
    subjects = {t.text for t in accused.children if t.dep_ == "nsubj"}
    assert subjects and subjects <= {"Portugal", "Spain"}  # the lede's own subject, not the headline's


def test_a_blank_line_always_ends_a_sentence(nlp):
    text = "The committee met on Monday and the envoy\n\nspoke to reporters after the vote."
    assert len(_sentences(nlp, text)) == 2


def test_in_hard_wrapped_text_a_line_break_is_only_layout(nlp):
    text = (
        "The ministry said on Tuesday that the delegation from the northern\n"
        "provinces would arrive in the capital before the end of the month\n"
        "and that talks on the water dispute would start the following week\n"
        "if the weather allowed the flights to land."
    )
    assert hard_wrapped(text)
    doc = mark_line_breaks(nlp.make_doc(text))
    assert not any(t.is_sent_start for t in doc[1:])


def test_a_lower_case_line_continues_the_sentence(nlp):
    text = "Officials in the port city said the cargo\nwas unloaded at night."
    doc = mark_line_breaks(nlp.make_doc(text))
    assert not any(t.is_sent_start for t in doc[1:])


def test_after_a_full_stop_at_a_line_end_the_parser_decides(nlp):
    # text split into lines by a tool can break at an abbreviation: no boundary is forced there
    doc = mark_line_breaks(nlp.make_doc("It was the policy of George H.W.\nBush in those years."))
    assert not any(t.is_sent_start for t in doc[1:])


def test_paragraphs_that_end_in_full_stops_are_not_hard_wrapped():
    text = "Headline without a stop\nFirst paragraph ends here.\nSecond one too.\nAnd a third."
    assert not hard_wrapped(text)
    assert not hard_wrapped("one line only")


def test_a_paragraph_that_ends_in_a_quotation_is_not_run_into_the_next(nlp):
    # text extracted from HTML joins paragraphs with one line break
    text = (
        'The envoy added that the treaty was "a matter for the two capitals alone."\n'
        "Norway and its partners on Friday imposed duties on two Danish fishing firms."
    )
    doc = mark_line_breaks(nlp.make_doc(text))
    starts = [t.text for t in doc[1:] if t.is_sent_start]
    assert starts == ["Norway"]
    assert len(_sentences(nlp, text)) == 2


def test_a_stop_at_a_line_end_ends_a_sentence_in_wrapped_text_too(nlp):
    text = (
        "The ministry said on Tuesday that the delegation from the northern\n"
        "provinces would arrive in the capital before the end of the month.\n"
        "Talks on the water dispute would start the following week if the\n"
        "weather allowed the flights to land at the small airport there."
    )
    assert hard_wrapped(text)
    doc = mark_line_breaks(nlp.make_doc(text))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["Talks"]


def test_a_lower_case_line_after_a_stop_is_left_to_the_parser(nlp):
    doc = mark_line_breaks(nlp.make_doc("The price rose 4.\nper cent, officials said."))
    assert not any(t.is_sent_start for t in doc[1:])


def test_a_title_cut_off_at_a_line_end_is_left_to_the_parser(nlp):
    doc = mark_line_breaks(nlp.make_doc("The letter was signed by Fr.\nAntonio Ruiz of the parish."))
    assert not any(t.is_sent_start for t in doc[1:])
