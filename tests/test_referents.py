"""Who each gold source really is: the referent rule and the ``[who]`` scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquotes.errors import GoldFormatError
from newsquotes.evaluate.referents import names_referent, read_referents
from newsquotes.evaluate.scoring import evaluate
from newsquotes.model import Article, Quote, Span, Speaker


@pytest.mark.parametrize(
    ("resolved", "canonical", "kind", "expected"),
    [
        ("Ana Ruiz", "Ana Ruiz", "person", True),
        ("Ruiz", "Ana Ruiz", "person", True),
        ("Ana M. Ruiz Jr.", "Ana Ruiz", "person", True),
        ("Mr. Ruiz", "Ana Ruiz", "person", True),
        ("Tomas Ruiz", "Ana Ruiz", "person", False),  # another first name: another person
        ("he", "Ana Ruiz", "person", False),
        ("the mayor", "Ana Ruiz", "person", False),
        (None, "Ana Ruiz", "person", False),
        ("Harbour Gazette", "The Harbour Gazette", "organization", True),
        ("The Gazette", "The Harbour Gazette", "organization", True),
        ("H.P.A.", "Harbour Pilots Association", "organization", True),
        ("Harbour Pilots", "Harbour Pilots Association", "organization", True),
        ("Ferry Workers Union", "Harbour Pilots Association", "organization", False),
    ],
)
def test_names_referent(resolved: str | None, canonical: str, kind: str, expected: bool) -> None:
    assert names_referent(resolved, canonical, kind) is expected


TEXT = (
    '"The ferry will run," said Ana Ruiz, the harbour master.\n\n'
    '"We have the crew," she said.\n\n'
    "A spokesman said the timetable was final.\n"
)


def _gold_folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "ferry.txt").write_text(TEXT, encoding="utf-8")
    spans = {}
    lines = []
    for n, (role, part, after) in enumerate(
        [
            ("Content", '"The ferry will run,"', ""),
            ("Source", "Ana Ruiz, the harbour master", ""),
            ("Content", '"We have the crew,"', ""),
            ("Source", "she", "crew"),
            ("Content", "the timetable was final", ""),
            ("Source", "A spokesman", ""),
        ],
        start=1,
    ):
        start = TEXT.index(part, TEXT.index(after) if after else 0)
        spans[n] = (start, start + len(part))
        lines.append(f"T{n}\t{role} {start} {start + len(part)}\t{part}")
    for e, (content, source) in enumerate([(1, 2), (3, 4), (5, 6)], start=1):
        lines.append(f"E{e}\tAttribution:T{content} Content:T{content} Source:T{source}")
    (tmp_path / "attributions" / "ferry_a1.ann").write_text("\n".join(lines) + "\n")
    referents = [
        (1, 2, "Ana Ruiz", "person", "name"),
        (3, 4, "Ana Ruiz", "person", "pronoun"),
        (5, 6, None, "unnamed", "nominal"),
    ]
    with (tmp_path / "referents.jsonl").open("w", encoding="utf-8") as out:
        for content, source, canonical, kind, how in referents:
            row = {
                "doc": "ferry",
                "source": [list(spans[source])],
                "content_start": spans[content][0],
                "canonical": canonical,
                "kind": kind,
                "how": how,
            }
            out.write(json.dumps(row) + "\n")
    return tmp_path


def _prediction(names: list[tuple[str, str | None, str]]) -> Article:
    """The three gold contents, credited to (mention, resolved name, speaker kind)."""
    quotes, speakers = [], []
    for n, (part, (mention, name, kind)) in enumerate(
        zip(
            ['"The ferry will run,"', '"We have the crew,"', "the timetable was final"],
            names,
            strict=True,
        ),
        start=1,
    ):
        start = TEXT.index(part)
        at = TEXT.index(mention, start if mention == "she" else 0)
        speakers.append(Speaker(id=f"s{n}", name=name or mention, kind=kind))
        quotes.append(
            Quote(
                id=f"q{n}",
                type="direct",
                spans=[(start, start + len(part))],
                text=part,
                speaker=Span.of(TEXT, at, at + len(mention)),
                speaker_id=f"s{n}",
                speaker_name=name or mention,
            )
        )
    return Article(id="ferry", text=TEXT, quotes=quotes, speakers=speakers)


def test_who_scores_count_right_and_wrong_referents(tmp_path: Path) -> None:
    gold = _gold_folder(tmp_path)
    right = _prediction(
        [
            ("Ana Ruiz", "Ana Ruiz", "person"),
            ("she", "Ana Ruiz", "person"),
            ("A spokesman", "spokesman", "unnamed"),
        ]
    )
    report = evaluate(gold, predictions=[right])
    assert report.who is not None
    assert report.who.share() == 1.0
    assert report.who.unnamed_share == 1.0
    assert "[who]" in report.format()

    wrong = _prediction(
        [
            ("Ana Ruiz", "Ana Ruiz", "person"),
            ("she", "Pavel Dorn", "person"),
            ("A spokesman", "Pavel Dorn", "person"),
        ]
    )
    report = evaluate(gold, predictions=[wrong])
    assert report.who is not None
    assert report.who.right == {"name": 1, "pronoun": 0, "nominal": 0, "other": 0}
    assert report.who.unnamed_share == 0.0
    assert report.to_dict()["who"]["by_mention"]["pronoun"]["total"] == 1


def test_no_referents_file_means_no_who_scores(tmp_path: Path) -> None:
    gold = _gold_folder(tmp_path)
    (gold / "referents.jsonl").unlink()
    report = evaluate(
        gold,
        predictions=[
            _prediction(
                [
                    ("Ana Ruiz", "Ana Ruiz", "person"),
                    ("she", None, "person"),
                    ("A spokesman", None, "unnamed"),
                ]
            )
        ],
    )
    assert report.who is None
    assert "[who]" not in report.format()


def test_a_broken_referents_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "referents.jsonl"
    path.write_text('{"doc": "ferry"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="referents.jsonl:1"):
        read_referents(path)
