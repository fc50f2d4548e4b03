"""The corpus commands through click: ingest, search, speakers, speaker, export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store_corpus import make_article

from newsquotes.cli import main
from newsquotes.store.corpus import Corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Corpus(path) as corpus:
        corpus.add(
            make_article(
                "a",
                "Belarus is tired",
                "Temur Umarov",
                description="an analyst",
                roles=("analyst",),
                outlet="Harbour Gazette",
                published="2024-03-02",
            )
        )
        corpus.add(
            make_article(
                "b",
                "The harbour stays open",
                "Umarov",
                roles=("analyst",),
                outlet="Valley Courier",
                published="2024-05-01",
            )
        )
        corpus.add(
            make_article(
                "c",
                "Belarus will change",
                "Jana Novak",
                outlet="Valley Courier",
                published="2024-06-01",
                quote_type="mixed",
            )
        )
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_search_table_and_jsonl(db: str) -> None:
    code, out = run("search", "belarus", "--db", db)
    assert code == 0
    assert "Temur Umarov" in out and "Jana Novak" in out and "(2 quotes)" in out
    code, out = run("search", "--speaker", "Umarov", "--format", "jsonl", "--db", db)
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == 2
    assert {h["speaker"] for h in hits} == {"Temur Umarov"}
    code, out = run(
        "search", "--type", "mixed", "--since", "2024-06", "--format", "json", "--db", db
    )
    assert [h["speaker"] for h in json.loads(out)] == ["Jana Novak"]


def test_search_bad_date_is_a_clear_error(db: str) -> None:
    code, out = run("search", "x", "--since", "soon", "--db", db)
    assert code == 1
    assert "NQ300" in out and "not a date" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"belarus will', "never closed"),
        ("AND OR", "'AND' needs a search term before it"),
        ("col:", "'col:' asks for a column"),
    ],
)
def test_a_malformed_search_is_a_clear_error_not_zero_hits(
    db: str, text: str, message: str
) -> None:
    code, out = run("search", text, "--db", db)
    assert code == 1
    assert "NQ301" in out and message in out
    assert "Traceback" not in out


def test_speakers_and_speaker(db: str) -> None:
    code, out = run("speakers", "--top", "1", "--db", db)
    assert code == 0
    assert "Temur Umarov" in out and "Jana Novak" not in out
    code, out = run("speaker", "umarov", "--db", db)
    assert code == 0
    assert "Harbour Gazette (1), Valley Courier (1)" in out
    assert "2024-03 1, 2024-05 1" in out
    code, out = run("speaker", "Nobody Atall", "--db", db)
    assert code == 1 and "no speaker called" in out


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_to_file(db: str, tmp_path: Path, fmt: str) -> None:
    out_file = tmp_path / f"speakers.{fmt}"
    code, out = run(
        "export", "--format", fmt, "--table", "speakers", "-o", str(out_file), "--db", db
    )
    assert code == 0, out
    assert "2 rows of speakers written" in out
    assert out_file.stat().st_size > 0


def test_export_jsonl_to_stdout(db: str) -> None:
    code, out = run("export", "--db", db)
    assert code == 0
    assert len(out.splitlines()) == 3


def test_parquet_to_stdout_is_refused(db: str) -> None:
    code, out = run("export", "--format", "parquet", "--db", db)
    assert code == 1 and "give -o FILE.parquet" in out


def test_ingest_summary_and_exit_status(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_text("  \n", encoding="utf-8")
    db = str(tmp_path / "i.db")
    code, out = run("ingest", str(inbox), "--db", db, "-q")
    assert code == 1
    assert "0 ingested, 0 duplicates, 0 skipped as already done, 1 failed" in out
    code, out = run("ingest", str(inbox), "--db", db, "-q")
    assert code == 0
    assert "1 skipped as already done, 0 failed" in out


def test_foreign_database_gives_advice(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    code, out = run("speakers", "--db", str(other))
    assert code == 1 and "not a newsquotes corpus" in out


def test_speakers_split_and_merge_by_hand(db: str) -> None:
    code, out = run("speakers", "split", "Temur Umarov", "Umarov", "--db", db)
    assert code == 0, out
    assert "Temur Umarov (1 quote)" in out and "Umarov (1 quote)" in out
    code, out = run("speakers", "--format", "jsonl", "--db", db)
    assert sorted(json.loads(line)["name"] for line in out.splitlines()) == [
        "Jana Novak",
        "Temur Umarov",
        "Umarov",
    ]
    code, out = run("speakers", "merge", "Umarov", "Temur Umarov", "--db", db)
    assert code == 0, out
    assert "one speaker now: Temur Umarov" in out and "2 quotes" in out
    code, out = run("speaker", "Temur Umarov", "--db", db)
    assert "one speaker because:" in out and "merge" in out
    code, out = run("speakers", "merge", "Jana Novak", "Nobody Atall", "--db", db)
    assert code == 1 and "no speaker 'Nobody Atall'" in out
    code, out = run("speakers", "split", "Jana Novak", "--db", db)
    assert code == 2 and "NAMES or --article" in out


@pytest.mark.parametrize("command", ["merge", "split", "reconcile"])
def test_speakers_subcommands_have_an_example(command: str) -> None:
    code, out = run("speakers", command, "--help")
    assert code == 0 and "Example: newsquotes speakers " + command in out


def test_search_speech_by_default_thoughts_when_asked(tmp_path: Path) -> None:
    """Speech is the corpus's focus: beliefs and intentions come only with --act."""
    path = tmp_path / "acts.db"
    hope = make_article("h", "The ferry will run again", "Ilse Varga")
    hope.quotes[0].act = "thought"
    with Corpus(path) as corpus:
        corpus.add(hope)
        corpus.add(make_article("s", "The ferry runs at dawn", "Pavel Dorn"))
    code, out = run("search", "ferry", "--format", "jsonl", "--db", str(path))
    assert code == 0
    assert [(h["speaker"], h["act"]) for h in map(json.loads, out.splitlines())] == [
        ("Pavel Dorn", "speech")
    ]
    code, out = run("search", "ferry", "--act", "thought", "--format", "jsonl", "--db", str(path))
    assert [json.loads(line)["speaker"] for line in out.splitlines()] == ["Ilse Varga"]
    code, out = run("search", "ferry", "--act", "all", "--format", "jsonl", "--db", str(path))
    assert len(out.splitlines()) == 2
