"""The event coder against the gold sentences we wrote (tests/gold/events.jsonl): the
scores must not fall under the pinned floors (measured, then set a little lower)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from risktracker.evaluate import run_evaluation

GOLD = Path(__file__).parent / "gold" / "events.jsonl"

FLOORS = {  # measured: 0.767, 0.925, 0.721, 0.693, 0.604, 0.995, 0.957, 0.875
    "type_f1": 0.75,
    "type_precision": 0.9,
    "source_f1": 0.7,
    "target_f1": 0.67,
    "event_f1": 0.58,
    "negated_accuracy": 0.97,
    "mode_accuracy": 0.93,
    "magnitude_accuracy": 0.82,
}


@pytest.fixture(scope="module")
def report():  # noqa: ANN201
    return run_evaluation("events", GOLD)


def test_gold_set_is_large_and_varied() -> None:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 300
    types = {e["type"] for item in items for e in item["events"]}
    assert len(types) == 16  # every PLOVER type occurs
    assert sum(1 for item in items if not item["events"]) >= 20  # sentences with no event
    assert sum(1 for item in items for e in item["events"] if e.get("negated")) >= 15


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_score_floor(report, name: str) -> None:  # noqa: ANN001
    assert report.scores[name] >= FLOORS[name], report.text


def test_report_prints_a_confusion_table(report) -> None:  # noqa: ANN001
    assert "precision" in report.text and "confusions" in report.text
    assert all(f"{t:10}" in report.text for t in ("AGREE", "SANCTION", "COERCE"))
