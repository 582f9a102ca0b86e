"""Files written whole or not at all: a temporary file beside the target, moved into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write"]


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A fresh temporary path beside ``path``, moved onto it when the block succeeds.

    For writers that want a file name (pyarrow, spaCy's ``DocBin.to_disk``). A crash
    or Ctrl-C leaves ``path`` as it was and removes the temporary file; two
    processes writing the same target never share a temporary file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """An open file whose content replaces ``path`` (flushed to disk) only on success."""
    with atomic_path(path) as tmp, open(tmp, mode, encoding=encoding if "b" not in mode else None) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
