"""``newsquotes serve``: the REST API and search page over a corpus, on a local web server."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import NewsquotesError
from ..store.corpus import default_db_path


@click.command("serve")
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Corpus file (default: $NEWSQUOTES_DB, else ./newsquotes.db).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option("--debug", is_flag=True, help="Flask debug mode: reload on change, tracebacks.")
def serve_command(db: str | None, host: str, port: int, debug: bool) -> None:
    """Serve the corpus: search page at / and the JSON API under /api.

    \b
    Example:
      newsquotes serve --db news.db --port 8000
    """
    path = Path(db) if db is not None else default_db_path()
    if not path.exists():
        # Serving would create an empty corpus, which is never what a typo in --db meant.
        raise click.ClickException(
            f"no corpus at {path}; create one with: newsquotes ingest FILES --db {path}"
        )
    try:
        from ..serve.api import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web server needs Flask ({exc}); pip install 'newsquotes[serve]'"
        ) from exc
    try:
        app = create_app(path)
    except NewsquotesError as exc:
        raise click.ClickException(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            "warning: Flask's built-in server is for local use; anyone who can reach "
            f"{host}:{port} can read the corpus and run extraction.",
            err=True,
        )
    click.echo(f"serving {path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    app.run(host=host, port=port, debug=debug, threaded=True, use_reloader=debug)


COMMANDS: list[click.Command] = [serve_command]
