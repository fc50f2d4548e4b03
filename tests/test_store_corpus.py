"""The corpus on its own: schema versions, deduplication, identity, search, export.

Articles here are built by hand (quotes and speakers already set), so these tests do not
depend on the quote engine.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sqlite3
from pathlib import Path

import pytest
from article_factory import make_article, make_story

from newsquotes.errors import CorpusError, SearchQueryError
from newsquotes.model import Speaker
from newsquotes.resolve.identity import is_function_words, two_people
from newsquotes.store.corpus import Corpus
from newsquotes.store.migrations import APPLICATION_ID, SCHEMA_VERSION


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    with Corpus(tmp_path / "corpus.db") as opened:
        yield opened


# -- schema ------------------------------------------------------------------------------


def test_new_corpus_has_current_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    Corpus(tmp_path / "c.db").close()
    conn = sqlite3.connect(tmp_path / "c.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "articles",
        "quotes",
        "speakers",
        "speaker_aliases",
        "speaker_descriptions",
        "quote_entities",
        "errors",
        "quotes_fts",
    } <= tables
    corpus = Corpus(tmp_path / "c.db")
    assert corpus._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_keeps_data(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(make_article("a", "Prices will fall", "Jana Novak"))
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.stats()["articles"] == 1


def test_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    Corpus(tmp_path / "c.db").close()
    conn = sqlite3.connect(tmp_path / "c.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(CorpusError, match="upgrade newsquotes"):
        Corpus(tmp_path / "c.db")


def test_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(CorpusError, match="not a newsquotes corpus"):
        Corpus(tmp_path / "other.db")
    conn = sqlite3.connect(tmp_path / "other.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"invoices"}


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("just some notes, not a database\n" * 50)
    with pytest.raises(CorpusError, match="cannot be opened"):
        Corpus(tmp_path / "notes.db")


def test_default_path_comes_from_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSQUOTES_DB", str(tmp_path / "env.db"))
    with Corpus() as corpus:
        assert corpus.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


# -- writing and deduplication -----------------------------------------------------------


def test_add_is_idempotent_by_url_and_by_text(corpus: Corpus) -> None:
    first = make_article("a", "Prices will fall", "Jana Novak", url="https://gazette.example/1")
    assert corpus.add(first) is True
    assert corpus.add(first) is False
    same_url = make_article("b", "Something else", "Jana Novak", url="https://gazette.example/1")
    assert corpus.add(same_url) is False
    same_text = make_article("c", "Prices will fall", "Jana Novak")
    same_text.text = same_text.text.replace(" said", "\n\n said")  # only whitespace differs
    assert corpus.add(same_text) is False
    stats = corpus.stats()
    assert (stats["articles"], stats["quotes"], stats["speakers"]) == (1, 1, 1)
    assert all(corpus.has_source(f"inbox/{x}.txt") for x in "abc")
    assert not corpus.has_source("inbox/d.txt")


def test_article_round_trips(corpus: Corpus) -> None:
    article = make_article("a", "Lindvik will vote", "Jana Novak", description="the mayor")
    corpus.add(article)
    stored = corpus.article(1)
    assert stored is not None
    assert stored.to_dict() == article.to_dict()
    assert corpus.article("inbox/a.txt") is not None
    assert corpus.article(99) is None


def test_quote_entities_are_those_inside_the_quote(corpus: Corpus) -> None:
    corpus.add(make_article("a", "Lindvik will vote", "Jana Novak"))
    rows = corpus._conn.execute("SELECT text, label FROM quote_entities").fetchall()
    assert rows == [("Lindvik", "GPE")]


def test_errors_are_recorded_and_count_as_done(corpus: Corpus) -> None:
    from newsquotes.errors import DecodeError

    corpus.record_error("inbox/bad.bin", DecodeError("inbox/bad.bin", "not UTF-8 text"))
    assert corpus.has_source("inbox/bad.bin")
    [error] = corpus.errors()
    assert (error.source, error.code, error.message) == ("inbox/bad.bin", "NQ101", "not UTF-8 text")


def test_failed_write_leaves_nothing_behind(corpus: Corpus) -> None:
    bad = make_article("a", "Prices will fall", "Jana Novak")
    bad.quotes[0].type = "rumour"  # violates the CHECK constraint after the article row
    with pytest.raises(sqlite3.IntegrityError):
        corpus.add(bad)
    stats = corpus.stats()
    assert (stats["articles"], stats["quotes"], stats["speakers"], stats["sources"]) == (0, 0, 0, 0)
    assert corpus.add(make_article("a", "Prices will fall", "Jana Novak")) is True


# -- identity across articles ------------------------------------------------------------


def test_same_speaker_across_outlets_is_one_identity_with_both_descriptions(
    corpus: Corpus,
) -> None:
    corpus.add(
        make_article(
            "a",
            "Belarus is tired",
            "Temur Umarov",
            description="an analyst at the Carnegie Center",
            roles=("analyst",),
            organizations=("Carnegie Center",),
            outlet="Harbour Gazette",
        )
    )
    corpus.add(
        make_article(
            "b",
            "Minsk is waiting",
            "Umarov",
            description="a Carnegie analyst",
            organizations=("Carnegie",),
            outlet="Valley Courier",
            published="2024-05-01",
        )
    )
    [summary] = corpus.speakers()
    assert (summary.name, summary.quotes, summary.articles) == ("Temur Umarov", 2, 2)
    assert summary.outlets == ["Harbour Gazette", "Valley Courier"]
    profile = corpus.speaker("Umarov")
    assert profile is not None
    assert [d.description for d in profile.descriptions] == [
        "an analyst at the Carnegie Center",
        "a Carnegie analyst",
    ]
    assert profile.timeline == {"2024-03": 1, "2024-05": 1}


def test_people_sharing_a_surname_stay_apart(corpus: Corpus) -> None:
    corpus.add(make_article("a", "Rates must rise", "Anna Berg", organizations=("Nordbank",)))
    corpus.add(make_article("b", "The bridge opens", "Tomas Berg", roles=("mayor",)))
    corpus.add(make_article("c", "Nobody knows", "Berg"))
    names = sorted(s.name for s in corpus.speakers())
    assert names == ["Anna Berg", "Berg", "Tomas Berg"]
    corpus.add(make_article("d", "The bridge is late", "Berg", roles=("mayor",)))
    tomas = corpus.speaker("Tomas Berg")
    assert tomas is not None and len(tomas.quotes) == 2


# -- search ------------------------------------------------------------------------------


@pytest.fixture
def filled(corpus: Corpus) -> Corpus:
    corpus.add(
        make_article(
            "a",
            "Belarus is tired of waiting",
            "Temur Umarov",
            outlet="Harbour Gazette",
            published="2023-11-20",
        )
    )
    corpus.add(
        make_article(
            "b",
            "Belarus will change",
            "Jana Novak",
            outlet="Valley Courier",
            published="2024-02-10",
            quote_type="mixed",
        )
    )
    corpus.add(
        make_article(
            "c",
            "The harbour stays open",
            "Temur Umarov",
            outlet="Valley Courier",
            published="2024-06-01",
        )
    )
    corpus.add(
        make_article(
            "d",
            "Belarus and Poland will talk",
            "Ines Ramírez",
            outlet="Harbour Gazette",
            published="2024-07-15",
        )
    )
    return corpus


def quoted(hits) -> list[str]:
    return sorted(h.speaker for h in hits)


def test_search_text_matches_words_and_phrases(filled: Corpus) -> None:
    assert quoted(filled.search("belarus")) == ["Ines Ramírez", "Jana Novak", "Temur Umarov"]
    assert quoted(filled.search('"belarus will"')) == ["Jana Novak"]
    assert quoted(filled.search("belarus poland")) == ["Ines Ramírez"]
    assert filled.search("zeppelin") == []
    assert len(filled.search("harbo*")) == 1
    assert quoted(filled.search("belarus NOT poland")) == ["Jana Novak", "Temur Umarov"]
    assert quoted(filled.search("harbo* OR poland")) == sorted(
        h.speaker for h in [*filled.search("harbo*"), *filled.search("poland")]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"belarus will', "never closed"),
        ("AND OR", "'AND' needs a search term before it"),
        ("belarus NOT", "'NOT' needs a search term after it"),
        ("col:", "'col:' asks for a column"),
        ("belarus (", "'(' in the search text has no search term after it"),
        ("belarus )", "no '(' before it"),
    ],
)
def test_a_malformed_search_is_an_error_not_an_empty_answer(
    filled: Corpus, text: str, message: str
) -> None:
    with pytest.raises(SearchQueryError, match=re.escape(message)) as raised:
        filled.search(text)
    assert raised.value.code == "NQ301"
    assert isinstance(raised.value, CorpusError)
    with pytest.raises(SearchQueryError, match=re.escape(message)):
        filled.quote_page(text)


def test_search_filters_combine(filled: Corpus) -> None:
    assert quoted(filled.search(speaker="Temur Umarov")) == ["Temur Umarov"] * 2
    assert quoted(filled.search(speaker="umarov")) == ["Temur Umarov"] * 2
    assert quoted(filled.search("belarus", speaker="Umarov")) == ["Temur Umarov"]
    assert quoted(filled.search(outlet="valley courier")) == ["Jana Novak", "Temur Umarov"]
    assert quoted(filled.search(since="2024")) == ["Ines Ramírez", "Jana Novak", "Temur Umarov"]
    assert quoted(filled.search(until="2024-02")) == ["Jana Novak", "Temur Umarov"]
    assert quoted(filled.search(since="2024-02-11", until="2024-06-30")) == ["Temur Umarov"]
    assert quoted(filled.search(type="mixed")) == ["Jana Novak"]
    assert quoted(filled.search(speaker="Ines Ramirez")) == ["Ines Ramírez"]


def test_search_orders_newest_first_and_pages(filled: Corpus) -> None:
    dates = [h.published for h in filled.search()]
    assert dates == ["2024-07-15", "2024-06-01", "2024-02-10", "2023-11-20"]
    assert [h.published for h in filled.search(limit=2, offset=1)] == ["2024-06-01", "2024-02-10"]


def test_search_rejects_bad_dates_and_types(filled: Corpus) -> None:
    with pytest.raises(CorpusError, match="not a date"):
        filled.search(since="last tuesday")
    with pytest.raises(CorpusError, match="quote type"):
        filled.search(type="rumour")


def test_search_as_frame(filled: Corpus) -> None:
    frame = filled.search("belarus", as_frame=True)
    assert len(frame) == 3
    assert {"speaker", "text", "outlet", "published"} <= set(frame.columns)


# -- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("table, rows", [("quotes", 4), ("speakers", 3), ("articles", 4)])
def test_export_all_formats(filled: Corpus, tmp_path: Path, table: str, rows: int) -> None:
    import pandas

    assert filled.export(tmp_path / "out.jsonl", "jsonl", table) == rows
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(records) == rows

    assert filled.export(tmp_path / "out.csv", "csv", table) == rows
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == rows

    assert filled.export(tmp_path / "out.parquet", "parquet", table) == rows
    frame = pandas.read_parquet(tmp_path / "out.parquet")
    assert len(frame) == rows
    assert list(frame.columns) == list(records[0])
    if table == "speakers":
        umarov = frame[frame["name"] == "Temur Umarov"].iloc[0]
        assert umarov["quotes"] == 2
        assert list(umarov["outlets"]) == ["Harbour Gazette", "Valley Courier"]


def test_frame_and_unknown_table(filled: Corpus) -> None:
    assert len(filled.frame("articles")) == 4
    with pytest.raises(CorpusError, match="unknown table"):
        filled.frame("invoices")
    with pytest.raises(CorpusError, match="export format"):
        filled.export("x", "xml")


def test_a_version_1_corpus_is_migrated_with_its_quotes_and_speakers(tmp_path: Path) -> None:
    """Schema 2 adds act/via/resolved_by and the 'unnamed' kind, schema 3 recomputes
    identities from names; stored rows survive both, speakers named "it" do not."""
    from newsquotes.store import migrations

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in migrations.split_statements(
        (Path(migrations.__file__).parent / "schema.sql").read_text("utf-8")
    ):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles(id, doc_id, text, text_hash, ingested_at) "
        "VALUES (1, 'a', 'x', 'h', 'now')"
    )
    conn.execute(
        "INSERT INTO speakers(id, name, kind, name_key) VALUES (7, 'Jana Novak', "
        "'person', 'jana novak')"
    )
    conn.execute(
        "INSERT INTO speaker_descriptions(speaker, article, local_id, name, kind) "
        "VALUES (7, 1, 's1', 'Jana Novak', 'person')"
    )
    conn.execute(
        "INSERT INTO quotes(article, quote_id, type, spans, start, end, text, speaker, "
        "speaker_local_id) VALUES (1, 'q1', 'direct', '[[0, 1]]', 0, 1, 'x', 7, 's1')"
    )
    # schema 1 gave a quote whose speaker resolved to no one a "speaker" named by its mention
    conn.execute("INSERT INTO speakers(id, name, kind, name_key) VALUES (8, 'it', 'unknown', 'it')")
    conn.execute(
        "INSERT INTO quotes(article, quote_id, type, spans, start, end, text, speaker) "
        "VALUES (1, 'q2', 'direct', '[[0, 1]]', 0, 1, 'x', 8)"
    )
    conn.close()
    with Corpus(db) as corpus:
        assert corpus.version == SCHEMA_VERSION >= 3
        rows = corpus._conn.execute("SELECT act, via, speaker FROM quotes ORDER BY id").fetchall()
        assert rows == [("speech", None, 7), ("speech", None, None)]
        assert [s.name for s in corpus.speakers(kinds=None)] == ["Jana Novak"]
        corpus._conn.execute(
            "INSERT INTO speakers(name, kind, name_key) VALUES "
            "('a spokeswoman', 'unnamed', 'spokeswoman')"
        )
        assert corpus._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert corpus._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_act_via_and_resolution_are_stored_and_read_back(corpus: Corpus) -> None:
    article = make_article("a", "Prices will fall", "Jana Novak")
    article.quotes[0].act = "thought"
    article.quotes[0].via = "direct-post"
    article.quotes[0].resolved_by = "name"
    corpus.add(article)
    stored = corpus.article(corpus.search(limit=1, act=None)[0].article_id)
    assert stored is not None
    quote = stored.quotes[0]
    assert (quote.act, quote.via, quote.resolved_by) == ("thought", "direct-post", "name")


# -- identity from names only --------------------------------------------------------------


def person(name: str, *aliases: str, roles: tuple[str, ...] = (), kind: str = "person") -> Speaker:
    return Speaker("s1", name, kind, list(aliases), None, list(roles), [])


def other(name: str, *aliases: str, kind: str = "person") -> Speaker:
    return Speaker("s2", name, kind, list(aliases), None, [], [])


VARGA = person("Ilse Varga", "the president", roles=("president",))
OLSEN = person("Marek Olsen", "The president", roles=("president",))
RUIZ = person("Ana Ruiz", "Ruiz", roles=("economist",))
BARE_RUIZ = person("Ruiz")

STORIES = [
    make_story("varga", [("Taxes stay", "Ilse Varga", VARGA), ("No", "the president", VARGA)]),
    make_story("olsen", [("The port opens", "The president", OLSEN)], outlet="Valley Courier"),
    make_story(
        "president",
        [("Wait and see", "the president", person("the president", kind="unnamed"))],
        outlet="Fjord Weekly",
    ),
    make_story(
        "governor-1",
        [("Roads first", "the governor", person("the governor", kind="unknown"))],
        outlet="Fjord Weekly",
    ),
    make_story(
        "governor-2",
        [("Schools first", "The governor", person("The governor"))],
        outlet="Valley Courier",
    ),
    make_story(
        "johnson-1", [("Fish are back", "Johnson", person("Johnson"))], outlet="Fjord Weekly"
    ),
    make_story(
        "johnson-2", [("Bridges rust", "Johnson", person("Johnson"))], outlet="Lakeside Post"
    ),
    make_story("ruiz-1", [("Rates hold", "Ana Ruiz", RUIZ), ("Maybe", "she", RUIZ)]),
    make_story("ruiz-2", [("Rates fall", "Ruiz", BARE_RUIZ), ("Soon", "she", BARE_RUIZ)]),
    make_story(
        "ruiz-3",
        [("Inflation eases", "Ms. Ruiz", person("Ms. Ruiz", roles=("economist",)))],
        outlet="Valley Courier",
    ),
    make_story(
        "vance",
        [
            ("Vote yes", "Hillary Vance", person("Hillary Vance", "Bill Vance", "Vance")),
            ("Vote no", "Bill Vance", other("Bill Vance")),
        ],
    ),
    make_story(
        "pronouns",
        [
            ("We tried", "I", None),
            ("It works", "it", other("it", kind="organization")),
            ("Which one", "which", person("which", kind="unknown")),
        ],
        outlet="Lakeside Post",
    ),
]


def speaker_table(corpus: Corpus) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """Every speaker by what it is (name, kind, aliases, quotes), never by its row id."""
    quotes: dict[int, list[str]] = {}
    for hit in corpus.search(limit=None):
        if hit.speaker_id is not None:
            quotes.setdefault(hit.speaker_id, []).append(f"{hit.source}#{hit.quote_id}")
    return sorted(
        (s.name, s.kind, tuple(sorted(s.aliases)), tuple(sorted(quotes.get(s.id, []))))
        for s in corpus.speakers(kinds=None)
    )


def test_roles_surnames_and_descriptions_in_different_articles_stay_different_people(
    corpus: Corpus,
) -> None:
    for story in STORIES:
        corpus.add(story)
    table = speaker_table(corpus)
    presidents = [row for row in table if "president" in row[0].lower()]
    assert [row[:2] for row in presidents] == [("the president", "unnamed")]
    assert sorted(row[3] for row in table if row[0].lower() == "the governor") == [
        ("inbox/governor-1.txt#q1",),
        ("inbox/governor-2.txt#q1",),
    ]
    assert [row[3] for row in table if row[0] == "Johnson"] == [
        ("inbox/johnson-1.txt#q1",),
        ("inbox/johnson-2.txt#q1",),
    ]
    varga = corpus.speaker("Ilse Varga")
    olsen = corpus.speaker("Marek Olsen")
    assert varga is not None and olsen is not None and varga.id != olsen.id
    assert [len(varga.quotes), len(olsen.quotes)] == [2, 1]
    assert "the president" not in varga.aliases


def test_one_person_as_full_name_surname_and_pronoun_is_one_speaker(corpus: Corpus) -> None:
    for story in STORIES:
        corpus.add(story)
    ruiz = corpus.speaker("Ruiz")
    assert ruiz is not None and ruiz.name == "Ana Ruiz"
    assert sorted(f"{q.source}#{q.quote_id}" for q in ruiz.quotes) == [
        "inbox/ruiz-1.txt#q1",
        "inbox/ruiz-1.txt#q2",
        "inbox/ruiz-2.txt#q1",
        "inbox/ruiz-2.txt#q2",
        "inbox/ruiz-3.txt#q1",
    ]
    assert any("Harbour Gazette" in why for why in ruiz.evidence)
    assert any("economist" in why for why in ruiz.evidence)


def test_no_speaker_holds_two_people_or_is_a_pronoun(corpus: Corpus) -> None:
    for story in STORIES:
        corpus.add(story)
    summaries = corpus.speakers(kinds=None)
    assert [s.name for s in summaries if two_people([s.name, *s.aliases])] == []
    assert [s.name for s in summaries if is_function_words(s.name)] == []
    assert {s.name for s in summaries if "Vance" in s.name} == {"Hillary Vance", "Bill Vance"}
    unresolved = corpus.search(outlet="Lakeside Post", limit=None)
    pronoun_hits = [h for h in unresolved if "pronouns" in (h.source or "")]
    assert sorted((h.speaker_mention, h.speaker_id) for h in pronoun_hits) == [
        ("I", None),
        ("it", None),
        ("which", None),
    ]
    assert sorted(h.speaker_name for h in pronoun_hits) == ["I", "it", "which"]


def test_identities_do_not_depend_on_the_order_articles_arrive_in(tmp_path: Path) -> None:
    with Corpus(tmp_path / "straight.db") as straight:
        for story in STORIES:
            straight.add(story)
        expected = speaker_table(straight)
    shuffler = random.Random(11)
    for n in range(4):
        stories = STORIES[:]
        shuffler.shuffle(stories)
        with Corpus(tmp_path / f"shuffled{n}.db") as shuffled:
            for story in stories:
                shuffled.add(story)
            assert speaker_table(shuffled) == expected


def test_a_run_killed_midway_and_resumed_gives_the_same_speakers(tmp_path: Path) -> None:
    with Corpus(tmp_path / "clean.db") as clean:
        for story in STORIES:
            clean.add(story)
        expected = speaker_table(clean)
    db = tmp_path / "killed.db"
    bare_first = sorted(STORIES, key=lambda s: s.id != "ruiz-2")  # "Ruiz" before "Ana Ruiz"
    with pytest.raises(KeyboardInterrupt), Corpus(db) as killed:
        for story in bare_first[:4]:
            killed.add(story)
        raise KeyboardInterrupt
    with Corpus(db) as resumed:
        assert resumed.identities_stale()
        for story in bare_first[4:]:
            resumed.add(story)
    with Corpus(db) as reopened:
        assert not reopened.identities_stale()
        assert speaker_table(reopened) == expected


def test_serial_parallel_and_resumed_ingest_give_the_same_speakers(tmp_path: Path) -> None:
    from test_ingest import pattern_pipeline

    from newsquotes.store.ingest import ingest

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = [
        '"Rates hold," said Jana Bianchi, an economist for Nordbank.',
        '"Rates fall," said Bianchi, an analyst for Nordbank.',
        '"The bridge opens," said Marco Bianchi, the mayor.',
        '"Fish are back," said Johnson.',
        '"Bridges rust," said Johnson.',
    ]
    for n, line in enumerate(lines * 3):
        (inbox / f"story-{n:02d}.txt").write_text(f"Story {n}\n\n{line} Day {n}.\n", "utf-8")
    tables = []
    for jobs in (1, 2):
        with Corpus(tmp_path / f"j{jobs}.db") as corpus:
            ingest(
                [str(inbox)], corpus, jobs=jobs, progress=False, pipeline_factory=pattern_pipeline
            )
            tables.append(speaker_table(corpus))
    with Corpus(tmp_path / "resumed.db") as corpus:
        ingest(
            [str(inbox / "story-01.txt")], corpus, progress=False, pipeline_factory=pattern_pipeline
        )
        ingest([str(inbox)], corpus, progress=False, pipeline_factory=pattern_pipeline)
        tables.append(speaker_table(corpus))
    assert tables[0] == tables[1] == tables[2]
    names = [row[0] for row in tables[0]]
    assert names.count("Jana Bianchi") == 1 and "Bianchi" not in names


# -- corrections by hand -------------------------------------------------------------------


def test_merge_survives_reingest_and_reconcile(corpus: Corpus) -> None:
    corpus.add(make_article("a", "Belarus is tired", "Temur Umarov", outlet="Harbour Gazette"))
    corpus.add(make_article("b", "Minsk waits", "T. Umarov", outlet="Valley Courier"))
    assert len(corpus.speakers()) == 2
    merged = corpus.merge("T. Umarov", "Temur Umarov")
    profile = corpus.speaker(merged)
    assert profile is not None and profile.name == "Temur Umarov" and len(profile.quotes) == 2
    assert any(why.startswith("merge") for why in profile.evidence)
    corpus.add(make_article("c", "Vilnius listens", "T. Umarov", outlet="Fjord Weekly"))
    corpus.reconcile(force=True)
    [summary] = corpus.speakers()
    assert (summary.name, summary.quotes) == ("Temur Umarov", 3)
    with pytest.raises(CorpusError, match="already one speaker"):
        corpus.merge("Temur Umarov", "T. Umarov")


def test_split_survives_reingest_and_a_later_merge_undoes_it(corpus: Corpus) -> None:
    corpus.add(make_article("a", "Rates must rise", "Anna Berg", outlet="Harbour Gazette"))
    corpus.add(make_article("b", "The bridge opens", "Berg", outlet="Harbour Gazette"))
    [joined] = corpus.speakers()
    assert joined.quotes == 2
    rest, taken = corpus.split("Anna Berg", names=["Berg"])
    assert rest != taken
    assert sorted((s.name, s.quotes) for s in corpus.speakers()) == [("Anna Berg", 1), ("Berg", 1)]
    corpus.add(make_article("c", "Rates will fall", "Anna Berg", outlet="Valley Courier"))
    corpus.reconcile(force=True)
    assert sorted((s.name, s.quotes) for s in corpus.speakers()) == [("Anna Berg", 2), ("Berg", 1)]
    corpus.merge("Berg", "Anna Berg")
    assert [(s.name, s.quotes) for s in corpus.speakers()] == [("Anna Berg", 3)]


def test_corrections_name_exactly_one_speaker(corpus: Corpus) -> None:
    corpus.add(make_article("a", "Rates must rise", "Anna Berg", outlet="Harbour Gazette"))
    corpus.add(make_article("b", "The bridge opens", "Tomas Berg", outlet="Valley Courier"))
    with pytest.raises(CorpusError, match="could be any of"):
        corpus.merge("Berg", "Anna Berg")
    with pytest.raises(CorpusError, match="no speaker"):
        corpus.merge("Nobody Atall", "Anna Berg")
    with pytest.raises(CorpusError, match="every description"):
        corpus.split("Anna Berg", names=["Anna Berg"])
    with pytest.raises(CorpusError, match="called"):
        corpus.split("Anna Berg", names=["Somebody Else"])
