"""The learnt statement stance: a small linear model over named features of an attribution.

A statement's stance toward its content as the claim states it is one of ``assert``,
``deny`` (the speaker says the proposition is false), ``doubt``, ``question`` and
``commit`` (the speaker's own promise, refusal or threat). :func:`stance_features`
reads named, explainable features off the parse:

- the cue: its lexicon class and stance, whether it is negated or commissive,
  doubt and question cue words;
- the content's negation and its scope: a negated main predicate ("there were no
  deliveries", "We never sent them") apart from a negation inside a subordinate clause,
  negative words ("never", "none", "nothing"), a claim called false ("a hoax");
- modality and person: the main predicate's modal (will, would, could, must, …), a
  first-person or speaker-pronoun subject with a future ("We will never allow …",
  "it would not back down"): commitments and refusals;
- form: a question mark, the share of the content inside quotation marks, its kind
  (direct, indirect, …), its length, an opening "whether"/"if";
- the stance the hand-written rules give (:func:`~claimgraph.stages.statements.group.classify`),
  as one feature among the others.

Beside them the model reads the content's static sentence embedding
(:mod:`claimgraph.embeddings.static`, scaled by a block weight chosen in cross-validation
and folded into the stored weights). The model is a class-weighted multinomial logistic
regression fitted on the dev and train2 splits of ``benchmarks/data/stances_dev.tsv`` by
``claimgraph train stances`` (:mod:`claimgraph.stages.statements.train`); it is stored
as arrays in ``models/statements-stance.npz`` (no pickles) and scored with numpy.

Two rules stay beside the model (:func:`ruled`): an explicit denial cue denies, and a
commitment needs the speaker's own act. Every decision can be explained: :func:`explain`
lists the features behind a stance with their weights, and names the rule that overrode
the model, if any. Without the model file (or when the embedding
model changed since training) the stance is the rules' one, which :func:`decide` says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.knowledge.claims import lexicon_words
from claimgraph.knowledge.cues import cue_info
from claimgraph.nlp.lexical import MODAL_AUXILIARIES, NEGATIONS, additive_not, is_negation
from claimgraph.nlp.spans import doc_text, span_roots
from claimgraph.stages.statements.group import (
    COMMISSIVE_CUES,
    DOUBT_CUES,
    QUESTION_CUES,
    RawStatement,
    called_false,
    commitment,
    content_tokens,
    dummy_it,
    modal_word,
    negated,
    quoted_share,
    withholds,
)

__all__ = [
    "MODEL_FILE",
    "STANCE_CLASSES",
    "StanceModel",
    "Why",
    "content_text",
    "decide",
    "explain",
    "load_stance_model",
    "model_path",
    "ruled",
    "stance_features",
]

MODEL_FILE = "statements-stance.npz"
STANCE_CLASSES: tuple[str, ...] = ("assert", "deny", "doubt", "question", "commit")
#: Name of the embedding block in explanations.
EMBEDDING = "embedding"

_MODALS = MODAL_AUXILIARIES
_FUTURE = frozenset({"will", "shall"})
_FIRST_PERSON = frozenset({"i", "we"})
_SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})
_EPISTEMIC = frozenset({"know", "think", "believe", "sure", "clear", "remember", "recall", "expect"})
_DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disprove", "debunk"})
_OPENERS = frozenset({"whether", "if", "what", "why", "how", "who", "when", "where"})
#: Negative quantifiers that negate the clause they are the subject of ("none of those are true").
_NEG_QUANTIFIERS = frozenset({"none", "nothing", "nobody", "neither", "no"})
#: Psych and attitude predicates (Levin's "admire" and "amuse" classes): a negated one is a
#: negated attitude, an assertion ("I don't care", "it would not surprise me"), not a denial.
_ATTITUDE = frozenset(
    {
        "care",
        "mind",
        "agree",
        "like",
        "love",
        "hate",
        "want",
        "wish",
        "surprise",
        "shock",
        "bother",
        "worry",
        "concern",
        "mean",
        "feel",
        "matter",
        "blame",
        "regret",
        "appreciate",
        "need",
    }
)
#: Predicates of volition and intention: the speaker's plan for its own act ("we plan to", "does
#: not intend to"), a commitment.
_VOLITION = frozenset(
    {"plan", "intend", "aim", "prepare", "expect", "seek", "decide", "refuse", "hope", "mean"}
)
#: Adjectives and nouns of intention ("they are unwilling to debate", "has no plans to attend"):
#: with an infinitive they are a plan of the subject's own act, as the volition verbs are.
_VOLITION_WORDS = frozenset(
    {
        "willing",
        "unwilling",
        "ready",
        "prepared",
        "determined",
        "eager",
        "reluctant",
        "plan",
        "intention",
        "intent",
    }
)
#: Verbs of perception (Levin's class 30.1, "see" verbs): a negated one reports what the
#: speaker did not perceive.
_PERCEPTION = frozenset({"detect", "discern", "feel", "hear", "notice", "see", "sense", "smell", "taste"})
#: Subordinators of an embedded question ("no idea if", "too early to know whether").
_EMBEDDED_QUESTION = frozenset({"whether", "if"})
_WORD = re.compile(r"\w")
#: Dependencies of a clause on the same level as the main one (its scope is the main assertion).
_COORDINATE = frozenset({"conj", "parataxis", "ccomp", "ROOT"})
#: Dependencies of a word that is said of the subject ("X is false", "X, a hoax").
_PREDICATIVE = frozenset({"acomp", "attr", "ROOT", "conj", "oprd", "appos"})


def _main_predicate(toks: Sequence[Token]) -> Token | None:
    """The content's first verbal root (else its first root)."""
    roots = span_roots(toks)
    verbal = [r for r in roots if r.pos_ in {"VERB", "AUX"}]
    return (verbal or roots)[0] if roots else None


def content_text(text: str, att: RawStatement) -> str:
    """The words of the content, fragments joined by a space (what the embedding reads)."""
    return " ".join(text[s:e].strip() for s, e in att.content).strip()


def stance_features(doc: Doc, att: RawStatement, text: str | None = None) -> dict[str, float]:
    """Named features of an attribution (after :func:`~claimgraph.stages.statements.group.classify`
    has set its kind, cue class and rules' stance), each 1.0 unless it is a share."""
    if text is None:
        text = doc_text(doc)
    f: dict[str, float] = {f"rule={att.rule_stance}": 1.0, f"kind={att.kind}": 1.0}
    cue_toks = content_tokens(doc, att.cue)
    ctoks = content_tokens(doc, att.content)
    cue_text = " ".join(text[s:e] for s, e in att.cue).lower()
    # the cue's lemma is read through its lexicon class and stance, not as a feature of its own:
    # one weight per cue verb learnt from a few hundred statements fitted the documents it
    # came from (cross-validated macro-F1 0.669 with it, 0.679 without)
    lemma = (att.cue_lemma or "").lower()
    if att.cue_class:
        f[f"cue_class={att.cue_class}"] = 1.0
    for t in cue_toks:
        info = cue_info(t.lemma_.lower())
        if info is not None and info.stance != "assert":
            f[f"cue_stance={info.stance}"] = 1.0
    if not att.cue:
        f["no_cue"] = 1.0
    if not att.source:
        f["no_source"] = 1.0
    if any(t.dep_ == "neg" for t in cue_toks) or any(c.dep_ == "neg" for t in cue_toks for c in t.children):
        f["cue_negated"] = 1.0
    if lemma in COMMISSIVE_CUES:
        f["cue_commissive"] = 1.0
    if lemma in _DENY_VERBS or any(t.lemma_.lower() in _DENY_VERBS for t in cue_toks):
        f["cue_deny_verb"] = 1.0
    if DOUBT_CUES.search(cue_text):
        f["cue_doubt_word"] = 1.0
    if QUESTION_CUES.search(cue_text):
        f["cue_question_word"] = 1.0
    _content_features(f, ctoks, lemma)
    if "future" in f and _subject_is_speaker(doc, att, ctoks):
        f["speaker_subject_future"] = 1.0
    if "main_volition" in f and _own_subject(doc, att, ctoks):
        f["own_volition"] = 1.0  # "we plan to", "they are unwilling to": the speaker's own plan
    # form: question mark, quotation, length
    if any(text[e - 1 : e + 2].strip().startswith("?") or text[e - 1 : e] == "?" for _, e in att.content):
        f["question_mark"] = 1.0
    share = max((quoted_share(text, s, e) for s, e in att.content), default=0.0)
    f["quoted_share"] = round(share, 3)
    words = [t for t in ctoks if _WORD.search(t.text)]
    f["len<=6" if len(words) <= 6 else "len<=20" if len(words) <= 20 else "len>20"] = 1.0
    if words and words[0].lower_ in _OPENERS:
        f[f"opens={words[0].lower_}"] = 1.0
    if any(t.text == "?" for t in ctoks):
        f["question_mark_inside"] = 1.0
    if DOUBT_CUES.search(" ".join(t.lower_ for t in ctoks)):
        f["content_doubt_word"] = 1.0
    return f


def _content_features(f: dict[str, float], ctoks: list[Token], cue_lemma: str) -> None:
    """Negation and its scope, modality, person and calling-false of the content."""
    ids = {t.i for t in ctoks}
    main = _main_predicate(ctoks)
    if negated(ctoks):
        f["neg_main"] = 1.0
    roots = set(span_roots(ctoks)[:3])
    refute = lexicon_words("refute")
    doubt_words = lexicon_words("doubt")
    for t in ctoks:
        if additive_not(t):
            f["not_only"] = 1.0
            continue
        if is_negation(t):
            if _scope_main(t, ids, roots):
                if "neg_main" not in f:
                    f["neg_main_modifier"] = 1.0  # "no longer married", "not found any trace"
            else:  # scope: a clause joined to the main one ("…, and it is not …") or one inside it
                head = _clause_head(t, ids)
                f["neg_coordinate" if _main_level(head, ids) else "neg_subordinate"] = 1.0
        if t.lower_ in refute and t.dep_ in _PREDICATIVE:
            f["false_predicate"] = 1.0  # "completely false", "a hoax", "untrue"
        if t.lower_ in NEGATIONS:
            f["negator=" + ("not" if t.lower_ == "n't" else t.lower_)] = 1.0
        if t.lemma_.lower() in _DENY_VERBS:
            f["content_withhold_verb" if withholds(t) else "content_deny_verb"] = 1.0
        if t.lower_ in doubt_words and any(is_negation(c) for c in t.children):
            f["neg_doubt_word"] = 1.0  # "there is no doubt that …": an assertion made stronger
        if t.lemma_.lower() in _EPISTEMIC and any(c.dep_ == "neg" for c in t.children):
            f["neg_epistemic"] = 1.0
    if called_false(ctoks):
        f["called_false"] = 1.0
    if any(t.lower_ in refute for t in ctoks):
        f["refute_word"] = 1.0
    direct = "kind=direct" in f
    if commitment(ctoks, cue_lemma, direct=direct):
        f["rule_commitment"] = 1.0
    if main is None:
        _clause_features(f, ctoks, ids, main)
        return
    if main.pos_ not in {"VERB", "AUX"}:
        f["main_not_verb"] = 1.0
        # a noun phrase: a claim ("denied the allegation") or a thing offered ("rejected the offer")
        claim_nouns = _claim_nouns()
        is_claim = main.lemma_.lower() in claim_nouns or main.lower_ in claim_nouns
        f["np_claim" if is_claim else "np_other"] = 1.0
    modals = {modal_word(c) for c in main.children if c.dep_ == "aux" and c.i in ids}
    for m in modals & _MODALS:
        f["modal=" + m] = 1.0
    going = main.lemma_ == "go" and any(c.dep_ == "xcomp" for c in main.children)
    future = bool(modals & _FUTURE) or going
    if future:
        f["future"] = 1.0
    subjects = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids]
    if subjects:
        subj = subjects[0].lower_
        if subj in _FIRST_PERSON:
            f["subject_first_person"] = 1.0
            if future:
                f["first_person_future"] = 1.0
        elif subj in _SPEAKER_PRONOUNS and future and not dummy_it(main, subjects[0]):
            # in the speaker's own quoted words "he", "they" and "it" are someone else
            f["quoted_pronoun_future" if direct else "pronoun_future"] = 1.0
        elif future:
            f["other_subject_future"] = 1.0  # a prediction about someone else ("Pyongyang will test")
    elif main.pos_ in {"VERB", "AUX"}:
        f["no_subject"] = 1.0
    _clause_features(f, ctoks, ids, main)


#: Speakers who speak for someone else: their principal's act is the speaker's own.
_PROXIES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "office", "aide", "representative", "secretary"}
)


def _subject_is_speaker(doc: Doc, att: RawStatement, ctoks: list[Token]) -> bool:
    """Whether the main predicate's subject is the speaker or the one it speaks for ("the
    department said the department will send …", "Netanyahu's office said Netanyahu will meet …")."""
    main = _main_predicate(ctoks)
    if main is None or not att.source:
        return False
    ids = {t.i for t in ctoks}
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids), None)
    if subject is None or subject.pos_ == "PRON":
        return False
    source = [t for t in content_tokens(doc, att.source) if t.is_alpha and not t.is_stop]
    said = {t.lower_ for t in source} - _PROXIES
    named = {t.lower_ for t in subject.subtree if t.is_alpha and not t.is_stop}
    return bool(said & named)


def _own_subject(doc: Doc, att: RawStatement, ctoks: list[Token]) -> bool:
    """Whether the subject of the main predicate, a predicate of intention, is the speaker: a
    first-person pronoun, a speaker pronoun outside a direct quotation, or a name the speaker
    span holds. (An intention has an agent, so "it" is the speaker's "it" here: "the ministry
    said it is unwilling to …".)"""
    main = _main_predicate(ctoks)
    if main is None:
        return False
    ids = {t.i for t in ctoks}
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids), None)
    if subject is None:
        return False
    if subject.lower_ in _FIRST_PERSON:
        return True
    if subject.lower_ in _SPEAKER_PRONOUNS:
        return att.kind != "direct"  # in the speaker's own quoted words "they" is someone else
    return _subject_is_speaker(doc, att, ctoks)


#: Dependencies that open a clause of their own (a negation inside one does not reach past it).
_CLAUSAL = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "conj", "parataxis", "pcomp"}
)


def _clause_head(t: Token, ids: set[int]) -> Token:
    """The head of the clause a negation word negates: its head, climbing from a modifier or
    argument ("no longer", "not just", "no record") to the verb or clause root it belongs to."""
    h = t.head
    while h.pos_ not in {"VERB", "AUX"} and h.dep_ not in _CLAUSAL and h.head != h and h.head.i in ids:
        h = h.head
    return h


def _scope_main(t: Token, ids: set[int], roots: set[Token]) -> bool:
    """Whether a negation word's scope is the content's main clause ("they are no longer married"
    as much as "they are not married")."""
    return t.head in roots or _clause_head(t, ids) in roots


def _main_level(t: Token, ids: set[int]) -> bool:
    """Whether ``t`` heads the content or a clause on the same level as its main one."""
    while t.head.i in ids and t.head != t:
        if t.dep_ not in _COORDINATE:
            return False
        t = t.head
    return True


@cache
def _claim_nouns() -> frozenset[str]:
    """Nouns of a claim ("the allegation") and words calling one false ("a hoax")."""
    return lexicon_words("claim_noun") | lexicon_words("refute")


@cache
def _truth_words() -> frozenset[str]:
    """Words that say a claim is true or false: the lexicon's ``support`` and ``refute`` words and
    the stems of its negative-prefixed adjectives ("inaccurate" gives "accurate", "untrue" "true";
    a participle in "in-" is a verb's, "invented", and keeps its prefix)."""
    refute = lexicon_words("refute")
    stems = {
        w[2:] for w in refute if len(w) > 5 and (w[:2] == "un" or (w[:2] == "in" and not w.endswith("ed")))
    }
    return lexicon_words("support") | refute | frozenset(stems)


def _clause_features(f: dict[str, float], ctoks: list[Token], ids: set[int], main: Token | None) -> None:
    """The kind of the main predicate (copula, existential, attitude, volition) and its negation
    by a negative quantifier; embedded questions; a negated noun with an infinitive ("no plans to")."""
    for t in ctoks:
        low = t.lower_
        # "None of those are true", "neither is named", "nothing was changed", "no one knew"
        if (
            t.dep_ in {"nsubj", "nsubjpass"}
            and (low in _NEG_QUANTIFIERS or any(d.dep_ == "det" and d.lower_ == "no" for d in t.children))
            and _main_level(t.head, ids)
        ):
            f["neg_subject"] = 1.0
        if low in _EMBEDDED_QUESTION and t.dep_ == "mark":
            f["embedded_question"] = 1.0
        if (
            t.dep_ == "det"
            and low == "no"
            and any(
                c.dep_ in {"acl", "relcl", "xcomp"}
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in t.head.children
            )
        ):
            f["no_noun_to_infinitive"] = 1.0  # "no plans to attend", "no intention to"
    if main is None:
        return
    neg = "neg_main" in f or "neg_subject" in f or "neg_main_modifier" in f
    kinds = []
    if main.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in main.children):
        kinds.append("copula")
    if any(c.dep_ == "expl" for c in main.children):
        kinds.append("existential")
    if main.lemma_.lower() in _ATTITUDE:
        kinds.append("attitude")
    if main.lemma_.lower() in _VOLITION or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _VOLITION for c in main.children
    ):
        kinds.append("volition")
    elif any(
        c.dep_ in {"acomp", "dobj", "attr"} and c.lemma_.lower() in _VOLITION_WORDS and _to_infinitive(c)
        for c in main.children
    ):
        kinds.append("volition")  # "are unwilling to debate", "has no plans to attend"
    for k in kinds:
        f[f"main_{k}"] = 1.0
        if neg:
            f[f"neg_{k}"] = 1.0
    if neg and "copula" in kinds:
        # "is not true" denies; "is not smart", "was not unusual" evaluate (an assertion)
        preds = [c for c in main.children if c.dep_ in {"acomp", "attr"} and c.i in ids]
        truth = _truth_words()
        if any(c.lemma_.lower() in truth or c.lower_ in truth for c in preds):
            f["neg_truth"] = 1.0
        elif any(c.pos_ == "ADJ" for c in preds):
            f["neg_evaluation"] = 1.0
    if neg and main.pos_ == "VERB":
        info = cue_info(main.lemma_.lower())
        if info is not None:
            f["neg_report"] = 1.0  # "did not comment", "has not confirmed": a speech act not made
        if main.lemma_.lower() in _PERCEPTION:
            f["neg_perception"] = 1.0  # "I have not heard", "never seen anything like it"
    if neg and "future" in f:
        f["neg_future"] = 1.0
    if neg and "subject_first_person" in f:
        f["neg_first_person"] = 1.0


def _to_infinitive(word: Token) -> bool:
    """Whether a word governs a to-infinitive ("unwilling [to debate]", "plans [to attend]")."""
    return any(
        c.dep_ in {"xcomp", "acl", "relcl", "ccomp"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in word.children
    )


#: Features that make the speaker the actor of a future act (a commitment needs one).
_OWN_ACT = frozenset(
    {
        "rule_commitment",
        "own_volition",
        "subject_first_person",
        "first_person_future",
        "pronoun_future",
        "cue_commissive",
        "speaker_subject_future",
    }
)


def ruled(
    features: Mapping[str, float], probabilities: Sequence[float], classes: Sequence[str]
) -> tuple[str, str | None]:
    """The stance from the model's probabilities and the two rules kept beside it (both follow
    from the definitions, and neither lowered the cross-validated macro-F1 on dev):

    - an explicit denial cue ("denied", "rejected", "dismissed"), not negated, is a denial,
      unless what it rejects is a noun phrase that is no claim ("rejected the offer" is a
      refusal: the model decides);
    - a commitment is the speaker's own act: without a first-person or speaker-pronoun
      subject, a commissive cue or the commitment pattern, the next likeliest stance is taken
      ("Officials said Pyongyang will test a missile" is a prediction, an assertion).

    Returns the stance and the rule that decided it (None: the model's own choice).
    """
    best = classes[int(np.argmax(probabilities))]
    if (
        "cue_stance=deny" in features
        and "cue_negated" not in features
        and "np_other" not in features
        and "deny" in classes
    ):
        return "deny", None if best == "deny" else "explicit denial cue"
    if best == "commit" and not (_OWN_ACT & set(features)):
        rest = [(p, c) for p, c in zip(probabilities, classes, strict=True) if c != "commit"]
        return max(rest)[1], "a commitment needs the speaker's own act"
    return best, None


@dataclass(frozen=True)
class Why:
    """The reasons for one stance: the probabilities and each feature's weight for the stance."""

    stance: str
    probabilities: dict[str, float]
    #: (feature, value × weight for the model's likeliest stance), largest first; the
    #: embedding is one entry
    contributions: list[tuple[str, float]]
    source: str  #: "model" or "rules"
    #: the rule of :func:`ruled` that overrode the model's likeliest stance, if any
    rule: str | None = None


@dataclass
class StanceModel:
    """A multinomial logistic regression over named features and (optionally) the embedding."""

    classes: tuple[str, ...]
    names: tuple[str, ...]
    coef: np.ndarray  #: (classes, names)
    intercept: np.ndarray  #: (classes,)
    emb_coef: np.ndarray | None  #: (classes, dims), the block weight folded in
    meta: dict[str, object]

    def __post_init__(self) -> None:
        self._index = {n: i for i, n in enumerate(self.names)}

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        x = np.zeros(len(self.names), dtype=np.float64)
        for name, value in features.items():
            i = self._index.get(name)
            if i is not None:
                x[i] = value
        return x

    def logits(self, features: Mapping[str, float], embedding: np.ndarray | None) -> np.ndarray:
        z = self.coef @ self.vector(features) + self.intercept
        if self.emb_coef is not None and embedding is not None:
            z = z + self.emb_coef @ embedding
        return z

    def probabilities(self, features: Mapping[str, float], embedding: np.ndarray | None) -> np.ndarray:
        z = self.logits(features, embedding)
        p = np.exp(z - z.max())
        return p / p.sum()

    def explain(self, features: Mapping[str, float], embedding: np.ndarray | None) -> Why:
        p = self.probabilities(features, embedding)
        k = int(p.argmax())
        parts = [
            (name, float(value * self.coef[k, self._index[name]]))
            for name, value in features.items()
            if name in self._index and value
        ]
        if self.emb_coef is not None and embedding is not None:
            parts.append((EMBEDDING, float(self.emb_coef[k] @ embedding)))
        parts.append(("(intercept)", float(self.intercept[k])))
        parts.sort(key=lambda x: -abs(x[1]))
        stance, rule = ruled(features, list(p), self.classes)
        return Why(
            stance=stance,
            probabilities={c: round(float(v), 4) for c, v in zip(self.classes, p, strict=True)},
            contributions=[(n, round(v, 4)) for n, v in parts],
            source="model",
            rule=rule,
        )

    def decide(self, features: Mapping[str, float], embedding: np.ndarray | None) -> str:
        """The stance of one attribution (the model with the rules of :func:`ruled`)."""
        return ruled(features, list(self.probabilities(features, embedding)), self.classes)[0]

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {
            "classes": np.array(self.classes),
            "names": np.array(self.names),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "meta": np.array(json.dumps(self.meta)),
        }
        if self.emb_coef is not None:
            arrays["emb_coef"] = self.emb_coef.astype(np.float32)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    classes=tuple(str(c) for c in data["classes"]),
                    names=tuple(str(n) for n in data["names"]),
                    coef=data["coef"].astype(np.float64),
                    intercept=data["intercept"].astype(np.float64),
                    emb_coef=data["emb_coef"].astype(np.float64) if "emb_coef" in data.files else None,
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"cannot load the statement stance model {path}: run `claimgraph train stances`"
            ) from exc


def model_path() -> Path:
    """Where the shipped model lives (``claimgraph/models/statements-stance.npz``)."""
    return models.path(MODEL_FILE)


@cache
def load_stance_model(path: str | None = None) -> StanceModel | None:
    """The stance model at ``path`` (default: the shipped one), loaded once; None when the
    shipped file is absent (the rules decide then)."""
    where = Path(path) if path else model_path()
    if path is None and not where.is_file():
        return None
    return StanceModel.load(where)


def _embedding(model: StanceModel, texts: Sequence[str]) -> np.ndarray | None:
    """The contents' static embeddings, or None when the model has no embedding block or the
    installed embedding is not the one it was trained with."""
    if model.emb_coef is None:
        return None
    from claimgraph.embeddings.static import embed, embedding_fingerprint

    if model.meta.get("embedding") != embedding_fingerprint():
        return None
    try:
        return embed(list(texts))
    except ModelError:
        return None


def explain(doc: Doc, att: RawStatement, text: str | None = None, model: StanceModel | None = None) -> Why:
    """Why an attribution gets its stance: the model's probabilities and the features' weights
    (the rules' stance, with its features listed unweighted, when no model is installed).
    ``att`` is classified (:func:`~claimgraph.stages.statements.group.classify`) already."""
    text = doc_text(doc) if text is None else text
    model = model or load_stance_model()
    features = stance_features(doc, att, text)
    if model is None:
        return Why(att.stance, {att.stance: 1.0}, [(n, v) for n, v in features.items()], "rules")
    emb = _embedding(model, [content_text(text, att)])
    return model.explain(features, None if emb is None else emb[0])


def decide(doc: Doc, atts: Sequence[RawStatement], text: str | None = None) -> None:
    """Set the learnt stance of classified attributions in place (rules' stance kept without a
    model). One embedding call for all the contents of a document."""
    model = load_stance_model()
    if model is None or not atts:
        return
    text = doc_text(doc) if text is None else text
    feats = [stance_features(doc, a, text) for a in atts]
    embs = _embedding(model, [content_text(text, a) for a in atts])
    for i, (att, f) in enumerate(zip(atts, feats, strict=True)):
        att.stance = model.decide(f, None if embs is None else embs[i])
