"""``claimgraph stance``, ``eval checkworthy|fnc1`` and ``train checkworthy|stance``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import atomic_write, err_console, handle_errors
from claimgraph.eval import shared_data_dir

__all__ = ["register"]

DataOption = Annotated[Path | None, typer.Option("--data", help="data folder (default: ../shared/data/…)")]
#: ``--output``: where a trained model is written (the flag is named after the parameter)
ModelFileOption = Annotated[Path | None, typer.Option(help="model file (default: the package's models/)")]


def _data(path: Path | None, sub: str) -> Path:
    return path if path is not None else shared_data_dir(sub)


def _fnc_table(scores, title: str) -> str:
    lines = [
        title,
        f"FNC-1 weighted score: {scores.relative:.4f} ({scores.score:.2f} / {scores.maximum:.2f}), "
        f"{scores.n} pairs",
        "per-class F1: "
        + ", ".join(f"{k} {v:.3f}" for k, v in scores.f1.items())
        + f"; macro-F1 {scores.macro_f1:.3f}",
        "confusion (gold → predicted):",
    ]
    labels = list(scores.confusion)
    lines.append(" " * 11 + "".join(f"{lab:>11}" for lab in labels))
    for g in labels:
        lines.append(f"{g:>11}" + "".join(f"{scores.confusion[g][p]:>11}" for p in labels))
    return "\n".join(lines)


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @app.command("stance")
    @handle_errors
    def stance(
        pairs: Annotated[Path, typer.Option("--pairs", help="FNC-1 stances CSV (Headline, Body ID)")],
        bodies: Annotated[Path, typer.Option("--bodies", help="FNC-1 bodies CSV (Body ID, articleBody)")],
        output: Annotated[Path, typer.Option("--output", "-o", help="predictions CSV to write")],
        model: Annotated[Path | None, typer.Option(help="stance model (default: the shipped one)")] = None,
    ) -> None:
        """Stance of each article toward a headline's claim: agree / disagree / discuss / unrelated."""
        from claimgraph.corpus.stance import load_model, read_bodies, read_pairs, write_predictions
        from claimgraph.errors import DataError
        from claimgraph.nlp import load_pipeline

        rows = read_pairs(pairs)
        texts = read_bodies(bodies)
        missing = sorted({r["Body ID"] for r in rows} - set(texts))
        if missing:
            raise DataError(f"{pairs}: Body ID {missing[0]} is not in {bodies} ({len(missing)} missing)")
        labels = load_model(str(model) if model else None).predict(
            load_pipeline(), [r["Headline"] for r in rows], [texts[r["Body ID"]] for r in rows]
        )
        with atomic_write(output, mode="w", encoding="utf-8") as fh:
            write_predictions(fh, rows, labels)
        err_console.print(f"wrote {len(labels)} predictions to {output}", highlight=False)

    @eval_app.command("checkworthy")
    @handle_errors
    def eval_checkworthy(
        data: DataOption = None,
        split: Annotated[str, typer.Option(help="split to score")] = "dev",
        retrain: Annotated[
            bool, typer.Option(help="train on the train split first (not the shipped model)")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """F1 of the positive class on CheckThat! 2024 Task 1 English (published best on test: 0.802)."""
        from claimgraph.eval.checkworthy import evaluate, train
        from claimgraph.stages.claims.checkworthiness import load_model

        folder = _data(data, "checkworthy")
        model = train(folder) if retrain else load_model()
        scores = evaluate(model, folder, split)
        if as_json:
            typer.echo(json.dumps({"split": split, **asdict(scores)}, indent=1))
        else:
            typer.echo(
                f"CheckThat! 2024 T1 English {split}: F1(Yes) {scores.f1:.4f}  P {scores.precision:.4f}  "
                f"R {scores.recall:.4f}  ({scores.positives} Yes of {scores.n})"
            )

    @eval_app.command("fnc1")
    @handle_errors
    def eval_fnc1(
        data: DataOption = None,
        retrain: Annotated[bool, typer.Option(help="train on the non-held-out bodies first")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """FNC-1 weighted score and per-class F1 on the held-out 20% of train bodies."""
        import numpy as np

        from claimgraph.corpus.stance import load_model
        from claimgraph.eval import fnc1
        from claimgraph.nlp import load_pipeline

        folder = _data(data, "fnc1")
        nlp = load_pipeline()
        loaded = fnc1.load(folder)
        if retrain:
            model, mask = fnc1.train_and_holdout(nlp, loaded)
        else:
            model = load_model()
            held = fnc1.split_bodies(loaded.body_ids)
            mask = np.array([b in held for b in loaded.body_ids])
        predicted = model.predict_features(fnc1.features(nlp, loaded, model.featurizer, mask))
        scores = fnc1.score_labels([lab for lab, m in zip(loaded.labels, mask, strict=True) if m], predicted)
        if as_json:
            typer.echo(json.dumps(asdict(scores), indent=1))
        else:
            typer.echo(_fnc_table(scores, "FNC-1 train, held-out 20% of bodies (seed 1)"))

    @train_app.command("checkworthy")
    @handle_errors
    def train_checkworthy(
        data: DataOption = None,
        output: ModelFileOption = None,
    ) -> None:
        """Train the check-worthiness model on CheckThat! 2024 Task 1 English train."""
        from claimgraph.eval.checkworthy import evaluate, train
        from claimgraph.stages.claims.checkworthiness import default_model_path

        folder = _data(data, "checkworthy")
        model = train(folder)
        path = output or default_model_path()
        model.save(path)
        scores = evaluate(model, folder, "dev")
        err_console.print(
            f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); dev F1(Yes) {scores.f1:.4f}", highlight=False
        )

    @train_app.command("stance")
    @handle_errors
    def train_stance(
        data: DataOption = None,
        output: ModelFileOption = None,
        all_bodies: Annotated[
            bool, typer.Option("--all", help="train on every body (no held-out part)")
        ] = False,
    ) -> None:
        """Train the FNC-1 stance model (on the non-held-out bodies unless --all)."""
        from claimgraph.corpus.stance import default_model_path
        from claimgraph.eval import fnc1
        from claimgraph.nlp import load_pipeline

        nlp = load_pipeline()
        loaded = fnc1.load(_data(data, "fnc1"))
        model, _ = fnc1.train_and_holdout(nlp, loaded, holdout=0.0 if all_bodies else fnc1.HOLDOUT)
        path = output or default_model_path()
        model.save(path)
        err_console.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", highlight=False)
