"""The ``claimgraph`` command line.

Commands live in modules of this package, one area each (``analyze``,
``statements``, ``events``, ``techniques``, ``voice``, ``claims``, ``corpus``);
every module has a ``register(app, eval_app, train_app)`` function that adds
its commands to the main app and to the ``eval`` and ``train`` groups.
"""

from __future__ import annotations

import typer

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
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

from claimgraph.cli import analyze, claims, corpus, events, statements, techniques, voice  # noqa: E402

# Each area's module adds its commands; the order here is the order in --help.
for _module in (analyze, statements, events, techniques, voice, claims, corpus):
    _module.register(app, eval_app, train_app)


def main() -> None:
    """Entry point of the ``claimgraph`` script."""
    app()
