"""``newsquotes extract``: articles in, quotes and speakers out (JSON, JSONL or a table)."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from typing import IO

import click
from tqdm import tqdm

from ..errors import DocumentError
from ..model import Article

EXPLAIN_WIDTH = 32
"""Columns for what found a quote and how sure it is (``--explain``)."""


def format_table(article: Article, width: int | None = None, explain: bool = False) -> str:
    """A readable table of one article's quotes: speaker, type, quote; with ``explain``,
    also what found each quote (``via``), its act and its confidence."""
    width = width or shutil.get_terminal_size((120, 20)).columns
    speaker_w, type_w = 26, 8
    explain_w = EXPLAIN_WIDTH if explain else 0
    quote_w = max(30, width - speaker_w - type_w - explain_w - 4)
    lines = [f"{article.id}: {len(article.quotes)} quotes, {len(article.speakers)} speakers"]
    if article.title:
        lines.append(f"title: {article.title}")
    why = f"{'VIA':<18} {'ACT':<7} {'CONF':<5}" if explain else ""
    lines.append(f"{'SPEAKER':<{speaker_w}} {'TYPE':<{type_w}} {why}QUOTE")
    lines.append("-" * min(width, speaker_w + type_w + explain_w + quote_w + 2))
    for quote in article.quotes:
        speaker = quote.speaker_name or (quote.speaker.text if quote.speaker else "(unknown)")
        text = " ".join(quote.text.split())
        wrapped = textwrap.wrap(text, quote_w) or [""]
        why = (
            f"{(quote.via or '-')[:18]:<18} {quote.act:<7} {quote.confidence:<5.2f}"
            if explain
            else ""
        )
        lines.append(f"{speaker[:speaker_w]:<{speaker_w}} {quote.type:<{type_w}} {why}{wrapped[0]}")
        lines.extend(" " * (speaker_w + type_w + 2 + len(why)) + more for more in wrapped[1:])
    if article.speakers:
        lines.append("")
        lines.append("speakers:")
        for sp in article.speakers:
            about = ", ".join(filter(None, [sp.kind, sp.description]))
            lines.append(f"  {sp.id}  {sp.name} ({about})")
    return "\n".join(lines)


def _write(article: Article, fmt: str, out: IO[str], first: bool, explain: bool = False) -> None:
    if fmt == "table":
        if not first:
            out.write("\n")
        out.write(format_table(article, explain=explain) + "\n")
    elif fmt == "json":
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Where to write the result (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default=None,
    help="jsonl (one article a line), json, or table. "
    "Default: table for one file on a terminal, else jsonl.",
)
@click.option(
    "--split-turns",
    is_flag=True,
    help="One quote per quoted segment: a quote that continues the previous "
    "speaker without a new attribution is a quote of its own instead of "
    "another span of that speaker's turn.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="In the table, also show what found each quote (via: a rule or 'model'), "
    "whether it is speech or thought (act) and its confidence.",
)
def extract_command(
    paths: tuple[str, ...], output: IO[str], fmt: str | None, split_turns: bool, explain: bool
) -> None:
    """Find every quote in the articles at PATHS (files, directories, globs, '-' for stdin).

    \b
    Example:
        newsquotes extract article.txt --format table --explain
    """
    from ..pipeline import Pipeline, default_pipeline
    from ..read import read_documents

    pipeline = Pipeline(split_turns=True) if split_turns else default_pipeline()
    documents = list(read_documents(paths))
    if fmt is None:
        one = len(documents) == 1
        fmt = "table" if one and output is sys.stdout and sys.stdout.isatty() else "jsonl"
    if fmt == "json" and len(documents) > 1:
        fmt = "jsonl"
    failed = 0
    first = True
    readable = (d for d in documents if not isinstance(d, DocumentError))
    processed = pipeline.pipe(readable)
    show = sys.stderr.isatty() and len(documents) > 1
    for document in tqdm(documents, unit="article", disable=not show, file=sys.stderr):
        result = document if isinstance(document, DocumentError) else next(processed)
        if isinstance(result, DocumentError):
            failed += 1
            click.echo(f"error: {result}", err=True)
            continue
        _write(result, fmt, output, first, explain)
        first = False
    if failed:
        click.echo(f"{failed} of {len(documents)} documents failed", err=True)
        sys.exit(1)


COMMANDS: list[click.Command] = [extract_command]
