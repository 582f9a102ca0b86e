"""What every command shares: error handling, the console, atomic output files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from claimgraph.errors import ClaimgraphError
from claimgraph.fileio import atomic_write
from claimgraph.settings import Settings

__all__ = ["atomic_write", "err_console", "fail", "handle_errors", "report"]

err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def report(message: object) -> None:
    """Print one red ``error:`` line on stderr (the message as plain text: a ``[name]`` in it,
    such as a pip extra, is not read as Rich markup)."""
    err_console.print(f"[bold red]error:[/] {escape(str(message))}", highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    report(message)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn a :class:`ClaimgraphError` (or Ctrl-C) into one line and exit 2.

    ``CLAIMGRAPH_DEBUG=1`` re-raises, to see the traceback.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimgraphError as exc:
            if Settings.from_env().debug:
                raise
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
