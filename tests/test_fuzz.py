"""Fuzzing: random mixes of quote marks, names, cues, newlines and awkward Unicode (combining
marks, right-to-left text, zero-width characters, NUL, lone surrogates), and long repetitions
of one frame. No exception but the documented per-document errors; every span inside the text,
non-empty, and its text the text's slice. ``scripts/fuzz.py`` runs the same at scale."""

from __future__ import annotations

from fuzz_pieces import FRAMES, PIECES, run_one
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsquotes.pipeline import default_pipeline

mixed_texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(
    "".join
)
repeated_frames = st.builds(
    lambda frame, count: frame * count, st.sampled_from(FRAMES), st.integers(1, 120)
)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(mixed_texts, repeated_frames))
def test_any_text_gives_valid_quotes_or_a_documented_error(text: str) -> None:
    problem = run_one(default_pipeline(), text)
    assert problem is None, f"{problem} for {text!r}"
