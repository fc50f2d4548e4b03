"""Two ingests into one corpus at once, and an ingest while another process reads it: no
error, nothing lost or doubled, and SQLite's own integrity check passes. Also: a WARC record
cut short is never stored, so the complete copy read later is not refused as its duplicate."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from test_ingest import pattern_pipeline, write_articles
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsquotes.store.corpus import Corpus
from newsquotes.store.ingest import ingest

TESTS = Path(__file__).resolve().parent
INGEST = """
import sys
sys.path.insert(0, {tests!r})
from test_ingest import pattern_pipeline
from newsquotes.store.corpus import Corpus
from newsquotes.store.ingest import ingest
with Corpus({db!r}) as corpus:
    summary = ingest({paths!r}, corpus, progress=False, pipeline_factory=pattern_pipeline)
print(summary.ingested, summary.duplicates, summary.skipped, summary.failed)
"""
READ = """
import sqlite3, sys, time
from newsquotes.store.corpus import Corpus
deadline = time.monotonic() + 120
reads = 0
while time.monotonic() < deadline:
    try:
        with Corpus({db!r}) as corpus:
            corpus.search("matters", limit=20)
            corpus.speakers(top=5)
            corpus.stats()
        reads += 1
    except Exception as exc:
        print("reader failed:", type(exc).__name__, exc)
        sys.exit(1)
    if open({flag!r}).read() == "done":
        break
print("reads", reads)
"""


def _start(script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_ingests_and_a_reader_at_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, 120)
    (inbox / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 30)
    db = tmp_path / "shared.db"
    Corpus(db).close()  # the reader starts on an existing corpus
    flag = tmp_path / "flag"
    flag.write_text("running")
    half = sorted(str(p) for p in inbox.iterdir())[:60]
    reader = _start(READ.format(db=str(db), flag=str(flag)))
    writers = [
        _start(INGEST.format(tests=str(TESTS), db=str(db), paths=[str(inbox)])),
        _start(INGEST.format(tests=str(TESTS), db=str(db), paths=[*reversed(half), str(inbox)])),
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    flag.write_text("done")
    read_out, read_err = reader.communicate(timeout=300)
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    assert reader.returncode == 0, read_out + read_err
    assert read_out.startswith("reads ")

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 120
    assert conn.execute("SELECT COUNT(*) FROM article_sources").fetchone()[0] == 120
    assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 120
    errors = conn.execute("SELECT source FROM errors").fetchall()
    assert errors == [(str(inbox / "broken.txt"),)]
    doubled = conn.execute(
        "SELECT COUNT(*) FROM (SELECT text_hash FROM articles"
        " GROUP BY text_hash HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert doubled == 0
    stored_by = [tuple(int(n) for n in out.split()) for out, _ in outputs]
    assert sum(ingested for ingested, *_ in stored_by) == 120


def _page(topic: str) -> bytes:
    sentences = "".join(
        f'<p>"The {topic} matters," said Mara Quill, a spokeswoman for Port Authority {n}. '
        f"The {topic} was debated for hours in the harbour town of Orlov on day {n}.</p>"
        for n in range(4)
    )
    return f"<html><body><article>{sentences}</article></body></html>".encode()


def _warc(topics: list[str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for topic in topics:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://orlov.example/{topic}",
            "response",
            payload=io.BytesIO(_page(topic)),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_a_cut_record_is_not_stored_so_the_complete_copy_is(tmp_path: Path) -> None:
    complete = _warc(["levy", "parking"])
    cut = tmp_path / "cut.warc"
    cut.write_bytes(complete[: len(complete) - 300])
    whole = tmp_path / "whole.warc"
    whole.write_bytes(complete)
    with Corpus(tmp_path / "c.db") as corpus:
        first = ingest([str(cut)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (first.ingested, first.failed) == (1, 1)
        (error,) = corpus.errors()
        assert re.fullmatch(re.escape(str(cut)) + r"#\d+", error.source)
        assert "cut short" in error.message
        second = ingest([str(whole)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (second.ingested, second.duplicates) == (1, 1)
        parking = corpus.article("https://orlov.example/parking")
        assert parking is not None and parking.source is not None
        assert parking.source.startswith(str(whole))
        assert parking.text.count("matters") == 4
