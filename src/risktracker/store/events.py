"""Events and stories in the store (issue 4): the enrichment writer, the import of dataset
events, the rebuild of stories and the reads of the bilateral ledger.

Each event row carries its ledger channel and its intensity, computed once from the
event knowledge base when it is written, so the ledger is plain SQL over stories.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, bindparam, delete, func, or_, select, update

from ..kb.events import EventKnowledge, load_event_kb
from ..models import Enrichment, Event
from . import schema as t

if TYPE_CHECKING:
    from .db import Store

_BATCH = 1000


def event_row(event: Event, knowledge: EventKnowledge, location: str | None = None) -> dict:
    return {
        "id": event.id,
        "document_id": event.document_id,
        "sentence": event.sentence,
        "event_date": event.date,
        "type": event.type,
        "source_actor": event.source,
        "source_country": event.source_country,
        "target_actor": event.target,
        "target_country": event.target_country,
        "source_text": event.source_text or None,
        "target_text": event.target_text or None,
        "mode": event.mode,
        "context": event.context,
        "channel": knowledge.channel(event.type, event.mode, event.context),
        "intensity": knowledge.intensity(event.type, event.mode),
        "magnitudes": json.dumps(
            [
                {"kind": m.kind, "value": m.value, "unit": m.unit, "text": m.text}
                for m in event.magnitudes
            ]
        )
        if event.magnitudes
        else None,
        "negated": int(event.negated),
        "modality": event.modality,
        "trigger": event.text or None,
        "start_char": event.start_char,
        "end_char": event.end_char,
        "evidence": event.sentence_text or None,
        "dataset": event.dataset,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "tone": event.tone,
        "external_id": event.external_id,
        "url": event.url,
        "location": location,
    }


def write_events(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    """The enrichment writer: replace the coded events of the document."""
    doc = enrichment.document_id
    conn.execute(delete(t.events).where(t.events.c.document_id == doc))
    if enrichment.events:
        knowledge = load_event_kb()
        conn.execute(
            store._insert_ignore(t.events), [event_row(e, knowledge) for e in enrichment.events]
        )


def add_events(store: Store, events: Iterable[Event], location: str) -> int:
    """Store imported events; those already stored (same id) are skipped. Returns how
    many are new."""
    knowledge = load_event_kb()
    rows = [event_row(e, knowledge, location) for e in events]
    stored = 0
    with store.engine.begin() as conn:
        for start in range(0, len(rows), _BATCH):
            chunk = rows[start : start + _BATCH]
            before = conn.execute(select(func.count()).select_from(t.events)).scalar() or 0
            conn.execute(store._insert_ignore(t.events), chunk)
            after = conn.execute(select(func.count()).select_from(t.events)).scalar() or 0
            stored += after - before
    return stored


# --- stories --------------------------------------------------------------------------


@dataclass(frozen=True)
class EventForStory:
    id: str
    type: str
    source: str | None
    source_country: str | None
    target: str | None
    target_country: str | None
    mode: str | None
    channel: str
    intensity: float
    day: date | None
    document_id: str | None
    source_id: str | None  # the document's source, or "dataset:<name>"
    evidence: str


def events_for_stories(store: Store) -> Iterator[EventForStory]:
    """Every asserted, not negated event, in the order stories are built."""
    e, d = t.events, t.documents
    query = (
        select(
            e.c.id,
            e.c.type,
            e.c.source_actor,
            e.c.source_country,
            e.c.target_actor,
            e.c.target_country,
            e.c.mode,
            e.c.channel,
            e.c.intensity,
            e.c.event_date,
            e.c.document_id,
            func.coalesce(d.c.source_id, "dataset:" + func.coalesce(e.c.dataset, "")),
            func.coalesce(e.c.evidence, e.c.url, ""),
        )
        .select_from(e.outerjoin(d, d.c.id == e.c.document_id))
        .where(e.c.negated == 0, e.c.modality == "asserted")
        .order_by(e.c.type, e.c.event_date, e.c.id)
    )
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            yield EventForStory(*row)


def replace_stories(store: Store, stories: list[dict], members: list[dict]) -> None:
    """Replace every story (the analysis rebuilds them all, so reruns change nothing)."""
    with store.engine.begin() as conn:
        conn.execute(delete(t.story_members))
        conn.execute(delete(t.stories))
        conn.execute(update(t.events).values(story_id=None))
        for start in range(0, len(stories), _BATCH):
            conn.execute(t.stories.insert(), stories[start : start + _BATCH])
        for start in range(0, len(members), _BATCH):
            chunk = members[start : start + _BATCH]
            conn.execute(t.story_members.insert(), chunk)
        if members:
            conn.execute(
                update(t.events)
                .where(t.events.c.id == bindparam("member_event"))
                .values(story_id=bindparam("member_story")),
                [{"member_event": x["event_id"], "member_story": x["story_id"]} for x in members],
            )


# --- the ledger -------------------------------------------------------------------------


def pair_stories(
    store: Store, first: str, second: str, start: date | None = None, end: date | None = None
) -> list[dict]:
    """Stories between two countries, in both directions, oldest first."""
    s = t.stories
    condition = or_(
        and_(s.c.source_country == first, s.c.target_country == second),
        and_(s.c.source_country == second, s.c.target_country == first),
    )
    if start is not None:
        condition = and_(condition, s.c.start_date >= start)
    if end is not None:
        condition = and_(condition, s.c.start_date <= end)
    query = select(s).where(condition).order_by(s.c.start_date, s.c.id)
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def story_evidence(store: Store, story_ids: list[str]) -> dict[str, list[dict]]:
    """The events behind each story: date, evidence sentence or URL, document, dataset."""
    e, m, d = t.events, t.story_members, t.documents
    out: dict[str, list[dict]] = {}
    for start in range(0, len(story_ids), _BATCH):
        chunk = story_ids[start : start + _BATCH]
        query = (
            select(
                m.c.story_id,
                e.c.id,
                e.c.event_date,
                e.c.evidence,
                e.c.url,
                e.c.document_id,
                e.c.sentence,
                e.c.dataset,
                d.c.title,
                d.c.url,
            )
            .select_from(m.join(e, e.c.id == m.c.event_id).outerjoin(d, d.c.id == e.c.document_id))
            .where(m.c.story_id.in_(chunk))
            .order_by(m.c.story_id, e.c.event_date, e.c.id)
        )
        with store.engine.connect() as conn:
            for row in conn.execute(query):
                out.setdefault(row[0], []).append(
                    {
                        "event": row[1],
                        "date": row[2].isoformat() if row[2] else None,
                        "evidence": row[3],
                        "url": row[4] or row[9],
                        "document": row[5],
                        "sentence": row[6],
                        "dataset": row[7],
                        "title": row[8],
                    }
                )
    return out


def story_pairs(store: Store) -> list[tuple[str, str, int]]:
    """(source country, target country, stories) of every ordered pair, most stories first."""
    s = t.stories
    query = (
        select(s.c.source_country, s.c.target_country, func.count())
        .where(s.c.source_country.is_not(None), s.c.target_country.is_not(None))
        .where(s.c.source_country != s.c.target_country)
        .group_by(s.c.source_country, s.c.target_country)
        .order_by(func.count().desc(), s.c.source_country, s.c.target_country)
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def count_events(store: Store, dataset: str | None = None) -> int:
    query = select(func.count()).select_from(t.events)
    if dataset is not None:
        query = query.where(t.events.c.dataset == dataset)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar() or 0
