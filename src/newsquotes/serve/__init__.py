"""The web front end: REST API and search page over a corpus (needs the ``serve`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import create_app


def __getattr__(name: str) -> Any:
    # FastAPI is optional: importing ``newsquotes.serve`` must not need it until an app is made.
    if name == "create_app":
        from .api import create_app

        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]
