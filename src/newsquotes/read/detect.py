"""Tell the format of a document from its first bytes, because file names lie or are missing."""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["warc", "jsonl", "html", "text"]

SNIFF_BYTES = 64 * 1024
"""How much of the (un-gzipped) start of a document the sniffers look at."""

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(html|head|body|article|div|p|meta|title|script)\b[^>]*>", re.I)


def detect_format(head: bytes) -> Format:
    """Sniff WARC (``WARC/1.``), JSONL (lines of JSON objects), HTML, else plain text."""
    body = head.removeprefix(b"\xef\xbb\xbf")
    if body.lstrip(b"\r\n").startswith(b"WARC/1."):
        return "warc"
    if _looks_jsonl(body):
        return "jsonl"
    if _HTML_START.match(body) or len(_HTML_TAGS.findall(body[:16384])) >= 3:
        return "html"
    return "text"


def _looks_jsonl(body: bytes) -> bool:
    """The first non-blank line is a JSON object (or starts like one, cut off by the sniff)."""
    lines = body.lstrip().split(b"\n")
    first = lines[0].strip()
    if not first.startswith(b"{"):
        return False
    if len(lines) == 1 and len(body) >= SNIFF_BYTES:
        return first.startswith(b'{"')
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
