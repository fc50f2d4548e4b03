"""Plain text files, sources (directories, globs, stdin, gzip) and bad input."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from newsquotes.errors import (
    DecodeError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    FormatError,
)
from newsquotes.model import Article
from newsquotes.read import ReadStats, read_documents
from newsquotes.read import sources as read_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
ARTICLE = (
    "Ferry fares to rise in spring\n\n"
    '"We have no choice," said Jana Novak, the ferry company\'s chief executive.\n'
)


def read_all(*paths: str, stats: ReadStats | None = None) -> list[Article | DocumentError]:
    return list(read_documents(list(paths), stats))


def test_text_file_is_kept_unchanged_with_regions(tmp_path: Path) -> None:
    text = (FIXTURES / "mill-closure.txt").read_text(encoding="utf-8")
    [article] = read_all(str(FIXTURES / "mill-closure.txt"))
    assert isinstance(article, Article)
    assert article.text == text
    assert article.id == "mill-closure"
    assert article.title == "Mill closure leaves Dornbach without its biggest employer"
    assert {r.kind for r in article.regions} == {
        "boilerplate",
        "title",
        "caption",
        "credit",
        "heading",
    }


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    [article] = read_all(str(path))
    assert isinstance(article, Article)
    assert article.text == ARTICLE


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Caf\u00e9 owners \u201cwelcome\u201d the plan \u2013 mostly.\n"
    path.write_bytes(text.encode("cp1252"))
    [article] = read_all(str(path))
    assert isinstance(article, Article)
    assert article.text == text


def test_undecodable_file_is_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Some text with bytes \x81\x8d\x9d that no codec we try accepts.\n")
    [error] = read_all(str(path))
    assert isinstance(error, DecodeError)
    assert error.document == str(path)
    assert "not UTF-8" in error.reason


def test_binary_file_is_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [error] = read_all(str(path))
    assert isinstance(error, DecodeError)
    assert "binary" in error.reason


def test_empty_file_is_an_empty_document_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [error] = read_all(str(path))
    assert isinstance(error, EmptyDocumentError)
    assert error.document == str(path)


def test_too_large_single_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_sources, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    [error] = read_all(str(path))
    assert isinstance(error, DocumentTooLargeError)
    assert error.document == str(path)


def test_gzip_is_transparent_and_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    odd_name = tmp_path / "other.dat"
    odd_name.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    first, second = read_all(str(path), str(odd_name))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == second.text == ARTICLE
    assert first.id == "story"


def test_truncated_gzip_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress((ARTICLE * 50).encode("utf-8"))[:-30])
    [error] = read_all(str(path))
    assert isinstance(error, FormatError)
    assert error.document == str(path)
    assert "gzip" in error.reason


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "nested").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "nested" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_text("", encoding="utf-8")
    stats = ReadStats()
    results = read_all(str(tmp_path), stats=stats)
    ids = [r.id if isinstance(r, Article) else "error" for r in results]
    assert ids == ["a", "c", "error", "d"]
    assert (stats.documents, stats.errors, stats.sources) == (3, 1, 4)


def test_glob_and_missing_path(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "skip.md"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    results = read_all(str(tmp_path / "*.txt"), str(tmp_path / "nothing-here.txt"))
    assert [r.id for r in results if isinstance(r, Article)] == ["one", "two"]
    [missing] = [r for r in results if isinstance(r, DocumentError)]
    assert missing.document.endswith("nothing-here.txt")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    [article] = read_all("-")
    assert isinstance(article, Article)
    assert (article.id, article.source, article.text) == ("stdin", "-", ARTICLE)
    assert article.title == "Ferry fares to rise in spring"
