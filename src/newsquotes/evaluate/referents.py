"""Who each gold source really is, and whether the resolved speaker names that referent.

Mention-overlap scores cannot see a quote credited to the wrong person: ``he`` overlaps the
gold source ``he`` whoever "he" was resolved to. A ``referents.jsonl`` beside the gold gives,
for each attribution with a source, the referent's fullest name as the article gives it
(``canonical``, null for unnamed sources), its ``kind`` and ``how`` the source mentions it
(``name``, ``pronoun``, ``nominal``, ``other``). An attribution is identified by its
document, the offset where its content begins and its source spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError
from .brat import SpanList

REFERENTS_FILE = "referents.jsonl"
UNNAMED_SPEAKER_KINDS = frozenset({"unnamed", "group"})
"""Speaker kinds that leave a source unnamed: a description, never a name."""
MENTION_KINDS: tuple[str, ...] = ("name", "pronoun", "nominal", "other")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president"})
ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_WORD = re.compile(r"[\w&]+(?:[-'’][\w]+)*")

ReferentKey = tuple[str, int, SpanList]


@dataclass(frozen=True, slots=True)
class Referent:
    """One hand-annotated source: who it is and how the article mentions it."""

    doc: str
    content_start: int
    source: SpanList
    canonical: str | None
    kind: str
    how: str

    @property
    def key(self) -> ReferentKey:
        return (self.doc, self.content_start, self.source)


def read_referents(path: str | Path) -> dict[ReferentKey, Referent]:
    """The referents of a ``referents.jsonl`` file, keyed by (doc, content start, source)."""
    referents: dict[ReferentKey, Referent] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            referent = Referent(
                doc=str(row["doc"]),
                content_start=int(row["content_start"]),
                source=tuple(sorted((int(s), int(e)) for s, e in row["source"])),
                canonical=row.get("canonical") or None,
                kind=str(row.get("kind") or "unnamed"),
                how=str(row.get("how") or "other"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{path}:{number}: not a referent record ({exc})") from exc
        referents[referent.key] = referent
    return referents


def _words(name: str) -> list[str]:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(name)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


def _acronym(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w not in ACRONYM_SKIP).lower()


def names_referent(resolved: str | None, canonical: str, kind: str = "person") -> bool:
    """Whether a resolved speaker name names the referent ``canonical``.

    Its words are a subset of the canonical's; or it holds the canonical's last word and,
    for people with first names on both sides, the first letters agree ("Ida Brenner" is
    not "Tomas Brenner"); or it is the canonical's acronym ("S.E.C.").
    """
    if not resolved:
        return False
    said, real = _words(resolved), _words(canonical)
    if not said or not real:
        return False
    if set(said) <= set(real):
        return True
    if real[-1] in said:
        given = [w for w in said if w not in HONORIFICS]
        if kind == "person" and len(given) > 1 and len(real) > 1 and given[-1] == real[-1]:
            return given[0][0] == real[0][0]
        return True
    letters = re.sub(r"[^a-z]", "", resolved.lower())
    return len(letters) > 1 and letters == _acronym(canonical)


@dataclass(slots=True)
class ReferentScores:
    """For found attributions: resolved right by mention kind; unnamed sources left unnamed."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MENTION_KINDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MENTION_KINDS, 0))
    unnamed_left_unnamed: int = 0
    unnamed_total: int = 0
    not_annotated: int = 0
    """Found attributions with a gold source but no referent record."""
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        referent: Referent,
        speaker_name: str | None,
        speaker_kind: str | None,
        where: dict[str, Any],
    ) -> None:
        if referent.canonical is None:
            self.unnamed_total += 1
            unnamed = speaker_kind is None or speaker_kind in UNNAMED_SPEAKER_KINDS
            self.unnamed_left_unnamed += unnamed
            if not unnamed:
                self.mistakes.append({**where, "resolved": speaker_name, "canonical": None})
            return
        how = referent.how if referent.how in MENTION_KINDS else "other"
        ok = names_referent(speaker_name, referent.canonical, referent.kind)
        self.total[how] += 1
        self.right[how] += ok
        if not ok:
            self.mistakes.append(
                {**where, "resolved": speaker_name, "canonical": referent.canonical, "how": how}
            )

    def share(self, how: str | None = None) -> float:
        right = sum(self.right.values()) if how is None else self.right[how]
        total = sum(self.total.values()) if how is None else self.total[how]
        return right / total if total else 0.0

    @property
    def unnamed_share(self) -> float:
        return self.unnamed_left_unnamed / self.unnamed_total if self.unnamed_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "resolved_right": round(self.share(), 4),
            "named": sum(self.total.values()),
            "by_mention": {
                how: {
                    "right": self.right[how],
                    "total": self.total[how],
                    "share": round(self.share(how), 4),
                }
                for how in MENTION_KINDS
            },
            "unnamed_left_unnamed": round(self.unnamed_share, 4),
            "unnamed": self.unnamed_total,
            "not_annotated": self.not_annotated,
        }

    def format(self) -> list[str]:
        named = sum(self.total.values())
        lines = [
            "",
            "[who] resolved speaker names the referent (found attributions, referents.jsonl)",
            f"  overall        {self.share():.3f}   {sum(self.right.values())}/{named}",
        ]
        for how in MENTION_KINDS:
            if self.total[how]:
                label = "description" if how == "nominal" else how
                lines.append(
                    f"  {label:<14} {self.share(how):.3f}   {self.right[how]}/{self.total[how]}"
                )
        lines.append(
            f"  unnamed left unnamed {self.unnamed_share:.3f}   "
            f"{self.unnamed_left_unnamed}/{self.unnamed_total}"
        )
        if self.not_annotated:
            lines.append(f"  ({self.not_annotated} found attributions have no referent record)")
        return lines
