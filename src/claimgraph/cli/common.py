"""What every command shares: error handling, the console, atomic output files."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from claimgraph.errors import ClaimgraphError, OutputError
from claimgraph.fileio import atomic_write
from claimgraph.sanitize import terminal_text
from claimgraph.settings import Settings

__all__ = ["atomic_write", "err_console", "fail", "handle_errors", "progress_bar", "report", "shown"]

err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def shown(text: object) -> str:
    """Text for a Rich markup string: without control characters (:func:`terminal_text`), markup escaped."""
    return escape(terminal_text(text))


def report(message: object) -> None:
    """Print one red ``error:`` line on stderr.

    The message is plain text on one line: a ``[name]`` in it, such as a pip extra,
    is not read as Rich markup; escape sequences and control characters from the
    input it names are removed, line breaks become spaces.
    """
    text = escape(terminal_text(message, one_line=True))
    err_console.print(f"[bold red]error:[/] {text}", highlight=False, soft_wrap=True)


class _Rate(ProgressColumn):
    """Documents per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = f"{task.completed / elapsed:.1f}" if elapsed > 0 and task.completed else "–"
        return Text(f"{rate} docs/s")


def progress_bar(enabled: bool, verb: str) -> Progress | contextlib.nullcontext[None]:
    """A progress bar on stderr (documents done of the total, documents/s, time elapsed and
    left), or nothing when not ``enabled``."""
    if not enabled:
        return contextlib.nullcontext()
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    report(message)
    return typer.Exit(code)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from exc


def handle_errors(func: F) -> F:
    """Turn a :class:`ClaimgraphError` (or Ctrl-C, or an ``OSError`` such as a full disk
    under standard output) into one line and exit 2.

    ``CLAIMGRAPH_DEBUG=1`` re-raises, to see the traceback.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = func(*args, **kwargs)
            _flush_stdout()  # a full disk under a redirected stdout fails here, not at exit
            return result
        except ClaimgraphError as exc:
            if Settings.from_env().debug:
                raise
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:
            if Settings.from_env().debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]
