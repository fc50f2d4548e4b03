"""``newsquotes serve``: the REST API and web page over a corpus, on a local web server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..errors import NewsquotesError, install_hint
from ..store.corpus import default_db_path
from .options import db_option

LOG_LEVEL = "warning"
MAX_PROCESSES = 16


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--token",
    envvar="NEWSQUOTES_TOKEN",
    default=None,
    help="Secret that POST /api/v1/articles and speaker merge/split require "
    "(default: $NEWSQUOTES_TOKEN; without one, writing is off).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Worker processes for POST /api/v1/extract.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, MAX_PROCESSES),
    default=1,
    show_default=True,
    help="Server processes answering requests: one per CPU core for a busy server "
    "(each keeps its own caches and its own --workers).",
)
def serve_command(
    db: str | None, host: str, port: int, token: str | None, workers: int, processes: int
) -> None:
    """Serve the corpus: the web page at / and the JSON API under /api/v1 (its docs at
    /api/v1/docs).

    Example: newsquotes serve --db news.db --port 8000 --processes 2
    """
    path = Path(db) if db is not None else default_db_path()
    if not path.exists():
        # Serving would create an empty corpus, which is never what a typo in --db meant.
        raise click.ClickException(
            f"no corpus at {path}; create one with: newsquotes ingest FILES --db {path}"
        )
    try:
        import uvicorn

        from ..serve.api import APP_FACTORY, SERVE_ENV, create_app, serve_settings, settle_heap
        from ..serve.limits import ServeLimits
    except ImportError as exc:
        raise click.ClickException(
            f"the web server needs FastAPI and uvicorn ({exc}); " + install_hint("serve")
        ) from exc
    try:
        app = create_app(path, token=token, host=host, limits=ServeLimits(extract_workers=workers))
    except NewsquotesError as exc:
        raise click.ClickException(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: anyone who can reach {host}:{port} can read the corpus and run "
            "extraction; put a proxy with TLS in front for other people.",
            err=True,
        )
    click.echo(f"serving {path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    # No access log: a line per request costs more than answering a cached search.
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": LOG_LEVEL,
        "access_log": False,
    }
    if processes == 1:
        settle_heap()
        uvicorn.run(app, **options)
        return
    # Several processes: uvicorn starts each by name; the app made above only checked
    # the settings.
    os.environ[SERVE_ENV] = serve_settings(path, token=token, host=host, extract_workers=workers)
    uvicorn.run(APP_FACTORY, factory=True, workers=processes, **options)


COMMANDS: list[click.Command] = [serve_command]
