"""Search under load: many concurrent clients searching a generated corpus over loopback.

Run: ``.venv/bin/python benchmarks/bench_serve.py [--articles 10000] [--clients 200]
[--seconds 60] [--processes 2]``. Builds (once, cached beside the system's temp files unless
``--db`` is given) a corpus of invented articles with 7 quotes each, starts ``newsquotes serve
--processes N`` on it in processes of its own, and runs the clients in this one (asyncio,
keep-alive HTTP/1.1, one request at a time each). Prints requests/s, latency percentiles,
errors, and the CPU time of clients and server. The bar: no errors and p95 under 200 ms for
200 clients on a 10,000-article corpus on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from newsquotes.model import Article, Quote, Span, Speaker
from newsquotes.store.corpus import Corpus

QUOTES_PER_ARTICLE = 7
SPEAKERS = 400
OUTLETS = ["Valley Courier", "Harbour Gazette", "Fjord Weekly", "Norland Post", "Coast Times"]
WORDS = [
    "harbour",
    "ferry",
    "quay",
    "storm",
    "fund",
    "fishermen",
    "council",
    "vote",
    "bridge",
    "herring",
    "fees",
    "boats",
    "season",
    "minister",
    "budget",
    "school",
    "road",
    "railway",
    "winter",
    "tourism",
    "wind",
    "farm",
    "hospital",
    "nurses",
    "teachers",
    "strike",
    "wages",
    "election",
    "coalition",
    "tax",
    "pension",
    "housing",
    "rent",
    "museum",
    "library",
    "forest",
    "river",
]
FIRST = ["Jana", "Tomas", "Ola", "Ida", "Terence", "Mara", "Pia", "Eli", "Nils", "Vera"]
LAST = ["Novak", "Berg", "Lindqvist", "Brandt", "Ulvik", "Quill", "Holm", "Strand", "Dahl"]
START_TIMEOUT_S = 60
DEFAULT_PROCESSES = 2
"""Server processes: one per core of the 2-core machine the bar is set for."""
SERVE = "import sys; from newsquotes.cli import main; sys.exit(main())"
WARM_UP_S = 3.0
WARM_UP_SEEDS = 1_000_000
"""The warm-up's clients are seeded from here: their searches are not the measured ones."""
PGRP_FIELD, UTIME_FIELD, STIME_FIELD = 2, 11, 12
"""Fields of /proc/PID/stat after the command name: process group, user and system time."""


def _speaker_name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}{i // 90 or ''}"


def make_article(i: int, rng: random.Random) -> Article:
    """An invented article: seven quoted sentences, each by one of a few speakers."""
    parts: list[str] = []
    quotes: list[Quote] = []
    speakers: dict[str, Speaker] = {}
    at = 0
    for k in range(QUOTES_PER_ARTICLE):
        who = rng.randrange(SPEAKERS)
        name = _speaker_name(who)
        local = f"s{who}"
        speakers.setdefault(local, Speaker(local, name, "person"))
        said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        quoted = f'"{said.capitalize()},"'
        sentence = f"{quoted} said {name}."
        cue_at = at + len(quoted) + 1
        quotes.append(
            Quote(
                f"q{k + 1}",
                "direct",
                [(at, at + len(quoted))],
                quoted,
                cue=Span(cue_at, cue_at + 4, "said"),
                speaker=Span(cue_at + 5, cue_at + 5 + len(name), name),
                speaker_id=local,
                speaker_name=name,
                confidence=0.9,
            )
        )
        parts.append(sentence)
        at += len(sentence) + 2
    day = rng.randrange(365)
    return Article(
        id=f"bench-{i}",
        text="\n\n".join(parts),
        title=f"Story {i}",
        outlet=OUTLETS[i % len(OUTLETS)],
        published=time.strftime("%Y-%m-%d", time.gmtime(1704067200 + day * 86400)),
        quotes=quotes,
        speakers=list(speakers.values()),
        source=f"bench/{i}",
    )


def build_corpus(path: Path, articles: int) -> None:
    rng = random.Random(7)
    started = time.monotonic()
    with Corpus(path) as corpus:
        have = corpus.stats()["articles"]
        for i in range(have, articles):
            corpus.add(make_article(i, rng))
            if i and i % 2000 == 0:
                print(f"  {i} articles ({time.monotonic() - started:.0f} s)", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int, processes: int) -> subprocess.Popen[bytes]:
    command = ["serve", "--db", str(db), "--port", str(port), "--processes", str(processes)]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,  # its own group, so stopping it stops all it started
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def random_query(rng: random.Random) -> str:
    """A search as people make them: one or two words, sometimes a filter or a later page."""
    params: dict[str, str | int] = {"q": " ".join(rng.sample(WORDS, rng.choice((1, 1, 2))))}
    roll = rng.random()
    if roll < 0.2:
        params["outlet"] = rng.choice(OUTLETS)
    elif roll < 0.3:
        params["since"], params["until"] = "2024-03", "2024-06"
    elif roll < 0.4:
        params["speaker"] = LAST[rng.randrange(len(LAST))]
    if rng.random() < 0.2:
        params["offset"] = 20 * rng.randint(1, 5)
    return "/api/v1/quotes?" + urlencode(params)


async def client(
    port: int, until: float, seed: int, latencies: list[float], errors: list[str]
) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            path = random_query(rng)
            started = time.monotonic()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            # The head in one read: the clients share the machine's two cores with the server,
            # so the less CPU they spend per answer the more the figures are the server's.
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, _, headers = head.partition(b"\r\n")
            length = 0
            for line in headers.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.monotonic() - started)
            status = status_line.split(b" ")[1:2]
            if status != [b"200"]:
                errors.append(f"{status_line.decode(errors='replace').strip()} for {path}")
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def load(
    port: int, clients: int, seconds: float, first_seed: int = 0
) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    until = started + seconds
    seeds = range(first_seed, first_seed + clients)
    await asyncio.gather(*(client(port, until, n, latencies, errors) for n in seeds))
    return latencies, errors, time.monotonic() - started


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def group_cpu_s(group: int) -> float | None:
    """CPU seconds used so far by the live processes of a process group (the server's), read
    from /proc; None where there is no /proc. Taken before and after the load, it leaves out
    the server's start and warm-up."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[PGRP_FIELD]) == group:
            ticks += int(fields[UTIME_FIELD]) + int(fields[STIME_FIELD])
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--processes", type=int, default=DEFAULT_PROCESSES, help="newsquotes serve --processes"
    )
    parser.add_argument("--db", type=Path, default=None, help="corpus to build or reuse")
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"newsquotes-bench-serve-{args.articles}.db"
    print(f"corpus {db.name}: {args.articles} articles x {QUOTES_PER_ARTICLE} quotes", flush=True)
    build_corpus(db, args.articles)
    port = free_port()
    load_before = os.getloadavg()[0]
    server = start_server(db, port, args.processes)
    try:
        # Warm every server process (its search index, its threads) with as many connections
        # as the measured clients, asking other searches than theirs (other seeds).
        asyncio.run(load(port, args.clients, WARM_UP_S, first_seed=WARM_UP_SEEDS))
        client_cpu = _cpu_s(resource.RUSAGE_SELF)
        server_cpu = group_cpu_s(server.pid)
        latencies, errors, elapsed = asyncio.run(load(port, args.clients, args.seconds))
        client_cpu = _cpu_s(resource.RUSAGE_SELF) - client_cpu
        server_after = group_cpu_s(server.pid)
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"clients {args.clients}, {elapsed:.0f} s, cores {os.cpu_count()}, "
        f"server processes {args.processes}"
    )
    print(
        f"CPU seconds: clients {client_cpu:.1f}, server {_cpu_s(resource.RUSAGE_CHILDREN):.1f} "
        f"(with its start and warm-up); load average before {load_before:.1f}, "
        f"after {load_after:.1f}"
    )
    print(f"requests {len(latencies)}, {len(latencies) / elapsed:.1f} /s, errors {len(errors)}")
    if server_cpu is not None and server_after is not None and latencies:
        during = server_after - server_cpu
        print(
            f"server CPU during the load: {during:.1f} s, "
            f"{1000 * during / len(latencies):.3f} ms per request"
        )
    if latencies:
        ms = [1000 * v for v in latencies]
        print(
            f"latency ms: p50 {percentile(ms, 0.5):.0f}  p95 {percentile(ms, 0.95):.0f}  "
            f"p99 {percentile(ms, 0.99):.0f}  mean {statistics.fmean(ms):.0f}  max {max(ms):.0f}"
        )
    for line in errors[:5]:
        print("  error:", line)
    p95 = percentile([1000 * v for v in latencies], 0.95) if latencies else float("inf")
    print("bar (no errors, p95 < 200 ms):", "met" if not errors and p95 < 200 else "NOT met")


if __name__ == "__main__":
    main()
