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


def _schema_v2(conn: sqlite3.Connection) -> None:
    """Quotes say what they report (act), what found them (via) and how their speaker was
    resolved; speakers may be ``unnamed``. SQLite cannot change a CHECK in place, so the
    speakers table is rebuilt, with foreign keys off (see :func:`migrate`) and checked after."""
    for column in (
        "act TEXT NOT NULL DEFAULT 'speech' CHECK (act IN ('speech', 'thought'))",
        "via TEXT",
        "resolved_by TEXT",
    ):
        conn.execute(f"ALTER TABLE quotes ADD COLUMN {column}")
    conn.execute("CREATE INDEX quotes_act ON quotes(act)")
    conn.execute(
        """CREATE TABLE speakers_v2 (
            id       INTEGER PRIMARY KEY,
            name     TEXT NOT NULL,
            kind     TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN
                         ('person', 'organization', 'group', 'unnamed', 'unknown')),
            name_key TEXT NOT NULL,
            surname  TEXT
        )"""
    )
    conn.execute("INSERT INTO speakers_v2 SELECT id, name, kind, name_key, surname FROM speakers")
    conn.execute("DROP TABLE speakers")
    conn.execute("ALTER TABLE speakers_v2 RENAME TO speakers")
    conn.execute("CREATE INDEX speakers_name_key ON speakers(name_key)")
    conn.execute("CREATE INDEX speakers_surname ON speakers(surname)")
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise sqlite3.IntegrityError("a foreign key points nowhere after rebuilding speakers")


def _schema_v3(conn: sqlite3.Connection) -> None:
    """Identities are recomputed from every stored description (see resolve/identity.py):
    a description may belong to no corpus speaker (a pronoun), every join keeps its evidence,
    and the user's merges and splits are kept. Identities are marked stale, so the next
    reconcile rebuilds them under the new rules."""
    conn.execute(
        """CREATE TABLE speaker_descriptions_v3 (
            id            INTEGER PRIMARY KEY,
            speaker       INTEGER REFERENCES speakers(id),
            article       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            local_id      TEXT NOT NULL,
            name          TEXT NOT NULL,
            kind          TEXT NOT NULL,
            aliases       TEXT NOT NULL DEFAULT '[]',
            description   TEXT,
            roles         TEXT NOT NULL DEFAULT '[]',
            organizations TEXT NOT NULL DEFAULT '[]',
            UNIQUE (article, local_id)
        )"""
    )
    conn.execute("INSERT INTO speaker_descriptions_v3 SELECT * FROM speaker_descriptions")
    conn.execute("DROP TABLE speaker_descriptions")
    conn.execute("ALTER TABLE speaker_descriptions_v3 RENAME TO speaker_descriptions")
    conn.execute("CREATE INDEX speaker_descriptions_speaker ON speaker_descriptions(speaker)")
    conn.execute(
        """CREATE TABLE speaker_evidence (
            id          INTEGER PRIMARY KEY,
            speaker     INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            description INTEGER REFERENCES speaker_descriptions(id) ON DELETE CASCADE,
            rule        TEXT NOT NULL,
            detail      TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX speaker_evidence_speaker ON speaker_evidence(speaker)")
    conn.execute(
        """CREATE TABLE speaker_corrections (
            id      INTEGER PRIMARY KEY,
            action  TEXT NOT NULL CHECK (action IN ('merge', 'split')),
            left    TEXT NOT NULL,
            right   TEXT NOT NULL,
            note    TEXT NOT NULL,
            made_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE corpus_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO corpus_state(key, value) VALUES ('identities', 'stale')")
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise sqlite3.IntegrityError("a foreign key points nowhere after rebuilding descriptions")


def _schema_v4(conn: sqlite3.Connection) -> None:
    """Errors remember the fingerprint (size and modification time) of the file that failed,
    so a file fixed since is read again by a plain ``ingest``."""
    conn.execute("ALTER TABLE errors ADD COLUMN fingerprint TEXT")


MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial schema: articles, quotes, speakers, errors, quotes_fts", _schema_v1),
    (2, "quotes.act, quotes.via, quotes.resolved_by; speakers of kind 'unnamed'", _schema_v2),
    (3, "identities recomputed from names: evidence, corrections, no pronoun speakers", _schema_v3),
    (4, "errors.fingerprint: the failed file's size and modification time", _schema_v4),
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
    pending = [m for m in MIGRATIONS if m[0] > version]
    if not pending:
        return version
    # Rebuilding a table that others point to needs foreign keys off, and that can only be
    # switched outside a transaction; each step checks its own keys before it commits.
    foreign_keys = int(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        version = _apply(conn, name, version, pending)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {foreign_keys}")
    return version


def _apply(
    conn: sqlite3.Connection,
    name: str,
    version: int,
    pending: list[tuple[int, str, Callable[[sqlite3.Connection], None]]],
) -> int:
    for target, _what, step in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            if schema_version(conn) >= target:  # another process got here first
                conn.execute("COMMIT")
                version = target
                continue
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
