"""The seed article: every gold attribution is found, with the right resolved speaker."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_SPEAKERS

from newsquotes import extract
from newsquotes.model import Article, Quote

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed"
TEXT = SEED / "text" / "against-the-empire.txt"
GOLD = SEED / "attributions" / "against-the-empire_gold.ann"


def _require_seed() -> None:
    if not TEXT.exists() or not GOLD.exists():
        pytest.skip(f"seed data not found at {SEED} (expected beside the repo in ../shared)")


def parse_gold(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """The E lines of a brat file, each as {role: [(start, end), ...]} from its T lines."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, kind_spans, _text = line.split("\t", 2)
            _kind, offsets = kind_spans.split(" ", 1)
            spans[tid] = [
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            ]
        elif line.startswith("E"):
            _eid, args = line.split("\t", 1)
            events.append(dict(arg.split(":", 1) for arg in args.split()))
    return [{role: spans[tid] for role, tid in event.items()} for event in events]


@pytest.fixture(scope="module")
def seed() -> tuple[Article, list[dict[str, list[tuple[int, int]]]]]:
    _require_seed()
    text = TEXT.read_text(encoding="utf-8")
    return extract(text, id="against-the-empire"), parse_gold(GOLD)


def _overlaps(quote: Quote, gold: list[tuple[int, int]]) -> bool:
    return any(s < ge and gs < e for s, e in quote.spans for gs, ge in gold)


def test_gold_file_parses() -> None:
    _require_seed()
    events = parse_gold(GOLD)
    assert len(events) == len(SEED_SPEAKERS) == 8
    assert all("Content" in e and "Source" in e for e in events)


@pytest.mark.parametrize("index", range(len(SEED_SPEAKERS)))
def test_gold_attribution_found(
    seed: tuple[Article, list[dict[str, list[tuple[int, int]]]]], index: int
) -> None:
    article, events = seed
    event = events[index]
    expected = SEED_SPEAKERS[index]
    content = event["Content"]
    gold_text = " ".join(article.text[s:e] for s, e in content)
    candidates = [q for q in article.quotes if _overlaps(q, content)]
    assert candidates, f"no predicted quote overlaps gold {gold_text!r}"
    names = [q.speaker_name for q in candidates]
    if expected in ("Analysts", "Belarusians"):
        ok = [q for q in candidates if q.speaker_name and q.speaker_name.startswith(expected)]
        assert ok, f"{gold_text!r}: speakers {names}, expected a group starting {expected!r}"
        speaker = article.speaker(ok[0].speaker_id)
        assert speaker is not None and speaker.kind == "group"
    else:
        assert expected in names, f"{gold_text!r}: speakers {names}, expected {expected!r}"


def test_umarov_description(seed: tuple[Article, list[dict[str, list[tuple[int, int]]]]]) -> None:
    article, _events = seed
    umarov = [s for s in article.speakers if s.name == "Temur Umarov"]
    assert len(umarov) == 1, [s.name for s in article.speakers]
    assert umarov[0].kind == "person"
    assert "analyst" in umarov[0].roles
    assert "Carnegie Russia Eurasia Center" in umarov[0].organizations


def test_one_record_per_seed_speaker(
    seed: tuple[Article, list[dict[str, list[tuple[int, int]]]]],
) -> None:
    article, _events = seed
    for name in ("Temur Umarov", "Aliaksandr Klaskouski"):
        assert [s.name for s in article.speakers].count(name) == 1
        ids = {q.speaker_id for q in article.quotes if q.speaker_name == name}
        assert len(ids) == 1


def test_seed_ingested_into_a_corpus_keeps_regions_quotes_and_speakers(tmp_path: Path) -> None:
    """The seed through reader, pipeline and store: regions found, 8 quotes with speakers."""
    _require_seed()
    from click.testing import CliRunner

    from newsquotes.cli import main
    from newsquotes.store.corpus import Corpus

    db = tmp_path / "seed.db"
    result = CliRunner().invoke(main, ["ingest", str(TEXT), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        hits = corpus.search(limit=100, act=None)
        assert len(hits) == 8
        speech = corpus.search(limit=100)
        assert len(speech) == 7  # "Belarusians ... hope": a thought, not speech
        assert all(
            h.speaker != "Belarusians who oppose President Aleksandr Lukashenko's regime"
            for h in speech
        )
        assert {h.speaker for h in hits} == {
            "Analysts",
            "Temur Umarov",
            "Aliaksandr Klaskouski",
            "Belarusians who oppose President Aleksandr Lukashenko's regime",
        }
        article = corpus.article(hits[0].article_id)
    assert article is not None
    assert article.title == "'Against the Empire': Why Russia's neighbours are fighting for Ukraine"
    text = article.text
    regions = {(r.kind, text[r.start : r.end].strip()) for r in article.regions}
    assert (
        "caption",
        "Volunteer soldiers attend a training outside Kyiv, Ukraine, Saturday, Aug. 27, 2022.",
    ) in regions
    assert ("credit", "AP Photo") in regions
    assert ("heading", "An emotional decision or saving a life") in regions
    furniture = {t for kind, t in regions if kind == "boilerplate"}
    assert furniture == {"top of page", "Comments", "bottom of page"}
