"""WARC files (web archives): each HTML response or resource record becomes an article.

Other records are skipped and counted by reason. A malformed record is reported as a
:class:`FormatError` naming ``path#offset``, and reading resumes at the next record it can find.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from ..errors import DocumentError, DocumentTooLargeError, FormatError
from ..model import Article
from .detect import SNIFF_BYTES, detect_format
from .html import article_from_html
from .sources import GZIP_MAGIC, MAX_DOCUMENT_BYTES, Source, decode_bytes
from .stats import ReadStats

_SCAN_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml")
_NEXT_RECORD_INSIDE = re.compile(rb"\r\n\r\nWARC/1\.[01]\r\n")
"""The end of one record and the start of the next: inside a payload, the record's
Content-Length is too long and it swallowed (part of) the record after it."""


class _Resync(Exception):
    """Stop iterating here and look for the next record from ``offset`` on."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _missing_bytes(record: Any) -> int:
    """How many bytes of the record's Content-Length the file did not hold (0: complete)."""
    return max(0, int(getattr(record.raw_stream, "limit", 0) or 0))


def url_id(url: str | None, fallback: str) -> str:
    """A readable, unique-enough article id from a URL: host and path slug plus a short hash."""
    if not url:
        return fallback
    parts = urlsplit(url)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.netloc}{parts.path}".lower()).strip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug[-60:].lstrip('-')}-{digest}" if slug else digest


def _find_next_record(raw: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Offset of the next record start (a gzip member, or ``WARC/1.`` at a line start)."""
    marker = GZIP_MAGIC + b"\x08" if gzipped else b"\nWARC/1."
    skip = 0 if gzipped else 1
    position = start
    raw.seek(position)
    tail = b""
    while True:
        chunk = raw.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = window[-(len(marker) - 1) :]
        position += len(chunk)


def _content_type(record: Any) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article, or None if it may be one."""
    if record.rec_type is None:
        return None
    if record.rec_type not in ("response", "resource"):
        return str(record.rec_type)
    if record.rec_type == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"http status {status[:1] or '?'}xx"
    return None


def _record_article(record: Any, payload: bytes, name: str, stats: ReadStats) -> Article | None:
    """The article in one record, or None (counted in ``stats``) if it holds none."""
    content_type = _content_type(record)
    is_html = any(kind in content_type.lower() for kind in _HTML_TYPES)
    if not is_html and (content_type == "" or "text/plain" in content_type.lower()):
        is_html = detect_format(payload[:SNIFF_BYTES]) == "html"
    if not is_html:
        stats.skipped[f"non-html {record.rec_type}"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = decode_bytes(payload, name, header=content_type)
    return article_from_html(
        html,
        id=url_id(url, fallback=name.rsplit("/", 1)[-1]),
        source=name,
        url=url,
        published=record.rec_headers.get_header("WARC-Date"),
    )


def _check_record(record: Any, payload: bytes, name: str, offset: int) -> DocumentError | None:
    """A record cut short (the file ends, or its gzip member ends, before its Content-Length)
    is an error, never an article; so is one whose Content-Length runs into the next record
    (raises :class:`_Resync` so that record is read after all)."""
    if len(payload) > MAX_DOCUMENT_BYTES:
        return DocumentTooLargeError(name, "record payload over the size limit")
    missing = _missing_bytes(record)
    if missing:
        return FormatError(
            name,
            f"the record is cut short: {missing:,} of its {record.length:,} bytes "
            "(Content-Length) are missing",
            advice="the file was truncated; download or copy it again",
        )
    if _NEXT_RECORD_INSIDE.search(payload):
        raise _Resync(offset)
    return None


def read_warc(source: Source, stats: ReadStats) -> Iterator[Article | DocumentError]:
    """Yield an article per HTML record and an error per malformed or unreadable record."""
    gzipped = source.is_gzipped()
    with source.open_raw() as raw:
        base = 0
        while True:
            raw.seek(base)
            iterator = ArchiveIterator(raw)
            try:
                for record in iterator:
                    reason = _skip_reason(record)
                    if reason is not None:
                        stats.skipped[reason] += 1
                        continue
                    payload = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                    offset = base + iterator.get_record_offset()
                    name = f"{source.name}#{offset}"
                    if record.rec_type is None:
                        yield FormatError(name, "WARC record without a WARC-Type header")
                        continue
                    problem = _check_record(record, payload, name, offset)
                    if problem is not None:
                        yield problem
                        continue
                    try:
                        article = _record_article(record, payload, name, stats)
                    except DocumentError as exc:
                        yield exc
                        continue
                    if article is not None:
                        yield article
                return
            except _Resync as resync:
                yield FormatError(
                    f"{source.name}#{resync.offset}",
                    "the record's Content-Length runs into the next record",
                    advice="the reader skipped to the next record it could find",
                )
                failed_at = resync.offset
            except Exception as exc:  # warcio signals a broken record with many exception types
                failed_at = base + int(getattr(iterator, "offset", 0) or 0)
                yield FormatError(
                    f"{source.name}#{failed_at}",
                    f"malformed WARC record ({type(exc).__name__}: {str(exc).strip()})",
                    advice="the reader skipped to the next record it could find",
                )
            resume = _find_next_record(raw, failed_at + 1, gzipped)
            if resume is None:
                return
            base = resume
