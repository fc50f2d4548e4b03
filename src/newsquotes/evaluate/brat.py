"""Reading gold attributions in brat standoff, laid out as ``text/NAME.txt`` +
``attributions/NAME_ANNOTATOR.ann`` (the PolNeAR layout).

One gold attribution is an ``E`` line: its Content spans (required), Source spans and Cue
spans (either may be absent). Where an article has several annotator files, the first in
sorted file-name order is used, so every run scores against the same annotation.
Lines that brat allows but that carry no attribution (``#`` notes, ``A``/``R``/``N``/``M``)
are ignored; anything else that does not parse raises :class:`GoldFormatError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldFormatError

SpanList = tuple[tuple[int, int], ...]

_IGNORED_PREFIXES = ("#", "A", "R", "N", "M")
_ROLE_RE = re.compile(r"^([A-Za-z][A-Za-z-]*?)\d*$")


@dataclass(frozen=True, slots=True)
class TextBound:
    """A ``T`` line: a typed, possibly discontinuous, stretch of the text."""

    id: str
    label: str
    spans: SpanList
    text: str


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """Who (source) said (cue) what (content); offsets index the article text."""

    id: str
    content: SpanList
    source: SpanList = ()
    cue: SpanList = ()


@dataclass(slots=True)
class GoldDocument:
    """One article with the attributions of the annotator file chosen for it."""

    name: str
    text: str
    attributions: list[GoldAttribution]
    annotation_file: str
    other_annotation_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Attributions that could not be scored (e.g. no Content), so none vanish unseen."""

    def span_text(self, spans: SpanList) -> str:
        return " ".join(self.text[s:e] for s, e in spans)


@dataclass(slots=True)
class GoldSet:
    """Every readable gold document of a folder, and an error for each one that is not."""

    documents: list[GoldDocument]
    errors: list[GoldFormatError]


def _parse_offsets(raw: str, where: str) -> SpanList:
    spans: list[tuple[int, int]] = []
    for part in raw.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise GoldFormatError(f"{where}: bad offsets {part!r} (want 'START END')")
        start, end = int(bits[0]), int(bits[1])
        if start > end:
            raise GoldFormatError(f"{where}: span {start} {end} ends before it starts")
        spans.append((start, end))
    return tuple(spans)


def _parse_textbound(line: str, where: str, text: str | None) -> TextBound:
    fields = line.split("\t")
    if len(fields) != 3:
        raise GoldFormatError(f"{where}: a T line needs 3 tab-separated fields, got {len(fields)}")
    tid, middle, covered = fields
    label, _, offsets = middle.partition(" ")
    if not label or not offsets:
        raise GoldFormatError(f"{where}: want 'LABEL START END' after {tid}, got {middle!r}")
    spans = _parse_offsets(offsets, where)
    if text is not None:
        if any(end > len(text) for _, end in spans):
            raise GoldFormatError(f"{where}: span ends past the text ({len(text)} characters)")
        actual = " ".join(text[s:e] for s, e in spans)
        if actual != covered:
            raise GoldFormatError(
                f"{where}: offsets cover {actual[:40]!r} but the line says {covered[:40]!r}"
            )
    return TextBound(tid, label, spans, covered)


def _parse_event(
    line: str, where: str, bounds: dict[str, TextBound]
) -> tuple[str, dict[str, list[str]]]:
    fields = line.split("\t")
    if len(fields) < 2:
        raise GoldFormatError(f"{where}: an E line needs an id and arguments")
    eid, args = fields[0], fields[1].split()
    if not args:
        raise GoldFormatError(f"{where}: {eid} has no arguments")
    roles: dict[str, list[str]] = {}
    for arg in args[1:]:
        role, sep, ref = arg.partition(":")
        match = _ROLE_RE.match(role)
        if not sep or not match or not ref:
            raise GoldFormatError(f"{where}: bad argument {arg!r} (want 'Role:T12')")
        if ref not in bounds:
            raise GoldFormatError(f"{where}: {eid} refers to {ref}, which no T line defines")
        roles.setdefault(match.group(1), []).append(ref)
    return eid, roles


def parse_ann(
    content: str, path: str, text: str | None = None
) -> tuple[list[GoldAttribution], list[str]]:
    """Parse one ``.ann`` file: its attributions and notes on attributions left out."""
    bounds: dict[str, TextBound] = {}
    events: list[tuple[str, str]] = []
    lines = content.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        where = f"{path}, line {number}"
        if not line.strip():
            continue
        if line.startswith("T"):
            bound = _parse_textbound(line, where, text)
            bounds[bound.id] = bound
        elif line.startswith("E"):
            events.append((where, line))
        elif not line.startswith(_IGNORED_PREFIXES):
            raise GoldFormatError(f"{where}: unknown line type {line[:20]!r}")
    attributions: list[GoldAttribution] = []
    notes: list[str] = []
    for where, line in events:
        eid, roles = _parse_event(line, where, bounds)

        def spans_of(role: str, _roles: dict[str, list[str]] = roles) -> SpanList:
            out = [s for ref in _roles.get(role, []) for s in bounds[ref].spans]
            return tuple(sorted(out))

        content_spans = spans_of("Content")
        if not content_spans:
            notes.append(f"{where}: {eid} has no Content span; left out of scoring")
            continue
        attributions.append(
            GoldAttribution(eid, content_spans, spans_of("Source"), spans_of("Cue"))
        )
    return attributions, notes


def _read(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc


def annotation_files(gold_dir: Path) -> dict[str, list[Path]]:
    """``NAME -> [annotator files, sorted]`` for every ``attributions/NAME_ANNOTATOR.ann``."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        name, sep, _annotator = ann.stem.rpartition("_")
        by_name.setdefault(name if sep else ann.stem, []).append(ann)
    return by_name


def read_document(gold_dir: Path, name: str, anns: list[Path]) -> GoldDocument:
    """Read ``text/NAME.txt`` and the first of its annotator files."""
    text_path = gold_dir / "text" / f"{name}.txt"
    if not text_path.is_file():
        raise GoldFormatError(f"{anns[0]}: no text file {text_path.name} beside it in text/")
    text = _read(text_path)
    chosen = anns[0]
    attributions, notes = parse_ann(_read(chosen), str(chosen), text)
    return GoldDocument(
        name=name,
        text=text,
        attributions=attributions,
        annotation_file=str(chosen),
        other_annotation_files=[str(p) for p in anns[1:]],
        notes=notes,
    )


def read_gold(gold_dir: str | Path, limit: int | None = None) -> GoldSet:
    """Every gold document of ``gold_dir``; a bad one becomes an error and the rest go on."""
    root = Path(gold_dir)
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        raise GoldFormatError(
            f"{root}: not a gold folder (want text/NAME.txt and attributions/NAME_ANNOTATOR.ann)"
        )
    by_name = annotation_files(root)
    documents: list[GoldDocument] = []
    errors: list[GoldFormatError] = []
    texts = {p.stem for p in (root / "text").glob("*.txt")}
    for name in sorted(texts - set(by_name)):
        errors.append(GoldFormatError(f"{root / 'text' / (name + '.txt')}: no annotation file"))
    for name in sorted(by_name):
        if limit is not None and len(documents) >= limit:
            break
        try:
            documents.append(read_document(root, name, by_name[name]))
        except GoldFormatError as exc:
            errors.append(exc)
    return GoldSet(documents, errors)
