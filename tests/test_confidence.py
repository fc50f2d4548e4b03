"""Confidence comes from the learned judge shipped in the package."""

from __future__ import annotations

import pytest

from newsquotes.model import Article
from newsquotes.pipeline import Pipeline, extract
from newsquotes.quotes.learned import MODEL_RULE, model_weights, probability
from newsquotes.quotes.settings import EngineSettings


def test_the_shipped_model_has_weights_for_the_common_cues() -> None:
    weights = model_weights()
    assert "bias" in weights
    assert weights["lem=say"] > weights["lem=win"]
    assert weights["lem=endorse"] > weights["lem=get"]


def test_probability_is_the_logistic_of_the_summed_weights() -> None:
    weights = {"bias": -1.0, "a": 2.0, "b": 0.5}
    assert probability(["a", "b", "unknown"], weights) == pytest.approx(1 / (1 + 2.718281828**-1.5))
    assert probability([], {}) == 0.5


def test_a_said_quote_with_a_named_speaker_outranks_a_floating_one() -> None:
    text = (
        '"The pier stays shut until the storm season ends," said Mirela Sand, the harbour '
        "master.\n\nOthers disagreed.\n\nLater that week the notice was posted.\n\n"
        '"Nobody knows when the ferry will run again this year."'
    )
    quotes = extract(text).quotes
    said = next(q for q in quotes if q.cue is not None and q.cue.text == "said")
    floating = next(q for q in quotes if "Nobody knows" in q.text)
    assert said.confidence > floating.confidence
    assert said.confidence >= 0.9


def test_the_model_adds_attributions_the_rules_miss_and_can_be_switched_off() -> None:
    text = "The harbour union endorsed the plan to rebuild the pier before the winter storms."
    with_model = extract(text).quotes
    assert [q.via for q in with_model] == [MODEL_RULE]
    assert with_model[0].act == "thought"
    assert with_model[0].cue is not None and with_model[0].cue.text == "endorsed"
    rules_only = Pipeline(settings=EngineSettings(model=False))
    assert rules_only.nlp.get_pipe_config("newsquotes")["model"] is False
    assert rules_only.process(Article(id="a", text=text)).quotes == []


def test_of_two_attributions_claiming_the_same_words_the_more_probable_stays() -> None:
    from newsquotes.quotes.context import Attribution
    from newsquotes.quotes.learned import _without_overlaps

    sure = Attribution("indirect", [(10, 40)], (2, 3), (0, 5), 0.9, "indirect-indirect")
    nested = Attribution("indirect", [(20, 30)], (12, 13), (10, 15), 0.6, "speech-object")
    apart = Attribution("direct", [(50, 70)], None, None, 0.5, "floating")
    assert _without_overlaps([nested, sure, apart]) == [sure, apart]
