"""The Spark job: the partition function on plain iterables (no pyspark needed), then the whole
job on a local Spark when pyspark and Java are there."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from newsquotes.model import Article, Quote
from newsquotes.spark import extract_partition, main

NOVAK = '"We will win," said Jana Novak, the party leader.'


class FakePipeline:
    """Marks the first quoted stretch as a quote; fails on demand; counts how often it is made."""

    made = 0

    def __init__(self) -> None:
        FakePipeline.made += 1

    def process(self, article: Article) -> Article:
        if "CRASH" in article.text:
            raise RuntimeError("parser fell over")
        start = article.text.find('"')
        end = article.text.find('"', start + 1) + 1
        if start >= 0 and end > start:
            article.quotes = [
                Quote("q1", "direct", [(start, end)], article.text[start:end], speaker_name="X")
            ]
        return article


@pytest.fixture(autouse=True)
def reset_counter() -> None:
    FakePipeline.made = 0


class RowLike:
    """Duck-types pyspark's ``Row``: what ``spark.read.json(...).rdd`` hands a partition."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def asDict(self, recursive: bool = False) -> dict[str, Any]:  # noqa: N802 - pyspark's name
        return dict(self.fields)


def test_rows_become_article_dicts_with_the_pipeline_made_once() -> None:
    rows = [
        {"id": "n1", "text": NOVAK, "outlet": "Valley Courier", "published": "2024-03-02"},
        RowLike(id="n2", text='"Ports matter," the minister said.', url="https://x.example/2"),
        json.dumps({"id": 3, "text": 'Ola said: "No."'}),
        "",
        "   \n",
    ]
    out = list(extract_partition(iter(rows), FakePipeline))
    assert FakePipeline.made == 1
    assert [o["id"] for o in out] == ["n1", "n2", "3"]
    assert out[0]["quotes"][0]["text"] == '"We will win,"'
    assert out[0]["outlet"] == "Valley Courier" and out[0]["published"] == "2024-03-02"
    assert out[1]["url"] == "https://x.example/2"
    assert out[2]["quotes"][0]["text"] == '"No."'
    # The output is the model's contract: every row round-trips through Article.from_dict.
    for record in out:
        assert Article.from_dict(record).to_dict() == record


def test_an_empty_partition_loads_no_pipeline() -> None:
    assert list(extract_partition([], FakePipeline)) == []
    assert list(extract_partition(["", "\n"], FakePipeline)) == []
    assert FakePipeline.made == 0


def test_bad_rows_become_error_records_and_the_rest_go_on() -> None:
    rows = [
        {"id": "ok1", "text": NOVAK},
        "{this is not json",
        {"text": "a row without an id"},
        {"id": "no-text", "title": "Only a title"},
        {"id": "blank", "text": "   "},
        {"id": "crash", "text": "CRASH here"},
        {"id": "bad-field", "text": "fine", "outlet": {"nested": True}},
        ["not", "an", "object"],
        {"id": "ok2", "text": '"Still here," said Ida Brandt.'},
    ]
    out = list(extract_partition(rows, FakePipeline))
    assert len(out) == len(rows)
    errors = {o["id"]: o for o in out if "error" in o}
    assert [o["id"] for o in out if "error" not in o] == ["ok1", "ok2"]
    assert set(errors) == {None, "no-text", "blank", "crash", "bad-field"}
    assert "not valid JSON" in out[1]["error"] and out[1]["id"] is None
    assert "no 'id'" in out[2]["error"]
    assert "neither a 'text' nor an 'html'" in errors["no-text"]["error"]
    assert "empty" in errors["blank"]["error"] and errors["blank"]["code"] == "NQ102"
    assert errors["crash"]["error"] == "RuntimeError: parser fell over"
    assert "'outlet' must be a string" in errors["bad-field"]["error"]
    assert "expected a JSON object" in out[7]["error"]


def test_html_rows_go_through_the_html_reader() -> None:
    html = (
        "<html><head><title>Port news</title></head><body><article>"
        "<h1>Harbour reopens</h1><p>" + NOVAK + " She spoke at the quay on Monday morning, "
        "where a crowd of dock workers had gathered to hear the plans for the harbour.</p>"
        "</article></body></html>"
    )
    [record] = extract_partition([{"id": "h1", "html": html}], FakePipeline)
    assert "error" not in record, record
    assert "We will win" in record["text"] and "<p>" not in record["text"]


def test_main_without_arguments_prints_usage(capsys) -> None:
    assert main([]) == 2
    assert "usage: python -m newsquotes.spark INPUT OUTPUT" in capsys.readouterr().err


@pytest.mark.slow
def test_partition_with_the_real_pipeline() -> None:
    [record] = extract_partition([{"id": "n1", "text": NOVAK}])
    assert [(q["speaker_name"], q["text"]) for q in record["quotes"]] == [
        ("Jana Novak", '"We will win,"')
    ]


def _java_missing() -> bool:
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is None and not (home and Path(home, "bin", "java").exists())


@pytest.mark.slow
def test_the_job_on_a_local_spark(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip(
        "pyspark", reason="pyspark is not installed (pip install 'newsquotes[spark]')"
    )
    if _java_missing():
        pytest.skip("Spark needs Java: no java on PATH and no JAVA_HOME")
    from pyspark.sql import SparkSession

    from newsquotes.spark import run

    # The workers must run this interpreter, where newsquotes and the model are installed.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "n1", "text": NOVAK, "outlet": "Valley Courier"}),
                "{broken",
                json.dumps({"id": "n2", "text": '"Ports matter," said Tomas Berg, the mayor.'}),
                "",
            ]
        ),
        encoding="utf-8",
    )
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("newsquotes-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        run(str(source), str(tmp_path / "out"), spark)
    finally:
        spark.stop()
    parts = sorted((tmp_path / "out").glob("part-*"))
    assert parts and (tmp_path / "out" / "_SUCCESS").exists()
    records = [json.loads(line) for p in parts for line in p.read_text().splitlines() if line]
    by_id = {r["id"]: r for r in records}
    assert len(records) == 3
    assert by_id["n1"]["outlet"] == "Valley Courier"
    assert [q["speaker_name"] for q in by_id["n1"]["quotes"]] == ["Jana Novak"]
    assert [q["speaker_name"] for q in by_id["n2"]["quotes"]] == ["Tomas Berg"]
    assert "not valid JSON" in by_id[None]["error"]
