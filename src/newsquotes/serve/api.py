"""The REST API and web page: a thin JSON layer over :class:`Corpus` and the pipeline.

Every request opens its own :class:`Corpus` connection (SQLite connections must stay on the
thread that made them, and the server answers requests on several threads); the corpus runs in
WAL mode, so searching while ``newsquotes ingest`` writes is fine. The spaCy model is loaded
on the first ``POST /api/extract`` only, so browsing a corpus starts instantly.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, Response, g, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException

from .. import __version__
from ..errors import CorpusError, DocumentError, DocumentTooLargeError
from ..model import QUOTE_TYPES, Article
from ..store.corpus import Corpus

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 500
"""Most quotes one ``/api/quotes`` page returns; page with ``offset`` for more."""
MAX_TOP = 1000
MAX_BODY = 4 * 1024 * 1024
"""Largest ``/api/extract`` body in bytes; the pipeline itself stops at a million characters."""

log = logging.getLogger(__name__)


class ArticleProcessor(Protocol):
    def process(self, article: Article) -> Article: ...


def _default_pipeline() -> ArticleProcessor:
    from ..pipeline import default_pipeline

    return default_pipeline()


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and a message for the caller."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


ENDPOINTS: list[dict[str, Any]] = [
    {
        "method": "GET",
        "path": "/api/quotes",
        "summary": "Search quotes; newest first, or best text match first when q is given.",
        "parameters": {
            "q": 'words that must all occur; "quoted phrases" kept whole; word* for prefixes',
            "speaker": "speaker name, alias, surname or id",
            "outlet": "outlet name (case-insensitive, exact)",
            "since": "published on or after: YYYY, YYYY-MM or YYYY-MM-DD",
            "until": "published on or before: YYYY, YYYY-MM or YYYY-MM-DD",
            "type": "direct, mixed or indirect",
            "limit": f"quotes per page, 1-{MAX_LIMIT} (default 50)",
            "offset": "quotes to skip (default 0)",
        },
        "returns": "{quotes: [QuoteHit], count, limit, offset, has_more, next_offset}",
    },
    {
        "method": "GET",
        "path": "/api/speakers",
        "summary": "Speakers, most quoted first.",
        "parameters": {"top": f"how many, 1-{MAX_TOP} (default 50)"},
        "returns": "{speakers: [SpeakerSummary]}",
    },
    {
        "method": "GET",
        "path": "/api/speakers/{name_or_id}",
        "summary": "One speaker's profile: quotes over time, descriptions, outlets.",
        "parameters": {},
        "returns": "SpeakerProfile, or 404",
    },
    {
        "method": "GET",
        "path": "/api/articles/{id}",
        "summary": "A stored article with its quotes (by row id, document id, URL or source).",
        "parameters": {},
        "returns": "Article, or 404",
    },
    {
        "method": "GET",
        "path": "/api/stats",
        "summary": "Counts of articles, quotes by type, speakers, outlets and errors.",
        "parameters": {},
        "returns": "object of counts",
    },
    {
        "method": "POST",
        "path": "/api/extract",
        "summary": "Find the quotes in a text without storing it.",
        "parameters": {
            "body": 'JSON {"text": "...", "id": optional} or the raw text (text/plain)',
        },
        "returns": "Article (quotes, speakers, entities, regions)",
    },
    {
        "method": "GET",
        "path": "/api",
        "summary": "This description.",
        "parameters": {},
        "returns": "{name, version, endpoints}",
    },
]


def _int_param(name: str, default: int, low: int, high: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, not {raw!r}") from None
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ApiError(400, f"{name} must be {bound}, not {value}")
    return value


def _str_param(name: str) -> str | None:
    value = request.args.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _check_params(allowed: set[str]) -> None:
    """Refuse unknown parameters, so a typo (``speakr=``) is not silently ignored."""
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise ApiError(
            400,
            f"unknown parameter {unknown[0]!r}; this endpoint takes "
            + (", ".join(sorted(allowed)) or "no parameters"),
        )


def _read_extract_body() -> Article:
    """The article to extract from: a JSON object with ``text``, or the raw request body."""
    if request.is_json:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ApiError(400, 'the body must be a JSON object like {"text": "..."}')
        text = data.get("text")
        if not isinstance(text, str):
            raise ApiError(400, "the JSON body needs a 'text' string field")
        doc_id = data.get("id", "article")
        if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
            raise ApiError(400, "'id' must be a string")
        meta = {}
        for key in ("url", "outlet", "published"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ApiError(400, f"{key!r} must be a string")
            meta[key] = value
        article = Article(id=str(doc_id), text=text, **meta)
    else:
        try:
            text = request.get_data().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ApiError(400, "the body is not UTF-8 text") from None
        article = Article(id="article", text=text)
    if not article.text.strip():
        raise ApiError(400, "the text is empty")
    return article


def create_app(
    db_path: str | os.PathLike[str],
    *,
    pipeline_factory: Callable[[], ArticleProcessor] | None = None,
) -> Flask:
    """The web app over the corpus at ``db_path``; the pipeline comes from ``pipeline_factory``
    (default: the shared :func:`~newsquotes.pipeline.default_pipeline`) on first use."""
    db = str(db_path)
    Corpus(db).close()  # fail now, with the corpus's own advice, not on the first request
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config["NEWSQUOTES_DB"] = db
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    factory = pipeline_factory or _default_pipeline
    lock = threading.Lock()
    loaded: list[ArticleProcessor] = []

    def corpus() -> Corpus:
        if "corpus" not in g:
            g.corpus = Corpus(db)
        return g.corpus

    @app.teardown_appcontext
    def close_corpus(_exc: BaseException | None) -> None:
        opened = g.pop("corpus", None)
        if opened is not None:
            opened.close()

    def error(status: int, message: str) -> tuple[Response, int]:
        return jsonify({"error": message, "status": status}), status

    @app.errorhandler(ApiError)
    def api_error(exc: ApiError) -> tuple[Response, int]:
        return error(exc.status, exc.message)

    @app.errorhandler(CorpusError)
    def corpus_error(exc: CorpusError) -> tuple[Response, int]:
        message = exc.message + (f" ({exc.advice})" if exc.advice else "")
        return error(400, message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        if status == 413:
            return error(413, f"the body is larger than {MAX_BODY // (1024 * 1024)} MB")
        return error(status, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[Response, int]:
        log.exception("unexpected error answering %s %s", request.method, request.path)
        return error(500, f"internal error: {type(exc).__name__}")

    @app.get("/")
    def index() -> Response:
        return send_from_directory(STATIC, "index.html")

    @app.get("/api")
    def describe() -> Response:
        return jsonify(
            {
                "name": "newsquotes",
                "version": __version__,
                "description": "Quotes in news articles and who said them.",
                "endpoints": ENDPOINTS,
            }
        )

    @app.get("/api/quotes")
    def quotes() -> Response:
        _check_params({"q", "speaker", "outlet", "since", "until", "type", "limit", "offset"})
        limit = _int_param("limit", 50, 1, MAX_LIMIT)
        offset = _int_param("offset", 0, 0)
        quote_type = _str_param("type")
        if quote_type is not None and quote_type not in QUOTE_TYPES:
            raise ApiError(400, f"type must be one of {', '.join(QUOTE_TYPES)}, not {quote_type!r}")
        hits = corpus().search(
            _str_param("q"),
            speaker=_str_param("speaker"),
            outlet=_str_param("outlet"),
            since=_str_param("since"),
            until=_str_param("until"),
            type=quote_type,
            limit=limit + 1,
            offset=offset,
        )
        assert isinstance(hits, list)
        has_more = len(hits) > limit
        hits = hits[:limit]
        return jsonify(
            {
                "quotes": [h.to_dict() for h in hits],
                "count": len(hits),
                "limit": limit,
                "offset": offset,
                "has_more": has_more,
                "next_offset": offset + limit if has_more else None,
            }
        )

    @app.get("/api/speakers")
    def speakers() -> Response:
        _check_params({"top"})
        top = _int_param("top", 50, 1, MAX_TOP)
        return jsonify({"speakers": [s.to_dict() for s in corpus().speakers(top=top)]})

    @app.get("/api/speakers/<path:name_or_id>")
    def speaker(name_or_id: str) -> Response:
        _check_params(set())
        profile = corpus().speaker(name_or_id)
        if profile is None:
            raise ApiError(404, f"no speaker {name_or_id!r} in the corpus")
        return jsonify(profile.to_dict())

    @app.get("/api/articles/<path:article_id>")
    def article(article_id: str) -> Response:
        _check_params(set())
        found = corpus().article(article_id)
        if found is None:
            raise ApiError(404, f"no article {article_id!r} in the corpus")
        return jsonify(found.to_dict())

    @app.get("/api/stats")
    def stats() -> Response:
        _check_params(set())
        counts = corpus().stats()
        # The file name is enough for a reader; the server's folders are not theirs to see.
        counts["path"] = Path(counts["path"]).name
        return jsonify(counts)

    def pipeline() -> ArticleProcessor:
        with lock:
            if not loaded:
                loaded.append(factory())
            return loaded[0]

    @app.post("/api/extract")
    def extract() -> tuple[Response, int] | Response:
        article = _read_extract_body()
        processor = pipeline()
        try:
            # One article at a time: a spaCy pipeline is not meant to be shared by threads.
            with lock:
                result = processor.process(article)
        except DocumentTooLargeError as exc:
            return error(413, exc.reason + (f" ({exc.advice})" if exc.advice else ""))
        except DocumentError as exc:
            return error(422, exc.reason + (f" ({exc.advice})" if exc.advice else ""))
        return jsonify(result.to_dict())

    return app


__all__ = ["ENDPOINTS", "ApiError", "create_app"]
