"""JSON Lines input: one article per line; a bad line is an error naming path:line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsquotes.errors import DocumentError, FormatError
from newsquotes.model import Article
from newsquotes.read import ReadStats, read_documents

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
TEXT = '"We will win," said Jana Novak, the party leader.\n'


def lines() -> list[str]:
    html = (FIXTURES / "harbour-strike.html").read_text(encoding="utf-8")
    return [
        json.dumps(
            {
                "id": "novak-1",
                "text": TEXT,
                "url": "https://daily.example/a",
                "title": "Novak confident",
                "published": "2024-05-01",
                "outlet": "Daily",
            }
        ),
        "{this is not json",
        json.dumps({"text": TEXT}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "harbour", "html": html}),
        json.dumps({"id": "nothing", "body": "no text or html field"}),
    ]


def test_jsonl_articles_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines()) + "\n", encoding="utf-8")
    stats = ReadStats()
    results = list(read_documents([str(path)], stats))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, DocumentError)]
    assert [a.id for a in articles] == ["novak-1", "batch-3", "harbour"]
    first = articles[0]
    assert (first.text, first.url, first.title, first.published, first.outlet) == (
        TEXT,
        "https://daily.example/a",
        "Novak confident",
        "2024-05-01",
        "Daily",
    )
    assert first.source == f"{path}:1"
    assert articles[2].title == "Dock workers vote to strike at Port Velmar"
    assert [e.document for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:7"]
    assert all(isinstance(e, FormatError) for e in errors)
    assert "neither a 'text' nor an 'html'" in errors[2].reason
    assert stats.formats["jsonl"] == 1
    assert (stats.documents, stats.errors) == (3, 3)


def test_truncated_jsonl_gz_yields_complete_lines_then_an_error(tmp_path: Path) -> None:
    records = [json.dumps({"id": f"a{i}", "text": TEXT * 20}) for i in range(200)]
    data = gzip.compress(("\n".join(records) + "\n").encode("utf-8"))
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    results = list(read_documents([str(path)]))
    *articles, error = results
    assert articles and all(isinstance(a, Article) for a in articles)
    assert [a.id for a in articles] == [f"a{i}" for i in range(len(articles))]
    assert len(articles) < 200
    assert isinstance(error, FormatError)
    assert error.document == str(path)
    assert "gzip" in error.reason
