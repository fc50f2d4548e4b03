"""Options every corpus command shares, declared once (one ``--db`` everywhere)."""

from __future__ import annotations

import click

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Corpus file (default: $NEWSQUOTES_DB, else ./newsquotes.db).",
)
