"""HTML pages: the article body (trafilatura) as paragraphs, with headings and captions as regions.

The text is built block by block from trafilatura's element tree, so each heading, caption and
credit gets exact offsets instead of being guessed back out of flattened text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from ..clean.page_furniture import find_regions, is_credit, is_furniture, split_caption_credit
from ..errors import NoArticleError
from ..model import Article, Region


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """The trafilatura settings the reader uses; the benchmark compares alternatives."""

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    mark_furniture: bool = True
    """Also run the page-furniture rules over the extracted paragraphs."""


DEFAULT_OPTIONS = HtmlOptions()

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_CAPTION_CLASS = "//*[contains(@class, 'caption') or contains(@class, 'credit')]"


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    kind: str | None
    """``heading`` for section headings, else None (body, or decided later)."""


def _normalise(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _element_text(element: etree._Element) -> str:
    """Text of one trafilatura block: ``<lb/>`` and list items or table rows start new lines."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in ("lb", "item", "row"):
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tag == "cell":
                parts.append(" ")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    return _normalise("".join(parts))


def _blocks(body: etree._Element) -> list[_Block]:
    blocks: list[_Block] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        text = _element_text(child)
        if text:
            blocks.append(_Block(text, "heading" if child.tag == "head" else None))
    return blocks


def _caption_texts(tree: etree._Element) -> set[str]:
    """Normalised texts of ``<figcaption>`` and caption/credit-classed elements on the page."""
    texts: set[str] = set()
    for node in tree.xpath("//figcaption") + tree.xpath(_CAPTION_CLASS):
        text = " ".join(" ".join(node.itertext()).split())
        if 0 < len(text) <= 600:
            texts.add(text)
    return texts


def _language(tree: etree._Element) -> str | None:
    values = tree.xpath("/html/@lang")
    if values and str(values[0]).strip():
        return str(values[0]).strip().split("-")[0].lower()
    return None


def _authors(author: str | None) -> list[str]:
    if not author:
        return []
    return [name.strip() for name in author.split(";") if name.strip()]


def _assemble(
    blocks: list[_Block], captions: set[str], title: str | None
) -> tuple[str, list[Region]]:
    """Join blocks with blank lines, recording the regions blocks are known to be."""
    pieces: list[str] = []
    regions: list[Region] = []
    offset = 0
    for index, block in enumerate(blocks):
        start, end = offset, offset + len(block.text)
        flat = " ".join(block.text.split())
        split = split_caption_credit(block.text) if "\n" not in block.text else None
        if block.kind == "heading":
            is_title = index == 0 and title is not None and flat == " ".join(title.split())
            regions.append(Region("title" if is_title else "heading", start, end))
        elif flat in captions or any(flat in caption for caption in captions if len(flat) > 20):
            regions.append(Region("credit" if is_credit(flat) else "caption", start, end))
        elif split is not None:
            regions.append(Region("caption", start, start + split[0]))
            regions.append(Region("credit", start + split[1], end))
        elif is_credit(block.text):
            regions.append(Region("credit", start, end))
        elif is_furniture(block.text):
            regions.append(Region("boilerplate", start, end))
        pieces.append(block.text)
        offset = end + 2
    return "\n\n".join(pieces), regions


def _merge(known: list[Region], found: list[Region]) -> list[Region]:
    """Add rule-found regions that do not overlap a region already known from the markup."""
    merged = list(known)
    for region in found:
        if all(region.end <= other.start or region.start >= other.end for other in merged):
            merged.append(region)
    return sorted(merged, key=lambda region: (region.start, region.end))


def article_from_html(
    html: str,
    *,
    id: str,
    source: str,
    url: str | None = None,
    published: str | None = None,
    options: HtmlOptions = DEFAULT_OPTIONS,
) -> Article:
    """One article from an HTML page; ``published`` is used when the page gives no date."""
    tree = load_html(html)
    if tree is None:
        raise NoArticleError(source, "the HTML could not be parsed")
    captions = _caption_texts(tree)
    language = _language(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=options.favor_precision,
            favor_recall=options.favor_recall,
            include_comments=False,
            include_tables=options.include_tables,
            include_images=False,
            with_metadata=True,
        )
    except (ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        raise NoArticleError(source, f"the page could not be analysed ({exc})") from exc
    body = getattr(document, "body", None)
    blocks = _blocks(body) if body is not None else []
    if not blocks:
        raise NoArticleError(
            source,
            "no article body found in the HTML page",
            advice="it may be an index, login or error page",
        )
    title = getattr(document, "title", None) or None
    text, regions = _assemble(blocks, captions, title)
    if options.mark_furniture:
        found, _title = find_regions(text, detect_title=False)
        regions = _merge(regions, found)
    return Article(
        id=id,
        text=text,
        title=title,
        regions=regions,
        url=url or getattr(document, "url", None) or None,
        published=getattr(document, "date", None) or published,
        outlet=getattr(document, "sitename", None) or None,
        authors=_authors(getattr(document, "author", None)),
        language=getattr(document, "language", None) or language,
        source=source,
    )
