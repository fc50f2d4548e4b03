"""What fuzzed articles are made of, and the invariants every result must keep.

Shared by ``tests/test_fuzz.py`` (hypothesis, a few hundred inputs) and ``scripts/fuzz.py``
(100,000 and more, reporting the slowest).
"""

from __future__ import annotations

import json
import random

from newsquotes.errors import DocumentError
from newsquotes.model import Article

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "``", "''"]
NAMES = [
    "Jana Novak",
    "Novak",
    "Milan Horvat",
    "the minister",
    "a spokeswoman",
    "he",
    "she",
    "They",
]
CUES = ["said", "says", "told reporters", "added", "according to", "claimed", "warned", ":"]
WORDS = ["We will win", "the harbour", "stays open", "and", "that", "Monday", ",", ".", "?", "—"]
ODD = [
    "\u0301",  # combining acute accent
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\x00",
    "\ud800",  # lone high surrogate
    "\udfff",  # lone low surrogate
    "\U0001f600",
    "\ufeff",
    "\t",
    "\r\n",
]
NEWLINES = ["\n", "\n\n", " "]
PIECES = QUOTE_MARKS + NAMES + CUES + WORDS + ODD + NEWLINES
FRAMES = [
    "\u201cword ",
    "\u201cHarbour, said Novak. ",
    '"We will win," said Jana Novak. ',
    "Novak said ",
    '" ',
    "'",
]


def random_text(rng: random.Random, max_pieces: int = 40, max_repeats: int = 400) -> str:
    """A random mix of pieces, sometimes (one in ten) one frame repeated many times."""
    if rng.random() < 0.1:
        return rng.choice(FRAMES) * rng.randint(1, max_repeats)
    parts = []
    for _ in range(rng.randint(0, max_pieces)):
        parts.append(rng.choice(PIECES))
        parts.append(rng.choice([" ", "", " ", "\n"]))
    return "".join(parts)


def check_article(article: Article) -> None:
    """Raise AssertionError when a result breaks an invariant."""
    text = article.text
    for quote in article.quotes:
        assert quote.spans, f"{quote.id} has no span"
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text), f"{quote.id}: span {start}-{end} outside"
        assert quote.text == " ".join(text[s:e] for s, e in quote.spans), f"{quote.id}: text"
        for span in (quote.cue, quote.speaker):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text), f"{quote.id}: {span} outside"
                assert span.text == text[span.start : span.end], f"{quote.id}: {span} text"
    for entity in article.entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert entity.text == text[entity.start : entity.end]
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def run_one(pipeline: object, text: str) -> str | None:
    """None when ``text`` is handled as documented, else what went wrong."""
    try:
        article = pipeline.process(Article(id="fuzz", text=text))  # type: ignore[attr-defined]
    except DocumentError:
        return None  # a documented per-document error
    except Exception as exc:  # noqa: BLE001 - any other exception is the finding
        return f"{type(exc).__name__}: {exc}"
    try:
        check_article(article)
    except AssertionError as exc:
        return f"invariant broken: {exc}"
    return None
