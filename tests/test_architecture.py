"""The layout's import rules (pyproject.toml, ``[tool.importlinter]``) hold: CI runs them here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout


def test_stage_order_is_written_once():
    from claimgraph.settings import STAGES
    from claimgraph.stages import EXTRACTORS

    assert tuple(EXTRACTORS) == STAGES


def test_only_settings_reads_claimgraph_variables():
    reads = re.compile(r"""(environ(\.get)?\(|environ\[|getenv\(|envvar=)\s*["']CLAIMGRAPH_""")
    readers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "src" / "claimgraph").rglob("*.py")
        if reads.search(p.read_text(encoding="utf-8"))
    ]
    assert readers == []  # settings.py reads them all through ENVIRONMENT


def test_every_variable_is_documented():
    from claimgraph.settings import ENVIRONMENT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in ENVIRONMENT if f"`{name}`" not in readme] == []
