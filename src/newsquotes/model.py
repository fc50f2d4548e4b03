"""The one data model every stage shares: articles, regions, quotes, speakers and spans.

Records are plain dataclasses. They serialise one way, through ``to_dict`` / ``from_dict``,
and that dictionary *is* the output contract of ``newsquotes extract`` (one JSON object per
article). Every offset is a Python ``str`` index into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "mixed", "indirect"]
QuoteAct = Literal["speech", "thought"]
SpeakerKind = Literal["person", "organization", "group", "unnamed", "unknown"]
RegionKind = Literal["boilerplate", "title", "caption", "credit", "heading"]

QUOTE_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect")
QUOTE_ACTS: tuple[str, ...] = ("speech", "thought")
"""``speech``: said or written; ``thought``: a belief, intention or endorsement (``hopes``)."""
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "group", "unnamed", "unknown")
"""``unnamed``: a source the article describes but does not name (``a spokeswoman``)."""
RESOLUTION_METHODS: tuple[str, ...] = (
    "name",
    "pronoun",
    "description",
    "continuation",
    "transcript",
    "relative",
    "unresolved",
)
"""How a quote's speaker was found: the mention holds a name; a pronoun; a description such
as ``the senator``; a quote continuing the previous speaker; a transcript label; ``who`` in
``X, who said``; or not at all."""
REGION_KINDS: tuple[str, ...] = ("boilerplate", "title", "caption", "credit", "heading")


@dataclass(frozen=True, slots=True)
class Span:
    """A contiguous stretch of the article text, ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Region:
    """A part of the text that is not article body: page furniture, title, caption, credit."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Region:
        return cls(str(data["kind"]), int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity the parser found (``label`` is spaCy's: PERSON, ORG, GPE, ...)."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["label"]))


@dataclass(slots=True)
class Speaker:
    """One person, organisation or group quoted in an article, with all they are called there."""

    id: str
    name: str
    kind: str = "unknown"
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "description": self.description,
            "roles": list(self.roles),
            "organizations": list(self.organizations),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data.get("kind") or "unknown"),
            aliases=list(data.get("aliases") or []),
            description=data.get("description"),
            roles=list(data.get("roles") or []),
            organizations=list(data.get("organizations") or []),
        )


@dataclass(slots=True)
class Quote:
    """One attribution: what was said (content spans), the cue, and who said it."""

    id: str
    type: str
    spans: list[tuple[int, int]]
    text: str
    cue: Span | None = None
    speaker: Span | None = None
    speaker_id: str | None = None
    speaker_name: str | None = None
    confidence: float = 0.5
    act: str = "speech"
    """``speech`` or ``thought`` (see :data:`QUOTE_ACTS`)."""
    via: str | None = None
    """What produced the attribution: the name of a rule, or ``model``."""
    resolved_by: str | None = None
    """How the speaker was resolved (see :data:`RESOLUTION_METHODS`)."""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "spans": [[s, e] for s, e in self.spans],
            "text": self.text,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_id": self.speaker_id,
            "speaker_name": self.speaker_name,
            "confidence": round(float(self.confidence), 4),
            "act": self.act,
            "via": self.via,
            "resolved_by": self.resolved_by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            spans=[(int(s), int(e)) for s, e in data["spans"]],
            text=str(data["text"]),
            cue=Span.from_dict(data.get("cue")),
            speaker=Span.from_dict(data.get("speaker")),
            speaker_id=data.get("speaker_id"),
            speaker_name=data.get("speaker_name"),
            confidence=float(data.get("confidence", 0.5)),
            act=str(data.get("act") or "speech"),
            via=data.get("via"),
            resolved_by=data.get("resolved_by"),
        )


@dataclass(slots=True)
class Article:
    """A news article: its text, where it came from, and what the pipeline found in it.

    ``text`` is never changed after reading; cleaning only adds ``regions``.
    """

    id: str
    text: str
    title: str | None = None
    regions: list[Region] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    source: str | None = None
    """Where the article was read from (a path, ``path#record``, or ``-``)."""

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        for sp in self.speakers:
            if sp.id == speaker_id:
                return sp
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "regions": [r.to_dict() for r in self.regions],
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
            "entities": [e.to_dict() for e in self.entities],
            "url": self.url,
            "published": self.published,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "language": self.language,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=data.get("title"),
            regions=[Region.from_dict(r) for r in data.get("regions") or []],
            quotes=[Quote.from_dict(q) for q in data.get("quotes") or []],
            speakers=[Speaker.from_dict(s) for s in data.get("speakers") or []],
            entities=[Entity.from_dict(e) for e in data.get("entities") or []],
            url=data.get("url"),
            published=data.get("published"),
            outlet=data.get("outlet"),
            authors=list(data.get("authors") or []),
            language=data.get("language"),
            source=data.get("source"),
        )
