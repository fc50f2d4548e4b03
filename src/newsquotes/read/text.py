"""Plain or scraped text: the file content is the article text, unchanged; cleaning adds regions."""

from __future__ import annotations

from ..clean.page_furniture import find_regions
from ..errors import EmptyDocumentError
from ..model import Article


def article_from_text(text: str, *, id: str, source: str) -> Article:
    """One article from scraped text; page furniture, title and captions become regions."""
    if not text.strip():
        raise EmptyDocumentError(source, "the document has no text")
    regions, title = find_regions(text)
    return Article(id=id, text=text, title=title, regions=regions, source=source)
