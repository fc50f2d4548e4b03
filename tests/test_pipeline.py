"""The pipeline's output contract, offsets, the spaCy component, bad input and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsquotes import extract, pipeline
from newsquotes.cli import main
from newsquotes.errors import DocumentError, DocumentTooLargeError
from newsquotes.model import Article
from newsquotes.pipeline import Pipeline, default_pipeline

ARTICLE = (
    "Ferry to Skarvik will not run before May\n\n"
    '"The ferry is the only way to reach the hospital," said Ingrid Holm, a nurse in '
    "Skarvik.\n\n"
    '"Without it, an old woman on the island has to wait for a helicopter," she said.\n\n'
    "The Ministry of Transport said the ferry would resume on the first of May.\n\n"
    'Pavel Dorn, a councillor in Brenna, said the delay was "a disgrace for the whole coast".'
)

QUOTE_KEYS = {
    "id",
    "type",
    "spans",
    "text",
    "cue",
    "speaker",
    "speaker_id",
    "speaker_name",
    "confidence",
    "act",
    "via",
    "resolved_by",
}
SPEAKER_KEYS = {"id", "name", "kind", "aliases", "description", "roles", "organizations"}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="module")
def article(pipe: Pipeline) -> Article:
    return extract(ARTICLE, id="skarvik-ferry")


def test_output_contract_keys(article: Article) -> None:
    data = article.to_dict()
    assert {"id", "text", "title", "regions", "quotes", "speakers"} <= set(data)
    assert data["id"] == "skarvik-ferry"
    assert data["text"] == ARTICLE
    assert isinstance(data["regions"], list)
    assert data["quotes"], "the article has quotes"
    for q in data["quotes"]:
        assert set(q) == QUOTE_KEYS
        assert q["type"] in ("direct", "mixed", "indirect")
        assert all(isinstance(s, list) and len(s) == 2 for s in q["spans"])
        assert isinstance(q["confidence"], float)
        for key in ("cue", "speaker"):
            assert q[key] is None or set(q[key]) == {"start", "end", "text"}
    assert data["speakers"]
    for s in data["speakers"]:
        assert set(s) == SPEAKER_KEYS
        assert s["kind"] in ("person", "organization", "group", "unknown")
        assert isinstance(s["aliases"], list)
        assert isinstance(s["roles"], list)
        assert isinstance(s["organizations"], list)
    json.dumps(data)  # serialisable as is


def test_expected_quotes_in_contract_article(article: Article) -> None:
    by_speaker = {q.speaker_name for q in article.quotes}
    assert {"Ingrid Holm", "Pavel Dorn"} <= by_speaker
    holm = [q for q in article.quotes if q.speaker_name == "Ingrid Holm"]
    assert len(holm) == 2
    assert len({q.speaker_id for q in holm}) == 1


def test_offsets_index_text(article: Article) -> None:
    text = article.text
    assert article.quotes
    for q in article.quotes:
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    for r in article.regions:
        assert 0 <= r.start <= r.end <= len(text)
    for ent in article.entities:
        assert text[ent.start : ent.end] == ent.text


def test_round_trip(article: Article) -> None:
    data = article.to_dict()
    again = Article.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    assert again.quotes == article.quotes
    assert again.speakers == article.speakers


def test_spacy_component_sets_doc_extensions(pipe: Pipeline) -> None:
    doc = pipe.nlp(ARTICLE)
    assert "newsquotes" in pipe.nlp.pipe_names
    quotes = doc._.quotes
    speakers = doc._.speakers
    assert quotes and speakers
    expected = extract(ARTICLE)
    assert [(q.type, q.spans, q.speaker_name) for q in quotes] == [
        (q.type, q.spans, q.speaker_name) for q in expected.quotes
    ]
    assert [s.name for s in speakers] == [s.name for s in expected.speakers]


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"], ids=["empty", "spaces", "newlines"])
def test_empty_text_has_no_quotes(pipe: Pipeline, text: str) -> None:
    article = extract(text)
    assert article.quotes == []
    assert article.speakers == []


def test_text_without_quotes(pipe: Pipeline) -> None:
    text = (
        "The harbour in Penwick was rebuilt in 1962.\n\n"
        "It is now used mostly by small fishing boats and a few yachts in the summer."
    )
    assert extract(text).quotes == []


def test_ten_thousand_quote_marks(pipe: Pipeline) -> None:
    article = extract('"' * 10_000)
    for q in article.quotes:
        assert q.text == " ".join(article.text[s:e] for s, e in q.spans)


def test_too_large_names_the_document(pipe: Pipeline) -> None:
    text = "a " * (pipeline.MAX_CHARS // 2 + 10)
    assert len(text) > pipeline.MAX_CHARS
    with pytest.raises(DocumentTooLargeError) as info:
        pipe.process(Article(id="giant-article", text=text))
    assert "giant-article" in str(info.value)
    assert info.value.document == "giant-article"
    assert isinstance(info.value, DocumentError)


def test_pipe_yields_error_and_goes_on(pipe: Pipeline) -> None:
    big = Article(id="giant", text="x" * (pipeline.MAX_CHARS + 1))
    good = Article(id="good", text='"We will rebuild the pier," said Ingrid Holm.')
    results = list(pipe.pipe([big, good]))
    assert isinstance(results[0], DocumentTooLargeError)
    assert isinstance(results[1], Article)
    assert results[1].quotes[0].speaker_name == "Ingrid Holm"


# -- CLI -------------------------------------------------------------------------------


def run_cli(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", *args], input=input)


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "skarvik.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_json(pipe: Pipeline, article_file: Path) -> None:
    result = run_cli(str(article_file), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["text"] == ARTICLE
    assert {"Ingrid Holm", "Pavel Dorn"} <= {q["speaker_name"] for q in data["quotes"]}
    for q in data["quotes"]:
        assert set(q) == QUOTE_KEYS


def test_cli_jsonl(pipe: Pipeline, article_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "second.txt"
    other.write_text('"The pier is finished," said Ada Finch.', encoding="utf-8")
    result = run_cli(str(article_file), str(other), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2
    texts = {d["text"] for d in lines}
    assert texts == {ARTICLE, '"The pier is finished," said Ada Finch.'}


def test_cli_table(pipe: Pipeline, article_file: Path) -> None:
    result = run_cli(str(article_file), "--format", "table")
    assert result.exit_code == 0, result.output
    assert "SPEAKER" in result.stdout
    assert "Ingrid Holm" in result.stdout
    assert "Pavel Dorn" in result.stdout


def test_cli_table_explain_shows_via_act_and_confidence(pipe: Pipeline, article_file: Path) -> None:
    plain = run_cli(str(article_file), "--format", "table").stdout
    result = run_cli(str(article_file), "--format", "table", "--explain")
    assert result.exit_code == 0, result.output
    assert "VIA" in result.stdout and "CONF" in result.stdout
    assert "VIA" not in plain
    quotes = pipe.process(Article(id="a", text=ARTICLE)).quotes
    for quote in quotes:
        assert f"{quote.via}" in result.stdout
        assert f"{quote.confidence:.2f}" in result.stdout


def test_cli_stdin(pipe: Pipeline) -> None:
    result = run_cli("-", "--format", "jsonl", input=ARTICLE)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0]["text"] == ARTICLE
    assert "Ingrid Holm" in {q["speaker_name"] for q in lines[0]["quotes"]}


def test_cli_directory_with_bad_file(pipe: Pipeline, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    # bytes that are neither UTF-8 nor cp1252
    (folder / "broken.txt").write_bytes(
        b"The council met \x81\x8d\x8f\x90\x9d on Monday \xff\xfe\x81 in Penwick.\n"
    )
    result = run_cli(str(folder), "--format", "jsonl")
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0]["text"] == ARTICLE
    assert "broken.txt" in result.stderr
    assert "good.txt" not in result.stderr
