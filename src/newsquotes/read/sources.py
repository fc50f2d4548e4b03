"""Where documents come from: expand paths, open (un-gzipped) byte streams, decode bytes to text.

Everything format-specific lives in the sibling modules; this one only knows about files,
directories, globs, stdin, gzip and character sets, so every reader treats them the same way.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import DecodeError, DocumentError, DocumentTooLargeError, FormatError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Largest single document (one HTML page, text file or JSONL line); containers stream and
may be larger."""

READ_CHUNK_BYTES = 1 << 20
"""Containers are read this many (decompressed) bytes at a time, never a whole line at once."""

NOT_ARTICLE_SUFFIXES = (
    ".ann",
    ".db",
    ".db-wal",
    ".db-shm",
    ".db-journal",
    ".sqlite",
    ".sqlite3",
    ".sqlite-wal",
    ".sqlite-shm",
    ".pyc",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".ico",
    ".pdf",
)
"""Files a folder may hold beside its articles that are never articles: annotations (brat
``.ann``), SQLite databases and their journals (the corpus itself), images. Hidden files are
passed over too. A file named on the command line is always read."""

SQLITE_MAGICS = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
"""An SQLite database, and its write-ahead log (both byte orders)."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

GZIP_MAGIC = b"\x1f\x8b"
GZIP_ERRORS: tuple[type[BaseException], ...] = (EOFError, gzip.BadGzipFile, zlib.error)
"""What a truncated or corrupt gzip stream raises while it is read."""

_GLOB_CHARS = re.compile(r"[*?\[]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_NON_BLANK = re.compile(rb"[^ \t\r\n\f\v]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file on disk, or standard input read into memory (``path`` is None)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def stem(self) -> str:
        """The document id a single-document source gets: the file name without extensions."""
        if self.path is None:
            return "stdin"
        name = display_name(self.path.name)
        if name.lower().endswith(".gz"):
            name = name[:-3]
        return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name

    def open_raw(self) -> BinaryIO:
        """The bytes exactly as stored (still gzipped if they are)."""
        if self.path is None:
            return io.BytesIO(self.data or b"")
        return self.path.open("rb")

    def open(self) -> BinaryIO:
        """The bytes with gzip undone, whatever the file is called (sniffed by magic number)."""
        raw = self.open_raw()
        head = raw.read(2)
        raw.seek(0)
        if head == GZIP_MAGIC:
            return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
        return raw

    def peek(self, size: int) -> bytes:
        """The first ``size`` bytes with gzip undone, reading only as far as needed.

        Only the first gzip member is looked at, so a WARC whose later records are broken
        can still be recognised (and then read record by record).
        """
        with self.open_raw() as raw:
            prefix = raw.read(max(size * 4, 1 << 18))
        if not prefix.startswith(GZIP_MAGIC):
            return prefix[:size]
        return zlib.decompressobj(wbits=31).decompress(prefix, size)

    def is_gzipped(self) -> bool:
        with self.open_raw() as raw:
            return raw.read(2) == GZIP_MAGIC


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (what a ``surrogateescape`` decode or a JSON
    ``"\\udfff"`` leaves) replaced by U+FFFD: same length, so every offset still holds, and
    the text can be encoded as UTF-8 (spaCy, SQLite and JSON output all need that)."""
    if _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


def display_name(path: Path | str) -> str:
    """A path as text that can always be printed and stored: a file name whose bytes are not
    UTF-8 shows them as ``\\xNN`` escapes instead of carrying lone surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_article_reason(path: Path) -> str | None:
    """Why a file found in a folder is passed over (see :data:`NOT_ARTICLE_SUFFIXES`)."""
    name = path.name.lower()
    if name.startswith("."):
        return "hidden file"
    for suffix in NOT_ARTICLE_SUFFIXES:
        if name.endswith(suffix):
            return f"not an article ({suffix})"
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGICS[0])).startswith(SQLITE_MAGICS):
                return "not an article (SQLite database)"
    except OSError:
        return None  # the reader reports why it cannot be read
    return None


def _folder_files(folder: Path, passed_over: Counter[str] | None) -> list[Path]:
    files: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        reason = not_article_reason(path)
        if reason is None:
            files.append(path)
        elif passed_over is not None:
            passed_over[reason] += 1
    return files


def _source(path: Path) -> Source:
    return Source(name=display_name(path), path=path)


def expand_paths(
    paths: Iterable[str], passed_over: Counter[str] | None = None
) -> Iterator[Source | DocumentError]:
    """Files as given, directories recursively (sorted), globs (sorted), ``-`` for stdin.

    Inside folders (and glob matches), files that are never articles are passed over and
    counted by reason in ``passed_over``; a file named on its own is always read.
    """
    for raw in paths:
        if raw == "-":
            yield Source(name="-", data=_read_stdin())
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (_source(p) for p in _folder_files(path, passed_over))
        elif path.is_file():
            yield _source(path)
        elif _GLOB_CHARS.search(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [p for p in matches if p.is_file() and not _passed_over(p, passed_over)]
            for match in matches:
                if match.is_dir():
                    files.extend(_folder_files(match, passed_over))
            if not files:
                yield DocumentError(display_name(raw), "no file matches this pattern")
            yield from (_source(p) for p in sorted(set(files)))
        else:
            yield DocumentError(display_name(raw), "no such file or directory")


def _passed_over(path: Path, passed_over: Counter[str] | None) -> bool:
    reason = not_article_reason(path)
    if reason is not None and passed_over is not None:
        passed_over[reason] += 1
    return reason is not None


def bounded_lines(
    stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES, chunk_size: int = READ_CHUNK_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for every non-blank line of ``stream``, reading it in chunks.

    A line longer than ``limit`` bytes comes back as ``(number, None)`` and is read past
    without ever being held whole; runs of blank lines are counted, not split, so a stream of
    gigabytes of newlines costs what decompressing it costs.
    """
    number = 1
    pending: list[bytes] = []
    pending_size = 0
    too_long = False
    in_line = False
    # read1: a gzip stream cut short still hands over what it decompressed before the cut
    read = getattr(stream, "read1", stream.read)
    while True:
        chunk = read(chunk_size)
        if not chunk:
            break
        if not in_line and not chunk.strip():  # a run of blank lines: count, don't search
            number += chunk.count(b"\n")
            continue
        position = 0
        while position < len(chunk):
            if not in_line:
                found = _NON_BLANK.search(chunk, position)
                if found is None:
                    number += chunk.count(b"\n", position)
                    break
                number += chunk.count(b"\n", position, found.start())
                position = found.start()
                in_line = True
            end = chunk.find(b"\n", position)
            piece = chunk[position : len(chunk) if end < 0 else end]
            if not too_long:
                pending_size += len(piece)
                if pending_size > limit:
                    too_long, pending = True, []
                else:
                    pending.append(piece)
            if end < 0:
                break
            yield number, None if too_long else b"".join(pending)
            number += 1
            pending, pending_size, too_long, in_line = [], 0, False, False
            position = end + 1
    if in_line:
        yield number, None if too_long else b"".join(pending)


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return sys.stdin.read().encode("utf-8")


def read_limited(stream: BinaryIO, name: str, head: bytes = b"") -> bytes:
    """Read a whole single document, refusing one over :data:`MAX_DOCUMENT_BYTES`."""
    rest = stream.read(max(0, MAX_DOCUMENT_BYTES + 1 - len(head)))
    data = head + rest
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLargeError(
            name,
            f"a single document of more than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB",
            advice="split it, or pack many articles into a WARC or JSONL file",
        )
    return data


def looks_binary(head: bytes) -> bool:
    """NUL bytes or mostly control characters: an image, a PDF, an archive, not text."""
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > len(head) * 0.1


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset an HTTP ``Content-Type`` header or the page's ``<meta>`` declares, if known."""
    candidates: list[str] = []
    if header:
        match = _HEADER_CHARSET.search(header)
        if match:
            candidates.append(match.group(1))
    match = _META_CHARSET.search(data[:8192])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_bytes(data: bytes, name: str, header: str | None = None) -> str:
    """UTF-8 (BOM stripped); else the declared charset; else cp1252 if clean; else an error."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                name, f"has a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})"
            ) from exc
    if looks_binary(data[:8192]):
        raise DecodeError(name, "binary data, not text", advice="give text, HTML, WARC or JSONL")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_problem = f"{exc.reason} at byte {exc.start}"
    charset = declared_charset(data, header)
    if charset and charset not in ("utf-8", "utf-8-sig"):
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    raise DecodeError(
        name,
        f"not UTF-8 ({utf8_problem}), no usable declared charset, and not cp1252 either",
        advice="convert it to UTF-8",
    )


def gzip_error(name: str, exc: BaseException) -> FormatError:
    """The one way a truncated or corrupt gzip stream is reported."""
    return FormatError(
        name,
        f"truncated or corrupt gzip data ({exc})",
        advice="re-download or re-compress the file",
    )
