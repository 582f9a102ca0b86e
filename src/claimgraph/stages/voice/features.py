"""Features of one sentence for the author-voice classifier, and where the author speaks.

Two jobs, both on the shared spaCy parse (nothing is parsed again):

* :func:`attributed_tokens` marks the tokens that belong to somebody else:
  text inside quotation marks, and the subtree of a reporting verb ("said",
  "claimed", "according to") whose subject is not the author (not "I"/"we").
  The rest of the sentence is the author's region.
* :func:`sentence_features` turns a sentence into a sparse ``{name: value}``
  dict: part-of-speech tag counts and ratios; counts of the cue categories
  of :mod:`claimgraph.knowledge.subjectivity` over the whole sentence and
  over the author's region; and sentence-level patterns
  (rhetorical question, exclamation, imperative, evaluative copular predicate,
  "it is ADJ that/to", truth-value verdicts, reported speech, quotation share,
  numbers and names that mark factual reporting).

The feature set follows the classic subjectivity classifiers (Wiebe & Riloff
2005; Riloff & Wiebe 2003: lexical clues plus syntactic patterns) and the
stylistic cues of the CheckThat! subjectivity guidelines (Antici et al. 2024).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from claimgraph.knowledge.subjectivity import EVALUATIVE, cue_lexicon, cue_matches
from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import span_text

__all__ = ["SentenceCues", "attributed_tokens", "quoted_tokens", "sentence_cues", "sentence_features"]

QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u2018": "\u2019", "'": "'"}
_QUOTE_CHARS = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")
AUTHOR_PRONOUNS = frozenset({"i", "we"})
FACT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "GPE", "ORG"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
#: Sentence openers of argument rather than report.
OPENERS = frozenset(
    {"but", "yet", "and", "so", "still", "indeed", "of", "in", "if", "what", "why", "how", "not"}
)
#: Which count of :func:`sentence_features` a part of speech / a fine tag adds to.
_POS_COUNTS = {"ADJ": "adj", "ADV": "adv", "PROPN": "propn", "NUM": "num", "PRON": "pron"}
_TAG_COUNTS = {"VBD": "verb_past", "VBZ": "verb_pres", "VBP": "verb_pres", "MD": "modal"}
COPULAS = frozenset({"be", "seem", "look", "sound", "remain", "become", "prove", "appear"})


def quoted_tokens(sent: SpacySpan) -> set[int]:
    """Indices (doc positions) of tokens inside quotation marks.

    Double quotes pair up in order; single curly quotes count as quotes only
    when the opening one starts a word (not an apostrophe). A quote left open
    runs to the end of the sentence.
    """
    text = span_text(sent)  # offsets below are relative to the sentence (doc.text would cost O(doc))
    base = sent.start_char
    start, end = 0, len(text)
    ranges: list[tuple[int, int]] = []
    i = start
    while (found := _QUOTE_CHARS.search(text, i)) is not None:  # jump to the next quote mark
        i = found.start()
        ch = text[i]
        close = QUOTE_PAIRS[ch]
        if ch in "\u2018'" and i > start and text[i - 1].isalnum():
            i += 1
            continue
        # the first closing mark after it (a closing single quote not followed by a letter)
        j = text.find(close, i + 1)
        while j != -1 and close in "\u2019'" and j + 1 < end and text[j + 1].isalpha():
            j = text.find(close, j + 1)
        if j == -1:
            j = end
        if ch in "\u2018'" and j >= end:  # an unmatched single quote: an apostrophe
            i += 1
            continue
        ranges.append((base + i, base + min(j + 1, end)))
        i = j + 1
    if not ranges:
        return set()
    inside: set[int] = set()
    idx = columns(sent.doc).idx
    for i in range(sent.start, sent.end):
        if any(s <= idx[i] < e for s, e in ranges):
            inside.add(i)
    return inside


def _subject_is_author(verb) -> bool:  # type: ignore[no-untyped-def]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return verb.dep_ == "ROOT" and verb.tag_ == "VB"  # "Consider …", "Note that …"
    return any(s.lower_ in AUTHOR_PRONOUNS for s in subjects)


def attributed_tokens(sent: SpacySpan) -> tuple[set[int], bool]:
    """Tokens attributed to someone other than the author, and whether the main verb reports.

    A reporting verb (lexicon category ``reporting_verb``) with a subject that
    is not "I"/"we" attributes its clausal complement, and itself and its
    subject; "according to X" attributes the clause it modifies.
    """
    lex = cue_lexicon()
    attributed = quoted_tokens(sent)
    main_reports = False
    doc = sent.doc
    cols = columns(doc)
    pos, lower, dep, lemma = cols.pos, cols.lower, cols.dep, cols.lemma
    for i in range(sent.start, sent.end):
        if pos[i] not in ("VERB", "AUX") and not (lower[i] == "according" and dep[i] == "prep"):
            continue
        tok = doc[i]
        if lower[i] == "according":
            head = tok.head
            attributed.update(t.i for t in head.subtree)
            if head.dep_ == "ROOT":
                main_reports = True
            continue
        if "reporting_verb" not in lex.categories(lemma[i]):
            continue
        has_complement = any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in tok.children) or (
            tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i
        )
        if not has_complement or _subject_is_author(tok):
            continue
        if tok.dep_ == "parataxis" or (tok.dep_ == "ccomp" and tok.i > tok.head.i):
            # "X is Y, he said": the frame reports its head clause
            attributed.update(t.i for t in tok.head.subtree)
            if tok.head.dep_ == "ROOT":
                main_reports = True
            continue
        attributed.update(t.i for t in tok.subtree)
        if tok.dep_ == "ROOT":
            main_reports = True
    return attributed, main_reports


@dataclass(frozen=True)
class SentenceCues:
    """The cue matches of one sentence, split by whose region they fall in."""

    all: dict[str, int]
    author: dict[str, int]
    attributed: set[int]
    main_reports: bool


def sentence_cues(sent: SpacySpan) -> SentenceCues:
    """Cue category counts over the sentence and over the author's region."""
    attributed, main_reports = attributed_tokens(sent)
    cols = columns(sent.doc)
    matches = cue_matches(cols.lower[sent.start : sent.end], cols.lemma[sent.start : sent.end])
    counts: dict[str, int] = {}
    author: dict[str, int] = {}
    base = sent.start
    for s, _e, cat in matches:
        counts[cat] = counts.get(cat, 0) + 1
        if base + s not in attributed:
            author[cat] = author.get(cat, 0) + 1
    return SentenceCues(counts, author, attributed, main_reports)


def _patterns(sent: SpacySpan, cues: SentenceCues, f: dict[str, float]) -> None:
    lex = cue_lexicon()
    root = sent.root
    text = span_text(sent).strip()
    cols = columns(sent.doc)
    lowers = cols.lower[sent.start : sent.end]
    is_punct, is_space = cols.is_punct, cols.is_space
    words = [i for i in range(sent.start, sent.end) if not is_punct[i] and not is_space[i]]
    if text.endswith("?"):
        f["pat:question"] = 1.0
        if not cues.attributed:
            f["pat:question_author"] = 1.0
    if "!" in text:
        f["pat:exclamation"] = 1.0
    if root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children):
        f["pat:imperative"] = 1.0
    if len(words) <= 4:
        f["pat:fragment"] = 1.0
    if root.pos_ != "VERB" and root.pos_ != "AUX":
        f["pat:verbless"] = 1.0
    f["pat:root_tag=" + root.tag_] = 1.0
    if cues.main_reports:
        f["pat:main_reports"] = 1.0
    if cues.attributed:
        f["pat:attributed_share"] = len(cues.attributed) / max(1, len(sent))
    if text[:1] in QUOTE_PAIRS:
        f["pat:starts_quote"] = 1.0
    # copular predicate: "X is absurd", "This is the strongest case"
    if root.lemma_ in COPULAS or root.pos_ == "AUX":
        for c in root.children:
            if c.dep_ in ("acomp", "attr"):
                f["pat:copular_" + c.dep_] = 1.0
                cats = lex.categories(c.lower_) | lex.categories(c.lemma_.lower())
                mods = [m for m in c.children if m.dep_ in ("amod", "advmod")]
                for m in mods:
                    cats = cats | lex.categories(m.lower_)
                if cats & EVALUATIVE:
                    f["pat:evaluative_predicate"] = 1.0
                if "denial_assertion" in cats:
                    f["pat:verdict"] = 1.0
                if c.tag_ in ("JJS", "RBS") or any(m.tag_ in ("JJS", "RBS") for m in mods):
                    f["pat:superlative_predicate"] = 1.0
    # "it is clear that", "it is hard to see"
    children = list(root.children)
    if (
        root.lemma_ == "be"
        and any(c.dep_ == "expl" or c.lower_ == "it" for c in children)
        and any(c.dep_ == "acomp" for c in children)
        and any(c.dep_ in ("ccomp", "xcomp") for c in children)
    ):
        f["pat:it_is_adj_that"] = 1.0
    # essayistic frames: "This is …", sentence-initial "But"/"Yet", present-tense copula
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.lower_ in DEMONSTRATIVES for c in subjects):
        f["pat:demonstrative_subject"] = 1.0
    if root.tag_ in ("VBZ", "VBP") and root.lemma_ == "be":
        f["pat:present_copula"] = 1.0
    first = cols.lower[words[0]] if words else None
    if first is not None and first in OPENERS:
        f["pat:opener=" + first] = 1.0
    if any(c.tag_ == "NNP" or c.ent_type_ for c in subjects) and root.tag_ == "VBD":
        f["pat:named_subject_past"] = 1.0
    # "there is no evidence"
    for i in range(len(lowers) - 2):
        if lowers[i] == "there" and lowers[i + 1] in ("is", "was", "are", "'s") and lowers[i + 2] == "no":
            f["pat:there_is_no"] = 1.0
    dep, head, lemma = cols.dep, cols.head, cols.lemma
    for i in range(sent.start, sent.end):
        if dep[i] == "neg":
            f["pat:negation"] = f.get("pat:negation", 0.0) + 1.0
        if cols.lower[i] in AUTHOR_PRONOUNS and dep[i] in ("nsubj", "nsubjpass") and i not in cues.attributed:
            f["pat:author_subject"] = 1.0
            if lemma[head[i]] in ("think", "believe", "suspect", "guess", "feel", "doubt", "hope"):
                f["pat:author_opinion_verb"] = 1.0


def sentence_features(sent: SpacySpan) -> tuple[dict[str, float], SentenceCues]:
    """The feature dict of one sentence (see module docstring) and its cues."""
    cues = sentence_cues(sent)
    f: dict[str, float] = {"bias": 1.0}
    cols = columns(sent.doc)
    toks = [i for i in range(sent.start, sent.end) if not cols.is_space[i]]
    n_words = 0
    counts = {"adj": 0, "adv": 0, "propn": 0, "num": 0, "verb_past": 0, "verb_pres": 0, "modal": 0, "pron": 0}
    tags, pos, is_punct = cols.tag, cols.pos, cols.is_punct
    for i in toks:
        tag = tags[i]
        f["t:" + tag] = f.get("t:" + tag, 0.0) + 1.0
        if not is_punct[i]:
            n_words += 1
        for key in (_POS_COUNTS.get(pos[i]), _TAG_COUNTS.get(tag)):
            if key is not None:
                counts[key] += 1
    for k in [k for k in f if k.startswith("t:")]:
        f[k] = math.log1p(f[k])
    denom = max(1, n_words)
    for name, value in counts.items():
        f["r:" + name] = value / denom * 4.0
        if value:
            f["has:" + name] = 1.0
    f["len:log"] = math.log1p(n_words) / 3.0
    f[f"len:bucket{min(n_words // 8, 6)}"] = 1.0
    # entities from the tokens' IOB tags: ``sent.ents`` scans the whole document's entities
    n_fact = 0
    for i in toks:
        if cols.ent_iob[i] == "B":
            label = cols.ent_type[i]
            n_fact += label in FACT_ENTS
            f["ent:" + label] = 1.0
    f["ents:log"] = math.log1p(n_fact)
    for cat, value in cues.all.items():
        f["cue:" + cat] = math.log1p(value)
    for cat, value in cues.author.items():
        f["cue_author:" + cat] = math.log1p(value)
    evaluative = sum(v for c, v in cues.author.items() if c in EVALUATIVE)
    f["cue_author:evaluative_total"] = math.log1p(evaluative)
    text = span_text(sent)
    for ch, name in (
        ("(", "paren"),
        ("\u2014", "dash"),
        ("--", "dash"),
        ("\u2026", "ellipsis"),
        ("...", "ellipsis"),
        (";", "semicolon"),
        (":", "colon"),
    ):
        if ch in text:
            f["punct:" + name] = 1.0
    _patterns(sent, cues, f)
    return f, cues
