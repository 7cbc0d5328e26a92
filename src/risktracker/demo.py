"""The demo job: the sample corpus from ingest to a first edition, in one folder."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .analyze import run_analyses
from .editions.assemble import assemble_edition
from .editions.render import write_edition
from .enrich.run import EnrichSummary, enrich_pending
from .ingest.run import IngestSummary, ingest
from .kb import load_kb
from .store import Store

SAMPLE_PERIOD = "2021-Q3"
SAMPLE_NUMBER = "3/2021"


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("risktracker") / "sample" / "corpus"))


def sample_focus_file() -> Path:
    return Path(str(resources.files("risktracker") / "sample" / "focus-3-2021.md"))


@dataclass(frozen=True)
class DemoResult:
    database: str
    ingest: IngestSummary
    enrich: EnrichSummary
    outputs: tuple[Path, ...]


def run_demo(directory: str | Path, *, workers: int = 0) -> DemoResult:
    folder = Path(directory).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'risktracker.db'}"
    store = Store(url)
    try:
        kb = load_kb()
        ingested = ingest(store, [str(sample_corpus_dir())])
        enriched = enrich_pending(store, kb, workers=workers)
        run_analyses(store, kb)
        focus = sample_focus_file()
        edition = assemble_edition(
            store,
            kb,
            period=SAMPLE_PERIOD,
            number=SAMPLE_NUMBER,
            focus=focus if focus.is_file() else None,
        )
        outputs = write_edition(edition, folder / "editions")
    finally:
        store.close()
    return DemoResult(url, ingested, enriched, tuple(outputs))
