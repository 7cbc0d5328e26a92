"""``risktracker analyze``: stories, signals and the other analyses over the store."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, load_knowledge_base, open_store, settings, stdout


@app.command()
def analyze(
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Run only this analysis (repeatable).")
    ] = None,
) -> None:
    """Run the analyses (stories, signals, ...) over what enrichment stored."""
    from ..analyze import run_analyses

    loaded = settings()
    for name, summary in run_analyses(
        open_store(loaded), load_knowledge_base(loaded), tuple(only or ())
    ):
        stdout.print(f"{name}: {summary}", highlight=False)
