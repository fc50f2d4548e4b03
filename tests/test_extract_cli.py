"""``newsquotes extract`` as documented: a table on a terminal, a JSON array for several
documents, an error for nothing to read, non-articles in folders passed over, and one document
at a time from reader to output."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsquotes.cli import main
from newsquotes.model import Article

TEXT = '"The harbour stays open," said Jana Novak, the port director.\n'
OTHER = '"We sail at dawn," said Milan Horvat, the captain.\n'


def extract(*args: str) -> Result:
    return CliRunner().invoke(main, ["extract", *args])


def test_default_is_a_table_on_a_terminal(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        finished = subprocess.run(
            [
                sys.executable,
                "-c",
                "from newsquotes.cli import main; main()",
                "extract",
                str(story),
            ],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
            env={**os.environ, "COLUMNS": "100"},
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert finished.returncode == 0, finished.stderr
    text = shown.decode("utf-8")
    assert "SPEAKER" in text and "Jana Novak" in text
    assert not text.lstrip().startswith("{")


def test_default_is_jsonl_into_a_pipe(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    result = extract(str(story))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == TEXT


def test_json_with_several_documents_is_an_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT + OTHER, encoding="utf-8")
    result = extract(str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [d["id"] for d in data] == ["a", "b", "c"]
    one = extract(str(tmp_path / "a.txt"), "--format", "json")
    assert json.loads(one.stdout)["id"] == "a"


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = extract(str(empty))
    assert result.exit_code != 0
    assert f"no documents found in {empty}" in result.output


def test_folder_of_only_annotations_says_what_it_passed_over(tmp_path: Path) -> None:
    (tmp_path / "story.ann").write_text("T1\tSource 0 4\tJana\n", encoding="utf-8")
    result = extract(str(tmp_path))
    assert result.exit_code != 0
    assert "(1 file passed over as not articles)" in result.output


def test_annotation_beside_an_article_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.ann").write_text("T1\tSource 43 53\tJana Novak\n", encoding="utf-8")
    result = extract(str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["story"]


def test_failures_are_counted_in_the_right_number(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    result = extract(str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 1
    assert "1 of 2 documents failed" in result.stderr


def test_extract_streams_one_document_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []

    def reader(paths: Iterable[str], stats: object = None) -> Iterator[Article]:
        for name in ("a", "b", "c"):
            events.append(f"read {name}")
            yield Article(id=name, text=TEXT, source=name)

    class Recorder:
        def process(self, article: Article) -> Article:
            events.append(f"process {article.id}")
            return article

    import newsquotes.pipeline
    import newsquotes.read

    monkeypatch.setattr(newsquotes.read, "read_documents", reader)
    monkeypatch.setattr(newsquotes.pipeline, "default_pipeline", Recorder)
    result = extract("anything", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert events == ["read a", "process a", "read b", "process b", "read c", "process c"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names not UTF-8")
def test_file_name_not_utf8_and_lone_surrogates_do_not_crash(tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as handle:
        handle.write(TEXT.encode())
    line = json.dumps({"id": "s", "text": "Odd \udfff mark. " + OTHER})
    (tmp_path / "batch.jsonl").write_text(line + "\n", encoding="ascii")
    result = extract(str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [
        f"{tmp_path}/batch.jsonl:1",
        f"{tmp_path}/caf\\xe9.txt",
    ]
    assert records[0]["text"].startswith("Odd \ufffd mark.")
    assert records[0]["quotes"][0]["speaker_name"] == "Milan Horvat"


def test_table_shows_an_unresolved_mention_in_brackets_never_as_a_name() -> None:
    from newsquotes.cli.extract import format_table
    from newsquotes.model import Article, Quote, Span, Speaker

    text = '"We had no choice," he said. "Never," said Ana Ruiz.'
    he = text.index("he said")
    ruiz = text.index("Ana Ruiz")
    article = Article(
        id="cuts",
        text=text,
        quotes=[
            Quote("q1", "direct", [(0, 19)], text[:19], speaker=Span.of(text, he, he + 2)),
            Quote(
                "q2",
                "direct",
                [(29, 37)],
                text[29:37],
                speaker=Span.of(text, ruiz, ruiz + 8),
                speaker_id="s1",
                speaker_name="Ana Ruiz",
            ),
        ],
        speakers=[Speaker("s1", "Ana Ruiz", "person")],
    )
    rows = format_table(article, width=100).splitlines()
    assert any(row.startswith("(he) ") for row in rows)
    assert any(row.startswith("Ana Ruiz ") for row in rows)
    assert not any(row.startswith("he ") for row in rows)
