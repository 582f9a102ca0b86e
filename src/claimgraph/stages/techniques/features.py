"""Features for the persuasion-technique models, read off one spaCy parse.

:class:`DocFeatures` computes, once per document, what both models need:
token sequences (sentences cut at line breaks, whitespace tokens dropped),
token attributes, lexicon hits (:mod:`claimgraph.knowledge.persuasion`),
quotation regions and how often each word and phrase repeats in the article.
:meth:`DocFeatures.token_features` feeds the CRF span tagger,
:meth:`DocFeatures.span_features` the technique classifier.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import IS_STOP
from spacy.tokens import Doc

from claimgraph.knowledge.persuasion import lexicon_matcher
from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_MARKS, doc_text

__all__ = ["DocFeatures"]

_QUOTES = frozenset(QUOTE_MARKS)
_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "VERB", "ADV", "NUM"}
_NONWORD = re.compile(r"\W+")
#: A sequence wholly in capitals with at least this many letters is a heading, read in lower case
#: (:meth:`DocFeatures._headings_in_lower_case`); shorter ones ("NATO", "USA!") keep their shape.
HEADING_LETTERS = 8


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


#: ``"rel=" + str(k)`` for each relative position ``k`` of a token in its sequence
_REL = tuple(f"rel={k}" for k in range(5))


@lru_cache(maxsize=1 << 16)  # a function of the word alone, asked for each token
def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "AA"
    if word[:1].isupper():
        return "Aa"
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "a"
    return "x" if any(ch.isalnum() for ch in word) else "p"


class DocFeatures:
    """Per-document feature state for the technique models (built once per doc).

    ``headings``: read sequences wholly in capitals in lower case
    (:meth:`_headings_in_lower_case`). On at run time; off when training, so that the models
    learn from PTC's text as written: trained with the rule on, held-out fifth 0 fell from SI
    0.436 / labelled span F1 0.259 to 0.420 / 0.248 and fifth 3 from 0.410 / 0.247 to
    0.406 / 0.239 (BENCHMARKS.md, issue 17), both scored with the rule on.
    """

    def __init__(self, doc: Doc, *, headings: bool = True) -> None:
        self.doc = doc
        # the Doc's token columns, read once for all the stages (a Token per word and attribute
        # is the costly part); shared and read only, but for ``words``: headings are lowered
        cols = columns(doc)
        self.words = list(cols.text)
        self.lower, self.pos, self.tag, self.dep = cols.lower, cols.pos, cols.tag, cols.dep
        self.lemma = [lem or low for lem, low in zip(cols.lemma, cols.lower, strict=True)]
        self.head, self.ent, self.space, self.idx = cols.head, cols.ent_type, cols.is_space, cols.idx
        self.stop = (doc.to_array(IS_STOP) != 0).tolist()
        self.text = doc_text(doc)  # read once per Doc and shared with the other stages
        n = len(self.words)
        self.sequences = self._sequences()
        if headings:
            self._headings_in_lower_case()
        self.seq_of = [-1] * n
        for k, seq in enumerate(self.sequences):
            for i in seq:
                self.seq_of[i] = k
        self.quoted = self._quoted()
        self.lex = self._lexicon_hits()
        self.content = [
            self.pos[i] in _CONTENT_POS and not self.stop[i] and self.lower[i].isalpha() for i in range(n)
        ]
        self.lemma_count = Counter(self.lemma[i] for i in range(n) if self.content[i])
        self.bigram_count = Counter(self._bigrams())
        self.low_text = self.text.lower()
        seq_marks = []
        for seq in self.sequences:
            chars = {self.words[i] for i in seq}
            feats = []
            if "!" in chars:
                feats.append("s!")
            if "?" in chars:
                feats.append("s?")
            if chars & _QUOTES:
                feats.append("sq")
            feats.append("sl=" + _bucket(len(seq), (5, 10, 20, 35)))
            seq_marks.append(feats)
        self.seq_marks = seq_marks

    # -- preparation -------------------------------------------------------
    def _sequences(self) -> list[list[int]]:
        """Sentences, cut again at line breaks, without whitespace tokens."""
        out: list[list[int]] = []
        for sent in self.doc.sents:
            cur: list[int] = []
            for i in range(sent.start, sent.end):
                if self.space[i]:
                    if "\n" in self.words[i] and cur:
                        out.append(cur)
                        cur = []
                    continue
                cur.append(i)  # (a token's own trailing whitespace is one space at most)
            if cur:
                out.append(cur)
        return out

    def _headings_in_lower_case(self) -> None:
        """Read a sequence written wholly in capitals (a heading: "MURDER MYSTERY UNFOLDING IN
        MISSISSIPPI", a digest's numbered headlines) in lower case. Capitals across a whole line
        are typography, not the emphasis that an upper-case word in a running sentence is ("a
        TOTAL disgrace", which keeps its shape); read as emphasis they made the models charge
        plain news headings with Loaded_Language. Only the surface forms change (shape, the
        all-capitals span feature, lexicon matching); the parse's tags stay as they are."""
        for seq in self.sequences:
            alpha = [i for i in seq if self.words[i].isalpha()]
            if sum(len(self.words[i]) for i in alpha) >= HEADING_LETTERS and all(
                self.words[i].isupper() for i in alpha
            ):
                for i in seq:
                    self.words[i] = self.lower[i]

    def _quoted(self) -> list[bool]:
        """Tokens between quotation marks (within a paragraph)."""
        inside = [False] * len(self.words)
        state = False
        for i, w in enumerate(self.words):
            if "\n" in w:
                state = False
            if w in _QUOTES or w in ("''", "``"):
                if w in OPEN_QUOTES or w == "``":
                    state = True
                elif w in CLOSE_QUOTES or w == "''":
                    state = False
                else:
                    state = not state
                continue
            inside[i] = state
        return inside

    def _lexicon_hits(self) -> list[tuple[str, ...]]:
        """Each token's lexicon hits (``B``/``I`` + category), in the order found; most have none
        (one shared empty tuple, not a list per token)."""
        hits: list[tuple[str, ...]] = [()] * len(self.words)
        matcher = lexicon_matcher()
        for seq in self.sequences:
            words = [self.words[i] for i in seq]
            lemmas = [self.lemma[i] for i in seq]
            for s, e, cat in matcher.match(words, lemmas):
                hits[seq[s]] += ("B" + cat,)
                for k in range(s + 1, e):
                    hits[seq[k]] += ("I" + cat,)
        return hits

    def _bigrams(self) -> Iterator[tuple[str, str]]:
        for seq in self.sequences:
            for a, b in itertools.pairwise(seq):
                if self.content[a] or self.content[b]:
                    yield (self.lemma[a], self.lemma[b])

    # -- CRF token features --------------------------------------------------
    def token_features(self, seq: list[int]) -> list[list[str]]:
        """CRF features for each token of one sequence."""
        n = len(seq)
        k = self.seq_of[seq[0]] if seq else 0
        marks = self.seq_marks[k] if seq else []
        feats_all = []
        lower, lemma, pos, tag, dep, head = self.lower, self.lemma, self.pos, self.tag, self.dep, self.head
        words, ent, quoted, content, lex = self.words, self.ent, self.quoted, self.content, self.lex
        lemma_count, bigram_count = self.lemma_count, self.bigram_count
        for j, i in enumerate(seq):
            w = lower[i]
            p, d, lem, h = pos[i], dep[i], lemma[i], head[i]
            f = [
                "b",
                "w=" + w,
                "p=" + p,
                "t=" + tag[i],
                "d=" + d,
                "sh=" + _shape(words[i]),
                "s3=" + w[-3:],
                "hd=" + d + "_" + pos[h],
                "hl=" + lemma[h],
            ]
            if lem != w:
                f.append("l=" + lem)
            if ent[i]:
                f.append("e=" + ent[i])
            if quoted[i]:
                f.append("q")
            if content[i]:
                f.append("rc=" + _bucket(lemma_count[lem], (1, 2, 4)))
            if lex[i]:
                f += ["x" + x for x in lex[i]]
            if j > 0:
                a = seq[j - 1]
                f += ["w-1=" + lower[a], "p-1=" + pos[a], "pp=" + pos[a] + p]
                if lex[a]:
                    f += ["x-1" + x[1:] for x in lex[a]]
                if bigram_count[(lemma[a], lem)] > 1:
                    f.append("rb-")
            else:
                f.append("BOS")
            if j > 1:
                f.append("w-2=" + lower[seq[j - 2]])
            if j + 1 < n:
                a = seq[j + 1]
                f += ["w+1=" + lower[a], "p+1=" + pos[a], "np=" + p + pos[a]]
                if lex[a]:
                    f += ["x+1" + x[1:] for x in lex[a]]
                if bigram_count[(lem, lemma[a])] > 1:
                    f.append("rb+")
            else:
                f.append("EOS")
            if j + 2 < n:
                f.append("w+2=" + lower[seq[j + 2]])
            f.append(_REL[min(4, 5 * j // n)])
            f += marks
            feats_all.append(f)
        return feats_all

    # -- span classifier features -------------------------------------------
    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``[a, b)`` covering the character range (whitespace-trimmed)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return 0, 0
        return span.start, span.end

    def span_sentence(self, start: int, end: int) -> str:
        """The text of the sequence (sentence, cut at line breaks) holding the span's first
        token: the context whose static embedding the classifiers read beside the span's."""
        a, b = self.token_range(start, end)
        k = next((self.seq_of[i] for i in range(a, b) if self.seq_of[i] >= 0), -1)
        if k < 0:
            return self.text[start:end]
        seq = self.sequences[k]
        return self.text[self.idx[seq[0]] : self.idx[seq[-1]] + len(self.doc[seq[-1]].text)]

    def span_features(self, start: int, end: int) -> list[str]:
        """Features of the character span ``[start, end)`` for the technique classifier."""
        a, b = self.token_range(start, end)
        idx = [i for i in range(a, b) if not self.space[i]]
        text = self.text[start:end]
        low = text.lower()
        f = ["bias", "nt=" + _bucket(len(idx), (1, 2, 3, 5, 8, 12, 20, 30))]
        if not idx:
            return f
        lemmas = [self.lemma[i] for i in idx]
        f += ["u=" + x for x in lemmas]
        f += ["bg=" + x + "_" + y for x, y in itertools.pairwise(lemmas)]
        f += ["first=" + lemmas[0], "last=" + lemmas[-1], "fp=" + self.pos[idx[0]], "lp=" + self.pos[idx[-1]]]
        if len(idx) <= 4:
            f.append("pseq=" + "_".join(self.pos[i] for i in idx))
            f.append("whole=" + " ".join(lemmas))
        roots = [i for i in idx if not a <= self.head[i] < b or self.head[i] == i]
        for r in roots[:2]:
            f += ["root=" + self.lemma[r], "rootp=" + self.pos[r] + "_" + self.dep[r]]
        f += ["pos=" + self.pos[i] for i in idx]
        f += ["ent=" + self.ent[i] for i in idx if self.ent[i]]
        cats = Counter(h[1:] for i in idx for h in self.lex[i] if h[0] == "B")
        for cat, c in cats.items():
            f += ["lx=" + cat, "lx2=" + cat + _bucket(c, (1, 2))]
        # repetition of the span's text and of its content words
        if _NONWORD.sub(" ", low).strip():
            occ = self.low_text.count(low.strip())
            f.append("occ=" + _bucket(occ, (1, 2, 3, 5)))
        content = [self.lemma[i] for i in idx if self.content[i]]
        if content:
            rep = min(self.lemma_count[x] for x in content)
            f.append("crep=" + _bucket(rep, (1, 2, 3, 5)))
            f.append("mrep=" + _bucket(max(self.lemma_count[x] for x in content), (1, 2, 3, 5, 8)))
        # context: the sequence around the span
        k = self.seq_of[idx[0]]
        seq = self.sequences[k] if k >= 0 else idx
        before = [i for i in seq if i < idx[0]]
        after = [i for i in seq if i > idx[-1]]
        f += ["c-" + self.lemma[i] for i in before[-3:]]
        f += ["c+" + self.lemma[i] for i in after[:3]]
        f += ["ctx=" + h[1:] for i in before[-4:] + after[:4] for h in self.lex[i] if h[0] == "B"]
        cover = len(idx) / max(1, len(seq))
        f.append("cov=" + _bucket(int(cover * 10), (2, 5, 8, 9)))
        if not before:
            f.append("sstart")
        if not after or all(self.pos[i] == "PUNCT" for i in after):
            f.append("send")
        f += self.seq_marks[k] if k >= 0 else []
        if k == 0:
            f.append("title")
        if any(self.quoted[i] for i in idx):
            f.append("inq")
        if any(ch in text for ch in _QUOTES):
            f.append("hasq")
        if "?" in text:
            f.append("has?")
        if "!" in text:
            f.append("has!")
        if "#" in text:
            f.append("hash")
        words = [self.words[i] for i in idx if self.words[i].isalpha()]
        if words and all(w.isupper() for w in words) and sum(map(len, words)) > 3:
            f.append("caps")
        if any(self.lower[i] in ("we", "our", "us") for i in idx):
            f.append("we")
        if any(self.lower[i] in ("you", "your") for i in idx):
            f.append("you")
        return f
