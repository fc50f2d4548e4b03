"""What the corpus hands back: typed records of quotes, speakers and errors, each with to_dict."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class QuoteHit:
    """One stored quote with where it appeared and who (globally) said it."""

    id: int
    quote_id: str
    article_id: int
    type: str
    act: str
    """``speech`` or ``thought``."""
    text: str
    spans: list[list[int]]
    cue: str | None
    speaker_mention: str | None
    speaker_name: str | None
    """The name the article gives the speaker."""
    speaker_id: int | None
    """The global speaker (``speakers`` table), shared across articles."""
    speaker: str | None
    """The global speaker's canonical name."""
    speaker_kind: str | None
    resolved_by: str | None
    """How the article's speaker mention was resolved (``name``, ``pronoun``, ...)."""
    confidence: float
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SpeakerSummary:
    """How often and where a global speaker is quoted."""

    id: int
    name: str
    kind: str
    quotes: int
    articles: int
    outlets: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SpeakerDescription:
    """What one article says about a speaker."""

    article_id: int
    outlet: str | None
    published: str | None
    name: str
    description: str | None
    roles: list[str]
    organizations: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SpeakerProfile:
    """Everything the corpus knows about one speaker: quotes over time, descriptions, outlets."""

    id: int
    name: str
    kind: str
    aliases: list[str]
    quotes: list[QuoteHit]
    descriptions: list[SpeakerDescription]
    outlets: dict[str, int]
    """Outlet → number of quotes there."""
    timeline: dict[str, int]
    """Month (``YYYY-MM``, or ``unknown``) → number of quotes."""
    evidence: list[str] = field(default_factory=list)
    """Why the descriptions are one speaker: each join's rule and reason."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "quotes": [q.to_dict() for q in self.quotes],
            "descriptions": [d.to_dict() for d in self.descriptions],
            "outlets": dict(self.outlets),
            "timeline": dict(self.timeline),
            "evidence": list(self.evidence),
        }


@dataclass(slots=True)
class ErrorRecord:
    """A document that could not be read or processed, and why."""

    id: int
    source: str
    code: str
    message: str
    at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
