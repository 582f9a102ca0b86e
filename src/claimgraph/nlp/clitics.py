"""Lemmas of clitic verbs typed with the typographic apostrophe.

spaCy's English lemmatizer knows the clitics written with the ASCII apostrophe ("it's" → *be*,
"she'll" → *will*) but leaves those typed with a right single quotation mark, as most published
news is, as written: "It’s not true" has no copula (lemma "’"), "they’re", "I’m", "we’ve",
"he’d", "she’ll" have no verb lemma, and every rule that reads a lemma ("be" before a
predicative, "will" for a future) misses them. (The tokenizer already maps "n’t" to *not*.)

:func:`fix_clitic_lemmas` (the ``claimgraph_clitic_lemmas`` component, placed after the
lemmatizer by :func:`claimgraph.nlp.load_pipeline`) gives them the lemma of their ASCII form.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["COMPONENT", "fix_clitic_lemmas"]

#: The component's name in a pipeline.
COMPONENT = "claimgraph_clitic_lemmas"

#: Clitic (ASCII apostrophe, lower case) → lemma, for a verb or auxiliary; "'d" is *had* before
#: a past participle and *would* otherwise, as the tagger tells (VBD or MD).
_LEMMAS = {"'s": "be", "'re": "be", "'m": "be", "'ve": "have", "'ll": "will"}


def fix_clitic_lemmas(doc: Doc) -> Doc:
    """Set the lemma of each verb clitic typed with "’" to its ASCII form's (module docstring)."""
    for token in doc:
        if "\u2019" not in token.text or token.pos_ not in ("AUX", "VERB"):
            continue
        form = token.lower_.replace("\u2019", "'")
        if form == "'d":
            token.lemma_ = "have" if token.tag_ == "VBD" else "would"
        elif form in _LEMMAS:
            token.lemma_ = _LEMMAS[form]
    return doc


@Language.component(COMPONENT)
def _clitic_lemmas_component(doc: Doc) -> Doc:
    return fix_clitic_lemmas(doc)
