"""Schema versions of the corpus and the steps between them, applied in order on open.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file as
a newsquotes corpus, so a database from a newer release, or someone else's, is refused instead
of being changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources

from ..errors import CorpusError

APPLICATION_ID = 0x4E515531
"""``NQU1``: written into every corpus file so a foreign SQLite file is recognised."""


def split_statements(script: str) -> list[str]:
    """The statements of an SQL script, so they can run inside one transaction.

    (``executescript`` would commit first, which breaks a migration into pieces.)
    """
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def _schema_v1(conn: sqlite3.Connection) -> None:
    script = resources.files(__package__).joinpath("schema.sql").read_text("utf-8")
    for statement in split_statements(script):
        conn.execute(statement)


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial schema: articles, quotes, speakers, errors, quotes_fts", _schema_v1),
]
"""(version reached, what it does, step). Append new steps; never edit a released one."""

SCHEMA_VERSION = MIGRATIONS[-1][0]


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [row[0] for row in rows]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, name: str = "the database") -> int:
    """Bring ``conn`` to :data:`SCHEMA_VERSION`; each step runs in its own transaction.

    Raises :class:`CorpusError` for a file that is not a newsquotes corpus or is newer than
    this release understands. Returns the version the database is at afterwards.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = schema_version(conn)
    if app_id != APPLICATION_ID and (version or _user_tables(conn)):
        raise CorpusError(
            f"{name} is an SQLite database but not a newsquotes corpus",
            advice="give another file with --db or $NEWSQUOTES_DB; a new file is created for you",
        )
    if version > SCHEMA_VERSION:
        raise CorpusError(
            f"{name} has corpus schema version {version}; this newsquotes understands up to "
            f"{SCHEMA_VERSION}",
            advice="upgrade newsquotes (pip install -U newsquotes) to open it",
        )
    for target, _what, step in MIGRATIONS:
        if target <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            step(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise CorpusError(
                f"could not bring {name} to schema version {target}: {exc}",
                advice="check the file is writable and not damaged",
            ) from exc
        version = target
    return version
