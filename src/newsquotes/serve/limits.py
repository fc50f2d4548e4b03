"""Every bound the web server keeps, in one place, so a deployment can change them together."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.fts import QueryLimits

LOCAL_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
"""Host names a browser uses for this machine; others are refused unless allowed."""


@dataclass(frozen=True, slots=True)
class ServeLimits:
    """Sizes, times and page lengths the API enforces (the defaults suit one laptop)."""

    max_body_bytes: int = 1024 * 1024
    """Largest POST body; more is answered 413 before it is read."""
    max_extract_chars: int = 200_000
    """Longest text ``POST /extract`` and ``POST /articles`` take interactively (413 past it);
    larger articles belong to ``newsquotes ingest``."""
    extract_timeout_s: float = 60.0
    """Longest one extraction may take before the request is answered 503 and its worker
    process is replaced."""
    extract_workers: int = 1
    """Worker processes that run the pipeline; 0 runs it in a server thread (tests)."""
    extract_queue: int = 4
    """Extractions waiting beyond those running before new ones are answered 503."""
    max_page: int = 100
    """Most items one list page returns."""
    max_offset: int = 10_000_000
    """Largest offset a list accepts."""
    top: int = 10
    """Entries per dashboard chart."""
    dashboard_days: int = 366
    """Days the quotes-per-day chart covers (the latest that have quotes)."""
    cache_entries: int = 4096
    """Answers to searches and dashboards kept for reuse (0: none)."""
    cache_ttl_s: float = 60.0
    """Longest an answer is reused even when the corpus files look unchanged."""
    search_index: bool = True
    """Answer searches from an in-memory index of every quote's filter columns (about 50
    bytes a quote, rebuilt when the corpus changes) instead of walking their matches in
    SQL; same answers."""
    quick_search: bool = True
    """Answer plain searches (known parameters, each once, numbers as digits within range)
    before FastAPI's parameter machinery, and newest-first ones over a current index on the
    event loop, not a worker thread; same answers, a fraction of the CPU."""
    search_index_ttl_s: float = 600.0
    """Longest the search index is used while the corpus files look unchanged (a write
    always changes them and retires it at once). A renewal rebuilds it and forgets every
    query's matches and every shown quote: done each minute, it was a dip of a few seconds
    in a busy server's answers every minute."""
    search_index_positions: int = 8_000_000
    """Most full-text match positions the index keeps for reuse, over all queries (4 bytes
    each)."""
    search_index_shown: int = 10_000
    """Most quotes the index keeps as search pages show them (about 2.5 KB each), so a
    quote on many pages is read and built once."""
    query: QueryLimits = field(default_factory=QueryLimits)


DEFAULT_LIMITS = ServeLimits()
