"""``risktracker watch``: the watchlist, its calendar file, and analysts' outcomes."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .app import (
    app,
    load_knowledge_base,
    open_store,
    parse_date,
    print_json,
    settings,
    stderr,
    stdout,
)

watch_app = typer.Typer(
    help="What to watch: dated future happenings, merged across documents, and their outcomes.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")

STATUSES = ("upcoming", "due", "happened", "postponed", "cancelled")


def _items(start: str | None, end: str | None, domain: str | None, status: str | None):  # noqa: ANN202
    from ..analyze.watch import watchlist

    if status is not None and status not in STATUSES:
        raise InputError(f"unknown status {status!r}", f"Choose one of: {', '.join(STATUSES)}.")
    loaded = settings()
    return watchlist(
        open_store(loaded),
        load_knowledge_base(loaded),
        start=parse_date(start),
        end=parse_date(end),
        domain=domain,
        status=status,
    )


@watch_app.command("list")
def watch_list(
    start: Annotated[
        str | None, typer.Option("--from", help="Items ending on or after (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Items starting on or before (YYYY-MM-DD).")
    ] = None,
    domain: Annotated[str | None, typer.Option(help="Only this domain id.")] = None,
    status: Annotated[str | None, typer.Option(help=f"One of {', '.join(STATUSES)}.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with every source.")] = False,
) -> None:
    """List the watch items: date, confidence, status, label, number of sources."""
    items = _items(start, end, domain, status)
    if as_json:
        print_json([asdict(item) for item in items])
        return
    if not items:
        stderr.print("no watch items match (ingest and enrich documents first)")
    for item in items:
        nested = "  └ " if item.parent else ""
        proposed = [o for o in item.outcomes if o.state == "proposed"]
        hint = f" [proposed: {proposed[0].outcome} {proposed[0].document_id}]" if proposed else ""
        stdout.print(
            f"{item.id}  {item.start}..{item.end}  {item.confidence:9}  {item.status:9}  "
            f"{nested}{item.expression}: {item.label} ({len(item.sources)} sources){hint}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@watch_app.command("ics")
def watch_ics(
    out: Annotated[Path, typer.Option(help="The .ics file to write.")],
    start: Annotated[str | None, typer.Option("--from", help="Items ending on or after.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Items starting on or before.")] = None,
    domain: Annotated[str | None, typer.Option(help="Only this domain id.")] = None,
) -> None:
    """Write the watch items as an iCalendar file (all-day events)."""
    from ..editions.ics import watch_calendar

    items = _items(start, end, domain, None)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(watch_calendar(items))
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc}", "Choose a writable path.") from None
    stdout.print(f"{out} ({len(items)} events)", highlight=False)


@watch_app.command("resolve")
def watch_resolve(
    item_id: Annotated[str, typer.Argument(help="A watch item id (from `watch list`).")],
    outcome: Annotated[str, typer.Argument(help="happened, postponed or cancelled.")],
    evidence: Annotated[str, typer.Option(help="Id of the document that reports it.")],
) -> None:
    """Confirm what became of a happening, citing the document that reports it."""
    from ..analyze.watch import resolve_watch

    loaded = settings()
    group = resolve_watch(open_store(loaded), item_id, outcome, evidence)
    stdout.print(f"{group}: {outcome} (evidence {evidence})", highlight=False)


@watch_app.command("reject")
def watch_reject(
    item_id: Annotated[str, typer.Argument(help="A watch item id (from `watch list`).")],
    evidence: Annotated[str, typer.Option(help="Id of the document the proposal came from.")],
) -> None:
    """Reject an outcome the analysis proposed from a later document."""
    from ..analyze.watch import reject_watch

    loaded = settings()
    group, outcome = reject_watch(open_store(loaded), item_id, evidence)
    stdout.print(f"{group}: proposed {outcome} from {evidence} rejected", highlight=False)
