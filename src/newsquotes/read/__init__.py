"""Readers: turn files, directories, globs and stdin into :class:`Article` records.

The format of each document is sniffed from its content (WARC, JSONL, HTML, plain text), and
gzip is undone wherever it appears. A bad document becomes a :class:`DocumentError` naming it,
and reading goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from ..errors import DocumentError, EmptyDocumentError
from ..model import Article
from .detect import SNIFF_BYTES, detect_format
from .html import article_from_html
from .jsonl import read_jsonl
from .sources import (
    GZIP_ERRORS,
    Source,
    decode_bytes,
    expand_paths,
    gzip_error,
    looks_binary,
    read_limited,
)
from .stats import ReadStats
from .text import article_from_text
from .warc import read_warc

__all__ = ["ReadStats", "read_documents"]


def _read_source(source: Source, stats: ReadStats) -> Iterator[Article | DocumentError]:
    stream = source.open()
    try:
        head = stream.read(SNIFF_BYTES)
        if not head.strip():
            raise EmptyDocumentError(source.name, "the file is empty")
        kind = detect_format(head)
        if kind != "warc" and looks_binary(head[:8192]):
            decode_bytes(head, source.name)  # raises DecodeError unless it is UTF-16 text
        stats.formats[kind] += 1
        if kind == "warc":
            yield from read_warc(source, stats)
        elif kind == "jsonl":
            lines = chain.from_iterable(([head], stream))
            yield from read_jsonl(_lines(lines), name=source.name, stem=source.stem)
        else:
            data = read_limited(stream, source.name, head)
            text = decode_bytes(data, source.name)
            if kind == "html":
                yield article_from_html(text, id=source.stem, source=source.name)
            else:
                yield article_from_text(text, id=source.stem, source=source.name)
    except GZIP_ERRORS as exc:
        yield gzip_error(source.name, exc)
    finally:
        stream.close()


def _lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Re-split a stream that starts with an already-read head into whole lines."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        yield pending


def read_documents(
    paths: Iterable[str], stats: ReadStats | None = None
) -> Iterator[Article | DocumentError]:
    """Yield one article (or the error that stopped it) per document found under ``paths``."""
    stats = stats if stats is not None else ReadStats()
    for source in expand_paths(paths):
        if isinstance(source, DocumentError):
            stats.errors += 1
            yield source
            continue
        stats.sources += 1
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
