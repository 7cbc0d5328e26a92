"""``risktracker eval TASK``: accuracy against a gold set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, print_json, settings, stdout


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="What to evaluate, e.g. dates, events, classify.")],
    gold: Annotated[Path | None, typer.Option(help="A gold file instead of tests/gold/.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score a stage against its gold set: precision, recall, F1 and confusions."""
    from ..evaluate import run_evaluation

    settings()
    report = run_evaluation(task, gold)
    if as_json:
        print_json({"task": report.task, "scores": report.scores})
    else:
        stdout.print(report.text, highlight=False)
