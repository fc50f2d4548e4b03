"""The REST API and web page, through Flask's test client on a corpus of invented articles.

Articles are built by hand (quotes already set), so most tests need neither the spaCy model
nor the network; ``/api/extract`` runs once with the real pipeline (marked slow) and otherwise
with a stand-in, which is how its error handling is checked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("flask", reason="the web server needs Flask: pip install 'newsquotes[serve]'")

from article_factory import make_article

from newsquotes.cli import main as cli_main  # noqa: E402
from newsquotes.errors import DocumentTooLargeError  # noqa: E402
from newsquotes.model import Article, Quote  # noqa: E402
from newsquotes.serve.api import ENDPOINTS, create_app  # noqa: E402
from newsquotes.store.corpus import Corpus  # noqa: E402

ARTICLES = [
    make_article(
        "a1",
        "The harbour will reopen in May",
        "Jana Novak",
        description="the party leader",
        roles=("party leader",),
        published="2024-01-15",
        url="https://valley-courier.example/2024/01/harbour",
        outlet="Valley Courier",
    ),
    make_article(
        "a2",
        "Belarus is tired of waiting",
        "Temur Umarov",
        description="an analyst",
        roles=("analyst",),
        published="2024-05-01",
        outlet="Valley Courier",
    ),
    make_article(
        "a3",
        "The ferry fares are too high",
        "Temur Umarov",
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


class FakePipeline:
    """Stands in for the spaCy pipeline: marks the first quoted stretch, counts its calls."""

    made = 0

    def __init__(self) -> None:
        FakePipeline.made += 1
        self.seen: list[str] = []

    def process(self, article: Article) -> Article:
        self.seen.append(article.text)
        if "TOO BIG" in article.text:
            raise DocumentTooLargeError(article.id, "too many characters", advice="split it")
        match = re.search(r'"[^"]*"', article.text)
        if match:
            article.quotes = [
                Quote("q1", "direct", [match.span()], match.group(), speaker_name="Ida Brandt")
            ]
        return article


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        for article in ARTICLES:
            assert corpus.add(article)
    return path


@pytest.fixture
def client(db: Path) -> Any:
    FakePipeline.made = 0
    app = create_app(db, pipeline_factory=FakePipeline)
    app.testing = True
    return app.test_client()


def texts(response: Any) -> list[str]:
    return [hit["text"].strip('",') for hit in response.get_json()["quotes"]]


# -- description and page ------------------------------------------------------------------


def test_api_description_lists_every_endpoint(client: Any) -> None:
    response = client.get("/api")
    assert response.status_code == 200
    body = response.get_json()
    paths = {(e["method"], e["path"]) for e in body["endpoints"]}
    assert paths == {(e["method"], e["path"]) for e in ENDPOINTS}
    assert ("GET", "/api/quotes") in paths and ("POST", "/api/extract") in paths
    quotes = next(e for e in body["endpoints"] if e["path"] == "/api/quotes")
    assert set(quotes["parameters"]) == {
        "q",
        "speaker",
        "outlet",
        "since",
        "until",
        "type",
        "limit",
        "offset",
    }


def test_index_page_and_its_assets_are_served_without_any_cdn(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="search-form"' in html and 'id="try-form"' in html and 'id="speakers"' in html
    assets = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert "/static/app.js" in assets and "/static/style.css" in assets
    assert not [a for a in assets if "//" in a], "everything must come from this server"
    for asset in ("/static/app.js", "/static/style.css"):
        response = client.get(asset)
        assert response.status_code == 200 and response.data
    script = client.get("/static/app.js").get_data(as_text=True)
    assert "innerHTML" not in script, "article text must be inserted as text, never as HTML"


# -- quotes --------------------------------------------------------------------------------


def test_quotes_without_filters_are_newest_first(client: Any) -> None:
    response = client.get("/api/quotes")
    assert response.status_code == 200
    body = response.get_json()
    dates = [hit["published"] for hit in body["quotes"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5
    assert body["count"] == 5 and body["has_more"] is False and body["next_offset"] is None
    first = body["quotes"][0]
    assert first["speaker"] == "Jana Novak" and first["outlet"] == "Harbour Gazette"


def test_quotes_filters(client: Any) -> None:
    assert sorted(texts(client.get("/api/quotes?q=harbour"))) == [
        "The harbour will reopen in May",
        "We will win the harbour vote",
    ]
    assert texts(client.get('/api/quotes?q="tired of waiting"')) == ["Belarus is tired of waiting"]
    assert sorted(texts(client.get("/api/quotes?speaker=Umarov"))) == [
        "Belarus is tired of waiting",
        "The ferry fares are too high",
    ]
    assert sorted(texts(client.get("/api/quotes?outlet=valley%20courier"))) == [
        "Belarus is tired of waiting",
        "The harbour will reopen in May",
    ]
    assert texts(client.get("/api/quotes?type=mixed")) == ["Nobody asked the fishermen"]
    assert texts(client.get("/api/quotes?since=2024-02&until=2024-05")) == [
        "Belarus is tired of waiting"
    ]
    assert texts(client.get("/api/quotes?speaker=Jana%20Novak&outlet=Harbour%20Gazette")) == [
        "We will win the harbour vote"
    ]
    assert client.get("/api/quotes?q=submarine").get_json()["quotes"] == []
    # Empty parameters, as an HTML form sends them, mean "no filter".
    assert len(texts(client.get("/api/quotes?q=&speaker=&outlet=&type=&since=&until="))) == 5


def test_quotes_paging(client: Any) -> None:
    first = client.get("/api/quotes?limit=2").get_json()
    assert first["count"] == 2 and first["has_more"] is True and first["next_offset"] == 2
    second = client.get("/api/quotes?limit=2&offset=2").get_json()
    last = client.get("/api/quotes?limit=2&offset=4").get_json()
    assert last["count"] == 1 and last["has_more"] is False and last["next_offset"] is None
    ids = [h["id"] for page in (first, second, last) for h in page["quotes"]]
    assert len(ids) == len(set(ids)) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=abc", "limit must be a whole number"),
        ("limit=0", "limit must be between 1 and 500"),
        ("limit=100000", "limit must be between 1 and 500"),
        ("offset=-1", "offset must be at least 0"),
        ("type=rumour", "type must be one of direct, mixed, indirect"),
        ("since=last%20week", "is not a date"),
        ("until=2024-13-45x", "is not a date"),
        ("speakr=Novak", "unknown parameter 'speakr'"),
    ],
)
def test_bad_quote_parameters_are_400_with_a_message(client: Any, query: str, message: str) -> None:
    response = client.get(f"/api/quotes?{query}")
    assert response.status_code == 400
    assert response.is_json
    body = response.get_json()
    assert body["status"] == 400 and message in body["error"]


# -- speakers and articles -----------------------------------------------------------------


def test_speakers_most_quoted_first(client: Any) -> None:
    body = client.get("/api/speakers").get_json()
    names = [s["name"] for s in body["speakers"]]
    assert set(names[:2]) == {"Jana Novak", "Temur Umarov"} and names[2] == "Ola Lindqvist"
    umarov = next(s for s in body["speakers"] if s["name"] == "Temur Umarov")
    assert umarov["quotes"] == 2 and umarov["outlets"] == ["Harbour Gazette", "Valley Courier"]
    assert len(client.get("/api/speakers?top=1").get_json()["speakers"]) == 1
    assert client.get("/api/speakers?top=none").status_code == 400


def test_speaker_profile_by_name_surname_and_id(client: Any) -> None:
    profile = client.get("/api/speakers/Temur%20Umarov").get_json()
    assert profile["name"] == "Temur Umarov"
    assert [q["published"] for q in profile["quotes"]] == ["2023-11-20", "2024-05-01"]
    assert profile["outlets"] == {"Harbour Gazette": 1, "Valley Courier": 1}
    assert profile["timeline"] == {"2023-11": 1, "2024-05": 1}
    assert "an analyst" in [d["description"] for d in profile["descriptions"]]
    assert client.get("/api/speakers/umarov").get_json()["id"] == profile["id"]
    assert client.get(f"/api/speakers/{profile['id']}").get_json()["name"] == "Temur Umarov"


def test_unknown_speaker_is_404(client: Any) -> None:
    response = client.get("/api/speakers/Nobody%20Atall")
    assert response.status_code == 404
    assert "Nobody Atall" in response.get_json()["error"]


def test_article_by_row_id_document_id_and_url(client: Any) -> None:
    hit = client.get("/api/quotes?speaker=Lindqvist").get_json()["quotes"][0]
    article = client.get(f"/api/articles/{hit['article_id']}").get_json()
    assert article["id"] == "a5" and article["outlet"] == "Fjord Weekly"
    assert article["quotes"][0]["text"] == '"Nobody asked the fishermen,"'
    assert article["speakers"][0]["name"] == "Ola Lindqvist"
    assert client.get("/api/articles/a2").get_json()["quotes"][0]["speaker_name"] == "Temur Umarov"
    by_url = client.get("/api/articles/https://valley-courier.example/2024/01/harbour")
    assert by_url.status_code == 200 and by_url.get_json()["id"] == "a1"


def test_unknown_article_is_404(client: Any) -> None:
    for missing in ("999", "no-such-story"):
        response = client.get(f"/api/articles/{missing}")
        assert response.status_code == 404
        assert response.get_json() == {
            "error": f"no article {missing!r} in the corpus",
            "status": 404,
        }


def test_stats_count_the_corpus_and_hide_server_folders(client: Any, db: Path) -> None:
    stats = client.get("/api/stats").get_json()
    assert stats["articles"] == 5 and stats["quotes"] == 5 and stats["speakers"] == 3
    assert stats["quotes_by_type"] == {"direct": 3, "mixed": 1, "indirect": 1}
    assert stats["outlets"] == 3
    assert stats["path"] == db.name


def test_unknown_route_and_wrong_method_answer_json(client: Any) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.is_json
    wrong = client.get("/api/extract")
    assert wrong.status_code == 405 and wrong.get_json()["status"] == 405


def test_corpus_written_while_serving_is_seen(client: Any, db: Path) -> None:
    with Corpus(db) as corpus:
        corpus.add(make_article("a6", "Snow is coming", "Ida Brandt", published="2024-12-01"))
    assert texts(client.get("/api/quotes?speaker=Brandt")) == ["Snow is coming"]


# -- extract -------------------------------------------------------------------------------


def test_extract_loads_the_pipeline_once_and_only_when_asked(client: Any) -> None:
    client.get("/api/quotes")
    assert FakePipeline.made == 0
    first = client.post("/api/extract", json={"text": 'She said: "Enough." Then she left.'})
    assert first.status_code == 200
    body = first.get_json()
    assert body["text"] == 'She said: "Enough." Then she left.'
    assert body["quotes"][0]["text"] == '"Enough."'
    raw = client.post(
        "/api/extract",
        data=b'"Twice," he said.',
        content_type="text/plain; charset=utf-8",
    )
    assert raw.status_code == 200 and raw.get_json()["quotes"][0]["text"] == '"Twice,"'
    # What ``curl -d @story.txt`` sends: the text as a form body; it is still taken as is.
    form = client.post(
        "/api/extract",
        data='"Fish & chips," Bo said.',
        content_type="application/x-www-form-urlencoded",
    )
    assert form.get_json()["text"] == '"Fish & chips," Bo said.'
    assert FakePipeline.made == 1


def test_extract_keeps_the_id_and_metadata_it_is_given(client: Any) -> None:
    body = client.post(
        "/api/extract",
        json={"text": '"Yes," said Ida.', "id": "draft-7", "outlet": "Fjord Weekly"},
    ).get_json()
    assert body["id"] == "draft-7" and body["outlet"] == "Fjord Weekly"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"json": {"text": "   "}}, "the text is empty"),
        ({"json": {"body": "no text field"}}, "needs a 'text' string field"),
        ({"json": ["not", "an", "object"]}, "must be a JSON object"),
        ({"data": "{not json", "content_type": "application/json"}, "must be a JSON object"),
        ({"data": b"\xff\xfe\x00bad", "content_type": "text/plain"}, "not UTF-8"),
        ({"data": b"", "content_type": "text/plain"}, "the text is empty"),
        ({"json": {"text": "ok", "id": ["x"]}}, "'id' must be a string"),
    ],
)
def test_bad_extract_bodies_are_400(client: Any, kwargs: dict[str, Any], message: str) -> None:
    response = client.post("/api/extract", **kwargs)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_extract_of_a_too_large_document_is_413(client: Any) -> None:
    response = client.post("/api/extract", json={"text": "TOO BIG " * 10})
    assert response.status_code == 413
    assert "too many characters" in response.get_json()["error"]


@pytest.mark.slow
def test_extract_with_the_real_pipeline(db: Path) -> None:
    client = create_app(db).test_client()
    response = client.post(
        "/api/extract", json={"text": '"We will win," said Jana Novak, the party leader.'}
    )
    assert response.status_code == 200
    quotes = response.get_json()["quotes"]
    assert [(q["speaker_name"], q["text"]) for q in quotes] == [("Jana Novak", '"We will win,"')]


# -- command line and a real server --------------------------------------------------------


def test_serve_command_refuses_a_missing_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code != 0
    assert "no corpus at" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_serve_command_runs_the_app_with_host_and_port(db: Path, monkeypatch) -> None:
    import flask

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(flask.Flask, "run", lambda self, **kw: calls.append(kw))
    result = CliRunner().invoke(cli_main, ["serve", "--db", str(db), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765


@pytest.fixture
def live_server(db: Path) -> Iterator[str]:
    """The app on a real socket on 127.0.0.1, on a free port, for as long as the test runs."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, create_app(db), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_real_http_round_trip(live_server: str) -> None:
    with urllib.request.urlopen(f"{live_server}/api/quotes?speaker=Novak", timeout=10) as reply:
        assert reply.headers["Content-Type"].startswith("application/json")
        body = json.loads(reply.read())
    assert sorted(h["text"].strip('",') for h in body["quotes"]) == [
        "The harbour will reopen in May",
        "We will win the harbour vote",
    ]


def test_parallel_requests_each_get_their_own_connection(live_server: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def fetch(name: str) -> str:
        url = f"{live_server}/api/speakers/{name}"
        with urllib.request.urlopen(url, timeout=10) as reply:
            return json.loads(reply.read())["name"]

    names = ["Novak", "Umarov", "Lindqvist"] * 4
    with ThreadPoolExecutor(max_workers=6) as pool:
        found = list(pool.map(fetch, names))
    assert found == [
        {"Novak": "Jana Novak", "Umarov": "Temur Umarov", "Lindqvist": "Ola Lindqvist"}[n]
        for n in names
    ]


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no headless Chromium at /usr/bin/chromium")
def test_page_renders_quotes_in_headless_chromium(live_server: str, tmp_path: Path) -> None:
    chromium = shutil.which(str(CHROMIUM)) or str(CHROMIUM)
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            f"{live_server}/",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    dom = done.stdout
    assert "Belarus is tired of waiting" in dom, done.stderr[-2000:]
    assert "Temur Umarov" in dom
