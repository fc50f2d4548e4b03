"""The REST API (``/api/v1``, described by its OpenAPI document) and the web page.

Reading requests run on the server's worker threads, each thread with its own corpus
connection (SQLite connections stay on the thread that opened them; the corpus runs in WAL
mode, so reading while ``newsquotes ingest`` writes is fine). Extraction runs in worker
processes (see :mod:`.extraction`), so one long text never holds up the rest.
"""

import gc
import hmac
import importlib.util
import json
import logging
import os
import threading
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.responses import JSONResponse as StarletteJSON
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import CorpusError
from ..model import QUOTE_ACTS, QUOTE_TYPES, SPEAKER_KINDS, Article
from ..store.corpus import ROW_ID_MAX, Corpus
from ..store.fts import fts_query
from ..store.quote_index import QuoteIndex
from .cache import AnswerCache, ResponseCache, Snapshot
from .extraction import (
    ExtractionBusy,
    ExtractionCrashed,
    ExtractionTimeout,
    Extractor,
    PipelineFactory,
    default_pipeline,
)
from .limits import DEFAULT_LIMITS, ServeLimits
from .quick import QuickSearch, Text, Whole
from .security import SecurityMiddleware, allowed_hosts_for

STATIC = Path(__file__).parent / "static"
API = "/api/v1"
TOKEN_ENV = "NEWSQUOTES_TOKEN"
SERVE_ENV = "NEWSQUOTES_SERVE"
"""Settings of ``newsquotes serve`` (JSON) for the server processes it starts."""
APP_FACTORY = f"{__name__}:app_from_environment"
SWAGGER_PACKAGE = "swagger_ui"
ALL_ACTS = "all"
DEFAULT_ACT = "speech"
ARTICLE_FIELDS = ("id", "title", "url", "outlet", "published", "language", "source")
CACHED_PATHS = frozenset(f"{API}/{name}" for name in ("quotes", "speakers", "stats", "dashboard"))
"""Reading endpoints whose whole answers are kept while the corpus is unchanged."""
QUOTES_PATH = f"{API}/quotes"
NEWEST = "newest"
"""The default order of search hits, the one the search index answers."""
DEFAULT_PAGE = 20
"""Items per list page when ``limit`` is not given."""
NAME_MAX_CHARS = 200
"""Longest speaker or outlet name a filter takes."""
DATE_MAX_CHARS = 40
"""Longest ``since`` / ``until`` a filter takes."""

log = logging.getLogger(__name__)


class JSONResponse(StarletteJSON):
    """JSON as Starlette writes it (compact, UTF-8), made by orjson: a page of twenty hits
    is encoded several times faster than by the standard library."""

    def render(self, content: Any) -> bytes:
        return self.encode(content)

    @staticmethod
    def encode(content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and a message for the caller."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str, code: str | None = None) -> JSONResponse:
    """The error body: the message, the HTTP status and, for a newsquotes error, its code."""
    body: dict[str, str | int] = {"error": message, "status": status}
    if code is not None:
        body["code"] = code
    return JSONResponse(body, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    """One readable line from pydantic's report, without echoing a huge input back."""
    first = exc.errors()[0] if exc.errors() else {}
    where = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    name = ".".join(where) or "request"
    given = first.get("input")
    shown = f" (got {str(given)[:40]!r})" if isinstance(given, str | int) else ""
    return f"{name}: {first.get('msg', 'invalid value')}{shown}"


def _swagger_assets() -> Path | None:
    """Swagger UI's files as the ``swagger-ui-py`` package ships them (found, not imported:
    its own web handlers are not used)."""
    spec = importlib.util.find_spec(SWAGGER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").exists() else None


class _Corpora:
    """One corpus connection per server thread, opened on first use."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()

    def get(self) -> Corpus:
        corpus = getattr(self._local, "corpus", None)
        if corpus is None:
            corpus = self._local.corpus = Corpus(self.db)
        return corpus


def create_app(
    db_path: str | os.PathLike[str],
    *,
    token: str | None = None,
    pipeline_factory: PipelineFactory | None = None,
    limits: ServeLimits = DEFAULT_LIMITS,
    host: str = "127.0.0.1",
    allowed_hosts: tuple[str, ...] = (),
) -> FastAPI:
    """The web app over the corpus at ``db_path``.

    ``token`` (default ``$NEWSQUOTES_TOKEN``) guards the writing endpoints; without one they
    answer 403. ``pipeline_factory`` makes the extraction pipeline in each worker (it must be
    importable by name, as worker processes are spawned). ``host`` is the address served on:
    requests must name it, this machine or one of ``allowed_hosts`` in their Host header.
    """
    db = str(db_path)
    Corpus(db).close()  # fail now, with the corpus's own advice, not on the first request
    secret = token if token is not None else os.environ.get(TOKEN_ENV) or None
    corpora = _Corpora(db)
    extractor = Extractor(
        pipeline_factory or default_pipeline,
        workers=limits.extract_workers,
        queue=limits.extract_queue,
        timeout_s=limits.extract_timeout_s,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        yield
        extractor.close()

    app = FastAPI(
        title="newsquotes",
        version=__version__,
        description="Quotes in news articles and who said them: search, speakers, articles, "
        "extraction. Errors are `{error, status}`; every list has `total`, `limit`, `offset`.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    cache = AnswerCache(db, entries=limits.cache_entries, ttl_s=limits.cache_ttl_s)
    responses = AnswerCache(db, entries=limits.cache_entries, ttl_s=limits.cache_ttl_s)
    app.state.extractor = extractor
    app.state.limits = limits

    _add_error_handlers(app)
    _add_page_routes(app)
    index = Snapshot(
        cache,
        ttl_s=limits.search_index_ttl_s,
        build=lambda: corpora.get().quote_index(
            max_positions=limits.search_index_positions, max_shown=limits.search_index_shown
        ),
    )
    used_index = index if limits.search_index else None
    search = _add_read_routes(app, corpora, limits, cache, used_index)
    _add_write_routes(app, corpora, limits, extractor, secret, (cache, responses, index))
    # The last added is the outermost: the security checks and headers first, then the kept
    # answers, then plain searches answered without FastAPI's parameter machinery.
    if limits.quick_search:
        app.add_middleware(
            QuickSearch,
            path=QUOTES_PATH,
            spec=_quote_spec(limits),
            answer=_quick_answer(search, used_index, limits),
        )
    app.add_middleware(ResponseCache, answers=responses, paths=CACHED_PATHS)
    app.add_middleware(
        SecurityMiddleware,
        allowed_hosts=allowed_hosts_for(host, allowed_hosts),
        max_body_bytes=limits.max_body_bytes,
    )
    return app


def _refusal(exc: ApiError | CorpusError) -> JSONResponse:
    """The error answer to a refused request or to a corpus error (bad search text, time)."""
    if isinstance(exc, ApiError):
        return _error(exc.status, exc.message)
    return _error(400, exc.message + (f" ({exc.advice})" if exc.advice else ""), exc.code)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _refusal(exc)

    @app.exception_handler(CorpusError)
    async def corpus_error(_request: Request, exc: CorpusError) -> JSONResponse:
        return _refusal(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error answering %s %s", request.method, request.url.path)
        return _error(500, f"internal error: {type(exc).__name__}")


def _add_page_routes(app: FastAPI) -> None:
    page = STATIC / "index.html"

    def index() -> FileResponse:
        return FileResponse(page, media_type="text/html; charset=utf-8")

    for route in ("/", "/search", "/dashboard", "/try", "/speakers/{_id}", "/articles/{_id}"):
        app.add_api_route(route, index, methods=["GET"], include_in_schema=False)

    @app.get(f"{API}/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    assets = _swagger_assets()
    if assets is not None:
        app.mount(f"{API}/docs-assets", StaticFiles(directory=assets), name="swagger-ui")


def _only(*names: str) -> Any:
    """A dependency refusing unknown query parameters, so ``speakr=`` is not ignored."""
    allowed = set(names)

    async def check(request: Request) -> None:
        # async: a plain function would be sent to the thread pool, one more hop per request.
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ApiError(
                400,
                f"unknown parameter {unknown[0][:40]!r}; this endpoint takes "
                + (", ".join(sorted(allowed)) or "no parameters"),
            )

    return Depends(check)


def _blank_is_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _act(value: str | None) -> str | None:
    if value is None or not value.strip():
        return DEFAULT_ACT
    if value == ALL_ACTS:
        return None
    if value not in QUOTE_ACTS:
        raise ApiError(400, f"act must be one of {', '.join(QUOTE_ACTS)} or all, not {value!r}")
    return value


def _add_read_routes(
    app: FastAPI,
    corpora: _Corpora,
    limits: ServeLimits,
    cache: AnswerCache,
    index: Snapshot[QuoteIndex] | None,
) -> Callable[..., JSONResponse]:
    """The reading endpoints; answers the search function behind ``GET /quotes``."""
    Limit = Annotated[int, Query(ge=1, le=limits.max_page, description="items per page")]
    Offset = Annotated[int, Query(ge=0, le=limits.max_offset, description="items to skip")]
    RowId = Annotated[int, PathParam(ge=1, le=ROW_ID_MAX, description="row id in the corpus")]
    search = _quote_search(corpora, limits, cache, index)

    @app.get(QUOTES_PATH, summary="Search quotes", dependencies=[_only(*_quote_spec(limits))])
    def quotes(
        q: Annotated[
            str | None,
            Query(
                description='FTS5 syntax: words (all must occur), "phrases", word*, '
                "AND, OR, NOT, parentheses"
            ),
        ] = None,
        speaker: Annotated[
            str | None, Query(max_length=NAME_MAX_CHARS, description="name, alias or surname")
        ] = None,
        speaker_id: Annotated[int | None, Query(ge=1, le=ROW_ID_MAX)] = None,
        outlet: Annotated[str | None, Query(max_length=NAME_MAX_CHARS)] = None,
        since: Annotated[
            str | None, Query(max_length=DATE_MAX_CHARS, description="YYYY[-MM[-DD]]")
        ] = None,
        until: Annotated[
            str | None, Query(max_length=DATE_MAX_CHARS, description="YYYY[-MM[-DD]]")
        ] = None,
        type: Annotated[str | None, Query(description=" | ".join(QUOTE_TYPES))] = None,
        act: Annotated[str | None, Query(description="speech (default), thought or all")] = None,
        article_id: Annotated[int | None, Query(ge=1, le=ROW_ID_MAX)] = None,
        sort: Annotated[
            str | None, Query(description="newest (default) or relevance (needs q)")
        ] = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> JSONResponse:
        """Quotes matching every filter: newest first, or best text match first with
        `sort=relevance`. Each hit holds the quote exactly as `extract` writes it, its
        article and its corpus-wide speaker, and `highlights` (offsets of matched words in
        the quote text). `total` counts every hit, not just this page."""
        return search(
            q=q,
            speaker=speaker,
            speaker_id=speaker_id,
            outlet=outlet,
            since=since,
            until=until,
            type=type,
            act=act,
            article_id=article_id,
            sort=sort,
            limit=limit,
            offset=offset,
        )

    @app.get(
        f"{API}/speakers",
        summary="Speakers, most quoted first",
        dependencies=[_only("name", "kind", "limit", "offset")],
    )
    def speakers(
        name: Annotated[
            str | None, Query(max_length=NAME_MAX_CHARS, description="part of the name")
        ] = None,
        kind: Annotated[str | None, Query(description=" | ".join(SPEAKER_KINDS))] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> JSONResponse:
        if kind and kind not in SPEAKER_KINDS:
            raise ApiError(400, f"kind must be one of {', '.join(SPEAKER_KINDS)}, not {kind!r}")
        wanted = _blank_is_none(name)
        page = cache.get(
            ("speakers", wanted, kind or None, limit, offset),
            lambda: corpora.get().speaker_page(
                name=wanted, kind=kind or None, limit=limit, offset=offset
            ),
        )
        return JSONResponse({**_paging(page["total"], limit, offset), "speakers": page["speakers"]})

    @app.get(f"{API}/speakers/{{speaker_id}}", summary="One speaker", dependencies=[_only()])
    def speaker(speaker_id: RowId) -> JSONResponse:
        """Name, kind, aliases, roles, organisations, descriptions, outlets and quotes per
        week and month. The quotes themselves: `/quotes?speaker_id=...&act=all`."""
        found = corpora.get().speaker_overview(speaker_id)
        if found is None:
            raise ApiError(404, f"no speaker {speaker_id} in the corpus")
        return JSONResponse(found)

    @app.get(
        f"{API}/articles",
        summary="Stored articles, newest first",
        dependencies=[_only("outlet", "limit", "offset")],
    )
    def articles(
        outlet: Annotated[str | None, Query(max_length=NAME_MAX_CHARS)] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> JSONResponse:
        page = corpora.get().article_page(outlet=_blank_is_none(outlet), limit=limit, offset=offset)
        return JSONResponse({**_paging(page["total"], limit, offset), "articles": page["articles"]})

    @app.get(f"{API}/articles/{{article_id}}", summary="One article", dependencies=[_only()])
    def article(article_id: RowId) -> JSONResponse:
        """`article` is exactly what `extract` writes; `speakers` maps each of its speaker ids
        to the corpus-wide speaker, `quote_speakers` each quote id to a corpus speaker id."""
        found = corpora.get().article_view(article_id)
        if found is None:
            raise ApiError(404, f"no article {article_id} in the corpus")
        return JSONResponse(found)

    @app.get(f"{API}/stats", summary="Counts of the corpus", dependencies=[_only()])
    def stats() -> JSONResponse:
        return JSONResponse(cache.get(("stats",), lambda: _stats(corpora.get())))

    @app.get(
        f"{API}/dashboard",
        summary="Who gets quoted, where and when",
        dependencies=[_only("act")],
    )
    def dashboard(
        act: Annotated[str | None, Query(description="speech (default), thought or all")] = None,
    ) -> JSONResponse:
        """Top speakers, quotes per day, quotes by outlet, speaker kinds, most quoted
        organisations (quoted directly, or through a speaker the article ties to them)."""
        chosen = _act(act)
        return JSONResponse(
            cache.get(
                ("dashboard", chosen),
                lambda: corpora.get().dashboard(
                    act=chosen, top=limits.top, days=limits.dashboard_days
                ),
            )
        )

    return search


def _quote_spec(limits: ServeLimits) -> dict[str, Whole | Text]:
    """The parameters of ``GET /quotes`` as its endpoint declares them."""
    row_id, name, date = Whole(1, ROW_ID_MAX), Text(NAME_MAX_CHARS), Text(DATE_MAX_CHARS)
    return {
        "q": Text(),
        "speaker": name,
        "speaker_id": row_id,
        "outlet": name,
        "since": date,
        "until": date,
        "type": Text(),
        "act": Text(),
        "article_id": row_id,
        "sort": Text(),
        "limit": Whole(1, limits.max_page),
        "offset": Whole(0, limits.max_offset),
    }


def _quote_search(
    corpora: _Corpora,
    limits: ServeLimits,
    cache: AnswerCache,
    index: Snapshot[QuoteIndex] | None,
) -> Callable[..., JSONResponse]:
    """The search behind ``GET /quotes``, for FastAPI's endpoint and the quick path alike."""

    def search(
        *,
        q: str | None = None,
        speaker: str | None = None,
        speaker_id: int | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        act: str | None = None,
        article_id: int | None = None,
        sort: str | None = None,
        limit: int = DEFAULT_PAGE,
        offset: int = 0,
    ) -> JSONResponse:
        if q is not None and len(q) > limits.query.max_chars:
            raise ApiError(400, f"q: at most {limits.query.max_chars} characters")
        quote_type = _blank_is_none(type)
        if quote_type is not None and quote_type not in QUOTE_TYPES:
            raise ApiError(400, f"type must be one of {', '.join(QUOTE_TYPES)}, not {type!r}")
        filters = {
            "speaker_id": speaker_id,
            "speaker": _blank_is_none(speaker),
            "outlet": _blank_is_none(outlet),
            "since": _blank_is_none(since),
            "until": _blank_is_none(until),
            "type": quote_type,
            "act": _act(act),
            "article_id": article_id,
            "sort": _blank_is_none(sort) or NEWEST,
            "limit": limit,
            "offset": offset,
        }
        text = _blank_is_none(q)
        page = cache.get(
            ("quotes", fts_query(text, limits.query) if text else None, *sorted(filters.items())),
            lambda: _kept_page(
                corpora.get().quote_page(
                    text, limits=limits.query, index=index.get() if index else None, **filters
                )
            ),
        )
        return JSONResponse({**_paging(page["total"], limit, offset), "quotes": page["hits"]})

    return search


def _kept_page(page: dict[str, Any]) -> dict[str, Any]:
    """A page of hits as the answer cache keeps it: the hits as their JSON, which the
    response writes as it is. Thousands of kept pages of nested dicts and lists were half a
    million objects for the garbage collector to walk: pauses of 0.1-0.3 s."""
    return {"total": page["total"], "hits": orjson.Fragment(JSONResponse.encode(page["hits"]))}


def _quick_answer(
    search: Callable[..., JSONResponse],
    index: Snapshot[QuoteIndex] | None,
    limits: ServeLimits,
) -> Callable[[dict[str, Any]], Awaitable[JSONResponse]]:
    """The quick path's answer to plain search parameters.

    A newest-first search over a current index whose words' matches it already holds runs
    on the event loop: a millisecond or so, and a thread hop would cost a tenth of that and
    make the threads take turns at the interpreter. Anything that may take longer (building
    the index, reading a word's matches from the full-text index, the relevance order, a
    search without the index) runs on a worker thread, as FastAPI's endpoint would.
    """

    def on_loop(arguments: dict[str, Any]) -> bool:
        if index is None or not index.ready():
            return False
        if (_blank_is_none(arguments.get("sort")) or NEWEST) != NEWEST:
            return False
        text = _blank_is_none(arguments.get("q"))
        try:
            query = fts_query(text, limits.query) if text else None
        except CorpusError:
            return False  # refused on the thread, with the same message as ever
        return index.get().holds_matches(query)

    async def answer(arguments: dict[str, Any]) -> JSONResponse:
        try:
            if on_loop(arguments):
                return search(**arguments)
            return await run_in_threadpool(lambda: search(**arguments))
        except (ApiError, CorpusError) as exc:
            return _refusal(exc)

    return answer


def _stats(corpus: Corpus) -> dict[str, Any]:
    counts = corpus.stats()
    counts["path"] = Path(counts["path"]).name  # the server's folders are not the reader's
    counts["outlet_names"] = corpus.known_outlets()
    return counts


def _paging(total: int, limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
    }


async def _json_object(request: Request, limits: ServeLimits) -> dict[str, Any]:
    """The POST body as a JSON object: UTF-8, within the size cap, not absurdly nested."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        # Only JSON: a plain form or text/plain post from another site is refused outright.
        raise ApiError(415, "send the body as application/json")
    raw = await request.body()
    if len(raw) > limits.max_body_bytes:
        raise ApiError(413, f"the body is larger than {limits.max_body_bytes} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8") from None
    except RecursionError:
        raise ApiError(400, "the JSON body is nested too deeply") from None
    except ValueError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, 'the body must be a JSON object like {"text": "..."}')
    return data


def _string(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ApiError(400, f"the JSON body needs a {key!r} string field")
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"{key!r} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, f"{key!r} holds a lone surrogate (\\ud800-\\udfff)") from None
    return value


def _article_from(data: dict[str, Any], limits: ServeLimits) -> Article:
    text = _string(data, "text", required=True) or ""
    if not text.strip():
        raise ApiError(400, "the text is empty")
    if len(text) > limits.max_extract_chars:
        raise ApiError(
            413,
            f"the text has {len(text)} characters; at most {limits.max_extract_chars} are "
            "taken here (store larger articles with newsquotes ingest)",
        )
    fields = {key: _string(data, key) for key in ARTICLE_FIELDS}
    authors = data.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise ApiError(400, "'authors' must be a list of strings")
    for author in authors:
        _string({"authors": author}, "authors")
    return Article(
        id=fields["id"] or "article",
        text=text,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=fields["published"],
        authors=list(authors),
        language=fields["language"],
        source=fields["source"],
    )


async def _extract(extractor: Extractor, article: Article, limits: ServeLimits) -> Article:
    try:
        result = await extractor.run(article)
    except ExtractionBusy:
        raise ApiError(503, "every extraction worker is busy; try again shortly") from None
    except ExtractionCrashed:
        raise ApiError(503, "the extraction worker stopped on this text; try again") from None
    except ExtractionTimeout:
        raise ApiError(
            503, f"extraction took longer than {limits.extract_timeout_s:g} s and was stopped"
        ) from None
    if "failure" in result:
        failure = result["failure"]
        status = 413 if failure["code"] == "NQ103" else 422
        raise ApiError(status, f"[{failure['code']}] {failure['message']}")
    return Article.from_dict(result["article"])


def _store(db: str, article: Article) -> tuple[bool, int | None]:
    with Corpus(db) as corpus:
        return corpus.add(article), corpus.article_row(article)


def _add_write_routes(
    app: FastAPI,
    corpora: _Corpora,
    limits: ServeLimits,
    extractor: Extractor,
    secret: str | None,
    caches: tuple[AnswerCache, AnswerCache, Snapshot[QuoteIndex]],
) -> None:
    def corpus_changed() -> None:
        for kept in caches:
            kept.clear()

    def require_token(
        authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    ) -> None:
        if secret is None:
            raise ApiError(403, f"writing is off: start the server with --token or ${TOKEN_ENV}")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given.encode(), secret.encode()):
            raise ApiError(401, "a valid token is needed: Authorization: Bearer TOKEN")

    body_doc = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            key: {"type": "string"} for key in ("text", *ARTICLE_FIELDS)
                        },
                    }
                }
            },
        }
    }

    @app.post(
        f"{API}/extract",
        summary="Find the quotes in a text (nothing is stored)",
        openapi_extra=body_doc,
        dependencies=[_only()],
    )
    async def extract(request: Request) -> JSONResponse:
        """The article as `newsquotes extract` writes it. The body is JSON
        `{"text": ..., "id"?, "title"?, "url"?, "outlet"?, "published"?}`."""
        article = _article_from(await _json_object(request, limits), limits)
        return JSONResponse((await _extract(extractor, article, limits)).to_dict())

    @app.post(
        f"{API}/articles",
        summary="Extract and store an article (needs the token)",
        openapi_extra=body_doc,
        dependencies=[_only(), Depends(require_token)],
        status_code=201,
    )
    async def ingest(request: Request) -> JSONResponse:
        """201 with the stored article's row id, or 200 with `stored: false` when the corpus
        already holds it (same source, URL or text)."""
        article = _article_from(await _json_object(request, limits), limits)
        result = await _extract(extractor, article, limits)
        stored, row_id = await run_in_threadpool(_store, corpora.db, result)
        corpus_changed()
        return JSONResponse(
            {"stored": stored, "id": row_id, "article": result.to_dict()},
            status_code=201 if stored else 200,
        )

    @app.post(
        f"{API}/speakers/{{speaker_id}}/merge",
        summary="Make another speaker part of this one (needs the token)",
        dependencies=[_only("other"), Depends(require_token)],
    )
    def merge(
        speaker_id: Annotated[int, PathParam(ge=1, le=ROW_ID_MAX)],
        other: Annotated[int, Query(ge=1, le=ROW_ID_MAX, description="speaker to join")],
    ) -> JSONResponse:
        """A correction the corpus keeps across re-ingest; answers the merged speaker's id
        (identities are recomputed, so it may differ from both)."""
        merged = corpora.get().merge(speaker_id, other)
        corpus_changed()
        return JSONResponse({"speaker": merged})

    @app.post(
        f"{API}/speakers/{{speaker_id}}/split",
        summary="Take some of a speaker's names or articles out into a new speaker (token)",
        dependencies=[_only("name", "article"), Depends(require_token)],
    )
    def split(
        speaker_id: Annotated[int, PathParam(ge=1, le=ROW_ID_MAX)],
        name: Annotated[
            list[str] | None,
            Query(max_length=NAME_MAX_CHARS, description="names that go (repeatable)"),
        ] = None,
        article: Annotated[
            list[int] | None, Query(description="article row ids whose mentions go (repeatable)")
        ] = None,
    ) -> JSONResponse:
        """Answers the ids of the speaker that stays and of the new one."""
        names, articles = name or [], article or []
        if not names and not articles:
            raise ApiError(400, "name the names or the articles that go to the new speaker")
        if any(not 1 <= a <= ROW_ID_MAX for a in articles):
            raise ApiError(400, "article: row ids are between 1 and 2^63-1")
        rest, new = corpora.get().split(speaker_id, names=names, articles=articles)
        corpus_changed()
        return JSONResponse({"speaker": rest, "new_speaker": new})


def serve_settings(
    db_path: str | os.PathLike[str], *, token: str | None, host: str, extract_workers: int
) -> str:
    """What :func:`app_from_environment` needs, as the JSON put in ``$NEWSQUOTES_SERVE``."""
    return json.dumps(
        {"db": str(db_path), "token": token, "host": host, "extract_workers": extract_workers}
    )


def app_from_environment() -> FastAPI:
    """The app each server process makes when ``newsquotes serve`` runs several (uvicorn
    starts them by name, so the settings travel in ``$NEWSQUOTES_SERVE``)."""
    settings = json.loads(os.environ[SERVE_ENV])
    app = create_app(
        settings["db"],
        token=settings["token"],
        host=settings["host"],
        limits=ServeLimits(extract_workers=settings["extract_workers"]),
    )
    settle_heap()
    return app


def settle_heap() -> None:
    """Leave what a server process has made so far (modules, the app) out of the garbage
    collector's full collections: it lives as long as the process, and walking it again
    and again doubled each pause of a busy server (80 -> 40 ms with 70,000 quotes).

    Only for a process that goes on to serve: what is frozen is never collected as cyclic
    garbage (acyclic objects are still freed as soon as nothing refers to them).
    """
    gc.collect()
    gc.freeze()


__all__ = ["API", "APP_FACTORY", "ApiError", "app_from_environment", "create_app", "settle_heap"]
