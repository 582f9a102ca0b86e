"""Knowledge compiled once and kept on disk, so that a start reads it instead of rebuilding it.

Several stages build tables from the shipped knowledge files at their first use (the
actor knowledge, the actors' phrase trie): a tenth to a third of a second each, at every
start of a process. :func:`compiled` keeps what such a build returns in a pickle under
``CLAIMGRAPH_CACHE`` (default ``~/.cache/claimgraph``), in ``compiled/``, named by what it
is and by a digest of everything it was built from: the bytes of its input files (the
knowledge files and the modules whose code builds it), claimgraph's version, Python's and
any ``salt`` the caller adds (spaCy's version where its tokenizer took part). A change of
any of them is a new name, so a stale table is never read; older files of the same name
are removed when a new one is written.

The cache is only ever an optimisation: a folder that cannot be written, a file that
cannot be read or unpickled (truncated, from another version), or ``CLAIMGRAPH_CACHE=off``
all mean the table is built as if there were no cache, with the same result. Files are
written whole or not at all (:mod:`claimgraph.fileio`). The pickles are read only from the
user's own cache folder, which holds nothing another user wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from claimgraph.errors import OutputError
from claimgraph.fileio import atomic_path
from claimgraph.settings import Settings

__all__ = ["DISABLED", "cache_root", "compiled", "compiled_path"]

T = TypeVar("T")

#: ``CLAIMGRAPH_CACHE`` values that turn the compiled-knowledge cache off.
DISABLED = frozenset({"off", "none", "0", "false", "no"})

#: Bump to drop every compiled table written before (a change of the format of this module).
_FORMAT = 1


def cache_root() -> Path:
    """The cache folder: ``CLAIMGRAPH_CACHE``, else ``~/.cache/claimgraph`` (not created here)."""
    return Settings.from_env().cache_dir or Path.home() / ".cache" / "claimgraph"


def _enabled() -> bool:
    return str(Settings.from_env().cache_dir or "").strip().lower() not in DISABLED


def compiled_path(name: str, inputs: Iterable[Path], salt: str = "") -> Path:
    """Where the table ``name`` built from ``inputs`` is kept (the file may not exist)."""
    from claimgraph import __version__

    digest = hashlib.sha1(f"{_FORMAT}\0{name}\0{salt}\0{__version__}\0{sys.version}".encode())
    for path in inputs:
        digest.update(Path(path).name.encode())
        digest.update(Path(path).read_bytes())
    return cache_root() / "compiled" / f"{name}-{digest.hexdigest()[:20]}.pickle"


def compiled(name: str, build: Callable[[], T], *, inputs: Iterable[Path], salt: str = "") -> T:
    """What ``build()`` returns, read from the cache when an earlier process built it from the
    same ``inputs``; otherwise built and kept for the next (best effort, never an error)."""
    if not _enabled():
        return build()
    try:
        path = compiled_path(name, inputs, salt)
    except (OSError, RuntimeError):  # an unreadable input (the build says what is wrong); no home
        return build()
    with contextlib.suppress(Exception):  # missing, truncated, written by another version
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    value = build()
    _keep(path, name, value)
    return value


def _keep(path: Path, name: str, value: object) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except (OSError, OutputError, pickle.PicklingError, TypeError, AttributeError):
        return  # a read-only home, a full disk: the next start builds it again
    for old in path.parent.glob(f"{name}-*.pickle"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
