"""The learnt statement stance: each case of issue 16 decided, and explained by named features."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from claimgraph.stages.statements import by_sentence, kept_statements, not_a_statement, raw_statements
from claimgraph.stages.statements.stance import (
    EMBEDDING,
    STANCE_CLASSES,
    StanceModel,
    explain,
    load_stance_model,
    stance_features,
)


def _attribution(nlp, text: str, content_part: str):
    doc = nlp(text)
    for att in kept_statements(doc, raw_statements(doc)):
        words = " ".join(text[s:e] for s, e in att.content)
        if content_part in words:
            return doc, att
    raise AssertionError(f"no statement with {content_part!r} in {text!r}")


# sentence, a piece of the content, stance, features at least one of which must push toward it
CASES = [
    # a denial in a direct quote is a denial (it was read as an assertion)
    (
        '"No shells were ever delivered," the ministry said.',
        "No shells",
        "deny",
        {"neg_main", "negator=no", "kind=direct"},
    ),
    # commitments: the speaker's own promise or refusal ("We will never …" is no denial)
    (
        '"We will never allow such provocations," the minister said.',
        "never allow",
        "commit",
        {"first_person_future", "rule_commitment", "subject_first_person", "future"},
    ),
    (
        "The president said he will not back down.",
        "back down",
        "commit",
        {"pronoun_future", "rule_commitment", "future"},
    ),
    # an explicit denial cue
    (
        "The Kremlin denied that it had supplied the drones.",
        "supplied the drones",
        "deny",
        {"cue_stance=deny", "cue_deny_verb", "rule=deny"},
    ),
    # a reported question
    (
        "Reporters asked whether the talks would resume.",
        "talks would resume",
        "question",
        {"cue_question_word", "opens=whether", "rule=question"},
    ),
]


@pytest.mark.parametrize(("text", "part", "stance", "reasons"), CASES)
def test_stance_is_learnt_and_explained(nlp, text, part, stance, reasons):
    doc, att = _attribution(nlp, text, part)
    assert att.stance == stance
    why = explain(doc, att)
    assert why.source == "model"
    assert why.stance == stance
    assert max(why.probabilities, key=why.probabilities.get) == stance
    weights = dict(why.contributions)
    # the named features behind the decision: one of the expected ones pushes toward it
    assert any(weights.get(r, 0.0) > 0 for r in reasons), why.contributions[:8]


def test_explanation_adds_up_to_the_decision(nlp):
    doc, att = _attribution(nlp, '"No shells were ever delivered," the ministry said.', "No shells")
    model = load_stance_model()
    assert model is not None
    why = explain(doc, att, model=model)
    k = model.classes.index(why.stance)
    from claimgraph.stages.statements.stance import _embedding, content_text

    emb = _embedding(model, [content_text(doc.text, att)])
    logits = model.logits(stance_features(doc, att), None if emb is None else emb[0])
    assert sum(v for _, v in why.contributions) == pytest.approx(logits[k], abs=1e-2)
    if emb is not None:
        assert EMBEDDING in dict(why.contributions)


def test_negated_fact_by_the_author_is_no_statement(nlp):
    doc = nlp("The ministry did not comment on the reports.")
    assert kept_statements(doc, raw_statements(doc)) == []
    assert [not_a_statement(doc, a) for a in raw_statements(doc)] in ([], ["negated cue"])


def test_relative_clause_speaker_denies(analyzer):
    (st,) = analyzer.analyze("The envoy met the minister twice, which she denies.").statements
    assert (st.stance, st.speaker_span.text if st.speaker_span else None) == ("deny", "she")


def test_authors_comment_has_no_named_speaker(analyzer):
    record = analyzer.analyze("It is telling that the minister never mentioned the shipments.")
    assert all(st.speaker is None for st in record.statements)
    assert record.statements == []


def test_each_sentence_of_a_quote_is_a_statement(nlp):
    from claimgraph.stages.statements.stance import decide

    text = 'The minister said: "No shells were ever delivered. We will never accept such provocations."'
    doc, att = _said(nlp, text, "minister", "said", "No shells")
    parts = by_sentence(doc, att)
    assert [" ".join(text[s:e] for s, e in a.content).rstrip(".") for a in parts] == [
        "No shells were ever delivered",
        "We will never accept such provocations",
    ]
    decide(doc, parts)
    assert [a.stance for a in parts] == ["deny", "commit"]
    assert all(a.source == [(4, 12)] and a.cue == [(13, 17)] for a in parts)


def test_model_round_trip_and_the_rules_beside_it(tmp_path):
    model = StanceModel(
        classes=STANCE_CLASSES,
        names=("a", "first_person_future"),
        coef=np.arange(10, dtype=float).reshape(5, 2),
        intercept=np.zeros(5),
        emb_coef=None,
        meta={"c": 1.0},
    )
    path = tmp_path / "m.npz"
    model.save(path)
    back = StanceModel.load(path)
    assert back.classes == STANCE_CLASSES and back.names == ("a", "first_person_future")
    assert back.meta == {"c": 1.0}
    why = back.explain({"a": 1.0, "first_person_future": 1.0, "unknown": 1.0}, None)
    assert (why.stance, why.rule) == ("commit", None)
    assert dict(why.contributions) == {"a": 8.0, "first_person_future": 9.0, "(intercept)": 0.0}
    # a commitment needs the speaker's own act; an explicit denial cue denies
    assert back.explain({"a": 1.0}, None).stance == "question"
    assert back.explain({"a": 1.0}, None).rule == "a commitment needs the speaker's own act"
    assert back.explain({"a": 1.0, "cue_stance=deny": 1.0}, None).stance == "deny"
    assert back.explain({"a": 1.0, "cue_stance=deny": 1.0, "cue_negated": 1.0}, None).stance == "question"


def test_a_broken_model_file_says_how_to_fix_it(tmp_path):
    from claimgraph.errors import ModelError

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="claimgraph train stances"):
        StanceModel.load(bad)


def test_without_the_model_file_the_rules_decide(nlp, monkeypatch, tmp_path):
    from claimgraph.stages.statements import stance

    monkeypatch.setattr(stance, "model_path", lambda: tmp_path / "absent.npz")
    stance.load_stance_model.cache_clear()
    try:
        doc, att = _attribution(nlp, "The Kremlin denied that it had supplied the drones.", "supplied")
        assert att.stance == att.rule_stance == "deny"
        why = explain(doc, att)
        assert why.source == "rules" and ("cue_stance=deny", 1.0) in why.contributions
    finally:
        stance.load_stance_model.cache_clear()


# named features of negation scope and predicate kind (issue 16): sentence, content piece, features
FEATURE_CASES = [
    # a clitic written with a typographic apostrophe negates like "n't"
    ("He said it wasn\u2019t true that the car had been stolen.", "true", {"neg_main", "negator=n\u2019t"}),
    # a negative quantifier as the subject of a main-level clause
    ('He said: "None of those are true, they are just made up stories."', "None of", {"neg_subject"}),
    # a negated attitude ("I don't care") is an assertion of the attitude, not a denial of a fact
    ('"I don\'t care," she said.', "care", {"main_attitude", "neg_attitude", "neg_first_person"}),
    # "no plans to attend": a refusal of one's own act
    (
        '"Governor Romney has no plans to attend the convention," his aide said.',
        "plans",
        {"no_noun_to_infinitive"},
    ),
    # an embedded question and a doubt word inside the content
    ('"I have a real question as to whether both sides want it," he said.', "whether", {"embedded_question"}),
    # a noun phrase that is no claim
    ("The minister rejected the offer.", "offer", {"np_other", "main_not_verb"}),
    ("The minister rejected the allegation.", "allegation", {"np_claim", "main_not_verb"}),
    # a negation on a modifier of the main predicate negates the main clause ("no longer")
    ('"The two firms are no longer partners," the spokesman said.', "partners", {"neg_main_modifier"}),
    # a negated copula: with a truth word a denial, with another adjective an evaluation
    ('"The figure is not accurate," the agency said.', "figure", {"neg_truth", "neg_copula"}),
    ('"Raising the fee was not wise," the mayor said.', "fee", {"neg_evaluation", "neg_copula"}),
    # a speech act not made and a thing not perceived
    ("She said the mayor did not respond to the letter.", "respond", {"neg_report"}),
    ('"We have never seen such a storm," the farmers said.', "storm", {"neg_perception"}),
    # a negation on the predicative adjective negates the copula: an evaluation
    ('"The mayor is not happy with the plan," his aide said.', "mayor", {"neg_copula", "neg_evaluation"}),
    # a negated doubt is a stronger assertion; withholding is no refuting
    ('"There is no doubt that the bridge was damaged," the engineer said.', "bridge", {"neg_doubt_word"}),
    ("The union said the new rules deny workers the right to strike.", "rules", {"content_withhold_verb"}),
    # a claim called false in the last of coordinated predicatives
    (
        '"The reports are unsourced, unverified and absolutely baseless," the minister said.',
        "reports",
        {"called_false", "rule=deny"},
    ),
]


@pytest.mark.parametrize(("text", "part", "features"), FEATURE_CASES)
def test_negation_scope_and_predicate_features(nlp, text, part, features):
    doc, att = _attribution(nlp, text, part)
    got = stance_features(doc, att)
    assert features <= set(got), sorted(got)


def test_negated_evaluation_is_not_a_negated_fact_feature(nlp):
    doc, att = _attribution(nlp, '"The report is not true," the ministry said.', "report")
    got = stance_features(doc, att)
    assert {"neg_main", "main_copula", "neg_copula", "neg_truth"} <= set(got)
    assert "neg_attitude" not in got and "neg_evaluation" not in got


def test_negation_inside_a_subordinate_clause_is_not_the_main_ones(nlp):
    text = '"The team that did not qualify will travel home," the coach said.'
    doc, att = _attribution(nlp, text, "travel")
    got = stance_features(doc, att)
    assert "neg_subordinate" in got
    assert "neg_main" not in got and "neg_main_modifier" not in got


def test_rejecting_an_offer_is_not_forced_to_a_denial():
    model = StanceModel(
        classes=STANCE_CLASSES,
        names=("np_other",),
        coef=np.array([[0.0], [0.0], [0.0], [0.0], [5.0]]),
        intercept=np.zeros(5),
        emb_coef=None,
        meta={},
    )
    offer = {"cue_stance=deny": 1.0, "np_other": 1.0, "cue_commissive": 1.0}
    assert model.explain(offer, None).stance == "commit"
    # an allegation rejected is a denial whatever the model says
    assert model.explain({"cue_stance=deny": 1.0, "np_claim": 1.0}, None).stance == "deny"


def test_coordinated_clauses_of_opposite_polarity_are_two_statements(nlp):
    from claimgraph.stages.statements.split import by_clause

    assert _clauses(
        nlp, "She said she is fine, and that rumours of her capture are untrue.", "She", "she is"
    ) == [
        ("she is fine", "assert"),
        ("that rumours of her capture are untrue", "deny"),
    ]
    # a negated second clause: two statements as well
    doc2, one = _said(nlp, "She said she is fine and that she was never captured.", "She", "said", "she is")
    assert [a.rule_stance for a in by_clause(doc2, one)] == ["assert", "deny"]
    # one polarity: one statement
    both_neg = "She said she never went there and that she was never captured."
    doc3, neg = _said(nlp, both_neg, "She", "said", "she never")
    assert by_clause(doc3, neg) == [neg]


def test_contracted_modals_with_either_apostrophe(nlp):
    from claimgraph.stages.statements.group import modal_word

    doc = nlp("We\u2019ll build it. We'll build it. They won't go. He'd go. He'd seen it.")
    words = {t.text: modal_word(t) for t in doc if t.tag_ == "MD"}
    assert words.get("\u2019ll") == "will" and words.get("'ll") == "will" and words.get("wo") == "will"
    assert modal_word(doc[-4]) == "'d"  # "He'd seen": had, not would
    doc2, att = _attribution(nlp, '"I\u2019ll make the wall shorter," he said.', "make the wall")
    assert {"modal=will", "future", "first_person_future"} <= set(stance_features(doc2, att))


def test_a_spokesman_speaks_for_the_subject_of_the_act(nlp):
    doc, att = _attribution(
        nlp, "The State Department said the State Department will send a medical team.", "medical team"
    )
    assert "speaker_subject_future" in stance_features(doc, att)
    doc, att = _attribution(nlp, "Officials said Pyongyang will test a missile.", "test a missile")
    assert "speaker_subject_future" not in stance_features(doc, att)


def test_not_only_is_additive_not_a_negation(nlp):
    from claimgraph.nlp.lexical import additive_not

    doc, att = _attribution(nlp, '"He is not only a racist, but a danger to the world," she said.', "racist")
    got = stance_features(doc, att)
    assert "not_only" in got and "neg_main" not in got
    assert not any(additive_not(t) for t in nlp("He is not a racist, but a fool."))


def _clauses(nlp, text: str, speaker: str, content_from: str) -> list[tuple[str, str]]:
    """The clause statements ``by_clause`` makes of "``speaker`` said …": (content, rule stance)."""
    from claimgraph.stages.statements.split import by_clause

    doc, att = _said(nlp, text, speaker, "said", content_from)
    return [(text[a.content[0][0] : a.content[0][1]], a.rule_stance) for a in by_clause(doc, att)]


def _said(nlp, text: str, speaker: str, cue: str, content_from: str):
    """The doc of ``text`` and its statement: ``speaker`` ``cue`` the rest from ``content_from``
    to the final full stop, classified by the rules."""
    from claimgraph.stages.statements.group import RawStatement, classify

    doc = nlp(text)
    s, c, start = text.index(speaker), text.index(cue), text.index(content_from)
    raw = RawStatement(
        source=[(s, s + len(speaker))],
        cue=[(c, c + len(cue))],
        content=[(start, len(text) - 1)],
        cue_lemma="say",
        origin="test",
    )
    return doc, classify(doc, raw)


def test_the_empty_it_of_an_evaluation_is_no_speakers_act(nlp):
    doc, att = _attribution(nlp, '"It would be wonderful if the rain stopped," the farmer said.', "wonderful")
    got = stance_features(doc, att)
    assert "rule_commitment" not in got and "pronoun_future" not in got
    # a government's "it" with a future act is still its own commitment
    doc, att = _attribution(nlp, "The ministry said it will not withdraw the troops.", "withdraw")
    got = stance_features(doc, att)
    assert {"rule_commitment", "pronoun_future"} <= set(got)


@pytest.mark.parametrize(
    "text",
    [
        "The bishop said it was wrong to close the school.",  # an act judged, no claim called false
        "The union said the new rules deny workers the right to strike.",  # withheld, not refuted
    ],
)
def test_judging_an_act_or_withholding_is_not_calling_a_claim_false(nlp, text):
    doc, att = _attribution(nlp, text, "the")
    got = stance_features(doc, att)
    assert "called_false" not in got and "rule=deny" not in got


def test_no_as_a_number_modifier_and_neither_as_a_subject_negate(nlp):
    from claimgraph.stages.statements.group import negated

    # the parser tags this "no" a number modifier of the object, not a determiner
    doc = nlp('"We have absolutely no violations and we are running the fund properly," she said.')
    no = next(t for t in doc if t.lower_ == "no")
    assert no.dep_ == "nummod"
    assert negated(list(doc[1:6]))  # "We have absolutely no violations"
    assert not negated(list(doc[7:13]))  # "we are running the fund properly"
    # "neither" as the subject of a coordinated clause: an assertion and a denial
    assert _clauses(nlp, "He said the man has two wives but neither is named Sara.", "He", "the man") == [
        ("the man has two wives", "assert"),
        ("neither is named Sara", "deny"),
    ]


def test_the_cue_verb_is_read_by_its_class_not_its_lemma(nlp):
    # two neutral reporting verbs give the same features: no weight is learnt per cue verb
    said = _said(nlp, "The minister said the talks will resume.", "The minister", "said", "the talks")
    stated = _said(nlp, "The minister stated the talks will resume.", "The minister", "stated", "the talks")
    said[1].cue_lemma, stated[1].cue_lemma = "say", "state"
    f_said, f_stated = stance_features(*said), stance_features(*stated)
    assert "cue_class=neutral" in f_said
    assert not any(k.startswith("cue=") for k in f_said)
    assert f_said == f_stated


def _cue_parts(nlp, text: str) -> list[tuple[str, str, str]]:
    """(cue, content, rule stance) of each statement the pipeline keeps for ``text``."""
    doc = nlp(text)
    return [
        (text[a.cue[0][0] : a.cue[0][1]], text[a.content[0][0] : a.content[0][1]], a.rule_stance)
        for a in kept_statements(doc, raw_statements(doc), learnt=False)
    ]


def test_coordinated_cue_verbs_of_one_subject_are_one_statement_each(nlp, monkeypatch):
    # the second cue joined to the content's verb by the parser: cut off, its own statement
    text = "The spokesman said the talks were going well and denied that any deal had collapsed."
    assert _cue_parts(nlp, text) == [
        ("said", "the talks were going well", "assert"),
        ("denied", "that any deal had collapsed", "deny"),
    ]
    # a second cue joined to the first one that no statement had: added, with the same speaker
    parts = _cue_parts(nlp, "Mr. Jones rejected the accusation but admitted that he had met the envoy twice.")
    assert ("admitted", "that he had met the envoy twice", "assert") in parts
    # a coordinated verb that is no cue stays in the content
    plain = _cue_parts(nlp, "The spokesman said the talks were going well and ended on time.")
    assert plain == [("said", "the talks were going well and ended on time", "assert")]
    # without the step: one statement, assertion and denial merged
    monkeypatch.setattr(sys.modules["claimgraph.stages.statements"], "SPLIT_CUES", False)
    assert len(_cue_parts(nlp, text)) == 1


@pytest.mark.parametrize(
    ("text", "part", "own"),
    [
        # the speaker's own plan: a volition verb, adjective or noun with the speaker as subject
        ("Authorities said they do not plan to bring charges against him.", "charges", True),
        ("The campaign said it is unwilling to debate again.", "debate", True),
        ('"We have no plans to attend the summit," the minister said.', "summit", True),
        ("The State Department said the State Department intends to send a team.", "send a team", True),
        # someone else's plan is no act of the speaker's
        ("Officials said Pyongyang plans to test a missile.", "test a missile", False),
        ('"Governor Romney has no plans to attend the convention," a spokesman said.', "convention", False),
    ],
)
def test_an_intention_of_the_speakers_own_act(nlp, text, part, own):
    doc, att = _attribution(nlp, text, part)
    got = stance_features(doc, att)
    assert "main_volition" in got, sorted(got)
    assert ("own_volition" in got) is own, sorted(got)


def test_the_speakers_own_intention_may_be_a_commitment():
    from claimgraph.stages.statements.stance import ruled

    likeliest_commit = [0.1, 0.1, 0.1, 0.1, 0.6]  # STANCE_CLASSES order: commit last
    own = {"main_volition": 1.0, "own_volition": 1.0}
    assert ruled(own, likeliest_commit, STANCE_CLASSES) == ("commit", None)
    # another actor's plan: the next likeliest stance
    stance, rule = ruled({"main_volition": 1.0}, likeliest_commit, STANCE_CLASSES)
    assert stance != "commit" and rule == "a commitment needs the speaker's own act"


def test_in_a_direct_quote_only_the_first_person_is_the_speaker(nlp):
    # "they" in the speaker's own words is someone else: a prediction, no commitment
    doc, att = _attribution(nlp, '"They are going to pay for the wall," he said.', "pay for the wall")
    got = stance_features(doc, att)
    assert "quoted_pronoun_future" in got and "pronoun_future" not in got and "rule_commitment" not in got
    assert att.rule_stance != "commit" and att.stance != "commit"
    # reported speech: the pronoun stands for the speaker
    doc, att = _attribution(nlp, "The ministry said it will not withdraw the troops.", "withdraw")
    assert {"pronoun_future", "rule_commitment"} <= set(stance_features(doc, att))
    # the first person in a quote is the speaker
    doc, att = _attribution(nlp, '"We will not withdraw the troops," the minister said.', "withdraw")
    assert {"first_person_future", "rule_commitment"} <= set(stance_features(doc, att))


def test_a_predicative_joined_to_an_adverb_is_still_called_false(nlp):
    text = '"These claims are absolutely, unequivocally and completely false," the agent said.'
    doc, att = _attribution(nlp, text, "claims")
    got = stance_features(doc, att)
    assert "called_false" in got and att.rule_stance == "deny", sorted(got)
    # an adverb alone calls nothing false
    new = '"These claims are absolutely, unequivocally and entirely new," he said.'
    doc, att = _attribution(nlp, new, "claims")
    assert "called_false" not in stance_features(doc, att)


def test_extra_training_documents_are_never_scored_in_cross_validation():
    from claimgraph.stages.statements.train import (
        StanceExample,
        StanceSettings,
        cross_validate_stance,
        held_out_scores,
    )

    def ex(doc: str, stance: str, feature: str, found: bool = True) -> StanceExample:
        return StanceExample({feature: 1.0}, "-", stance, doc, found)

    # dev documents: three classes told apart by one feature each
    pairs = (("assert", "a"), ("deny", "neg_main"), ("doubt", "d"))
    dev = [ex(f"dev/{i}", s, f) for i in range(10) for s, f in pairs]
    # extra documents whose stances the scorer would count if they were scored: all "commit"
    extra = [ex(f"extra/{i}", "commit", "c") for i in range(6)]
    settings = StanceSettings(1.0, 0.0, False)
    always = frozenset(e.document for e in extra)
    scored = cross_validate_stance([*dev, *extra], None, settings, folds=5, always=always)
    # every dev statement scored once, no extra one: 30 gold, and no commit among them
    assert sum(c["gold"] for c in scored["per_class"].values()) == 30
    assert scored["per_class"].get("commit", {"gold": 0})["gold"] == 0
    assert {scored["per_class"][c]["f1"] for c in ("assert", "deny", "doubt")} == {1.0}
    # pooled over all documents, each part's out-of-fold stances are also scored apart
    parts = {"dev": frozenset(e.document for e in dev), "extra": always}
    pooled = cross_validate_stance([*dev, *extra], None, settings, folds=5, parts=parts)
    assert pooled["per_class"]["commit"]["gold"] == 6
    assert pooled["parts"]["dev"]["per_class"].get("commit", {"gold": 0})["gold"] == 0
    assert pooled["parts"]["extra"]["per_class"]["commit"]["gold"] == 6
    # a model fitted on dev alone scores the extra documents as held-out data: it never saw "commit"
    held = held_out_scores(dev, None, extra, None, settings)
    assert held["per_class"]["commit"]["recall"] == 0.0
