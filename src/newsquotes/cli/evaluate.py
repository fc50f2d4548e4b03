"""``newsquotes evaluate``: score the pipeline against a folder of brat standoff gold."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

import click
from tqdm import tqdm

from ..errors import GoldFormatError
from ..evaluate.brat import GoldDocument
from ..evaluate.scoring import evaluate


def _progress_bar(documents: Sequence[GoldDocument]) -> Iterable[GoldDocument]:
    """A progress bar on a terminal; nothing when stderr is a file or pipe."""
    return tqdm(documents, desc="evaluating", unit="article", disable=not sys.stderr.isatty())


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop predictions with a confidence below this: higher trades recall for precision.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Score only the first N articles (in name order).",
)
@click.option(
    "--split-turns",
    is_flag=True,
    help="Run the engine with one quote per quoted segment instead of one per "
    "speaker turn (gold following PolNeAR counts the extra segments as false "
    "positives).",
)
def evaluate_command(
    gold_dir: str, threshold: float, as_json: bool, limit: int | None, split_turns: bool
) -> None:
    """Score quotes, speakers and cues found in GOLD_DIR/text against GOLD_DIR/attributions.

    GOLD_DIR holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann (brat standoff); where
    an article has several annotator files, the first in name order is the gold. Besides
    the attribution scores it prints per-role span scores (source, cue, content; exact and
    begin match) and how well confidence ranks right predictions first.

    \b
    Example:
        newsquotes evaluate ../shared/data/polnear/dev --threshold 0.5
    """
    try:
        from ..pipeline import Pipeline, default_pipeline

        pipeline = Pipeline(split_turns=True) if split_turns else default_pipeline()
        report = evaluate(
            gold_dir, pipeline, threshold=threshold, limit=limit, progress=_progress_bar
        )
    except GoldFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format())
    if report.errors:
        click.echo(f"{len(report.errors)} document(s) failed; see errors above.", err=True)


COMMANDS: list[click.Command] = [evaluate_command]
