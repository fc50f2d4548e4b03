"""The columns every quote search filters and sorts on, held in memory for a busy server.

A search for a common word matches a quarter of the corpus. Answered in SQL, its ``total``
alone walks every match and looks up its quote row (the act filter) and often its article (an
outlet or a date): about 17,000 row lookups, 10 ms or more, for each of a few hundred searches
a second. Here the quotes' act, type, article, speaker, outlet and date sit in arrays ordered
newest first (the page order), and the full-text matches of each query are kept as positions
in that order. A search is then a few vectorised comparisons over the matches, its total a
sum, its page a slice; only the twenty quotes of the page are read from SQLite.

An index is a snapshot: whoever holds it must drop it when the corpus changes (the server
keys it by the corpus files, as its answer cache). A speaker name that means no corpus
speaker is matched as SQL's ``LIKE`` would match the quoted names, once per distinct name
rather than once per quote. The relevance order (bm25) is left to SQL: :meth:`QuoteIndex.select`
answers None for it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .fts import and_terms

MATCH_CACHE_POSITIONS = 8_000_000
"""Most match positions kept over all cached queries (4 bytes each: 32 MB)."""
SHOWN_QUOTES = 10_000
"""Most quotes kept as shown in a page of hits (about 2.5 KB each: 25 MB)."""
Marks = list[list[int]]
"""Highlight offsets in a quote's text: ``[[start, end], ...]``."""
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""SQLite's NOCASE folds ASCII letters only; ``str.lower`` would fold more."""
_NO_SPEAKER = -1
_COLUMN_COUNT = 8
_COLUMNS_SQL = (
    "SELECT q.id, q.act, q.type, q.article, q.speaker, a.outlet, a.published, q.speaker_name "
    "FROM quotes q JOIN articles a ON a.id = q.article ORDER BY a.published DESC, q.id"
)
"""Every quote in the newest-first page order (undated articles last, as in SQL)."""
_MATCHES_SQL = "SELECT group_concat(rowid) FROM quotes_fts WHERE quotes_fts MATCH ?"


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """What a quote search asks for, validated and resolved once for SQL and the index alike.

    ``speaker_ids`` are the corpus speakers a speaker name means; ``speaker_like`` is the
    ``LIKE`` pattern on the quoted name used when the name means no corpus speaker.
    """

    speaker_id: int | None = None
    speaker_ids: tuple[int, ...] | None = None
    speaker_like: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    act: str | None = None
    article_id: int | None = None

    def sql(self) -> tuple[list[str], list[object]]:
        """The WHERE conditions (quotes ``q``, articles ``a``) and their parameters."""
        where: list[str] = []
        params: list[object] = []
        if self.speaker_id is not None:
            where.append("q.speaker = ?")
            params.append(self.speaker_id)
        if self.speaker_ids is not None:
            where.append(f"q.speaker IN ({','.join('?' * len(self.speaker_ids))})")
            params.extend(self.speaker_ids)
        if self.speaker_like is not None:
            where.append("q.speaker_name LIKE ? ESCAPE '\\'")
            params.append(self.speaker_like)
        if self.outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            params.append(self.outlet)
        if self.since:
            where.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            where.append("substr(a.published, 1, ?) <= ?")
            params.extend([len(self.until), self.until])
        if self.type:
            where.append("q.type = ?")
            params.append(self.type)
        if self.act:
            where.append("+q.act = ?")  # "+": two values only, an index on it misleads
            params.append(self.act)
        if self.article_id is not None:
            where.append("q.article = ?")
            params.append(self.article_id)
        return where, params

    def date_allows(self, published: str | None) -> bool:
        """Whether an article published on ``published`` passes since/until, exactly as the
        SQL conditions above compare the text (an undated article passes no bound)."""
        if published is None:
            return not (self.since or self.until)
        if self.since and not published >= self.since:
            return False
        return not (self.until and not published[: len(self.until)] <= self.until)


_LIKE_ESCAPE = "\\"
_LIKE_ANY = {"%": ".*", "_": "."}


def like_matcher(pattern: str) -> re.Pattern[str]:
    """SQLite's ``LIKE pattern ESCAPE '\\'`` as a regular expression, to ``fullmatch`` a
    text folded with :data:`_NOCASE` (LIKE ignores the case of ASCII letters only)."""
    parts: list[str] = []
    chars = iter(pattern.translate(_NOCASE))
    for char in chars:
        if char == _LIKE_ESCAPE:
            parts.append(re.escape(next(chars, "")))
        else:
            parts.append(_LIKE_ANY.get(char) or re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def _intersect(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The positions in both sorted arrays (binary search of the shorter in the longer)."""
    if len(left) > len(right):
        left, right = right, left
    if not len(left) or not len(right):
        return left[:0]
    at = np.minimum(np.searchsorted(right, left), len(right) - 1)
    return left[right[at] == left]


def _codes(values: Iterable[str | None]) -> tuple[np.ndarray, dict[str | None, int]]:
    """Each value as a small integer code, and the code of each distinct value."""
    table: dict[str | None, int] = {}
    codes = [table.setdefault(v, len(table)) for v in values]
    return np.asarray(codes, dtype=np.int32), table


class QuoteIndex:
    """Every quote's filter columns, newest first, and the positions each query matches."""

    def __init__(
        self,
        rows: list[tuple[object, ...]],
        *,
        max_positions: int = MATCH_CACHE_POSITIONS,
        max_shown: int = SHOWN_QUOTES,
    ) -> None:
        """``rows``: (id, act, type, article, speaker, outlet, published, speaker_name) of
        every quote, newest first, as :meth:`load` reads them."""
        columns = list(zip(*rows, strict=True)) if rows else [()] * _COLUMN_COUNT
        ids, acts, types, articles, speakers, outlets, published, names = columns
        self.ids = np.asarray(ids, dtype=np.int64)
        self.article = np.asarray(articles, dtype=np.int64)
        self.speaker = np.asarray(
            [_NO_SPEAKER if s is None else s for s in speakers], dtype=np.int64
        )
        self.act, self._act_codes = _codes(acts)  # type: ignore[arg-type]
        self.type, self._type_codes = _codes(types)  # type: ignore[arg-type]
        folded = [None if o is None else str(o).translate(_NOCASE) for o in outlets]
        self.outlet, self._outlet_codes = _codes(folded)
        self.published, dates = _codes(published)  # type: ignore[arg-type]
        self._dates = list(dates)
        self.speaker_name, quoted_names = _codes(names)  # type: ignore[arg-type]
        self._quoted_names = list(quoted_names)
        order = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[order]
        self._position_of_sorted = order.astype(np.int32)
        self._all = np.arange(len(self.ids), dtype=np.int32)
        self._matches: OrderedDict[str, np.ndarray] = OrderedDict()
        self._kept_positions = 0
        self._max_positions = max_positions
        self._shown: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._max_shown = max_shown
        self._lock = threading.Lock()

    @classmethod
    def load(cls, conn: sqlite3.Connection, **options: int) -> QuoteIndex:
        """The index of the corpus as ``conn`` sees it now."""
        return cls(conn.execute(_COLUMNS_SQL).fetchall(), **options)

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, conn: sqlite3.Connection, query: str | None) -> np.ndarray:
        """Positions (page order) of the quotes the FTS5 ``query`` matches; all without one.

        Matches are kept per query: a few hundred popular searches make most of a load. A
        query of terms that must all occur is the intersection of its terms' matches, so
        "harbour ferry" costs nothing more once "harbour" and "ferry" were asked for.
        """
        if query is None:
            return self._all
        found = self._kept(query)
        if found is not None:
            return found
        terms = and_terms(query)
        if terms is not None and len(terms) > 1:
            found = self.positions(conn, terms[0])
            for term in terms[1:]:
                found = _intersect(found, self.positions(conn, term))
        else:
            found = self._matched(conn, query)
        self._keep(query, found)
        return found

    def holds_matches(self, query: str | None) -> bool:
        """Whether :meth:`positions` would answer ``query`` without reading SQLite."""
        if query is None or self._kept(query) is not None:
            return True
        terms = and_terms(query)
        return terms is not None and len(terms) > 1 and all(self.holds_matches(t) for t in terms)

    def _matched(self, conn: sqlite3.Connection, query: str) -> np.ndarray:
        """Positions of the quotes SQLite's full-text index matches, sorted."""
        # One comma-separated string parsed by numpy: half the time of a row per match.
        listed = conn.execute(_MATCHES_SQL, (query,)).fetchone()[0] or ""
        rowids = np.fromstring(listed, dtype=np.int64, sep=",")
        at = np.searchsorted(self._sorted_ids, rowids)
        at[at >= len(self._sorted_ids)] = 0
        known = self._sorted_ids[at] == rowids if len(self._sorted_ids) else rowids < 0
        # Quotes stored after this snapshot are not in it; the holder rebuilds on change.
        return np.sort(self._position_of_sorted[at[known]])

    def _kept(self, query: str) -> np.ndarray | None:
        with self._lock:
            found = self._matches.get(query)
            if found is not None:
                self._matches.move_to_end(query)
            return found

    def _keep(self, query: str, found: np.ndarray) -> None:
        with self._lock:
            if query not in self._matches:
                self._matches[query] = found
                self._kept_positions += len(found)
            while self._kept_positions > self._max_positions and len(self._matches) > 1:
                _, dropped = self._matches.popitem(last=False)
                self._kept_positions -= len(dropped)

    def shown(self, quote_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The kept hits (as a page shows them, without highlights) of those of these
        quotes that were shown before.

        The newest quotes head the pages of most searches: a page's twenty rows are mostly
        ones read and built for another search a moment ago. The hits are shared: whoever
        gets one copies it before changing it.
        """
        found: dict[int, dict[str, Any]] = {}
        with self._lock:
            for quote_id in quote_ids:
                hit = self._shown.get(quote_id)
                if hit is not None:
                    self._shown.move_to_end(quote_id)
                    found[quote_id] = hit
        return found

    def keep_shown(self, hits: dict[int, dict[str, Any]]) -> None:
        """Keep these hits by quote id (the least recently shown go past the bound)."""
        if self._max_shown <= 0:
            return
        with self._lock:
            self._shown.update(hits)
            while len(self._shown) > self._max_shown:
                self._shown.popitem(last=False)

    def select(
        self,
        conn: sqlite3.Connection,
        query: str | None,
        filters: QuoteFilters,
        *,
        limit: int,
        offset: int,
    ) -> tuple[int, list[int]] | None:
        """``(total, quote ids of the page)`` newest first."""
        hits = self.positions(conn, query)
        keep = self._mask(hits, filters)
        chosen = hits if keep is None else hits[keep]
        page = chosen[offset : offset + limit]
        return len(chosen), [int(i) for i in self.ids[page]]

    def _mask(self, hits: np.ndarray, filters: QuoteFilters) -> np.ndarray | None:
        """Which of ``hits`` pass every filter (None: all of them)."""
        keep: np.ndarray | None = None

        def both(passes: np.ndarray) -> None:
            nonlocal keep
            keep = passes if keep is None else keep & passes

        if filters.speaker_id is not None:
            both(self.speaker[hits] == filters.speaker_id)
        if filters.speaker_ids is not None:
            both(np.isin(self.speaker[hits], np.asarray(filters.speaker_ids, dtype=np.int64)))
        if filters.speaker_like is not None:
            both(self._names_like(filters.speaker_like)[self.speaker_name[hits]])
        if filters.outlet:
            both(self.outlet[hits] == self._outlet_codes.get(filters.outlet.translate(_NOCASE), -1))
        if filters.since or filters.until:
            allowed = np.asarray([filters.date_allows(d) for d in self._dates], dtype=bool)
            both(allowed[self.published[hits]])
        if filters.type:
            both(self.type[hits] == self._type_codes.get(filters.type, -1))
        if filters.act:
            both(self.act[hits] == self._act_codes.get(filters.act, -1))
        if filters.article_id is not None:
            both(self.article[hits] == filters.article_id)
        return keep

    def _names_like(self, pattern: str) -> np.ndarray:
        """For each distinct quoted speaker name (by code), whether it is ``LIKE pattern``."""
        matcher = like_matcher(pattern)
        return np.asarray(
            [
                name is not None and matcher.fullmatch(name.translate(_NOCASE)) is not None
                for name in self._quoted_names
            ],
            dtype=bool,
        )


__all__ = ["SHOWN_QUOTES", "Marks", "QuoteFilters", "QuoteIndex", "like_matcher"]
