"""The JSON face of enrichment (``risktracker annotate``). Later stages add keys; none
are renamed."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from ..models import Document, Enrichment, Event
from .pipeline import enrich


def text_document(text: str, published: date | None = None, doc_id: str | None = None) -> Document:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id=doc_id or "d" + digest[:15],
        text=text,
        title="",
        source_id="annotate",
        content_hash=digest,
        published=published,
    )


def enrichment_dict(enrichment: Enrichment, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "id": enrichment.document_id,
        "sentences": [
            {
                "index": s.index,
                "start_char": s.start_char,
                "end_char": s.end_char,
                "paragraph": s.paragraph,
                "text": s.text,
            }
            for s in enrichment.sentences
        ],
        "mentions": [
            {
                "text": m.text,
                "start_char": m.start_char,
                "end_char": m.end_char,
                "entity": m.entity,
                "name": kb.name_of(m.entity),
                "kind": m.kind,
                "type": m.type,
                "country": m.country,
                "sentence": m.sentence,
            }
            for m in enrichment.mentions
        ],
        "labels": [
            {
                "domain": x.value,
                "score": x.score,
                "sentence": x.sentence,
                "assigned_by": x.assigned_by,
            }
            for x in enrichment.labels
            if x.target == "domain"
        ],
        "topics": [
            {
                "topic": x.value,
                "score": x.score,
                "sentence": x.sentence,
                "assigned_by": x.assigned_by,
            }
            for x in enrichment.labels
            if x.target == "topic"
        ],
        "watch": [
            {
                "text": w.expression,
                "start_char": w.start_char,
                "end_char": w.end_char,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "precision": w.precision,
                "label": w.label,
                "sentence": w.sentence,
                "id": w.id,
                "confidence": w.confidence,
                "parent": w.parent,
                "future": True,
                "actors": list(w.actors),
                "topics": list(w.topics),
                "domain": w.domain,
            }
            for w in enrichment.watch
        ],
        "dates": [
            {
                "text": d.text,
                "start_char": d.start_char,
                "end_char": d.end_char,
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
                "precision": d.precision,
                "future": d.future,
                "sentence": d.sentence,
            }
            for d in enrichment.dates
        ],
        "events": [event_dict(e) for e in enrichment.events],
    }


def event_dict(event: Event) -> dict[str, Any]:
    """One coded event as JSON (issue 4)."""
    return {
        "id": event.id,
        "type": event.type,
        "source": event.source,
        "source_country": event.source_country,
        "target": event.target,
        "target_country": event.target_country,
        "mode": event.mode,
        "context": event.context,
        "magnitude": [
            {"kind": m.kind, "value": m.value, "unit": m.unit, "text": m.text}
            for m in event.magnitudes
        ],
        "negated": event.negated,
        "modality": event.modality,
        "date": event.date.isoformat() if event.date else None,
        "sentence": event.sentence,
        "text": event.text,
        "source_text": event.source_text,
        "target_text": event.target_text,
    }


def annotate(
    text: str, kb: KnowledgeBase, published: date | None = None, doc_id: str | None = None
) -> dict[str, Any]:
    """Enrich a bare text and return the annotation as plain JSON-ready data."""
    return enrichment_dict(enrich(text_document(text, published, doc_id), kb), kb)
