"""The in-memory search index answers exactly as SQL does: same hits, order, total, marks."""

from __future__ import annotations

import itertools
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsquotes.model import Article, Quote, Span, Speaker
from newsquotes.store.corpus import Corpus
from newsquotes.store.fts import and_terms, fts_query, like_pattern
from newsquotes.store.quote_index import like_matcher

WORDS = ["harbour", "ferry", "café", "Zürich", "vote", "fees", "storm", "quay", "budget"]
NAMES = ["Jana Novak", "Terence Ulvik", "Ida Brandt", "Ola Lindqvist"]
OUTLETS = ["Valley Courier", "valley courier", "Fjord Weekly", None]
DATES = [None, "2024", "2024-05", "2024-05-03", "2024-05-03T10:00:00", "2023-12-31", "2024-11-02"]
QUERIES = [
    None,
    "harbour",
    "cafe",
    "ZURICH harbour",
    "harbour ZURICH",
    '"ferry fees"',
    "fe*",
    "harbour OR storm",
    "harbour NOT vote",
    "(storm OR quay) AND budget",
    "novak",
    "nothing-like-this",
]
FILTERS = [
    {},
    {"act": "speech"},
    {"act": "thought"},
    {"type": "indirect"},
    {"outlet": "VALLEY courier"},
    {"outlet": "Nowhere Times"},
    {"since": "2024-05"},
    {"until": "2024-05"},
    {"since": "2024", "until": "2024-05-03"},
    {"speaker": "Novak"},
    {"speaker": "Nobody Known"},  # no corpus speaker: LIKE on the quoted name
    {"speaker": "ana No"},  # part of a quoted name
    {"speaker": "TERENCE u"},  # LIKE ignores ASCII case
    {"speaker": "J_na"},  # the user's "_" is a character, not a wildcard
    {"speaker": "%"},
    {"speaker_id": 2},
    {"article_id": 3},
    {"act": "speech", "outlet": "Fjord Weekly", "since": "2024-01"},
]


def _article(number: int, rng: random.Random) -> Article:
    """An invented article of two to four quotes with varied outlet, date, act and type."""
    parts: list[str] = []
    quotes: list[Quote] = []
    speakers: dict[str, Speaker] = {}
    at = 0
    for k in range(rng.randint(2, 4)):
        said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
        quoted = f'"{said.capitalize()},"'
        named = rng.random() < 0.8
        name = rng.choice(NAMES)
        sentence = f"{quoted} said {name}." if named else f"{quoted} it was said."
        cue_at = at + len(quoted) + 1
        if named:
            speakers.setdefault(f"s{name}", Speaker(f"s{name}", name, "person"))
        quotes.append(
            Quote(
                f"q{k + 1}",
                rng.choice(["direct", "direct", "indirect", "mixed"]),
                [(at, at + len(quoted))],
                quoted,
                cue=Span(cue_at, cue_at + 4, "said"),
                speaker=Span(cue_at + 5, cue_at + 5 + len(name), name) if named else None,
                speaker_id=f"s{name}" if named else None,
                speaker_name=name if named else None,
                confidence=0.9,
                act="thought" if rng.random() < 0.15 else "speech",
            )
        )
        parts.append(sentence)
        at += len(sentence) + 2
    return Article(
        id=f"story-{number}",
        text="\n\n".join(parts),
        title=f"Story {number}",
        outlet=rng.choice(OUTLETS),
        published=rng.choice(DATES),
        quotes=quotes,
        speakers=list(speakers.values()),
        source=f"inbox/{number}.txt",
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path: Path = tmp_path_factory.mktemp("index") / "corpus.db"
    rng = random.Random(11)
    with Corpus(path) as writing:
        for number in range(60):
            assert writing.add(_article(number, rng))
    return Corpus(path)


def test_index_answers_every_search_as_sql_does(corpus: Corpus) -> None:
    index = corpus.quote_index()
    assert len(index) == corpus.stats()["quotes"]
    compared = 0
    for query, filters in itertools.product(QUERIES, FILTERS):
        for offset, limit in ((0, 5), (5, 5), (0, 100)):
            asked = {**filters, "offset": offset, "limit": limit}
            by_sql = corpus.quote_page(query, **asked)
            by_index = corpus.quote_page(query, index=index, **asked)
            assert by_index == by_sql, (query, asked)
            compared += by_sql["total"]
    assert compared > 1000  # the searches found things, so equal answers mean something


def test_index_leaves_relevance_order_to_sql(corpus: Corpus) -> None:
    index = corpus.quote_index()
    asked = {"sort": "relevance", "limit": 10}
    assert corpus.quote_page("harbour", index=index, **asked) == corpus.quote_page(
        "harbour", **asked
    )


def test_two_word_search_is_the_intersection_of_its_words(corpus: Corpus) -> None:
    index = corpus.quote_index()
    both = corpus.quote_page("harbour storm", index=index, limit=100)
    assert both["total"] > 0
    for hit in both["hits"]:
        words = hit["quote"]["text"].lower()
        assert "harbour" in words and "storm" in words
        marked = {hit["quote"]["text"][s:e].lower() for s, e in hit["highlights"]}
        assert marked == {"harbour", "storm"}


def test_marks_fold_case_and_diacritics_as_the_full_text_index(corpus: Corpus) -> None:
    found = corpus.quote_page("cafe zurich", index=corpus.quote_index(), limit=3)
    assert found["hits"]
    for hit in found["hits"]:
        marked = {hit["quote"]["text"][s:e].lower() for s, e in hit["highlights"]}
        assert marked == {"café", "zürich"}


def test_an_index_misses_quotes_stored_after_it_was_made(tmp_path: Path) -> None:
    """A snapshot: its holder must make a new one when the corpus changes (the server does,
    see test_serve); the quotes it knows are still answered in full."""
    path = tmp_path / "corpus.db"
    rng = random.Random(3)
    with Corpus(path) as writing:
        writing.add(_article(1, rng))
        index = writing.quote_index()
        writing.add(_article(2, rng))
        assert len(writing.quote_index()) > len(index)
        seen = writing.quote_page(None, act=None, index=index, limit=100)
        assert seen["total"] == len(index) == len(seen["hits"])


def test_empty_corpus_has_an_empty_index(tmp_path: Path) -> None:
    with Corpus(tmp_path / "empty.db") as empty:
        index = empty.quote_index()
        assert len(index) == 0
        assert empty.quote_page("harbour", index=index) == {"total": 0, "hits": []}
        assert empty.quote_page(None, index=index) == {"total": 0, "hits": []}


def test_plain_searches_are_one_expression_in_any_word_order() -> None:
    assert fts_query("ferry harbour") == fts_query("harbour  ferry harbour") == '"ferry" "harbour"'
    assert and_terms('"ferry" "harbour"*') == ['"ferry"', '"harbour"*']
    # With operators the order is the meaning: left as typed.
    assert fts_query("storm OR quay budget") == '"storm" OR "quay" "budget"'
    assert and_terms('"storm" OR "quay"') is None
    assert and_terms('("storm")') is None


@settings(max_examples=300, deadline=None)
@given(
    name=st.text(alphabet="aAbB_%\\éÉ ", max_size=8),
    pattern=st.text(alphabet="aAbB_%\\éÉ ", max_size=6),
    escaped=st.booleans(),
)
def test_like_matcher_matches_as_sqlite_like_does(name: str, pattern: str, escaped: bool) -> None:
    """Wildcards, escapes and case (ASCII letters only) exactly as SQLite's LIKE."""
    if escaped:
        pattern = like_pattern(pattern)
    elif pattern.replace("\\\\", "").endswith("\\"):
        pattern += "a"  # a pattern ending in a lone escape is an error in SQLite
    with sqlite3.connect(":memory:") as conn:
        (expected,) = conn.execute("SELECT ? LIKE ? ESCAPE '\\'", (name, pattern)).fetchone()
    folded = name.translate(str.maketrans("AB", "ab"))
    assert (like_matcher(pattern).fullmatch(folded) is not None) == bool(expected)


def test_a_quote_shown_again_is_not_read_again_and_keeps_each_searchs_marks(
    corpus: Corpus,
) -> None:
    index = corpus.quote_index()
    first = corpus.quote_page("harbour", index=index, limit=100)
    reads: list[str] = []
    corpus._conn.set_trace_callback(reads.append)
    try:
        again = corpus.quote_page("harbour", index=index, limit=100)
    finally:
        corpus._conn.set_trace_callback(None)
    assert again == first
    assert not [sql for sql in reads if "JOIN articles" in sql]  # every row was kept
    storm = corpus.quote_page("storm", index=index, limit=100)
    shared = {hit["id"] for hit in first["hits"]} & {hit["id"] for hit in storm["hits"]}
    assert shared
    for hit in first["hits"]:
        assert {hit["quote"]["text"][s:e].lower() for s, e in hit["highlights"]} == {"harbour"}
    for hit in storm["hits"]:
        assert {hit["quote"]["text"][s:e].lower() for s, e in hit["highlights"]} == {"storm"}


def test_no_quote_is_kept_when_the_bound_is_zero(corpus: Corpus) -> None:
    index = corpus.quote_index(max_shown=0)
    page = corpus.quote_page("harbour", index=index, limit=5)
    assert page == corpus.quote_page("harbour", limit=5)
    assert index.shown(hit["id"] for hit in page["hits"]) == {}


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(
        alphabet="abAB01 _-'.,\u201c\u201d\u2014\u2026\xe9\xdf\u0301\xb2\u00a0", max_size=30
    ),
    words=st.lists(st.text(alphabet="abAB01", min_size=1, max_size=3), min_size=1, max_size=3),
    prefix=st.booleans(),
)
def test_marks_of_plain_words_are_those_of_the_full_text_index(
    text: str, words: list[str], prefix: bool
) -> None:
    """Where a quote's words are all ASCII, its marks are made without SQLite: the same
    offsets FTS5's highlight() gives, with the corpus's tokenizer."""
    from newsquotes.store.corpus import (
        _FTS_TOKENIZER,
        _MARK_CLOSE,
        _MARK_OPEN,
        _ascii_words,
        _marked_offsets,
        _marking_pattern,
        _word_marks,
    )

    query = fts_query(" ".join(w + ("*" if prefix else "") for w in words))
    assert query is not None
    plain = _marking_pattern(query)
    assert plain is not None
    if not _ascii_words(text):
        return  # marked by SQLite itself
    with sqlite3.connect(":memory:") as conn:
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{_FTS_TOKENIZER}')")
        conn.execute("INSERT INTO t(rowid, text) VALUES (1, ?)", (text,))
        expected: list[list[int]] = []
        for term in and_terms(query) or []:  # the union of each word's marks
            row = conn.execute(
                "SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ?",
                (_MARK_OPEN, _MARK_CLOSE, term),
            ).fetchone()
            expected += _marked_offsets(row[0]) if row else []
        whole = conn.execute(
            "SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ?", (_MARK_OPEN, _MARK_CLOSE, query)
        ).fetchone()
    assert _word_marks(text, plain) == sorted(map(list, {tuple(m) for m in expected}))
    if whole is not None:  # the text holds every word: the query's own marks
        assert _word_marks(text, plain) == _marked_offsets(whole[0])


def test_quotes_with_other_letters_are_marked_by_the_full_text_index() -> None:
    from newsquotes.store.corpus import _ascii_words, _plain_words

    assert _ascii_words("\u201cThe harbour \u2014 again,\u201d she said")
    assert not _ascii_words("Caf\xe9 by the harbour")
    assert not _ascii_words("cafe\u0301")
    assert _plain_words('"harbour" "ferry"*') == [("harbour", False), ("ferry", True)]
    assert _plain_words('"harbour" OR "ferry"') is None
    assert _plain_words('"caf\xe9"') is None
    assert _plain_words('"ferry fees"') is None


def test_an_index_tells_whether_it_holds_a_querys_matches(corpus: Corpus) -> None:
    index = corpus.quote_index()
    harbour, storm = fts_query("harbour"), fts_query("storm")
    both = fts_query("storm harbour")
    assert harbour and storm and both
    assert index.holds_matches(None)
    assert not index.holds_matches(harbour) and not index.holds_matches(both)
    corpus.quote_page("harbour", index=index)
    assert index.holds_matches(harbour) and not index.holds_matches(both)
    corpus.quote_page("storm", index=index)
    assert index.holds_matches(both)  # the intersection of two words already held
    either = fts_query("storm OR harbour")
    assert either and not index.holds_matches(either)
