"""ICEWS imports: country names resolved to knowledge-base ids, CAMEO mapped to PLOVER,
bad rows reported one by one, nothing stored twice."""

from __future__ import annotations

from pathlib import Path

from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.events import count_events

TAB = Path(__file__).parent / "fixtures" / "icews" / "events-2018-subset.tab"


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_icews_rows_become_events(db_url: str) -> None:
    store = Store(db_url)
    summary = ingest(store, [str(TAB)])
    assert (summary.events, summary.failed) == (300, 0)
    assert count_events(store, "icews") == 300
    header, *lines = TAB.read_text(encoding="utf-8").splitlines()
    columns = header.split("\t")
    first = dict(zip(columns, lines[0].split("\t"), strict=True))
    stored = _rows(
        store,
        "SELECT event_date, source_text, cameo, goldstein FROM events "
        f"WHERE external_id = '{first['Event ID']}'",
    )
    assert stored == [
        (first["Event Date"], first["Source Name"], first["CAMEO Code"], float(first["Intensity"]))
    ]
    # "Russian Federation" is an alias of RUS; China is CHN
    assert _rows(store, "SELECT count(*) FROM events WHERE source_country = 'RUS'")[0][0] > 0
    assert _rows(store, "SELECT count(*) FROM events WHERE target_country = 'CHN'")[0][0] > 0


def test_bad_icews_rows_and_reimport(db_url: str, tmp_path: Path) -> None:
    header, *lines = TAB.read_text(encoding="utf-8").splitlines()
    good = lines[:3]
    fields = lines[3].split("\t")
    bad_date = "\t".join([fields[0] + "9", "June 2018", *fields[2:]])
    bad_code = "\t".join([*fields[:6], "abc", *fields[7:]])
    path = tmp_path / "icews.tab"
    path.write_text("\n".join([header, *good, bad_date, bad_code]) + "\n", encoding="utf-8")
    store = Store(db_url)
    summary = ingest(store, [str(path)])
    assert (summary.events, summary.failed) == (3, 2)
    assert sorted(e.location for e in summary.errors) == [f"{path}:5", f"{path}:6"]
    assert ingest(store, [str(path)]).events == 0
    assert count_events(store) == 3
