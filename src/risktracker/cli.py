"""The command line: parses options, calls the library, formats the result.

Data goes to stdout; logs and progress go to stderr. A :class:`RiskTrackerError`
becomes one line with a hint and exit code 1.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import Settings, load_settings
from .errors import InputError, RiskTrackerError

app = typer.Typer(
    help="China security and risk tracker: ingest, enrich, analyze, publish.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
edition_app = typer.Typer(help="Build editions of the tracker.", no_args_is_help=True)
kb_app = typer.Typer(help="Inspect and validate the knowledge base.", no_args_is_help=True)
app.add_typer(edition_app, name="edition")
app.add_typer(kb_app, name="kb")

stderr = Console(stderr=True)
stdout = Console()


def _settings() -> Settings:
    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(),
        handlers=[RichHandler(console=stderr, show_path=False)],
        format="%(message)s",
        force=True,
    )
    return settings


def _store(settings: Settings):  # noqa: ANN202
    from .store import Store

    return Store(settings.db)


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date: {value!r}", "Write dates as YYYY-MM-DD.") from None


@app.command()
def init() -> None:
    """Create the database (or bring its schema up to date)."""
    settings = _settings()
    store = _store(settings)
    stderr.print(f"database ready: {store.url} (schema version {store.schema_version()})")


@app.command()
def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, folders, feed or page URLs.")],
) -> None:
    """Read documents; store each once, link near-duplicates, record bad items."""
    from .ingest.run import ingest as run_ingest
    from .ingest.web import Fetcher

    settings = _settings()
    store = _store(settings)
    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        summary = run_ingest(
            store,
            targets,
            fetcher=Fetcher(max_bytes=settings.max_bytes),
            max_bytes=settings.max_bytes,
            on_item=lambda _location: progress.advance(task),
        )
    for error in summary.errors:
        stderr.print(f"[yellow]skipped[/] {error.location}: {error.reason}", highlight=False)
    stdout.print(summary.line(), highlight=False)


@app.command()
def enrich(
    force: Annotated[bool, typer.Option(help="Enrich every document again.")] = False,
) -> None:
    """Annotate every document not yet enriched (sentences, mentions, labels, dates)."""
    from .enrich.run import enrich_pending
    from .kb import load_kb

    settings = _settings()
    store = _store(settings)
    kb = load_kb(settings.kb_dir or None)
    with _progress() as progress:
        task = progress.add_task("enriching", total=None)
        summary = enrich_pending(
            store,
            kb,
            kb_dir=settings.kb_dir,
            workers=settings.workers,
            force=force,
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda _e: progress.advance(task),
        )
    stdout.print(summary.line(), highlight=False)


@app.command()
def annotate(
    file: Annotated[str, typer.Argument(help="A text file, or - for standard input.")] = "-",
    on: Annotated[str | None, typer.Option("--date", help="Document date, YYYY-MM-DD.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Input is JSON Lines {"id","text","date"}.')
    ] = False,
) -> None:
    """Print the enrichment of one text as JSON (or one JSON line per input line)."""
    from .enrich.annotate import annotate as run_annotate
    from .kb import load_kb

    settings = _settings()
    kb = load_kb(settings.kb_dir or None)
    published = _parse_date(on)
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {file}: {exc}", "Give a UTF-8 text file.") from None
    if not jsonl:
        _print_json(run_annotate(raw, kb, published))
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            stderr.print(f"[yellow]line {number} skipped[/]: {exc}", highlight=False)
            continue
        row_date = _parse_date(row.get("date")) if row.get("date") else published
        result = run_annotate(text, kb, row_date, doc_id=str(row.get("id") or f"line-{number}"))
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the database in use and how much it holds."""
    settings = _settings()
    counts = _store(settings).status()
    if as_json:
        _print_json(counts)
        return
    for key, value in counts.items():
        stdout.print(f"{key:>22}  {value}", highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
) -> None:
    """Full-text search over the stored documents."""
    from .store.search import search_documents

    for doc_id, title in search_documents(_store(_settings()), query, limit):
        stdout.print(f"{doc_id}  {title}", highlight=False)


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
    from .editions.assemble import assemble_edition
    from .editions.render import write_edition
    from .kb import load_kb

    settings = _settings()
    kb = load_kb(settings.kb_dir or None)
    edition = assemble_edition(
        _store(settings),
        kb,
        period=period,
        number=number,
        focus=focus,
        authors=tuple(author) if author else ("Risk Tracker analysts",),
    )
    for path in write_edition(edition, out):
        stdout.print(str(path), highlight=False)


@kb_app.command("check")
def kb_check(
    folder: Annotated[Path | None, typer.Argument(help="A user knowledge-base folder.")] = None,
) -> None:
    """Validate the knowledge base (packaged, extended by FOLDER) and print its size."""
    from .kb import load_kb

    _settings()
    kb = load_kb(folder)
    stdout.print(
        f"knowledge base {kb.version}: {len(kb.domains)} domains, {len(kb.topics)} topics, "
        f"{len(kb.actors)} actors, {len(kb.places)} places",
        highlight=False,
    )


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo's files.")] = Path(
        "demo-output"
    ),
) -> None:
    """Ingest the sample corpus, enrich it and build edition 3/2021; print the paths."""
    from .demo import run_demo

    settings = _settings()
    with stderr.status("running the demo: ingest, enrich, edition 3/2021"):
        result = run_demo(directory, workers=settings.workers)
    stderr.print(f"ingest: {result.ingest.line()}", highlight=False)
    stderr.print(f"enrich: {result.enrich.line()}", highlight=False)
    stdout.print(f"database: {result.database}", highlight=False)
    for path in result.outputs:
        stdout.print(str(path), highlight=False)


def main() -> None:
    try:
        app()
    except RiskTrackerError as error:
        hint = f" (hint: {error.hint})" if error.hint else ""
        stderr.print(f"[red]error:[/] {error}{hint}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        stderr.print("interrupted")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last guard: no tracebacks for users
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        stderr.print(
            f"[red]internal error:[/] {type(error).__name__}: {error} "
            "(hint: run with RISKTRACKER_LOG_LEVEL=DEBUG for details and report it)",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
