"""Where documents come from: expand paths, open (un-gzipped) byte streams, decode bytes to text.

Everything format-specific lives in the sibling modules; this one only knows about files,
directories, globs, stdin, gzip and character sets, so every reader treats them the same way.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import DecodeError, DocumentError, DocumentTooLargeError, FormatError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Largest single document (one HTML page or text file); containers stream and may be larger."""

GZIP_MAGIC = b"\x1f\x8b"
GZIP_ERRORS: tuple[type[BaseException], ...] = (EOFError, gzip.BadGzipFile, zlib.error)
"""What a truncated or corrupt gzip stream raises while it is read."""

_GLOB_CHARS = re.compile(r"[*?\[]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
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
        name = self.path.name
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


def expand_paths(paths: Iterable[str]) -> Iterator[Source | DocumentError]:
    """Files as given, directories recursively (sorted), globs (sorted), ``-`` for stdin."""
    for raw in paths:
        if raw == "-":
            yield Source(name="-", data=_read_stdin())
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            yield from (Source(name=str(p), path=p) for p in files)
        elif path.is_file():
            yield Source(name=str(path), path=path)
        elif _GLOB_CHARS.search(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [p for p in matches if p.is_file()]
            for match in matches:
                if match.is_dir():
                    files.extend(p for p in match.rglob("*") if p.is_file())
            if not files:
                yield DocumentError(raw, "no file matches this pattern")
            yield from (Source(name=str(p), path=p) for p in sorted(set(files)))
        else:
            yield DocumentError(raw, "no such file or directory")


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
