"""Writers of enrichment results: one function per part, run in order in one transaction.

A writer deletes what an earlier enrichment of the document stored in its tables and
inserts the new rows. Add a part by adding a function to :data:`ENRICHMENT_WRITERS`.
Labels set by a model or an analyst survive re-enrichment; only rule labels are replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete

from ..models import Enrichment
from . import schema as t
from .events import write_events  # issue 4
from .labels import write_model_labels  # issue 5

if TYPE_CHECKING:
    from .db import Store


def write_sentences(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    doc = enrichment.document_id
    conn.execute(delete(t.sentences).where(t.sentences.c.document_id == doc))
    if enrichment.sentences:
        conn.execute(
            t.sentences.insert(),
            [
                {
                    "document_id": doc,
                    "idx": s.index,
                    "start_char": s.start_char,
                    "end_char": s.end_char,
                    "paragraph": s.paragraph,
                }
                for s in enrichment.sentences
            ],
        )


def write_mentions(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    doc = enrichment.document_id
    conn.execute(delete(t.mentions).where(t.mentions.c.document_id == doc))
    if enrichment.mentions:
        conn.execute(
            store._insert_ignore(t.mentions),
            [
                {
                    "document_id": doc,
                    "start_char": m.start_char,
                    "end_char": m.end_char,
                    "entity": m.entity,
                    "sentence": m.sentence,
                    "text": m.text,
                    "kind": m.kind,
                    "type": m.type,
                    "country": m.country,
                }
                for m in enrichment.mentions
            ],
        )


def write_labels(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    doc = enrichment.document_id
    conn.execute(
        delete(t.labels).where((t.labels.c.document_id == doc) & (t.labels.c.assigned_by == "rule"))
    )
    rows = [
        {
            "document_id": doc,
            "sentence": -1 if label.sentence is None else label.sentence,
            "target": label.target,
            "value": label.value,
            "assigned_by": label.assigned_by,
            "score": label.score,
        }
        for label in enrichment.labels
        if label.assigned_by == "rule"
    ]
    if rows:
        conn.execute(store._insert_ignore(t.labels), rows)


def write_watch_items(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    doc = enrichment.document_id
    conn.execute(delete(t.watch_items).where(t.watch_items.c.document_id == doc))
    if enrichment.watch:
        conn.execute(
            store._insert_ignore(t.watch_items),
            [
                {
                    "id": w.id,
                    "document_id": doc,
                    "sentence": w.sentence,
                    "expression": w.expression,
                    "start_char": w.start_char,
                    "end_char": w.end_char,
                    "start_date": w.start,
                    "end_date": w.end,
                    "precision": w.precision,
                    "label": w.label,
                    "confidence": w.confidence,
                    "parent_id": w.parent,
                    "domain": w.domain,
                    "actors": json.dumps(list(w.actors)),
                    "topics": json.dumps(list(w.topics)),
                }
                for w in enrichment.watch
            ],
        )


Writer = Callable[["Store", Connection, Enrichment], None]

# The registry, in order: later parts may refer to rows of earlier ones.
ENRICHMENT_WRITERS: tuple[Writer, ...] = (
    write_sentences,
    write_mentions,
    write_labels,
    write_model_labels,
    write_watch_items,
    write_events,
)
