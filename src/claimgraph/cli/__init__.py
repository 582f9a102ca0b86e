"""The ``claimgraph`` command line.

Every command is a module-level function in the module of its group:
``analyze.py`` (``analyze``, ``schema``), ``corpus.py`` (``ingest``, ``claims``, ``techniques``,
``events``, ``export``, ``stance``), ``eval.py`` (every ``eval X``) and
``train.py`` (every ``train X``), ``bench.py`` (``bench``), ``serve.py`` (``serve``); this module only
puts them on the app.
"""

from __future__ import annotations

import sys

import typer

from claimgraph.cli import analyze, corpus, serve
from claimgraph.cli import bench as bench_command
from claimgraph.cli import eval as eval_commands
from claimgraph.cli import train as train_commands

__all__ = ["app", "eval_app", "main", "train_app"]

_HELP = "Who claims what, who denies it, what happened, and where the writer persuades."


#: The top-level commands, in the order of --help (Typer names each after its function).
_COMMANDS = (
    analyze.analyze,
    analyze.schema,
    corpus.ingest,
    corpus.claims,
    corpus.events,
    corpus.export,
    corpus.stance,
    bench_command.bench,
    serve.serve,
    corpus.techniques,
)


def _top_level(app: typer.Typer) -> typer.Typer:
    """Put the top-level commands on ``app``."""
    for command in _COMMANDS:
        app.command()(command)
    return app


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="claimgraph",
        help=_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )


app = _top_level(_new_app())
eval_app = typer.Typer(help="Score claimgraph on public benchmarks.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain the small models that ship with claimgraph.", no_args_is_help=True)
for _command in eval_commands.COMMANDS:
    eval_app.command()(_command)
for _command in train_commands.COMMANDS:
    train_app.command()(_command)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

#: The top-level commands alone: Typer builds every command's parameters at each start, and
#: the twenty ``eval``/``train`` subcommands cost a query command a sixth of its start-up.
_lean_app = _top_level(_new_app())
_TOP_LEVEL = frozenset(command.__name__ for command in _COMMANDS)


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    if len(sys.argv) > 1 and sys.argv[1] in _TOP_LEVEL:
        _lean_app()
    else:
        app()
