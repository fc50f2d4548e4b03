"""Answers to recent read requests, reused while the corpus file is unchanged.

Searches are read far more often than the corpus is written, and the same searches come
again (a popular name, the next page and back). An answer is kept, keyed by the request, with
a stamp of the corpus files (size and modification time of the database and its WAL): any
commit, from this server or from ``newsquotes ingest`` in another process, changes the stamp
and so retires every answer made before it.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Generic, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")
WAL_SUFFIX = "-wal"
OK = 200


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


class AnswerCache:
    """A small LRU of answers, each valid while the corpus stamp is the one it was made at."""

    def __init__(self, db_path: str | os.PathLike[str], *, entries: int, ttl_s: float) -> None:
        self.db = Path(db_path)
        self.wal = Path(str(db_path) + WAL_SUFFIX)
        self.entries = entries
        self.ttl_s = ttl_s
        self._items: OrderedDict[Hashable, tuple[Any, float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def stamp(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return (_file_stamp(self.db), _file_stamp(self.wal))

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept answer for ``key`` if still valid, else ``compute()`` (kept for next time;
        an exception is not kept)."""
        if self.entries <= 0:
            return compute()
        stamp = self.stamp()
        found = self.lookup(key, stamp)
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        self.keep(key, stamp, value)
        return value

    def lookup(self, key: Hashable, stamp: Any) -> Any:
        """The answer kept for ``key`` at this corpus ``stamp`` (from :meth:`stamp`), else
        None."""
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == stamp and now - found[1] < self.ttl_s:
                self._items.move_to_end(key)
                return found[2]
        return None

    def keep(self, key: Hashable, stamp: Any, value: Any) -> None:
        """Keep ``value`` for ``key``, made when the corpus had ``stamp`` (taken before
        reading it, so a commit meanwhile retires the value rather than hiding)."""
        if self.entries <= 0:
            return
        with self._lock:
            self._items[key] = (stamp, time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Snapshot(Generic[T]):
    """One value built from the whole corpus (such as the search index), rebuilt when the
    corpus files change, by one thread while the others wait for it.

    Past its time limit with the files unchanged, one thread renews it while the
    others go on with the old value: a change the file stamp missed is seen at the latest
    a build later, and no request waits for a build the corpus did not call for.
    """

    def __init__(
        self, cache: AnswerCache, build: Callable[[], T], *, ttl_s: float | None = None
    ) -> None:
        """``cache`` gives the corpus stamp; ``ttl_s`` (default: the cache's) is how long the
        value is used while the stamp is unchanged before it is renewed."""
        self._cache = cache
        self._build = build
        self.ttl_s = cache.ttl_s if ttl_s is None else ttl_s
        self._current: tuple[Any, float, T] | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        current = self._current
        if current is not None and current[0] == self._cache.stamp():
            if time.monotonic() - current[1] < self.ttl_s:
                return current[2]
            if not self._lock.acquire(blocking=False):
                return current[2]  # being renewed by another thread
            try:
                return self._renew()
            finally:
                self._lock.release()
        with self._lock:
            current = self._current
            if current is not None and current[0] == self._cache.stamp():
                return current[2]  # built by the thread this one waited for
            return self._renew()

    def ready(self) -> bool:
        """Whether :meth:`get` would answer at once: built for the corpus files as they are
        now, and within the time limit or being renewed by another thread meanwhile."""
        current = self._current
        return (
            current is not None
            and current[0] == self._cache.stamp()
            and (time.monotonic() - current[1] < self.ttl_s or self._lock.locked())
        )

    def _renew(self) -> T:
        stamp = self._cache.stamp()  # before reading: a commit during the build shows
        built = (stamp, time.monotonic(), self._build())
        self._current = built
        return built[2]

    def clear(self) -> None:
        self._current = None


class ResponseCache:
    """ASGI middleware keeping whole answers (status 200, headers, body) to GET requests on
    ``paths``, keyed by path and query string, for as long as ``answers`` keeps them.

    A search asked again then costs a dictionary look-up and two ``stat`` calls instead of
    parameter parsing, a thread hop, SQLite and JSON: most of a busy server's requests.
    """

    def __init__(self, app: ASGIApp, *, answers: AnswerCache, paths: frozenset[str]) -> None:
        self.app = app
        self.answers = answers
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] not in self.paths
            or self.answers.entries <= 0
        ):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        stamp = self.answers.stamp()
        found = self.answers.lookup(key, stamp)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        sent: list[Message] = []

        async def keep_and_send(message: Message) -> None:
            # A copy as the app made it: the middleware outside adds its headers to it.
            sent.append({**message, "headers": list(message.get("headers", []))})
            await send(message)

        await self.app(scope, receive, keep_and_send)
        if (
            len(sent) == 2
            and sent[0]["type"] == "http.response.start"
            and sent[0]["status"] == OK
            and not sent[1].get("more_body", False)
        ):
            # Tuples of bytes only: nothing the garbage collector has to walk, however many.
            headers = tuple((bytes(k), bytes(v)) for k, v in sent[0].get("headers", ()))
            self.answers.keep(key, stamp, (OK, headers, bytes(sent[1].get("body", b""))))
