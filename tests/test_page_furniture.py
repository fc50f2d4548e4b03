"""Page furniture, titles, captions, credits and headings found in scraped text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsquotes.clean.page_furniture import find_regions, is_credit, is_furniture
from newsquotes.model import Region

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "seed" / "text"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"


def marked(text: str, regions: list[Region]) -> list[tuple[str, str]]:
    return [(region.kind, text[region.start : region.end]) for region in regions]


def test_seed_article_regions() -> None:
    path = SEED / "against-the-empire.txt"
    if not path.exists():
        pytest.skip("seed article not found beside the project (../shared/data/seed)")
    text = path.read_text(encoding="utf-8")
    regions, title = find_regions(text)
    assert title == "'Against the Empire': Why Russia's neighbours are fighting for Ukraine"
    assert marked(text, regions) == [
        ("boilerplate", "top of page"),
        ("title", title),
        (
            "caption",
            "Volunteer soldiers attend a training outside Kyiv, Ukraine, Saturday, Aug. 27, 2022.",
        ),
        ("credit", "AP Photo"),
        ("heading", "An emotional decision or saving a life"),
        ("boilerplate", "Comments"),
        ("boilerplate", "bottom of page"),
    ]
    heading = next(r for r in regions if r.kind == "heading")
    assert heading.start == 1914
    assert all(not (r.start < 1912 <= r.end) for r in regions), "the quote's end is body"


def test_invented_article_with_the_same_shapes() -> None:
    text = (FIXTURES / "mill-closure.txt").read_text(encoding="utf-8")
    regions, title = find_regions(text)
    assert title == "Mill closure leaves Dornbach without its biggest employer"
    found = marked(text, regions)
    assert (
        "caption",
        "Workers leave the Dornbach paper mill after the final shift, Friday, Jan. 12, 2024.",
    ) in found
    assert ("credit", "Reuters") in found
    assert ("heading", "What comes next for the valley") in found
    boilerplate = [snippet for kind, snippet in found if kind == "boilerplate"]
    assert boilerplate == [
        "Skip to content",
        "Share this",
        "Advertisement",
        "Read more",
        "Comments",
        "bottom of page",
    ]
    quote_end = text.index('happen,".') + len('happen,"')
    assert all(not (r.start < quote_end <= r.end) for r in regions)


def test_regions_never_cover_quotes_or_full_sentences() -> None:
    text = (FIXTURES / "mill-closure.txt").read_text(encoding="utf-8")
    regions, _title = find_regions(text)
    for paragraph in (
        "This mill was the heart of the town",
        "Around 600 workers lost",
        "Economists say the closure",
    ):
        position = text.index(paragraph)
        assert all(not (r.start <= position < r.end) for r in regions), paragraph


def test_standalone_heading_between_paragraphs() -> None:
    text = (
        "Council approves new bridge for Lindqvist\n\n"
        "The town council voted on Tuesday to build a second bridge across the river.\n\n"
        "Costs and timing\n\n"
        "Construction is expected to take three years and cost about 40 million crowns.\n"
    )
    regions, title = find_regions(text)
    assert title == "Council approves new bridge for Lindqvist"
    assert ("heading", "Costs and timing") in marked(text, regions)


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    text = (
        '"We will win," said Jana Novak, the party leader.\n\n'
        "Her party leads in every poll published since the campaign began in March.\n"
    )
    regions, title = find_regions(text)
    assert title is None
    assert regions == []


def test_caption_followed_by_credit_line() -> None:
    text = (
        "Storm batters coast\n\n"
        "Waves crash over the sea wall in Port Velmar on Sunday.\n"
        "(AP Photo/Lena Varga)\n\n"
        "The storm brought winds of up to 140 kilometres an hour to the coast overnight.\n"
    )
    regions, _title = find_regions(text)
    found = marked(text, regions)
    assert ("caption", "Waves crash over the sea wall in Port Velmar on Sunday.") in found
    assert ("credit", "(AP Photo/Lena Varga)") in found


@pytest.mark.parametrize(
    "line",
    [
        "AP Photo",
        "Reuters",
        "Getty Images",
        "AFP",
        "Photo by Karl Moser",
        "/ Reuters",
        "Photo: Jane Doe/Reuters",
        "(AP Photo/Efrem Lukatsky)",
        "Lena Varga/AFP via Getty Images",
    ],
)
def test_credit_shapes(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "top of page",
        "Share this",
        "Advertisement",
        "Skip to content",
        "Subscribe",
        "Related",
        "Facebook Twitter Email",
        "© 2024 The Coastal Ledger. All rights reserved.",
        "We use cookies to improve your experience. Accept all cookies.",
        "Read more",
        "5 Comments",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        '"Subscribe," she said.',
        "Reuters reported the deal on Monday, citing two sources.",
        "Share prices fell sharply after the announcement on Tuesday morning.",
        "Related parties must disclose their interests, the regulator said.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)
    assert not is_credit(line)
