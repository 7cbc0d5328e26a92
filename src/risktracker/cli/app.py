"""The Typer application and the helpers every command module shares.

Command modules (``cli/core.py``, ``cli/edition.py``, ...) register on :data:`app` or on
a sub-application; ``cli/__init__.py`` imports them in one place.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import Settings, load_settings
from ..errors import InputError

app = typer.Typer(
    help="China security and risk tracker: ingest, enrich, analyze, publish.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

stderr = Console(stderr=True, soft_wrap=True)
stdout = Console(soft_wrap=True)  # data lines are never folded


def settings() -> Settings:
    loaded = load_settings()
    logging.basicConfig(
        level=loaded.log_level.upper(),
        handlers=[RichHandler(console=stderr, show_path=False)],
        format="%(message)s",
        force=True,
    )
    return loaded


def open_store(loaded: Settings):  # noqa: ANN201
    from ..store import Store

    return Store(loaded.db)


def load_knowledge_base(loaded: Settings):  # noqa: ANN201
    from ..kb import load_kb

    return load_kb(loaded.kb_dir or None)


def progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date: {value!r}", "Write dates as YYYY-MM-DD.") from None
