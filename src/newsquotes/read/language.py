"""Which language an article is in, told cheaply: the share of each language's commonest
words, and for other scripts the script itself. The engine reads English only, so another
language is recorded as skipped instead of producing speakers like "muito ao Carlos"."""

from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 20_000
"""Only the start of a long article is looked at: enough words, constant time."""

MIN_WORDS = 40
"""Fewer words than this say too little; such a text is taken as English."""

MIN_LETTERS = 60
"""Fewer letters than this in another script say too little as well."""

ENGLISH_MIN_SHARE = 0.12
"""English news prose has 30-45 % of its words in :data:`COMMON_WORDS` ``en``; under this
share it is not English whatever else it is."""

OTHER_SCRIPT_SHARE = 0.5
"""A text whose letters are mostly of another script than Latin is in that script."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to is was that for with he she it said his her they have has this are "
        "were from by on at but not who will would be been an which their"
    ),
    "pt": _words(
        "de que não uma um para com os do da em no na se por mais foi ao dos das ele ela é "
        "são também muito pelo pela"
    ),
    "es": _words(
        "el la los las de que y en un una por con para es del se no fue más al lo su como pero muy"
    ),
    "fr": _words(
        "le la les de des et un une est que qui dans pour pas sur au du il elle avec sont ce cette"
    ),
    "de": _words(
        "der die das und ist nicht ein eine zu den mit von sich auf für dem auch es sie wird wurde"
    ),
    "it": _words("il di che e la un una per non è sono del della con gli le ha anche più nel"),
    "nl": _words("de het een en van is dat niet op te zijn voor met die ook aan er hij werd"),
    "id": _words(
        "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada "
        "oleh mereka kami saya bahwa telah sudah"
    ),
}
"""The commonest function words of each language told apart (short, distinctive lists)."""

SCRIPTS: dict[str, re.Pattern[str]] = {
    "ko": re.compile("[\uac00-\ud7af\u1100-\u11ff]"),
    "ja": re.compile("[\u3040-\u30ff]"),
    "zh": re.compile("[\u4e00-\u9fff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
    "ar": re.compile("[\u0600-\u06ff]"),
    "el": re.compile("[\u0370-\u03ff]"),
    "he": re.compile("[\u0590-\u05ff]"),
    "hi": re.compile("[\u0900-\u097f]"),
    "th": re.compile("[\u0e00-\u0e7f]"),
}
"""Letters of scripts other than Latin, by the language most written in each."""

NAMES = {
    "en": "English",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "id": "Indonesian",
    "ko": "Korean",
    "ja": "Japanese",
    "zh": "Chinese",
    "ru": "Russian (Cyrillic script)",
    "ar": "Arabic",
    "el": "Greek",
    "he": "Hebrew",
    "hi": "Hindi (Devanagari script)",
    "th": "Thai",
}

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code for the language of ``text``, or None when there is too little
    text to tell (callers then take it as English)."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters >= MIN_LETTERS:
        by_script = {code: len(pattern.findall(sample)) for code, pattern in SCRIPTS.items()}
        script, count = max(by_script.items(), key=lambda item: item[1])
        if count > letters * OTHER_SCRIPT_SHARE:
            return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    shares = {
        code: sum(counts[w] for w in common) / len(words) for code, common in COMMON_WORDS.items()
    }
    best = max(shares, key=lambda code: shares[code])
    if best == "en" or shares["en"] >= ENGLISH_MIN_SHARE:
        return "en"
    return best


def language_name(code: str) -> str:
    return NAMES.get(code, code)
