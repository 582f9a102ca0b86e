"""Start-up: the query commands import no NLP (no spaCy, scikit-learn, analyzer or models)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph.corpus.store import Corpus

#: Modules a query command must never import: they cost seconds at start-up.
HEAVY = ("spacy", "sklearn", "claimgraph.analyzer", "claimgraph.stages", "model2vec", "py3langid", "jinja2")

_RUN = """
import json, sys
from claimgraph.cli import main
sys.argv = ["claimgraph", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


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
    assert not [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
