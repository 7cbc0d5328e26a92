"""Forecast commands: resolve a call, print the scores."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .app import app, parse_date, print_json, settings, stderr
from .edition import EditionsDir

forecast_app = typer.Typer(help="Resolve and score the editions' forecasts.", no_args_is_help=True)
app.add_typer(forecast_app, name="forecast")


@forecast_app.command("resolve")
def forecast_resolve(
    forecast_id: Annotated[str, typer.Argument(metavar="ID", help="The forecast's id.")],
    outcome: Annotated[str, typer.Argument(help="yes or no.")],
    evidence: Annotated[str, typer.Option(help="URL or document id showing the outcome.")],
    on: Annotated[str | None, typer.Option(help="Date of resolution (default: today).")] = None,
    editions: EditionsDir = Path("editions"),
) -> None:
    """Record how a forecast resolved (in resolutions.yml of the editions folder)."""
    from ..editions.forecasts import resolve
    from ..errors import InputError

    settings()
    word = outcome.strip().lower()
    if word not in ("yes", "no"):
        raise InputError(f"outcome must be yes or no, not {outcome!r}")
    when = parse_date(on) or date.today()
    record = resolve(editions, forecast_id, word == "yes", evidence, when)
    stderr.print(f"{record.forecast}: {word} on {record.resolved_on}", highlight=False)


@forecast_app.command("scores")
def forecast_scores(
    editions: EditionsDir = Path("editions"),
    as_of: Annotated[str | None, typer.Option(help="Score as known on this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Brier scores by domain, author and edition, and the calibration table."""
    from ..editions.forecasts import all_forecasts, track_record

    settings()
    record = track_record(all_forecasts(editions), parse_date(as_of) or date.max)
    if as_json:
        print_json(asdict(record))
        return
    out = sys.stdout
    resolved = [f for f in record.forecasts if f.outcome is not None]
    out.write(f"{len(resolved)} resolved, {len(record.forecasts) - len(resolved)} open\n")
    if record.overall is not None:
        out.write(f"mean Brier score {record.overall.brier:.3f} over {record.overall.resolved}\n")
    for label, rows in (
        ("domain", record.by_domain),
        ("author", record.by_author),
        ("edition", record.by_edition),
    ):
        for row in rows:
            out.write(f"  by {label:<8} {row.group:<28} n={row.resolved:<3} {row.brier:.3f}\n")
    out.write("calibration (stated -> came true):\n")
    for b in record.calibration:
        if b.resolved:
            out.write(
                f"  {b.lower:.1f}-{b.upper:.1f}  n={b.resolved:<3} "
                f"stated {b.mean_probability:.2f}  observed {b.observed:.2f}\n"
            )
