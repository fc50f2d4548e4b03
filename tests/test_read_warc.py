"""WARC input: HTML records become articles, other records are counted, bad records reported."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsquotes.errors import DocumentError, FormatError
from newsquotes.model import Article
from newsquotes.read import ReadStats, read_documents

WARC_DATE = "2024-06-01T12:00:00Z"


def article_page(topic: str) -> bytes:
    paragraphs = [
        f"Residents of Orlov packed the town hall on Monday evening to debate the {topic}, "
        "which the council says is needed to keep the old market square open to traders.",
        f'"The {topic} is the only way to keep this square alive," said Jana Novak, who '
        "chairs the council's planning committee and has backed the proposal since spring.",
        "Several traders said they feared the change would drive away the customers who still "
        "travel in from the surrounding villages every Saturday morning for fresh produce.",
        "The council is expected to vote on the proposal at its next meeting, after a further "
        "round of consultation with traders and residents of the streets around the square.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>Orlov debates the {topic}</title></head>"
        f"<body><article><h1>Orlov debates the {topic}</h1>{body}</article></body></html>"
    ).encode()


def write_records(writer: WARCWriter, base: str) -> None:
    """warcinfo, request, HTML response, image response, 404, HTML resource, metadata."""
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    request_headers = StatusAndHeaders(
        "GET /market HTTP/1.1", [("Host", "orlov.example")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(f"{base}/market", "request", http_headers=request_headers)
    )

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": WARC_DATE},
        )
        writer.write_record(record)

    response(f"{base}/market", article_page("market levy"), "text/html; charset=utf-8")
    response(f"{base}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response(f"{base}/gone", b"<html><body>Not found</body></html>", "text/html", "404 Not Found")
    writer.write_record(
        writer.create_warc_record(
            f"{base}/parking",
            "resource",
            payload=io.BytesIO(article_page("parking charge")),
            warc_content_type="text/html",
        )
    )
    writer.write_record(
        writer.create_warc_record(
            f"{base}/market",
            "metadata",
            payload=io.BytesIO(b"outlinks: none"),
            warc_content_type="text/plain",
        )
    )


def build_warc(path: Path, *, gzipped: bool, broken: bool = False) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        write_records(writer, "https://orlov.example/a")
        if broken:
            handle.write(b"THIS IS NOT A WARC RECORD\r\nContent-Length: 12\r\n\r\n")
        write_records(writer, "https://orlov.example/b")


def check_batch(results: list[Article | DocumentError], stats: ReadStats, path: Path) -> None:
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.url for a in articles] == [
        "https://orlov.example/a/market",
        "https://orlov.example/a/parking",
        "https://orlov.example/b/market",
        "https://orlov.example/b/parking",
    ]
    market = articles[0]
    assert market.title == "Orlov debates the market levy"
    assert market.published == WARC_DATE
    assert market.id.startswith("orlov-example-a-market-")
    assert market.id != articles[2].id
    assert market.source is not None and market.source.startswith(f"{path}#")
    assert int(market.source.rsplit("#", 1)[1]) > 0
    assert "Jana Novak" in market.text
    assert stats.skipped == {
        "warcinfo": 2,
        "request": 2,
        "metadata": 2,
        "non-html response": 2,
        "http status 4xx": 2,
    }
    assert stats.formats["warc"] == 1
    assert stats.documents == 4


def test_warc_records_become_articles_and_skips_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    build_warc(path, gzipped=False)
    stats = ReadStats()
    results = list(read_documents([str(path)], stats))
    assert not [r for r in results if isinstance(r, DocumentError)]
    check_batch(results, stats, path)


def test_gzipped_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    stats = ReadStats()
    results = list(read_documents([str(path)], stats))
    assert not [r for r in results if isinstance(r, DocumentError)]
    check_batch(results, stats, path)


def test_malformed_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    for gzipped in (False, True):
        path = tmp_path / ("broken.warc.gz" if gzipped else "broken.warc")
        build_warc(path, gzipped=gzipped, broken=True)
        stats = ReadStats()
        results = list(read_documents([str(path)], stats))
        errors = [r for r in results if isinstance(r, DocumentError)]
        assert len(errors) == 1, errors
        [error] = errors
        assert isinstance(error, FormatError)
        assert error.document.startswith(f"{path}#")
        assert "malformed WARC record" in error.reason
        check_batch(results, stats, path)
        assert stats.errors == 1


def test_truncated_warc_gz_keeps_complete_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    build_warc(path, gzipped=True)
    data = path.read_bytes()
    path.write_bytes(data[:-200])
    results = list(read_documents([str(path)]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, DocumentError)]
    assert [a.url for a in articles][:3] == [
        "https://orlov.example/a/market",
        "https://orlov.example/a/parking",
        "https://orlov.example/b/market",
    ]
    assert len(errors) == 1 and isinstance(errors[0], FormatError)
    assert errors[0].document.startswith(f"{path}#")
