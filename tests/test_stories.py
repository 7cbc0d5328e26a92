"""Stories: the same happening reported by several outlets counts once, a different one
does not join it, and rebuilding changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from risktracker.analyze import run_analyses
from risktracker.analyze.stories import build_stories
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.kb import KnowledgeBase
from risktracker.store import Store

# Four reports we wrote: two outlets on one sanctions announcement (same day and the
# next), one on a different happening (drills), one much later on new sanctions.
REPORTS = [
    (
        "a",
        "2021-03-22",
        "Wire One",
        "The European Union imposed sanctions on Chinese officials over Xinjiang.",
    ),
    (
        "b",
        "2021-03-23",
        "Wire Two",
        "The EU sanctioned four Chinese officials, its diplomats said on Monday.",
    ),
    ("c", "2021-03-23", "Wire Two", "The PLA held drills near Taiwan on Tuesday."),
    ("d", "2021-06-30", "Wire One", "The EU imposed fresh sanctions on Chinese officials."),
]


def _store(db_url: str, tmp_path: Path, kb: KnowledgeBase) -> Store:
    path = tmp_path / "reports.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": i, "published": d, "source": s, "text": t, "title": t[:40]})
            for i, d, s, t in REPORTS
        )
        + "\n",
        encoding="utf-8",
    )
    store = Store(db_url)
    assert ingest(store, [str(path)]).stored == 4
    enrich_pending(store, kb, workers=1)
    return store


def _stories(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT type, source_country, target_country, start_date, events, documents, "
                "sources FROM stories ORDER BY start_date, type"
            )
        ]


@pytest.fixture()
def store(db_url: str, tmp_path: Path, kb: KnowledgeBase) -> Store:
    return _store(db_url, tmp_path, kb)


def test_reports_of_one_happening_make_one_story(store: Store, kb: KnowledgeBase) -> None:
    build_stories(store, kb)
    sanctions = [s for s in _stories(store) if s[0] == "SANCTION" and s[2] == "CHN"]
    # March 22 and 23 are one story told by two documents of two sources; June is another
    assert [(s[3], s[4], s[5], s[6]) for s in sanctions] == [
        ("2021-03-22", 2, 2, 2),
        ("2021-06-30", 1, 1, 1),
    ]
    drills = [s for s in _stories(store) if s[0] == "MOBILIZE"]
    assert [(s[1], s[2], s[4]) for s in drills] == [("CHN", "TWN", 1)]


def test_every_event_belongs_to_its_story_and_rebuilding_changes_nothing(
    store: Store, kb: KnowledgeBase
) -> None:
    first = dict(run_analyses(store, kb, ("stories",)))["stories"]
    before = _stories(store)
    second = dict(run_analyses(store, kb, ("stories",)))["stories"]
    assert first == second and _stories(store) == before
    with store.engine.connect() as conn:
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM events e WHERE e.negated = 0 AND e.modality = 'asserted' "
            "AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.event_id = e.id "
            "AND m.story_id = e.story_id)"
        ).scalar()
    assert orphans == 0
