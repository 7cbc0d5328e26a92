"""The JSON face of enrichment (``risktracker annotate``). Later stages add keys; none
are renamed."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from ..models import Document, Enrichment
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
            }
            for w in enrichment.watch
        ],
    }


def annotate(
    text: str, kb: KnowledgeBase, published: date | None = None, doc_id: str | None = None
) -> dict[str, Any]:
    """Enrich a bare text and return the annotation as plain JSON-ready data."""
    return enrichment_dict(enrich(text_document(text, published, doc_id), kb), kb)
