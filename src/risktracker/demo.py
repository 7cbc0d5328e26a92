"""The demo job: the sample corpus from ingest to three editions, in one folder.

``DIR/risktracker.db`` holds the store; ``DIR/editions/`` is a fresh copy of the sample
edition folders (1/2021, 2/2021, 3/2021, the risk register and the resolutions) as an
analyst would keep them in git; ``DIR/site/`` receives the built editions (HTML, PDF,
Markdown, JSON, calendar, charts), the index page and the Atom feed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .analyze import run_analyses
from .editions.publish import build
from .enrich.run import EnrichSummary, enrich_pending
from .ingest.run import IngestSummary, ingest
from .kb import load_kb
from .store import Store

SAMPLE_PERIOD = "2021-Q3"
SAMPLE_NUMBER = "3/2021"
SAMPLE_EDITIONS = ("1/2021", "2/2021", "3/2021")


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("risktracker") / "sample" / "corpus"))


def sample_texts(minimum: int = 0) -> list[str]:
    """The sample briefs' texts, repeated in order until there are at least ``minimum``
    (benchmarks measure throughput on a corpus of a chosen size)."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(sample_corpus_dir().glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    repeats = max(1, -(-minimum // len(texts)))
    return (texts * repeats)[: max(minimum, len(texts))]


def sample_editions_dir() -> Path:
    return Path(str(resources.files("risktracker") / "sample" / "editions"))


def sample_focus_file() -> Path:
    return sample_editions_dir() / "2021-3" / "focus.md"


@dataclass(frozen=True)
class DemoResult:
    database: str
    ingest: IngestSummary
    enrich: EnrichSummary
    outputs: tuple[Path, ...]
    editions_dir: Path | None = None
    site_dir: Path | None = None


def copy_sample_editions(target: Path) -> Path:
    """Replace TARGET with a fresh copy of the sample edition folders."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(sample_editions_dir(), target)
    return target


def demo_ledger(store: Store, kb, folder: Path) -> tuple[Path, ...]:  # noqa: ANN001
    """The China-Russia ledger of 2021 by quarter: page, chart and data (issue 4)."""
    from datetime import date

    from .analyze.relations import ledger
    from .editions.ledger_page import write_ledger

    pair = ledger(
        store, kb, "CHN", "RUS", by="quarter", start=date(2021, 1, 1), end=date(2021, 12, 31)
    )
    return write_ledger(pair, folder)


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
        editions = copy_sample_editions(folder / "editions")
        site = folder / "site"
        outputs: list[Path] = []
        for number in SAMPLE_EDITIONS:
            for path in build(store, kb, editions, number, site).paths:
                if path not in outputs:
                    outputs.append(path)
        outputs.extend(demo_ledger(store, kb, site / "ledger"))  # issue 4
    finally:
        store.close()
    # the index and the feed are rewritten per edition; list them once, last
    outputs.sort(key=lambda p: p.parent == site)
    return DemoResult(url, ingested, enriched, tuple(outputs), editions, site)
