"""Regions of scraped text that are not article body (stub: filled in by the readers work)."""

from __future__ import annotations

from ..model import Region


def find_regions(text: str) -> tuple[list[Region], str | None]:
    """Return the non-body regions of ``text`` and the title, if one is found."""
    return [], None
