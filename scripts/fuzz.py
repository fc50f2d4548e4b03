"""Fuzz the pipeline at scale: random articles of quote marks, names, cues, newlines and awkward
Unicode, and long repetitions of one frame (the pieces are in ``tests/fuzz_pieces.py``).

    python scripts/fuzz.py                      # 100,000 inputs
    python scripts/fuzz.py --inputs 2000 --seed 7 --failures failures.jsonl
    python scripts/fuzz.py --max-repeats 400    # longer repeated frames (up to 12 kB)

An input fails when the pipeline raises anything but a documented per-document error, or when
a result breaks an invariant (a span outside the text or empty, a span's text not the text's
slice, output that cannot be written as UTF-8 JSON). Prints the inputs tried, the failures,
the throughput and the slowest input in CPU seconds per 10 kB (an input under 10 kB counts as
10 kB, so fixed costs do not dominate; CPU time, so a busy machine does not inflate it); the
goal is under 1 s per 10 kB.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_pieces import random_text, run_one  # noqa: E402

from newsquotes.pipeline import default_pipeline  # noqa: E402

PER_BYTES = 10_000
"""Slowness is reported per this many characters."""
REPORT_EVERY = 5_000
GOAL_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-pieces", type=int, default=40, help="pieces in a mixed input")
    parser.add_argument(
        "--max-repeats", type=int, default=100, help="repetitions of a frame in a repeated input"
    )
    parser.add_argument("--failures", type=Path, help="write failing inputs here as JSON Lines")
    args = parser.parse_args()

    pipeline = default_pipeline()
    rng = random.Random(args.seed)
    failures: list[dict[str, str]] = []
    slowest = (0.0, "", 0.0)  # (seconds per 10 kB, input, seconds)
    chars = 0
    started = time.perf_counter()
    for n in range(1, args.inputs + 1):
        text = random_text(rng, args.max_pieces, args.max_repeats)
        chars += len(text)
        begun = time.process_time()
        problem = run_one(pipeline, text)
        seconds = time.process_time() - begun
        rate = seconds / max(1.0, len(text) / PER_BYTES)
        if rate > slowest[0]:
            slowest = (rate, text, seconds)
        if problem is not None:
            failures.append({"input": text, "problem": problem})
            print(f"FAIL {problem}: {text[:120]!r}", flush=True)
        if n % REPORT_EVERY == 0:
            elapsed = time.perf_counter() - started
            print(f"{n:,} inputs, {len(failures)} failures, {elapsed:.0f}s", flush=True)
    elapsed = time.perf_counter() - started
    rate, text, seconds = slowest
    print(
        f"inputs tried: {args.inputs:,} ({chars:,} characters, {elapsed:.0f}s, "
        f"{args.inputs / elapsed:.0f} inputs/s)"
    )
    print(f"failures: {len(failures)}")
    print(
        f"slowest: {rate:.3f} CPU s per 10 kB ({seconds:.3f}s for {len(text):,} characters: "
        f"{text[:80]!r}); goal < {GOAL_SECONDS:.0f}s: {'met' if rate < GOAL_SECONDS else 'NOT met'}"
    )
    if args.failures is not None:
        with args.failures.open("w", encoding="utf-8") as out:
            for failure in failures:
                out.write(json.dumps(failure, ensure_ascii=True) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
