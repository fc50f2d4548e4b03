"""``newsquotes evaluate`` end to end on the fixture gold, with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsquotes.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gold"


@pytest.fixture(scope="module")
def json_report() -> dict:
    result = CliRunner().invoke(main, ["evaluate", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_json_report_covers_every_fixture_document(json_report: dict) -> None:
    assert json_report["documents"] == 2
    assert json_report["errors"] == []
    assert json_report["subsets"]["all"]["gold"] == 8
    assert json_report["subsets"]["direct"]["gold"] == 5


@pytest.mark.slow
def test_pipeline_finds_the_obvious_said_quote_and_its_speaker(json_report: dict) -> None:
    """Needs the quote engine: '"We will build the pier before winter," said Jana Novak'."""
    direct = json_report["subsets"]["direct"]
    assert direct["content_overlap"]["found"] >= 1
    assert direct["speaker_right"] >= 1


@pytest.mark.slow
def test_table_output_and_limit() -> None:
    result = CliRunner().invoke(main, ["evaluate", str(FIXTURES), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert ": 1 documents, 5 gold attributions" in result.stdout
    for heading in ("[direct] gold 4", "[speech] gold 4", "[all] gold 5"):
        assert heading in result.stdout
    assert "content-overlap" in result.stdout and "speaker accuracy on matched" in result.stdout


def test_folder_that_is_not_gold_fails_with_a_clear_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code != 0
    assert "not a gold folder" in result.output
