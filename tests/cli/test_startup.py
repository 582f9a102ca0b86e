"""Start-up: the query commands import no NLP (no spaCy, scikit-learn, analyzer or models)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph.corpus.store import Corpus

#: Modules a query command must never import: they cost seconds at start-up. (py3langid is
#: imported, not loaded, by trafilatura when installed: its model is what costs.)
HEAVY = ("spacy", "sklearn", "claimgraph.analyzer", "claimgraph.stages", "model2vec", "jinja2")

_RUN = """
import json, sys
from claimgraph.console import main
sys.argv = ["claimgraph", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def _imported(args: list[str]) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(args)], capture_output=True, text=True, timeout=120
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


@pytest.mark.parametrize(
    "command",
    [
        ["claims"],
        ["claims", "--format", "json"],
        ["events"],
        ["events", "--format", "csv"],
        ["export", "{tmp}/out"],
        ["analyze", "--help"],
        ["--help"],
    ],
)
def test_query_commands_import_no_nlp(tmp_path, command):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    Corpus(url).close()  # an empty corpus, schema created
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    if args[0] in ("claims", "events", "export"):
        args += ["--db", url]
    code, modules = _imported(args)
    assert code == 0
    assert _heavy(modules) == []


def test_reingesting_an_unchanged_document_loads_no_nlp(tmp_path):
    from claimgraph import __version__
    from claimgraph.record import DocumentInfo, Record

    text = "Moscow denied the reports, the ministry said."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Corpus(url) as corpus:
        corpus.add(
            Record(document=DocumentInfo(id="a.txt", text=text), generator={"claimgraph": __version__})
        )
    code, modules = _imported(["ingest", str(tmp_path / "a.txt"), "--db", url, "-q"])
    assert code == 0
    assert _heavy(modules) == []


#: What the plain query commands need is typer, Rich and SQLAlchemy: no numpy, no matching, no
#: record models (the corpus reader, not the writer).
QUERY_HEAVY = (
    "numpy",
    "scipy",
    "claimgraph.record",
    "claimgraph.corpus.matching",
    "claimgraph.corpus.events",
)


@pytest.mark.parametrize(
    "command",
    [["claims"], ["claims", "--contested"], ["events"], ["events", "--by", "year", "--format", "csv"]],
)
def test_query_commands_load_only_the_reader(tmp_path, command):
    from claimgraph import __version__
    from claimgraph.record import DocumentInfo, Record

    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Corpus(url) as corpus:  # a corpus with a document, so the queries have rows to read
        corpus.add(
            Record(
                document=DocumentInfo(id="a.txt", text="Moscow denied the reports.", published="2024-03-01"),
                generator={"claimgraph": __version__},
            )
        )
    code, modules = _imported([*command, "--db", url])
    assert code == 0
    assert sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in QUERY_HEAVY)) == []
