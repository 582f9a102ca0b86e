"""``claimgraph eval …``: score claimgraph on the public benchmarks.

One command per benchmark, each a thin call into its module of
:mod:`claimgraph.eval` (reader and scorer); the ``--retrain`` options call the
``train.py`` of the stage, never the scorer itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from claimgraph.cli.common import err_console, handle_errors
from claimgraph.errors import ClaimgraphError, DataError
from claimgraph.eval import shared_data_dir

if TYPE_CHECKING:
    from claimgraph.analyzer import Analyzer

__all__ = [
    "COMMANDS",
    "cameo",
    "checkworthy",
    "event_pairs",
    "events",
    "fnc1",
    "matching",
    "plover",
    "polnear",
    "ptc",
    "statement_pairs",
    "subjectivity",
]

AsJson = Annotated[bool, typer.Option("--json", help="print JSON")]
DataOption = Annotated[Path | None, typer.Option("--data", help="data folder (default: ../shared/data/…)")]
#: parsing processes; the parse is cached, so this matters on the first run only
WorkersOption = Annotated[int, typer.Option(help="parsing processes (first run only: parses are cached)")]
CorporaOption = Annotated[
    Path | None, typer.Option("--data", help="research corpora (default: ../shared/data)")
]


def _analyzer(*stages: str) -> Analyzer:
    """An analyzer that runs only the ``stages`` a benchmark scores (loaded on first use)."""
    from claimgraph.analyzer import Analyzer
    from claimgraph.settings import Settings

    return Analyzer(Settings.from_env(stages=stages))


@handle_errors
def polnear(
    data: Annotated[
        Path | None,
        typer.Option(help="PolNeAR data/ folder (default: ../shared/data/polnear/data)"),
    ] = None,
    split: Annotated[str, typer.Option(help="split to score: dev (or train, or heldout)")] = "dev",
    limit: Annotated[int | None, typer.Option(help="score only the first N articles")] = None,
    rules: Annotated[bool, typer.Option(help="add the rule-based attributions")] = True,
    workers: WorkersOption = 1,
    as_json: AsJson = False,
) -> None:
    """Score statements on PolNeAR: exact / any-overlap role F1 and attribution F1."""
    from claimgraph.eval.polnear import evaluate, format_table

    result = evaluate(
        data or shared_data_dir("polnear/data"), split, limit=limit, rules=rules, workers=workers
    )
    typer.echo(json.dumps(result, indent=1) if as_json else format_table(result))


@handle_errors
def cameo(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="eventtypes.csv (default: ../shared/data/cameo/eventtypes.csv)"),
    ] = None,
    errors: Annotated[int, typer.Option("--errors", help="print this many misses")] = 0,
    dyads: Annotated[
        Path | None,
        typer.Option(
            "--dyads",
            help="PLOVER gold records whose source/target codes score the sides of the examples they "
            "share (default: ../shared/data/plover/gsr_dev.jsonl when present)",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="parse again, ignoring the parse cache")
    ] = False,
) -> None:
    """Root and code accuracy of the best event of each example sentence, with a root confusion
    table; dyad accuracy on the examples PLOVER's gold file codes with source and target."""
    from claimgraph.eval.cameo import load_dyads, load_examples, score_cameo
    from claimgraph.nlp import load_pipeline

    path = data or shared_data_dir("cameo/eventtypes.csv")
    dyad_path = dyads or _optional_data("plover/gsr_dev.jsonl")
    gold_dyads = load_dyads(dyad_path) if dyads is not None or dyad_path.exists() else None
    score = score_cameo(load_pipeline(), load_examples(path), cache=not no_cache, dyads=gold_dyads)
    typer.echo(f"examples: {score.n}  with an event: {score.with_event}")
    typer.echo(f"root accuracy: {score.root_accuracy:.3f}  ({score.root_correct}/{score.n})")
    typer.echo(f"code accuracy: {score.code_accuracy:.3f}  ({score.code_correct}/{score.n})")
    if gold_dyads is None:
        typer.echo(f"dyad accuracy: not measured ({dyad_path} not found; pass --dyads)")
    else:
        typer.echo(
            f"dyad accuracy: {score.dyad_accuracy:.3f}  ({score.dyad_correct}/{score.dyads} examples "
            "with PLOVER source/target codes)"
        )
    typer.echo(
        f"events time: {score.events_seconds:.3f}s for {score.n} sentences "
        f"(parse {score.parse_seconds:.2f}s{', cached' if not no_cache else ''})"
    )
    typer.echo("")
    typer.echo(score.confusion_table())
    if errors:
        err_console.print("\nmisses (gold, predicted, sentence):")
        for gold, pred, text in [r for r in score.rows if r[0] != r[1]][:errors]:
            typer.echo(f"{gold}\t{pred}\t{text[:160]}")


@handle_errors
def events(
    labels: Annotated[Path, typer.Option("--labels", help="hand-labelled events (TSV)")] = Path(
        "benchmarks/data/events_dev.tsv"
    ),
    data: CorporaOption = None,
    split: Annotated[str, typer.Option(help="dev, check (kept for the final figure) or all")] = "dev",
    errors: Annotated[
        int, typer.Option("--errors", help="print this many misses (cause, gold, predicted, sentence)")
    ] = 0,
    as_json: AsJson = False,
) -> None:
    """Events in real articles (the project's own labelled set): type and fully-right P/R, mode,
    date and location accuracy, and the misses counted by cause."""
    from claimgraph.eval.events import format_table, read_events, score

    articles = read_events(labels, data or shared_data_dir(), split=None if split == "all" else split)
    analyzer = _analyzer("actors", "statements", "events")
    records = list(analyzer.pipe(a.document() for a in articles))
    result = score(articles, records)
    title = f"events, {split} split ({len(articles)} articles)"
    typer.echo(json.dumps(result.as_dict(), indent=1) if as_json else format_table(result, title))
    if errors:
        if split != "dev":
            err_console.print("note: misses of the check split are for the final report, not for tuning")
        err_console.print("\nmisses (cause, gold, predicted, sentence):")
        for miss in sorted(result.misses)[:errors]:
            typer.echo("\t".join(miss))


@handle_errors
def event_pairs(
    pairs: Annotated[Path, typer.Option("--pairs", help="hand-labelled event pairs (TSV)")] = Path(
        "benchmarks/data/event_pairs.tsv"
    ),
    data: CorporaOption = None,
    split: Annotated[str, typer.Option(help="dev (for tuning), check (kept for the figure) or all")] = "dev",
    threshold: Annotated[
        float | None, typer.Option(help="score at another text threshold (default: the corpus's)")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Event clusters on hand-labelled pairs of mentions: pairwise P/R/F1 of "same event",
    with what mapping the mentions and clustering each lose."""
    import dataclasses

    from claimgraph.corpus.events import DEFAULT_CLUSTER_PARAMS
    from claimgraph.eval.event_pairs import format_table, read_documents, read_pairs, score

    if split not in ("dev", "check", "all"):
        raise typer.BadParameter("use dev, check or all", param_hint="--split")
    labelled = read_pairs(pairs, split=None if split == "all" else split)
    documents = read_documents(labelled, data or shared_data_dir())
    analyzer = _analyzer("actors", "statements", "events")
    records = {r.document.id: r for r in analyzer.pipe(d.document() for d in documents)}
    params = DEFAULT_CLUSTER_PARAMS
    if threshold is not None:
        params = dataclasses.replace(params, threshold=threshold)
    result = score(labelled, records, params)
    title = f"event pairs, {split} split ({len(documents)} documents)"
    if as_json:
        typer.echo(json.dumps({"split": split, **result.as_dict()}, indent=1))
    else:
        typer.echo(format_table(result, title))


STANCE_LABELS = Path("benchmarks/data/stances_dev.tsv")


@handle_errors
def stances(
    labels: Annotated[Path, typer.Option("--labels", help="hand-labelled stances (TSV)")] = STANCE_LABELS,
    data: CorporaOption = None,
    split: Annotated[str, typer.Option(help="dev, train2, check (kept for the final figure) or all")] = "dev",
    as_json: AsJson = False,
) -> None:
    """Statement stance on the project's own labelled set: per-class P/R/F1 and macro-F1."""
    from claimgraph.eval.stances import format_table, read_stances, score

    articles = read_stances(labels, data or shared_data_dir(), split=None if split == "all" else split)
    analyzer = _analyzer("actors", "statements")
    result = score(articles, analyzer.pipe(a.document() for a in articles))
    title = f"stances, {split} split ({len(articles)} documents)"
    typer.echo(json.dumps(result.as_dict(), indent=1) if as_json else format_table(result, title))


@handle_errors
def statement_pairs(
    pairs: Annotated[Path, typer.Option("--pairs", help="labelled statement pairs (TSV)")] = Path(
        "benchmarks/data/statement_pairs.tsv"
    ),
    data: CorporaOption = None,
    sweep: Annotated[bool, typer.Option("--sweep", help="also list dev P/R at each threshold")] = False,
    loose: Annotated[
        bool, typer.Option("--loose", help="without the same-story rules and bonus (names, numbers, dates)")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Cross-document statement matching on labelled pairs: pairwise P/R of "same proposition"."""
    from dataclasses import replace

    from claimgraph.corpus.matching import DEFAULT_PARAMS
    from claimgraph.eval import statement_pairs as sp

    labelled = sp.read_pairs(pairs)
    loose_params = replace(DEFAULT_PARAMS, anchored=False, date_window=None, anchor_bonus=0.0)
    params = loose_params if loose else DEFAULT_PARAMS
    units = sp.sides(labelled, data or shared_data_dir())
    result: dict[str, object] = {"threshold": params.threshold, **sp.score_pairs(labelled, units, params)}
    swept = sp.sweep(labelled, units, params) if sweep else []
    if swept:
        result["dev_sweep"] = {str(t): s for t, s in swept}
    if as_json:
        typer.echo(json.dumps(result, indent=1))
        return
    typer.echo(
        f"statement pairs ({len(labelled)}), threshold {params.threshold}" + (" (loose)" if loose else "")
    )
    typer.echo(f"{'':8}{'pairs':>6}{'P':>8}{'R':>8}{'F1':>8}  hard pairs joined")
    for split, m in result.items():
        if isinstance(m, dict) and "precision" in m:
            typer.echo(
                f"{split:8}{m['pairs']:6d}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}"
                f"  {m['hard_joined']} of {m['hard']}"
            )
    for t, m in swept:
        typer.echo(f"dev at {t}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}")


def _optional_data(sub: str) -> Path:
    """``shared_data_dir(sub)``, or the path it would have when the corpora are absent (the
    caller measures without it and says so)."""
    try:
        return shared_data_dir(sub)
    except DataError:
        return Path("../shared/data") / sub


@handle_errors
def plover(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="PLOVER gold records (default: ../shared/data/plover/gsr_dev.jsonl)"),
    ] = None,
    errors: Annotated[int, typer.Option("--errors", help="print this many sentences without a match")] = 0,
    as_json: AsJson = False,
) -> None:
    """Type and type+dyad recall, and event precision, on PLOVER's gold-standard sentences."""
    from claimgraph.eval.plover import format_table, read_gold, score
    from claimgraph.record import DocumentInfo

    gold = read_gold(data or shared_data_dir("plover/gsr_dev.jsonl"))
    analyzer = _analyzer("actors", "statements", "events")
    records = list(analyzer.pipe(DocumentInfo(id=g.id, text=g.text) for g in gold))
    result = score(gold, records)
    typer.echo(json.dumps(result.as_dict(), indent=1) if as_json else format_table(result))
    if errors:
        err_console.print("\nmisses (id, gold type, gold dyad, predicted):")
        for miss in result.misses[:errors]:
            typer.echo("\t".join(miss))


@handle_errors
def ptc(
    data: Annotated[
        Path | None,
        typer.Option(help="PTC folder: *-articles/, label folders (default: ../shared/data/ptc)"),
    ] = None,
    model_dir: Annotated[
        Path | None, typer.Option(help="technique models to score (default: the shipped ones)")
    ] = None,
    workers: WorkersOption = 1,
    as_json: AsJson = False,
) -> None:
    """Score techniques on PTC: SI, labelled span F1 and TC (SemEval-2020 Task 11 metrics).

    Articles the model was trained on are left out: score the shipped model on
    another PTC split, or train a held-out model first
    (`claimgraph train techniques --holdout --out DIR`) and pass `--model-dir DIR`.
    """
    from claimgraph.eval.ptc import evaluate, format_table, held_out, parse_ptc
    from claimgraph.stages.techniques.model import load_models

    models = load_models(str(model_dir) if model_dir else None)
    data = data or shared_data_dir("ptc")
    with err_console.status("parsing the PTC articles (cached after the first run)…"):
        articles, docs = parse_ptc(data, workers)
    keep = held_out(articles, models.meta.get("trained_on", []))
    if len(keep) < len(articles):
        err_console.print(
            f"scoring the {len(keep)} articles this model was not trained on (of {len(articles)})"
        )
    result = evaluate([articles[i] for i in keep], [docs[i] for i in keep], models)
    typer.echo(json.dumps(result, indent=1) if as_json else format_table(result))


@handle_errors
def subjectivity(
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

    path = data or shared_data_dir("subjectivity/dev_en.tsv")
    result = score_subjectivity(
        load_pipeline(), load_subjectivity(path), time_parse=speed, cache_key=f"subjectivity-{path.stem}"
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
        err_console.print("\nmisses (gold, predicted, score, sentence):")
        for gold, pred, score, text in [r for r in result.rows if r[0] != r[1]][:errors]:
            typer.echo(f"{gold}\t{pred}\t{score:.2f}\t{text[:160]}")


@handle_errors
def checkworthy(
    data: DataOption = None,
    split: Annotated[str, typer.Option(help="split to score")] = "dev",
    retrain: Annotated[
        bool, typer.Option(help="train on the train split first (not the shipped model)")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """F1 of the positive class on CheckThat! 2024 Task 1 English (published best on test: 0.802)."""
    from claimgraph.eval.checkworthy import evaluate
    from claimgraph.stages.claims.checkworthiness import load_model

    folder = data if data is not None else shared_data_dir("checkworthy")
    if retrain:
        from claimgraph.stages.claims.train import train_checkworthiness

        model = train_checkworthiness(folder)
    else:
        model = load_model()
    scores = evaluate(model, folder, split)
    if as_json:
        typer.echo(json.dumps({"split": split, **asdict(scores)}, indent=1))
    else:
        typer.echo(
            f"CheckThat! 2024 T1 English {split}: F1(Yes) {scores.f1:.4f}  P {scores.precision:.4f}  "
            f"R {scores.recall:.4f}  ({scores.positives} Yes of {scores.n})"
        )


@handle_errors
def fnc1(
    data: DataOption = None,
    retrain: Annotated[bool, typer.Option(help="train on the non-held-out bodies first")] = False,
    as_json: AsJson = False,
) -> None:
    """FNC-1 weighted score and per-class F1 on the held-out 20% of train bodies."""
    import numpy as np

    from claimgraph.corpus.stance import load_model
    from claimgraph.eval import fnc1 as benchmark
    from claimgraph.nlp import load_pipeline

    nlp = load_pipeline()
    loaded = benchmark.load(data if data is not None else shared_data_dir("fnc1"))
    if retrain:
        from claimgraph.corpus.stance.train import train_and_holdout

        model, mask = train_and_holdout(nlp, loaded)
    else:
        model = load_model()
        held = benchmark.split_bodies(loaded.body_ids)
        mask = np.array([b in held for b in loaded.body_ids])
    predicted = model.predict_features(benchmark.features(nlp, loaded, model.featurizer, mask))
    gold = [lab for lab, m in zip(loaded.labels, mask, strict=True) if m]
    scores = benchmark.score_labels(gold, predicted)
    if as_json:
        typer.echo(json.dumps(asdict(scores), indent=1))
    else:
        typer.echo(benchmark.format_table(scores, "FNC-1 train, held-out 20% of bodies (seed 1)"))


@handle_errors
def matching(
    pairs: Annotated[Path, typer.Option("--pairs", help="Labelled pairs (TSV).")] = Path(
        "benchmarks/data/claim_pairs.tsv"
    ),
    rebuild: Annotated[
        bool, typer.Option("--rebuild-pairs", help="Sample the pairs again from FNC-1.")
    ] = False,
    constraints: Annotated[
        bool,
        typer.Option("--constraints/--no-constraints", help="Analyse headlines for actors and events."),
    ] = True,
    tune_penalties: Annotated[
        bool, typer.Option("--tune-penalties", help="Also pick the constraint penalties on dev.")
    ] = False,
) -> None:
    """Precision and recall of claim matching on FNC-1 headline pairs (threshold tuned on dev)."""
    from claimgraph.corpus.matching import MatchParams
    from claimgraph.eval.matching import (
        build_pairs,
        evaluate,
        fnc1_headlines,
        headline_constraints,
        load_pairs,
        pair_vectors,
        write_pairs,
    )

    fnc = shared_data_dir("fnc1")
    if rebuild:
        write_pairs(build_pairs(fnc), pairs)
    labelled = load_pairs(pairs)
    headlines, _ = fnc1_headlines(fnc)
    rows = sorted({p.a_row for p in labelled} | {p.b_row for p in labelled})
    texts = {r: headlines[r] for r in rows}
    found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    if constraints:
        try:
            found = headline_constraints(texts)
        except ClaimgraphError as exc:
            err_console.print(f"[yellow]no constraints:[/] {escape(str(exc))}", highlight=False)
    params = MatchParams()
    vectors = pair_vectors(labelled, texts)
    if tune_penalties and found:
        from claimgraph.corpus.matching.train import tune_penalties as tune

        params = tune(labelled, texts, found, vectors)
    result = evaluate(labelled, texts, found, params, vectors=vectors)
    typer.echo(f"pairs: {len(labelled)}  headlines: {len(rows)}  with constraints: {len(found)}")
    typer.echo(f"penalties: countries {params.country_penalty}, predicates {params.predicate_penalty}")
    typer.echo(f"threshold (best F0.5 on dev): {result['threshold']:.2f}")
    for name in ("dev", "test", "test_hard"):
        m = result.get(name)
        if isinstance(m, dict):
            typer.echo(
                f"{name:>9}: precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                f"F1 {m['f1']:.3f}  (n={m['n']})"
            )


#: The ``eval`` group's commands, in the order of ``--help``.
COMMANDS = (
    polnear,
    stances,
    cameo,
    plover,
    events,
    event_pairs,
    statement_pairs,
    ptc,
    subjectivity,
    checkworthy,
    fnc1,
    matching,
)
