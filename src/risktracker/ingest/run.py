"""The ingest stage: read targets, skip what is stored, link near-duplicates, record errors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import IngestError
from ..models import Document, RawDocument
from ..store import Store
from ..store.events import add_events
from . import iter_raw_documents
from .datasets import EventBatch
from .dedup import canonical_url, content_hash
from .minhash import NearDuplicateIndex, signature
from .text import guess_language, normalize_text
from .web import Fetcher

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    errors: list[IngestError] = field(default_factory=list)
    events: int = 0  # issue 4: dataset events stored
    known_events: int = 0  # issue 4: dataset events already stored

    def line(self) -> str:
        line = (
            f"stored {self.stored}, skipped {self.duplicates} duplicates, "
            f"linked {self.near_duplicates} near-duplicates, failed {self.failed}"
        )
        if self.events or self.known_events:
            line += f"; events: stored {self.events}, skipped {self.known_events} already stored"
        return line


def _to_document(raw: RawDocument, source_id: str, text: str) -> Document:
    digest = content_hash(text)
    return Document(
        id="d" + digest[:15],
        text=text,
        title=(raw.title or text.split("\n", 1)[0][:120]).strip(),
        source_id=source_id,
        content_hash=digest,
        url=raw.url,
        published=raw.published,
        language=raw.language or guess_language(text),
    )


def ingest(
    store: Store,
    targets: Sequence[str],
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = 20_000_000,
    on_item: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest every target; a bad item is recorded with its reason and the run goes on."""
    summary = IngestSummary()
    index = NearDuplicateIndex()
    for doc_id, fingerprint in store.fingerprints():
        index.add(doc_id, fingerprint)
    sources: dict[tuple[str, str], str] = {}
    for item in iter_raw_documents(targets, fetcher=fetcher, max_bytes=max_bytes):
        if on_item is not None:
            on_item(item.location)
        if isinstance(item, IngestError):
            _fail(store, summary, item)
            continue
        if isinstance(item, EventBatch):  # issue 4: events of a GDELT or ICEWS file
            new = add_events(store, item.events, item.location)
            summary.events += new
            summary.known_events += len(item.events) - new
            continue
        text = normalize_text(item.text)
        if not text:
            _fail(store, summary, IngestError(item.location, "empty text"))
            continue
        key = (item.source_kind, item.source)
        if key not in sources:
            sources[key] = store.ensure_source(item.source, item.source_kind)
        document = _to_document(item, sources[key], text)
        url = canonical_url(item.url) if item.url else None
        if store.find_existing(url, document.content_hash):
            summary.duplicates += 1
            continue
        fingerprint = signature(text)
        link = index.find(fingerprint)
        stored = store.add_document(
            document,
            canonical_url=url,
            fingerprint=fingerprint,
            location=item.location,
            external_id=item.external_id,
            near_duplicate_of=link,
        )
        if not stored:
            summary.duplicates += 1
            continue
        index.add(document.id, fingerprint)
        if link is not None:
            summary.near_duplicates += 1
        summary.stored += 1
    return summary


def _fail(store: Store, summary: IngestSummary, error: IngestError) -> None:
    log.warning("skipped %s: %s", error.location, error.reason)
    store.record_ingest_error(error.location, error.reason)
    summary.failed += 1
    summary.errors.append(error)
