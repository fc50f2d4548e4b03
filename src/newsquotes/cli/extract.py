"""``newsquotes extract``: articles in, quotes and speakers out (JSON, JSONL or a table).

Documents stream through :func:`newsquotes.loop.process_documents` one at a time, so a
large input never sits in memory; a bad document is reported on stderr and the rest go on.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from typing import IO

import click
from tqdm import tqdm

from ..errors import LanguageError
from ..model import Article, Quote
from ..read import ReadStats
from ..text_format import clip, plural

SPEAKER_WIDTH = 26
TYPE_WIDTH = 8
MIN_QUOTE_WIDTH = 30
EXPLAIN_WIDTH = 32
"""Columns for what found a quote and how sure it is (``--explain``)."""


def _speaker_label(quote: Quote) -> str:
    """The resolved speaker; an unresolved mention in brackets (``(he)``), so a pronoun is
    never shown as if it were someone's name."""
    if quote.speaker_id is not None and quote.speaker_name:
        return quote.speaker_name
    if quote.speaker is not None:
        return f"({quote.speaker.text})"
    return "(unknown)"


def format_table(article: Article, width: int | None = None, explain: bool = False) -> str:
    """A readable table of one article's quotes: speaker, type, quote; with ``explain``,
    also what found each quote (``via``), its act and its confidence."""
    width = width or shutil.get_terminal_size((120, 20)).columns
    speaker_w, type_w = SPEAKER_WIDTH, TYPE_WIDTH
    explain_w = EXPLAIN_WIDTH if explain else 0
    quote_w = max(MIN_QUOTE_WIDTH, width - speaker_w - type_w - explain_w - 4)
    lines = [
        f"{article.id}: {plural(len(article.quotes), 'quote')}, "
        f"{plural(len(article.speakers), 'speaker')}"
    ]
    if article.title:
        lines.append(f"title: {article.title}")
    why = f"{'VIA':<18} {'ACT':<7} {'CONF':<5}" if explain else ""
    lines.append(f"{'SPEAKER':<{speaker_w}} {'TYPE':<{type_w}} {why}QUOTE")
    lines.append("-" * min(width, speaker_w + type_w + explain_w + quote_w + 2))
    for quote in article.quotes:
        speaker = _speaker_label(quote)
        text = " ".join(quote.text.split())
        wrapped = textwrap.wrap(text, quote_w) or [""]
        speaker = clip(" ".join(speaker.split()), speaker_w)
        why = (
            f"{clip(quote.via or '-', 18):<18} {quote.act:<7} {quote.confidence:<5.2f}"
            if explain
            else ""
        )
        lines.append(f"{speaker:<{speaker_w}} {quote.type:<{type_w}} {why}{wrapped[0]}")
        lines.extend(" " * (speaker_w + type_w + 2 + len(why)) + more for more in wrapped[1:])
    if article.speakers:
        lines.append("")
        lines.append("speakers:")
        for sp in article.speakers:
            about = ", ".join(filter(None, [sp.kind, sp.description]))
            lines.append(f"  {sp.id}  {sp.name} ({about})")
    return "\n".join(lines)


def default_format(output: IO[str]) -> str:
    """A table for a person at a terminal, JSON Lines for a pipe or a file."""
    isatty = getattr(output, "isatty", None)
    return "table" if isatty is not None and isatty() else "jsonl"


class ArticleWriter:
    """Writes articles as they come. ``json``: one document is one object, several are a JSON
    array (the first is held back until the second shows which; nothing more is held)."""

    def __init__(self, fmt: str, out: IO[str], explain: bool = False) -> None:
        self.fmt = fmt
        self.out = out
        self.explain = explain
        self.count = 0
        self._held: Article | None = None

    def write(self, article: Article) -> None:
        if self.fmt == "table":
            table = format_table(article, explain=self.explain)
            self.out.write(("\n" if self.count else "") + table + "\n")
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        elif self.count == 0:
            self._held = article
        else:
            if self._held is not None:
                self.out.write("[\n" + _pretty(self._held))
                self._held = None
            self.out.write(",\n" + _pretty(article))
        self.count += 1

    def close(self) -> None:
        """Finish the output: the one held document, or the end of the array."""
        if self.fmt != "json":
            return
        if self._held is not None:
            self.out.write(_pretty(self._held) + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")


def _pretty(article: Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2)


def _nothing_found(paths: tuple[str, ...], stats: ReadStats) -> click.ClickException:
    passed = sum(stats.skipped.values())
    why = f" ({plural(passed, 'file')} passed over as not articles)" if passed else ""
    return click.ClickException(f"no documents found in {', '.join(paths)}{why}")


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
    help="jsonl (one article a line), json (an object, or an array of several), or table. "
    "Default: table on a terminal, else jsonl.",
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

    Articles are read, analysed and written one at a time. In folders, files that are not
    articles (brat .ann files, databases, hidden files) are passed over. Exit status 1 when a
    document failed (each is reported on stderr) or none was found.

    \b
    Example:
      newsquotes extract article.html crawl.warc.gz --format jsonl > quotes.jsonl
      newsquotes extract article.txt --format table --explain
    """
    from ..loop import Failure, process_documents
    from ..pipeline import Pipeline, default_pipeline
    from ..read import read_documents

    pipeline = Pipeline(split_turns=True) if split_turns else default_pipeline()
    writer = ArticleWriter(fmt or default_format(output), output, explain)
    stats = ReadStats()
    outcomes = process_documents(read_documents(paths, stats), pipeline)
    show = sys.stderr.isatty()
    failed = seen = 0
    for outcome in tqdm(outcomes, unit="article", disable=not show, file=sys.stderr, leave=False):
        seen += 1
        if isinstance(outcome, Failure) and outcome.code == LanguageError.code:
            click.echo(f"skipped: {outcome}", err=True)
            continue
        if isinstance(outcome, Failure):
            failed += 1
            click.echo(f"error: {outcome}", err=True)
            continue
        writer.write(outcome)
    writer.close()
    if seen == 0:
        raise _nothing_found(paths, stats)
    if failed:
        click.echo(f"{failed:,} of {plural(seen, 'document')} failed", err=True)
        sys.exit(1)


COMMANDS: list[click.Command] = [extract_command]
