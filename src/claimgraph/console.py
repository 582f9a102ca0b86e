"""The ``claimgraph`` script's entry point: the command line, imported with the collector paused.

Importing the command line (Typer, Rich, the commands' modules) creates some hundred
thousand long-lived objects; with the garbage collector running, every one is traversed two
or three times while it is young, a tenth of a query command's start-up. Importing them
with collection paused and freezing them after (:mod:`claimgraph.collector`) saves that.

The command line also turns off Pydantic's plugins unless ``PYDANTIC_DISABLE_PLUGINS`` is set
already: looking them up reads the entry points of every installed package, at the first
model built (a twentieth of a second), for plugins (observability hooks) a claimgraph run
does not use. Set ``PYDANTIC_DISABLE_PLUGINS=`` (empty) to keep them.
"""

from __future__ import annotations

import os

__all__ = ["main"]


def main() -> None:
    """Run the ``claimgraph`` command line (:func:`claimgraph.cli.main`)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from claimgraph.collector import collection_paused

    with collection_paused(freeze=True):
        from claimgraph.cli import main as run
    run()
