"""``claimgraph eval cameo``: score the events coder on the CAMEO manual's example sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, handle_errors

__all__ = ["register"]


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add the events commands."""

    @eval_app.command("cameo")
    @handle_errors
    def eval_cameo(
        data: Annotated[
            Path | None,
            typer.Option("--data", help="eventtypes.csv (default: ../shared/data/cameo/eventtypes.csv)"),
        ] = None,
        errors: Annotated[int, typer.Option("--errors", help="print this many misses")] = 0,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="parse again, ignoring the parse cache")
        ] = False,
    ) -> None:
        """Root and code accuracy of the best event of each example sentence, with a root confusion table."""
        from claimgraph.eval import shared_data_dir
        from claimgraph.eval.cameo import load_examples, score_cameo
        from claimgraph.nlp import load_pipeline

        path = data or shared_data_dir("cameo/eventtypes.csv")
        examples = load_examples(path)
        score = score_cameo(load_pipeline(), examples, cache=not no_cache)
        typer.echo(f"examples: {score.n}  with an event: {score.with_event}")
        typer.echo(f"root accuracy: {score.root_accuracy:.3f}  ({score.root_correct}/{score.n})")
        typer.echo(f"code accuracy: {score.code_accuracy:.3f}  ({score.code_correct}/{score.n})")
        typer.echo(
            f"events time: {score.events_seconds:.3f}s for {score.n} sentences "
            f"(parse {score.parse_seconds:.2f}s{', cached' if not no_cache else ''})"
        )
        typer.echo("")
        typer.echo(score.confusion_table())
        if errors:
            err_console.print("\nmisses (gold, predicted, sentence):")
            misses = [r for r in score.rows if r[0] != r[1]][:errors]
            for gold, pred, text in misses:
                typer.echo(f"{gold}\t{pred}\t{text[:160]}")
