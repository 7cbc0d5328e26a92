"""GDELT imports: the CSV with a header, the raw 61-column export, zipped or not; bad
rows become one error each, and importing twice stores nothing new."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from risktracker.ingest.datasets import sniff_dataset
from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.events import count_events

FIXTURES = Path(__file__).parent / "fixtures" / "gdelt"
CSV = FIXTURES / "events-2017-07-01-subset.csv"
RAW = FIXTURES / "20170701234500.export.CSV"


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_csv_with_header_stores_every_record_mapped_to_plover(db_url: str) -> None:
    store = Store(db_url)
    summary = ingest(store, [str(CSV)])
    assert (summary.events, summary.failed, summary.stored) == (300, 0, 0)
    assert count_events(store, "gdelt") == 300
    # every CAMEO code has a PLOVER type; Goldstein and tone are kept
    assert _rows(store, "SELECT count(*) FROM events WHERE type IS NULL OR goldstein IS NULL") == [
        (0,)
    ]
    china = _rows(
        store,
        "SELECT type, source_country, cameo, url FROM events WHERE external_id = '669666399'",
    )
    with CSV.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["GLOBALEVENTID"] == "669666399")
    assert china == [
        ("COERCE", row["Actor1CountryCode"] or None, row["EventCode"], row["SOURCEURL"])
    ]


def test_reimport_stores_nothing_new(db_url: str) -> None:
    store = Store(db_url)
    ingest(store, [str(CSV)])
    again = ingest(store, [str(CSV), str(RAW)])
    assert again.events == 0 and again.known_events == 300 + 120
    assert count_events(store) == 300


def test_raw_export_plain_and_zipped(db_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "20170701234500.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(RAW, RAW.name)
    assert sniff_dataset(RAW) == sniff_dataset(archive) == "gdelt"
    store = Store(db_url)
    assert ingest(store, [str(archive)]).events == 120
    assert ingest(store, [str(RAW)]).events == 0  # the same records, already stored


def test_bad_rows_are_errors_and_the_rest_is_stored(db_url: str, tmp_path: Path) -> None:
    lines = RAW.read_text(encoding="utf-8").splitlines()[:5]
    fields = lines[1].split("\t")
    bad_date = "\t".join([fields[0] + "1", "2017134", *fields[2:]])
    bad_code = "\t".join([fields[0] + "2", *fields[1:26], "999", *fields[27:]])
    short = "\t".join(fields[:40])
    path = tmp_path / "mixed.export.CSV"
    path.write_text("\n".join([*lines, bad_date, bad_code, short]) + "\n", encoding="utf-8")
    store = Store(db_url)
    summary = ingest(store, [str(path)])
    assert summary.events == 5 and summary.failed == 3
    reasons = sorted(e.reason for e in summary.errors)
    assert any("SQLDATE" in r for r in reasons)
    assert any("CAMEO code '999'" in r for r in reasons)
    assert any("expected 61 columns" in r for r in reasons)
    assert {e.location for e in summary.errors} == {f"{path}:{n}" for n in (6, 7, 8)}


def test_ordinary_text_files_are_not_datasets(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("GDELT is a dataset of events.\n", encoding="utf-8")
    assert sniff_dataset(note) is None
