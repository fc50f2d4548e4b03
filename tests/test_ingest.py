"""Ingest: resumable, parallel, deduplicated, every failure recorded, safe against SIGKILL.

The plumbing tests use a small regular-expression pipeline (``pattern_pipeline``) so they
check the corpus side alone; the tests marked slow run the real engine end to end.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsquotes.model import Article, Quote, Span, Speaker
from newsquotes.store.corpus import Corpus
from newsquotes.store.ingest import ingest

SAID = re.compile(r'"([^"]+)," said ([A-Z][\w-]*(?: [A-Z][\w-]*)*)(?:, ([^.\n]+))?\.')


class PatternPipeline:
    """Finds ``"...," said Name, description.``: enough to test storage without spaCy."""

    def process(self, article: Article) -> Article:
        if "EXPLODE" in article.text:
            raise RuntimeError("the parser fell over")
        for n, match in enumerate(SAID.finditer(article.text), start=1):
            name = match.group(2)
            speaker = article.speaker(f"s-{name}")
            if speaker is None:
                description = match.group(3)
                orgs = (
                    [description.split(" for ")[-1]]
                    if description and " for " in description
                    else []
                )
                speaker = Speaker(f"s-{name}", name, "person", [], description, [], orgs)
                article.speakers.append(speaker)
            start, end = match.span(1)
            article.quotes.append(
                Quote(
                    f"q{n}",
                    "direct",
                    [(start - 1, end + 2)],
                    article.text[start - 1 : end + 2],
                    cue=Span.of(article.text, end + 3, end + 7),
                    speaker=Span.of(article.text, *match.span(2)),
                    speaker_id=speaker.id,
                    speaker_name=name,
                )
            )
        return article


def pattern_pipeline() -> PatternPipeline:
    return PatternPipeline()


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"story-{i:04d}.txt").write_text(
            f"Harbour works, day {i}\n\n"
            f'"Line {i} matters," said Mara Quill{i % 7}, '
            f"a spokeswoman for Port Authority {i % 7}.\n\n"
            f"The council meets again on day {i + 1}.\n",
            encoding="utf-8",
        )


def test_ingest_stores_dedups_records_failures_and_resumes(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, 12)
    (inbox / "copy.txt").write_text((inbox / "story-0003.txt").read_text(), encoding="utf-8")
    (inbox / "crash.txt").write_text('"No," said Ada Wren. EXPLODE\n', encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        first = ingest([str(inbox)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (first.ingested, first.duplicates, first.failed, first.skipped) == (12, 1, 1, 0)
        assert first.quotes == 12
        [error] = corpus.errors()
        assert error.source.endswith("crash.txt")
        assert "RuntimeError: the parser fell over" in error.message

        write_articles(inbox, 15)  # three new stories arrive
        second = ingest([str(inbox)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (second.ingested, second.duplicates, second.failed, second.skipped) == (3, 0, 0, 14)
        stats = corpus.stats()
        assert (stats["articles"], stats["quotes"], stats["errors"]) == (15, 15, 1)
        # Mara Quill0 .. Quill6: one identity each however many stories quote them
        assert stats["speakers"] == 7
        assert corpus.speaker("Mara Quill3").quotes[0].text == '"Line 3 matters,"'


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, 40)
    with Corpus(tmp_path / "serial.db") as serial, Corpus(tmp_path / "parallel.db") as parallel:
        ingest([str(inbox)], serial, jobs=1, progress=False, pipeline_factory=pattern_pipeline)
        summary = ingest(
            [str(inbox)], parallel, jobs=2, progress=False, pipeline_factory=pattern_pipeline
        )
        assert summary.ingested == 40

        def quotes(corpus: Corpus) -> list[tuple[str, str]]:
            return sorted((h.source, h.text) for h in corpus.search(limit=None))

        assert quotes(parallel) == quotes(serial)
        assert len(quotes(parallel)) == 40


def test_unreadable_document_is_recorded_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, 2)
    (inbox / "empty.txt").write_text("   \n", encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        first = ingest([str(inbox)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (first.ingested, first.failed) == (2, 1)
        again = ingest([str(inbox)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        assert (again.ingested, again.failed, again.skipped) == (0, 0, 3)
        assert [e.source.endswith("empty.txt") for e in corpus.errors()] == [True]


# -- the real engine, end to end -----------------------------------------------------------


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from newsquotes.cli import main; main()", *args]


@pytest.mark.slow
def test_identity_across_articles_through_ingest(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "gazette.txt").write_text(
        "Talks stall in Mirsk\n\n"
        '"Belvania is tired of waiting," said Terence Ulvik, an analyst at the Carrow Center.\n',
        encoding="utf-8",
    )
    (inbox / "courier.txt").write_text(
        "Border queues grow\n\n"
        'Officials in Vilmar were cautious. "The border will stay open," said Anna Berg, '
        "an economist at Nordbank.\n\n"
        '"Nobody in Mirsk wants this," said Ulvik, a Carrow analyst.\n',
        encoding="utf-8",
    )
    with Corpus(tmp_path / "c.db") as corpus:
        summary = ingest([str(inbox)], corpus, progress=False)
        assert summary.ingested == 2
        profile = corpus.speaker("Terence Ulvik")
        assert profile is not None
        assert len(profile.quotes) == 2
        assert {q.source.rsplit("/", 1)[-1] for q in profile.quotes} == {
            "gazette.txt",
            "courier.txt",
        }
        berg = corpus.speaker("Anna Berg")
        assert berg is not None and berg.id != profile.id


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_everything_exactly_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    db = tmp_path / "kill.db"
    write_articles(inbox, 500)
    env = {**os.environ, "NEWSQUOTES_DB": str(db)}
    proc = subprocess.Popen(_cli("ingest", str(inbox), "-q"), env=env, cwd=tmp_path)
    stored = 0
    deadline = time.monotonic() + 300
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            if not db.exists():
                continue
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
            if stored >= 150:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert 150 <= stored < 500, f"could not stop the ingest halfway (stored {stored})"

    rerun = subprocess.run(
        _cli("ingest", str(inbox), "-q"),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "0 failed" in rerun.stderr

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sources = [r[0] for r in conn.execute("SELECT source FROM articles")]
    assert len(sources) == len(set(sources)) == 500
    per_article = conn.execute(
        "SELECT a.source, COUNT(q.id) FROM articles a LEFT JOIN quotes q ON q.article = a.id "
        "GROUP BY a.id"
    ).fetchall()
    assert {count for _source, count in per_article} == {1}, "a quote was lost or duplicated"
    texts = sorted(r[0] for r in conn.execute("SELECT text FROM quotes"))
    assert texts == sorted(f'"Line {i} matters,"' for i in range(500))
    fts = conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'matters'")
    assert fts.fetchone()[0] == 500
    speakers = conn.execute("SELECT COUNT(*) FROM speakers WHERE name LIKE 'Mara Quill%'")
    assert speakers.fetchone()[0] == 7
