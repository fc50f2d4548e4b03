"""Pairing quote marks, robustly, in any style.

News text mixes straight and curly marks, nests single quotes in double ones, uses
apostrophes that look like quotes (``Russia's``, ``'90s``) and sometimes leaves a mark
unbalanced. This module only pairs marks; it knows nothing of speakers.

The rules, per paragraph:

* Double marks (``" “ ” „ « » ‟``) are one family: any opening double mark may be closed by
  any closing double mark, so ``"...”`` pairs.
* A straight ``"`` opens when it follows a space, a paragraph start or an opening bracket or
  dash, and closes otherwise. A closing mark in that place, before a word, with nothing
  open, opens too (``”Mr. Brenner embodies ...”``: typed the wrong way round), and a ``“``
  glued to the word before it and followed by a space or punctuation closes
  (``... is 51 percent.“``).
* A paragraph that opens a quote and never closes it continues into the next paragraph when
  that one opens with a quote mark of the same kind, straight or curly (the newspaper
  convention for long quotes). Otherwise the open mark is dropped: it never swallows the
  rest of the article.
* Single marks (``‘ ’ '``) are paired only where they cannot be apostrophes: an opening one
  after a space or a double mark, a closing one before a space or punctuation. They are
  returned as primary quotes only in paragraphs without double marks (British style);
  inside a double quote they are nested and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_AMBIGUOUS = '"'
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_AMBIGUOUS = "'"
ALL_MARKS = DOUBLE_MARKS + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIGUOUS

CLOSING_FOLLOWERS = ".,;:!?)]}—–-"
"""Characters that may follow a closing mark directly."""
_OPEN_CONTEXT = set(" \t\n([{—–-/:;\u00a0") | set(DOUBLE_MARKS)
_MARK_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_SINGLE_RE = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIGUOUS) + "]")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
_ATTRIBUTE_VALUE_RE = re.compile(r'[\w-]+=("[^"\n]*")(?=\s*(?:/?>|[\w-]+=))')
"""``data-lang="en">``: a markup attribute a scraper left in the text (the tag ends or another
attribute follows); its marks quote nothing."""

MAX_QUOTE_PARAGRAPHS = 12
"""A quote running over more paragraphs than this is taken to be a stray mark."""


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A stretch of text between paired marks; ``start``/``end`` include the marks."""

    start: int
    end: int
    style: str  # "double" or "single"
    closed: bool = True
    width: int = 1
    """Characters per mark: 2 for the ``''...''`` pairs of some newspapers."""

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.width, self.end - self.width if self.closed else self.end


def _is_open(text: str, i: int) -> bool | None:
    """True for an opening mark, False for a closing one, None where it cannot be told."""
    mark = text[i]
    if mark in DOUBLE_OPEN or mark in SINGLE_OPEN:
        # „ always opens; “ opens unless it closes a German „...“ (handled by the pairing)
        # or was typed the wrong way round at the end of a quote (see _misturned_closing).
        return not _misturned_closing(text, i)
    if mark in DOUBLE_CLOSE or mark in SINGLE_CLOSE:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before in _OPEN_CONTEXT and not after.isspace():
        return True
    if after.isspace() or after in CLOSING_FOLLOWERS or after in ALL_MARKS:
        return False
    if not before.isalnum() and after.isalnum():
        return True
    return None


def _misturned_closing(text: str, i: int) -> bool:
    """``... is 51 percent.“``: an opening double mark glued to the word or stop before it and
    followed by a space, a paragraph end or punctuation closes, typed the wrong way round."""
    if text[i] != "“" or i == 0:
        return False
    before = text[i - 1]
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return before not in _OPEN_CONTEXT and (after.isspace() or after in CLOSING_FOLLOWERS)


def _misturned_opening(text: str, i: int, start: int) -> bool:
    """``”Mr. Brenner embodies ...”``: a closing mark that opens a paragraph, or follows a
    space, and is followed by a word, with nothing open, is an opening mark typed the wrong
    way round."""
    before = text[i - 1] if i > start else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return text[i] in DOUBLE_CLOSE and before in _OPEN_CONTEXT and after.isalnum()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text) if m.group().strip()]


def _attribute_marks(text: str, start: int, end: int) -> set[int]:
    """Where the marks of markup attribute values are (``tweet-date="..."``), if any."""
    if "=" not in text[start:end]:
        return set()
    return {
        i
        for m in _ATTRIBUTE_VALUE_RE.finditer(text, start, end)
        for i in (m.start(1), m.end(1) - 1)
    }


_MARKUP_START_RE = re.compile(r"^\s*(?:<[^<>\n]*>\s*)*")
"""Blanks and markup tags at the start of a paragraph (``<tweet data-lang="en">“...``)."""
NESTED_QUOTE_TAIL_WORDS = 6
"""Words a paragraph may hold after a quote with a quote inside it (a signature)."""
_FRAME_WORD_RE = re.compile(r"\b(?:said|says|told|tells|asked|asks|added|adds)\b")
"""Frame verbs that, outside the inner quotes, show two quotes and not one with a quote in it."""


def _nested_curly(text: str, start: int, end: int, markup: set[int]) -> list[QuotedSpan] | None:
    """``“I'd rather live in what he calls “hell” than here.” ― Ana Ruiz``: a paragraph that
    is one quote in curly marks, with a quote inside it in the same marks, pairs its
    outermost marks when they nest and balance, the quote opens the paragraph and leaves at
    most a signature after it, and no frame verb stands outside the inner quotes; ``None``
    for any other paragraph (the ordinary pairing takes a second opening mark for a stray,
    so that ``called the plan “a “disgrace” and ...`` cannot swallow the paragraph)."""
    marks = [m.start() for m in _MARK_RE.finditer(text, start, end) if m.start() not in markup]
    if not marks or any(text[i] not in "“”" for i in marks):
        return None
    if _MARKUP_START_RE.sub("", text[start:end])[:1] != "“" or text[start:end].count("“") < 2:
        return None
    spans: list[QuotedSpan] = []
    depth = deepest = 0
    opened = start
    for i in marks:
        if text[i] == "“" and not _misturned_closing(text, i):
            if depth == 0:
                opened = i
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                spans.append(QuotedSpan(opened, i + 1, "double"))
    if depth != 0 or deepest < 2 or len(spans) != 1:
        return None
    tail = text[spans[0].end : end].split()
    outside = re.sub(r"“[^“”]*”", " ", text[spans[0].start + 1 : spans[0].end - 1])
    if len(tail) > NESTED_QUOTE_TAIL_WORDS or _FRAME_WORD_RE.search(outside):
        return None
    return spans


def _pair_doubles(text: str, start: int, end: int) -> tuple[list[QuotedSpan], int | None]:
    """Pair the double marks of one paragraph; also return an unclosed opening mark."""
    markup = _attribute_marks(text, start, end)
    nested = _nested_curly(text, start, end, markup)
    if nested is not None:
        return nested, None
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for match in _MARK_RE.finditer(text, start, end):
        i = match.start()
        if i in markup:
            continue
        mark = text[i]
        kind = _is_open(text, i)
        if open_at is None:
            if kind is False and mark != "“" and not _misturned_opening(text, i, start):
                continue  # a closing mark with nothing open: drop it
            open_at = i
            continue
        # Something is open. “ after „ closes (German); otherwise decide by context.
        if kind is True and mark in DOUBLE_OPEN and not (text[open_at] == "„" and mark == "“"):
            open_at = i  # a second opening mark: the first one was a stray
            continue
        if kind is True and mark == '"' and i - open_at < 3:
            open_at = i  # `"" word`: the first mark was a stray
            continue
        spans.append(QuotedSpan(open_at, i + 1, "double"))
        open_at = None
    return spans, open_at


def _pair_singles(text: str, start: int, end: int) -> list[QuotedSpan]:
    """British-style primary single quotes in a paragraph without double marks."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for match in _SINGLE_RE.finditer(text, start, end):
        i = match.start()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # Russia's, don't
        if open_at is None:
            if after.isdigit():
                continue  # '90s
            if (before.isspace() or before in '([{—–-"') and after.isalnum():
                open_at = i
        elif not before.isspace() and not after.isalnum():
            if len(text[open_at + 1 : i].split()) >= 2:
                spans.append(QuotedSpan(open_at, i + 1, "single"))
            open_at = None
    return spans


_DOUBLED_SINGLE = "''"
_DOUBLED_SINGLE_RE = re.compile(r"''(?!')")


def _pair_doubled_singles(text: str, start: int, end: int) -> list[QuotedSpan]:
    """``''A quote,'' he said``: two straight single marks as one double mark (the New
    York Times style of plain-text feeds)."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for match in _DOUBLED_SINGLE_RE.finditer(text, start, end):
        i = match.start()
        before = text[i - 1] if i > start else " "
        after = text[i + 2] if i + 2 < end else " "
        if open_at is None:
            if not before.isalnum() and not after.isspace():
                open_at = i
        elif not after.isalnum() and (not before.isspace() or text[i - 2 : i] in (", ", ". ")):
            # "coalitions, '' said X": some feeds leave a space before the closing pair
            spans.append(QuotedSpan(open_at, i + 2, "double", width=2))
            open_at = None
    return spans


_SPEAKER_TURN_RE = re.compile(r"[\"“]\s*[A-Z][A-Z.' -]{1,40}:")


def _same_style(opening: str, reopening: str) -> bool:
    """A long quote's paragraphs open with the same kind of mark; a straight ``"`` left open
    before a paragraph of curly quotes is a stray (a pasted passage), not a quote that
    goes on."""
    return (opening == DOUBLE_AMBIGUOUS) == (reopening == DOUBLE_AMBIGUOUS)


def find_quoted_spans(text: str, max_paragraphs: int = MAX_QUOTE_PARAGRAPHS) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, in order, never overlapping.

    A quote that runs over paragraphs comes back as one span covering them all.
    """
    result: list[QuotedSpan] = []
    pending: int | None = None  # opening mark of a quote still open at the last paragraph end
    pending_end = 0
    pending_paragraphs = 0

    def close_pending() -> None:
        nonlocal pending
        if pending is not None and pending_end - pending > 20:
            result.append(QuotedSpan(pending, pending_end, "double", closed=False))
        pending = None

    for p_start, p_end in _paragraphs(text):
        first = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        has_doubles = _MARK_RE.search(text, p_start, p_end) is not None
        spans, open_at = _pair_doubles(text, p_start, p_end) if has_doubles else ([], None)
        if pending is not None:
            reopens = (
                text[first] in DOUBLE_MARKS
                and _same_style(text[pending], text[first])
                and not _SPEAKER_TURN_RE.match(text, first)
            )
            if reopens and spans and spans[0].start == first:
                result.append(QuotedSpan(pending, spans[0].end, "double"))
                spans = spans[1:]
                pending = None
            elif reopens and not spans and open_at == first:
                pending_paragraphs += 1
                if pending_paragraphs <= max_paragraphs:
                    pending_end = p_end
                    continue
                close_pending()
            else:
                close_pending()
        if not has_doubles:
            doubled = (
                _pair_doubled_singles(text, p_start, p_end)
                if _DOUBLED_SINGLE in text[p_start:p_end]
                else []
            )
            result.extend(doubled or _pair_singles(text, p_start, p_end))
            continue
        result.extend(spans)
        if open_at is not None:
            pending, pending_end, pending_paragraphs = open_at, p_end, 0
    close_pending()
    result.sort(key=lambda s: s.start)
    return result


def strip_marks(text: str) -> str:
    """``text`` without quote marks, punctuation and spaces at either end."""
    return text.strip(ALL_MARKS + " \t\n\u00a0.,;:!?")


TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "by", "or"}
)
"""Words a title leaves in lower case (``Running a Harbour on a Shoestring``)."""


def looks_like_title(inner: str) -> bool:
    """Every word capitalised (``"Night Harbour"``): the name of a work, not speech; not
    sentences (``"Like Velmora. Or Dunmere"``)."""
    inner = inner.strip(" ,.!?;:")
    if any(f"{stop} " in inner for stop in ".!?"):
        return False
    words = [w for w in inner.split() if w[:1].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
