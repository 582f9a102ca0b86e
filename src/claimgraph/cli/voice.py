"""``claimgraph eval subjectivity`` and ``claimgraph train voice``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import err_console, fail, handle_errors

__all__ = ["register"]


class Encoder(StrEnum):
    static = "static"
    transformer = "transformer"


def _default(name: str) -> Path:
    from claimgraph.eval import shared_data_dir

    return shared_data_dir(f"subjectivity/{name}")


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add the voice commands."""

    @eval_app.command("subjectivity")
    @handle_errors
    def eval_subjectivity(
        data: Annotated[
            Path | None,
            typer.Option("--data", help="CheckThat! TSV (default: ../shared/data/subjectivity/dev_en.tsv)"),
        ] = None,
        speed: Annotated[
            bool, typer.Option("--speed", help="parse afresh and report the voice time against parse time")
        ] = False,
        errors: Annotated[int, typer.Option("--errors", help="print this many misclassified sentences")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
    ) -> None:
        """Macro-F1 of SUBJ/OBJ, SUBJ = the sentence's record has a voice span (CheckThat! 2025 Task 1)."""
        from claimgraph.eval.subjectivity import load_subjectivity, score_subjectivity
        from claimgraph.nlp import load_pipeline

        path = data or _default("dev_en.tsv")
        items = load_subjectivity(path)
        result = score_subjectivity(
            load_pipeline(), items, time_parse=speed, cache_key=f"subjectivity-{path.stem}"
        )
        if as_json:
            payload = {
                "n": result.n,
                "encoder": result.encoder,
                **result.scores,
                "voice_seconds": result.voice_seconds,
                "parse_seconds": result.parse_seconds,
            }
            typer.echo(json.dumps(payload, indent=1))
        else:
            typer.echo(result.summary())
        if errors:
            misses = [r for r in result.rows if r[0] != r[1]][:errors]
            err_console.print("\nmisses (gold, predicted, score, sentence):")
            for gold, pred, score, text in misses:
                typer.echo(f"{gold}\t{pred}\t{score:.2f}\t{text[:160]}")

    @train_app.command("voice")
    @handle_errors
    def train_voice(
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
        from claimgraph.eval.subjectivity import load_subjectivity
        from claimgraph.nlp import load_pipeline
        from claimgraph.stages.voice.model import model_path
        from claimgraph.stages.voice.train import featurize, train_voice_model

        if encoder is Encoder.transformer and not embedding:
            raise fail("--encoder transformer trains on the transformer's embeddings: drop --no-embedding")
        if distill and (encoder is Encoder.transformer or not embedding):
            raise fail("--distill trains the static model with its embedding: drop --encoder/--no-embedding")
        distill_from = None  # (teacher, unlabelled articles)
        if distill:  # check the teacher and read the unlabelled news before any training
            from claimgraph.eval import shared_data_dir
            from claimgraph.stages.voice.distill import news_articles
            from claimgraph.stages.voice.model import load_voice_model, transformer_problem

            problem = transformer_problem()
            if problem is not None:
                raise fail(f"--distill needs the transformer voice model: {problem}")
            teacher = load_voice_model(str(model_path("transformer")))
            if teacher is None:  # checked above; keeps the type narrow
                raise fail("--distill needs the transformer voice model")
            distill_from = (teacher, news_articles(shared_data_dir()))
        path = data or _default("train_en.tsv")
        items = load_subjectivity(path)
        texts = [it.text for it in items]
        with err_console.status(f"parsing and featurising {len(items)} sentences…"):
            features = featurize(load_pipeline(), texts, f"subjectivity-{path.stem}")
        embeddings, fingerprint = None, None
        if embedding and encoder is Encoder.transformer:
            from claimgraph.embeddings.transformer import transformer_embed, transformer_fingerprint

            with err_console.status(f"encoding {len(texts)} sentences with the transformer…"):
                embeddings, fingerprint = transformer_embed(texts), transformer_fingerprint()
        elif embedding:
            from claimgraph.embeddings.static import embed, embedding_fingerprint

            embeddings, fingerprint = embed(texts), embedding_fingerprint()
        with err_console.status("cross-validating and fitting…"):
            model, report = train_voice_model(
                features,
                [1 if it.label == "SUBJ" else 0 for it in items],
                embeddings,
                meta={
                    "data": path.name,
                    "n": len(items),
                    "encoder": encoder.value,
                    "embedding_fingerprint": fingerprint,
                },
                texts=texts,
            )
        if distill_from is not None:
            from claimgraph.stages.voice.distill import distill_voice_model

            with err_console.status("distilling the transformer model on unlabelled news sentences…"):
                model = distill_voice_model(load_pipeline(), model, *distill_from)
            err_console.print(f"distilled: {model.meta['distilled']}")
        target = out or model_path(encoder.value)
        model.save(target)
        err_console.print(
            f"trained on {report.n} sentences ({report.positives} SUBJ); chosen: {model.meta['chosen']}; "
            f"CV macro-F1 of the label fits: { {k: round(v, 3) for k, v in report.cv_macro_f1.items()} }; "
            f"threshold {model.threshold:.2f} (cues alone {report.threshold_cues:.2f})"
        )
        err_console.print(f"wrote {target}")
