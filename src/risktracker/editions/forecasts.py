"""Scored foresight: forecasts from the edition files, their resolutions, Brier scores.

The Brier score of one call is ``(p - outcome)^2`` with outcome 1 for yes and 0 for no:
0 is perfect, 0.25 is what always saying 50% earns, 1 is confidently wrong. Scores are
means over resolved calls, grouped by domain, author and the edition that made the call.
The calibration table puts calls in five probability bins and compares the mean stated
probability with the share that came true.

Only calls resolved on or before a date count "as of" that date, so an edition's track
record never uses what was learnt after its period ended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from ..errors import EditionError
from ..models import CalibrationBin, Forecast, ScoreRow, TrackRecord
from .folder import RESOLUTIONS_FILE, edition_folders, load_edition, load_resolutions, require
from .periods import Quarter
from .spec import Resolution

BIN_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def all_forecasts(root: Path) -> list[Forecast]:
    """Every forecast of every edition under ROOT, with its resolution when recorded."""
    resolutions = {r.forecast: r for r in require(load_resolutions(root)).resolutions}
    found: list[Forecast] = []
    for _, folder in edition_folders(root):
        spec = load_edition(folder).value
        for item in spec.forecasts:
            resolution = resolutions.get(item.id)
            found.append(
                Forecast(
                    id=item.id,
                    question=item.question,
                    probability=item.probability,
                    deadline=item.deadline,
                    criteria=item.criteria,
                    domain=item.domain,
                    author=item.author,
                    edition=spec.number,
                    outcome=None if resolution is None else resolution.outcome,
                    resolved_on=None if resolution is None else resolution.resolved_on,
                    resolution_evidence=None if resolution is None else resolution.evidence,
                )
            )
    return found


def as_of(forecast: Forecast, when: date) -> Forecast:
    """The forecast as known on ``when``: a later resolution is not yet known."""
    if forecast.resolved_on is not None and forecast.resolved_on > when:
        return replace(forecast, outcome=None, resolved_on=None, resolution_evidence=None)
    return forecast


def _rows(forecasts: Iterable[Forecast], key: Callable[[Forecast], str]) -> tuple[ScoreRow, ...]:
    groups: dict[str, list[float]] = defaultdict(list)
    for forecast in forecasts:
        if forecast.brier is not None:
            groups[key(forecast)].append(forecast.brier)
    return tuple(
        ScoreRow(group, len(scores), round(sum(scores) / len(scores), 4))
        for group, scores in sorted(groups.items())
    )


def calibration(forecasts: Iterable[Forecast]) -> tuple[CalibrationBin, ...]:
    resolved = [f for f in forecasts if f.outcome is not None]
    bins = []
    for lower, upper in zip(BIN_EDGES, BIN_EDGES[1:], strict=False):
        last = upper == BIN_EDGES[-1]
        inside = [
            f for f in resolved if lower <= f.probability < upper or (last and f.probability == 1)
        ]
        bins.append(
            CalibrationBin(
                lower=lower,
                upper=upper,
                resolved=len(inside),
                mean_probability=(
                    round(sum(f.probability for f in inside) / len(inside), 4) if inside else None
                ),
                observed=round(sum(f.outcome for f in inside) / len(inside), 4) if inside else None,
            )
        )
    return tuple(bins)


def track_record(forecasts: Iterable[Forecast], when: date) -> TrackRecord:
    """Scores of the given calls as known on ``when``."""
    known = sorted((as_of(f, when) for f in forecasts), key=lambda f: (f.deadline, f.id))
    overall = _rows(known, lambda f: "all")
    return TrackRecord(
        as_of=when,
        forecasts=tuple(known),
        overall=overall[0] if overall else None,
        by_domain=_rows(known, lambda f: f.domain),
        by_author=_rows(known, lambda f: f.author),
        by_edition=_rows(known, lambda f: f.edition),
        calibration=calibration(known),
    )


def earlier_calls(root: Path, period: str) -> list[Forecast]:
    """Forecasts made by editions of periods before ``period``."""
    quarter = Quarter.parse(period)
    earlier = set()
    for other, folder in edition_folders(root):
        if (other.year, other.quarter) < (quarter.year, quarter.quarter):
            earlier.add(load_edition(folder).value.number)
    return [f for f in all_forecasts(root) if f.edition in earlier]


def resolve(root: Path, forecast_id: str, outcome: bool, evidence: str, on: date) -> Resolution:
    """Record how a forecast resolved in ROOT/resolutions.yml (replacing an earlier record)."""
    known = {f.id: f for f in all_forecasts(root)}
    if forecast_id not in known:
        raise EditionError(
            f"no forecast {forecast_id!r} in the editions under {root}",
            "Forecast ids are in the `forecasts:` list of each edition.yml.",
        )
    if not evidence.strip():
        raise EditionError("a resolution needs evidence", "Pass --evidence URL_OR_DOCUMENT_ID.")
    current = require(load_resolutions(root)).resolutions
    record = Resolution(forecast=forecast_id, outcome=outcome, resolved_on=on, evidence=evidence)
    kept = [r for r in current if r.forecast != forecast_id] + [record]
    kept.sort(key=lambda r: (r.resolved_on, r.forecast))
    data = {"resolutions": [r.model_dump() for r in kept]}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    (Path(root) / RESOLUTIONS_FILE).write_text(text, encoding="utf-8")
    return record
