"""Time and memory per article on synthetic worst cases, against ordinary news prose.

    python benchmarks/bench_worst_cases.py                  # 100,000 characters per case
    python benchmarks/bench_worst_cases.py --chars 1000000  # the longest article parsed
    python benchmarks/bench_worst_cases.py --case "chain of cues" --chars 300000

Each case runs in a fresh process (so its peak memory is its own): the model is loaded, then
one article of the given length goes through the whole pipeline. Printed per case: seconds
and seconds per 100 kB (wall clock, and CPU time of the process, which a busy machine does
not inflate; the goal is judged on CPU time), peak resident memory of the process, the memory
the article added over the loaded model per 100 kB, and the quotes found. The goal: under
2 s and 300 MB per 100 kB whatever the article holds; spaCy's own parse is most of the time,
so the ``ordinary`` row (news prose) is the yardstick on a given machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

PER_CHARS = 100_000
GOAL_SECONDS = 2.0
GOAL_MB = 300.0
ORDINARY = (
    'The council met on Monday to debate the harbour levy. "We cannot keep the square open '
    'without it," said Jana Novak, who chairs the planning committee. Traders said they feared '
    "the change would drive away customers.\n\n"
    "Milan Horvat, a fisherman, told reporters that the levy was unfair. The mayor's office "
    "said it would publish the figures next week, and the opposition called for a vote.\n\n"
)
CASES = {
    "ordinary": ORDINARY,
    "unbalanced opening marks": "\u201cword ",
    "frame without closing mark": "\u201cHarbour, said Novak. ",
    "one quote frame repeated": '"We will win," said Jana Novak. ',
    "chain of cues": "Novak said ",
    "lone straight marks": '" word " ',
    "quote marks only": '"\u201c\u201d',
}


def article(case: str, chars: int) -> str:
    frame = CASES[case]
    return (frame * (chars // len(frame) + 1))[:chars]


def _megabytes(kilobytes: int) -> float:
    return kilobytes / 1024  # Linux reports ru_maxrss in KiB


def run_case(case: str, chars: int) -> dict[str, object]:
    """In this process: load the model, process one article, report the figures."""
    from newsquotes.model import Article
    from newsquotes.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline.process(Article(id="warm-up", text=ORDINARY))
    loaded = _megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    text = article(case, chars)
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        result = pipeline.process(Article(id=case, text=text))
        quotes: object = len(result.quotes)
    except Exception as exc:  # a documented refusal is a figure too
        quotes = f"{type(exc).__name__}"
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = _megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {
        "case": case,
        "chars": len(text),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak,
        "added_mb": max(0.0, peak - loaded),
        "quotes": quotes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=PER_CHARS)
    parser.add_argument("--case", choices=list(CASES), action="append")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.case[0], args.chars)))
        return
    print(
        f"{'case':<28} {'chars':>9} {'seconds':>8} {'s/100kB':>8} {'cpu/100kB':>9} {'peak MB':>8} "
        f"{'MB/100kB':>9} {'quotes':>7}"
    )
    for case in args.case or list(CASES):
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--case", case, "--chars", str(args.chars)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"{case:<28} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        per = PER_CHARS / max(1, int(row["chars"]))
        seconds, added = float(row["seconds"]) * per, float(row["added_mb"]) * per
        cpu = float(row["cpu_seconds"]) * per
        mark = "" if cpu < GOAL_SECONDS and added < GOAL_MB else "  (over the goal)"
        print(
            f"{case:<28} {row['chars']:>9,} {row['seconds']:>8.2f} {seconds:>8.2f} {cpu:>9.2f} "
            f"{row['peak_mb']:>8.0f} {added:>9.0f} {row['quotes']!s:>7}{mark}",
            flush=True,
        )
    print(
        f"goal: under {GOAL_SECONDS:.0f} s and {GOAL_MB:.0f} MB per 100 kB (MB/100kB is what "
        "the article added over the loaded model)"
    )


if __name__ == "__main__":
    main()
