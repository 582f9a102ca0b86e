"""``claimgraph eval polnear`` and ``claimgraph train statements``."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, handle_errors
from claimgraph.eval import shared_data_dir

__all__ = ["register"]


def _parse(articles: list, key: str, workers: int) -> list:
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.cache import parse_cached

    nlp = load_pipeline()
    return parse_cached(nlp, [a.text for a in articles], key, n_process=workers)


def _table(result: dict) -> str:
    lines = [f"PolNeAR {result['split']} — {result['articles']} articles"]
    lines.append(f"{'':14}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}")
    for mode in ("exact", "overlap"):
        for role, m in result[mode].items():
            lines.append(
                f"{mode + ' ' + role:14}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}"
                f"{m['predicted']:7d}{m['gold']:7d}"
            )
    m = result["attribution"]
    lines.append(
        f"{'attribution':14}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}"
        f"{m['predicted']:7d}{m['gold']:7d}"
    )
    lines.append("per kind (recall over gold of that kind, precision over predictions of that kind):")
    for k, m in result["per_kind"].items():
        lines.append(
            f"  {k:12}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}{m['predicted']:7d}{m['gold']:7d}"
        )
    if "seconds" in result:
        lines.append(f"statements: {result['seconds']:.1f}s for {result['tokens']:,} tokens")
    return "\n".join(lines)


def evaluate(
    data: Path,
    split: str,
    *,
    limit: int | None = None,
    rules: bool = True,
    workers: int = 1,
    articles_filter: list[str] | None = None,
) -> dict:
    """Score the statements extractor on a PolNeAR split (see :mod:`claimgraph.eval.polnear`)."""
    from claimgraph.eval.polnear import Attribution, attribution_kind, load_split, score
    from claimgraph.stages.statements import raw_statements

    articles = load_split(data, split)
    if articles_filter is not None:
        keep = set(articles_filter)
        articles = [a for a in articles if a.name in keep]
    if limit:
        articles = articles[:limit]
    docs = _parse(articles, f"polnear-{split}", workers)
    pairs = list(zip(articles, docs, strict=True))
    t0 = time.perf_counter()
    preds = [
        [
            Attribution(source=r.source, cue=r.cue, content=r.content)
            for r in raw_statements(doc, use_rules=rules)
        ]
        for _, doc in pairs
    ]
    seconds = time.perf_counter() - t0
    # per-kind figures: predictions get their kind from the same surface reading as the gold
    for (art, _), pred in zip(pairs, preds, strict=True):
        for p in pred:
            p.kind = attribution_kind(art.text, p)
    result = score([a for a, _ in pairs], preds).as_dict()
    result.update(split=split, seconds=round(seconds, 2), tokens=sum(len(d) for _, d in pairs), rules=rules)
    return result


def holdout_names(data: Path, fraction: float = 0.1, seed: int = 13) -> tuple[list[str], list[str]]:
    """A fixed split of PolNeAR train into (fit, held-out) article names, for development."""
    from claimgraph.eval.polnear import split_names

    names = split_names(data, "train")
    rng = random.Random(seed)
    held = set(rng.sample(names, max(1, int(len(names) * fraction))))
    return [n for n in names if n not in held], [n for n in names if n in held]


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @eval_app.command("polnear")
    @handle_errors
    def eval_polnear(
        data: Annotated[
            Path | None,
            typer.Option(help="PolNeAR data/ folder (default: ../shared/data/polnear/data)"),
        ] = None,
        split: Annotated[str, typer.Option(help="split to score: dev (or train, or heldout)")] = "dev",
        limit: Annotated[int | None, typer.Option(help="score only the first N articles")] = None,
        rules: Annotated[bool, typer.Option(help="add the rule-based attributions")] = True,
        workers: Annotated[
            int, typer.Option(help="parsing processes (first run only: parses are cached)")
        ] = 1,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """Score statements on PolNeAR: exact / any-overlap role F1 and attribution F1."""
        data = data or shared_data_dir("polnear/data")
        filt = None
        real_split = split
        if split == "heldout":
            real_split = "train"
            filt = holdout_names(data)[1]
        result = evaluate(data, real_split, limit=limit, rules=rules, workers=workers, articles_filter=filt)
        result["split"] = split
        typer.echo(json.dumps(result, indent=1) if as_json else _table(result))

    @train_app.command("statements")
    @handle_errors
    def train_statements(
        data: Annotated[
            Path | None, typer.Option(help="PolNeAR data/ folder (default: ../shared/data/polnear/data)")
        ] = None,
        out: Annotated[
            Path | None, typer.Option(help="model folder (default: the package's models/)")
        ] = None,
        holdout: Annotated[bool, typer.Option(help="leave 10% of train out (for development)")] = False,
        c1: Annotated[float, typer.Option(help="L1 penalty of the CRF")] = 0.05,
        c2: Annotated[float, typer.Option(help="L2 penalty of the CRF (0.01-5 compared on dev)")] = 2.5,
        iterations: Annotated[int, typer.Option(help="L-BFGS iterations")] = 150,
        workers: Annotated[int, typer.Option(help="parsing processes")] = 1,
    ) -> None:
        """Train the statements tagger (CRF) on PolNeAR train; writes models/statements.*"""
        from claimgraph.eval.polnear import load_split
        from claimgraph.stages.statements.tagger import default_model_dir, train_tagger

        data = data or shared_data_dir("polnear/data")
        articles = load_split(data, "train")
        docs = _parse(articles, "polnear-train", workers)
        if holdout:
            keep = set(holdout_names(data)[0])
            pairs = [(a, d) for a, d in zip(articles, docs, strict=True) if a.name in keep]
        else:
            pairs = list(zip(articles, docs, strict=True))
        meta = train_tagger(
            [d for _, d in pairs],
            [a.attributions for a, _ in pairs],
            out or default_model_dir(),
            c1=c1,
            c2=c2,
            max_iterations=iterations,
            log=lambda m: err_console.print(m, highlight=False),
        )
        typer.echo(json.dumps(meta, indent=1))
