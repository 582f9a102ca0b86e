"""Files written whole or not at all: a temporary file beside the target, moved into place.

A temporary file is named ``.TARGET.PID.RANDOM.tmp`` (PID: the writing process).
Success moves it onto the target after an ``fsync``; an exception (a crash, Ctrl-C,
a full disk) removes it and leaves the target as it was. A process killed outright
(SIGKILL, power loss) cannot remove its temporary file: the next write of the same
target removes the temporary files of that target whose process no longer runs
(a process of this machine; files of a live process are left alone).

Every ``OSError`` of the writing (disk full, read-only folder, permissions, a folder
where the file should be) becomes one :class:`~claimgraph.errors.OutputError` that
names the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from claimgraph.errors import OutputError

__all__ = ["atomic_path", "atomic_paths", "atomic_write", "make_folder", "output_error", "remove_stale"]


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def output_error(path: Path, exc: OSError, verb: str = "write") -> OutputError:
    """The one-line error for an ``OSError`` while writing ``path``."""
    return OutputError(f"cannot {verb} {path}: {_reason(exc)}", path=str(path))


def make_folder(folder: Path) -> None:
    """``mkdir -p folder``, an :class:`OutputError` when it cannot be made."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"cannot write into {folder}: it is a file, not a folder", path=str(folder)
        ) from None
    except OSError as exc:
        raise output_error(folder, exc, "create folder") from exc


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_stale(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` left by processes that no longer run; returns them."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[A-Za-z0-9_]+\.tmp")
    removed: list[Path] = []
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if not candidate.is_dir():
                candidate.unlink()
                removed.append(candidate)
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink_all(paths: Sequence[Path]) -> None:
    for tmp in paths:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@contextlib.contextmanager
def atomic_paths(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Fresh temporary paths beside each of ``paths``, all moved into place when the block succeeds.

    Every file is written and flushed to disk before the first is moved, so a
    failure while writing any of them (a full disk) leaves every target as it was.
    Raises :class:`OutputError` for an ``OSError`` of the writing, naming the target.
    """
    targets = [Path(p) for p in paths]
    temps: list[Path] = []
    try:
        for target in targets:
            if target.is_dir():
                raise OutputError(f"cannot write {target}: it is a folder, not a file", path=str(target))
            if target.exists() and not target.is_file():  # a device, a FIFO: never replaced by a file
                raise OutputError(f"cannot write {target}: not a regular file", path=str(target))
            make_folder(target.parent)
            remove_stale(target)
            try:
                fd, name = tempfile.mkstemp(
                    prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
                )
            except OSError as exc:
                raise output_error(target, exc) from exc
            os.close(fd)
            temps.append(Path(name))
        try:
            yield list(temps)
        except OSError as exc:
            raise output_error(_target_of(exc, targets, temps), exc) from exc
        for target, tmp in zip(targets, temps, strict=True):
            try:
                _fsync(tmp)
            except OSError as exc:
                raise output_error(target, exc) from exc
        for n, (target, tmp) in enumerate(zip(targets, temps, strict=True)):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                _unlink_all(temps[n:])
                raise output_error(target, exc) from exc
    except BaseException:
        _unlink_all(temps)
        raise


def _target_of(exc: OSError, targets: list[Path], temps: list[Path]) -> Path:
    """The target whose temporary file an ``OSError`` names (the first target when it names none)."""
    for name in (exc.filename, exc.filename2):
        if name is not None:
            for target, tmp in zip(targets, temps, strict=False):
                if os.fspath(name) in (str(tmp), str(target)):
                    return target
    return targets[0] if len(targets) == 1 else targets[0].parent


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A fresh temporary path beside ``path``, moved onto it when the block succeeds.

    For writers that want a file name (pyarrow, spaCy's ``DocBin.to_disk``). A crash
    or Ctrl-C leaves ``path`` as it was and removes the temporary file; two
    processes writing the same target never share a temporary file.
    """
    with atomic_paths([path]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """An open file whose content replaces ``path`` (flushed to disk) only on success."""
    with atomic_path(path) as tmp:
        try:
            fh = open(tmp, mode, encoding=encoding if "b" not in mode else None)  # noqa: SIM115
        except OSError as exc:
            raise output_error(Path(path), exc) from exc
        with fh:
            yield fh
