"""``risktracker relations A B``: the bilateral ledger of a country pair, both directions."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .app import app, load_knowledge_base, open_store, parse_date, print_json, settings, stdout


@app.command()
def relations(
    first: Annotated[str, typer.Argument(help="A country: ISO code (CHN) or name.")],
    second: Annotated[str, typer.Argument(help="The other country.")],
    by: Annotated[str, typer.Option(help="Period: week, month or quarter.")] = "quarter",
    channel: Annotated[
        str | None,
        typer.Option(help="Only this channel: diplomatic, military, economic, technology, legal."),
    ] = None,
    since: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON with the stories behind every number.")
    ] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="One CSV row per direction, period and channel.")
    ] = False,
    chart: Annotated[
        Path | None, typer.Option(help="Write the chart: .svg, or .json for Vega-Lite.")
    ] = None,
) -> None:
    """Cooperation and conflict between two countries, counted by story, in both directions."""
    from ..analyze.relations import ledger

    loaded = settings()
    result = ledger(
        open_store(loaded),
        load_knowledge_base(loaded),
        first,
        second,
        by=by,
        channel=channel,
        start=parse_date(since),
        end=parse_date(until),
    )
    if chart is not None:
        _write_chart(result, chart)
    if as_json:
        from ..editions.ledger_page import ledger_data

        print_json(ledger_data(result))
        return
    fields = ["source", "target", "period", "channel", "cooperation", "conflict"]
    fields += ["cooperation_intensity", "conflict_intensity", "net", "stories"]
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(fields)
        for cell in result.cells:
            row = [getattr(cell, f) for f in fields[:-1]] + [" ".join(cell.stories)]
            writer.writerow(row)
        return
    if not result.cells:
        stdout.print(
            f"no stories between {result.first} and {result.second}"
            " (run `risktracker analyze` after ingest and enrich)",
            highlight=False,
        )
        return
    table = Table(title=f"{result.first} and {result.second} by {result.by}")
    for name in ("direction", "period", "channel", "coop", "conflict", "net", "stories"):
        table.add_column(name, justify="right" if name in ("coop", "conflict", "net") else "left")
    for cell in result.cells:
        table.add_row(
            f"{cell.source}→{cell.target}",
            cell.period,
            cell.channel,
            str(cell.cooperation),
            str(cell.conflict),
            f"{cell.net:+.1f}",
            " ".join(cell.stories[:3]) + (" …" if len(cell.stories) > 3 else ""),
        )
    stdout.print(table)


def _write_chart(result, path: Path) -> None:  # noqa: ANN001
    import json

    from ..editions.ledger_chart import ledger_svg, ledger_vega_lite

    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(ledger_vega_lite(result), indent=2, ensure_ascii=False) + "\n")
    else:
        path.write_text(ledger_svg(result), encoding="utf-8")
