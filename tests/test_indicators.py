"""Importing indicator series: the GPR export (day/month/year) and any date,value CSV."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker.cli import app
from risktracker.errors import InputError
from risktracker.ingest.indicators import parse_date, read_indicators
from risktracker.store import Store
from risktracker.store.indicators import (
    indicator_names,
    indicator_values,
    replace_indicator_values,
)

GPR = Path(__file__).parent / "fixtures" / "gpr" / "data_gpr_export_subset.csv"


def test_dates_are_day_month_year() -> None:
    assert parse_date("01/12/2021") == date(2021, 12, 1)
    assert parse_date("2021-07") == date(2021, 7, 1)
    assert parse_date("2021-07-15") == date(2021, 7, 15)
    with pytest.raises(ValueError):
        parse_date("July 2021")


def test_gpr_subset_reads_every_month_and_skips_the_codebook() -> None:
    read = read_indicators(GPR)
    assert read.rows == 27 and read.errors == []
    assert "var_name" not in read.series and "var_label" not in read.series
    china = dict(read.series["GPRC_CHN"])
    assert len(china) == 24  # the 1900 rows have no country index: missing, not errors
    assert china[date(2021, 8, 1)] == 0.59
    assert china[date(2021, 12, 1)] == 0.86
    assert {"GPR", "GPRT", "GPRA", "GPRC_TWN", "GPRC_HKG", "GPRC_RUS"} <= set(read.series)


def test_bad_rows_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text(
        "date,value\n2021-01-01,1.5\nnot a date,2\n2021-02-01,abc\n2021-03-01,\n2021-04-01,4\n"
        "2021-04-01,5\n",
        encoding="utf-8",
    )
    read = read_indicators(path, name="MY_INDEX")
    assert read.series == {"MY_INDEX": [(date(2021, 1, 1), 1.5), (date(2021, 4, 1), 4.0)]}
    assert [line for line, _ in read.errors] == [3, 4, 7]
    assert "not a date" in read.errors[0][1] and "not a number" in read.errors[1][1]


def test_a_file_without_value_columns_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("date\n2021-01-01\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_indicators(path)


def test_import_is_idempotent(db_url: str) -> None:
    store = Store(db_url)
    read = read_indicators(GPR)
    replace_indicator_values(store, read.series, str(GPR))
    replace_indicator_values(store, read.series, str(GPR))
    names = {name: count for name, count, _first, _last in indicator_names(store)}
    assert names["GPRC_CHN"] == 24 and names["GPRH"] == 27  # the historical index goes back to 1900
    assert indicator_values(store, "GPRC_CHN", date(2021, 8, 1), date(2021, 8, 31)) == [
        (date(2021, 8, 1), 0.59)
    ]


def test_cli_import(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKTRACKER_DB", db_url)
    result = CliRunner().invoke(app, ["indicators", "import", str(GPR)])
    assert result.exit_code == 0, result.output
    assert "imported 27 dates" in result.output and "0 bad rows" in result.output
    listed = CliRunner().invoke(app, ["indicators", "list"])
    assert "GPRC_CHN" in listed.output and "2020-01-01 .. 2021-12-01" in listed.output
