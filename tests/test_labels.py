"""Analyst labels: recorded, kept through re-enrichment, winning in signals and training."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker.analyze.signals import compute_signals
from risktracker.analyze.train import load_domain_model, merge_examples, train
from risktracker.cli import app
from risktracker.enrich.run import enrich_pending
from risktracker.errors import InputError
from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.labels import LabelledText, add_analyst_label, analyst_examples

# three short briefs written for this test
BRIEFS = [
    (
        "t-1",
        "2022-03-02",
        "Warships drill near the island",
        "The navy held live-fire drills near the island on Monday. Fighter jets crossed "
        "the median line of the strait.",
    ),
    (
        "t-2",
        "2022-03-09",
        "Regulator fines platform",
        "The market regulator fined the platform company for abusing its dominant "
        "position. Its shares fell sharply in Hong Kong.",
    ),
    (
        "t-3",
        "2022-03-16",
        "Flower show opens",
        "The spring flower show opened in the park with thousands of peonies. "
        "Visitors queued at the gates.",
    ),
]


@pytest.fixture()
def store(tmp_path: Path, db_url: str, kb) -> Store:  # noqa: ANN001
    corpus = tmp_path / "briefs.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"id": i, "published": d, "title": t, "text": x, "source": "test briefs"})
            for i, d, t, x in BRIEFS
        ),
        encoding="utf-8",
    )
    opened = Store(db_url)
    ingest(opened, [str(corpus)])
    enrich_pending(opened, kb, workers=1)
    return opened


def _doc_id(store: Store, title: str) -> str:
    from risktracker.store.signals import document_signals

    docs = document_signals(store, *_span())
    return next(d.id for d in docs if d.title == title)


def _span():  # noqa: ANN202
    from datetime import date

    return date(2022, 3, 1), date(2022, 3, 31)


def _small_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    source = Path(__file__).parent / "gold" / "domains.jsonl"
    path.write_text("\n".join(source.read_text().splitlines()[::3]), encoding="utf-8")
    return path


def test_analyst_label_survives_re_enrichment(store: Store, kb) -> None:  # noqa: ANN001
    doc = _doc_id(store, "Flower show opens")
    add_analyst_label(store, f"{doc}:0", "domestic_stability", kb.domain_ids)
    enrich_pending(store, kb, workers=1, force=True)
    examples = analyst_examples(store)
    assert [(x.domains, x.origin) for x in examples] == [
        (("domestic_stability",), f"analyst:{doc}:0")
    ]
    assert examples[0].text.startswith("The spring flower show opened")


def test_none_replaces_the_analysts_domains_and_wins_in_signals(store: Store, kb) -> None:  # noqa: ANN001
    doc = _doc_id(store, "Warships drill near the island")
    before = compute_signals(store, kb, by="month", kind="domain", keys=("security_defense",))
    assert before[0].documents == 1 and doc in before[0].document_ids
    add_analyst_label(store, doc, "security_defense", kb.domain_ids)
    add_analyst_label(store, doc, "none", kb.domain_ids)
    after = compute_signals(store, kb, by="month", kind="domain", keys=("security_defense",))
    assert after[0].documents == 0 and after[0].sentences == ()
    assert [x.domains for x in analyst_examples(store)] == [()]


def test_bad_targets_are_clear_errors(store: Store, kb) -> None:  # noqa: ANN001
    doc = _doc_id(store, "Regulator fines platform")
    with pytest.raises(InputError, match="unknown domain"):
        add_analyst_label(store, doc, "weather", kb.domain_ids)
    with pytest.raises(InputError, match="no document"):
        add_analyst_label(store, "dmissing", "none", kb.domain_ids)
    with pytest.raises(InputError, match="has no sentence 9"):
        add_analyst_label(store, f"{doc}:9", "none", kb.domain_ids)
    with pytest.raises(InputError, match="not a sentence number"):
        add_analyst_label(store, f"{doc}:x", "none", kb.domain_ids)


def test_analyst_wins_over_gold_for_the_same_text() -> None:
    merged = merge_examples(
        [LabelledText("Same  text.", ("security_defense",), "gold:1")],
        [LabelledText("Same text.", (), "analyst:d1")],
    )
    assert merged == [LabelledText("Same text.", (), "analyst:d1")]


def test_train_saves_a_model_that_enrich_uses(store: Store, kb, tmp_path: Path) -> None:  # noqa: ANN001
    doc = _doc_id(store, "Flower show opens")
    add_analyst_label(store, doc, "none", kb.domain_ids)
    assert load_domain_model(store) is None
    summary = train(store, kb, gold=_small_gold(tmp_path))
    assert summary.by_origin["analyst"] == 1 and summary.new
    again = train(store, kb, gold=_small_gold(tmp_path))
    assert again.version == summary.version and not again.new  # same data, same version
    model = load_domain_model(store)
    assert model is not None and model.version == summary.version
    result = enrich_pending(store, kb, workers=1)
    assert result.enriched == 3  # the new model re-labels every document
    points = compute_signals(store, kb, by="month", kind="domain")
    assert sum(p.documents for p in points) >= 2


def test_cli_label_and_train(store: Store, db_url: str, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", db_url)
    doc = _doc_id(store, "Regulator fines platform")
    runner = CliRunner()
    result = runner.invoke(app, ["label", f"{doc}:1", "economic_tech_security"])
    assert result.exit_code == 0 and "analyst" in result.output
    result = runner.invoke(app, ["train", "--gold", str(_small_gold(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["origins"]["analyst"] == 1
