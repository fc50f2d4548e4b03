"""Writing corpus rows as JSON Lines, CSV or Parquet, for analysis in other tools."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import CorpusError, install_hint

FORMATS = ("jsonl", "csv", "parquet")


@contextmanager
def _text_out(out: str | os.PathLike[str] | IO[str]) -> Iterator[IO[str]]:
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


def _cell(value: Any) -> Any:
    """CSV cells are flat: lists become ``a; b``, nested structures JSON."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(
    rows: Iterable[dict[str, Any]], out: str | os.PathLike[str] | IO[str], format: str
) -> int:
    """Write ``rows`` to ``out`` in ``format``; returns how many were written."""
    if format not in FORMATS:
        raise CorpusError(f"unknown export format {format!r}", advice="use " + ", ".join(FORMATS))
    if format == "parquet":
        return _write_parquet(rows, out)
    count = 0
    with _text_out(out) as handle:
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if format == "jsonl":
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], out: str | os.PathLike[str] | IO[str]) -> int:
    if not isinstance(out, (str, os.PathLike)) or str(out) == "-":
        raise CorpusError("Parquet is written to a file", advice="give -o FILE.parquet")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is installed in development
        raise CorpusError("Parquet export needs pyarrow", advice=install_hint("export")) from exc
    records = list(rows)
    for record in records:  # spans are lists of pairs; keep them as JSON, as in CSV
        if "spans" in record:
            record["spans"] = json.dumps(record["spans"])
    table = pa.Table.from_pylist(records)
    pq.write_table(table, Path(out))
    return len(records)
