"""The SQLite corpus: articles with their quotes and globally resolved speakers, searchable.

Every article is written in one transaction (article, sources, speakers, quotes, entities), so
a process killed at any moment leaves either the whole article or none of it. The database runs
in WAL mode, so readers (search, the web app) are not blocked by an ingest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import CorpusError, DocumentError, NewsquotesError
from ..model import Article, Entity, Quote, Region, Span, Speaker
from ..resolve.identity import (
    Identity,
    Mention,
    canonical_name,
    is_surname_only,
    match_identity,
    normalise_name,
    surname,
)
from .migrations import SCHEMA_VERSION, migrate, schema_version
from .records import ErrorRecord, QuoteHit, SpeakerDescription, SpeakerProfile, SpeakerSummary

if TYPE_CHECKING:
    import pandas

DEFAULT_DB = "newsquotes.db"
TABLES = ("quotes", "speakers", "articles")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")


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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a user typed: words AND-ed, "quoted phrases" kept whole."""
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]+)"|(\w+\*?)', text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word.endswith("*"):
            parts.append(f'"{word[:-1]}"*')
        else:
            parts.append(f'"{word}"')
    return " ".join(parts) or None


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
        raise CorpusError(
            "data frames need pandas", advice="pip install 'newsquotes[export]'"
        ) from exc
    return pandas


_HIT_SELECT = """
SELECT q.id, q.quote_id, q.article, q.type, q.text, q.spans, q.cue, q.speaker_mention,
       q.speaker_name, q.speaker, s.name, s.kind, q.confidence,
       a.outlet, a.published, a.title, a.url, a.source
FROM quotes q
JOIN articles a ON a.id = q.article
LEFT JOIN speakers s ON s.id = q.speaker
"""


def _hit(row: Sequence[Any]) -> QuoteHit:
    return QuoteHit(
        id=row[0],
        quote_id=row[1],
        article_id=row[2],
        type=row[3],
        text=row[4],
        spans=json.loads(row[5]),
        cue=row[6],
        speaker_mention=row[7],
        speaker_name=row[8],
        speaker_id=row[9],
        speaker=row[10],
        speaker_kind=row[11],
        confidence=row[12],
        outlet=row[13],
        published=row[14],
        title=row[15],
        url=row[16],
        source=row[17],
    )


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
            self.version = migrate(self._conn, name)
        except sqlite3.DatabaseError as exc:
            raise CorpusError(
                f"{name} cannot be opened as a corpus: {exc}",
                advice="is it an SQLite file? give another file with --db or $NEWSQUOTES_DB",
            ) from exc

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
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
        global_ids: dict[str, int] = {}
        for sp in article.speakers:
            global_ids[sp.id] = self._resolve(sp)
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
        by_name: dict[str, int] = {}
        for quote in article.quotes:
            speaker_row = global_ids.get(quote.speaker_id or "")
            if speaker_row is None and quote.speaker_name:
                if quote.speaker_name not in by_name:
                    by_name[quote.speaker_name] = self._resolve(
                        Speaker(id="", name=quote.speaker_name, kind="unknown")
                    )
                speaker_row = by_name[quote.speaker_name]
            self._insert_quote(article, article_row, quote, speaker_row)
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

    def _candidates(self, mention: Mention) -> list[Identity]:
        compare_kind = "person" if mention.kind in ("person", "unknown") else mention.kind
        names = [mention.name, *mention.aliases]
        keys = {normalise_name(n, compare_kind) for n in names} - {""}
        family = {s for n in names if (s := surname(n))} if compare_kind == "person" else set()
        lookups = sorted(keys | family)
        if not lookups:
            return []
        marks = ",".join("?" * len(lookups))
        rows = self._conn.execute(
            f"""SELECT id FROM speakers WHERE name_key IN ({marks}) OR surname IN ({marks})
                UNION SELECT speaker FROM speaker_aliases WHERE alias_key IN ({marks})""",
            lookups * 3,
        ).fetchall()
        return [self._identity(int(row[0])) for row in rows]

    def _identity(self, speaker_id: int) -> Identity:
        name, kind = self._conn.execute(
            "SELECT name, kind FROM speakers WHERE id = ?", (speaker_id,)
        ).fetchone()
        aliases = [
            r[0]
            for r in self._conn.execute(
                "SELECT alias FROM speaker_aliases WHERE speaker = ?", (speaker_id,)
            )
        ]
        roles: set[str] = set()
        orgs: set[str] = set()
        for roles_json, orgs_json in self._conn.execute(
            "SELECT DISTINCT roles, organizations FROM speaker_descriptions WHERE speaker = ?",
            (speaker_id,),
        ):
            roles.update(json.loads(roles_json))
            orgs.update(json.loads(orgs_json))
        return Identity(
            speaker_id, name, kind, tuple(aliases), tuple(sorted(roles)), tuple(sorted(orgs))
        )

    def _resolve(self, sp: Speaker) -> int:
        """The global speaker id for an article's speaker, creating or updating the identity."""
        mention = Mention(
            sp.name, sp.kind, tuple(sp.aliases), tuple(sp.roles), tuple(sp.organizations)
        )
        found = match_identity(mention, self._candidates(mention))
        if found is None:
            cur = self._conn.execute(
                "INSERT INTO speakers(name, kind, name_key, surname) VALUES (?, ?, ?, ?)",
                (sp.name, sp.kind, *self._keys(sp.name, sp.kind)),
            )
            found = int(cur.lastrowid or 0)
        else:
            name, kind = self._conn.execute(
                "SELECT name, kind FROM speakers WHERE id = ?", (found,)
            ).fetchone()
            new_kind = sp.kind if kind == "unknown" else kind
            new_name = canonical_name(name, sp.name, new_kind)
            if (new_name, new_kind) != (name, kind):
                self._conn.execute(
                    "UPDATE speakers SET name = ?, kind = ?, name_key = ?, surname = ? "
                    "WHERE id = ?",
                    (new_name, new_kind, *self._keys(new_name, new_kind), found),
                )
        kind = sp.kind if sp.kind != "unknown" else "person"
        for alias in {sp.name, *sp.aliases}:
            key = normalise_name(alias, kind if kind in ("organization", "group") else "person")
            if key:
                self._conn.execute(
                    "INSERT OR IGNORE INTO speaker_aliases(speaker, alias, alias_key) "
                    "VALUES (?, ?, ?)",
                    (found, alias, key),
                )
        return found

    @staticmethod
    def _keys(name: str, kind: str) -> tuple[str, str | None]:
        personal = kind in ("person", "unknown")
        key = normalise_name(name, "person" if personal else kind)
        family = surname(name) if personal and not is_surname_only(name) else None
        return key, family

    # -- reading ---------------------------------------------------------------------------

    def _speaker_ids(self, name_or_id: str | int) -> list[int]:
        """Global speakers a user means by a name (or id): exact name, alias, then surname."""
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            return [int(name_or_id)]
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
        limit: int | None = 50,
        offset: int = 0,
        as_frame: bool = False,
    ) -> list[QuoteHit] | pandas.DataFrame:
        """Quotes matching all the given filters; best text matches first, else newest first.

        ``text`` is words (all must occur) and "quoted phrases"; ``speaker`` a name, alias,
        surname or speaker id; ``since``/``until`` dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
        both inclusive) compared with the article's published date.
        """
        where: list[str] = []
        params: list[Any] = []
        sql = _HIT_SELECT
        order = "ORDER BY a.published IS NULL, a.published DESC, q.id"
        query = _fts_query(text) if text else None
        if query:
            sql += " JOIN quotes_fts f ON f.rowid = q.id"
            where.append("quotes_fts MATCH ?")
            params.append(query)
            order = "ORDER BY f.rank, q.id"
        if speaker is not None and str(speaker).strip():
            ids = self._speaker_ids(speaker)
            if ids:
                where.append(f"q.speaker IN ({','.join('?' * len(ids))})")
                params.extend(ids)
            else:
                where.append("q.speaker_name LIKE ?")
                params.append(f"%{speaker}%")
        if outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        start, end = _date_bound(since), _date_bound(until)
        if start:
            where.append("a.published >= ?")
            params.append(start)
        if end:
            where.append("substr(a.published, 1, ?) <= ?")
            params.extend([len(end), end])
        if type:
            if type not in ("direct", "mixed", "indirect"):
                raise CorpusError(
                    f"unknown quote type {type!r}", advice="use direct, mixed or indirect"
                )
            where.append("q.type = ?")
            params.append(type)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" {order} LIMIT ? OFFSET ?"
        params.extend([-1 if limit is None else int(limit), int(offset)])
        hits = [_hit(row) for row in self._conn.execute(sql, params)]
        if as_frame:
            return _need_pandas().DataFrame([h.to_dict() for h in hits])
        return hits

    def speakers(self, top: int | None = None) -> list[SpeakerSummary]:
        """Global speakers, most quoted first, with where they are quoted and their roles."""
        rows = self._conn.execute(
            """SELECT s.id, s.name, s.kind, COUNT(q.id), COUNT(DISTINCT q.article),
                      MIN(a.published), MAX(a.published)
               FROM speakers s
               LEFT JOIN quotes q ON q.speaker = s.id
               LEFT JOIN articles a ON a.id = q.article
               GROUP BY s.id ORDER BY COUNT(q.id) DESC, s.name LIMIT ?""",
            (-1 if top is None else int(top),),
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
        quotes = [
            _hit(r)
            for r in self._conn.execute(
                _HIT_SELECT + " WHERE q.speaker = ? ORDER BY a.published IS NULL, a.published, "
                "q.article, q.start",
                (sid,),
            )
        ]
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
        return SpeakerProfile(sid, name, kind, aliases, quotes, descriptions, outlets, timeline)

    def article(self, article_id: int | str) -> Article | None:
        """A stored article as the pipeline returned it (by row id, document id, URL or source)."""
        if isinstance(article_id, int) or str(article_id).isdigit():
            row = self._conn.execute(
                "SELECT * FROM articles WHERE id = ?", (int(article_id),)
            ).fetchone()
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
            for summary in self.speakers():
                yield summary.to_dict()
            return
        if table == "quotes":
            last = 0
            while True:
                page = self._conn.execute(
                    _HIT_SELECT + " WHERE q.id > ? ORDER BY q.id LIMIT 1000", (last,)
                ).fetchall()
                if not page:
                    return
                for row in page:
                    yield _hit(row).to_dict()
                last = page[-1][0]
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


def _extend_unique(target: list[str], values: list[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


__all__ = ["SCHEMA_VERSION", "Corpus", "default_db_path", "text_hash"]
