"""The ``claimgraph`` command line.

Every command is a module-level function in the module of its group:
``analyze.py`` (``analyze``, ``schema``), ``corpus.py`` (``ingest``, ``claims``, ``techniques``,
``events``, ``export``, ``stance``), ``eval.py`` (every ``eval X``) and
``train.py`` (every ``train X``), ``bench.py`` (``bench``), ``serve.py`` (``serve``); this module only
puts them on the app.
"""

from __future__ import annotations

import typer

from claimgraph.cli import analyze, corpus, serve
from claimgraph.cli import bench as bench_command
from claimgraph.cli import eval as eval_commands
from claimgraph.cli import train as train_commands

__all__ = ["app", "eval_app", "main", "train_app"]

app = typer.Typer(
    name="claimgraph",
    help="Who claims what, who denies it, what happened, and where the writer persuades.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score claimgraph on public benchmarks.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain the small models that ship with claimgraph.", no_args_is_help=True)

# The order here is the order in --help.
for _command in (analyze.analyze, analyze.schema, corpus.ingest, corpus.claims, corpus.events, corpus.export):
    app.command()(_command)
app.command()(corpus.stance)
app.command()(bench_command.bench)
app.command()(serve.serve)
app.command()(corpus.techniques)
for _command in eval_commands.COMMANDS:
    eval_app.command()(_command)
for _command in train_commands.COMMANDS:
    train_app.command()(_command)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    app()
