"""Where ``analyze`` and ``ingest`` run: ``--engine``, ``--address``, ``--actors``."""

from __future__ import annotations

from typing import Annotated

import typer

from claimgraph.engines import Engine

__all__ = ["ActorsOption", "AddressOption", "EngineOption"]

EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where to analyse: local (this machine, --workers processes) or ray (a Ray cluster; "
        "the extra claimgraph[ray]).",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="With --engine ray: the cluster (auto: the one `ray start --head` started here; "
        "ray://HOST:10001 or HOST:6379: an existing one) [default: RAY_ADDRESS, else a new local instance].",
        show_default=False,
    ),
]
ActorsOption = Annotated[
    int | None,
    typer.Option(
        "--actors",
        min=1,
        help="With --engine ray: analysing actors, each loading the pipeline once "
        "[default: one per CPU of the cluster].",
        show_default=False,
    ),
]
