"""Invented news for the Spark tests and benchmark: short articles in JSONL and a WARC.gz.

The people recur across articles under full names and surnames only; two share a surname; an
organisation speaks; some stories are reprinted word for word (duplicates); some have no date.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PEOPLE = [
    ("Ana", "Ruiz", "the harbour master"),
    ("Carlos", "Ruiz", "a council member"),
    ("Jana", "Novak", "the party leader"),
    ("Tomas", "Berg", "the mayor of Orrhaven"),
    ("Ida", "Brandt", "a spokeswoman for the Kallbro Water Board"),
    ("Oskar", "Lind", "the head of the ferry union"),
    ("Mara", "Quill", "a local historian"),
    ("Lena", "Falk", "the schools inspector"),
]
ORGANISATIONS = ["the Kallbro Water Board", "Orrhaven City Council", "the Fennick Ferry Company"]
TOWNS = ["Lindvik", "Orrhaven", "Tessamor", "Kallbro", "Fennick", "Brenmouth"]
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
REPRINT_EVERY = 40
"""Every so many articles, one repeats an earlier story word for word."""
UNDATED_EVERY = 23


def _story(i: int) -> str:
    first, last, role = PEOPLE[i % len(PEOPLE)]
    other_first, other_last, _ = PEOPLE[(i * 3 + 1) % len(PEOPLE)]
    town = TOWNS[i % len(TOWNS)]
    org = ORGANISATIONS[i % len(ORGANISATIONS)]
    shape = i % 4
    if shape == 0:
        return (
            f'"We will rebuild the quay in {town} by spring {2025 + i % 3}," said {first} {last}, '
            f'{role}. "Plan {i} is ready," {last} added.'
        )
    if shape == 1:
        return (
            f"{last} said the repairs in {town} would cost {i + 10} million crowns. "
            f'"Nobody wants another flood," {other_first} {other_last} told reporters.'
        )
    if shape == 2:
        return (
            f'"The water in {town} is safe to drink," {org} said in a statement on day {i}. '
            f"{first} {last}, {role}, said the tests had found nothing."
        )
    return (
        f"{first} {last} said the ferry to {town} would run again from week {i % 52 + 1}. "
        f'"It is about time," said {other_last}.'
    )


def records(count: int) -> list[dict[str, str]]:
    """``count`` JSONL records: id, text, outlet, and a date and URL for most."""
    out: list[dict[str, str]] = []
    for i in range(count):
        text = _story(i - REPRINT_EVERY // 2 if i and i % REPRINT_EVERY == 0 else i)
        record = {"id": f"story-{i:04d}", "text": text, "outlet": f"{TOWNS[i % 3]} Courier"}
        if i % UNDATED_EVERY:
            record["published"] = f"{MONTHS[i % len(MONTHS)]}-{i % 28 + 1:02d}"
        if i % 2:
            record["url"] = f"https://news.example/{i:04d}"
        out.append(record)
    return out


def article_page(i: int) -> bytes:
    first, last, role = PEOPLE[i % len(PEOPLE)]
    town = TOWNS[i % len(TOWNS)]
    paragraphs = [
        f"Residents of {town} packed the town hall on Monday evening to debate the harbour "
        "levy, which the council says is needed to keep the old fish market open to traders.",
        f'"The levy is the only way to keep the market alive," said {first} {last}, {role}, '
        "who has backed the proposal since the spring floods closed half of the stalls.",
        "Several traders said they feared the change would drive away the customers who still "
        "travel in from the surrounding villages every Saturday morning for fresh produce.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{town} debates the levy</title></head>"
        f"<body><article><h1>{town} debates the levy</h1>{body}</article></body></html>"
    ).encode()


def write_warc(path: Path, count: int) -> None:
    """A gzipped WARC of ``count`` HTML responses, each an article."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(count):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://harbour.example/levy-{i}",
                "response",
                payload=io.BytesIO(article_page(i)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2024-0{i % 5 + 1}-10T08:00:00Z"},
            )
        )
    path.write_bytes(buffer.getvalue())


def write_jsonl(path: Path, rows: list[dict[str, str]], bad_lines: tuple[str, ...] = ()) -> None:
    lines = [json.dumps(row) for row in rows]
    for offset, bad in enumerate(bad_lines):
        lines.insert(1 + offset * 7, bad)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
