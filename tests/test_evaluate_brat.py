"""Reading brat standoff gold: spans, attributions, annotator choice and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsquotes.errors import GoldFormatError
from newsquotes.evaluate.brat import parse_ann, read_gold
from newsquotes.evaluate.subsets import has_quote_mark, is_speech_cue

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gold"
SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _harbour():
    gold = read_gold(FIXTURES)
    return {d.name: d for d in gold.documents}["harbour-vote"]


def test_reads_every_fixture_document_without_errors() -> None:
    gold = read_gold(FIXTURES)
    assert [d.name for d in gold.documents] == ["harbour-vote", "library-hours"]
    assert gold.errors == []
    assert [len(d.attributions) for d in gold.documents] == [5, 3]


def test_first_annotator_in_sorted_order_is_the_gold() -> None:
    harbour = _harbour()
    assert harbour.annotation_file.endswith("harbour-vote_a1.ann")
    assert [Path(p).name for p in harbour.other_annotation_files] == ["harbour-vote_b2.ann"]


def test_discontinuous_content_keeps_both_fragments() -> None:
    harbour = _harbour()
    split = harbour.attributions[1]
    assert len(split.content) == 2
    first, second = (harbour.text[s:e] for s, e in split.content)
    assert first == '"The old dock is falling apart,"'
    assert second == '"and the ferry company will not wait for us."'
    assert harbour.span_text(split.source) == "Novak"


def test_missing_cue_and_colon_cue() -> None:
    harbour = _harbour()
    colon, no_cue = harbour.attributions[2], harbour.attributions[3]
    assert harbour.span_text(colon.cue) == ":"
    assert harbour.span_text(colon.source) == "Opposition member Tomas Brandt"
    assert no_cue.cue == ()
    assert harbour.span_text(no_cue.content) == '"Nobody asked the fishermen."'


def test_attribution_without_content_is_noted_not_dropped_silently() -> None:
    text = "He said so."
    ann = "T1\tCue 3 7\tsaid\nE1\tAttribution:T1 Cue:T1\n"
    attributions, notes = parse_ann(ann, "x_a.ann", text)
    assert attributions == []
    assert len(notes) == 1 and "E1" in notes[0] and "x_a.ann, line 2" in notes[0]


@pytest.mark.parametrize(
    ("ann", "problem"),
    [
        ("T1\tContent 0 x\tHe", "bad offsets"),
        ("T1\tContent 0 2", "3 tab-separated fields"),
        ("T1\tContent 5 2\tHe", "ends before it starts"),
        ("T1\tContent 0 2\tShe", "offsets cover"),
        ("T1\tContent 0 99\tHe", "past the text"),
        ("E1\tAttribution:T1 Content:T7", "no T line defines"),
        ("T1\tContent 0 2\tHe\nE1\tAttribution:T1 Content", "bad argument"),
        ("X1\twhat is this", "unknown line type"),
    ],
)
def test_malformed_lines_name_file_and_line(ann: str, problem: str) -> None:
    with pytest.raises(GoldFormatError) as caught:
        parse_ann(ann, "broken_a.ann", "He said so.")
    message = str(caught.value)
    assert problem in message
    assert f"broken_a.ann, line {ann.count(chr(10)) + 1}" in message
    assert caught.value.code == "NQ200"


def test_bad_document_is_reported_and_the_rest_are_read(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "good.txt").write_text("She said no.", encoding="utf-8")
    (tmp_path / "attributions" / "good_a.ann").write_text(
        "T1\tContent 9 11\tno\nE1\tAttribution:T1 Content:T1\n", encoding="utf-8"
    )
    (tmp_path / "text" / "bad.txt").write_text("She said no.", encoding="utf-8")
    (tmp_path / "attributions" / "bad_a.ann").write_text("T1\tContent 9\tno\n", encoding="utf-8")
    (tmp_path / "text" / "lonely.txt").write_text("Nobody annotated me.", encoding="utf-8")
    (tmp_path / "attributions" / "orphan_a.ann").write_text("", encoding="utf-8")

    gold = read_gold(tmp_path)

    assert [d.name for d in gold.documents] == ["good"]
    messages = sorted(str(e) for e in gold.errors)
    assert len(messages) == 3
    assert any("bad_a.ann, line 1" in m for m in messages)
    assert any("lonely.txt: no annotation file" in m for m in messages)
    assert any("orphan_a.ann: no text file orphan.txt" in m for m in messages)


def test_folder_without_layout_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="not a gold folder"):
        read_gold(tmp_path)


def test_limit_reads_only_the_first_documents() -> None:
    assert [d.name for d in read_gold(FIXTURES, limit=1).documents] == ["harbour-vote"]


@pytest.mark.parametrize(
    ("text", "direct"),
    [
        ('"We will win," she said', True),
        ("“Not now”", True),
        ("« Non »", True),
        ("the cuts 'a sad day for readers'", True),
        ("‘no way’ he said", True),
        ("The city's library will close", False),
        ("Brenner’s plan and the Joneses’ house", False),
        ("the vote had been rushed", False),
    ],
)
def test_direct_means_a_quote_mark_not_an_apostrophe(text: str, direct: bool) -> None:
    assert has_quote_mark(text) is direct


@pytest.mark.parametrize(
    ("cue", "speech"),
    [
        ("said", True),
        ("told reporters", True),
        ("denies", True),
        ("wrote", True),
        (":", True),
        ("according to", True),
        ("hopes", False),
        ("has learned", False),
        ("", False),
        (None, False),
    ],
)
def test_speech_cues(cue: str | None, speech: bool) -> None:
    assert is_speech_cue(cue) is speech


def test_polnear_dev_reads_cleanly() -> None:
    dev = SHARED_DATA / "polnear" / "dev"
    if not dev.is_dir():
        pytest.skip("../shared/data/polnear/dev is not beside the repository")
    gold = read_gold(dev)
    assert len(gold.documents) == 84
    assert gold.errors == []
    assert sum(len(d.attributions) for d in gold.documents) > 2000
