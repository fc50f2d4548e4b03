"""The web page as a browser shows it: headless Chromium against ``newsquotes serve``.

Each view is opened by its own address after the page's script drew it; what a visitor sees
is read back from the rendered page: totals, speaker colours, hover names, charts, markup from
article text shown as text, no sideways scrolling at 360 px, a bad filter leaving no stale
results. Needs Debian's ``chromium`` (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import struct
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SEED_SPEAKERS
from page_browser import (
    HOSTILE,
    SEED_TEXT,
    Browser,
    Page,
    browsing,
    build_corpus,
    chromium_path,
    invented_articles,
    seed_article,
    serving,
)

from newsquotes.model import Article
from newsquotes.store.corpus import Corpus

CHROMIUM = chromium_path()
IN_CI = os.environ.get("CI") == "true"
NO_CHROMIUM = "Debian's chromium is not on PATH (apt-get install chromium; .ci/run installs it)"
# Skipped only off CI: in CI a missing Chromium fails the tests (see the site fixture).
pytestmark = pytest.mark.skipif(CHROMIUM is None and not IN_CI, reason=NO_CHROMIUM)

NARROW = 360
WIDE = 1280
PNG_WIDTH_AT = slice(16, 20)  # the IHDR chunk's width, big-endian
SEARCH_DRAWN = "document.querySelector('#app .total, #app .error')"


@dataclass
class Site:
    """A served corpus of invented articles and a browser looking at it."""

    base: str
    browser: Browser
    articles: dict[str, int]  # doc id -> row id
    speakers: dict[str, int]  # name -> speaker id

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from served(tmp_path_factory.mktemp("page"), invented_articles())


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    seed = seed_article()
    if seed is None:
        pytest.skip(f"seed article not found at {SEED_TEXT} (expected beside the repo)")
    yield from served(tmp_path_factory.mktemp("seed-page"), [seed])


def served(work: Path, stored: list[Article]) -> Iterator[Site]:
    """A corpus of these articles, served and looked at; both stopped afterwards."""
    if CHROMIUM is None:
        pytest.fail(NO_CHROMIUM)
    db = work / "page.db"
    build_corpus(db, stored)
    with Corpus(db) as corpus:
        articles = {a["doc_id"]: a["id"] for a in corpus.article_page(limit=100)["articles"]}
        speakers = {sp["name"]: sp["id"] for sp in corpus.speaker_page(limit=100)["speakers"]}
    with serving(db) as base, browsing(CHROMIUM, work / "profile") as browser:
        yield Site(base, browser, articles, speakers)


@pytest.fixture(scope="module")
def wide(site: Site) -> Page:
    return site.browser.page(WIDE)


@pytest.fixture(scope="module")
def narrow(site: Site) -> Page:
    return site.browser.page(NARROW)


def search_path(**filters: str) -> str:
    return "/?" + urllib.parse.urlencode(filters)


def test_search_address_gives_filtered_total_hits_and_highlights(site: Site, wide: Page) -> None:
    wide.open(site.url(search_path(q="harbour")), SEARCH_DRAWN)
    assert wide.text("#app .total") == "1–4 of 4 quotes"

    wide.open(site.url(search_path(q="harbour", outlet="Valley Courier")), SEARCH_DRAWN)
    assert wide.text("#app .total") == "1–3 of 3 quotes"
    assert wide.count("#app .hit") == 3
    outlets = wide.texts(".hit .meta")
    assert all("Valley Courier" in meta for meta in outlets), outlets
    marks = wide.texts(".hit mark.hl")
    assert marks == ["harbour"] * 3
    # The form shows the filters the address holds, so the view can be changed from there.
    assert wide.evaluate("document.querySelector('form.filters').elements.q.value") == "harbour"
    assert wide.evaluate("document.querySelector('form.filters').elements.outlet.value") == (
        "Valley Courier"
    )


def test_article_view_colours_each_speaker_and_names_them_on_hover(site: Site, wide: Page) -> None:
    wide.open(
        site.url(f"/articles/{site.articles['harbour']}"), "document.querySelector('.legend')"
    )
    quotes = wide.evaluate(
        """[...document.querySelectorAll('.article-text .quote[tabindex]')].map(q => ({
            text: q.innerText, colour: q.className.match(/\\bsp\\w+/)[0], title: q.title,
            background: getComputedStyle(q).backgroundColor}))"""
    )
    assert [q["text"] for q in quotes] == [
        '"The harbour will reopen in May,"',
        '"The fees are the lowest on the coast,"',
        '"Nobody asked the harbour crews,"',
    ]
    berg, berg_again, lind = quotes
    assert berg["colour"] == berg_again["colour"] != lind["colour"]
    assert berg["background"] == berg_again["background"] != lind["background"]
    assert berg_again["title"].startswith("Tomas Berg")
    assert lind["title"].startswith("Ana Lind")
    assert wide.texts(".legend li") == ["Tomas Berg", "Ana Lind"]

    wide.hover("#quote-q2")
    wide.wait_for("document.querySelector('.info').innerText.includes('speaker: Tomas Berg')")
    info = wide.text(".info")
    assert "description: the mayor of Lindholm" in info
    assert "mention: he" in info
    assert wide.count(".quote.active") == 1


def test_clicking_a_mention_reaches_the_speaker_page_which_has_its_own_address(
    site: Site, wide: Page
) -> None:
    berg = site.speakers["Tomas Berg"]
    wide.open(
        site.url(f"/articles/{site.articles['harbour']}"), "document.querySelector('.legend')"
    )
    wide.click(f".article-text a.mention[href='/speakers/{berg}']")
    speaker_drawn = "document.querySelector('#app h1')?.innerText === 'Tomas Berg'"
    wide.wait_for(speaker_drawn)
    assert wide.evaluate("location.pathname") == f"/speakers/{berg}"
    assert wide.count("#app svg.chart rect.bar") >= 1
    assert wide.text("#app .total") == "1–4 of 4 quotes"

    wide.open(site.url(f"/speakers/{berg}"), speaker_drawn)
    assert wide.count("#app .hit") == 4
    assert "Valley Courier" in wide.text("#app svg.chart[aria-label='Quotes by outlet']")


def test_dashboard_charts_who_is_quoted_where_and_when(site: Site, wide: Page) -> None:
    wide.open(site.url("/dashboard"), "document.querySelector('#app .grid')")
    titles = wide.texts("#app .card h2")
    assert titles == [
        "Top speakers",
        "Quotes per day",
        "Share of quotes by outlet",
        "Speaker kinds",
        "Most quoted organisations",
    ]
    top = wide.texts("svg[aria-label='Top speakers by quotes'] g > text:first-of-type")
    assert top[:2] == ["Tomas Berg", "Ana Lind"]
    assert wide.count("svg[aria-label='Quotes per day'] rect.bar") >= 4


def test_markup_in_article_text_title_and_speaker_is_shown_as_text(site: Site, wide: Page) -> None:
    hostile = site.articles["hostile"]
    wide.open(site.url(f"/articles/{hostile}"), "document.querySelector('.legend')")
    assert wide.text("#app h1") == f"Hostile {HOSTILE}"
    assert HOSTILE in wide.text(".article-text .quote")
    assert wide.text(".legend") == f"Eve {HOSTILE}"
    assert wide.evaluate("document.title") == f"Hostile {HOSTILE} · newsquotes"

    wide.open(site.url(search_path(q="hello")), SEARCH_DRAWN)
    assert wide.text(".hit .meta a[href^='/speakers/']") == f"Eve {HOSTILE}"
    wide.click(".hit .meta a[href^='/speakers/']")
    wide.wait_for("document.querySelector('#app h1')?.innerText.startsWith('Eve')")
    assert wide.text("#app h1") == f"Eve {HOSTILE}"

    assert wide.count("#app script, #app img, #app [onerror]") == 0
    assert site.browser.dialogs == []


def test_bad_filter_shows_the_error_and_no_stale_results(site: Site, wide: Page) -> None:
    wide.open(site.url(search_path(q="harbour")), SEARCH_DRAWN)
    assert wide.count("#app .hit") == 4
    wide.evaluate(
        """(() => {
          const form = document.querySelector('form.filters');
          form.elements.since.value = 'last spring';
          form.requestSubmit();
        })()"""
    )
    wide.wait_for("document.querySelector('#app .error')")
    assert "'last spring' is not a date" in wide.text("#app .error")
    assert wide.count("#app .hit") == 0
    assert wide.count("#app .total") == 0
    assert "since=last+spring" in wide.evaluate("location.search")


@pytest.mark.parametrize(
    "view",
    ["search", "empty-search", "article", "hostile-article", "speaker", "dashboard", "try"],
)
def test_every_view_fits_360_px_without_sideways_scrolling(
    site: Site, narrow: Page, view: str, tmp_path: Path
) -> None:
    path, drawn = {
        "search": (search_path(q="harbour"), SEARCH_DRAWN),
        "empty-search": ("/", SEARCH_DRAWN),
        "article": (f"/articles/{site.articles['harbour']}", "document.querySelector('.legend')"),
        "hostile-article": (
            f"/articles/{site.articles['hostile']}",
            "document.querySelector('.legend')",
        ),
        "speaker": (f"/speakers/{site.speakers['Tomas Berg']}", "document.querySelector('.hits')"),
        "dashboard": ("/dashboard", "document.querySelector('#app .grid')"),
        "try": ("/try", "document.querySelector('#app textarea')"),
    }[view]
    narrow.open(site.url(path), drawn)
    overflow = narrow.overflow()
    assert overflow["viewport"] == NARROW
    assert overflow["scroll"] <= NARROW, overflow
    assert overflow["out"] == [], overflow
    shot = tmp_path / f"{view}-{NARROW}.png"
    narrow.screenshot(shot)
    assert struct.unpack(">I", shot.read_bytes()[PNG_WIDTH_AT])[0] == NARROW


@pytest.mark.slow
def test_seed_article_shows_its_quotes_in_four_colours_and_reaches_a_speaker_chart(
    seed_site: Site,
) -> None:
    page = seed_site.browser.page(WIDE)
    page.open(
        seed_site.url(f"/articles/{seed_site.articles['seed']}"),
        "document.querySelector('.legend')",
    )
    quotes = page.evaluate(
        """[...document.querySelectorAll('.article-text .quote[tabindex]')]
            .map(q => [q.id, q.className.match(/\\bsp\\w+/)[0]])"""
    )
    assert len(quotes) == len(SEED_SPEAKERS)
    colour_of: dict[str, str] = {}
    for (quote_id, colour), expected in zip(quotes, SEED_SPEAKERS, strict=True):
        page.hover(f"#{quote_id}")
        page.wait_for(f"document.querySelector('.info').innerText.includes('{expected}')")
        hover_name = page.text(".info").split("speaker: ", 1)[1].split("\n", 1)[0]
        assert hover_name.startswith(expected), (quote_id, hover_name)
        assert colour_of.setdefault(expected, colour) == colour, (quote_id, expected)
    assert len(set(colour_of.values())) == 4

    umarov = seed_site.speakers["Temur Umarov"]
    page.click(f".legend a[href='/speakers/{umarov}']")
    page.wait_for("document.querySelector('#app h1')?.innerText === 'Temur Umarov'")
    assert page.evaluate("location.pathname") == f"/speakers/{umarov}"
    assert page.count("#app svg.chart rect.bar") >= 1
