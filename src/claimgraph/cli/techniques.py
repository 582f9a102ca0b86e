"""``claimgraph eval ptc`` and ``claimgraph train techniques``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, handle_errors
from claimgraph.eval import shared_data_dir

__all__ = ["register"]


def _load(data: Path, workers: int) -> tuple[list, list]:
    from claimgraph.eval.ptc import read_ptc
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.cache import parse_cached

    articles = read_ptc(data)
    split = next((p.name.removesuffix("-articles") for p in sorted(data.glob("*-articles"))), data.name)
    nlp = load_pipeline()
    with err_console.status(f"parsing {len(articles)} PTC articles (cached after the first run)…"):
        docs = parse_cached(nlp, [a.text for a in articles], f"ptc-{split}", n_process=workers)
    return articles, docs


#: parsing processes; the parse is cached, so this matters on the first run only
WorkersOption = Annotated[int, typer.Option(help="parsing processes (first run only)")]


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @eval_app.command("ptc")
    @handle_errors
    def eval_ptc(
        data: Annotated[
            Path | None,
            typer.Option(help="PTC folder: *-articles/, label folders (default: ../shared/data/ptc)"),
        ] = None,
        model_dir: Annotated[
            Path | None, typer.Option(help="technique models to score (default: the shipped ones)")
        ] = None,
        workers: WorkersOption = 1,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """Score techniques on PTC: SI, labelled span F1 and TC (SemEval-2020 Task 11 metrics).

        Articles the model was trained on are left out: score the shipped model on
        another PTC split, or train a held-out model first
        (`claimgraph train techniques --holdout --out DIR`) and pass `--model-dir DIR`.
        """
        from claimgraph.errors import DataError
        from claimgraph.eval.ptc import evaluate, format_table
        from claimgraph.stages.techniques.model import load_models

        models = load_models(str(model_dir) if model_dir else None)
        data = data or shared_data_dir("ptc")
        articles, docs = _load(data, workers)
        trained = set(models.meta.get("trained_on", []))
        keep = [i for i, a in enumerate(articles) if a.id not in trained]
        if not keep:
            raise DataError(
                f"all {len(articles)} articles in {data} were used to train this model: train a held-out "
                "model (`claimgraph train techniques --holdout --out DIR`) and pass --model-dir DIR"
            )
        if len(keep) < len(articles):
            err_console.print(
                f"scoring the {len(keep)} articles this model was not trained on (of {len(articles)})"
            )
        result = evaluate([articles[i] for i in keep], [docs[i] for i in keep], models)
        typer.echo(json.dumps(result, indent=1) if as_json else format_table(result))

    @train_app.command("techniques")
    @handle_errors
    def train_techniques(
        data: Annotated[
            Path | None,
            typer.Option(help="PTC folder to train on (default: ../shared/data/ptc)"),
        ] = None,
        out: Annotated[
            Path | None, typer.Option(help="model folder (default: the package's models/)")
        ] = None,
        holdout: Annotated[
            bool, typer.Option(help="leave every 5th article (sorted ids) out, for `eval ptc`")
        ] = False,
        fold: Annotated[int, typer.Option(help="which fifth to leave out with --holdout (0-4)")] = 0,
        workers: WorkersOption = 1,
    ) -> None:
        """Train the technique CRF and its two span classifiers on PTC; writes models/techniques-*."""
        from claimgraph.eval.ptc import split_articles
        from claimgraph.stages.techniques.features import DocFeatures
        from claimgraph import models
        from claimgraph.stages.techniques.train import train_models

        data = data or shared_data_dir("ptc")
        articles, docs = _load(data, workers)
        if holdout:
            fit_ids = set(split_articles([a.id for a in articles], k=5, fold=fold)[0])
            pairs = [(a, d) for a, d in zip(articles, docs, strict=True) if a.id in fit_ids]
        else:
            pairs = list(zip(articles, docs, strict=True))
        target = out or models.path()
        what = f"training on {len(pairs)} articles (about 10 minutes)"
        with err_console.status(what + "…") as status:
            feats = [DocFeatures(d) for _, d in pairs]
            train_models(
                feats,
                [a for a, _ in pairs],
                target,
                meta={
                    "trained_on": sorted(a.id for a, _ in pairs),
                    "holdout": {"k": 5, "fold": fold} if holdout else None,
                },
                progress=lambda step: status.update(f"{what}: {step}…"),
            )
        err_console.print(f"wrote the technique models to {target}")
