"""One set of modal auxiliaries for every stage, contracted forms read in full."""

from __future__ import annotations

from claimgraph.nlp.lexical import MODAL_AUXILIARIES, modal_word
from claimgraph.nlp.spans import lifted_conjunct


def test_contracted_modals_are_modal_auxiliaries(nlp):
    doc = nlp("We’ll go, they won't stay, you can't win and he must leave.")
    modals = {t.text: modal_word(t) for t in doc if t.tag_ == "MD"}
    assert modals == {"’ll": "will", "wo": "will", "ca": "can", "must": "must"}
    assert set(modals.values()) <= MODAL_AUXILIARIES


def test_a_past_verb_coordinated_with_a_contracted_modal_clause_is_lifted(nlp):
    # "they’ll" with a typographic apostrophe: the clitic is the modal "will"
    doc = nlp("He said they’ll fail and blamed Moscow.")
    blamed = next(t for t in doc if t.text == "blamed")
    assert (blamed.dep_, blamed.head.text) == ("conj", "fail")  # the parse the rule mends
    lifted = lifted_conjunct(blamed)
    assert lifted is not None and lifted.text == "said"
