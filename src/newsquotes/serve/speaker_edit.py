"""Merging and splitting corpus speakers from the web page (behind the server's token).

When the corpus offers ``merge_speakers`` / ``split_speaker`` of its own, those are used, so
the identity rules live in one place; otherwise the plain database moves below do the work:
a merge moves every quote, description and alias of one speaker to the other, a split moves
the quotes and descriptions of chosen articles to a new speaker of the same name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ..errors import CorpusError
from ..store.corpus import Corpus

EVIDENCE = "merged on the web page by the corpus's token holder"


def _exists(conn: sqlite3.Connection, speaker_id: int) -> bool:
    return conn.execute("SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone() is not None


def merge_speakers(corpus: Corpus, keep: int, other: int) -> dict[str, Any]:
    """``other`` becomes part of ``keep``: its quotes, descriptions and names move over."""
    if keep == other:
        raise CorpusError("a speaker cannot be merged with itself")
    own = getattr(corpus, "merge_speakers", None)
    if own is not None:
        own(keep, other, evidence=EVIDENCE)
        return {"kept": keep, "merged": other}
    conn = corpus._conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for speaker_id in (keep, other):
            if not _exists(conn, speaker_id):
                raise CorpusError(f"no speaker {speaker_id} in the corpus")
        conn.execute("UPDATE quotes SET speaker = ? WHERE speaker = ?", (keep, other))
        conn.execute("UPDATE speaker_descriptions SET speaker = ? WHERE speaker = ?", (keep, other))
        conn.execute(
            "INSERT OR IGNORE INTO speaker_aliases(speaker, alias, alias_key) "
            "SELECT ?, alias, alias_key FROM speaker_aliases WHERE speaker = ?",
            (keep, other),
        )
        conn.execute(
            "INSERT OR IGNORE INTO speaker_aliases(speaker, alias, alias_key) "
            "SELECT ?, name, name_key FROM speakers WHERE id = ?",
            (keep, other),
        )
        conn.execute("DELETE FROM speaker_aliases WHERE speaker = ?", (other,))
        conn.execute("DELETE FROM speakers WHERE id = ?", (other,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {"kept": keep, "merged": other}


def split_speaker(corpus: Corpus, speaker_id: int, articles: Sequence[int]) -> dict[str, Any]:
    """The quotes and descriptions of ``speaker_id`` in ``articles`` go to a new speaker."""
    if not articles:
        raise CorpusError("name at least one article whose quotes should move")
    own = getattr(corpus, "split_speaker", None)
    if own is not None:
        new_id = own(speaker_id, articles=list(articles))
        return {"speaker": speaker_id, "new_speaker": new_id}
    conn = corpus._conn
    marks = ",".join("?" * len(articles))
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _exists(conn, speaker_id):
            raise CorpusError(f"no speaker {speaker_id} in the corpus")
        moving = conn.execute(
            f"SELECT COUNT(*) FROM quotes WHERE speaker = ? AND article IN ({marks})",
            (speaker_id, *articles),
        ).fetchone()[0]
        staying = conn.execute(
            f"SELECT COUNT(*) FROM quotes WHERE speaker = ? AND article NOT IN ({marks})",
            (speaker_id, *articles),
        ).fetchone()[0]
        if not moving or not staying:
            raise CorpusError(
                "a split must leave quotes on both sides",
                advice="choose some, not all, of the speaker's articles",
            )
        new_id = conn.execute(
            "INSERT INTO speakers(name, kind, name_key, surname) "
            "SELECT name, kind, name_key, surname FROM speakers WHERE id = ?",
            (speaker_id,),
        ).lastrowid
        for table in ("quotes", "speaker_descriptions"):
            conn.execute(
                f"UPDATE {table} SET speaker = ? WHERE speaker = ? AND article IN ({marks})",
                (new_id, speaker_id, *articles),
            )
        conn.execute(
            "INSERT INTO speaker_aliases(speaker, alias, alias_key) "
            "SELECT ?, alias, alias_key FROM speaker_aliases WHERE speaker = ?",
            (new_id, speaker_id),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {"speaker": speaker_id, "new_speaker": new_id}
