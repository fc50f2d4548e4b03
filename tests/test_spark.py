"""The Spark job: its plain-Python halves on lists, then the whole job on a local Spark
(``local[2]``, one session for the module) against a local ingest of the same input."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from article_factory import make_article
from click.testing import CliRunner
from spark_corpus import records, write_jsonl, write_warc

from newsquotes.cli import main as cli
from newsquotes.errors import NewsquotesError
from newsquotes.model import Article, Quote, Speaker
from newsquotes.spark import identity, rows
from newsquotes.spark.job import PYTHON_CONF, PYTHON_ENV, worker_python
from newsquotes.spark.load import load
from newsquotes.store.corpus import Corpus, text_hash
from newsquotes.store.ingest import ingest

NOVAK = '"We will win," said Jana Novak, the party leader.'


class FakePipeline:
    """Marks the first quoted stretch as a quote; fails on demand; counts how often it is made."""

    made = 0

    def __init__(self) -> None:
        FakePipeline.made += 1

    def process(self, article: Article) -> Article:
        if "CRASH" in article.text:
            raise RuntimeError("parser fell over")
        start = article.text.find('"')
        end = article.text.find('"', start + 1) + 1
        if start >= 0 and end > start:
            article.quotes = [
                Quote("q1", "direct", [(start, end)], article.text[start:end], speaker_name="X")
            ]
        return article


@pytest.fixture(autouse=True)
def reset_counter() -> None:
    FakePipeline.made = 0


def parquet_bytes(table_rows: list[dict[str, Any]]) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(table_rows), buffer)
    return buffer.getvalue()


# -- reading and processing, no Spark -------------------------------------------------------


def test_files_of_every_input_format_become_documents_in_input_order(tmp_path: Path) -> None:
    jsonl = b'{"id": "a1", "text": "' + NOVAK.replace('"', '\\"').encode() + b'"}\n{broken\n'
    write_warc(tmp_path / "crawl.warc.gz", 2)
    parquet = parquet_bytes(
        [
            {"id": "p1", "text": NOVAK, "published": "2024-02-03"},
            {"id": "p2", "text": None, "published": None},
        ]
    )
    files = [
        (0, "file:/data/a.jsonl", jsonl),
        (1, "hdfs://namenode/crawl/crawl.warc.gz", (tmp_path / "crawl.warc.gz").read_bytes()),
        (2, "s3a://bucket/articles.parquet", parquet),
    ]
    out = list(rows.read_partition(files))
    seqs = [seq for seq, _ in out]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) == 6
    sources = [p.get("source") or p["failure"]["source"] for _, p in out]
    assert sources[:2] == ["/data/a.jsonl:1", "/data/a.jsonl:2"]
    assert all(s.startswith("hdfs://namenode/crawl/crawl.warc.gz#") for s in sources[2:4])
    assert sources[4:] == ["s3a://bucket/articles.parquet#1", "s3a://bucket/articles.parquet#2"]
    assert "not valid JSON" in out[1][1]["failure"]["message"]
    assert out[1][1]["failure"]["code"] == "NQ104"
    assert "neither a 'text' nor an 'html'" in out[5][1]["failure"]["message"]
    assert out[2][1]["url"] == "https://harbour.example/levy-0"
    assert "The levy is the only way" in out[2][1]["text"]
    assert out[4][1]["id"] == "p1" and out[4][1]["published"] == "2024-02-03"


def test_a_broken_parquet_file_is_one_error_naming_it() -> None:
    [(_, payload)] = rows.read_partition([(0, "file:/in/bad.parquet", b"PAR1 not really")])
    assert payload["failure"]["source"] == "/in/bad.parquet"
    assert "not a readable Parquet file" in payload["failure"]["message"]


def test_a_reader_that_crashes_ends_its_file_with_an_error_not_the_job(monkeypatch) -> None:
    def crashing(name: str, data: bytes) -> Iterator[Article]:
        yield Article("first", NOVAK, source=f"{name}#0")
        raise RuntimeError("reader fell over")

    monkeypatch.setattr(rows, "read_file", crashing)
    files = [(0, "file:/in/a.warc", b"..."), (1, "file:/in/b.warc", b"...")]
    out = list(rows.read_partition(files))
    assert [seq for seq, _ in out] == [0, 1, 1 << 32, (1 << 32) + 1]
    assert out[1][1]["failure"] == {
        "source": "/in/a.warc",
        "code": "NQ100",
        "message": "RuntimeError: reader fell over",
    }
    assert out[2][1]["id"] == "first" and out[3][1]["failure"]["source"] == "/in/b.warc"


def test_a_partition_loads_the_pipeline_once_and_records_each_failure() -> None:
    good = Article("n1", NOVAK, source="in.jsonl:1").to_dict()
    crash = Article("n2", "CRASH here", source="in.jsonl:2").to_dict()
    unread = {"failure": {"source": "in.jsonl:3", "code": "NQ104", "message": "not valid JSON"}}
    items = [(0, good), (1, crash), (2, unread), (3, dict(good, id="n4"))]
    out = list(rows.process_partition(iter(items), FakePipeline))
    assert FakePipeline.made == 1
    assert [o["seq"] for o in out] == [0, 1, 2, 3]
    assert out[0]["article"]["quotes"][0]["text"] == '"We will win,"'
    assert out[1]["failure"] == {
        "source": "in.jsonl:2",
        "code": "NQ100",
        "message": "RuntimeError: parser fell over",
    }
    assert out[2]["failure"] == unread["failure"]
    assert out[3]["article"]["id"] == "n4"


def test_an_empty_partition_or_one_of_failures_loads_no_pipeline() -> None:
    assert list(rows.process_partition(iter([]), FakePipeline)) == []
    failure = {"failure": {"source": "x", "code": "NQ104", "message": "bad"}}
    assert len(list(rows.process_partition(iter([(0, failure)]), FakePipeline))) == 1
    assert FakePipeline.made == 0


@pytest.mark.parametrize(
    ("published", "month"),
    [
        ("2024-03-02", "2024-03"),
        ("2024-11-30T23:59:00Z", "2024-11"),
        ("2024-13-01", "unknown"),
        ("March 2024", "unknown"),
        (None, "unknown"),
    ],
)
def test_publication_month(published: str | None, month: str) -> None:
    assert rows.publication_month(published) == month


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("file:/data/in.jsonl", "/data/in.jsonl"),
        ("file:///data/in.jsonl", "/data/in.jsonl"),
        ("hdfs://nn:8020/crawl/a.warc.gz", "hdfs://nn:8020/crawl/a.warc.gz"),
        ("s3a://bucket/a.warc.gz", "s3a://bucket/a.warc.gz"),
    ],
)
def test_sources_are_named_as_ingest_names_them(path: str, name: str) -> None:
    assert rows.source_name(path) == name


def test_table_rows_carry_the_extract_contract() -> None:
    article = make_article("a1", "Ports matter", "Tomas Berg", description="the mayor")
    article.quotes.append(Quote("q2", "indirect", [(1, 6)], "Ports", speaker_name="Ida Brandt"))
    article.quotes.append(Quote("q3", "direct", [(1, 6)], "Ports"))
    outcome = {"seq": 7, "article": article.to_dict()}
    quote_rows = [dict(zip(rows.QUOTE_COLUMNS, r, strict=True)) for r in rows.quote_rows(outcome)]
    speaker_rows = [
        dict(zip(rows.SPEAKER_COLUMNS, r, strict=True)) for r in rows.speaker_rows(outcome)
    ]
    [article_row] = [dict(zip(rows.ARTICLE_COLUMNS, rows.article_row(outcome), strict=True))]
    assert [Quote.from_dict(r).to_dict() for r in quote_rows] == [
        q.to_dict() for q in article.quotes
    ]
    assert [Speaker.from_dict(r).to_dict() for r in speaker_rows] == [
        s.to_dict() for s in article.speakers
    ]
    assert [r["speaker_key"] for r in quote_rows] == ["s1", None, None]
    assert {r["month"] for r in quote_rows} == {"2024-03"} and article_row["seq"] == 7
    rebuilt = Article.from_dict(
        {**article_row, "quotes": quote_rows, "speakers": speaker_rows}
    ).to_dict()
    assert rebuilt == article.to_dict()
    error = {"seq": 3, "failure": {"source": "in:2", "code": "NQ104", "message": "bad"}}
    assert rows.error_row(error) == (3, "in:2", "NQ104", "bad")


# -- identity, no Spark ---------------------------------------------------------------------

IDENTITY_CASES = [
    ("Ana Ruiz", "person", ("harbour master",), ("Port of Lindvik",)),
    ("Ruiz", "person", (), ("Port of Lindvik",)),
    ("Carlos Ruiz", "person", ("council member",), ()),
    ("Ruiz", "person", (), ()),
    ("Dr. Ana Ruiz", "person", (), ()),
    ("Jana Novak", "person", ("party leader",), ()),
    ("Novak", "unknown", (), ()),
    ("the Kallbro Water Board", "organization", (), ()),
    ("Kallbro Water Board", "organization", (), ()),
    ("Berg", "person", ("mayor",), ()),
    ("Tomas Berg", "person", ("mayor",), ()),
    ("Berg", "person", ("mayor",), ()),
]


def identity_articles() -> list[Article]:
    out = []
    for i, (name, kind, roles, orgs) in enumerate(IDENTITY_CASES * 2):
        article = make_article(
            f"id{i}", f"Plan {i} works", name, roles=roles, organizations=orgs, kind=kind
        )
        if i % 5 == 4:  # a quote credited by name only, with no speaker record behind it
            article.quotes.append(
                Quote("q2", "direct", [(0, 4)], article.text[:4], speaker_name="Lena Falk")
            )
        out.append(article)
    return out


def corpus_speakers(corpus: Corpus) -> dict[tuple[str, str], tuple[int, str]]:
    """(article source, quote id) → (global speaker id, its name), as the corpus stored them."""
    corpus.reconcile()
    return {
        (q["source"], q["quote_id"]): (q["speaker_id"], q["speaker"]) for q in corpus.rows("quotes")
    }


def groups(assignment: dict[Any, Any]) -> set[frozenset[Any]]:
    """The partition an assignment makes: which keys share a value (the ids themselves aside)."""
    members: dict[Any, set[Any]] = defaultdict(set)
    for key, value in assignment.items():
        members[value].add(key)
    return {frozenset(m) for m in members.values()}


def resolved_in_blocks(articles: list[Article]) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, quote id) → (identity, name), resolving block by block, blocks in reverse."""
    described = [
        item
        for seq, a in enumerate(articles)
        for item in identity.article_descriptions(seq, a.to_dict(), text_hash(a.text))
    ]
    block_of = identity.blocks({identity.description_tokens(d) for _, d in described})
    by_block: dict[int, list[Any]] = defaultdict(list)
    for item in described:
        by_block[identity.block_key(item[1], block_of)].append(item)
    assigned = {}
    for block in sorted(by_block, reverse=True):  # blocks are independent of each other
        for seq, key, ident, name, _kind in identity.resolve_block(reversed(by_block[block])):
            assigned[(seq, key)] = (ident, name)
    out = {}
    for seq, article in enumerate(articles):
        ids = {s.id for s in article.speakers}
        for quote in article.quotes:
            key = rows.quote_speaker_key(quote.to_dict(), ids)
            out[(article.source, quote.id)] = assigned.get((seq, key), (None, None))
    return out


def test_identities_resolved_block_by_block_are_the_corpus_speakers() -> None:
    articles = identity_articles()
    with Corpus(":memory:") as corpus:
        for article in articles:
            assert corpus.add(Article.from_dict(article.to_dict()))
        stored = corpus_speakers(corpus)
    spark_side = resolved_in_blocks(articles)
    assert groups({k: v[0] for k, v in spark_side.items()}) == groups(
        {k: v[0] for k, v in stored.items()}
    )
    assert {k: v[1] for k, v in spark_side.items()} == {k: v[1] for k, v in stored.items()}
    # The case is not trivial: some names joined, some kept apart.
    assert 1 < len(groups(stored)) < len(stored)


def test_blocks_join_token_sets_that_share_a_token() -> None:
    block_of = identity.blocks(
        [frozenset({"ana ruiz", "ruiz"}), frozenset({"ruiz"}), frozenset({"novak"})]
    )
    assert block_of["ana ruiz"] == block_of["ruiz"] != block_of["novak"]
    ruiz = Speaker("s1", "Dr. Ana Ruiz", "person", ["Ruiz"])
    described = identity.article_descriptions(0, {"speakers": [ruiz.to_dict()]}, "h")
    assert identity.description_tokens(described[0][1]) == {"ruiz", "dr ana ruiz"}


# -- session settings -----------------------------------------------------------------------


def test_workers_run_the_drivers_python_unless_told(monkeypatch) -> None:
    monkeypatch.delenv(PYTHON_ENV, raising=False)
    assert worker_python({}) == sys.executable
    assert worker_python({PYTHON_CONF: "/opt/env/bin/python"}) is None
    monkeypatch.setenv(PYTHON_ENV, "/opt/env/bin/python")
    assert worker_python({}) is None


def test_the_commands_say_how_to_use_them() -> None:
    runner = CliRunner()
    for command in ("spark", "load"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_python_m_newsquotes_spark_is_the_same_command(capsys) -> None:
    from newsquotes.spark import main

    assert main(["--help"]) == 0
    assert "python -m newsquotes.spark [OPTIONS] INPUTS..." in capsys.readouterr().out
    assert main([]) == 2


def test_a_missing_input_is_a_clear_error_before_spark_starts(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["spark", str(tmp_path / "nope.warc.gz"), "--out", "x"])
    assert result.exit_code == 1
    assert "no such input" in result.output and "nope.warc.gz" in result.output


def test_load_refuses_a_folder_that_is_no_spark_output(tmp_path: Path) -> None:
    with (
        Corpus(":memory:") as corpus,
        pytest.raises(NewsquotesError, match="not the output of newsquotes spark"),
    ):
        load(str(tmp_path), corpus)


# -- the job on a local Spark ---------------------------------------------------------------

TEST_ARTICLES = 500
WARC_ARTICLES = 20
BAD_LINES = ('{"id": "broken", "text": ', '{"id": "no-text", "title": "Only a title"}')


def java_missing() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is None and not (
        java_home and Path(java_home, "bin", "java").exists()
    )


@pytest.fixture(scope="module")
def spark(tmp_path_factory) -> Iterator[Any]:
    """One local[2] session for the module, made as ``newsquotes spark`` makes it."""
    if java_missing():
        pytest.skip("Spark needs Java: no java on PATH and no JAVA_HOME (see README, Testing)")
    from newsquotes.spark.job import spark_session

    saved = os.environ.pop(PYTHON_ENV, None)
    session = spark_session("local[2]", {"spark.ui.enabled": "false"})
    yield session
    session.stop()
    os.environ.pop(PYTHON_ENV, None)
    if saved is not None:
        os.environ[PYTHON_ENV] = saved


def test_the_workers_run_this_python(spark) -> None:
    ran = spark.sparkContext.parallelize(range(2), 2).map(lambda _: sys.executable).collect()
    assert ran == [sys.executable, sys.executable]


@pytest.fixture(scope="module")
def both_ways(spark, tmp_path_factory) -> dict[str, Any]:
    """The same 500 articles (JSONL, and a WARC.gz) through ``ingest`` and ``spark`` + ``load``."""
    from newsquotes.spark.job import run

    base = tmp_path_factory.mktemp("same-input")
    inbox = base / "inbox"
    inbox.mkdir()
    write_jsonl(inbox / "a-stories.jsonl", records(TEST_ARTICLES - WARC_ARTICLES), BAD_LINES)
    write_warc(inbox / "b-crawl.warc.gz", WARC_ARTICLES)
    with Corpus(base / "ingest.db") as corpus:
        ingested = ingest([str(inbox)], corpus, jobs=1, progress=False)
    summary = run([str(inbox)], str(base / "out"), spark)
    with Corpus(base / "spark.db") as corpus:
        loaded = load(str(base / "out"), corpus)
    return {
        "base": base,
        "ingested": ingested,
        "summary": summary,
        "loaded": loaded,
        "out": base / "out",
    }


def table(folder: Path, name: str) -> list[dict[str, Any]]:
    return ds.dataset(folder / name, format="parquet", partitioning="hive").to_table().to_pylist()


def test_spark_and_load_give_the_corpus_ingest_gives(both_ways) -> None:
    base = both_ways["base"]
    with Corpus(base / "ingest.db") as local, Corpus(base / "spark.db") as spark_made:
        for name in ("quotes", "speakers"):
            expected = list(local.rows(name))
            assert list(spark_made.rows(name)) == expected, name
        assert [(e.source, e.code) for e in spark_made.errors()] == [
            (e.source, e.code) for e in local.errors()
        ]
        assert spark_made.stats()["articles"] == local.stats()["articles"]
    ingested, summary = both_ways["ingested"], both_ways["summary"]
    assert ingested.failed == summary.failures == len(BAD_LINES)
    assert summary.articles == TEST_ARTICLES
    assert summary.duplicates == ingested.duplicates > 0
    assert summary.quotes >= ingested.quotes > TEST_ARTICLES
    assert both_ways["loaded"].stored == ingested.ingested


def test_spark_identities_are_the_corpus_speakers(both_ways) -> None:
    with Corpus(both_ways["base"] / "ingest.db") as local:
        stored = corpus_speakers(local)
    stored_sources = {source for source, _ in stored}
    spark_side = {
        (q["article_source"], q["id"]): (q["identity"], q["identity_name"])
        for q in table(both_ways["out"], "quotes")
        if q["article_source"] in stored_sources
    }
    assert spark_side.keys() == stored.keys()
    assert groups({k: v[0] for k, v in spark_side.items()}) == groups(
        {k: v[0] for k, v in stored.items()}
    )
    assert {k: v[1] for k, v in spark_side.items()} == {k: v[1] for k, v in stored.items()}
    assert both_ways["summary"].speakers == len({v[0] for v in stored.values()} - {None})


def test_the_tables_are_partitioned_by_month_with_errors_named(both_ways) -> None:
    out = both_ways["out"]
    months = {p.name for p in (out / "quotes").iterdir() if p.is_dir()}
    assert months == {f"month=2024-0{m}" for m in range(1, 6)} | {"month=unknown"}
    assert {p.name.split("=")[0] for p in (out / "articles").iterdir() if p.is_dir()} == {"month"}
    errors = {e["source"].rsplit("/", 1)[-1]: e for e in table(out, "errors")}
    assert set(errors) == {"a-stories.jsonl:2", "a-stories.jsonl:9"}
    assert "not valid JSON" in errors["a-stories.jsonl:2"]["message"]
    assert "neither a 'text' nor an 'html'" in errors["a-stories.jsonl:9"]["message"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == TEST_ARTICLES and summary["articles_per_second"] > 0
    articles = table(out, "articles")
    assert len(articles) == TEST_ARTICLES
    assert sum(a["duplicate"] for a in articles) == both_ways["summary"].duplicates


def test_parquet_input_and_reruns_do_not_duplicate(spark, tmp_path: Path) -> None:
    from newsquotes.spark.job import run

    source = tmp_path / "articles.parquet"
    pq.write_table(
        pa.Table.from_pylist(
            [
                {"id": "p1", "text": NOVAK, "published": "2024-05-01", "outlet": "Valley Post"},
                {"id": "p2", "text": "", "published": None, "outlet": None},
                {
                    "id": "p3",
                    "text": '"Ports matter," said Tomas Berg, the mayor.',
                    "published": "2024-06-09",
                    "outlet": None,
                },
            ]
        ),
        source,
    )
    out, db = tmp_path / "out", tmp_path / "corpus.db"
    counts = []
    for _ in range(2):
        summary = run([str(source)], str(out), spark, partitions=2)
        counts.append({name: len(table(out, name)) for name in ("articles", "quotes", "errors")})
        assert summary.articles == 2 and summary.failures == 1
    assert counts[0] == counts[1] == {"articles": 2, "quotes": 2, "errors": 1}
    [error] = table(out, "errors")
    assert error["source"] == f"{source}#2" and "empty" in error["message"]
    with Corpus(db) as corpus:
        first = load(str(out), corpus)
        second = load(str(out), corpus)
        stats = corpus.stats()
    assert (first.stored, first.errors) == (2, 1)
    assert (second.stored, second.errors, second.already_stored) == (0, 0, 2)
    assert (stats["articles"], stats["quotes"], stats["errors"]) == (2, 2, 1)
    speakers = {q["speaker_name"]: q["identity_name"] for q in table(out, "quotes")}
    assert speakers == {"Jana Novak": "Jana Novak", "Tomas Berg": "Tomas Berg"}
