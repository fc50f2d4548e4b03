"""Reading bad and hostile input: every record is an article or an error naming it, nothing
is held whole that could be huge, and nothing a folder holds beside articles is read as one."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sqlite3
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsquotes.errors import DocumentError, DocumentTooLargeError, FormatError
from newsquotes.model import Article
from newsquotes.read import ReadStats, read_documents
from newsquotes.read.sources import bounded_lines, replace_lone_surrogates

TEXT = '"We will win," said Jana Novak, the party leader.'


def record(article_id: str, text: str = TEXT) -> bytes:
    return json.dumps({"id": article_id, "text": text}).encode() + b"\n"


def read_all(*paths: Path | str) -> list[Article | DocumentError]:
    return list(read_documents([str(p) for p in paths]))


def test_jsonl_nested_100000_deep_is_an_error_for_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    path.write_bytes(record("a") + deep + record("b"))
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Article", "FormatError", "Article"]
    assert results[1].document == f"{path}:2"
    assert "nested too deeply" in results[1].reason


def test_lone_surrogate_escape_in_jsonl_text_becomes_a_replacement_character(
    tmp_path: Path,
) -> None:
    path = tmp_path / "surrogate.jsonl"
    line = json.dumps({"id": "s", "title": "x\udfffy", "text": "Before \udfff after: " + TEXT})
    assert "\\udfff" in line  # JSON's own escape, as a scraper may write it
    path.write_text(line + "\n", encoding="ascii")
    (article,) = read_all(path)
    assert isinstance(article, Article)
    assert article.text == "Before \ufffd after: " + TEXT
    assert article.title == "x\ufffdy"
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # no UnicodeEncodeError


def test_replace_lone_surrogates_keeps_length_and_pairs() -> None:
    assert replace_lone_surrogates("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert replace_lone_surrogates("no surrogates \U0001f600") == "no surrogates \U0001f600"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names not UTF-8")
def test_file_name_not_utf8_is_read_and_named_printably(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    raw_name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(raw_name, "wb") as handle:
        handle.write(TEXT.encode())
    (article,) = read_all(folder)
    assert isinstance(article, Article)
    assert article.source == f"{folder}/caf\\xe9.txt"
    article.source.encode("utf-8")  # storable and printable


def test_folder_passes_over_annotations_databases_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.ann").write_text("T1\tSource 0 4\tJana\n", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("private", encoding="utf-8")
    with sqlite3.connect(tmp_path / "corpus") as conn:  # a database, whatever its name
        conn.execute("CREATE TABLE t (x)")
    (tmp_path / "newsquotes.db-wal").write_bytes(b"\x00" * 32)
    stats = ReadStats()
    results = list(read_documents([str(tmp_path)], stats))
    assert [r.source for r in results] == [str(tmp_path / "story.txt")]
    assert stats.skipped == {
        "not an article (.ann)": 1,
        "not an article (.db-wal)": 1,
        "not an article (SQLite database)": 1,
        "hidden file": 1,
    }
    # named on its own, a file is always read
    (annotation,) = read_all(tmp_path / "story.ann")
    assert isinstance(annotation, Article)


def test_excluded_file_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT + " Again.", encoding="utf-8")
    stats = ReadStats()
    results = list(read_documents([str(tmp_path)], stats, exclude=[tmp_path / "b.txt"]))
    assert [r.source for r in results] == [str(tmp_path / "a.txt")]
    assert stats.skipped["not an article (the corpus being written)"] == 1


# -- WARC -----------------------------------------------------------------------------------


def page(topic: str) -> bytes:
    body = "".join(
        f"<p>{sentence} The {topic} was the subject of a long debate in the town of Orlov.</p>"
        for sentence in (
            f'"The {topic} will keep the square alive," said Jana Novak on Monday.',
            "Traders feared the change would drive customers away from the market.",
            "The council votes on the proposal at its next meeting in the spring.",
        )
    )
    head = f"<head><title>{topic}</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>".encode()


def warc_bytes(gzipped: bool, topics: tuple[str, ...] = ("levy", "parking", "bridge")) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for topic in topics:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://orlov.example/{topic}",
                "response",
                payload=io.BytesIO(page(topic)),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_last_record_cut_mid_payload_is_an_error_not_an_article(
    tmp_path: Path, gzipped: bool
) -> None:
    data = warc_bytes(gzipped)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(data[: len(data) - 200])
    results = read_all(path)
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, DocumentError)]
    assert [a.url for a in articles] == [
        "https://orlov.example/levy",
        "https://orlov.example/parking",
    ]
    (error,) = errors
    assert isinstance(error, FormatError)
    assert re.fullmatch(re.escape(str(path)) + r"#\d+", error.document)
    assert "cut short" in error.reason


def test_warc_content_length_too_long_does_not_swallow_the_next_record(tmp_path: Path) -> None:
    data = warc_bytes(False)
    found = re.search(rb"Content-Length: (\d+)", data)
    assert found is not None
    longer = str(int(found.group(1)) + 300).encode()
    path = tmp_path / "long.warc"
    path.write_bytes(data[: found.start(1)] + longer + data[found.end(1) :])
    results = read_all(path)
    assert isinstance(results[0], FormatError)
    assert results[0].document == f"{path}#0"
    assert "runs into the next record" in results[0].reason
    assert [r.url for r in results[1:]] == [
        "https://orlov.example/parking",
        "https://orlov.example/bridge",
    ]


# -- compressed bombs (scaled down; benchmarks/bench_streaming.py runs the full size) --------


class ChunkOnly(io.RawIOBase):
    """A stream that can only be read in chunks: line iteration would hold a line whole."""

    def __init__(self, inner: io.BufferedIOBase) -> None:
        self.inner = inner
        self.largest_read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "read in bounded chunks, never to the end"
        data = self.inner.read(size)
        self.largest_read = max(self.largest_read, len(data))
        return data

    def readline(self, size: int | None = -1) -> bytes:
        raise AssertionError("lines are found in chunks, never read with readline")


def test_blank_line_bomb_is_counted_not_iterated(tmp_path: Path) -> None:
    blank_lines = 30 * 1024 * 1024
    path = tmp_path / "blanks.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(record("first"))
        block = b"\n" * (1 << 20)
        for _ in range(blank_lines >> 20):
            out.write(block)
        out.write(record("last"))
    with gzip.open(path, "rb") as unzipped:
        lines = list(bounded_lines(ChunkOnly(unzipped)))  # type: ignore[arg-type]
    assert [number for number, _ in lines] == [1, blank_lines + 2]
    results = read_all(path)
    assert [r.id for r in results if isinstance(r, Article)] == ["first", "last"]
    assert results[1].source == f"{path}:{blank_lines + 2}"


def test_line_over_the_limit_is_an_error_read_past_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "one-long-line.jsonl.gz"
    line_bytes = 24 * 1024 * 1024
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(record("first"))
        out.write(b'{"id": "big", "text": "')
        block = b"x" * (1 << 20)
        for _ in range(line_bytes >> 20):
            out.write(block)
        out.write(b'"}\n')
        out.write(record("last"))
    limit = 2 * 1024 * 1024
    tracemalloc.start()
    with gzip.open(path, "rb") as stream:
        lines = [
            (n, None if line is None else len(line)) for n, line in bounded_lines(stream, limit)
        ]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lines == [(1, len(record("first")) - 1), (2, None), (3, len(record("last")) - 1)]
    assert peak < 4 * limit, f"held {peak:,} bytes for a line of {line_bytes:,}"


def test_line_over_the_document_limit_is_a_recorded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsquotes.read as read_package

    monkeypatch.setattr(read_package, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "batch.jsonl"
    path.write_bytes(record("a") + record("big", "x" * 5000) + record("b"))
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Article", "DocumentTooLargeError", "Article"]
    assert isinstance(results[1], DocumentTooLargeError)
    assert results[1].document == f"{path}:2"
