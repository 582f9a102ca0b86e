"""The ``claimgraph`` command line.

Commands live in modules of this package, one area each; every module has a
``register(app, eval_app, train_app)`` function that adds its commands.
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="claimgraph",
    help="Who claims what, who denies it, what happened, and where the writer persuades.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score claimgraph on public benchmarks.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain the small models that ship with claimgraph.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

#: Command modules, in the order their commands appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "analyze",
    "statements",
    "events",
    "techniques",
    "voice",
    "claims",
    "corpus",
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"claimgraph.cli.{_name}")
    except ModuleNotFoundError as _exc:  # an area whose commands are not written yet
        if _exc.name != f"claimgraph.cli.{_name}":
            raise
        continue
    _module.register(app, eval_app, train_app)


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    app()
