"""The SQLite corpus: articles with their quotes and globally resolved speakers, searchable.

Every article is written in one transaction (article, sources, speakers, quotes, entities), so
a process killed at any moment leaves either the whole article or none of it. The database runs
in WAL mode, so readers (search, the web app) are not blocked by an ingest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import CorpusError, DocumentError, NewsquotesError, SearchQueryError, install_hint
from ..model import QUOTE_ACTS, QUOTE_TYPES, Article, Entity, Quote, Region, Span, Speaker
from ..resolve.identity import (
    LOCAL,
    NONE,
    ORGANIZATION,
    PERSON,
    Correction,
    Description,
    Identity,
    article_names,
    describe,
    name_class,
    needs_article_names,
    normalise_name,
    resolve_identities,
    surname,
)
from .fts import DEFAULT_LIMITS, QueryLimits, and_terms, fts_query, like_pattern
from .migrations import SCHEMA_VERSION, migrate, schema_version
from .quote_index import MATCH_CACHE_POSITIONS, SHOWN_QUOTES, Marks, QuoteFilters, QuoteIndex
from .records import ErrorRecord, QuoteHit, SpeakerDescription, SpeakerProfile, SpeakerSummary

if TYPE_CHECKING:
    import pandas

DEFAULT_DB = "newsquotes.db"
TABLES = ("quotes", "speakers", "articles")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
IDENTITIES, STALE, FRESH = "identities", "stale", "fresh"
"""corpus_state key saying whether speaker identities need a reconcile, and its values."""
NAMED_KINDS = ("person", "organization", "unknown")
"""Speaker kinds listed by default: identities across the corpus, not per-article sources."""
IDENTITY_SCHEMA = 3
"""The schema version from which identities are reconciled (older corpora are on upgrade)."""
MAX_LISTED = 10
"""How many candidates an error message lists."""
_DESCRIPTION_COLUMNS = (
    "id",
    "article",
    "local_id",
    "name",
    "kind",
    "aliases",
    "roles",
    "organizations",
    "speaker",
    "text_hash",
    "outlet",
)


def default_db_path() -> Path:
    """``$NEWSQUOTES_DB`` if set, else ``newsquotes.db`` in the current folder."""
    return Path(os.environ.get("NEWSQUOTES_DB") or DEFAULT_DB)


def text_hash(text: str) -> str:
    """Hash of the text with Unicode and whitespace normalised: the same story saved twice
    (other line endings, extra blank lines) hashes the same."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _unreadable_query(exc: sqlite3.OperationalError) -> SearchQueryError | None:
    """The error to show when FTS5 itself could not read a search, or None for another
    failure."""
    if "fts5" not in str(exc) and "syntax error" not in str(exc):
        return None
    return SearchQueryError(
        f"the search text is not a valid query: {exc}",
        advice='use words, "phrases", word*, AND, OR, NOT and parentheses',
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _date_bound(value: str | None) -> str | None:
    """A ``since``/``until`` bound as given, once it is a real date (no month 13, no
    30 February)."""
    if value is None:
        return None
    value = str(value).strip()
    found = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ].*)?)?)?", value)
    try:
        if found is None:
            raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = found.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise CorpusError(
            f"{value!r} is not a date ({exc})",
            advice="give dates as YYYY, YYYY-MM or YYYY-MM-DD",
        ) from exc
    return value


def _need_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - pandas is installed in development
        raise CorpusError("data frames need pandas", advice=install_hint("export")) from exc
    return pandas


_HIT_SELECT = """
SELECT q.id AS id, q.quote_id AS quote_id, q.article AS article_id, q.type AS type,
       q.act AS act, q.text AS text, q.spans AS spans, q.cue AS cue,
       q.speaker_mention AS speaker_mention, q.speaker_name AS speaker_name,
       q.speaker AS speaker_id, s.name AS speaker, s.kind AS speaker_kind,
       q.resolved_by AS resolved_by, q.confidence AS confidence, a.outlet AS outlet,
       a.published AS published, a.title AS title, a.url AS url, a.source AS source
FROM quotes q
JOIN articles a ON a.id = q.article
LEFT JOIN speakers s ON s.id = q.speaker
"""
"""The columns of a :class:`QuoteHit`, named as its fields."""


def _hits(cursor: sqlite3.Cursor) -> list[QuoteHit]:
    """The rows of a ``_HIT_SELECT`` query as records, read by column name."""
    names = [column[0] for column in cursor.description]
    hits = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        row["spans"] = json.loads(row["spans"])
        hits.append(QuoteHit(**row))
    return hits


class Corpus:
    """A durable, searchable, deduplicated store of articles, quotes and speakers.

    >>> corpus = Corpus(":memory:")
    >>> corpus.stats()["articles"]
    0
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        name = str(self.path)
        if name != ":memory:" and self.path.parent and not self.path.parent.exists():
            raise CorpusError(
                f"cannot create the corpus {name}: folder {self.path.parent} does not exist",
                advice="create the folder first or give another --db",
            )
        try:
            self._conn = sqlite3.connect(name, isolation_level=None, timeout=60)
            self._conn.execute("PRAGMA foreign_keys = ON")
            if name != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            before = schema_version(self._conn)
            self.version = migrate(self._conn, name)
            self._wrote = False
            self._marking_table = False
            if 0 < before < IDENTITY_SCHEMA <= self.version:
                self.reconcile()  # an older corpus: identities under today's rules
        except sqlite3.DatabaseError as exc:
            raise CorpusError(
                f"{name} cannot be opened as a corpus: {exc}",
                advice="is it an SQLite file? give another file with --db or $NEWSQUOTES_DB",
            ) from exc

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file, first reconciling identities if this instance stored articles."""
        try:
            self._settle()
        finally:
            self._conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:
            self._wrote = False  # leave them stale: the next ingest or reconcile settles them
        self.close()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- writing ---------------------------------------------------------------------------

    def has_source(self, source: str) -> bool:
        """True when ``source`` was stored (or found a duplicate) or failed before."""
        return bool(
            self._one("SELECT 1 FROM article_sources WHERE source = ?", (source,))
            or self._one("SELECT 1 FROM errors WHERE source = ?", (source,))
        )

    def source_status(self, source: str) -> tuple[str | None, str | None]:
        """``("stored", None)`` when ``source`` was stored (or found a duplicate),
        ``("failed", fingerprint)`` when it failed before, ``(None, None)`` when never seen."""
        if self._one("SELECT 1 FROM article_sources WHERE source = ?", (source,)):
            return "stored", None
        row = self._conn.execute(
            "SELECT fingerprint FROM errors WHERE source = ? ORDER BY id DESC LIMIT 1", (source,)
        ).fetchone()
        return ("failed", row[0]) if row is not None else (None, None)

    def forget_errors(self, source: str) -> int:
        """Drop the recorded failures of ``source`` before it is tried again; how many."""
        cur = self._conn.execute("DELETE FROM errors WHERE source = ?", (source,))
        return int(cur.rowcount or 0)

    def record_error(
        self,
        source: str,
        exc: BaseException | str,
        *,
        code: str | None = None,
        fingerprint: str | None = None,
    ) -> None:
        """Keep why ``source`` failed, so a rerun skips it and a user can see the reason.

        ``exc`` is the exception, or its message when it came from another process (then
        ``code`` is its error code). ``fingerprint`` identifies the version of the file that
        failed; a rerun retries the source once the file has changed. The same failure
        recorded twice (two ingests of one folder at once) is kept once.
        """
        if isinstance(exc, DocumentError):
            code, message = exc.code, exc.reason
        elif isinstance(exc, NewsquotesError):
            code, message = exc.code, exc.message
        elif isinstance(exc, BaseException):
            code, message = DocumentError.code, f"{type(exc).__name__}: {exc}"
        else:
            code, message = code or DocumentError.code, str(exc)
        advice = getattr(exc, "advice", None)
        if advice:
            message += f" ({advice})"
        self._conn.execute(
            """INSERT INTO errors(source, code, message, at, fingerprint)
               SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (
                   SELECT 1 FROM errors WHERE source = ? AND code = ? AND message = ?
                   AND fingerprint IS ?)""",
            (source, code, message, _now(), fingerprint, source, code, message, fingerprint),
        )

    def add(self, article: Article) -> bool:
        """Store ``article`` with its quotes and speakers; False if it is already stored.

        Already stored means: the same source key, the same URL, or the same text (after
        whitespace normalisation). A duplicate's source is still remembered, so a rerun skips it.
        """
        digest = text_hash(article.text)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            existing = self._find_existing(article, digest)
            if existing is not None:
                if article.source:
                    conn.execute(
                        "INSERT OR IGNORE INTO article_sources(source, article) VALUES (?, ?)",
                        (article.source, existing),
                    )
                conn.execute("COMMIT")
                return False
            self._insert(article, digest)
            conn.execute("COMMIT")
            return True
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _find_existing(self, article: Article, digest: str) -> int | None:
        if article.source:
            found = self._one(
                "SELECT article FROM article_sources WHERE source = ?", (article.source,)
            )
            if found is not None:
                return int(found)
        if article.url:
            found = self._one("SELECT id FROM articles WHERE url = ?", (article.url,))
            if found is not None:
                return int(found)
        found = self._one("SELECT id FROM articles WHERE text_hash = ?", (digest,))
        return int(found) if found is not None else None

    def _insert(self, article: Article, digest: str) -> int:
        conn = self._conn
        cur = conn.execute(
            """INSERT INTO articles(doc_id, source, url, title, outlet, published, authors,
                   language, text, text_hash, regions, entities, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id,
                article.source,
                article.url,
                article.title,
                article.outlet,
                article.published,
                _json(list(article.authors)),
                article.language,
                article.text,
                digest,
                _json([r.to_dict() for r in article.regions]),
                _json([e.to_dict() for e in article.entities]),
                _now(),
            ),
        )
        article_row = int(cur.lastrowid or 0)
        if article.source:
            conn.execute(
                "INSERT INTO article_sources(source, article) VALUES (?, ?)",
                (article.source, article_row),
            )
        global_ids: dict[str, int | None] = {}
        for sp in article.speakers:
            global_ids[sp.id] = self._provisional(sp, article)
            conn.execute(
                """INSERT OR REPLACE INTO speaker_descriptions(speaker, article, local_id, name,
                       kind, aliases, description, roles, organizations)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    global_ids[sp.id],
                    article_row,
                    sp.id,
                    sp.name,
                    sp.kind,
                    _json(sp.aliases),
                    sp.description,
                    _json(sp.roles),
                    _json(sp.organizations),
                ),
            )
        for quote in article.quotes:
            # A quote without a speaker record (an unresolved "I" or "they") keeps its
            # mention and name but has no corpus speaker.
            speaker_row = global_ids.get(quote.speaker_id or "")
            self._insert_quote(article, article_row, quote, speaker_row)
        self._set_state(IDENTITIES, STALE)
        self._wrote = True
        return article_row

    def _insert_quote(
        self, article: Article, article_row: int, quote: Quote, speaker_row: int | None
    ) -> None:
        cue, mention = quote.cue, quote.speaker
        cur = self._conn.execute(
            """INSERT INTO quotes(article, quote_id, type, spans, start, end, text, cue,
                   cue_start, cue_end, speaker_mention, speaker_start, speaker_end,
                   speaker_local_id, speaker, speaker_name, confidence, act, via, resolved_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article_row,
                quote.id,
                quote.type,
                _json([[s, e] for s, e in quote.spans]),
                quote.start,
                quote.end,
                quote.text,
                cue.text if cue else None,
                cue.start if cue else None,
                cue.end if cue else None,
                mention.text if mention else None,
                mention.start if mention else None,
                mention.end if mention else None,
                quote.speaker_id,
                speaker_row,
                quote.speaker_name,
                float(quote.confidence),
                quote.act,
                quote.via,
                quote.resolved_by,
            ),
        )
        quote_row = cur.lastrowid
        inside = [
            ent
            for ent in article.entities
            if any(start <= ent.start and ent.end <= end for start, end in quote.spans)
        ]
        self._conn.executemany(
            "INSERT INTO quote_entities(quote, start, end, text, label) VALUES (?, ?, ?, ?, ?)",
            [(quote_row, e.start, e.end, e.text, e.label) for e in inside],
        )

    # -- identity --------------------------------------------------------------------------
    #
    # Identities are a pure function of the stored descriptions and the user's corrections
    # (resolve/identity.py). Storing an article gives its speakers a provisional identity by
    # exact name and marks identities stale; reconcile() recomputes them all, so the result
    # does not depend on the order articles arrived in, on -j, or on a run killed midway.

    def _set_state(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO corpus_state(key, value) VALUES (?, ?)", (key, value)
        )

    def _state(self, key: str) -> str | None:
        return self._one("SELECT value FROM corpus_state WHERE key = ?", (key,))

    def _provisional(self, sp: Speaker, article: Article) -> int | None:
        """A speaker row for one article's speaker until the next reconcile: by exact name."""
        label = _entity_label(sp.name, article.entities)
        cls = name_class(sp.name, sp.kind, label)
        if cls == NONE:
            return None
        kind = _identity_kind(cls, sp.kind)
        key, family = _speaker_keys(sp.name, kind)
        if cls != LOCAL:
            found = self._one(
                "SELECT id FROM speakers WHERE name_key = ? AND kind = ? ORDER BY id LIMIT 1",
                (key, kind),
            )
            if found is not None:
                return int(found)
        cur = self._conn.execute(
            "INSERT INTO speakers(name, kind, name_key, surname) VALUES (?, ?, ?, ?)",
            (sp.name, kind, key, family),
        )
        return int(cur.lastrowid or 0)

    def identities_stale(self) -> bool:
        """True when articles were stored since identities were last reconciled."""
        return self._state(IDENTITIES) != FRESH

    def reconcile(self, *, force: bool = False) -> int:
        """Recompute every speaker identity from the stored names and the user's corrections
        (when stale, or always with ``force``); returns the number of speakers."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if force or self.identities_stale():
                self._reconcile()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._wrote = False
        return int(self._one("SELECT COUNT(*) FROM speakers"))

    def _settle(self) -> None:
        """Reconcile before reading what this instance wrote, so its reads are final."""
        if self._wrote:
            self.reconcile()

    def _descriptions(self) -> tuple[list[Description], dict[int, int | None]]:
        rows = self._conn.execute(
            """SELECT d.id, d.article, d.local_id, d.name, d.kind, d.aliases, d.roles,
                      d.organizations, d.speaker, a.text_hash, a.outlet
               FROM speaker_descriptions d JOIN articles a ON a.id = d.article"""
        ).fetchall()
        records = [dict(zip(_DESCRIPTION_COLUMNS, row, strict=True)) for row in rows]
        needs_entities = {
            r["article"] for r in records if needs_article_names(r["name"], r["kind"])
        }
        names = self._article_names(sorted(needs_entities))
        descriptions = [
            describe(
                r["id"],
                f"{r['text_hash']}:{r['local_id']}",
                Speaker(
                    id=r["local_id"],
                    name=r["name"],
                    kind=r["kind"],
                    aliases=json.loads(r["aliases"]),
                    roles=json.loads(r["roles"]),
                    organizations=json.loads(r["organizations"]),
                ),
                r["outlet"],
                *names.get(r["article"], ((), {})),
            )
            for r in records
        ]
        return descriptions, {r["id"]: r["speaker"] for r in records}

    def _article_names(
        self, articles: list[int]
    ) -> dict[int, tuple[tuple[str, ...], dict[str, str]]]:
        """Per article: its full PERSON names, and the label of each entity text."""
        names: dict[int, tuple[tuple[str, ...], dict[str, str]]] = {}
        for chunk in (articles[i : i + 500] for i in range(0, len(articles), 500)):
            marks = ",".join("?" * len(chunk))
            for article, entities_json in self._conn.execute(
                f"SELECT id, entities FROM articles WHERE id IN ({marks})", chunk
            ):
                names[article] = article_names(
                    Entity.from_dict(e) for e in json.loads(entities_json)
                )
        return names

    def _corrections(self) -> list[Correction]:
        return [
            Correction(action, tuple(json.loads(left)), tuple(json.loads(right)))
            for action, left, right in self._conn.execute(
                "SELECT action, left, right FROM speaker_corrections ORDER BY id"
            )
        ]

    def _reconcile(self) -> None:
        conn = self._conn
        descriptions, current = self._descriptions()
        identities, nobody = resolve_identities(descriptions, self._corrections())
        anchors = {d.id: d.anchor for d in descriptions}
        rows = {
            int(r[0]): (r[1], r[2]) for r in conn.execute("SELECT id, name, kind FROM speakers")
        }
        used: set[int] = set()
        assigned: list[tuple[int, Identity]] = []
        for identity in sorted(identities, key=lambda i: (-len(i.members), anchors[i.members[0]])):
            held = Counter(
                sid for m in identity.members if (sid := current[m]) in rows and sid not in used
            )
            key, family = _speaker_keys(identity.name, identity.kind)
            if held:
                sid = min(held, key=lambda s: (-held[s], s))
                if rows[sid] != (identity.name, identity.kind):
                    conn.execute(
                        "UPDATE speakers SET name = ?, kind = ?, name_key = ?, surname = ? "
                        "WHERE id = ?",
                        (identity.name, identity.kind, key, family, sid),
                    )
            else:
                cur = conn.execute(
                    "INSERT INTO speakers(name, kind, name_key, surname) VALUES (?, ?, ?, ?)",
                    (identity.name, identity.kind, key, family),
                )
                sid = int(cur.lastrowid or 0)
            used.add(sid)
            assigned.append((sid, identity))
        changed = [(sid, m) for sid, ident in assigned for m in ident.members if current[m] != sid]
        changed += [(None, m) for m in nobody if current[m] is not None]
        conn.executemany("UPDATE speaker_descriptions SET speaker = ? WHERE id = ?", changed)
        conn.execute(
            """UPDATE quotes SET speaker = (
                   SELECT d.speaker FROM speaker_descriptions d
                   WHERE d.article = quotes.article AND d.local_id = quotes.speaker_local_id)
               WHERE speaker IS NOT (
                   SELECT d.speaker FROM speaker_descriptions d
                   WHERE d.article = quotes.article AND d.local_id = quotes.speaker_local_id)"""
        )
        conn.execute("DELETE FROM speaker_aliases")
        conn.execute("DELETE FROM speaker_evidence")
        for sid, identity in assigned:
            kind = "person" if identity.kind == "person" else "organization"
            conn.executemany(
                "INSERT OR IGNORE INTO speaker_aliases(speaker, alias, alias_key) VALUES (?, ?, ?)",
                [
                    (sid, alias, key)
                    for alias in (identity.name, *identity.aliases)
                    if (key := normalise_name(alias, kind))
                ],
            )
            conn.executemany(
                "INSERT INTO speaker_evidence(speaker, description, rule, detail) "
                "VALUES (?, ?, ?, ?)",
                [(sid, e.description, e.rule, e.detail) for e in identity.evidence],
            )
        conn.execute(
            "DELETE FROM speakers WHERE id NOT IN (SELECT speaker FROM speaker_descriptions "
            "WHERE speaker IS NOT NULL) AND id NOT IN (SELECT speaker FROM quotes "
            "WHERE speaker IS NOT NULL)"
        )
        self._set_state(IDENTITIES, FRESH)

    def _single_speaker(self, name_or_id: str | int) -> int:
        """The one speaker a user means, or a clear error when none or several match."""
        ids = self._speaker_ids(name_or_id)
        ids = [i for i in ids if self._one("SELECT 1 FROM speakers WHERE id = ?", (i,))]
        if not ids:
            raise CorpusError(
                f"no speaker {name_or_id!r} in the corpus", advice="see `newsquotes speakers`"
            )
        if len(ids) > 1:
            named = ", ".join(
                f"{sid} ({self._one('SELECT name FROM speakers WHERE id = ?', (sid,))})"
                for sid in ids[:MAX_LISTED]
            )
            raise CorpusError(
                f"{name_or_id!r} could be any of the speakers {named}",
                advice="give the speaker's id instead",
            )
        return ids[0]

    def _anchors(self, speaker_id: int) -> list[tuple[str, dict[str, Any]]]:
        """(anchor, description) of every description of a speaker, in a stable order."""
        rows = self._conn.execute(
            """SELECT a.text_hash, d.local_id, d.article, d.name, d.kind, d.aliases,
                      a.doc_id, a.source, a.url
               FROM speaker_descriptions d JOIN articles a ON a.id = d.article
               WHERE d.speaker = ? ORDER BY a.text_hash, d.local_id""",
            (speaker_id,),
        ).fetchall()
        columns = ("text_hash", "local_id", "article", "name", "kind", "aliases")
        columns += ("doc_id", "source", "url")
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return [(f"{r['text_hash']}:{r['local_id']}", r) for r in records]

    def _correct(self, action: str, left: list[str], right: list[str], note: str) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if action == "merge":  # the latest correction wins: drop splits it undoes
                joined_left, joined_right = set(left), set(right)
                for cid, old_left, old_right in conn.execute(
                    "SELECT id, left, right FROM speaker_corrections WHERE action = 'split'"
                ).fetchall():
                    sides = (set(json.loads(old_left)), set(json.loads(old_right)))
                    if (sides[0] & joined_left and sides[1] & joined_right) or (
                        sides[0] & joined_right and sides[1] & joined_left
                    ):
                        conn.execute("DELETE FROM speaker_corrections WHERE id = ?", (cid,))
            conn.execute(
                "INSERT INTO speaker_corrections(action, left, right, note, made_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (action, _json(left), _json(right), note, _now()),
            )
            self._set_state(IDENTITIES, STALE)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.reconcile()

    def merge(self, first: str | int, second: str | int) -> int:
        """Make two speakers one (a correction kept across re-ingest); returns its id.

        ``first`` and ``second`` are names, aliases or ids, each meaning exactly one speaker.
        """
        self.reconcile()
        one, other = self._single_speaker(first), self._single_speaker(second)
        if one == other:
            raise CorpusError(f"{first!r} and {second!r} are already one speaker ({one})")
        left = [a for a, _ in self._anchors(one)]
        right = [a for a, _ in self._anchors(other)]
        if not left or not right:
            raise CorpusError("only speakers quoted in stored articles can be merged")
        self._correct("merge", left, right, f"merge {first} + {second}")
        return self._speaker_of(left[0])

    def split(
        self,
        speaker: str | int,
        names: Sequence[str] = (),
        articles: Sequence[str | int] = (),
    ) -> tuple[int, int]:
        """Take the descriptions of ``speaker`` that go by one of ``names`` (or come from one
        of ``articles``: row id, document id, source or URL) out into a speaker of their own,
        kept apart from the rest across re-ingest; returns (rest's id, new speaker's id)."""
        self.reconcile()
        sid = self._single_speaker(speaker)
        described = self._anchors(sid)
        wanted = {normalise_name(n, "person") for n in names} | {
            normalise_name(n, "organization") for n in names
        }
        places = {str(a) for a in articles}

        def chosen(record: dict[str, Any]) -> bool:
            kind = "person" if record["kind"] == "person" else "organization"
            called = [record["name"], *json.loads(record["aliases"])]
            if any(normalise_name(n, kind) in wanted for n in called):
                return True
            where = {str(record["article"]), record["doc_id"], record["source"], record["url"]}
            return bool(places & where)

        taken = [a for a, r in described if chosen(r)]
        rest = [a for a, r in described if not chosen(r)]
        if not taken:
            called = sorted({r["name"] for _, r in described})
            raise CorpusError(
                f"none of speaker {sid}'s descriptions is called {', '.join(names) or '-'} "
                f"or comes from {', '.join(places) or '-'}",
                advice="its descriptions are called: " + ", ".join(called[:MAX_LISTED]),
            )
        if not rest:
            raise CorpusError(
                f"that would take every description of speaker {sid}; nothing would be left",
                advice="name fewer of its names or articles",
            )
        self._correct("split", taken, rest, f"split {speaker}: {', '.join(names)}")
        return self._speaker_of(rest[0]), self._speaker_of(taken[0])

    def _speaker_of(self, anchor: str) -> int:
        text_hash, local_id = anchor.split(":", 1)
        return int(
            self._one(
                "SELECT d.speaker FROM speaker_descriptions d JOIN articles a "
                "ON a.id = d.article WHERE a.text_hash = ? AND d.local_id = ?",
                (text_hash, local_id),
            )
        )

    # -- reading ---------------------------------------------------------------------------

    def _speaker_ids(self, name_or_id: str | int) -> list[int]:
        """Global speakers a user means by a name (or id): exact name, alias, then surname."""
        row = as_row_id(name_or_id)
        if row is not None:
            return [row]
        text = str(name_or_id)
        for kind in ("person", "organization"):
            key = normalise_name(text, kind)
            rows = self._conn.execute(
                "SELECT id FROM speakers WHERE name_key = ? "
                "UNION SELECT speaker FROM speaker_aliases WHERE alias_key = ?",
                (key, key),
            ).fetchall()
            if rows:
                return sorted(int(r[0]) for r in rows)
        family = surname(text)
        rows = self._conn.execute("SELECT id FROM speakers WHERE surname = ?", (family,)).fetchall()
        return sorted(int(r[0]) for r in rows)

    def search(
        self,
        text: str | None = None,
        *,
        speaker: str | int | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        act: str | None = "speech",
        limit: int | None = 50,
        offset: int = 0,
        as_frame: bool = False,
    ) -> list[QuoteHit] | pandas.DataFrame:
        """Quotes matching all the given filters; best text matches first, else newest first.

        ``text`` is words (all must occur), "quoted phrases", ``word*`` prefixes, and ``AND``
        / ``OR`` / ``NOT`` between terms with parentheses (a malformed one raises
        :class:`SearchQueryError`, never finds nothing); ``speaker`` a name, alias,
        surname or speaker id; ``since``/``until`` dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
        both inclusive) compared with the article's published date. ``act`` is ``speech``
        (the default, as on the web page), ``thought`` (beliefs, intentions) or None for both.
        """
        self._settle()
        where: list[str] = []
        params: list[Any] = []
        sql = _HIT_SELECT
        order = "ORDER BY a.published IS NULL, a.published DESC, q.id"
        query = fts_query(text) if text and text.strip() else None
        if query:
            sql += " JOIN quotes_fts f ON f.rowid = q.id"
            where.append("quotes_fts MATCH ?")
            params.append(query)
            order = "ORDER BY f.rank, q.id"
        speaker_id = speaker if isinstance(speaker, int) else None
        speaker_text = None if speaker is None or speaker_id is not None else str(speaker)
        filters, filter_params = self._resolve_filters(
            speaker_id, speaker_text, outlet, since, until, type, act, None
        ).sql()
        where.extend(filters)
        params.extend(filter_params)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" {order} LIMIT ? OFFSET ?"
        params.extend([-1 if limit is None else int(limit), int(offset)])
        try:
            hits = _hits(self._conn.execute(sql, params))
        except sqlite3.OperationalError as exc:
            unreadable = _unreadable_query(exc)
            if unreadable is not None:
                raise unreadable from exc
            raise
        if as_frame:
            return _need_pandas().DataFrame([h.to_dict() for h in hits])
        return hits

    def speakers(
        self, top: int | None = None, kinds: Sequence[str] | None = NAMED_KINDS
    ) -> list[SpeakerSummary]:
        """Global speakers, most quoted first, with where they are quoted and their roles.

        By default the identities across the corpus (people, organisations, names of unknown
        kind); ``kinds=None`` adds the per-article unnamed and group sources.
        """
        self._settle()
        where, params = "", []
        if kinds is not None:
            where = f"WHERE s.kind IN ({','.join('?' * len(kinds))})"
            params = list(kinds)
        rows = self._conn.execute(
            f"""SELECT s.id, s.name, s.kind, COUNT(q.id), COUNT(DISTINCT q.article),
                      MIN(a.published), MAX(a.published)
               FROM speakers s
               LEFT JOIN quotes q ON q.speaker = s.id
               LEFT JOIN articles a ON a.id = q.article
               {where}
               GROUP BY s.id ORDER BY COUNT(q.id) DESC, s.name, s.id LIMIT ?""",
            [*params, -1 if top is None else int(top)],
        ).fetchall()
        summaries = {
            row[0]: SpeakerSummary(
                id=row[0],
                name=row[1],
                kind=row[2],
                quotes=row[3],
                articles=row[4],
                first_published=row[5],
                last_published=row[6],
            )
            for row in rows
        }
        ids = list(summaries)
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for sid, roles_json, orgs_json in self._conn.execute(
                f"SELECT DISTINCT speaker, roles, organizations FROM speaker_descriptions "
                f"WHERE speaker IN ({marks})",
                chunk,
            ):
                summary = summaries[sid]
                _extend_unique(summary.roles, json.loads(roles_json))
                _extend_unique(summary.organizations, json.loads(orgs_json))
            for sid, outlet in self._conn.execute(
                f"SELECT DISTINCT q.speaker, a.outlet FROM quotes q JOIN articles a "
                f"ON a.id = q.article WHERE q.speaker IN ({marks}) AND a.outlet IS NOT NULL "
                f"ORDER BY a.outlet",
                chunk,
            ):
                summaries[sid].outlets.append(outlet)
            for sid, alias in self._conn.execute(
                f"SELECT speaker, alias FROM speaker_aliases WHERE speaker IN ({marks}) "
                f"ORDER BY alias",
                chunk,
            ):
                if alias != summaries[sid].name:
                    summaries[sid].aliases.append(alias)
        return [summaries[i] for i in ids]

    def speaker(self, name_or_id: str | int) -> SpeakerProfile | None:
        """One speaker's profile; by name the most quoted matching speaker, None if none."""
        self._settle()
        ids = self._speaker_ids(name_or_id)
        if not ids:
            return None
        marks = ",".join("?" * len(ids))
        row = self._conn.execute(
            f"""SELECT s.id, s.name, s.kind FROM speakers s LEFT JOIN quotes q ON q.speaker = s.id
                WHERE s.id IN ({marks}) GROUP BY s.id ORDER BY COUNT(q.id) DESC, s.id LIMIT 1""",
            ids,
        ).fetchone()
        if row is None:
            return None
        sid, name, kind = row
        quotes = _hits(
            self._conn.execute(
                _HIT_SELECT + " WHERE q.speaker = ? ORDER BY a.published IS NULL, a.published, "
                "q.article, q.start",
                (sid,),
            )
        )
        descriptions = [
            SpeakerDescription(
                article_id=r[0],
                outlet=r[1],
                published=r[2],
                name=r[3],
                description=r[4],
                roles=json.loads(r[5]),
                organizations=json.loads(r[6]),
            )
            for r in self._conn.execute(
                """SELECT d.article, a.outlet, a.published, d.name, d.description, d.roles,
                          d.organizations
                   FROM speaker_descriptions d JOIN articles a ON a.id = d.article
                   WHERE d.speaker = ? ORDER BY a.published, d.article""",
                (sid,),
            )
        ]
        outlets: dict[str, int] = {}
        timeline: dict[str, int] = {}
        for hit in quotes:
            outlets[hit.outlet or "unknown"] = outlets.get(hit.outlet or "unknown", 0) + 1
            month = hit.published[:7] if hit.published else "unknown"
            timeline[month] = timeline.get(month, 0) + 1
        aliases = [
            r[0]
            for r in self._conn.execute(
                "SELECT alias FROM speaker_aliases WHERE speaker = ? ORDER BY alias", (sid,)
            )
            if r[0] != name
        ]
        evidence = [
            f"{rule}: {detail}"
            for rule, detail in self._conn.execute(
                "SELECT rule, detail FROM speaker_evidence WHERE speaker = ? ORDER BY id", (sid,)
            )
        ]
        return SpeakerProfile(
            sid, name, kind, aliases, quotes, descriptions, outlets, timeline, evidence
        )

    def article(self, article_id: int | str) -> Article | None:
        """A stored article as the pipeline returned it (by row id, document id, URL or source)."""
        row_id = as_row_id(article_id)
        if row_id is not None:
            row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (row_id,)).fetchone()
        else:
            row = self._conn.execute(
                "SELECT * FROM articles WHERE url = ? OR source = ? OR doc_id = ? "
                "ORDER BY id LIMIT 1",
                (article_id, article_id, article_id),
            ).fetchone()
        if row is None:
            return None
        cols = [c[1] for c in self._conn.execute("PRAGMA table_info(articles)")]
        data = dict(zip(cols, row, strict=True))
        article = Article(
            id=data["doc_id"],
            text=data["text"],
            title=data["title"],
            regions=[Region.from_dict(r) for r in json.loads(data["regions"])],
            entities=[Entity.from_dict(e) for e in json.loads(data["entities"])],
            url=data["url"],
            published=data["published"],
            outlet=data["outlet"],
            authors=json.loads(data["authors"]),
            language=data["language"],
            source=data["source"],
        )
        for r in self._conn.execute(
            "SELECT local_id, name, kind, aliases, description, roles, organizations "
            "FROM speaker_descriptions WHERE article = ? ORDER BY id",
            (data["id"],),
        ):
            article.speakers.append(
                Speaker(
                    r[0], r[1], r[2], json.loads(r[3]), r[4], json.loads(r[5]), json.loads(r[6])
                )
            )
        for r in self._conn.execute(
            "SELECT quote_id, type, spans, text, cue, cue_start, cue_end, speaker_mention, "
            "speaker_start, speaker_end, speaker_local_id, speaker_name, confidence, "
            "act, via, resolved_by FROM quotes WHERE article = ? ORDER BY id",
            (data["id"],),
        ):
            article.quotes.append(
                Quote(
                    id=r[0],
                    type=r[1],
                    spans=[(s, e) for s, e in json.loads(r[2])],
                    text=r[3],
                    cue=Span(r[5], r[6], r[4]) if r[4] is not None else None,
                    speaker=Span(r[8], r[9], r[7]) if r[7] is not None else None,
                    speaker_id=r[10],
                    speaker_name=r[11],
                    confidence=r[12],
                    act=r[13],
                    via=r[14],
                    resolved_by=r[15],
                )
            )
        return article

    def stats(self) -> dict[str, Any]:
        """Counts of what is stored: articles, quotes by type, speakers, outlets, errors."""
        self._settle()
        count = self._one
        by_type = dict(self._conn.execute("SELECT type, COUNT(*) FROM quotes GROUP BY type"))
        return {
            "path": str(self.path),
            "schema_version": schema_version(self._conn),
            "articles": count("SELECT COUNT(*) FROM articles"),
            "sources": count("SELECT COUNT(*) FROM article_sources"),
            "quotes": count("SELECT COUNT(*) FROM quotes"),
            "quotes_by_type": {t: by_type.get(t, 0) for t in ("direct", "mixed", "indirect")},
            "speakers": count("SELECT COUNT(*) FROM speakers"),
            "outlets": count("SELECT COUNT(DISTINCT outlet) FROM articles"),
            "errors": count("SELECT COUNT(*) FROM errors"),
            "first_published": count("SELECT MIN(published) FROM articles"),
            "last_published": count("SELECT MAX(published) FROM articles"),
        }

    def errors(self) -> list[ErrorRecord]:
        """Every recorded failure, oldest first."""
        return [
            ErrorRecord(*row)
            for row in self._conn.execute(
                "SELECT id, source, code, message, at FROM errors ORDER BY id"
            )
        ]

    # -- export ----------------------------------------------------------------------------

    def rows(self, table: str = "quotes") -> Iterator[dict[str, Any]]:
        """Flat records of ``table`` (quotes, speakers or articles), as exported."""
        if table not in TABLES:
            raise CorpusError(f"unknown table {table!r}", advice="use " + ", ".join(TABLES))
        if table == "speakers":
            for summary in self.speakers(kinds=None):
                yield summary.to_dict()
            return
        if table == "quotes":
            last = 0
            while True:
                page = _hits(
                    self._conn.execute(
                        _HIT_SELECT + " WHERE q.id > ? ORDER BY q.id LIMIT 1000", (last,)
                    )
                )
                if not page:
                    return
                for hit in page:
                    yield hit.to_dict()
                last = page[-1].id
        last = 0
        while True:
            page = self._conn.execute(
                """SELECT a.id, a.doc_id, a.source, a.url, a.title, a.outlet, a.published,
                          a.authors, a.language, a.text_hash, a.ingested_at,
                          (SELECT COUNT(*) FROM quotes q WHERE q.article = a.id), a.text
                   FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT 500""",
                (last,),
            ).fetchall()
            if not page:
                return
            for r in page:
                yield {
                    "id": r[0],
                    "doc_id": r[1],
                    "source": r[2],
                    "url": r[3],
                    "title": r[4],
                    "outlet": r[5],
                    "published": r[6],
                    "authors": json.loads(r[7]),
                    "language": r[8],
                    "text_hash": r[9],
                    "ingested_at": r[10],
                    "quotes": r[11],
                    "text": r[12],
                }
            last = page[-1][0]

    def frame(self, table: str = "quotes") -> pandas.DataFrame:
        """``table`` as a pandas DataFrame (needs pandas)."""
        pandas = _need_pandas()
        return pandas.DataFrame(list(self.rows(table)))

    def export(
        self,
        out: str | os.PathLike[str] | IO[str],
        format: str = "jsonl",
        table: str = "quotes",
    ) -> int:
        """Write ``table`` to ``out`` (a path, or a text stream for jsonl/csv); returns rows."""
        from .export import write_rows

        return write_rows(self.rows(table), out, format)

    # -- web views: read-only queries for the API and page ----------------------------------

    def quote_page(
        self,
        text: str | None = None,
        *,
        speaker_id: int | None = None,
        speaker: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        act: str | None = None,
        article_id: int | None = None,
        sort: str = "newest",
        limit: int = 50,
        offset: int = 0,
        limits: QueryLimits = DEFAULT_LIMITS,
        index: QuoteIndex | None = None,
    ) -> dict[str, Any]:
        """One page of quotes matching every filter, with ``total`` hits over all pages;
        newest first, or with ``sort="relevance"`` best text match first (slower: every
        match is ranked).

        Each hit is ``{"quote": <Quote as extract writes it>, "article": {...}, "speaker":
        {...} | None, "highlights": [[start, end], ...]}``; highlights are the matched words'
        offsets in the quote text. ``text`` is bounded by ``limits`` (length, words, time):
        past them, or for a malformed query, :class:`CorpusError`. ``index``, a
        :class:`QuoteIndex` of this corpus as it is now, answers the newest-first order
        without walking every match in SQL (same hits, same total).
        """
        query = fts_query(text, limits) if text and text.strip() else None
        if sort not in SORT_ORDERS:
            raise CorpusError(f"unknown order {sort!r}", advice="use " + ", ".join(SORT_ORDERS))
        chosen = self._resolve_filters(
            speaker_id, speaker, outlet, since, until, type, act, article_id
        )
        if index is not None and sort == "newest":
            with self._deadline(limits.max_seconds, limits.check_every):
                found = index.select(
                    self._conn, query, chosen, limit=int(limit), offset=int(offset)
                )
                if found is not None:
                    hits = self._hits_by_id(found[1], query, index)
                    return {"total": found[0], "hits": hits}
        where, params = chosen.sql()
        joined = "quotes q JOIN articles a ON a.id = q.article"
        # Counting needs the articles only when a filter is about them.
        counted = joined if any("a." in w for w in where) else "quotes q"
        # NULL (undated) sorts last when descending.
        key, order, outer = "a.published", "a.published DESC, q.id", "page.key DESC, q.id"
        matches = ""
        if query:
            where.insert(0, f"+q.id IN ({_FTS_ROWIDS})")  # a set to test, not to drive
            params.insert(0, query)
        if query and sort == "relevance":
            # The full-text matches with their rank first, once: left to itself the planner
            # walks every quote that passes the other filters and asks the index about each.
            matches = "WITH hits AS MATERIALIZED (SELECT rowid AS id, rank FROM quotes_fts "
            matches += "WHERE quotes_fts MATCH ?), "
            joined = "hits JOIN quotes q ON q.id = hits.id JOIN articles a ON a.id = q.article"
            key, order, outer = "hits.rank", "hits.rank, q.id", "page.key, q.id"
            page_where, page_params = where[1:], [query, *params[1:]]
        else:
            matches = "WITH "
            page_where, page_params = where, params
            if speaker_id is None and not speaker and article_id is None:
                # Walk the articles newest first (their published index) and stop at the
                # page: no sorting of every match. A speaker or article filter is selective
                # enough to start from its own index instead.
                joined = "articles a CROSS JOIN quotes q ON q.article = a.id"
        condition = (" WHERE " + " AND ".join(where)) if where else ""
        count_sql, count_params = f"SELECT COUNT(*) FROM {counted}{condition}", params
        if query and counted == "quotes q":
            # No article filter: count from the matches (cheap when they are few) rather than
            # testing every quote against them.
            rest = (" WHERE " + " AND ".join(where[1:])) if where[1:] else ""
            count_sql = (
                f"SELECT COUNT(*) FROM ({_FTS_ROWIDS}) m CROSS JOIN quotes q ON q.id = m.rowid"
                + rest
            )
        page_condition = (" WHERE " + " AND ".join(page_where)) if page_where else ""
        # The page's ids are found on narrow rows; only those twenty rows are then read whole
        # (sorting every match with its text is what made an unfiltered listing slow).
        page = (
            f"{matches}page AS (SELECT q.id AS id, {key} AS key FROM {joined}{page_condition} "
            f"ORDER BY {order} LIMIT ? OFFSET ?) "
        )
        with self._deadline(limits.max_seconds, limits.check_every):
            total = self._one(count_sql, count_params)
            cursor = self._conn.cursor()
            cursor.row_factory = sqlite3.Row
            rows = cursor.execute(
                f"{page}SELECT {_WEB_QUOTE_COLUMNS} FROM page JOIN quotes q ON q.id = page.id "
                "JOIN articles a ON a.id = q.article LEFT JOIN speakers s ON s.id = q.speaker "
                f"ORDER BY {outer}",
                [*page_params, int(limit), int(offset)],
            ).fetchall()
            marked = self._highlighted(query, [row["row_id"] for row in rows]) if query else {}
        return {
            "total": int(total or 0),
            "hits": [_web_hit(row, marked.get(row["row_id"])) for row in rows],
        }

    def quote_index(
        self, *, max_positions: int = MATCH_CACHE_POSITIONS, max_shown: int = SHOWN_QUOTES
    ) -> QuoteIndex:
        """The in-memory search index of the corpus as it is now (see :class:`QuoteIndex`);
        pass it to :meth:`quote_page` while the corpus is unchanged. ``max_positions``
        bounds the full-text matches it keeps for reuse, ``max_shown`` the quotes it keeps
        as pages show them."""
        return QuoteIndex.load(self._conn, max_positions=max_positions, max_shown=max_shown)

    def _highlighted(self, query: str, quote_ids: list[int]) -> dict[int, str]:
        """The quote texts of one page with the matched words between marks.

        FTS5 finds one row of a common word's matches by reading that word's whole list up
        to it (milliseconds per row); the page's few quotes are matched again in a small
        temporary index with the same tokenizer instead, which marks the same words.
        """
        if not quote_ids:
            return {}
        marks = ",".join("?" * len(quote_ids))
        if not self._marking_table:
            self._conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_MARKING} USING fts5("
                f"text, speaker_name, tokenize='{_FTS_TOKENIZER}')"
            )
            self._marking_table = True
        self._conn.execute(f"SAVEPOINT {_MARKING}")
        try:
            self._conn.execute(
                f"INSERT INTO temp.{_MARKING}(rowid, text, speaker_name) SELECT id, text, "
                f"coalesce(speaker_name, '') FROM quotes WHERE id IN ({marks})",
                quote_ids,
            )
            return dict(
                self._conn.execute(
                    f"SELECT rowid, highlight({_MARKING}, 0, ?, ?) FROM temp.{_MARKING} "
                    f"WHERE {_MARKING} MATCH ?",
                    [_MARK_OPEN, _MARK_CLOSE, query],
                )
            )
        finally:
            self._conn.execute(f"ROLLBACK TO {_MARKING}")
            self._conn.execute(f"RELEASE {_MARKING}")

    def _hits_by_id(
        self, quote_ids: list[int], query: str | None, index: QuoteIndex
    ) -> list[dict[str, Any]]:
        """The web hits of these quotes, in this order (a quote deleted meanwhile is left out);
        those ``index`` kept from earlier pages are not read again."""
        if not quote_ids:
            return []
        by_id = index.shown(quote_ids)
        missing = [i for i in quote_ids if i not in by_id]
        if missing:
            cursor = self._conn.execute(
                f"SELECT {_WEB_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article "
                f"LEFT JOIN speakers s ON s.id = q.speaker WHERE q.id IN "
                f"({','.join('?' * len(missing))})",
                missing,
            )
            # Plain dicts: sqlite3.Row finds a column by comparing its name with every other.
            names = [column[0] for column in cursor.description]
            read = {row[0]: _web_hit(dict(zip(names, row, strict=True)), None) for row in cursor}
            index.keep_shown(read)
            by_id.update(read)
        marks = self._page_marks(query, by_id) if query else {}
        return [_with_highlights(by_id[i], marks.get(i)) for i in quote_ids if i in by_id]

    def _page_marks(self, query: str, hits: dict[int, dict[str, Any]]) -> dict[int, Marks]:
        """Highlight offsets of a page's quotes (``hits`` by quote id).

        A query of plain ASCII words (``harbour``, ``harb*``) in a quote whose letters and
        digits are all ASCII is marked here, as the tokenizer would split and fold it: its
        words are the runs of ASCII letters and digits, compared without case. Other quotes
        and queries are marked by SQLite (:meth:`_highlighted`).
        """
        pattern = _marking_pattern(query)
        texts = {i: hit["quote"]["text"] for i, hit in hits.items()}
        simple = {} if pattern is None else {i: t for i, t in texts.items() if _ascii_words(t)}
        marks = {i: _word_marks(text, pattern) for i, text in simple.items() if pattern}
        rest = [i for i in texts if i not in simple]
        if rest:
            marked = self._highlighted(query, rest)
            marks.update({i: _marked_offsets(m) for i, m in marked.items()})
        return marks

    def _resolve_filters(
        self,
        speaker_id: int | None,
        speaker: str | None,
        outlet: str | None,
        since: str | None,
        until: str | None,
        type: str | None,
        act: str | None,
        article_id: int | None,
    ) -> QuoteFilters:
        """The filters checked (dates, type, act) and a speaker name resolved to speakers."""
        speaker_ids: tuple[int, ...] | None = None
        speaker_like: str | None = None
        if speaker and speaker.strip():
            ids = self._speaker_ids(speaker.strip())
            if ids:
                speaker_ids = tuple(ids)
            else:
                speaker_like = like_pattern(speaker.strip())
        start, end = _date_bound(since), _date_bound(until)
        if type and type not in QUOTE_TYPES:
            raise CorpusError(
                f"unknown quote type {type!r}", advice="use " + ", ".join(QUOTE_TYPES)
            )
        if act and act not in QUOTE_ACTS:
            raise CorpusError(f"unknown act {act!r}", advice="use " + ", ".join(QUOTE_ACTS))
        return QuoteFilters(
            speaker_id=None if speaker_id is None else int(speaker_id),
            speaker_ids=speaker_ids,
            speaker_like=speaker_like,
            outlet=outlet or None,
            since=start or None,
            until=end or None,
            type=type or None,
            act=act or None,
            article_id=None if article_id is None else int(article_id),
        )

    @contextmanager
    def _deadline(self, seconds: float, check_every: int) -> Iterator[None]:
        """Abort the statements run inside after ``seconds`` (a :class:`CorpusError`)."""
        # CPU time of this thread: under load, time spent waiting for a core is not the
        # query's fault, and counting it would refuse ordinary searches.
        give_up = time.thread_time() + seconds
        self._conn.set_progress_handler(lambda: int(time.thread_time() > give_up), check_every)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc) or time.thread_time() > give_up:
                raise CorpusError(
                    f"the search took longer than {seconds:g} s and was stopped",
                    advice="search for fewer or more telling words, or add filters",
                ) from exc
            unreadable = _unreadable_query(exc)
            if unreadable is not None:
                raise unreadable from exc
            raise
        finally:
            self._conn.set_progress_handler(None, 0)

    def article_page(
        self, *, outlet: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """Stored articles, newest first, with their quote counts and the ``total``."""
        where, params = ("WHERE a.outlet = ? COLLATE NOCASE", [outlet]) if outlet else ("", [])
        total = self._one(f"SELECT COUNT(*) FROM articles a {where}", params)
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        rows = cursor.execute(
            f"""SELECT a.id, a.doc_id, a.title, a.outlet, a.published, a.url,
                       (SELECT COUNT(*) FROM quotes q WHERE q.article = a.id) AS quotes
                FROM articles a {where}
                ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?""",
            [*params, int(limit), int(offset)],
        ).fetchall()
        return {"total": int(total or 0), "articles": [dict(row) for row in rows]}

    def article_view(self, row_id: int) -> dict[str, Any] | None:
        """A stored article as ``extract`` writes it, with the corpus-wide speaker behind each
        of its quotes (``speakers``: local speaker id → ``{id, name, kind}``; ``quote_speakers``:
        quote id → corpus speaker id)."""
        article = self.article(int(row_id))
        if article is None:
            return None
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        speakers = {
            row["local_id"]: {"id": row["id"], "name": row["name"], "kind": row["kind"]}
            for row in cursor.execute(
                "SELECT d.local_id, s.id, s.name, s.kind FROM speaker_descriptions d "
                "JOIN speakers s ON s.id = d.speaker WHERE d.article = ?",
                (int(row_id),),
            )
        }
        quote_speakers = {
            row["quote_id"]: row["speaker"]
            for row in cursor.execute(
                "SELECT quote_id, speaker FROM quotes WHERE article = ? AND speaker IS NOT NULL",
                (int(row_id),),
            )
        }
        return {
            "id": int(row_id),
            "article": article.to_dict(),
            "speakers": speakers,
            "quote_speakers": quote_speakers,
        }

    def speaker_page(
        self,
        *,
        name: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """Speakers, most quoted first, with quote and article counts and the ``total``; the
        corpus identities unless ``kind`` asks for the per-article unnamed or group sources."""
        where: list[str] = []
        params: list[Any] = []
        if name and name.strip():
            where.append("s.name LIKE ? ESCAPE '\\'")
            params.append(like_pattern(name.strip()))
        kinds = [kind] if kind else list(NAMED_KINDS)
        where.append(f"s.kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
        condition = " WHERE " + " AND ".join(where)
        total = self._one(f"SELECT COUNT(*) FROM speakers s{condition}", params)
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        rows = cursor.execute(
            f"""SELECT s.id, s.name, s.kind, COUNT(q.id) AS quotes,
                       COUNT(DISTINCT q.article) AS articles
                FROM speakers s LEFT JOIN quotes q ON q.speaker = s.id{condition}
                GROUP BY s.id ORDER BY quotes DESC, s.name, s.id LIMIT ? OFFSET ?""",
            [*params, int(limit), int(offset)],
        ).fetchall()
        return {"total": int(total or 0), "speakers": [dict(row) for row in rows]}

    def speaker_overview(self, speaker_id: int) -> dict[str, Any] | None:
        """What the speaker page shows: names, roles, organisations, descriptions, outlets and
        quotes per week and per month (quotes themselves come from :meth:`quote_page`)."""
        found = self._conn.execute(
            "SELECT name, kind FROM speakers WHERE id = ?", (int(speaker_id),)
        ).fetchone()
        if found is None:
            return None
        aliases = [
            row[0]
            for row in self._conn.execute(
                "SELECT alias FROM speaker_aliases WHERE speaker = ? ORDER BY alias",
                (int(speaker_id),),
            )
            if row[0] != found[0]
        ]
        roles: list[str] = []
        organizations: list[str] = []
        for roles_json, orgs_json in self._conn.execute(
            "SELECT roles, organizations FROM speaker_descriptions WHERE speaker = ? ORDER BY id",
            (int(speaker_id),),
        ):
            _extend_unique(roles, json.loads(roles_json))
            _extend_unique(organizations, json.loads(orgs_json))
        descriptions = [
            row[0]
            for row in self._conn.execute(
                "SELECT DISTINCT description FROM speaker_descriptions "
                "WHERE speaker = ? AND description IS NOT NULL ORDER BY description",
                (int(speaker_id),),
            )
        ]
        evidence = [
            f"{rule}: {detail}"
            for rule, detail in self._conn.execute(
                "SELECT DISTINCT rule, detail FROM speaker_evidence WHERE speaker = ? "
                "ORDER BY rule, detail",
                (int(speaker_id),),
            )
        ]
        counts = self._conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT q.article), MIN(a.published), MAX(a.published) "
            "FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker = ?",
            (int(speaker_id),),
        ).fetchone()
        return {
            "id": int(speaker_id),
            "name": found[0],
            "kind": found[1],
            "aliases": aliases,
            "roles": roles,
            "organizations": organizations,
            "descriptions": descriptions,
            "evidence": evidence,
            "quotes": counts[0],
            "articles": counts[1],
            "first_published": counts[2],
            "last_published": counts[3],
            "outlets": self._counted(
                "SELECT coalesce(a.outlet, 'unknown') AS label, COUNT(*) AS quotes "
                "FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker = ? "
                "GROUP BY label ORDER BY quotes DESC, label",
                (int(speaker_id),),
            ),
            "per_week": self._counted(
                f"SELECT {_WEEK_OF} AS label, COUNT(*) AS quotes FROM quotes q "
                "JOIN articles a ON a.id = q.article WHERE q.speaker = ? AND label IS NOT NULL "
                "GROUP BY label ORDER BY label",
                (int(speaker_id),),
            ),
            "per_month": self._counted(
                f"SELECT {_MONTH_OF} AS label, COUNT(*) AS quotes FROM quotes q "
                "JOIN articles a ON a.id = q.article WHERE q.speaker = ? AND label IS NOT NULL "
                "GROUP BY label ORDER BY label",
                (int(speaker_id),),
            ),
        }

    def _counted(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [{"label": row[0], "quotes": row[1]} for row in self._conn.execute(sql, params)]

    def dashboard(
        self, *, act: str | None = None, top: int = 10, days: int = 366
    ) -> dict[str, Any]:
        """Who gets quoted, where and when: top speakers, quotes per day (the latest ``days``
        days that have quotes), share by outlet, speaker kinds and most quoted organisations."""
        if act is not None and act not in QUOTE_ACTS:
            raise CorpusError(f"unknown act {act!r}", advice="use " + ", ".join(QUOTE_ACTS))
        only = "q.act = ?" if act else "1"
        acts = [act] if act else []
        joined = "quotes q JOIN articles a ON a.id = q.article"
        per_day = self._counted(
            f"SELECT substr(a.published, 1, 10) AS label, COUNT(*) AS quotes FROM {joined} "
            f"WHERE {only} AND a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            "GROUP BY label ORDER BY label DESC LIMIT ?",
            [*acts, int(days)],
        )
        return {
            "act": act,
            "quotes": self._one(f"SELECT COUNT(*) FROM quotes q WHERE {only}", acts),
            "top_speakers": [
                {"id": row[0], "label": row[1], "kind": row[2], "quotes": row[3]}
                for row in self._conn.execute(
                    f"SELECT s.id, s.name, s.kind, COUNT(*) AS n FROM quotes q "
                    f"JOIN speakers s ON s.id = q.speaker WHERE {only} "
                    f"AND s.kind IN ({','.join('?' * len(NAMED_KINDS))}) "
                    "GROUP BY s.id ORDER BY n DESC, s.name LIMIT ?",
                    [*acts, *NAMED_KINDS, int(top)],
                )
            ],
            "per_day": per_day[::-1],
            "outlets": self._counted(
                f"SELECT coalesce(a.outlet, 'unknown') AS label, COUNT(*) AS n FROM {joined} "
                f"WHERE {only} GROUP BY label ORDER BY n DESC, label",
                acts,
            ),
            "speaker_kinds": self._counted(
                f"SELECT coalesce(s.kind, 'unknown') AS label, COUNT(*) AS n FROM quotes q "
                f"LEFT JOIN speakers s ON s.id = q.speaker WHERE {only} "
                "GROUP BY label ORDER BY n DESC, label",
                acts,
            ),
            "organizations": self._counted(
                f"""SELECT label, COUNT(DISTINCT quote) AS n FROM (
                        SELECT s.name AS label, q.id AS quote FROM quotes q
                        JOIN speakers s ON s.id = q.speaker
                        WHERE {only} AND s.kind = 'organization'
                        UNION ALL
                        SELECT j.value, q.id FROM quotes q
                        JOIN speaker_descriptions d
                          ON d.article = q.article AND d.local_id = q.speaker_local_id,
                        json_each(d.organizations) j WHERE {only})
                    GROUP BY label ORDER BY n DESC, label LIMIT ?""",
                [*acts, *acts, int(top)],
            ),
        }

    def article_row(self, article: Article) -> int | None:
        """The row id the corpus keeps ``article`` under (same source, URL or text)."""
        return self._find_existing(article, text_hash(article.text))

    def known_outlets(self) -> list[str]:
        """Every outlet in the corpus, for filter suggestions."""
        return [
            row[0]
            for row in self._conn.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
            )
        ]


SORT_ORDERS = ("newest", "relevance")
_FTS_ROWIDS = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?"
_FTS_TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of ``quotes_fts`` (schema.sql): the marking table must split words alike."""
_MARKING = "quote_marks"
"""Temporary full-text table in which one page of quotes is matched again to mark words."""
ROW_ID_MAX = 2**63 - 1
"""SQLite's largest integer: a bigger number cannot be a row id (and would overflow)."""
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
_WEEK_OF = (
    "CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
    "THEN date(substr(a.published, 1, 10), 'weekday 0', '-6 days') END"
)
"""The Monday starting the week an article was published."""
_MONTH_OF = (
    "CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    "THEN substr(a.published, 1, 7) END"
)
_WEB_QUOTE_COLUMNS = """q.id AS row_id, q.quote_id, q.type, q.spans, q.text, q.cue, q.cue_start,
    q.cue_end, q.speaker_mention, q.speaker_start, q.speaker_end, q.speaker_local_id,
    q.speaker_name, q.confidence, q.act, q.via, q.resolved_by, q.speaker AS speaker_row,
    s.name AS speaker_canonical, s.kind AS speaker_kind, a.id AS article_row, a.doc_id,
    a.title, a.outlet, a.published, a.url"""


def as_row_id(value: str | int) -> int | None:
    """``value`` as a row id when it is one (ASCII digits, below 2^63), else None.

    ``str.isdigit`` also accepts ``²`` and ``①``, which ``int`` refuses; and a number past
    SQLite's integers overflows instead of simply matching nothing.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= ROW_ID_MAX else None
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,19}", text):
        return None
    number = int(text)
    return number if number <= ROW_ID_MAX else None


def _web_hit(row: Mapping[str, Any], marked: str | None) -> dict[str, Any]:
    quote = Quote(
        id=row["quote_id"],
        type=row["type"],
        spans=[(s, e) for s, e in json.loads(row["spans"])],
        text=row["text"],
        cue=Span(row["cue_start"], row["cue_end"], row["cue"]) if row["cue"] is not None else None,
        speaker=(
            Span(row["speaker_start"], row["speaker_end"], row["speaker_mention"])
            if row["speaker_mention"] is not None
            else None
        ),
        speaker_id=row["speaker_local_id"],
        speaker_name=row["speaker_name"],
        confidence=row["confidence"],
        act=row["act"],
        via=row["via"],
        resolved_by=row["resolved_by"],
    )
    return {
        "id": row["row_id"],
        "quote": quote.to_dict(),
        "article": {
            "id": row["article_row"],
            "doc_id": row["doc_id"],
            "title": row["title"],
            "outlet": row["outlet"],
            "published": row["published"],
            "url": row["url"],
        },
        "speaker": (
            {
                "id": row["speaker_row"],
                "name": row["speaker_canonical"],
                "kind": row["speaker_kind"],
            }
            if row["speaker_row"] is not None
            else None
        ),
        "highlights": _marked_offsets(marked) if marked else [],
    }


def _with_highlights(hit: dict[str, Any], marks: Marks | None) -> dict[str, Any]:
    """A copy of a kept hit (shared between pages) with this search's highlights."""
    return {**hit, "highlights": marks or []}


_WORD_REST = "[A-Za-z0-9]*"
_NOT_AFTER_WORD, _NOT_BEFORE_WORD = "(?<![A-Za-z0-9])", "(?![A-Za-z0-9])"
"""A word of ASCII text, for the tokenizer, is a whole run of ASCII letters and digits."""
MARKING_PATTERNS = 1024
"""Queries whose marking pattern is kept."""
_PLAIN_TERM = re.compile(r'"([A-Za-z0-9]+)"(\*?)')
_TOKEN_CATEGORIES = ("L", "N", "Co", "M")
"""Unicode categories the tokenizer may read as (part of) a word: letters and numbers and
private-use characters are word characters for unicode61; marks are left to it too."""


def _plain_words(query: str) -> list[tuple[str, bool]] | None:
    """The words of a query of plain ASCII words that must all occur, lowercased, each
    with whether it is a prefix (``harb*``); None for any other query."""
    terms = and_terms(query)
    if terms is None:
        return None
    words = []
    for term in terms:
        plain = _PLAIN_TERM.fullmatch(term)
        if plain is None:
            return None
        words.append((plain.group(1).lower(), bool(plain.group(2))))
    return words


def _ascii_words(text: str) -> bool:
    """Whether every word character of ``text`` is ASCII (punctuation, spaces and symbols
    such as curly quotes and dashes may be anything)."""
    return text.isascii() or not any(
        not char.isascii() and unicodedata.category(char).startswith(_TOKEN_CATEGORIES)
        for char in text
    )


@functools.lru_cache(maxsize=MARKING_PATTERNS)
def _marking_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern finding the words of ``text`` that are (or, for a prefix, begin with) one
    of the query's plain words, whole words only; None unless :func:`_plain_words` reads it."""
    words = _plain_words(query)
    if words is None:
        return None
    choices = "|".join(re.escape(word) + (_WORD_REST if prefix else "") for word, prefix in words)
    return re.compile(f"{_NOT_AFTER_WORD}(?:{choices}){_NOT_BEFORE_WORD}", re.ASCII | re.IGNORECASE)


def _word_marks(text: str, pattern: re.Pattern[str]) -> Marks:
    """The marks FTS5's ``highlight`` gives a text of ASCII words (see :func:`_marking_pattern`)."""
    return [[found.start(), found.end()] for found in pattern.finditer(text)]


def _marked_offsets(marked: str) -> list[list[int]]:
    """Offsets of the text between FTS5 highlight marks, in the text without the marks."""
    # Piece by piece (``split``), not character by character: a page has twenty texts.
    offsets: list[list[int]] = []
    pieces = marked.split(_MARK_OPEN)
    plain = len(pieces[0])
    for piece in pieces[1:]:
        inside, _, after = piece.partition(_MARK_CLOSE)
        offsets.append([plain, plain + len(inside)])
        plain += len(inside) + len(after)
    return offsets


def _entity_label(name: str, entities: Sequence[Entity]) -> str | None:
    """The label of the article's entity whose text is ``name``, if any."""
    key = normalise_name(name, "organization")
    return next((e.label for e in entities if normalise_name(e.text, "organization") == key), None)


def _identity_kind(cls: str, kind: str) -> str:
    """The kind of the corpus speaker a description of class ``cls`` belongs to."""
    if cls == LOCAL:
        return kind if kind in ("unnamed", "group") else "unnamed"
    return {PERSON: "person", ORGANIZATION: "organization"}.get(cls, "unknown")


def _speaker_keys(name: str, kind: str) -> tuple[str, str | None]:
    """A speaker row's name key and surname (persons only), for look-ups by name."""
    if kind == "person":
        return normalise_name(name, "person"), surname(name)
    return normalise_name(name, "organization"), None


def _extend_unique(target: list[str], values: list[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


__all__ = ["SCHEMA_VERSION", "Corpus", "as_row_id", "default_db_path", "text_hash"]
