"""Edition commands: build (and, as they land, new, check, publish, diff)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, open_store, settings, stdout

edition_app = typer.Typer(help="Build editions of the tracker.", no_args_is_help=True)
app.add_typer(edition_app, name="edition")


@edition_app.command("build")
def edition_build(
    period: Annotated[str, typer.Option(help="The quarter covered, e.g. 2021-Q3.")],
    number: Annotated[str, typer.Option(help="The edition number, e.g. 3/2021.")],
    out: Annotated[Path, typer.Option(help="Folder for the HTML and Markdown.")],
    focus: Annotated[
        Path | None, typer.Option(help="Analyst's Markdown file for the focus topic.")
    ] = None,
    author: Annotated[list[str] | None, typer.Option(help="An author (repeatable).")] = None,
) -> None:
    """Build an edition for a period from what the store holds."""
    from ..editions.assemble import assemble_edition
    from ..editions.render import write_edition
    from ..kb import load_kb

    loaded = settings()
    kb = load_kb(loaded.kb_dir or None)
    edition = assemble_edition(
        open_store(loaded),
        kb,
        period=period,
        number=number,
        focus=focus,
        authors=tuple(author) if author else ("Risk Tracker analysts",),
    )
    for path in write_edition(edition, out):
        stdout.print(str(path), highlight=False)
