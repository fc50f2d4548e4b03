"""The search endpoint's common case answered without FastAPI's per-request machinery.

FastAPI finds each parameter's type, validates it with pydantic and sends a plain endpoint
to a worker thread: about 0.3 ms of CPU per request, as much as the search itself once its
words' matches are known. Most requests are plain: known parameters, each given once,
numbers as ASCII digits within range, texts within their length. Those are parsed here as
Starlette parses a query string and passed to the same search function; anything else
(an unknown or repeated parameter, a number FastAPI would have to convert or refuse, a text
too long) goes on to FastAPI unchanged, which answers it with its own checks and messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_DIGITS = 19
"""Digits of the largest row id (2^63 - 1); longer numbers are left to FastAPI."""


@dataclass(frozen=True, slots=True)
class Whole:
    """An integer parameter and the range its endpoint declares."""

    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Text:
    """A text parameter and the most characters its endpoint declares (None: no bound)."""

    max_chars: int | None = None


Spec = Mapping[str, Whole | Text]
Answer = Callable[[dict[str, Any]], Awaitable[Response]]


def plain_arguments(query_string: bytes, spec: Spec) -> dict[str, Any] | None:
    """The parameters of a query string that FastAPI would take as they are, as it would
    read them; None when any is unknown, repeated, or a value it would convert or refuse."""
    arguments: dict[str, Any] = {}
    # As Starlette reads it: latin-1 bytes, %-escapes as UTF-8, "+" as a space, blanks kept.
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        kind = spec.get(name)
        if kind is None or name in arguments:
            return None
        if isinstance(kind, Whole):
            if not (value.isascii() and value.isdigit()) or len(value) > MAX_DIGITS:
                return None
            number = int(value)
            if not kind.low <= number <= kind.high:
                return None
            arguments[name] = number
        else:
            if kind.max_chars is not None and len(value) > kind.max_chars:
                return None
            arguments[name] = value
    return arguments


class QuickSearch:
    """Pure ASGI: plain GET requests to ``path`` answered by ``answer``, the rest passed on.

    Placed inside the security middleware and the response cache, so its answers are
    checked, kept and given the same headers as FastAPI's.
    """

    def __init__(self, app: ASGIApp, *, path: str, spec: Spec, answer: Answer) -> None:
        self.app = app
        self.path = path
        self.spec = spec
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == self.path:
            arguments = plain_arguments(scope["query_string"], self.spec)
            if arguments is not None:
                response = await self.answer(arguments)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


__all__ = ["QuickSearch", "Text", "Whole", "plain_arguments"]
