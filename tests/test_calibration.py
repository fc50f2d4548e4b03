"""The calibration stage: each finished quote's confidence comes from the shipped ensemble,
the same every run, without changing which quotes are found."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsquotes.errors import ModelNotFoundError
from newsquotes.model import Article
from newsquotes.pipeline import Pipeline, default_pipeline
from newsquotes.quotes.calibrate import (
    CALIBRATION_FORMAT,
    CalibrationSettings,
    Calibrator,
    Tree,
    load_calibrator,
)

ARTICLE = (
    '"We will rebuild the pier before the winter storms arrive," said Mirela Sand, the '
    "harbour master of Port Vell.\n\n"
    'Residents watched the cranes all week. "Maybe," someone wrote on a fence near the dock.\n\n'
    "Sand said the council had approved the money in March.\n\n"
    '"The boats are old, but they float," she said.'
)
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_calibration.py"


def quotes_of(pipeline: Pipeline, text: str = ARTICLE) -> list:
    return pipeline.process(Article(id="harbour", text=text)).quotes


def training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_calibration", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_shipped_ensemble_loads_and_the_component_uses_it() -> None:
    calibrator = load_calibrator()
    assert len(calibrator.trees) > 10
    assert "say" in calibrator.lemmas
    config = default_pipeline().nlp.get_pipe_config("newsquotes")
    assert config["calibrate"] is True
    assert config["calibration_drop_below"] == 0.0


def test_confidence_is_the_same_on_every_run() -> None:
    first = [(q.spans, q.confidence) for q in quotes_of(default_pipeline())]
    second = [(q.spans, q.confidence) for q in quotes_of(default_pipeline())]
    assert first == second
    assert len(first) >= 3


def test_a_clear_direct_quote_outranks_a_dubious_one() -> None:
    quotes = quotes_of(default_pipeline())
    clear = next(q for q in quotes if q.text.startswith('"We will rebuild'))
    dubious = next(q for q in quotes if q.text.startswith('"Maybe'))
    assert clear.speaker_name == "Mirela Sand"
    assert dubious.speaker_name is None
    assert clear.confidence >= 0.9
    assert clear.confidence > dubious.confidence


def test_calibration_changes_confidence_only(tmp_path: Path) -> None:
    """Another model file (here one constant leaf) gives other confidences, same quotes."""
    constant = Calibrator(0.0, (Tree(("",), (0.0,), (-1,), (-1,), (1.0,)),), frozenset())
    path = tmp_path / "constant.json"
    path.write_text(json.dumps(constant.to_dict()), "utf-8")
    other = Pipeline(calibration=CalibrationSettings(model_path=str(path)))
    shipped = quotes_of(default_pipeline())
    recalibrated = quotes_of(other)
    assert [(q.spans, q.cue, q.speaker_name) for q in recalibrated] == [
        (q.spans, q.cue, q.speaker_name) for q in shipped
    ]
    assert {q.confidence for q in recalibrated} == {round(1 / (1 + math.exp(-1.0)), 3)}
    assert {q.confidence for q in shipped} != {round(1 / (1 + math.exp(-1.0)), 3)}


def test_switched_off_the_quotes_keep_the_judges_probability() -> None:
    off = Pipeline(calibration=CalibrationSettings(enabled=False))
    assert off.nlp.get_pipe_config("newsquotes")["calibrate"] is False
    judged = quotes_of(off)
    calibrated = quotes_of(default_pipeline())
    assert [q.spans for q in judged] == [q.spans for q in calibrated]
    assert [q.confidence for q in judged] != [q.confidence for q in calibrated]


def test_a_drop_threshold_leaves_out_the_quotes_below_it() -> None:
    calibrated = quotes_of(default_pipeline())
    cut = sorted(q.confidence for q in calibrated)[1] + 1e-6
    strict = Pipeline(calibration=CalibrationSettings(drop_below=cut))
    kept = quotes_of(strict)
    assert kept and len(kept) < len(calibrated)
    assert all(q.confidence >= cut for q in kept)
    article = strict.process(Article(id="harbour", text=ARTICLE))
    referred = {q.speaker_id for q in article.quotes if q.speaker_id}
    assert {s.id for s in article.speakers} == referred


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-calibration.json"
    with pytest.raises(ModelNotFoundError, match="no-such-calibration.json") as caught:
        Pipeline(calibration=CalibrationSettings(model_path=str(missing)))
    assert "train_models.py" in str(caught.value)
    assert caught.value.code == "NQ001"


def test_a_file_of_another_kind_is_a_clear_error(tmp_path: Path) -> None:
    wrong = tmp_path / "weights.json"
    wrong.write_text(json.dumps({"weights": {"bias": 0.1}}), "utf-8")
    with pytest.raises(ModelNotFoundError, match="not a newsquotes calibration file"):
        load_calibrator(str(wrong))


def test_the_ensemble_survives_its_file_format() -> None:
    calibrator = load_calibrator()
    again = Calibrator.from_dict(json.loads(json.dumps(calibrator.to_dict())))
    row = {"judge": 0.8, "type=direct": 1.0, "lem=say": 1.0, "has_cue": 1.0}
    assert again.probability(row) == calibrator.probability(row)
    assert calibrator.to_dict()["format"] == CALIBRATION_FORMAT


def test_training_is_deterministic_and_learns_a_plain_signal() -> None:
    """The training script's booster, on rows where ``judge`` alone tells right from wrong."""
    script = training_script()
    rows = [{"judge": (n % 100) / 100, "noise": float(n % 7)} for n in range(600)]
    labels = [row["judge"] >= 0.3 for row in rows]
    first = script.fit(rows, labels, frozenset())
    second = script.fit(rows, labels, frozenset())
    assert first == second
    assert first.probability({"judge": 0.9}) > 0.9
    assert first.probability({"judge": 0.1}) < 0.1


def test_the_shipped_blend_gives_probabilities_and_weighs_both_parts() -> None:
    calibrator = load_calibrator()
    assert 0.0 < calibrator.tree_share < 1.0
    assert calibrator.linear  # the linear part is there and has weights
    for row in (
        {},
        {"judge": 0.99, "type=direct": 1.0, "lem=say": 1.0, "has_cue": 1.0},
        {"judge": 0.01, "via=model": 1.0, "chars": 9.0, "sent_cues": 5.0},
    ):
        assert 0.0 <= calibrator.probability(row) <= 1.0


def test_the_blend_mixes_the_log_odds_of_trees_and_linear_part() -> None:
    leaf = Tree(("",), (0.0,), (-1,), (-1,), (1.0,))
    blend = Calibrator(0.0, (leaf,), frozenset(), {"x": 2.0}, -1.0, 0.25)
    # trees say 1.0; linear says -1 + 2 * 3 = 5; blend 0.25 * 1 + 0.75 * 5 = 4.0
    assert blend.score({"x": 3.0}) == pytest.approx(4.0)
    assert blend.probability({"x": 3.0}) == pytest.approx(1 / (1 + math.exp(-4.0)))
    trees_only = Calibrator(0.0, (leaf,), frozenset(), {"x": 2.0}, -1.0, 1.0)
    assert trees_only.score({"x": 3.0}) == pytest.approx(1.0)


def test_a_trees_only_file_of_the_earlier_format_still_loads(tmp_path: Path) -> None:
    leaf = Tree(("",), (0.0,), (-1,), (-1,), (0.5,))
    data = Calibrator(0.25, (leaf,), frozenset({"say"})).to_dict()
    data["format"] = "newsquotes-calibration-1"
    for key in ("linear", "bias", "tree_share"):
        del data[key]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), "utf-8")
    old = load_calibrator(str(path))
    assert old.tree_share == 1.0 and old.linear == {}
    assert old.score({"judge": 0.3}) == pytest.approx(0.75)


def test_the_linear_part_is_deterministic_and_learns_a_plain_signal() -> None:
    script = training_script()
    rows = [{"judge": (n % 100) / 100, "noise": float(n % 7)} for n in range(600)]
    labels = [row["judge"] >= 0.3 for row in rows]
    first = script.fit_linear(rows, labels)
    assert first == script.fit_linear(rows, labels)
    weights, bias = first
    assert weights["judge"] > 0
    assert abs(weights.get("noise", 0.0)) < weights["judge"] / 10
    assert bias + weights["judge"] * 0.9 > 0 > bias + weights["judge"] * 0.05


def test_articles_fall_in_the_same_parts_whatever_their_order() -> None:
    script = training_script()
    names = [f"outlet_{n:02d}" for n in range(10)]
    parts = script.article_folds(names, 5)
    shuffled = names[3:] + names[:3]
    again = dict(zip(shuffled, script.article_folds(shuffled, 5), strict=True))
    assert dict(zip(names, parts, strict=True)) == again
    assert sorted(parts) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_a_judge_given_for_a_block_is_used_there_and_only_there() -> None:
    from newsquotes.quotes.learned import active_weights, judge_weights, model_weights

    # a judge that knows the rules (a rule it never saw keeps its prior) and rejects all
    known_rules = {f: 0.0 for f in model_weights() if f.startswith("rule=")}
    other = {"bias": -5.0, **known_rules}
    with judge_weights(other):
        assert active_weights() is other
        silent = quotes_of(Pipeline(calibration=CalibrationSettings(enabled=False)))
    assert active_weights() is model_weights()
    shipped = quotes_of(Pipeline(calibration=CalibrationSettings(enabled=False)))
    assert len(silent) < len(shipped)


def test_the_rows_hold_the_sentence_and_cue_link_features() -> None:
    pipeline = default_pipeline()
    nlp = pipeline.nlp
    doc = nlp(ARTICLE)
    from newsquotes.quotes.calibrate import calibration_rows
    from newsquotes.quotes.context import ArticleView

    view = ArticleView(doc, doc._.regions)
    rows = calibration_rows(view, doc._.quotes, doc._.speakers)
    reported = next(
        row
        for quote, row in zip(doc._.quotes, rows, strict=True)
        if quote.text.startswith("the council")
    )
    assert reported["link=ccomp"] == 1.0
    assert reported["c_has_subject"] == 1.0
    assert 0.0 < reported["sent_share"] < 1.0
    assert reported["sent_cues"] >= 1.0


def test_gold_evidence_of_a_cue_and_a_source_word_reaches_the_rows() -> None:
    """A cue lemma that the training gold often reports with rates higher than one it never
    reported with; the source mention's head word has its own rate."""
    from newsquotes.quotes.calibrate import Evidence, calibration_rows
    from newsquotes.quotes.context import ArticleView

    doc = default_pipeline().nlp(ARTICLE)
    view = ArticleView(doc, doc._.regions)
    evidence = Evidence(
        {"cue:say": 80, "cue+comp:say|ccomp": 40, "source:sand": 3},
        {"cue:say": 100, "cue+comp:say|ccomp": 50, "source:sand": 4},
    )
    rows = calibration_rows(view, doc._.quotes, doc._.speakers, evidence=evidence)
    blind = calibration_rows(view, doc._.quotes, doc._.speakers)
    reported = next(
        row
        for quote, row in zip(doc._.quotes, rows, strict=True)
        if quote.text.startswith("the council")
    )
    assert reported["ev_cue"] == pytest.approx((80 + 0.5) / (100 + 2.0), abs=1e-4)
    assert reported["ev_cue_comp"] == pytest.approx((40 + 0.5) / (50 + 2.0), abs=1e-4)
    assert reported["ev_source"] == pytest.approx((3 + 0.5) / (4 + 2.0), abs=1e-4)
    assert reported["ev_cue_gold"] == pytest.approx(math.log1p(80), abs=1e-4)
    # a calibration trained without evidence sees no evidence features; a word the gold
    # never used rates 0
    assert not any(f.startswith("ev_") for row in blind for f in row)
    assert Evidence({}, {}).rate("cue:unveil") == 0.0


def test_the_evidence_survives_the_file_format(tmp_path: Path) -> None:
    from newsquotes.quotes.calibrate import Evidence

    leaf = Tree(("",), (0.0,), (-1,), (-1,), (0.5,))
    evidence = Evidence({"cue:say": 5}, {"cue:say": 9})
    data = Calibrator(0.0, (leaf,), frozenset(), evidence=evidence).to_dict()
    path = tmp_path / "with-evidence.json"
    path.write_text(json.dumps(data), "utf-8")
    assert load_calibrator(str(path)).evidence == evidence
    del data["evidence"]  # a file written before the evidence features still loads
    older = tmp_path / "without-evidence.json"
    older.write_text(json.dumps(data), "utf-8")
    assert load_calibrator(str(older)).evidence == Evidence()


def test_training_counts_gold_cue_and_source_words_against_all_their_occurrences() -> None:
    """``unveiled`` occurs twice and heads a gold cue never: it gets no evidence; ``said``
    occurs twice and heads the one gold cue; ``Brand`` heads the gold source."""
    from newsquotes.evaluate.brat import GoldAttribution, GoldDocument

    script = training_script()
    text = (
        "Mayor Brand said the pier would reopen in May. "
        "Brand unveiled a plan. Later she unveiled a statue and said nothing."
    )
    doc = default_pipeline().nlp(text)
    cue = text.index("said")
    content = text.index("the pier")
    gold = GoldDocument(
        "velmora",
        text,
        [
            GoldAttribution(
                "E1",
                ((content, text.index(" in May")),),
                ((text.index("Brand"), text.index(" said")),),
                ((cue, cue + 4),),
            )
        ],
        "velmora.ann",
    )
    found, seen = script.evidence_counts(doc, gold)
    assert found["cue:say"] == 1 and seen["cue:say"] == 2
    assert found["cue+comp:say|ccomp"] == 1
    assert found["source:brand"] == 1 and seen["source:brand"] == 2
    assert seen["cue:unveil"] == 2 and "cue:unveil" not in found
    evidence = script.pooled([(found, seen), (found, seen)])
    assert evidence.gold["cue:say"] == 2 and evidence.seen["cue:say"] == 4
    assert evidence.rate("cue:unveil") == 0.0


SIGNED = (
    "Readers of the Velmora Courier wrote in after the ferry strike.\n\n"
    "“The crossing took four hours and nobody told us why.” ― Jaan Tamm\n\n"
    "“I missed my sister's wedding.” ― Rosa Ilves"
)


def test_a_dash_signature_keeps_its_rules_prior_where_training_never_saw_one() -> None:
    """PolNeAR's training articles hold no dash signature, so neither the judge nor the
    ensemble may rank one by what other verbless quotes there were like (a whole page of
    readers' signed replies was ranked below the narration around it)."""
    from newsquotes.quotes.direct import SIGNATURE_CONFIDENCE

    quotes = quotes_of(default_pipeline(), SIGNED)
    assert [(q.speaker_name, q.via) for q in quotes] == [
        ("Jaan Tamm", "signature"),
        ("Rosa Ilves", "signature"),
    ]
    assert {q.confidence for q in quotes} == {SIGNATURE_CONFIDENCE}
    assert (
        load_calibrator().rule_examples.get("signature", 0)
        < CalibrationSettings().min_rule_examples
    )


def test_a_rule_the_ensemble_saw_often_enough_is_judged_by_it(tmp_path: Path) -> None:
    constant = Calibrator(
        0.0,
        (Tree(("",), (0.0,), (-1,), (-1,), (1.0,)),),
        frozenset(),
        rule_examples={"signature": 50},
    )
    path = tmp_path / "seen.json"
    path.write_text(json.dumps(constant.to_dict()), "utf-8")
    quotes = quotes_of(Pipeline(calibration=CalibrationSettings(model_path=str(path))), SIGNED)
    assert {q.confidence for q in quotes} == {round(1 / (1 + math.exp(-1.0)), 3)}
    assert Calibrator.from_dict(json.loads(path.read_text("utf-8"))).judges("signature", 3)
    assert not constant.judges("block", 3)
    # a file from before the counts were kept judges every rule
    assert Calibrator(0.0, (), frozenset()).judges("block", 3)


def test_training_counts_the_quotes_of_each_rule() -> None:
    script = training_script()
    examples = [
        script.Example({"via=model": 1.0, "judge": 0.4}, True, "a"),
        script.Example({"via=model": 1.0, "judge": 0.7}, False, "b"),
        script.Example({"via=block": 1.0, "judge": 0.8}, True, "b"),
    ]
    assert script.rule_counts(examples) == {"model": 2, "block": 1}


def leaf(value: float) -> Tree:
    return Tree(("",), (0.0,), (-1,), (-1,), (value,))


def test_a_bag_scores_the_mean_of_its_blends_and_survives_the_file_format() -> None:
    main = Calibrator(0.0, (leaf(3.0),), frozenset({"say"}))
    bag = (Calibrator(0.0, (leaf(1.0),), frozenset()), Calibrator(0.0, (leaf(-1.0),), frozenset()))
    bagged = Calibrator(0.0, (leaf(3.0),), frozenset({"say"}), bag=bag)
    row = {"judge": 0.5}
    assert main.score(row) == 3.0
    assert bagged.score(row) == (3.0 + 1.0 - 1.0) / 3
    again = Calibrator.from_dict(json.loads(json.dumps(bagged.to_dict())))
    assert again.score(row) == bagged.score(row)
    assert [member.lemmas for member in again.bag] == [frozenset({"say"})] * 2
    assert len(load_calibrator().bag) == 5


def test_training_bags_one_blend_per_left_out_part() -> None:
    script = training_script()
    examples = [
        script.Example({"judge": j / 40, "via=model": 1.0}, j % 40 >= 12, f"article-{j % 10}")
        for j in range(200)
    ]
    calibrator = script.bagged(examples, 5)
    assert len(calibrator.bag) == 5
    assert all(member.lemmas == calibrator.lemmas for member in calibrator.bag)
    assert script.bagged(examples, 5).to_dict() == calibrator.to_dict()
    assert calibrator.probability({"judge": 0.9}) > calibrator.probability({"judge": 0.1})
    assert script.bagged(examples, 1).bag == ()
