"""The enrich stage: run :func:`enrich` over every document not yet enriched.

Workers each load the knowledge base once and return enrichments; only this process
writes to the store, so SQLite sees a single writer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..kb import KnowledgeBase, load_kb
from ..models import Document, Enrichment
from ..store import Store
from .pipeline import Enricher

IN_PROCESS_BELOW = 200  # starting workers costs more than it saves for small batches
_worker: Enricher | None = None


@dataclass(frozen=True)
class EnrichSummary:
    enriched: int
    skipped: int  # already enriched with this pipeline and knowledge base
    workers: int

    def line(self) -> str:
        return f"enriched {self.enriched} documents ({self.skipped} already up to date)"


def _init_worker(kb_dir: str, model: object = None) -> None:
    global _worker
    _worker = Enricher(load_kb(kb_dir or None), model=model)


def _enrich_in_worker(document: Document) -> Enrichment:
    assert _worker is not None, "worker not initialised"
    return _worker(document)


def enrich_pending(
    store: Store,
    kb: KnowledgeBase,
    *,
    kb_dir: str = "",
    workers: int = 0,
    force: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Enrichment], None] | None = None,
) -> EnrichSummary:
    from ..analyze.train import load_domain_model  # issue 5: the latest trained model, if any

    model = load_domain_model(store)
    enricher = Enricher(kb, model=model)
    pending = store.documents_to_enrich(enricher.version, force=force)
    total = store.status()["documents"]
    if on_start is not None:
        on_start(len(pending))
    count = workers or os.cpu_count() or 1
    if len(pending) < IN_PROCESS_BELOW or count == 1:
        count = 1
        results = map(enricher, pending)
        for enrichment in results:
            store.save_enrichment(enrichment)
            if on_done is not None:
                on_done(enrichment)
    else:
        with ProcessPoolExecutor(count, initializer=_init_worker, initargs=(kb_dir, model)) as pool:
            for enrichment in pool.map(_enrich_in_worker, pending, chunksize=32):
                store.save_enrichment(enrichment)
                if on_done is not None:
                    on_done(enrichment)
    return EnrichSummary(len(pending), int(total) - len(pending), count)
