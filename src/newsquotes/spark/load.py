"""``newsquotes load``: a Spark output folder into the SQLite corpus, idempotently.

Documents are stored in input order (``seq``) through :meth:`Corpus.add`, exactly as ``ingest``
stores them, so the corpus ends up as a local ingest of the same input would: the same
articles, quotes and speakers. A rerun adds nothing: stored sources are skipped by the corpus
(``add`` returns False) and an error already recorded for a source is not recorded again.
Needs pyarrow, not Spark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import NewsquotesError, install_hint
from ..model import Article
from ..store.corpus import Corpus

ARTICLE_TABLE = "articles"
LOAD_TABLES = ("articles", "quotes", "speakers", "errors")


@dataclass(slots=True)
class LoadSummary:
    """What one load did."""

    stored: int = 0
    already_stored: int = 0
    """Articles the corpus already had (an earlier load, or a duplicate of the same story)."""
    quotes: int = 0
    errors: int = 0
    errors_already_recorded: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (
            f"{self.stored} articles stored, {self.already_stored} already there; "
            f"{self.quotes} quotes; {self.errors} errors recorded "
            f"({self.errors_already_recorded} already there)"
        )


def _table(folder: str, name: str) -> list[dict[str, Any]]:
    try:
        import pyarrow.dataset as ds
    except ImportError as exc:  # pragma: no cover - pyarrow comes with the spark extra
        raise NewsquotesError(
            "loading Parquet needs pyarrow", advice=install_hint("spark")
        ) from exc
    path = f"{folder.rstrip('/')}/{name}"
    if "://" not in path and not Path(path).is_dir():
        raise NewsquotesError(
            f"{folder} is not the output of newsquotes spark: it has no {name}/ table",
            advice="give the --out folder of a finished run",
        )
    return ds.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()


def _by_seq(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["seq"]].append(row)
    for group in grouped.values():
        group.sort(key=lambda row: row["position"])
    return grouped


def read_output(folder: str) -> Iterator[tuple[int, Article | dict[str, Any]]]:
    """``(seq, Article)`` for every processed article and ``(seq, error row)`` for every
    failure of a Spark output, in input order."""
    quotes = _by_seq(_table(folder, "quotes"))
    speakers = _by_seq(_table(folder, "speakers"))
    items: list[tuple[int, Article | dict[str, Any]]] = []
    for row in _table(folder, ARTICLE_TABLE):
        seq = row["seq"]
        record = {**row, "quotes": quotes.get(seq, []), "speakers": speakers.get(seq, [])}
        items.append((seq, Article.from_dict(record)))
    items.extend((row["seq"], row) for row in _table(folder, "errors"))
    items.sort(key=lambda item: item[0])
    yield from items


def load(folder: str, corpus: Corpus) -> LoadSummary:
    """Store every article and error of the Spark output ``folder`` in ``corpus``."""
    summary = LoadSummary()
    for _, item in read_output(folder):
        if isinstance(item, Article):
            if corpus.add(item):
                summary.stored += 1
                summary.quotes += len(item.quotes)
            else:
                summary.already_stored += 1
        elif corpus.has_source(item["source"]):
            summary.errors_already_recorded += 1
        else:
            corpus.record_error(item["source"], item["message"], code=item["code"])
            summary.errors += 1
    return summary
