"""The command line as a new user meets it: no corpus made by a typo, failures listed and
retried, dates checked, tables that say where they cut, counts in the right number, one-line
errors instead of tracebacks, and an example in every command's help."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import click
import pytest
from article_factory import make_article
from click.testing import CliRunner

from newsquotes.cli import main
from newsquotes.store.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
GOOD = '"The harbour stays open," said Jana Novak, the port director.\n'


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "command",
    [
        ["search", "harbour"],
        ["speakers"],
        ["speaker", "Novak"],
        ["export"],
        ["errors"],
    ],
)
def test_query_commands_never_create_a_corpus(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "mistyped.db"
    code, out = run(*command, "--db", str(missing))
    assert code != 0
    assert f"no corpus at {missing}" in out
    assert "newsquotes ingest" in out
    assert not missing.exists()


def test_query_commands_refuse_a_missing_default_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSQUOTES_DB", raising=False)
    code, out = run("speakers")
    assert code != 0 and "no corpus at newsquotes.db" in out
    assert not (tmp_path / "newsquotes.db").exists()


def test_errors_lists_failures_and_a_fixed_file_is_retried(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    broken = inbox / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02 binary \x00" * 20)
    db = str(tmp_path / "news.db")

    code, out = run("ingest", str(inbox), "--db", db, "-q")
    assert code == 1
    assert "1 document failed; see why with: newsquotes errors --db" in out

    code, out = run("errors", "--db", db)
    assert code == 0
    assert re.search(r"NQ101  " + re.escape(str(broken)) + r"\n    binary data, not text", out)
    assert "(1 failed document)" in out
    code, out = run("errors", "--db", db, "--format", "jsonl")
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert (record["source"], record["code"]) == (str(broken), "NQ101")
    assert record["at"]

    # unchanged: skipped as done; --retry-failed tries it again (and it fails again, once)
    code, out = run("ingest", str(inbox), "--db", db, "-q")
    assert "2 skipped as already done, 0 failed" in out
    code, out = run("ingest", str(inbox), "--db", db, "-q", "--retry-failed")
    assert "1 failed (1 retried)" in out
    with Corpus(db) as corpus:
        assert [e.source for e in corpus.errors()] == [str(broken)]

    # fixed: a plain ingest sees the file changed and reads it again
    broken.write_text('"We sail at dawn," said Milan Horvat, the captain.\n', encoding="utf-8")
    code, out = run("ingest", str(inbox), "--db", db, "-q")
    assert code == 0, out
    assert "1 ingested" in out and "(1 retried)" in out
    with Corpus(db) as corpus:
        assert corpus.errors() == []
        assert corpus.stats()["articles"] == 2


def test_ingest_of_the_folder_holding_the_corpus_passes_over_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSQUOTES_DB", raising=False)
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "story.ann").write_text("T1\tSource 43 53\tJana Novak\n", encoding="utf-8")
    for _ in range(2):  # the second run finds the database and its WAL beside the story
        code, out = run("ingest", ".", "-q")
        assert code == 0, out
    assert "not articles" in out
    with Corpus(tmp_path / "newsquotes.db") as corpus:
        assert [e.source for e in corpus.errors()] == []
        assert corpus.stats()["sources"] == 1


@pytest.mark.parametrize("bad", ["2019-13", "2019-02-30", "2019-00", "19-01", "2019-1-5"])
def test_impossible_dates_are_refused(tmp_path: Path, bad: str) -> None:
    db = tmp_path / "news.db"
    Corpus(db).close()
    code, out = run("search", "--since", bad, "--db", str(db))
    assert code != 0
    assert f"{bad!r} is not a date" in out


def test_good_dates_are_accepted(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Corpus(db).close()
    for good in ("2019", "2019-12", "2020-02-29", "2019-02-28T10:00"):
        code, out = run("search", "--since", good, "--until", good, "--db", str(db))
        assert code == 0, out


def test_tables_cut_with_an_ellipsis_and_count_in_the_right_number(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    long_name = "Jana Novak-Horvathova-Kowalczyk-Lindqvist"
    with Corpus(db) as corpus:
        corpus.add(make_article("a", "The harbour stays open", long_name, outlet="Harbour Gazette"))
    code, out = run("speakers", "--db", str(db))
    assert code == 0
    assert long_name[:27] + "…" in out
    assert long_name not in out
    code, out = run("search", "harbour", "--db", str(db))
    assert "(1 quote)" in out
    assert long_name[:21] + "…" in out
    code, out = run("speaker", long_name, "--db", str(db))
    assert "1 quote in outlets" in out


def test_full_disk_during_ingest_is_one_line_naming_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "news.db"

    def full(self: Corpus, article: object) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Corpus, "add", full)
    code, out = run("ingest", str(tmp_path / "story.txt"), "--db", str(db), "-q")
    assert code == 1
    (line,) = out.strip().splitlines()
    assert line.startswith("Error: ")
    assert f"cannot write to the corpus {db}: database or disk is full" in line
    assert "Traceback" not in out


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(main.commands.items())


def test_every_command_has_an_example_in_its_help() -> None:
    for name, _command in _commands():
        code, out = run(name, "--help")
        assert code == 0
        assert "Example:" in out, f"newsquotes {name} --help has no example"
        example = out.split("Example:", 1)[1]
        assert f"newsquotes {name}" in example, f"the example of {name} does not run it"


def test_every_command_is_in_the_readme_and_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    docs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    for name, _command in _commands():
        assert f"`newsquotes {name}" in readme, f"README.md does not list newsquotes {name}"
        assert f"newsquotes {name}" in docs, f"no page in docs/ shows newsquotes {name}"


def test_readme_names_no_command_that_does_not_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`newsquotes ([a-z-]+)", readme))
    assert named <= set(main.commands), named - set(main.commands)


def test_errors_help_is_listed_in_main_help() -> None:
    code, out = run("--help")
    assert code == 0 and "errors" in out
