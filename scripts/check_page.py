"""Look at the web page in headless Chromium: what a browser shows, printed, with screenshots.

Run: ``.venv/bin/python scripts/check_page.py [--out shots/]`` with Debian's ``chromium``
installed. It builds a corpus of the seed article (from ``../shared/data/seed`` when present)
and a few invented ones, one with ``<script>`` and ``onerror=`` in its title, text and speaker,
serves it, and prints for each view what the rendered page holds: the seed's quotes, their
speaker colours and hover names; a speaker page's chart; a filtered search's total; whether
anything from the hostile article became markup. Screenshots at 1280 and 360 px go to
``--out``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from newsquotes.model import Article
from newsquotes.pipeline import default_pipeline
from newsquotes.store.corpus import Corpus

SEED = Path(__file__).resolve().parents[1].parent / "shared/data/seed/text/against-the-empire.txt"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
WIDTHS = (1280, 360)
RENDER_MS = 5000
SERVE = "import sys; from newsquotes.cli import main; sys.exit(main())"


def build(db: Path) -> None:
    pipeline = default_pipeline()
    articles = [
        Article(
            id="harbour",
            text='"The harbour will reopen in May," said Tomas Berg, the mayor of Lindholm. '
            '"The fees are the lowest on the coast," he added.',
            title="Lindholm harbour to reopen",
            outlet="Valley Courier",
            published="2024-03-05",
        ),
        Article(
            id="hostile",
            text=f'"Hello {HOSTILE} world," said Eve Mallory, the {HOSTILE} hacker.',
            title=f"Hostile {HOSTILE}",
            outlet="Fjord Weekly",
            published="2024-04-01",
        ),
    ]
    if SEED.exists():
        articles.append(
            Article(
                id="seed",
                text=SEED.read_text(encoding="utf-8"),
                title="Against the empire",
                outlet="Example Herald",
                published="2024-03-04",
            )
        )
    else:
        print(f"(no seed article at {SEED.name}: its checks are left out)")
    with Corpus(db) as corpus:
        for article in articles:
            corpus.add(pipeline.process(article))


def rendered(chromium: str, url: str, width: int, profile: Path, shot: Path | None) -> str:
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    base += [f"--user-data-dir={profile}", f"--virtual-time-budget={RENDER_MS}"]
    base.append(f"--window-size={width},1400")
    if shot is not None:
        subprocess.run([*base, f"--screenshot={shot}", url], capture_output=True, timeout=120)
    done = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder for screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="newsquotes-page-"))
    db = work / "page.db"
    build(db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/stats", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        check(chromium, base, db, work, args.out)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def check(chromium: str, base: str, db: Path, work: Path, out: Path | None) -> None:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    with Corpus(db) as corpus:
        rows = {a["doc_id"]: a["id"] for a in corpus.article_page(limit=100)["articles"]}
        temur = corpus.speaker_page(name="Temur Umarov")["speakers"]
    views = {f"article-{doc}": f"/articles/{row}" for doc, row in rows.items()}
    if temur:
        views["speaker-umarov"] = f"/speakers/{temur[0]['id']}"
    views["search"] = "/?" + urllib.parse.urlencode(
        {"q": "harbour OR Ukraine", "outlet": "Valley Courier", "since": "2024-01", "act": "all"}
    )
    views["dashboard"] = "/dashboard"
    for name, path in views.items():
        for width in WIDTHS:
            shot = out / f"{name}-{width}.png" if out is not None else None
            dom = rendered(chromium, base + path, width, work / "profile", shot)
            if width == WIDTHS[0]:
                report(name, dom)


def report(name: str, dom: str) -> None:
    main_part = dom[dom.find('<main id="app"') : dom.find("</main>")]
    quotes = re.findall(
        r'<span class="quote (sp\d|spx)[^"]*" tabindex="0"[^>]*title="([^"]*)"', dom
    )
    print(f"{name}:")
    if quotes:
        colours = sorted({c for c, _ in quotes})
        print(f"  {len(quotes)} quotes in {len(colours)} speaker colours {colours}")
        for colour, title in quotes:
            print(f"    {colour}: {title}")
    bars = len(re.findall(r'<rect class="bar"', main_part))
    if bars:
        print(f"  chart bars: {bars}")
    total = re.search(r'<span class="total">([^<]*)</span>', dom)
    if total:
        print(f"  search: {total.group(1)}")
    text = re.sub(r"<[^>]+>", " ", main_part)
    missing = re.findall(r"\b(?:null|undefined)\b", text)
    print(f"  words 'null' / 'undefined' shown: {len(missing)}")
    markup = re.findall(r"<(script|img)\b", main_part)
    print(f"  elements made from article text: {markup or 'none'}")


if __name__ == "__main__":
    main()
