import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker import cli

runner = CliRunner()


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RISKTRACKER_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.chdir(tmp_path)


def _main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The installed entry point in a real process, with its error handling."""
    return subprocess.run(
        [sys.executable, "-m", "risktracker.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_status_json_counts_start_at_zero() -> None:
    result = runner.invoke(cli.app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["documents"] == 0 and status["ingest_errors"] == 0
    assert status["database"].endswith("cli.db")


def test_annotate_reads_standard_input_and_prints_json() -> None:
    text = (
        "Foreign Minister Wang Yi met Sergei Lavrov in Tianjin. The talks will resume on October 5."
    )
    result = runner.invoke(cli.app, ["annotate", "-", "--date", "2021-08-01"], input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"sentences", "mentions", "labels", "topics", "watch"}
    found = {m["entity"]: (m["start_char"], m["end_char"]) for m in data["mentions"]}
    assert found["wang_yi"] == (17, 24) and found["sergei_lavrov"] == (29, 42)
    assert data["watch"][0]["start"] == "2021-10-05"


def test_annotate_jsonl_gives_one_line_each_and_skips_bad_lines() -> None:
    lines = (
        '{"id": "a", "text": "NATO met.", "date": "2021-06-14"}\n'
        "not json\n"
        '{"id": "b", "text": "Huawei grew."}\n'
    )
    result = runner.invoke(cli.app, ["annotate", "-", "--jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["mentions"][0]["entity"] == "NATO"


def test_errors_are_one_line_with_a_hint_and_exit_code_1(tmp_path: Path) -> None:
    result = _main(
        "edition", "build", "--period", "2021-Q9", "--number", "3/2021", "--out", str(tmp_path)
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "not a quarter" in lines[0] and "hint:" in lines[0], lines
    assert "Traceback" not in result.stderr and result.stdout == ""
    result = _main("annotate", "-", "--date", "01/08/2021", stdin="x")
    assert result.returncode == 1 and "Write dates as YYYY-MM-DD" in result.stderr


def test_kb_check_reports_the_sizes() -> None:
    result = runner.invoke(cli.app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "4 domains" in result.stdout


def test_ingest_twice_then_enrich_and_status(tmp_path: Path) -> None:
    # Local files only: feed files would fetch their entries' pages from the network.
    folder = tmp_path / "good"
    folder.mkdir()
    for path in (Path(__file__).parent / "fixtures" / "good").iterdir():
        if path.suffix in (".txt", ".md", ".html", ".jsonl", ".pdf"):
            (folder / path.name).write_bytes(path.read_bytes())
    good = str(folder)
    first = runner.invoke(cli.app, ["ingest", good])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("stored ") and "failed 0" in first.stdout
    again = runner.invoke(cli.app, ["ingest", good])
    assert "stored 0," in again.stdout
    enriched = runner.invoke(cli.app, ["enrich"])
    assert enriched.exit_code == 0 and enriched.stdout.startswith("enriched ")
    status = json.loads(runner.invoke(cli.app, ["status", "--json"]).stdout)
    assert status["documents"] > 0 and status["enriched_documents"] == status["documents"]
    assert "stored 0," in runner.invoke(cli.app, ["ingest", good]).stdout
