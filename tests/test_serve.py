"""The REST API (/api/v1) and web page, through FastAPI's TestClient on invented articles.

Articles are built by hand (quotes already set), so most tests need neither the spaCy model
nor the network; extraction runs with a stand-in pipeline (in a thread, or in a real worker
process where the point is that a slow text does not hold up other requests), and once with
the real pipeline (marked slow).
"""

from __future__ import annotations

import gc
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from article_factory import make_article
from click.testing import CliRunner
from fastapi.testclient import TestClient
from serve_fakes import DIE_MARK, SLOW_MARK, FakePipeline

from newsquotes.cli import main as cli_main
from newsquotes.model import Article, Quote, Span, Speaker
from newsquotes.serve.api import create_app
from newsquotes.serve.limits import ServeLimits
from newsquotes.store.corpus import Corpus
from newsquotes.store.fts import QueryLimits

TOKEN = "correct horse battery staple"
API = "/api/v1"
THREAD_LIMITS = ServeLimits(extract_workers=0)

ARTICLES = [
    make_article(
        "a1",
        "The harbour will reopen in May",
        "Jana Novak",
        description="the party leader",
        roles=("party leader",),
        organizations=("Harbour Party",),
        published="2024-01-15",
        url="https://valley-courier.example/2024/01/harbour",
        outlet="Valley Courier",
    ),
    make_article(
        "a2",
        "Belvania is tired of waiting",
        "Terence Ulvik",
        description="an analyst",
        roles=("analyst",),
        published="2024-05-01",
        outlet="Valley Courier",
    ),
    make_article(
        "a3",
        "The ferry fares are too high",
        "Terence Ulvik",
        published="2023-11-20",
        outlet="Harbour Gazette",
        quote_type="indirect",
    ),
    make_article(
        "a4",
        "We will win the harbour vote",
        "Jana Novak",
        published="2024-06-30",
        outlet="Harbour Gazette",
    ),
    make_article(
        "a5",
        "Nobody asked the fishermen",
        "Ola Lindqvist",
        published="2022-08-09",
        outlet="Fjord Weekly",
        quote_type="mixed",
    ),
]


def thought_article() -> Article:
    article = make_article(
        "a6",
        "The harbour deal is doomed",
        "Ida Brandt",
        published="2024-02-02",
        outlet="Fjord Weekly",
    )
    article.quotes[0].act = "thought"
    return article


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        for article in [*ARTICLES, thought_article()]:
            assert corpus.add(article)
    return path


def make_client(db: Path, **kwargs: Any) -> TestClient:
    kwargs.setdefault("limits", THREAD_LIMITS)
    kwargs.setdefault("pipeline_factory", FakePipeline)
    app = create_app(db, allowed_hosts=("testserver",), **kwargs)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    FakePipeline.made = 0
    with make_client(db, token=TOKEN) as test_client:
        yield test_client


def texts(response: Any) -> list[str]:
    return [hit["quote"]["text"].strip('",') for hit in response.json()["quotes"]]


def error_of(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    return body["error"]


def speaker_id(client: TestClient, name: str) -> int:
    found = client.get(f"{API}/speakers", params={"name": name}).json()["speakers"]
    return next(s["id"] for s in found if s["name"] == name)


# -- OpenAPI, docs page and the page itself ------------------------------------------------


def test_openapi_document_validates_and_lists_every_endpoint(client: TestClient) -> None:
    from openapi_spec_validator import validate

    spec = client.get(f"{API}/openapi.json").json()
    validate(spec)
    operations = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert operations == {
        ("GET", f"{API}/quotes"),
        ("GET", f"{API}/speakers"),
        ("GET", f"{API}/speakers/{{speaker_id}}"),
        ("GET", f"{API}/articles"),
        ("GET", f"{API}/articles/{{article_id}}"),
        ("GET", f"{API}/stats"),
        ("GET", f"{API}/dashboard"),
        ("POST", f"{API}/extract"),
        ("POST", f"{API}/articles"),
        ("POST", f"{API}/speakers/{{speaker_id}}/merge"),
        ("POST", f"{API}/speakers/{{speaker_id}}/split"),
    }
    quote_params = {p["name"] for p in spec["paths"][f"{API}/quotes"]["get"]["parameters"]}
    assert {"q", "speaker", "outlet", "since", "until", "type", "act", "limit"} <= quote_params


def test_docs_page_uses_only_this_servers_assets(client: TestClient) -> None:
    page = client.get(f"{API}/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert f"{API}/docs-assets/swagger-ui-bundle.js" in assets
    assert not [a for a in assets if "//" in a], "nothing may come from another site"
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("path", ["/", "/speakers/2", "/articles/1", "/try", "/dashboard"])
def test_every_view_has_its_own_url_serving_the_page(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and 'id="app"' in page.text
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert "/static/app.js" in assets and "/static/style.css" in assets
    assert not [a for a in assets if "//" in a], "nothing may come from another site"


def test_page_script_inserts_text_as_text_never_as_html(client: TestClient) -> None:
    script = client.get("/static/app.js").text
    assert len(script) > 1000
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert unsafe not in script, unsafe


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for path in ("/", f"{API}/stats", f"{API}/nothing"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_a_foreign_host_name_is_refused(db: Path) -> None:
    with make_client(db) as test_client:
        error = error_of(test_client.get(f"{API}/stats", headers={"host": "evil.example"}), 421)
        assert "Host" in error
        ok = test_client.get(f"{API}/stats", headers={"host": "127.0.0.1:8000"})
        assert ok.status_code == 200


# -- quotes --------------------------------------------------------------------------------


def test_quotes_are_shaped_like_the_extract_contract(client: TestClient) -> None:
    body = client.get(f"{API}/quotes", params={"speaker": "Lindqvist"}).json()
    hit = body["quotes"][0]
    expected = Quote.from_dict(ARTICLES[4].quotes[0].to_dict()).to_dict()
    assert hit["quote"] == expected
    assert hit["article"]["outlet"] == "Fjord Weekly" and hit["article"]["doc_id"] == "a5"
    assert hit["speaker"]["name"] == "Ola Lindqvist" and hit["speaker"]["kind"] == "person"


def test_quotes_total_counts_every_hit_not_the_page(client: TestClient) -> None:
    body = client.get(f"{API}/quotes", params={"limit": 2}).json()
    assert body["total"] == 5 and len(body["quotes"]) == 2
    assert body["limit"] == 2 and body["offset"] == 0 and body["next_offset"] == 2
    seen = [h["id"] for h in body["quotes"]]
    for offset in (2, 4):
        page = client.get(f"{API}/quotes", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == 5
        seen += [h["id"] for h in page["quotes"]]
    assert len(seen) == len(set(seen)) == 5
    assert page["next_offset"] is None


def test_quotes_newest_first_speech_by_default(client: TestClient) -> None:
    body = client.get(f"{API}/quotes").json()
    dates = [hit["article"]["published"] for hit in body["quotes"]]
    assert dates == sorted(dates, reverse=True)
    assert "The harbour deal is doomed" not in texts(client.get(f"{API}/quotes"))
    assert texts(client.get(f"{API}/quotes", params={"act": "thought"})) == [
        "The harbour deal is doomed"
    ]
    assert client.get(f"{API}/quotes", params={"act": "all"}).json()["total"] == 6


def test_quote_filters(client: TestClient) -> None:
    def found(**params: Any) -> list[str]:
        return sorted(texts(client.get(f"{API}/quotes", params=params)))

    assert found(q="harbour") == ["The harbour will reopen in May", "We will win the harbour vote"]
    assert found(q='"tired of waiting"') == ["Belvania is tired of waiting"]
    assert found(q="harb*") == ["The harbour will reopen in May", "We will win the harbour vote"]
    assert found(q="harbour NOT vote") == ["The harbour will reopen in May"]
    assert found(q="(ferry OR fishermen) NOT harbour") == [
        "Nobody asked the fishermen",
        "The ferry fares are too high",
    ]
    assert found(speaker="Ulvik") == [
        "Belvania is tired of waiting",
        "The ferry fares are too high",
    ]
    assert found(outlet="valley courier") == [
        "Belvania is tired of waiting",
        "The harbour will reopen in May",
    ]
    assert found(type="mixed") == ["Nobody asked the fishermen"]
    assert found(since="2024-02", until="2024-05") == ["Belvania is tired of waiting"]
    assert found(speaker="Jana Novak", outlet="Harbour Gazette") == ["We will win the harbour vote"]
    assert found(q="submarine") == []
    assert len(found(q="", speaker="", outlet="", type="", since="", until="", act="")) == 5
    ulvik = speaker_id(client, "Terence Ulvik")
    assert found(speaker_id=ulvik, q="ferry") == ["The ferry fares are too high"]


def test_search_newest_first_or_by_relevance(client: TestClient) -> None:
    newest = texts(client.get(f"{API}/quotes", params={"q": "harbour OR reopen"}))
    assert newest == ["We will win the harbour vote", "The harbour will reopen in May"]
    best = texts(
        client.get(f"{API}/quotes", params={"q": "harbour OR reopen", "sort": "relevance"})
    )
    assert best == ["The harbour will reopen in May", "We will win the harbour vote"]
    ranked = client.get(f"{API}/quotes", params={"q": "harbour", "sort": "relevance", "limit": 1})
    assert ranked.json()["total"] == 2 and ranked.json()["next_offset"] == 1
    assert "unknown order" in error_of(client.get(f"{API}/quotes?sort=random"), 400)


def test_search_highlights_are_offsets_of_the_matched_words(client: TestClient) -> None:
    hits = client.get(f"{API}/quotes", params={"q": "harbour vote"}).json()["quotes"]
    assert len(hits) == 1
    text = hits[0]["quote"]["text"]
    assert [text[s:e] for s, e in hits[0]["highlights"]] == ["harbour", "vote"]


def test_speaker_filter_takes_percent_and_underscore_literally(client: TestClient) -> None:
    for pattern in ("%", "_", "%a%", "N_vak"):
        assert client.get(f"{API}/quotes", params={"speaker": pattern}).json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 2**63}, "offset"),
        ({"offset": 2**64 + 1}, "offset"),
        ({"offset": "²"}, "offset"),
        ({"speaker_id": 2**63}, "speaker_id"),
        ({"speaker_id": "①"}, "speaker_id"),
        ({"type": "rumour"}, "type must be one of direct, mixed, indirect"),
        ({"act": "dream"}, "act must be one of speech, thought or all"),
        ({"since": "last week"}, "is not a date"),
        ({"until": "2024-13-45x"}, "is not a date"),
        ({"speakr": "Novak"}, "unknown parameter 'speakr'"),
        ({"q": "(harbour"}, "never closed"),
        ({"q": "harbour)"}, "no '('"),
        ({"q": "harbour OR"}, "'OR' needs a search term after it"),
        ({"q": '"unbalanced'}, "never closed"),
        ({"q": "AND OR"}, "'AND' needs a search term before it"),
        ({"q": "col:"}, "'col:' asks for a column"),
    ],
)
def test_bad_quote_parameters_are_400_with_a_message(
    client: TestClient, query: dict[str, Any], message: str
) -> None:
    assert message in error_of(client.get(f"{API}/quotes", params=query), 400)


def test_a_malformed_search_answers_400_with_its_error_code(client: TestClient) -> None:
    response = client.get(f"{API}/quotes", params={"q": '"unbalanced'})
    assert "never closed" in error_of(response, 400)
    assert response.json()["code"] == "NQ301"


def test_a_query_of_thousands_of_words_is_refused_at_once(client: TestClient) -> None:
    words = " ".join(f"word{i}" for i in range(5000))  # about 44 KB: under the request-line limit
    started = time.monotonic()
    response = client.get(f"{API}/quotes", params={"q": words})
    assert "at most 500 characters" in error_of(response, 400)
    many = " ".join(f"w{i}" for i in range(60))  # short enough, but too many terms
    assert "at most 24 are allowed" in error_of(
        client.get(f"{API}/quotes", params={"q": many}), 400
    )
    assert time.monotonic() - started < 5


def test_a_search_running_past_its_time_is_stopped_with_400(db: Path) -> None:
    limits = ServeLimits(extract_workers=0, query=QueryLimits(max_seconds=0.0, check_every=1))
    with make_client(db, limits=limits) as slow:
        assert "took longer than" in error_of(
            slow.get(f"{API}/quotes", params={"q": "harbour"}), 400
        )
        assert slow.get(f"{API}/stats").status_code == 200


# -- speakers, articles, dashboard ---------------------------------------------------------


def test_speakers_most_quoted_first_with_total(client: TestClient) -> None:
    body = client.get(f"{API}/speakers", params={"limit": 2}).json()
    assert body["total"] == 4 and len(body["speakers"]) == 2
    assert {s["name"] for s in body["speakers"]} == {"Jana Novak", "Terence Ulvik"}
    assert all(s["quotes"] == 2 for s in body["speakers"])
    assert client.get(f"{API}/speakers", params={"name": "ida"}).json()["total"] == 1
    assert client.get(f"{API}/speakers", params={"name": "%"}).json()["total"] == 0
    assert "kind must be one of" in error_of(client.get(f"{API}/speakers?kind=alien"), 400)


def test_speaker_page_data(client: TestClient) -> None:
    ulvik = speaker_id(client, "Terence Ulvik")
    profile = client.get(f"{API}/speakers/{ulvik}").json()
    assert profile["name"] == "Terence Ulvik" and profile["kind"] == "person"
    assert profile["quotes"] == 2 and profile["articles"] == 2
    assert profile["roles"] == ["analyst"] and profile["descriptions"] == ["an analyst"]
    assert profile["aliases"] == [] and profile["organizations"] == []
    assert profile["per_month"] == [
        {"label": "2023-11", "quotes": 1},
        {"label": "2024-05", "quotes": 1},
    ]
    assert profile["per_week"] == [  # the Mondays starting each week
        {"label": "2023-11-20", "quotes": 1},
        {"label": "2024-04-29", "quotes": 1},
    ]
    assert {o["label"] for o in profile["outlets"]} == {"Harbour Gazette", "Valley Courier"}
    novak = client.get(f"{API}/speakers/{speaker_id(client, 'Jana Novak')}").json()
    assert novak["organizations"] == ["Harbour Party"]


@pytest.mark.parametrize("bad", ["%C2%B2", "%E2%91%A0", str(2**63), str(2**64), "-1", "0", "x"])
def test_odd_ids_are_400_never_500(client: TestClient, bad: str) -> None:
    for path in (f"{API}/speakers/{bad}", f"{API}/articles/{bad}"):
        assert error_of(client.get(path), 400)


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert error_of(client.get(f"{API}/speakers/999"), 404) == "no speaker 999 in the corpus"
    assert error_of(client.get(f"{API}/articles/999"), 404) == "no article 999 in the corpus"
    assert error_of(client.get(f"{API}/no-such-thing"), 404)
    assert error_of(client.get(f"{API}/extract"), 405)


def test_article_view_is_the_extract_contract_with_corpus_speakers(client: TestClient) -> None:
    hit = client.get(f"{API}/quotes", params={"speaker": "Lindqvist"}).json()["quotes"][0]
    view = client.get(f"{API}/articles/{hit['article']['id']}").json()
    stored = ARTICLES[4].to_dict()
    assert view["article"] == stored
    assert view["speakers"] == {"s1": hit["speaker"]}
    assert view["quote_speakers"] == {"q1": hit["speaker"]["id"]}


def test_article_list_has_totals_and_paging(client: TestClient) -> None:
    body = client.get(f"{API}/articles", params={"limit": 4}).json()
    assert body["total"] == 6 and len(body["articles"]) == 4 and body["next_offset"] == 4
    assert body["articles"][0]["doc_id"] == "a4" and body["articles"][0]["quotes"] == 1
    gazette = client.get(f"{API}/articles", params={"outlet": "harbour gazette"}).json()
    assert {a["doc_id"] for a in gazette["articles"]} == {"a3", "a4"} and gazette["total"] == 2


def test_stats_count_the_corpus_and_hide_server_folders(client: TestClient, db: Path) -> None:
    stats = client.get(f"{API}/stats").json()
    assert stats["articles"] == 6 and stats["quotes"] == 6 and stats["speakers"] == 4
    assert stats["path"] == db.name
    assert stats["outlet_names"] == ["Fjord Weekly", "Harbour Gazette", "Valley Courier"]


def test_dashboard_counts_speech_by_default(client: TestClient) -> None:
    board = client.get(f"{API}/dashboard").json()
    assert board["act"] == "speech" and board["quotes"] == 5
    assert {s["label"] for s in board["top_speakers"][:2]} == {"Jana Novak", "Terence Ulvik"}
    assert [d["label"] for d in board["per_day"]] == sorted(d["label"] for d in board["per_day"])
    assert sum(d["quotes"] for d in board["per_day"]) == 5
    assert {o["label"]: o["quotes"] for o in board["outlets"]} == {
        "Valley Courier": 2,
        "Harbour Gazette": 2,
        "Fjord Weekly": 1,
    }
    assert board["speaker_kinds"] == [{"label": "person", "quotes": 5}]
    assert board["organizations"] == [{"label": "Harbour Party", "quotes": 1}]
    everything = client.get(f"{API}/dashboard", params={"act": "all"}).json()
    assert everything["quotes"] == 6 and everything["act"] is None


def test_corpus_written_while_serving_is_seen_at_once(client: TestClient, db: Path) -> None:
    """Answers are reused, but never after the corpus has changed (here, by another process's
    kind of write: a separate connection)."""
    before = client.get(f"{API}/quotes", params={"q": "snow"}).json()
    assert before["total"] == 0 and client.get(f"{API}/dashboard").json()["quotes"] == 5
    with Corpus(db) as corpus:
        corpus.add(make_article("a7", "Snow is coming", "Pia Holm", published="2024-12-01"))
    assert texts(client.get(f"{API}/quotes", params={"q": "snow"})) == ["Snow is coming"]
    assert client.get(f"{API}/dashboard").json()["quotes"] == 6


def test_hostile_strings_come_back_as_json_data(client: TestClient, db: Path) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    article = make_article("evil", f"Hello {evil}", f"Eve {evil}", published="2024-03-03")
    article.title = evil
    with Corpus(db) as corpus:
        corpus.add(article)
    response = client.get(f"{API}/quotes", params={"q": "script alert"})
    assert response.headers["content-type"].startswith("application/json")
    hit = response.json()["quotes"][0]
    assert evil in hit["quote"]["text"] and hit["article"]["title"] == evil


# -- extract and ingest --------------------------------------------------------------------


def test_extract_loads_the_pipeline_once_and_only_when_asked(client: TestClient) -> None:
    client.get(f"{API}/quotes")
    assert FakePipeline.made == 0
    first = client.post(f"{API}/extract", json={"text": 'She said: "Enough." Then she left.'})
    assert first.status_code == 200, first.text
    assert first.json()["quotes"][0]["text"] == '"Enough."'
    again = client.post(f"{API}/extract", json={"text": '"Twice," he said.', "id": "d7"})
    assert again.json()["id"] == "d7" and again.json()["quotes"][0]["text"] == '"Twice,"'
    assert FakePipeline.made == 1
    assert Article.from_dict(again.json()).to_dict() == again.json()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b'{"text": "   "}', "application/json", 400, "the text is empty"),
        (b'{"body": "no text"}', "application/json", 400, "needs a 'text' string field"),
        (b'["not", "an", "object"]', "application/json", 400, "must be a JSON object"),
        (b"{not json", "application/json", 400, "not valid JSON"),
        (b'{"text": "\xff\xfe bad"}', "application/json", 400, "not UTF-8"),
        (b'{"text": "ok", "id": ["x"]}', "application/json", 400, "'id' must be a string"),
        (b'{"text": "a \\ud800 b"}', "application/json", 400, "lone surrogate"),
        (b'{"text": "ok", "title": "\\udfff"}', "application/json", 400, "lone surrogate"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "nested too deeply"),
        (b'"Quote," she said.', "text/plain", 415, "application/json"),
        (b"text=hello", "application/x-www-form-urlencoded", 415, "application/json"),
    ],
)
def test_bad_extract_bodies_are_clean_4xx(
    client: TestClient, body: bytes, content_type: str, status: int, message: str
) -> None:
    response = client.post(f"{API}/extract", content=body, headers={"content-type": content_type})
    assert message in error_of(response, status)


def test_bodies_over_the_cap_are_413_before_the_pipeline(client: TestClient) -> None:
    million = client.post(f"{API}/extract", json={"text": "word " * 200_001})
    assert "taken here" in error_of(million, 413)
    huge = client.post(
        f"{API}/extract",
        content=b'{"text": "' + b"x" * 2_000_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert "larger than" in error_of(huge, 413)
    assert FakePipeline.made == 0
    too_big = client.post(f"{API}/extract", json={"text": "TOO BIG " * 10})
    assert "too many characters" in error_of(too_big, 413)


def test_a_chunked_body_over_the_cap_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):
            yield b"y" * 50_000
        yield b'"}'

    response = client.post(
        f"{API}/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "larger than" in error_of(response, 413)


def test_ingest_needs_the_token(client: TestClient, db: Path) -> None:
    story = {"text": '"The bridge is safe," said Pia Holm.', "id": "n1", "outlet": "Fjord Weekly"}
    assert "token" in error_of(client.post(f"{API}/articles", json=story), 401)
    wrong = {"authorization": "Bearer nope"}
    assert error_of(client.post(f"{API}/articles", json=story, headers=wrong), 401)
    auth = {"authorization": f"Bearer {TOKEN}"}
    created = client.post(f"{API}/articles", json=story, headers=auth)
    assert created.status_code == 201, created.text
    row = created.json()["id"]
    assert created.json()["stored"] is True
    assert client.get(f"{API}/articles/{row}").json()["article"]["outlet"] == "Fjord Weekly"
    again = client.post(f"{API}/articles", json=story, headers=auth)
    assert again.status_code == 200 and again.json() == {**created.json(), "stored": False}


def test_writing_is_off_without_a_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSQUOTES_TOKEN", raising=False)
    with make_client(db) as test_client:
        response = test_client.post(
            f"{API}/articles", json={"text": "x"}, headers={"authorization": "Bearer x"}
        )
        assert "writing is off" in error_of(response, 403)
    monkeypatch.setenv("NEWSQUOTES_TOKEN", "from-env")
    with make_client(db) as test_client:
        merge = test_client.post(
            f"{API}/speakers/1/merge?other=2", headers={"authorization": "Bearer from-env"}
        )
        assert merge.status_code == 200, merge.text


def test_merge_and_split_speakers_behind_the_token(client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    novak, ulvik = speaker_id(client, "Jana Novak"), speaker_id(client, "Terence Ulvik")
    assert error_of(client.post(f"{API}/speakers/{novak}/merge?other={ulvik}"), 401)
    merged = client.post(f"{API}/speakers/{novak}/merge?other={ulvik}", headers=auth)
    assert merged.status_code == 200, merged.text
    one = merged.json()["speaker"]
    both = client.get(f"{API}/speakers/{one}").json()
    assert both["quotes"] == 4 and {both["name"], *both["aliases"]} >= {
        "Jana Novak",
        "Terence Ulvik",
    }
    found = client.get(f"{API}/quotes", params={"speaker_id": one}).json()
    assert found["total"] == 4
    self_merge = client.post(f"{API}/speakers/{one}/merge?other={one}", headers=auth)
    assert "already one speaker" in error_of(self_merge, 400)

    split = client.post(f"{API}/speakers/{one}/split?name=Terence Ulvik", headers=auth)
    assert split.status_code == 200, split.text
    rest, new = split.json()["speaker"], split.json()["new_speaker"]
    assert client.get(f"{API}/speakers/{new}").json()["name"] == "Terence Ulvik"
    assert client.get(f"{API}/speakers/{new}").json()["quotes"] == 2
    assert client.get(f"{API}/speakers/{rest}").json()["quotes"] == 2
    belvania = client.get(f"{API}/quotes", params={"q": "Belvania"}).json()["quotes"][0]
    everything = client.post(
        f"{API}/speakers/{new}/split", params={"name": "Terence Ulvik"}, headers=auth
    )
    assert "nothing would be left" in error_of(everything, 400)
    assert belvania["speaker"]["id"] == new
    assert "name the names" in error_of(
        client.post(f"{API}/speakers/{new}/split", headers=auth), 400
    )


def test_extract_in_a_worker_does_not_hold_up_other_requests(db: Path) -> None:
    """A text that takes too long is stopped and answered 503, and meanwhile other requests
    (searches and a second extraction) are answered at once."""
    limits = ServeLimits(extract_workers=1, extract_timeout_s=4.0, extract_queue=0)
    with make_client(db, limits=limits) as test_client:
        warm = test_client.post(f"{API}/extract", json={"text": '"Warm," I said.'})
        assert warm.status_code == 200, warm.text  # the worker process has started
        with ThreadPoolExecutor(2) as pool:
            slow = pool.submit(
                test_client.post, f"{API}/extract", json={"text": f'"{SLOW_MARK}," I said.'}
            )
            time.sleep(0.5)
            started = time.monotonic()
            searched = test_client.get(f"{API}/quotes", params={"q": "harbour"})
            busy = test_client.post(f"{API}/extract", json={"text": '"Queued," I said.'})
            quick = time.monotonic() - started
            assert searched.json()["total"] == 2 and quick < 2.0
            assert "busy" in error_of(busy, 503)
            assert "took longer than 4 s" in error_of(slow.result(timeout=60), 503)
        after = test_client.post(f"{API}/extract", json={"text": '"Back," I said.'})
        assert after.status_code == 200 and after.json()["quotes"][0]["text"] == '"Back,"'


def test_a_worker_that_dies_is_replaced(db: Path) -> None:
    with make_client(db, limits=ServeLimits(extract_workers=1)) as test_client:
        died = test_client.post(f"{API}/extract", json={"text": f'"{DIE_MARK}," I said.'})
        assert "worker stopped" in error_of(died, 503)
        after = test_client.post(f"{API}/extract", json={"text": '"Alive," I said.'})
        assert after.status_code == 200 and after.json()["quotes"][0]["text"] == '"Alive,"'


@pytest.mark.slow
def test_extract_with_the_real_pipeline(db: Path) -> None:
    with make_client(db, pipeline_factory=None) as test_client:
        response = test_client.post(
            f"{API}/extract", json={"text": '"We will win," said Jana Novak, the party leader.'}
        )
    assert response.status_code == 200, response.text
    quotes = response.json()["quotes"]
    assert [(q["speaker_name"], q["text"]) for q in quotes] == [("Jana Novak", '"We will win,"')]


# -- command line and a real server --------------------------------------------------------


def test_serve_command_refuses_a_missing_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code != 0
    assert "no corpus at" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_serve_command_runs_uvicorn_on_loopback_by_default(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    frozen: list[int] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(len(calls)))
    result = CliRunner().invoke(
        cli_main, ["serve", "--db", str(db), "--port", "8765", "--token", TOKEN]
    )
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765
    assert frozen == [0]  # what was set up is left out of full collections, before serving
    with TestClient(calls[0]["app"], base_url="http://127.0.0.1:8765") as served:
        story = {"text": '"Open," said Pia Holm.'}
        bearer = {"authorization": f"Bearer {TOKEN}"}
        assert served.post(f"{API}/articles", json=story, headers=bearer).status_code == 201


@pytest.mark.parametrize("name", ["²", "①", str(2**63), str(2**70)])
def test_speaker_command_gives_a_clean_error_for_odd_numbers(db: Path, name: str) -> None:
    result = CliRunner().invoke(cli_main, ["speaker", name, "--db", str(db)])
    assert result.exit_code == 1
    assert "no speaker called" in result.output and "Traceback" not in result.output


@pytest.fixture
def live_server(db: Path) -> Iterator[str]:
    """The app under uvicorn on a real socket on 127.0.0.1, for as long as the test runs."""
    import socket

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(db, limits=THREAD_LIMITS, pipeline_factory=FakePipeline)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_real_http_round_trip_and_parallel_requests(live_server: str) -> None:
    def fetch(name: str) -> list[str]:
        url = f"{live_server}{API}/quotes?speaker={name}"
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert reply.headers["Content-Type"].startswith("application/json")
            return sorted(h["speaker"]["name"] for h in json.loads(reply.read())["quotes"])

    names = ["Novak", "Ulvik", "Lindqvist"] * 4
    with ThreadPoolExecutor(max_workers=6) as pool:
        found = list(pool.map(fetch, names))
    expected = {"Novak": ["Jana Novak"] * 2, "Ulvik": ["Terence Ulvik"] * 2}
    assert found == [expected.get(n, ["Ola Lindqvist"]) for n in names]
    request = urllib.request.Request(f"{live_server}/", headers={"Host": "rebound.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 421


def test_hand_built_speaker_kinds_show_on_the_dashboard(db: Path) -> None:
    text = '"We disagree," the ministry said.'
    article = Article(
        id="org1",
        text=text,
        published="2024-07-07",
        outlet="Fjord Weekly",
        quotes=[
            Quote(
                "q1",
                "direct",
                [(0, 15)],
                text[:15],
                cue=Span.of(text, 29, 33),
                speaker=Span.of(text, 16, 28),
                speaker_id="s1",
                speaker_name="Ministry of Fisheries",
            )
        ],
        speakers=[Speaker("s1", "Ministry of Fisheries", "organization")],
    )
    with Corpus(db) as corpus:
        corpus.add(article)
    with make_client(db) as test_client:
        board = test_client.get(f"{API}/dashboard").json()
    assert {"label": "organization", "quotes": 1} in board["speaker_kinds"]
    assert {"label": "Ministry of Fisheries", "quotes": 1} in board["organizations"]


def test_answers_are_reused_until_the_corpus_changes(db: Path) -> None:
    from newsquotes.serve.cache import AnswerCache

    cache = AnswerCache(db, entries=2, ttl_s=60)
    made: list[int] = []

    def compute() -> int:
        made.append(1)
        return len(made)

    assert cache.get("a", compute) == 1 and cache.get("a", compute) == 1
    with Corpus(db) as corpus:
        corpus.add(make_article("a8", "Rain tomorrow", "Pia Holm"))
    assert cache.get("a", compute) == 2
    cache.get("b", compute), cache.get("c", compute)  # "a" is the oldest: pushed out
    assert cache.get("a", compute) == 5


def test_searches_asked_again_are_answered_without_the_corpus(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated search (or the same words in another order) is served from the kept answer,
    with the same body and the same security headers; a write retires it."""
    searched: list[str] = []
    real = Corpus.quote_page

    def counted(self: Corpus, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
        searched.append(text or "")
        return real(self, text, **kwargs)

    # The first connection creates the WAL file, which changes the corpus stamp once.
    assert client.get(f"{API}/stats").status_code == 200
    monkeypatch.setattr(Corpus, "quote_page", counted)
    first = client.get(f"{API}/quotes", params={"q": "harbour vote"})
    again = client.get(f"{API}/quotes", params={"q": "harbour vote"})
    reordered = client.get(f"{API}/quotes", params={"q": "vote harbour"})
    assert searched == ["harbour vote"]
    assert first.content == again.content == reordered.content
    assert texts(first) == ["We will win the harbour vote"]
    for answer in (again, reordered):
        assert answer.headers["content-security-policy"].startswith("default-src 'self'")
        assert answer.headers["x-content-type-options"] == "nosniff"
    story = {"text": '"The harbour vote is rigged," said Pia Holm.', "published": "2025-01-01"}
    bearer = {"authorization": f"Bearer {TOKEN}"}
    assert client.post(f"{API}/articles", json=story, headers=bearer).status_code == 201
    after = client.get(f"{API}/quotes", params={"q": "harbour vote"})
    assert len(searched) == 2 and after.json()["total"] == 2


def test_errors_are_not_kept(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str | None] = []
    real = Corpus.quote_page

    def counted(self: Corpus, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
        asked.append(kwargs.get("since"))
        return real(self, text, **kwargs)

    monkeypatch.setattr(Corpus, "quote_page", counted)
    for _ in range(2):
        assert "not a date" in error_of(
            client.get(f"{API}/quotes", params={"since": "2024-13"}), 400
        )
    assert asked == ["2024-13", "2024-13"]


def test_search_answers_are_the_same_with_or_without_the_index(db: Path) -> None:
    asked = [
        {"q": "harbour"},
        {"q": "harbour", "act": "all"},
        {"q": "harbour", "outlet": "valley COURIER"},
        {"speaker": "Ulvik", "act": "all"},
        {"since": "2024-02", "until": "2024-06", "limit": 2, "offset": 1},
        {"q": "the", "type": "direct"},
    ]
    plain = ServeLimits(extract_workers=0, search_index=False, cache_entries=0)
    with make_client(db) as indexed, make_client(db, limits=plain) as by_sql:
        for params in asked:
            expected = by_sql.get(f"{API}/quotes", params=params)
            assert expected.status_code == 200 and expected.json()["total"] > 0, params
            assert indexed.get(f"{API}/quotes", params=params).json() == expected.json()


PLAIN_AND_ODD_SEARCHES = [
    "",
    "q=harbour",
    "q=harbour+vote&limit=1",
    "q=Harbour&offset=1&limit=2",
    "q=caf%C3%A9&act=all",
    "q=harbour&type=&act=&sort=&speaker=&outlet=",  # blanks, as forms send them
    "speaker=Ulvik&act=all",
    "speaker=erence+U&act=all",  # no corpus speaker: LIKE on the quoted name
    "speaker=" + "x" * 200,
    "speaker=" + "x" * 201,
    "outlet=valley+COURIER&since=2024&until=2024-06",
    "since=2024-13",
    "type=indirect&act=all",
    "type=rumour",
    "act=thought",
    "act=bogus",
    "q=harbour&sort=relevance",
    "sort=newest&limit=100",
    "sort=bogus",
    "q=%22unbalanced",
    "q=" + "w" * 501,
    "limit=0",
    "limit=101",
    "limit=abc",
    "limit=",
    "limit=%2B5",
    "limit=05",
    "limit=2.0",
    "offset=-1",
    "offset=10000001",
    "speaker_id=%C2%B2",
    "speaker_id=1&act=all",
    "speaker_id=9223372036854775807",
    "speaker_id=9223372036854775808",
    "speaker_id=00000000000000000001",
    "article_id=2&act=all",
    "q=harbour&q=ferry",
    "speakr=Novak",
    "q=%FF%FE",
    "q=harbour%00",
]


@pytest.mark.parametrize("query", PLAIN_AND_ODD_SEARCHES)
def test_quick_searches_answer_as_fastapi_does(db: Path, query: str) -> None:
    """Plain searches skip FastAPI's parameter machinery; every answer, refusal or not, is
    the one FastAPI gives: status, body and headers."""
    slow = ServeLimits(extract_workers=0, quick_search=False)
    with make_client(db) as quick, make_client(db, limits=slow) as by_fastapi:
        expected = by_fastapi.get(f"{API}/quotes?{query}")
        answered = quick.get(f"{API}/quotes?{query}")
        assert (answered.status_code, answered.content) == (
            expected.status_code,
            expected.content,
        )
        assert dict(answered.headers) == dict(expected.headers)


def test_only_searches_the_index_can_answer_at_once_run_on_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word whose matches are not yet known is read from the full-text index on a worker
    thread; once known, its searches run on the event loop, as do searches without words."""
    import asyncio

    on_loop: list[bool] = []
    real = Corpus.quote_page

    def noted(self: Corpus, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(self, text, **kwargs)

    monkeypatch.setattr(Corpus, "quote_page", noted)
    for params in (
        {"q": "harbour"},  # the index is built and the word's matches read: a thread
        {"q": "harbour", "offset": 1},
        {"q": "harbour", "act": "all"},
        {"act": "all"},
        {"q": "harbour", "sort": "relevance"},  # SQL ranks every match: a thread
        {"q": "ferry"},  # a new word: a thread
        {"q": "ferry harbour", "act": "all"},  # both words known
    ):
        assert client.get(f"{API}/quotes", params=params).status_code == 200
    assert on_loop == [False, True, True, True, False, False, True]


def test_plain_search_parameters_are_read_as_starlette_reads_them() -> None:
    from newsquotes.serve.quick import Text, Whole, plain_arguments

    spec = {"q": Text(), "name": Text(3), "limit": Whole(1, 100)}
    assert plain_arguments(b"q=caf%C3%A9+bar&limit=07&name=", spec) == {
        "q": "café bar",
        "limit": 7,
        "name": "",
    }
    assert plain_arguments(b"", spec) == {}
    for odd in (b"limit=0", b"limit=1e2", b"limit=%2B5", b"limit=", b"name=abcd", b"q=a&q=b"):
        assert plain_arguments(odd, spec) is None, odd
    assert plain_arguments(b"other=1", spec) is None


def test_serve_command_runs_several_processes_when_asked(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from newsquotes.serve.api import APP_FACTORY, SERVE_ENV, app_from_environment

    calls: list[dict[str, Any]] = []
    frozen: list[int] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.delenv(SERVE_ENV, raising=False)
    result = CliRunner().invoke(
        cli_main, ["serve", "--db", str(db), "--processes", "2", "--token", TOKEN]
    )
    assert result.exit_code == 0, result.output
    assert calls[0]["app"] == APP_FACTORY and calls[0]["factory"] is True
    assert calls[0]["workers"] == 2 and calls[0]["access_log"] is False
    # Each process makes the app from the settings the command left in its environment.
    assert frozen == []  # the command's own process serves nothing
    with TestClient(app_from_environment(), base_url="http://127.0.0.1:8000") as served:
        assert frozen == [1]
        assert served.get(f"{API}/quotes", params={"q": "ferry"}).json()["total"] == 1
        story = {"text": '"Open," said Pia Holm.'}
        bearer = {"authorization": f"Bearer {TOKEN}"}
        assert served.post(f"{API}/articles", json=story, headers=bearer).status_code == 201


def test_the_search_index_is_rebuilt_once_per_corpus_change(db: Path) -> None:
    from newsquotes.serve.cache import AnswerCache, Snapshot

    built: list[int] = []
    snapshot = Snapshot(AnswerCache(db, entries=0, ttl_s=60), lambda: built.append(1) or len(built))
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert set(pool.map(lambda _: snapshot.get(), range(8))) == {1}  # one build, shared
    with Corpus(db) as corpus:
        corpus.add(make_article("a10", "Fog at the quay", "Pia Holm"))
    assert snapshot.get() == 2 and snapshot.get() == 2
    snapshot.clear()
    assert snapshot.get() == 3


def test_a_snapshot_is_ready_only_when_current(db: Path) -> None:
    """What decides whether a search may run on the event loop: no build waits there."""
    from newsquotes.serve.cache import AnswerCache, Snapshot

    snapshot = Snapshot(AnswerCache(db, entries=0, ttl_s=60), lambda: "index")
    assert not snapshot.ready()
    snapshot.get()
    assert snapshot.ready()
    with Corpus(db) as corpus:
        corpus.add(make_article("a12", "Snow in the pass", "Pia Holm"))
    assert not snapshot.ready()
    snapshot.get()
    assert snapshot.ready()
    renewing = threading.Event()
    finish = threading.Event()

    def build() -> str:
        if renewing.is_set():  # the renewal: held until the checks below are done
            assert finish.wait(10)
        return "index"

    own_limit = Snapshot(AnswerCache(db, entries=0, ttl_s=0.0), lambda: "index", ttl_s=60)
    own_limit.get()
    assert own_limit.ready()  # its own time limit, not the kept answers'
    expired = Snapshot(AnswerCache(db, entries=0, ttl_s=0.0), build)
    expired.get()
    assert not expired.ready()  # too old, and nobody renews it: a thread must
    renewing.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        renewal = pool.submit(expired.get)
        deadline = time.monotonic() + 10
        while not expired.ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert expired.ready()  # being renewed: the old one answers at once meanwhile
        finish.set()
        assert renewal.result(timeout=10) == "index"


def test_searches_during_an_ingest_see_every_stored_article_after_it(db: Path) -> None:
    """Readers under load while another connection writes: no errors, and once the writer
    is done the answers count everything it stored (kept answers and index retired)."""
    stories = [make_article(f"w{n}", f"Tide report {n}", "Pia Holm") for n in range(12)]
    failures: list[int] = []
    done = threading.Event()

    def write() -> None:
        with Corpus(db) as corpus:
            for story in stories:
                corpus.add(story)
        done.set()

    with make_client(db) as reading:

        def read(_: int) -> None:
            while not done.is_set():
                answer = reading.get(f"{API}/quotes", params={"q": "tide"})
                if answer.status_code != 200:
                    failures.append(answer.status_code)

        writer = threading.Thread(target=write)
        with ThreadPoolExecutor(max_workers=3) as pool:
            writer.start()
            list(pool.map(read, range(3)))
        writer.join()
        assert failures == []
        assert reading.get(f"{API}/quotes", params={"q": "tide"}).json()["total"] == len(stories)
        assert reading.get(f"{API}/quotes", params={"q": "tide report"}).json()["total"] == 12


def test_an_old_index_is_renewed_by_one_thread_while_others_use_it(db: Path) -> None:
    from newsquotes.serve.cache import AnswerCache, Snapshot

    building = threading.Event()
    finish = threading.Event()
    built: list[int] = []

    def build() -> int:
        built.append(1)
        if len(built) == 2:  # the renewal: hold it until the other readers have answered
            building.set()
            assert finish.wait(10)
        return len(built)

    snapshot = Snapshot(AnswerCache(db, entries=0, ttl_s=0.0), build)
    assert snapshot.get() == 1  # ttl 0: every later get finds it old
    with ThreadPoolExecutor(max_workers=1) as pool:
        renewing = pool.submit(snapshot.get)
        assert building.wait(10)
        assert [snapshot.get() for _ in range(3)] == [1, 1, 1]  # nobody waits for the build
        finish.set()
        assert renewing.result(timeout=10) == 2
    with Corpus(db) as corpus:  # a changed corpus is never answered from the old one
        corpus.add(make_article("a11", "Ice on the road", "Pia Holm"))
    assert snapshot.get() == 3
