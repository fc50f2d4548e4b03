"""Readers: turn files, directories, globs and stdin into :class:`Article` records.

The format of each document is sniffed from its content (WARC, JSONL, HTML, plain text), and
gzip is undone wherever it appears. A bad document becomes a :class:`DocumentError` naming it,
and reading goes on with the rest.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError, EmptyDocumentError
from ..model import Article
from .detect import SNIFF_BYTES, detect_format
from .html import article_from_html
from .jsonl import read_jsonl
from .sources import (
    GZIP_ERRORS,
    MAX_DOCUMENT_BYTES,
    Source,
    bounded_lines,
    decode_bytes,
    expand_paths,
    gzip_error,
    looks_binary,
    read_limited,
)
from .stats import ReadStats
from .text import article_from_text
from .warc import read_warc

__all__ = ["ReadStats", "Source", "read_bytes", "read_documents"]


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode): the same file however the path is spelled, or None if absent."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _read_source(source: Source, stats: ReadStats) -> Iterator[Article | DocumentError]:
    try:
        head = source.peek(SNIFF_BYTES)
    except zlib.error as exc:
        yield gzip_error(source.name, exc)
        return
    if not head.strip():
        raise EmptyDocumentError(source.name, "the file is empty")
    kind = detect_format(head)
    if kind != "warc" and looks_binary(head[:8192]):
        decode_bytes(head, source.name)  # raises DecodeError unless it is UTF-16 text
    stats.formats[kind] += 1
    if kind == "warc":
        yield from read_warc(source, stats)
        return
    stream = source.open()
    try:
        if kind == "jsonl":
            lines = bounded_lines(stream, MAX_DOCUMENT_BYTES)
            yield from read_jsonl(lines, name=source.name, stem=source.stem)
        else:
            text = decode_bytes(read_limited(stream, source.name), source.name)
            if kind == "html":
                yield article_from_html(text, id=source.stem, source=source.name)
            else:
                yield article_from_text(text, id=source.stem, source=source.name)
    except GZIP_ERRORS as exc:
        yield gzip_error(source.name, exc)
    finally:
        stream.close()


@dataclass(frozen=True, slots=True)
class _NamedBytes(Source):
    """Bytes read elsewhere, under the name (and id stem) of the file they came from."""

    stem_name: str = "stdin"

    @property
    def stem(self) -> str:
        return self.stem_name


def _read_guarded(source: Source, stats: ReadStats) -> Iterator[Article | DocumentError]:
    """One source's documents and errors, counted; an error that ends the source is yielded."""
    try:
        for result in _read_source(source, stats):
            if isinstance(result, DocumentError):
                stats.errors += 1
            else:
                stats.documents += 1
            yield result
    except DocumentError as exc:
        stats.errors += 1
        yield exc
    except OSError as exc:
        stats.errors += 1
        yield DocumentError(source.name, f"cannot be read ({exc.strerror or exc})")


def read_bytes(
    name: str, data: bytes, stem: str, stats: ReadStats | None = None
) -> Iterator[Article | DocumentError]:
    """The documents in one file already in memory (fetched by Spark from HDFS or S3), read
    exactly as :func:`read_documents` reads a file on disk; ``stem`` names records without id."""
    stats = stats if stats is not None else ReadStats()
    stats.sources += 1
    yield from _read_guarded(_NamedBytes(name=name, data=data, stem_name=stem), stats)


def read_documents(
    paths: Iterable[str],
    stats: ReadStats | None = None,
    *,
    on_source: Callable[[Source], None] | None = None,
    exclude: Iterable[Path] = (),
) -> Iterator[Article | DocumentError]:
    """Yield one article (or the error that stopped it) per document found under ``paths``.

    Streaming: one document in memory at a time (a container is read record by record).
    ``on_source`` is called with each file before its documents are yielded; files in
    ``exclude`` (the corpus being written, say) are passed over and counted in ``stats``.
    """
    stats = stats if stats is not None else ReadStats()
    excluded = {_identity(path) for path in exclude} - {None}
    for source in expand_paths(paths, stats.skipped):
        if isinstance(source, DocumentError):
            stats.errors += 1
            yield source
            continue
        if source.path is not None and _identity(source.path) in excluded:
            stats.skipped["not an article (the corpus being written)"] += 1
            continue
        stats.sources += 1
        if on_source is not None:
            on_source(source)
        yield from _read_guarded(source, stats)
