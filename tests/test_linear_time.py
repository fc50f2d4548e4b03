"""Work per article grows linearly with its length, whatever it holds: the number of function
calls the quote component makes (counted with cProfile, so the figure does not depend on the
machine) at most a little more than doubles when a pathological article doubles.
benchmarks/bench_worst_cases.py prints the seconds and memory."""

from __future__ import annotations

import cProfile
import pstats

import pytest
from spacy.tokens import Doc

from newsquotes.model import Article
from newsquotes.pipeline import default_pipeline

WORST_CASES = {
    "unbalanced opening marks": "\u201cword ",
    "frame without closing mark": "\u201cHarbour, said Novak. ",
    "one quote frame repeated": '"We will win," said Jana Novak. ',
    "chain of cues": "Novak said ",
    "lone straight marks": '" word " ',
}
TEXT_CHARS = 7_000
"""Long enough that a chain's clauses pass MAX_CLAUSE_CHARS (3,000), where work stops growing
with the square of the length, yet quick to parse."""
LINEAR_RATIO = 2.6
"""Twice the text may cost a little more than twice the calls (a longer sort, a bigger
entity list); a quadratic loop costs about four times."""


def component_calls(text: str) -> int:
    """Function calls the newsquotes component makes on an already parsed ``text``."""
    pipeline = default_pipeline()
    doc: Doc = pipeline._make_doc(Article(id="x", text=text))
    component = None
    for name, proc in pipeline.nlp.pipeline:
        if name == "newsquotes":
            component = proc
            break
        doc = proc(doc)
    assert component is not None
    profile = cProfile.Profile()
    profile.runcall(component, doc)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.mark.parametrize("frame", list(WORST_CASES.values()), ids=list(WORST_CASES))
def test_quote_component_work_is_linear_in_length(frame: str) -> None:
    repeats = TEXT_CHARS // len(frame)
    single = component_calls(frame * repeats)
    double = component_calls(frame * (2 * repeats))
    assert double <= LINEAR_RATIO * single, f"{single:,} calls, then {double:,} for twice the text"
