"""Scored foresight: Brier scores, calibration, resolutions written to the folder."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from risktracker.cli import app
from risktracker.demo import sample_editions_dir
from risktracker.editions.forecasts import all_forecasts, calibration, resolve, track_record
from risktracker.errors import EditionError
from risktracker.models import Forecast


def _call(
    ident: str,
    p: float,
    outcome: bool | None,
    *,
    domain: str = "security_defense",
    author: str = "A",
    edition: str = "1/2021",
    on: date | None = date(2021, 6, 1),
) -> Forecast:
    return Forecast(
        id=ident,
        question=f"Question {ident}?",
        probability=p,
        deadline=date(2021, 12, 31),
        criteria="Yes if it happens.",
        domain=domain,
        author=author,
        edition=edition,
        outcome=outcome,
        resolved_on=on if outcome is not None else None,
    )


@pytest.fixture()
def editions(tmp_path: Path) -> Path:
    root = tmp_path / "editions"
    shutil.copytree(sample_editions_dir(), root)
    return root


def test_brier_of_one_call_is_the_squared_miss() -> None:
    assert _call("a", 0.8, True).brier == pytest.approx(0.04)
    assert _call("b", 0.8, False).brier == pytest.approx(0.64)
    assert _call("c", 0.5, False).brier == pytest.approx(0.25)
    assert _call("d", 0.3, None).brier is None


def test_scores_group_by_domain_author_and_edition() -> None:
    calls = [
        _call("a", 0.9, True, domain="x", author="Ann", edition="1/2021"),  # 0.01
        _call("b", 0.6, False, domain="x", author="Bo", edition="2/2021"),  # 0.36
        _call("c", 0.2, False, domain="y", author="Ann", edition="2/2021"),  # 0.04
        _call("d", 0.5, None, domain="y", author="Bo", edition="2/2021"),  # open
    ]
    record = track_record(calls, date(2022, 1, 1))
    assert record.overall.resolved == 3 and record.overall.brier == pytest.approx(0.1367, abs=1e-4)
    assert {r.group: (r.resolved, r.brier) for r in record.by_domain} == {
        "x": (2, 0.185),
        "y": (1, 0.04),
    }
    assert {r.group: r.brier for r in record.by_author} == {"Ann": 0.025, "Bo": 0.36}
    assert {r.group: r.brier for r in record.by_edition} == {"1/2021": 0.01, "2/2021": 0.2}


def test_a_resolution_after_the_date_is_not_known_yet() -> None:
    late = _call("late", 0.7, True, on=date(2021, 12, 9))
    early = track_record([late], date(2021, 9, 30))
    assert early.forecasts[0].outcome is None and early.overall is None
    later = track_record([late], date(2021, 12, 31))
    assert later.forecasts[0].outcome is True and later.overall.brier == pytest.approx(0.09)


def test_calibration_bins_compare_stated_and_observed() -> None:
    calls = [
        _call("a", 0.1, False),
        _call("b", 0.15, True),
        _call("c", 0.7, True),
        _call("d", 0.75, True),
        _call("e", 0.65, False),
        _call("f", 1.0, True),
    ]
    bins = {(b.lower, b.upper): b for b in calibration(calls)}
    low = bins[(0.0, 0.2)]
    assert (low.resolved, low.mean_probability, low.observed) == (2, 0.125, 0.5)
    high = bins[(0.6, 0.8)]
    assert high.resolved == 3 and high.observed == pytest.approx(0.6667, abs=1e-4)
    assert bins[(0.8, 1.0)].resolved == 1  # a certainty falls in the top bin
    assert bins[(0.4, 0.6)].resolved == 0 and bins[(0.4, 0.6)].observed is None


def test_sample_forecasts_carry_their_resolutions(editions: Path) -> None:
    calls = {f.id: f for f in all_forecasts(editions)}
    assert len(calls) == 12
    assert (
        calls["cai-ratified-2021"].outcome is False
        and calls["cai-ratified-2021"].edition == "1/2021"
    )
    assert calls["didi-app-restored"].outcome is None


def test_resolve_records_and_replaces_in_resolutions_yml(editions: Path) -> None:
    resolve(editions, "didi-app-restored", False, "https://example.org/didi", date(2022, 7, 1))
    calls = {f.id: f for f in all_forecasts(editions)}
    assert calls["didi-app-restored"].outcome is False
    assert calls["didi-app-restored"].resolved_on == date(2022, 7, 1)
    resolve(editions, "didi-app-restored", True, "https://example.org/didi-2", date(2022, 7, 2))
    data = yaml.safe_load((editions / "resolutions.yml").read_text(encoding="utf-8"))
    mine = [r for r in data["resolutions"] if r["forecast"] == "didi-app-restored"]
    assert mine == [
        {
            "forecast": "didi-app-restored",
            "outcome": True,
            "resolved_on": date(2022, 7, 2),
            "evidence": "https://example.org/didi-2",
        }
    ]
    with pytest.raises(EditionError, match="no forecast"):
        resolve(editions, "no-such-call", True, "https://example.org", date(2022, 1, 1))


def test_cli_resolves_and_prints_scores(editions: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["forecast", "resolve", "didi-app-restored", "yes", "--evidence", "doc-1",
         "--on", "2022-05-01", "--editions", str(editions)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = runner.invoke(app, ["forecast", "scores", "--json", "--editions", str(editions)])
    data = json.loads(scores.stdout)
    assert data["overall"]["resolved"] == 12
    bad = runner.invoke(
        app, ["forecast", "resolve", "didi-app-restored", "maybe", "--evidence", "x",
              "--editions", str(editions)],
    )  # fmt: skip
    assert bad.exit_code != 0
