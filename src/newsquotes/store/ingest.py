"""Ingest: raw documents in, the corpus out; resumable, parallel, every failure recorded.

The main process reads documents and writes the corpus (SQLite wants one writer); worker
processes run the pipeline. Articles cross between them as plain dicts. A document whose
source key is already in the corpus, stored or failed, is skipped before it is parsed, so a
rerun after a crash or Ctrl-C picks up where the last one stopped. A failed source is tried
again when its file has changed since (size or modification time), or with ``retry_failed``.
"""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import CorpusError, DocumentError, LanguageError, NewsquotesError
from ..loop import Failure, process_one
from ..model import Article
from ..read import ReadStats, Source
from ..text_format import plural
from .corpus import Corpus

log = logging.getLogger("newsquotes.ingest")

CONTAINER_SUFFIXES = (".warc", ".gz", ".jsonl", ".arc", ".zip")
LOG_EVERY_SECONDS = 10.0
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
"""What SQLite keeps beside a database; never read as articles when ingesting into it."""


def fingerprint(source: Source) -> str | None:
    """Size and modification time of a file: when they change, a failure is retried."""
    if source.path is None:
        return None
    try:
        info = source.path.stat()
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


class ArticleProcessor(Protocol):
    def process(self, article: Article) -> Article: ...


PipelineFactory = Callable[[], ArticleProcessor]


def default_pipeline_factory() -> ArticleProcessor:
    """The shared spaCy pipeline of this process (loaded on first use)."""
    from ..pipeline import default_pipeline

    return default_pipeline()


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    """Documents already stored or failed in an earlier run, not parsed again."""
    failed: int = 0
    other_language: int = 0
    """Articles in a language other than English: recorded (code NQ106), not analysed."""
    retried: int = 0
    """Sources that had failed before and were tried again (file changed, or asked to)."""
    passed_over: int = 0
    """Files in the given folders that are not articles (annotations, databases ...)."""
    quotes: int = 0
    seconds: float = 0.0
    processing_seconds: float = 0.0
    """From the first article back from the pipeline to the last (model loading excluded)."""

    @property
    def processed(self) -> int:
        return self.ingested + self.duplicates + self.failed + self.other_language

    @property
    def done(self) -> int:
        return self.processed + self.skipped

    def line(self) -> str:
        rate = self.processed / self.seconds if self.seconds else 0.0
        retried = f" ({self.retried:,} retried)" if self.retried else ""
        passed = f"; {plural(self.passed_over, 'file')} not articles" if self.passed_over else ""
        if self.other_language:
            passed += f"; {self.other_language:,} not in English"
        return (
            f"{self.ingested:,} ingested, {plural(self.duplicates, 'duplicate')}, "
            f"{self.skipped:,} skipped as already done, {self.failed:,} failed{retried}"
            f"{passed}; {plural(self.quotes, 'quote')}; "
            f"{self.seconds:.1f}s ({rate:.1f} articles/s)"
        )


# -- worker side ---------------------------------------------------------------------------

_worker_pipeline: ArticleProcessor | None = None

Outcome = tuple[str, Any, str, str]
"""("ok", article dict, "", "") or ("error", source, code, message)."""


def _init_worker(factory: PipelineFactory) -> None:
    """Pool initializer: load the model once per worker."""
    global _worker_pipeline
    _worker_pipeline = factory()


def _run(pipeline: ArticleProcessor, article: Article) -> Outcome:
    outcome = process_one(pipeline, article)
    if isinstance(outcome, Failure):
        return ("error", outcome.source, outcome.code, outcome.message)
    return ("ok", outcome.to_dict(), "", "")


def _work(payload: dict[str, Any]) -> Outcome:
    assert _worker_pipeline is not None, "worker started without _init_worker"
    return _run(_worker_pipeline, Article.from_dict(payload))


# -- main side -----------------------------------------------------------------------------


def estimate_total(paths: Iterable[str]) -> int | None:
    """Number of documents when every input is a plain file (one article each), else None."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        if any(p.name.lower().endswith(CONTAINER_SUFFIXES) for p in files):
            return None
        total += len(files)
    return total


class _Progress:
    """A tqdm bar on a terminal; otherwise a quiet log line to stderr every few seconds."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar: Any = None
        self.enabled = enabled
        self.started = time.monotonic()
        self.last_log = self.started
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr)
        self.total = total

    def update(self, summary: IngestSummary) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(ok=summary.ingested, dup=summary.duplicates, failed=summary.failed)
            return
        now = time.monotonic()
        if self.enabled and now - self.last_log >= LOG_EVERY_SECONDS:
            self.last_log = now
            rate = summary.processed / (now - self.started)
            of = f"/{self.total}" if self.total else ""
            print(
                f"ingest: {summary.done}{of} documents, {summary.ingested} ingested, "
                f"{summary.failed} failed, {rate:.1f} articles/s",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _Pending:
    """Reads the inputs and hands on the articles still to parse; read errors are recorded
    and done documents skipped on the way. Remembers each article's file fingerprint until
    its outcome is stored."""

    def __init__(
        self,
        corpus: Corpus,
        summary: IngestSummary,
        progress: _Progress,
        retry_failed: bool,
    ) -> None:
        self.corpus = corpus
        self.summary = summary
        self.progress = progress
        self.retry_failed = retry_failed
        self.current: str | None = None
        self.fingerprints: dict[str, str | None] = {}

    def _on_source(self, source: Source) -> None:
        self.current = fingerprint(source)

    def _is_done(self, source: str) -> bool:
        """Stored, or failed on this very file; a failure to retry is forgotten here."""
        status, failed_on = self.corpus.source_status(source)
        if status == "stored":
            return True
        if status != "failed":
            return False
        changed = self.current is not None and failed_on != self.current
        if not (self.retry_failed or changed):
            return True
        self.corpus.forget_errors(source)
        self.summary.retried += 1
        return False

    def articles(self, paths: list[str]) -> Iterator[Article]:
        from ..read import read_documents

        stats = ReadStats()
        database = self.corpus.path
        own_files = [database, *(database.with_name(database.name + s) for s in SQLITE_SIDE_FILES)]
        for item in read_documents(paths, stats, on_source=self._on_source, exclude=own_files):
            if isinstance(item, DocumentError):
                if self._is_done(item.document):
                    self.summary.skipped += 1
                else:
                    self.corpus.record_error(item.document, item, fingerprint=self.current)
                    self.summary.failed += 1
                    log.warning("%s", item)
                self.progress.update(self.summary)
                continue
            item.source = item.source or item.id
            if self._is_done(item.source):
                self.summary.skipped += 1
                self.progress.update(self.summary)
                continue
            self.fingerprints[item.source] = self.current
            yield item
        self.summary.passed_over = sum(
            count for reason, count in stats.skipped.items() if reason.startswith("not an")
        )

    def store(self, outcome: Outcome) -> None:
        status, payload, code, message = outcome
        summary = self.summary
        if status == "ok":
            article = Article.from_dict(payload)
            self.fingerprints.pop(article.source or "", None)
            if self.corpus.add(article):
                summary.ingested += 1
                summary.quotes += len(article.quotes)
            else:
                summary.duplicates += 1
        else:
            source = str(payload)
            printed = self.fingerprints.pop(source, None)
            self.corpus.record_error(source, message, code=code, fingerprint=printed)
            if code == LanguageError.code:
                summary.other_language += 1
                log.info("[%s] %s: %s", code, payload, message)
            else:
                summary.failed += 1
                log.warning("[%s] %s: %s", code, payload, message)


def ingest(
    paths: Iterable[str],
    corpus: Corpus,
    *,
    jobs: int = 1,
    progress: bool = True,
    retry_failed: bool = False,
    pipeline_factory: PipelineFactory = default_pipeline_factory,
    start_method: str | None = None,
) -> IngestSummary:
    """Read, process and store every document under ``paths``; returns what happened.

    ``pipeline_factory`` (a picklable, module-level function) builds the pipeline in each
    worker; ``jobs`` is the number of worker processes (1 runs in this process).
    ``retry_failed`` tries again the sources that failed before, changed or not. A write
    the database refuses (a full disk) ends the run with a :class:`CorpusError` naming it;
    everything stored before is kept, and the same command goes on from there.
    """
    paths = list(paths)
    summary = IngestSummary()
    started = time.monotonic()
    first_result: float | None = None
    bar = _Progress(estimate_total(paths) if progress else None, progress)
    pending = _Pending(corpus, summary, bar, retry_failed)
    try:
        articles = pending.articles(paths)
        for outcome in _outcomes(articles, jobs, pipeline_factory, start_method):
            first_result = first_result or time.monotonic()
            pending.store(outcome)
            bar.update(summary)
    except sqlite3.OperationalError as exc:
        raise CorpusError(
            f"cannot write to the corpus {corpus.path}: {exc}",
            advice="free some disk space (or fix the file's permissions) and run the same "
            "command again; what is stored is kept",
        ) from exc
    finally:
        bar.close()
        now = time.monotonic()
        summary.seconds = now - started
        summary.processing_seconds = now - first_result if first_result else 0.0
    corpus.reconcile()  # identities from every stored name, however this run went
    return summary


def _outcomes(
    articles: Iterator[Article],
    jobs: int,
    factory: PipelineFactory,
    start_method: str | None,
) -> Iterator[Outcome]:
    if jobs <= 1:
        pipeline: ArticleProcessor | None = None
        for article in articles:
            pipeline = pipeline or factory()
            yield _run(pipeline, article)
        return
    # At most a few articles per worker in flight: reading runs ahead of parsing only a little,
    # so memory stays flat however large the input. Reading and storing stay in this thread
    # (the corpus connection is not shared with other threads).
    window = jobs * 4
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(factory,)
    ) as pool:
        in_flight: set[Future[Outcome]] = set()
        for article in articles:
            in_flight.add(pool.submit(_work, article.to_dict()))
            if len(in_flight) >= window:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                yield from _results(done)
        while in_flight:
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            yield from _results(done)


def _results(done: Iterable[Future[Outcome]]) -> Iterator[Outcome]:
    for future in done:
        try:
            yield future.result()
        except BrokenProcessPool as exc:
            raise NewsquotesError(
                "a worker process died (out of memory?); the articles stored so far are kept",
                advice="run the same command again to go on, perhaps with fewer -j workers",
            ) from exc
