"""Corpus commands: ingest, errors, search, speakers, speaker, export; thin over Corpus.

Only ``ingest`` creates a corpus; the others read one and refuse a path where there is none,
so a mistyped ``--db`` is an error instead of an empty answer.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from ..errors import CorpusError, NewsquotesError
from ..store.corpus import EXPORT_FORMATS, NAMED_KINDS, TABLES, Corpus, default_db_path
from ..store.records import ErrorRecord, QuoteHit
from ..text_format import clip, plural
from .options import db_option


def _open(db: str | None, *, create: bool = False) -> Corpus:
    """The corpus at ``db`` (or the default); only ``create`` may make a new file."""
    path = Path(db) if db is not None else default_db_path()
    if not create and not path.exists():
        raise CorpusError(
            f"no corpus at {path}",
            advice=f"create one with: newsquotes ingest FILES --db {path}",
        )
    return Corpus(path)


def _friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Show a newsquotes error as one line with its advice, not a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsquotesError as exc:
            raise click.ClickException(str(exc)) from exc

    return run


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that run the pipeline.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or progress lines.")
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Try again the documents that failed before (a file changed since it failed is "
    "retried anyway).",
)
@_friendly
def ingest_command(
    paths: tuple[str, ...], db: str | None, jobs: int, quiet: bool, retry_failed: bool
) -> None:
    """Add the articles at PATHS to the corpus; a rerun skips what is already done.

    Creates the corpus if there is none. Files in folders that are not articles (brat .ann
    files, databases, hidden files) are passed over.

    \b
    Example:
      newsquotes ingest crawl/*.warc.gz articles/ --db news.db -j 2
    """
    from ..store.ingest import ingest

    with _open(db, create=True) as corpus:
        summary = ingest(paths, corpus, jobs=jobs, progress=not quiet, retry_failed=retry_failed)
    click.echo(summary.line(), err=True)
    if summary.failed:
        where = f" --db {db}" if db is not None else ""
        click.echo(
            f"{plural(summary.failed, 'document')} failed; see why with: newsquotes errors{where}",
            err=True,
        )
        sys.exit(1)


@click.command("errors")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@db_option
@_friendly
def errors_command(fmt: str, db: str | None) -> None:
    """The documents that failed: source, error code, reason and when, oldest first.

    A failed document is skipped by later runs of ingest until its file changes, or until
    ingest --retry-failed.

    \b
    Example:
      newsquotes errors --db news.db
    """
    with _open(db) as corpus:
        records = corpus.errors()
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    click.echo(_errors_table(records))


def _errors_table(records: list[ErrorRecord]) -> str:
    """One failure per entry: when, code and source on a line, the reason indented below,
    neither cut (they are what a user needs to fix the input)."""
    width = shutil.get_terminal_size((120, 20)).columns
    lines: list[str] = []
    for record in records:
        lines.append(f"{record.at.replace('T', ' ')}  {record.code}  {record.source}")
        reason = " ".join(record.message.split())
        lines.extend(
            textwrap.wrap(
                reason, max(40, width - 4), initial_indent="    ", subsequent_indent="    "
            )
        )
    lines.append(f"({plural(len(records), 'failed document')})")
    return "\n".join(lines)


def _table(hits: list[QuoteHit]) -> str:
    width = shutil.get_terminal_size((120, 20)).columns
    date_w, speaker_w, outlet_w = 10, 22, 16
    quote_w = max(30, width - date_w - speaker_w - outlet_w - 3)
    lines = [f"{'DATE':<{date_w}} {'SPEAKER':<{speaker_w}} {'OUTLET':<{outlet_w}} QUOTE"]
    for hit in hits:
        mention = f"({hit.speaker_mention})" if hit.speaker_mention else "(unknown)"
        who = hit.speaker or hit.speaker_name or mention
        wrapped = textwrap.wrap(" ".join(hit.text.split()), quote_w) or [""]
        date = (hit.published or "")[:date_w]
        outlet = clip(hit.outlet or "", outlet_w)
        lines.append(
            f"{date:<{date_w}} {clip(who, speaker_w):<{speaker_w}} {outlet:<{outlet_w}} "
            f"{wrapped[0]}"
        )
        indent = " " * (date_w + speaker_w + outlet_w + 3)
        lines.extend(indent + more for more in wrapped[1:])
    lines.append(f"({plural(len(hits), 'quote')})")
    return "\n".join(lines)


@click.command("search")
@click.argument("text", required=False, default=None)
@click.option("--speaker", help="Name, alias or surname of the speaker, or a speaker id.")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--type", "quote_type", type=click.Choice(["direct", "mixed", "indirect"]))
@click.option(
    "--act",
    type=click.Choice(["speech", "thought", "all"]),
    default="speech",
    show_default=True,
    help="Speech (said, written), thought (beliefs, intentions, hopes) or all.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "json"]),
    default="table",
    show_default=True,
)
@db_option
@_friendly
def search_command(
    text: str | None,
    speaker: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    quote_type: str | None,
    act: str,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Quotes containing TEXT (all words; "phrases" in quotes), narrowed by the options.

    \b
    Example:
      newsquotes search "harbour strike" --speaker Novak --since 2024-03 --db news.db
    """
    with _open(db) as corpus:
        hits = corpus.search(
            text,
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            type=quote_type,
            act=None if act == "all" else act,
            limit=limit,
        )
    assert isinstance(hits, list)
    if fmt == "table":
        click.echo(_table(hits))
    elif fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))


@click.group("speakers", invoke_without_command=True)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--all", "everyone", is_flag=True, help="Also the unnamed and group sources of each article."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@db_option
@click.pass_context
@_friendly
def speakers_command(
    ctx: click.Context, top: int, everyone: bool, fmt: str, db: str | None
) -> None:
    """The most quoted speakers: quotes, articles, outlets and roles; merge and split them.

    Example: newsquotes speakers --top 20
    """
    if ctx.invoked_subcommand is not None:
        return
    with _open(db) as corpus:
        summaries = corpus.speakers(top=top, kinds=None if everyone else NAMED_KINDS)
    if fmt == "jsonl":
        for summary in summaries:
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    click.echo(
        f"{'ID':>5} {'SPEAKER':<28} {'KIND':<12} {'QUOTES':>6} {'ARTICLES':>8}  OUTLETS; ROLES"
    )
    for s in summaries:
        about = ", ".join(s.outlets) or "-"
        if s.roles or s.organizations:
            about += "; " + ", ".join(s.roles + s.organizations)
        click.echo(
            f"{s.id:>5} {clip(s.name, 28):<28} {s.kind:<12} {s.quotes:>6} {s.articles:>8}  {about}"
        )


def _speaker_id(text: str) -> str | int:
    return int(text) if text.isdigit() else text


@speakers_command.command("merge")
@click.argument("first")
@click.argument("second")
@db_option
@_friendly
def speakers_merge_command(first: str, second: str, db: str | None) -> None:
    """Make FIRST and SECOND (names, aliases or ids) one speaker; kept across re-ingest.

    Example: newsquotes speakers merge "T. Ulvik" "Terence Ulvik"
    """
    with _open(db) as corpus:
        merged = corpus.merge(_speaker_id(first), _speaker_id(second))
        profile = corpus.speaker(merged)
    assert profile is not None
    click.echo(
        f"one speaker now: {profile.name} (speaker {profile.id}, "
        f"{plural(len(profile.quotes), 'quote')})"
    )


@speakers_command.command("split")
@click.argument("speaker")
@click.argument("names", nargs=-1)
@click.option(
    "--article",
    "articles",
    multiple=True,
    help="Take out what this article (row id, document id, source or URL) says; repeatable.",
)
@db_option
@_friendly
def speakers_split_command(
    speaker: str, names: tuple[str, ...], articles: tuple[str, ...], db: str | None
) -> None:
    """Take the descriptions of SPEAKER called one of NAMES (or from --article) out into a
    speaker of their own, kept apart across re-ingest.

    Example: newsquotes speakers split "Ida Brenner" "Tomas Brenner"
    """
    if not names and not articles:
        raise click.UsageError("name what to take out: NAMES or --article")
    with _open(db) as corpus:
        rest, taken = corpus.split(_speaker_id(speaker), names=names, articles=articles)
        summaries = {s.id: s for s in corpus.speakers(kinds=None)}
    for sid in (rest, taken):
        s = summaries[sid]
        click.echo(f"speaker {sid}: {s.name} ({plural(s.quotes, 'quote')})")


@speakers_command.command("reconcile")
@db_option
@_friendly
def speakers_reconcile_command(db: str | None) -> None:
    """Recompute every speaker identity from the stored names and the corrections (ingest
    does this itself; use it after an interrupted run you do not resume).

    Example: newsquotes speakers reconcile --db news.db
    """
    with _open(db) as corpus:
        count = corpus.reconcile(force=True)
    click.echo(f"{count} speakers")


@click.command("speaker")
@click.argument("name")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@_friendly
def speaker_command(name: str, fmt: str, db: str | None) -> None:
    """Everything on one speaker (NAME, alias, surname or id): quotes over time, descriptions.

    \b
    Example:
      newsquotes speaker "Jana Novak" --db news.db
    """
    with _open(db) as corpus:
        profile = corpus.speaker(name)
    if profile is None:
        raise click.ClickException(f"no speaker called {name!r} in the corpus")
    if fmt == "json":
        click.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{profile.name} ({profile.kind}, speaker {profile.id})")
    if profile.aliases:
        click.echo("also: " + ", ".join(profile.aliases))
    click.echo(
        f"{plural(len(profile.quotes), 'quote')} in outlets: "
        + ", ".join(f"{o} ({n})" for o, n in profile.outlets.items())
    )
    click.echo("by month: " + ", ".join(f"{m} {n}" for m, n in profile.timeline.items()))
    if profile.evidence:
        click.echo("one speaker because:")
        for why, times in Counter(profile.evidence).items():
            click.echo(f"  {why}" + (f" ({times} articles)" if times > 1 else ""))
    click.echo("described as:")
    for d in profile.descriptions:
        click.echo(f"  {d.published or '?':<10} {d.outlet or '?'}: {d.description or d.name}")
    click.echo("quotes:")
    for q in profile.quotes:
        click.echo(f"  {q.published or '?':<10} {q.outlet or '?'}: {' '.join(q.text.split())}")


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option("--table", type=click.Choice(TABLES), default="quotes", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="File to write ('-' for stdout; Parquet needs a file).",
)
@db_option
@_friendly
def export_command(fmt: str, table: str, output: str, db: str | None) -> None:
    """Write a corpus table as JSON Lines, CSV or Parquet.

    \b
    Example:
      newsquotes export --table speakers --format csv -o speakers.csv --db news.db
    """
    with _open(db) as corpus:
        target = sys.stdout if output == "-" and fmt != "parquet" else output
        count = corpus.export(target, format=fmt, table=table)
    if output != "-":
        click.echo(f"{plural(count, 'row')} of {table} written to {output}", err=True)


COMMANDS: list[click.Command] = [
    ingest_command,
    errors_command,
    search_command,
    speakers_command,
    speaker_command,
    export_command,
]
