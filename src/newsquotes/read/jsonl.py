"""JSON Lines: one article per line, ``text`` or ``html`` plus optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import DocumentError, DocumentTooLargeError, EmptyDocumentError, FormatError
from ..model import Article
from .html import article_from_html
from .sources import MAX_DOCUMENT_BYTES, replace_lone_surrogates
from .text import article_from_text

_OPTIONAL = ("url", "title", "published", "outlet", "language")


def _string_field(record: dict[str, Any], key: str, name: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise FormatError(name, f"field {key!r} must be a string, not {type(value).__name__}")
    return replace_lone_surrogates(str(value))


def article_from_record(record: Any, *, name: str, default_id: str) -> Article:
    """One JSON object to an article; ``name`` (``path:line``) is how errors name it."""
    if not isinstance(record, dict):
        raise FormatError(name, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    html = record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise FormatError(name, "the object has neither a 'text' nor an 'html' string field")
    article_id = _string_field(record, "id", name) or default_id
    fields = {key: _string_field(record, key, name) for key in _OPTIONAL}
    if isinstance(text, str):
        if not text.strip():
            raise EmptyDocumentError(name, "the 'text' field is empty")
        article = article_from_text(replace_lone_surrogates(text), id=article_id, source=name)
    else:
        article = article_from_html(
            replace_lone_surrogates(str(html)),
            id=article_id,
            source=name,
            url=fields["url"],
            published=fields["published"],
        )
    article.url = fields["url"] or article.url
    article.title = fields["title"] or article.title
    article.published = fields["published"] or article.published
    article.outlet = fields["outlet"] or article.outlet
    article.language = fields["language"] or article.language
    return article


def read_jsonl(
    lines: Iterable[tuple[int, bytes | None]], *, name: str, stem: str
) -> Iterator[Article | DocumentError]:
    """Yield an article or an error per numbered non-blank line (``None``: a line over the
    size limit, already read past); a bad line never stops the rest."""
    for number, raw in lines:
        line_name = f"{name}:{number}"
        if raw is None:
            yield DocumentTooLargeError(
                line_name,
                "a line over the size limit of one document "
                f"({MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)",
                advice="the reader skipped it; one article per line, each under the limit",
            )
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield FormatError(line_name, f"not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        except RecursionError:
            yield FormatError(line_name, "JSON nested too deeply to be an article")
            continue
        except ValueError as exc:
            yield FormatError(line_name, f"not valid JSON ({exc})")
            continue
        try:
            yield article_from_record(record, name=line_name, default_id=f"{stem}-{number}")
        except DocumentError as exc:
            yield exc
