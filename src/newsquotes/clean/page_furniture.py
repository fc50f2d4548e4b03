"""Find the parts of scraped article text that are not article body, without changing the text.

Scrapers keep navigation words, share buttons, photo captions glued to their credits and
sub-headings glued to the paragraph before them. Quote attribution must not read those as
prose, so this module marks them as :class:`Region` records (offsets are ``str`` indices into
the unchanged text). It errs on the side of body: a line with a quotation in it, or a full
sentence, is never marked as furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Region

_DOUBLE_QUOTES = '"“”„«»'
_FURNITURE = re.compile(
    r"""^(?:
        (?:top|bottom)\ of\ (?:the\ )?page | (?:back|go)\ to\ top
      | skip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation|main|search)
      | \d*\s*comments?(?:\ \(\d+\))?
      | (?:leave|post|add|view|show|read)\ (?:a\ |the\ |all\ )?comments?
      | share(?:\ this)?(?:\ (?:article|story|page|post|video))?
        (?:\ on\ [\w ]{1,20}|\ via\ .{1,30})?
      | advertisement | advertising | advert | ad | sponsored(?:\ content)? | promoted(?:\ content)?
      | subscribe(?:\ now|\ today|\ here)? | subscribe\ to\ .{1,60} | sign\ up\ (?:for|to)\ .{1,60}
      | (?:our|free|daily|weekly)\ newsletters?.{0,40}
      | read\ (?:more|next|also)(?:\ (?:about|on|from)\ .{1,80})? | continue\ reading.{0,40}
      | related(?:\ (?:articles?|stories|content|coverage|news|topics|posts|reading))?
      | more\ (?:from|on|about|stories\ from)\ .{1,60} | you\ (?:may|might)\ also\ like
      | recommended(?:\ for\ you)? | most\ (?:read|popular|viewed|shared) | trending(?:\ now)?
      | (?:tags?|topics?|filed\ under|categories|keywords)\s*:.{0,200}
      | follow\ us(?:\ on\ .{1,40})? | print(?:\ this)?(?:\ (?:article|page|story))?
      | e-?mail(?:\ this)?(?:\ (?:article|story))? | menu | search | home | close | open
      | log\ ?in | sign\ in | log\ ?out | register | click\ here.{0,80}
      | listen(?:\ to\ (?:this\ )?(?:article|story))?(?:\ \d+\ min(?:ute)?s?)?
      | \d+\ min(?:ute)?s?\ read
      | loading(?:\.\.\.|…)? | image | photo | video | gallery
    )[.:!]?$""",
    re.I | re.X,
)
_SOCIAL = re.compile(
    r"^(?:(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|messenger|"
    r"copy\ link|print|share|flipboard|tumblr|threads|bluesky)\s*[|·•,/]?\s*){2,}$",
    re.I | re.X,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)
_COOKIE = re.compile(
    r"\b(?:we use cookies|uses cookies|accept (?:all )?cookies|cookie (?:settings|preferences)|"
    r"manage cookies|cookie policy|use of cookies)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})*$"
)
_DATELINE = re.compile(
    r"^(?:published|updated|posted|last updated)(?:\s+on)?\s*:?\s+.{0,60}$", re.I
)

_AGENCIES = (
    r"(?:AP|AFP|Reuters|Getty\ Images|EPA(?:-EFE)?|Shutterstock|Bloomberg|Xinhua|Alamy|"
    r"PA(?:\ Media|\ Wire)?|ANP|dpa|TASS|Sputnik|Anadolu(?:\ Agency)?|NurPhoto|SOPA\ Images|"
    r"ZUMA(?:\ Press)?|Imago|Keystone|Kyodo|Yonhap)"
)
_NAME = r"[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,3}"
_CREDIT = (
    rf"(?:\(?{_AGENCIES}(?:\ (?:Photos?|Images?|Pictures?))?(?:\s*/\s*{_NAME})?"
    rf"(?:\ via\ {_AGENCIES})?\)?"
    rf"|\(?(?:Photo(?:graph)?|Image|Picture|Credit|Foto)s?(?:\ by|\ credit)?\s*[:/]?\s*{_NAME}"
    rf"(?:\s*/\s*{_NAME})?(?:\ via\ {_AGENCIES})?\)?"
    rf"|{_NAME}\s*/\s*{_AGENCIES}(?:\ via\ {_AGENCIES})?"
    rf"|/\s*{_AGENCIES})"
)
_CREDIT_LINE = re.compile(rf"^{_CREDIT}$", re.X)
_CAPTION_WITH_CREDIT = re.compile(rf"^(?P<caption>.*?\S[.!?])\s*(?P<credit>{_CREDIT})$", re.X)
_GLUED_HEADING = re.compile(
    r"(?:[\"”]\.|\.[\"”])\s+(?P<heading>[A-Z][^\s.!?:;,\"“”]*(?:\s+[^\s.!?:;,\"“”]+){1,11})$"
)

MAX_TITLE_CHARS = 250
MAX_HEADING_WORDS = 12
MAX_CAPTION_WORDS = 80


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank line of the text; ``start``/``end`` bound it without surrounding spaces."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _has_quote(text: str) -> bool:
    return any(mark in text for mark in _DOUBLE_QUOTES)


def is_furniture(line: str) -> bool:
    """Navigation, share, subscribe, cookie and copyright lines: never a quote or long prose."""
    text = line.strip()
    if not text or _has_quote(text) or len(text) > 400:
        return False
    if _FURNITURE.match(text) or _SOCIAL.match(text) or _BYLINE.match(text):
        return True
    words = len(text.split())
    if _DATELINE.match(text) and any(ch.isdigit() for ch in text) and words <= 12:
        return True
    if _COPYRIGHT.search(text) and words <= 40:
        return True
    return bool(_COOKIE.search(text) and words <= 60)


def is_credit(line: str) -> bool:
    """A photo credit on its own: ``AP Photo``, ``Photo: Jane Doe/Reuters``, ``/ AFP``."""
    return bool(_CREDIT_LINE.match(line.strip()))


def _ends_open(text: str) -> bool:
    """No final punctuation: the mark of a title or heading rather than a sentence."""
    return text[-1] not in ".,;:!?…" + _DOUBLE_QUOTES


def _is_heading_line(line: _Line) -> bool:
    text = line.text
    return (
        line.words <= MAX_HEADING_WORDS
        and len(text) <= 100
        and _ends_open(text)
        and not _has_quote(text)
        and (text[0].isupper() or text[0].isdigit())
    )


def _is_body(line: _Line) -> bool:
    """A paragraph of prose: long enough and ending like a sentence (or a quotation)."""
    return line.words >= 8 and not _ends_open(line.text)


def split_caption_credit(line: str) -> tuple[int, int] | None:
    """For ``<caption>.<credit>``: (end of caption, start of credit) in ``line``, else None."""
    match = _CAPTION_WITH_CREDIT.match(line)
    if not match:
        return None
    caption = match.group("caption")
    if _has_quote(caption) or len(caption.split()) > MAX_CAPTION_WORDS or len(caption.split()) < 3:
        return None
    return match.end("caption"), match.start("credit")


def glued_heading_start(line: str) -> int | None:
    """Where a sub-heading glued after a closing quote and period starts in ``line``, if any."""
    match = _GLUED_HEADING.search(line)
    if not match:
        return None
    return match.start("heading")


def find_regions(text: str, *, detect_title: bool = True) -> tuple[list[Region], str | None]:
    """Return the non-body regions of ``text`` and the title, if one is found.

    ``detect_title=False`` is for text whose title is known from elsewhere (HTML metadata).
    """
    lines = _lines(text)
    regions: list[Region] = []
    marked: set[int] = set()
    title: str | None = None

    def mark(index: int, kind: str, start: int | None = None, end: int | None = None) -> None:
        line = lines[index]
        regions.append(
            Region(kind, line.start if start is None else start, line.end if end is None else end)
        )
        marked.add(index)

    for i, line in enumerate(lines):
        if is_furniture(line.text):
            mark(i, "boilerplate")
        elif is_credit(line.text):
            mark(i, "credit")
            previous = i - 1
            if (
                previous >= 0
                and previous not in marked
                and not _has_quote(lines[previous].text)
                and lines[previous].words <= MAX_CAPTION_WORDS
            ):
                mark(previous, "caption")
        else:
            split = split_caption_credit(line.text)
            if split is not None:
                mark(i, "caption", line.start, line.start + split[0])
                regions.append(Region("credit", line.start + split[1], line.end))

    if detect_title:
        for i, line in enumerate(lines):
            if i in marked:
                continue
            if len(line.text) <= MAX_TITLE_CHARS and _ends_open(line.text) and i + 1 < len(lines):
                mark(i, "title")
                title = line.text
            break

    for i, line in enumerate(lines):
        if i in marked:
            continue
        following = next((lines[j] for j in range(i + 1, len(lines)) if j not in marked), None)
        if i > 0 and following is not None and _is_heading_line(line) and _is_body(following):
            mark(i, "heading")
            continue
        start = glued_heading_start(line.text)
        if start is not None and i + 1 < len(lines):
            regions.append(Region("heading", line.start + start, line.end))

    regions.sort(key=lambda region: (region.start, region.end))
    return regions, title
