"""HTML pages: body paragraphs, headings, captions, metadata, charsets, pages with no article."""

from __future__ import annotations

from pathlib import Path

from newsquotes.errors import NoArticleError
from newsquotes.model import Article
from newsquotes.read import ReadStats, read_documents
from newsquotes.read.html import article_from_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
PARAGRAPHS = [
    "The regional assembly in Kostavar passed a budget on Thursday that doubles spending on "
    "rural bus services and freezes fees for public kindergartens for another two years.",
    '"This is a budget for the villages as much as for the city," said Jana Novak, the '
    "assembly's finance chair, as members applauded the final vote late in the evening.",
    "Opposition members argued that the plan relied on optimistic forecasts of tax revenue and "
    "warned that the assembly would have to return to the numbers before the summer recess.",
    "The budget now goes to the regional governor, who has ten days to sign it or send it back "
    "to the assembly with objections, something no governor has done in the past decade.",
]


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head>{head}<title>Budget passes</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    )


def test_fixture_page_text_metadata_and_headings() -> None:
    stats = ReadStats()
    [article] = list(read_documents([str(FIXTURES / "harbour-strike.html")], stats))
    assert isinstance(article, Article)
    assert article.id == "harbour-strike"
    assert article.title == "Dock workers vote to strike at Port Velmar"
    assert article.outlet == "The Coastal Ledger"
    assert article.authors == ["Mira Castellan"]
    assert article.published == "2024-03-14"
    assert article.url == "https://coastal-ledger.example/news/2024/03/14/dock-strike"
    assert article.language == "en"
    assert stats.formats["html"] == 1
    headings = [article.text[r.start : r.end] for r in article.regions if r.kind == "heading"]
    assert headings == ["Shippers brace for delays", "A long dispute"]
    assert '"We have waited three years for a fair contract' in article.text
    paragraphs = article.text.split("\n\n")
    assert "Shippers brace for delays" in paragraphs
    assert "Most read" not in article.text and "cookies" not in article.text


def test_caption_and_credit_in_body_become_regions() -> None:
    body = (
        "<h1>Budget passes</h1>"
        f"<p>{PARAGRAPHS[0]}</p>"
        "<p>Members of the Kostavar assembly vote on the budget, "
        "Thursday, May 2, 2024.Reuters</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    )
    article = article_from_html(page(body), id="budget", source="budget.html")
    found = [(r.kind, article.text[r.start : r.end]) for r in article.regions]
    assert (
        "caption",
        "Members of the Kostavar assembly vote on the budget, Thursday, May 2, 2024.",
    ) in found
    assert ("credit", "Reuters") in found
    assert not any(
        kind in ("caption", "credit") and "Jana Novak" in snippet for kind, snippet in found
    )


def test_page_without_article_is_a_no_article_error() -> None:
    [error] = list(read_documents([str(FIXTURES / "login-page.html")]))
    assert isinstance(error, NoArticleError)
    assert error.document.endswith("login-page.html")


def test_declared_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<p>Mayor Łukasz Wróbel welcomed it.</p>"
    html = page(body, head='<meta charset="iso-8859-2">')
    path = tmp_path / "latin2.html"
    path.write_bytes(html.encode("iso-8859-2"))
    [article] = list(read_documents([str(path)]))
    assert isinstance(article, Article)
    assert "Łukasz Wróbel" in article.text


def test_html_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(page("".join(f"<p>{p}</p>" for p in PARAGRAPHS)), encoding="utf-8")
    [article] = list(read_documents([str(path)]))
    assert isinstance(article, Article)
    assert "<p>" not in article.text
    assert article.text.split("\n\n")[0] == PARAGRAPHS[0]
