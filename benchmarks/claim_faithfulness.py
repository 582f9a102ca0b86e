"""Claim-text faithfulness: the share of claims whose content words all occur in their statements.

A claim text must be written with the text's own words (issue 16): each content word
(stop words aside) must occur in one of its statements' content or speaker, or in the
name of an actor the statement mentions or is spoken by (the rule of
``tests/stages/test_claims.py::test_claim_texts_use_only_their_statements_words``). The
documents are those of ``benchmarks/record_identity.py`` (the sample article, 100 PTC
train articles, the PolNeAR dev texts); without ``../shared/data`` only the sample.

    .venv/bin/python benchmarks/claim_faithfulness.py [--show 10]
"""

from __future__ import annotations

import argparse
import re

from record_identity import documents  # the script's folder is on sys.path when run

from claimgraph import Analyzer
from claimgraph.knowledge.stopwords import english_stop_words
from claimgraph.record import Claim, Record

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def content_words(text: str) -> set[str]:
    """Lower-case words less stop words; an apostrophe at a word's end is a closing quotation
    mark or a plural possessive ("‘Indigenous’ issues", "leaders’"), not part of the word."""
    return {w.lower().rstrip("'\u2019") for w in _WORD.findall(text)} - english_stop_words()


def unfaithful_words(record: Record, claim: Claim) -> set[str]:
    """The claim text's content words that none of its statements gives."""
    allowed: set[str] = set()
    for sid in claim.statements:
        st = next((s for s in record.statements if s.id == sid), None)
        if st is None:
            continue
        allowed |= content_words(st.content.text)
        allowed |= content_words(st.speaker_span.text if st.speaker_span else "")
        for actor in record.actors:
            inside = any(st.content.start <= m.start < st.content.end for m in actor.mentions)
            if inside or actor.id == st.speaker:
                allowed |= content_words(actor.name)
    return content_words(claim.text) - allowed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many unfaithful claims")
    args = parser.parse_args()
    docs = list(documents())
    n = faithful = 0
    shown = 0
    for record in Analyzer().pipe(docs):
        for claim in record.claims:
            extra = unfaithful_words(record, claim)
            n += 1
            faithful += not extra
            if extra and shown < args.show:
                print(f"{record.document.id}: {claim.text!r} (not in its statements: {sorted(extra)})")
                shown += 1
    share = faithful / n if n else 1.0
    print(f"{len(docs)} documents, {n} claims, faithful {share:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
