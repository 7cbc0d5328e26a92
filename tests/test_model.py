"""The domain model: accuracy on our gold set, multi-label calibrated scores, a 'none'
outcome, versioned saving, and a pipeline that stays model-free unless given one."""

import subprocess
import sys
from pathlib import Path

import pytest

from risktracker.analyze.train import load_gold, train_examples
from risktracker.enrich.annotate import text_document
from risktracker.enrich.model import DomainModel, RuleFeatures
from risktracker.enrich.pipeline import Enricher
from risktracker.evaluate import run_evaluation

GOLD = Path(__file__).parent / "gold" / "domains.jsonl"


@pytest.fixture(scope="module")
def model(kb) -> DomainModel:  # noqa: ANN001
    return train_examples(load_gold(GOLD, kb), kb)


def _predict(model: DomainModel, kb, text: str) -> tuple[str, ...]:  # noqa: ANN001
    return model.predict([text], [RuleFeatures(kb).features(text)])[0]


def test_gold_set_is_large_balanced_and_spread_over_years(kb) -> None:  # noqa: ANN001
    items = load_gold(GOLD, kb)
    assert len(items) >= 400
    counts = {d: sum(d in x.domains for x in items) for d in kb.domain_ids}
    counts["none"] = sum(not x.domains for x in items)
    assert min(counts.values()) >= 80, counts
    years = {int(line.split('"year": ')[1][:4]) for line in GOLD.read_text().splitlines()}
    assert years == set(range(2019, 2027))


def test_cross_validated_macro_f1_floor() -> None:
    report = run_evaluation("classify")
    # measured 0.879 macro-F1 (none 0.907); the rule labeller alone scores 0.792
    assert report.scores["macro_f1"] >= 0.85, report.text
    assert report.scores["none_f1"] >= 0.85, report.text
    assert report.scores["macro_f1"] > report.scores["rule_macro_f1"]
    assert "macro-F1" in report.text and "baseline: rule labeller alone" in report.text


def test_new_sentences_get_their_domains(model: DomainModel, kb) -> None:  # noqa: ANN001
    # sentences written for this test, not in the gold set
    assert _predict(
        model, kb, "The coast guard fired water cannon at a supply boat near the shoal."
    ) == ("security_defense",)
    assert "economic_tech_security" in _predict(
        model, kb, "Regulators fined the platform company and its shares fell ten percent."
    )
    assert "domestic_stability" in _predict(
        model, kb, "Police detained dozens of villagers who protested against a land grab."
    )
    assert _predict(model, kb, "The bakery sold out of mooncakes before the festival.") == ()


def test_probabilities_are_calibrated_per_domain_and_multi_label(
    model: DomainModel,
    kb,  # noqa: ANN001
) -> None:
    text = (
        "Beijing banned exports of rare earth magnets to American firms, while the PLA "
        "held live-fire drills in the Taiwan Strait."
    )
    probabilities = model.probabilities([text], [RuleFeatures(kb).features(text)])[0]
    assert set(probabilities) == {*kb.domain_ids, "none"}
    assert all(0.0 <= p <= 1.0 for p in probabilities.values())
    ranked = sorted(kb.domain_ids, key=probabilities.get, reverse=True)
    assert set(ranked[:2]) == {"economic_tech_security", "security_defense"}, probabilities
    assert "security_defense" in _predict(model, kb, text)


def test_every_domain_from_the_threshold_is_kept() -> None:
    domains = ("a", "b", "c")
    assert DomainModel.decide({"a": 0.9, "b": 0.6, "c": 0.1, "none": 0.05}, domains) == ("a", "b")
    # under the threshold: the best domain only when it beats none
    assert DomainModel.decide({"a": 0.4, "b": 0.2, "c": 0.1, "none": 0.3}, domains) == ("a",)
    assert DomainModel.decide({"a": 0.2, "b": 0.2, "c": 0.1, "none": 0.7}, domains) == ()


def test_saved_model_keeps_its_version_and_answers(model: DomainModel, kb) -> None:  # noqa: ANN001
    loaded = DomainModel.loads(model.dumps())
    text = "The foreign minister met his counterpart to prepare the summit."
    features = [RuleFeatures(kb).features(text)]
    assert loaded.version == model.version and model.version.startswith("m1-")
    assert loaded.probabilities([text], features) == model.probabilities([text], features)
    with pytest.raises(ValueError):
        DomainModel.loads(b"not a model")


def test_pipeline_with_a_model_adds_model_labels(model: DomainModel, kb) -> None:  # noqa: ANN001
    document = text_document(
        "Chinese warships shadowed the destroyer through the strait. "
        "The weather was mild on Sunday."
    )
    plain = Enricher(kb)(document)
    with_model = Enricher(kb, model=model)(document)
    assert "+model:" + model.version in with_model.version and "+model" not in plain.version
    assert all(x.assigned_by == "rule" for x in plain.labels)
    mine = [x for x in with_model.labels if x.assigned_by == "model"]
    assert ("domain", "security_defense", 0) in {(x.target, x.value, x.sentence) for x in mine}
    assert not [x for x in mine if x.sentence == 1]  # the weather is about no domain
    assert any(x.sentence is None for x in mine)
    assert set(plain.labels) <= set(with_model.labels)  # the rule labels stay


def test_annotate_without_a_model_does_not_import_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from risktracker.kb import load_kb\n"
        "from risktracker.enrich.annotate import annotate\n"
        "annotate('The PLA held drills near Taiwan.', load_kb())\n"
        "assert 'sklearn' not in sys.modules, 'scikit-learn imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
