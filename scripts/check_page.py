"""Look at the web page in headless Chromium: what a browser shows, printed, with screenshots.

Run: ``.venv/bin/python scripts/check_page.py [--out shots/]`` with Debian's ``chromium``
installed. It serves the invented articles of the browser tests (``tests/page_browser.py``;
one has ``<script>`` and ``onerror=`` in its title, text and speaker) and the seed article
(from ``../shared/data/seed`` when present), and prints for each view what the rendered page
holds: quotes with their speaker colours and hover names, chart bars, a search's total, any
"null" shown, elements made from article text and how far the page is wider than 360 px.
Screenshots at 1280 and 360 px go to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from page_browser import (  # noqa: E402 (the tests folder is not a package)
    Page,
    browsing,
    build_corpus,
    chromium_path,
    invented_articles,
    seed_article,
    serving,
)

from newsquotes.store.corpus import Corpus  # noqa: E402

WIDTHS = (1280, 360)
# A view is drawn once its title is set and no "Searching…" placeholder is left.
DRAWN = "document.title.includes(' · ') && !document.body.innerText.includes('Searching…')"
REPORT = """(() => {
  const main = document.querySelector('#app');
  const quotes = [...main.querySelectorAll('.article-text .quote[tabindex]')]
    .map((q) => [q.className.match(/\\bsp\\w+/)[0], q.title]);
  const total = main.querySelector('.total');
  return {
    quotes,
    bars: main.querySelectorAll('svg.chart rect.bar').length,
    total: total ? total.innerText : null,
    missing: (main.innerText.match(/\\b(null|undefined)\\b/g) || []).length,
    markup: main.querySelectorAll('script, img, [onerror]').length,
  };
})()"""


def views(db: Path) -> dict[str, str]:
    """A name and a path for every view worth looking at."""
    with Corpus(db) as corpus:
        rows = {a["doc_id"]: a["id"] for a in corpus.article_page(limit=100)["articles"]}
        temur = corpus.speaker_page(name="Temur Umarov")["speakers"]
    found = {f"article-{doc}": f"/articles/{row}" for doc, row in rows.items()}
    if temur:
        found["speaker-umarov"] = f"/speakers/{temur[0]['id']}"
    found["search"] = "/?" + urllib.parse.urlencode(
        {"q": "harbour OR Ukraine", "outlet": "Valley Courier", "since": "2024-01", "act": "all"}
    )
    found["dashboard"] = "/dashboard"
    return found


def report(name: str, page: Page) -> None:
    seen = page.evaluate(REPORT)
    print(f"{name}:")
    if seen["quotes"]:
        colours = sorted({colour for colour, _ in seen["quotes"]})
        print(f"  {len(seen['quotes'])} quotes in {len(colours)} speaker colours {colours}")
        for colour, title in seen["quotes"]:
            print(f"    {colour}: {title}")
    if seen["bars"]:
        print(f"  chart bars: {seen['bars']}")
    if seen["total"]:
        print(f"  search: {seen['total']}")
    print(f"  words 'null' / 'undefined' shown: {seen['missing']}")
    print(f"  elements made from article text: {seen['markup'] or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder for screenshots")
    args = parser.parse_args()
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsquotes-page-") as folder:
        work = Path(folder)
        db = work / "page.db"
        seed = seed_article()
        if seed is None:
            print("(no seed article in ../shared: its views are left out)")
        build_corpus(db, invented_articles() + ([seed] if seed else []))
        with serving(db) as base, browsing(chromium, work / "profile") as browser:
            pages = {width: browser.page(width) for width in WIDTHS}
            for name, path in views(db).items():
                for width, page in pages.items():
                    page.open(base + path, DRAWN)
                    if width == WIDTHS[0]:
                        report(name, page)
                    else:
                        overflow = page.overflow()
                        print(f"  at {width} px: {overflow['scroll']} px wide {overflow['out']}")
                    if args.out is not None:
                        page.screenshot(args.out / f"{name}-{width}.png")


if __name__ == "__main__":
    main()
