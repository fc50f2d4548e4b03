"""Readers: turn files, directories, globs and stdin into :class:`Article` records (stub)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DecodeError, DocumentError
from ..model import Article


def read_documents(paths: Iterable[str]) -> Iterator[Article | DocumentError]:
    """Yield one article (or the error that stopped it) per document found under ``paths``."""
    for raw in paths:
        if raw == "-":
            yield Article(id="stdin", text=sys.stdin.read(), source="-")
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                text = file.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                yield DecodeError(str(file), f"not UTF-8 text ({exc.reason})")
                continue
            yield Article(id=file.stem, text=text, source=str(file))
