"""Extraction off the server's threads: a small pool of worker processes, each with its own
pipeline, a bound on time per text, and a bound on how many texts may wait.

One long text must not hold up the server: the event loop only awaits a future, other
requests proceed, and a text that runs past its time has its worker process replaced.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from ..loop import ArticleProcessor, Failure, process_one
from ..model import Article

PipelineFactory = Callable[[], ArticleProcessor]
PARENT_CHECK_S = 2.0

_worker_factory: PipelineFactory | None = None
_worker_pipeline: ArticleProcessor | None = None


class ExtractionBusy(Exception):
    """Every worker is busy and the queue is full."""


class ExtractionCrashed(Exception):
    """The worker process died under the text (killed, out of memory)."""


class ExtractionTimeout(Exception):
    """One text took longer than allowed."""


def default_pipeline() -> ArticleProcessor:
    from ..pipeline import default_pipeline as shared

    return shared()


def _exit_with_parent(parent: int) -> None:
    """A worker outlives a server killed hard; it stops once its parent is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _init_worker(factory: PipelineFactory) -> None:
    global _worker_factory, _worker_pipeline
    _worker_factory, _worker_pipeline = factory, None
    watcher = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True)
    watcher.start()


def _extract_in_worker(article: dict[str, Any]) -> dict[str, Any]:
    """Runs in a worker: the article's dict in, the result (or failure) as a dict out."""
    global _worker_pipeline
    if _worker_pipeline is None:
        assert _worker_factory is not None
        _worker_pipeline = _worker_factory()
    return _outcome(_worker_pipeline, article)


def _outcome(pipeline: ArticleProcessor, article: dict[str, Any]) -> dict[str, Any]:
    outcome = process_one(pipeline, Article.from_dict(article))
    if isinstance(outcome, Failure):
        return {"failure": outcome.to_dict()}
    return {"article": outcome.to_dict()}


class Extractor:
    """Runs the pipeline on one article at a time per worker, bounded in time and queue."""

    def __init__(
        self, factory: PipelineFactory, *, workers: int, queue: int, timeout_s: float
    ) -> None:
        self.factory = factory
        self.workers = workers
        self.timeout_s = timeout_s
        self._slots = threading.BoundedSemaphore(max(1, workers) + queue)
        self._executor: Executor | None = None
        self._lock = threading.Lock()
        self._here: ArticleProcessor | None = None
        self._here_lock = threading.Lock()

    def _extract_here(self, article: dict[str, Any]) -> dict[str, Any]:
        """Thread mode: one pipeline for this extractor, one article at a time (a spaCy
        pipeline is not meant to be shared by threads)."""
        with self._here_lock:
            if self._here is None:
                self._here = self.factory()
            return _outcome(self._here, article)

    def _pool(self) -> Executor:
        with self._lock:
            if self._executor is None:
                if self.workers > 0:
                    self._executor = ProcessPoolExecutor(
                        self.workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker,
                        initargs=(self.factory,),
                    )
                else:
                    self._executor = ThreadPoolExecutor(1, thread_name_prefix="extract")
            return self._executor

    async def run(self, article: Article) -> dict[str, Any]:
        """``{"article": ...}`` or ``{"failure": ...}``; raises ExtractionBusy/Timeout."""
        if not self._slots.acquire(blocking=False):
            raise ExtractionBusy()
        try:
            pool = self._pool()
            job = _extract_in_worker if self.workers > 0 else self._extract_here
            future = pool.submit(job, article.to_dict())
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
            except TimeoutError:
                self._replace(pool)
                raise ExtractionTimeout() from None
            except BrokenExecutor:
                self._replace(pool)  # start afresh for the next text
                raise ExtractionCrashed() from None
        finally:
            self._slots.release()

    def _replace(self, pool: Executor) -> None:
        """Stop the pool whose worker overran, so its CPU goes back to other requests."""
        with self._lock:
            if self._executor is pool:
                self._executor = None
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._executor = self._executor, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
