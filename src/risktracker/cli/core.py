"""The stage commands: init, ingest, enrich, annotate, status, search, kb, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .app import app, open_store, parse_date, print_json, progress, settings, stderr, stdout

kb_app = typer.Typer(help="Inspect and validate the knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@app.command()
def init() -> None:
    """Create the database (or bring its schema up to date)."""
    loaded = settings()
    store = open_store(loaded)
    stderr.print(f"database ready: {store.url} (schema version {store.schema_version()})")


@app.command()
def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, folders, feed or page URLs.")],
) -> None:
    """Read documents; store each once, link near-duplicates, record bad items."""
    from ..ingest.run import ingest as run_ingest
    from ..ingest.web import Fetcher

    loaded = settings()
    store = open_store(loaded)
    with (
        progress() as bar,
        Fetcher(max_bytes=loaded.max_bytes, user_agent=loaded.user_agent) as web,
    ):
        task = bar.add_task("ingesting", total=None)
        summary = run_ingest(
            store,
            targets,
            fetcher=web,
            max_bytes=loaded.max_bytes,
            on_item=lambda _location: bar.advance(task),
        )
    for error in summary.errors:
        stderr.print(f"[yellow]skipped[/] {error.location}: {error.reason}", highlight=False)
    stdout.print(summary.line(), highlight=False)


@app.command()
def enrich(
    force: Annotated[bool, typer.Option(help="Enrich every document again.")] = False,
) -> None:
    """Annotate every document not yet enriched (sentences, mentions, labels, dates)."""
    from ..enrich.run import enrich_pending
    from ..kb import load_kb

    loaded = settings()
    store = open_store(loaded)
    kb = load_kb(loaded.kb_dir or None)
    with progress() as bar:
        task = bar.add_task("enriching", total=None)
        summary = enrich_pending(
            store,
            kb,
            kb_dir=loaded.kb_dir,
            workers=loaded.workers,
            force=force,
            on_start=lambda n: bar.update(task, total=n),
            on_done=lambda _e: bar.advance(task),
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
    from ..enrich.annotate import annotate as run_annotate
    from ..kb import load_kb

    loaded = settings()
    kb = load_kb(loaded.kb_dir or None)
    published = parse_date(on)
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {file}: {exc}", "Give a UTF-8 text file.") from None
    if not jsonl:
        print_json(run_annotate(raw, kb, published))
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
        row_date = parse_date(row.get("date")) if row.get("date") else published
        result = run_annotate(text, kb, row_date, doc_id=str(row.get("id") or f"line-{number}"))
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the database in use and how much it holds."""
    loaded = settings()
    counts = open_store(loaded).status()
    if as_json:
        print_json(counts)
        return
    for key, value in counts.items():
        stdout.print(f"{key:>22}  {value}", highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
) -> None:
    """Full-text search over the stored documents."""
    from ..store.search import search_documents

    for doc_id, title in search_documents(open_store(settings()), query, limit):
        stdout.print(f"{doc_id}  {title}", highlight=False)


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo's files.")] = Path(
        "demo-output"
    ),
) -> None:
    """Ingest the sample corpus, enrich and analyze it, build editions 1-3/2021; print paths."""
    from ..demo import run_demo

    loaded = settings()
    with stderr.status("running the demo: ingest, enrich, analyze, editions 1/2021 to 3/2021"):
        result = run_demo(directory, workers=loaded.workers)
    stderr.print(f"ingest: {result.ingest.line()}", highlight=False)
    stderr.print(f"enrich: {result.enrich.line()}", highlight=False)
    stdout.print(f"database: {result.database}", highlight=False)
    for path in result.outputs:
        stdout.print(str(path), highlight=False)


@kb_app.command("check")
def kb_check(
    folder: Annotated[Path | None, typer.Argument(help="A user knowledge-base folder.")] = None,
) -> None:
    """Validate the knowledge base (packaged, extended by FOLDER) and print its size."""
    from ..kb import load_kb

    settings()
    kb = load_kb(folder)
    stdout.print(
        f"knowledge base {kb.version}: {len(kb.domains)} domains, {len(kb.topics)} topics, "
        f"{len(kb.actors)} actors, {len(kb.places)} places",
        highlight=False,
    )
