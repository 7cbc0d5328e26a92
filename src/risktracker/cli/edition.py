"""Edition commands: new, check, build, publish, diff (the library does the work)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app, load_knowledge_base, open_store, print_json, settings, stderr, stdout

edition_app = typer.Typer(help="Write, check, build and publish editions.", no_args_is_help=True)
app.add_typer(edition_app, name="edition")

EditionsDir = Annotated[
    Path,
    typer.Option(
        "--editions",
        envvar="RISKTRACKER_EDITIONS",
        help="The editions folder (edition folders, risks.yml, resolutions.yml).",
    ),
]


@edition_app.command("new")
def edition_new(
    number: Annotated[str, typer.Argument(help="The edition number, e.g. 3/2021.")],
    period: Annotated[str, typer.Option(help="The quarter covered, e.g. 2021-Q3.")],
    editions: EditionsDir = Path("editions"),
) -> None:
    """Scaffold an edition folder with the tracker's proposals, marked as proposals."""
    from ..editions.scaffold import scaffold_edition

    loaded = settings()
    paths = scaffold_edition(
        open_store(loaded), load_knowledge_base(loaded), editions, number, period
    )
    for path in paths:
        stdout.print(str(path), highlight=False, soft_wrap=True)


@edition_app.command("check")
def edition_check(
    number: Annotated[str | None, typer.Argument(help="One edition (default: all).")] = None,
    editions: EditionsDir = Path("editions"),
) -> None:
    """List what is missing or stale, with file and line; exit 1 when anything is."""
    from ..editions.check import check_all, check_edition
    from ..editions.folder import edition_dir

    loaded = settings()
    kb, store = load_knowledge_base(loaded), open_store(loaded)
    if number is None:
        problems = check_all(editions, kb, store)
    else:
        problems = check_edition(editions, edition_dir(editions, number), kb, store)
    for problem in problems:
        stdout.print(str(problem), highlight=False, soft_wrap=True)
    if problems:
        stderr.print(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    stderr.print("no problems found")


@edition_app.command("build")
def edition_build(
    out: Annotated[Path, typer.Option(help="Folder of the site (one subfolder per edition).")],
    number_arg: Annotated[
        str | None, typer.Argument(metavar="NUMBER", help="Edition number, e.g. 3/2021.")
    ] = None,
    editions: EditionsDir = Path("editions"),
    period: Annotated[
        str | None, typer.Option(help="Without an edition folder: the quarter, e.g. 2021-Q3.")
    ] = None,
    number: Annotated[str | None, typer.Option(help="With --period: the number.")] = None,
    focus: Annotated[Path | None, typer.Option(help="With --period: focus Markdown.")] = None,
    author: Annotated[list[str] | None, typer.Option(help="With --period: an author.")] = None,
) -> None:
    """Build an edition (HTML, PDF, Markdown, JSON, calendar, charts) and the site index.

    With NUMBER the edition comes from its folder (frozen when published); with --period
    and --number it is assembled from the store alone, without analysts' judgments.
    """
    from ..editions.assemble import assemble_edition
    from ..editions.proposals import propose
    from ..editions.publish import build
    from ..editions.render import write_edition
    from ..errors import InputError

    loaded = settings()
    kb, store = load_knowledge_base(loaded), open_store(loaded)
    if period is not None:
        if number is None:
            raise InputError("--period needs --number", "e.g. --period 2021-Q3 --number 3/2021")
        edition = assemble_edition(
            store,
            kb,
            period=period,
            number=number,
            focus=focus,
            authors=tuple(author) if author else ("Risk Tracker analysts",),
        )
        # the same arrows, developments and watch list as an edition built from a folder
        edition = propose(store, kb, edition)
        for path in write_edition(edition, out):
            stdout.print(str(path), highlight=False, soft_wrap=True)
        return
    if number_arg is None:
        raise InputError("name the edition, e.g. `risktracker edition build 3/2021 --out site`")
    report = build(store, kb, editions, number_arg, out)
    for path in report.paths:
        stdout.print(str(path), highlight=False, soft_wrap=True)
    if report.published:
        if report.differences:
            for line in report.differences:
                stderr.print(f"[yellow]not reproduced:[/] {line}", highlight=False)
            raise typer.Exit(1)
        stderr.print(f"published edition reproduced byte for byte ({report.content_hash})")


@edition_app.command("publish")
def edition_publish(
    number: Annotated[str, typer.Argument(help="The edition number, e.g. 3/2021.")],
    out: Annotated[Path, typer.Option(help="Folder of the site.")],
    editions: EditionsDir = Path("editions"),
) -> None:
    """Freeze an edition (content hash over inputs and outputs) and write its outputs."""
    from ..editions.publish import publish

    loaded = settings()
    report = publish(open_store(loaded), load_knowledge_base(loaded), editions, number, out)
    for path in report.paths:
        stdout.print(str(path), highlight=False, soft_wrap=True)
    stderr.print(f"published {number}: content hash {report.content_hash}")


@edition_app.command("diff")
def edition_diff(
    before: Annotated[str, typer.Argument(help="The earlier edition, e.g. 2/2021.")],
    after: Annotated[str, typer.Argument(help="The later edition, e.g. 3/2021.")],
    editions: EditionsDir = Path("editions"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Risks added and dropped, arrows and likelihoods changed, watch items passed, news."""
    from dataclasses import asdict

    from ..editions.compose import compose_edition
    from ..editions.diff import diff_editions, diff_lines
    from ..editions.publish import frozen_edition, is_published

    loaded = settings()
    kb, store = load_knowledge_base(loaded), open_store(loaded)

    def edition(number: str):  # noqa: ANN202 - published editions are read frozen
        if is_published(editions, number):
            return frozen_edition(editions, number)
        return compose_edition(store, kb, editions, number, with_diff=False)

    diff = diff_editions(edition(before), edition(after))
    if as_json:
        print_json(asdict(diff))
    else:
        sys.stdout.write("\n".join(diff_lines(diff)) + "\n")
