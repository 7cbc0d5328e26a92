"""What the templates show of the analysts' judgments: risks, calls, scores and the diff.

Kept apart from :mod:`.render` (which owns escaping, footnotes and the seed's sections)
so that the register and the scoring can change without touching the page skeleton.
Numbers are formatted here once, so HTML, Markdown and PDF agree to the character.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..models import CalibrationBin, Edition, Evidence, Forecast, ScoreRow

ARROWS: dict[str, tuple[str, str]] = {
    "rising": ("\u2191", "rising"),
    "stable": ("\u2192", "stable"),
    "easing": ("\u2193", "easing"),
}
IMPACT_WORDS = {1: "minor", 2: "moderate", 3: "significant", 4: "major", 5: "severe"}
Note = Callable[[Evidence], object]


def probability(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100):d}%"


def brier(value: float | None) -> str:
    return "open" if value is None else f"{value:.3f}"


def outcome(forecast: Forecast) -> str:
    if forecast.outcome is None:
        return "open"
    return "yes" if forecast.outcome else "no"


def _arrow(word: str) -> dict:
    symbol, text = ARROWS.get(word, ("\u2022", word))
    return {"symbol": symbol, "word": text, "css": word if word in ARROWS else "unknown"}


def risk_views(edition: Edition, note: Note) -> dict[str, list[dict]]:
    """The register's risks of this edition, per domain, in the order the analyst wrote."""
    views: dict[str, list[dict]] = {s.domain_id: [] for s in edition.sections}
    for risk in edition.risks:
        views.setdefault(risk.domain, []).append(
            {
                "id": risk.id,
                "name": risk.name,
                "description": risk.description,
                "likelihood": probability(risk.likelihood),
                "impact": f"{risk.impact}/5 ({IMPACT_WORDS.get(risk.impact, '?')})",
                "arrow": _arrow(risk.arrow),
                "rationale": risk.rationale,
                "notes": [note(e) for e in risk.evidence],
            }
        )
    return views


def forecast_view(forecast: Forecast) -> dict:
    return {
        "id": forecast.id,
        "question": forecast.question,
        "probability": probability(forecast.probability),
        "deadline": forecast.deadline,
        "criteria": forecast.criteria,
        "domain": forecast.domain,
        "author": forecast.author,
        "edition": forecast.edition,
        "outcome": outcome(forecast),
        "resolved_on": forecast.resolved_on,
        "brier": brier(forecast.brier),
    }


def _score_rows(rows: tuple[ScoreRow, ...], names: Mapping[str, str]) -> list[dict]:
    return [
        {"group": names.get(r.group, r.group), "resolved": r.resolved, "brier": brier(r.brier)}
        for r in rows
    ]


def _bin_view(item: CalibrationBin) -> dict:
    return {
        "range": f"{round(item.lower * 100)}\u2013{round(item.upper * 100)}%",
        "resolved": item.resolved,
        "stated": probability(item.mean_probability),
        "observed": probability(item.observed),
    }


def record_view(edition: Edition, names: Mapping[str, str]) -> dict | None:
    """How our earlier calls fared: every earlier call, the scores and the calibration."""
    record = edition.track_record
    if record is None or not record.forecasts:
        return None
    return {
        "as_of": record.as_of,
        "forecasts": [forecast_view(f) for f in record.forecasts],
        "overall": None if record.overall is None else brier(record.overall.brier),
        "resolved": 0 if record.overall is None else record.overall.resolved,
        "open": sum(1 for f in record.forecasts if f.outcome is None),
        "by_domain": _score_rows(record.by_domain, names),
        "by_author": _score_rows(record.by_author, {}),
        "by_edition": _score_rows(record.by_edition, {}),
        "calibration": [_bin_view(b) for b in record.calibration if b.resolved],
    }


def diff_view(edition: Edition, names: Mapping[str, str]) -> dict | None:
    """What changed since the last issue, with names instead of ids."""
    diff = edition.diff
    if diff is None:
        return None
    risk_names = {**diff.risk_names, **{r.id: r.name for r in edition.risks}}
    return {
        "previous": diff.previous,
        "risks_added": [risk_names.get(r, r) for r in diff.risks_added],
        "risks_dropped": [risk_names.get(r, r) for r in diff.risks_dropped],
        "arrows": [
            {"name": c.name, "before": _arrow(c.before), "after": _arrow(c.after)}
            for c in diff.arrows_changed
        ],
        "likelihoods": [
            {"name": c.name, "before": c.before, "after": c.after} for c in diff.likelihoods_changed
        ],
        "watch_passed": [
            {
                "text": w.expression,
                "label": w.label,
                "start": w.start,
                "status": w.status or "passed",
            }
            for w in diff.watch_resolved
        ],
        "developments": [
            {"domain": names.get(domain, domain), "headlines": list(headlines)}
            for domain, headlines in diff.new_developments.items()
        ],
    }
