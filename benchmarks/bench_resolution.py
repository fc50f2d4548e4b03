"""Speaker resolution stays linear: its time on one long article against the parse's.

Generates a synthetic article of about ``--chars`` characters (default 250,000) from invented
people, organisations and frames (full names, surnames, he/she, descriptions, unnamed sources,
transcript turns), parses it once, then times attribution and resolution on that parse.
The bar: resolution takes less time than the parse.

    python benchmarks/bench_resolution.py [--chars 250000] [--runs 3]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

from newsquotes.clean.page_furniture import find_regions  # noqa: E402
from newsquotes.pipeline import build_nlp  # noqa: E402
from newsquotes.quotes.attribute import attribute  # noqa: E402
from newsquotes.quotes.context import ArticleView  # noqa: E402
from newsquotes.resolve.speakers import resolve_speakers  # noqa: E402

SEED = 7
PEOPLE = [
    ("Ana", "Ruiz", "she", "the mayor of Velmora"),
    ("Tomas", "Brenner", "he", "the council treasurer"),
    ("Ilse", "Varga", "she", "a harbour engineer"),
    ("Pavel", "Dorn", "he", "the regional governor"),
    ("Mira", "Castell", "she", "an analyst at the Norland Institute"),
    ("Jonas", "Eberle", "he", "the opposition leader"),
]
ORGANISATIONS = ["the Velmora Port Authority", "the Norland Institute", "Harbour Gazette"]
CLAIMS = [
    "the bridge will be finished before the winter",
    "the budget cannot carry another loan",
    "the ferries will run every hour from May",
    "nobody asked the fishermen what they need",
    "the plan was drawn up without a single public hearing",
]


def paragraph(rng: random.Random, n: int) -> str:
    first, last, pronoun, role = PEOPLE[rng.randrange(len(PEOPLE))]
    claim = CLAIMS[rng.randrange(len(CLAIMS))]
    kind = n % 7
    if kind == 0:
        return f'"{claim.capitalize()}," said {first} {last}, {role}.'
    if kind == 1:
        return f'{last} said {claim}. "We have waited long enough," {pronoun} said.'
    if kind == 2:
        org = ORGANISATIONS[rng.randrange(len(ORGANISATIONS))]
        return f"{org.capitalize()} said in a statement that {claim}."
    if kind == 3:
        return f'"{claim.capitalize()}," a spokeswoman for the council said on Tuesday.'
    if kind == 4:
        return f"{last.upper()}: Well, {claim}, and I have said so for a year."
    if kind == 5:
        return f"Officials familiar with the talks said {claim}."
    return f'"{claim.capitalize()}," {role.split(" of ")[0]} told reporters in Velmora.'


def synthetic_article(chars: int) -> str:
    rng = random.Random(SEED)
    parts: list[str] = []
    size = 0
    n = 0
    while size < chars:
        text = paragraph(rng, n)
        parts.append(text)
        size += len(text) + 2
        n += 1
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = synthetic_article(args.chars)
    nlp = build_nlp()
    regions, _title = find_regions(text)

    start = time.perf_counter()
    doc = nlp.make_doc(text)
    with nlp.select_pipes(disable=["newsquotes"]):
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
    parse = time.perf_counter() - start

    attribution = resolution = float("inf")
    quotes = []
    speakers = []
    for _run in range(args.runs):
        start = time.perf_counter()
        view = ArticleView(doc, regions)
        quotes = attribute(doc, regions, view=view)
        middle = time.perf_counter()
        speakers = resolve_speakers(view, quotes)
        end = time.perf_counter()
        attribution = min(attribution, middle - start)
        resolution = min(resolution, end - middle)

    print(f"article      {len(text):,} characters, {len(doc):,} tokens, {len(doc.ents):,} entities")
    print(f"quotes       {len(quotes):,}, speakers {len(speakers):,}")
    print(f"parse        {parse:8.2f} s")
    print(f"attribution  {attribution:8.2f} s  (best of {args.runs})")
    print(f"resolution   {resolution:8.2f} s  (best of {args.runs})")
    ratio = resolution / parse if parse else float("inf")
    verdict = "met" if resolution < parse else "NOT met"
    print(f"bar: resolution below the parse time: {verdict} ({ratio:.3f} of the parse)")


if __name__ == "__main__":
    main()
