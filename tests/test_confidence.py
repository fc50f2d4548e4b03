"""Confidence comes from the calibration table shipped in the package."""

from __future__ import annotations

import json
from importlib import resources

from newsquotes.quotes.confidence import calibrated, class_key


def _table() -> dict[str, float]:
    raw = resources.files("newsquotes").joinpath("data/confidence.json").read_text("utf-8")
    return json.loads(raw)["classes"]


def test_a_known_class_takes_its_calibrated_share() -> None:
    table = _table()
    key = class_key("direct-post", "say", "name")
    assert key in table
    assert calibrated(key, prior=0.123) == table[key]
    assert 0.0 <= table[key] <= 1.0


def test_an_unseen_class_keeps_its_prior() -> None:
    assert calibrated(class_key("no-such-rule", "none", "none"), prior=0.42) == 0.42


def test_a_said_quote_with_a_named_speaker_outranks_a_floating_one() -> None:
    table = _table()
    assert (
        table[class_key("direct-post", "say", "name")]
        > table[class_key("floating", "none", "none")]
    )
