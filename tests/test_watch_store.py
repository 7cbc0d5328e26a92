"""The watchlist over a store: merging across documents, status, outcomes, CLI, iCalendar."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import text
from typer.testing import CliRunner

from risktracker import cli
from risktracker.analyze.watch import merge_watch
from risktracker.editions.ics import watch_calendar
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.watch import tracked_items

runner = CliRunner()

# Briefs written for these tests; ids let the tests cite them as evidence.
DOCS = [
    ("g20-announced", "2021-08-01", "G20 leaders to meet in Rome",
     "The G20 Leaders Summit will be held in Rome on October 30-31, Italian officials said."),
    ("g20-expected", "2021-09-15", "Rome prepares for summit",
     "G20 leaders are expected to gather for their summit in Rome in late October."),
    ("npc-session", "2021-08-05", "Legislature sets session",
     "The National People's Congress Standing Committee will convene on August 17-20."),
    ("npc-postponed", "2021-08-16", "Session moved",
     "The session of the National People's Congress Standing Committee was postponed to "
     "September, state media reported."),
    ("g20-held", "2021-11-01", "Summit ends with climate pledge",
     "The G20 summit in Rome was held on October 30-31 and closed with a pledge on climate."),
]  # fmt: skip


@pytest.fixture()
def store(tmp_path: Path, db_url: str, kb) -> Store:  # noqa: ANN001
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [
        json.dumps({"id": i, "published": p, "title": t, "text": x, "source": "watch tests"})
        for i, p, t, x in DOCS
    ]
    (folder / "briefs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(db_url)
    ingest(store, [str(folder)])
    enrich_pending(store, kb, workers=1)
    merge_watch(store, kb)
    return store


def _doc_id(store: Store, title: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM documents WHERE title = :t"), {"t": title}
        ).scalar_one()


def _by_expression(store: Store, as_of: date) -> dict[str, object]:
    return {i.expression: i for i in tracked_items(store, as_of=as_of)}


def test_items_about_one_happening_merge_and_the_precise_confirmed_date_wins(store) -> None:  # noqa: ANN001
    items = tracked_items(store, as_of=date(2021, 10, 1))
    (g20,) = [i for i in items if "Rome" in i.label]
    assert (g20.expression, g20.start, g20.end) == (
        "October 30-31",
        date(2021, 10, 30),
        date(2021, 10, 31),
    )
    assert g20.confidence == "confirmed" and g20.status == "upcoming"
    assert sorted(s.evidence.title for s in g20.sources) == [
        "G20 leaders to meet in Rome",
        "Rome prepares for summit",
    ]
    assert {s.confidence for s in g20.sources} == {"confirmed", "estimated"}
    assert len(items) == 2  # the summit and the committee session


def test_merging_twice_changes_nothing(store, kb) -> None:  # noqa: ANN001
    before = tracked_items(store, as_of=date(2021, 12, 1))
    merge_watch(store, kb)
    assert tracked_items(store, as_of=date(2021, 12, 1)) == before


def test_due_items_get_outcomes_proposed_from_later_reports(store) -> None:  # noqa: ANN001
    items = _by_expression(store, date(2021, 12, 1))
    g20, npc = items["October 30-31"], items["August 17-20"]
    assert g20.status == "due" and npc.status == "due"
    assert [(o.outcome, o.state, o.document_id) for o in g20.outcomes] == [
        ("happened", "proposed", _doc_id(store, "Summit ends with climate pledge"))
    ]
    assert [(o.outcome, o.state) for o in npc.outcomes] == [("postponed", "proposed")]


def test_analysts_resolve_and_reject_outcomes_on_the_command_line(
    store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    monkeypatch.chdir(tmp_path)
    items = _by_expression(store, date(2021, 12, 1))
    held = _doc_id(store, "Summit ends with climate pledge")
    moved = _doc_id(store, "Session moved")
    result = runner.invoke(
        cli.app, ["watch", "resolve", items["October 30-31"].id, "happened", "--evidence", held]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        cli.app, ["watch", "reject", items["August 17-20"].id, "--evidence", moved]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.app, ["watch", "list", "--json", "--status", "happened"])
    assert result.exit_code == 0, result.output
    (listed,) = json.loads(result.stdout)
    assert listed["expression"] == "October 30-31" and listed["status"] == "happened"
    npc = _by_expression(store, date(2021, 12, 1))["August 17-20"]
    assert npc.status == "due" and [o.state for o in npc.outcomes] == ["rejected"]
    # a rejected proposal is not proposed again by the next analysis
    assert runner.invoke(cli.app, ["analyze", "--only", "watch"]).exit_code == 0
    npc = _by_expression(store, date(2021, 12, 1))["August 17-20"]
    assert [o.state for o in npc.outcomes] == ["rejected"]


def test_bad_ids_and_outcomes_are_one_line_errors(store, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    some = tracked_items(store)[0].id
    for args in (
        ["watch", "resolve", "nope", "happened", "--evidence", "x"],
        ["watch", "resolve", some, "exploded", "--evidence", "x"],
        ["watch", "resolve", some, "happened", "--evidence", "no-such-doc"],
        ["watch", "list", "--status", "sideways"],
        ["watch", "list", "--from", "yesterday"],
    ):
        result = runner.invoke(cli.app, args)
        assert result.exit_code != 0
        assert "Traceback" not in result.output


def test_the_calendar_file_parses_back_with_exclusive_ends(store, tmp_path: Path) -> None:  # noqa: ANN001
    items = tracked_items(store, as_of=date(2021, 10, 1))
    data = watch_calendar(items)
    assert data == watch_calendar(items)  # a pure function: same items, same bytes
    calendar = Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(items) == 2
    g20 = next(e for s, e in events.items() if "Rome" in s)
    assert g20["dtstart"].dt == date(2021, 10, 30)
    assert g20["dtend"].dt == date(2021, 10, 31) + timedelta(days=1)
    description = str(g20["description"])
    assert "confirmed" in description and "October 30-31" in description
    assert (
        "G20 leaders to meet in Rome" in description and "Rome prepares for summit" in description
    )
    assert str(g20["status"]) == "CONFIRMED"


def test_watch_ics_command_writes_the_file(store, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    out = tmp_path / "out" / "watch.ics"
    result = runner.invoke(cli.app, ["watch", "ics", "--out", str(out), "--from", "2021-10-01"])
    assert result.exit_code == 0, result.output
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [e["dtstart"].dt for e in events] == [date(2021, 10, 30)]


def test_migration_3_upgrades_an_older_watch_table(db_url: str) -> None:
    store = Store(db_url)
    with store.engine.begin() as conn:
        for column in ("confidence", "parent_id", "domain", "actors", "topics"):
            conn.execute(text(f"ALTER TABLE watch_items DROP COLUMN {column}"))
        for table in ("watch_groups", "watch_group_sources", "watch_outcomes"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 3"))
    store.close()
    upgraded = Store(db_url)
    with upgraded.engine.connect() as conn:
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(watch_items)"))}
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert {"confidence", "parent_id", "domain", "actors", "topics"} <= columns
    assert {"watch_groups", "watch_group_sources", "watch_outcomes"} <= tables


def _stored(item_id: str, doc: str, published: str, label: str, rng: tuple[str, str], **kw):  # noqa: ANN003, ANN202
    from risktracker.models import Evidence, WatchSource
    from risktracker.store.watch import StoredItem

    start, end = (date.fromisoformat(x) for x in rng)
    evidence = Evidence(doc, 0, label, doc, None, date.fromisoformat(published), "test")
    source = WatchSource(
        item_id, kw.get("expression", rng[0]), start, end, kw.get("precision", "day"),
        kw.get("confidence", "confirmed"), label, evidence,
    )  # fmt: skip
    return StoredItem(source, doc, evidence.published, None, kw.get("actors", ()), (), None)


def test_a_confirmed_date_beats_a_more_precise_rumour_and_unrelated_items_stay_apart() -> None:
    from risktracker.analyze.watch import group_items

    items = [
        _stored("w1", "d1", "2021-08-01", "Leaders summit in Rome", ("2021-10-01", "2021-10-31"),
                precision="month", actors=("G20",)),
        _stored("w2", "d2", "2021-08-10", "The leaders summit in Rome opens",
                ("2021-10-30", "2021-10-30"), confidence="rumoured", actors=("G20",)),
        _stored("w3", "d3", "2021-08-12", "Summit of leaders in Rome",
                ("2021-10-30", "2021-10-31"), precision="day_range", actors=("G20",)),
        _stored("w4", "d4", "2021-08-12", "Leaders summit in Rome", ("2021-10-30", "2021-10-31"),
                actors=("ASEAN",)),  # other actors: another happening
        _stored("w5", "d1", "2021-08-01", "Leaders summit in Rome follow-up",
                ("2021-10-02", "2021-10-02")),  # same document as w1: kept apart
    ]  # fmt: skip
    groups = {g.id: g for g in group_items(items)}
    merged = groups["g1"]
    assert merged.members == ("w1", "w2", "w3")
    assert (merged.start, merged.end, merged.confidence) == (
        date(2021, 10, 30),
        date(2021, 10, 31),
        "confirmed",
    )
    assert merged.first_seen == date(2021, 8, 1) and merged.documents == ("d1", "d2", "d3")
    assert sorted(groups) == ["g1", "g4", "g5"]
