"""Reads and writes of the watchlist (issue 3): the per-document items enrichment
stored, the merged groups the watch analysis builds, and the outcomes analysts decide."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, delete, func, select, update

from ..errors import InputError
from ..models import Evidence, TrackedWatchItem, WatchOutcome, WatchSource
from . import schema as t
from .db import Store
from .reads import evidence_columns


@dataclass(frozen=True)
class StoredItem:
    """A per-document watch item with what merging needs."""

    source: WatchSource
    document_id: str
    published: date | None
    domain: str | None
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    parent_id: str | None


@dataclass(frozen=True)
class GroupRow:
    id: str
    label: str
    expression: str
    start: date
    end: date
    precision: str
    confidence: str
    domain: str | None
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    parent_id: str | None
    first_seen: date | None
    members: tuple[str, ...]  # item ids
    documents: tuple[str, ...] = ()  # their documents


@dataclass(frozen=True)
class ReportSentence:
    """A sentence of a later document, read when looking for a happening's outcome."""

    document_id: str
    sentence: int
    text: str
    published: date
    actors: frozenset[str]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def stored_items(store: Store) -> list[StoredItem]:
    """Every per-document watch item, near-duplicate documents left out, oldest first."""
    items, docs = t.watch_items, t.documents
    query = (
        select(
            items.c.id,
            items.c.expression,
            items.c.start_date,
            items.c.end_date,
            items.c.precision,
            items.c.confidence,
            items.c.label,
            *evidence_columns(),
            items.c.domain,
            items.c.actors,
            items.c.topics,
            items.c.parent_id,
        )
        .join(docs, docs.c.id == items.c.document_id)
        .join(t.sources, t.sources.c.id == docs.c.source_id)
        .join(
            t.sentences,
            and_(t.sentences.c.document_id == docs.c.id, t.sentences.c.idx == items.c.sentence),
        )
        .where(docs.c.id.not_in(select(t.near_duplicates.c.document_id)))
        .order_by(docs.c.published, docs.c.id, items.c.start_char)
    )
    result = []
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            evidence = Evidence(*row[7:14])
            source = WatchSource(*row[:7], evidence=evidence)
            result.append(
                StoredItem(
                    source=source,
                    document_id=row[7],
                    published=row[12],
                    domain=row[14],
                    actors=tuple(json.loads(row[15] or "[]")),
                    topics=tuple(json.loads(row[16] or "[]")),
                    parent_id=row[17],
                )
            )
    return result


def replace_groups(store: Store, groups: list[GroupRow]) -> None:
    """Rebuild the merged groups in one transaction; outcomes are kept."""
    with store.engine.begin() as conn:
        conn.execute(delete(t.watch_group_sources))
        conn.execute(delete(t.watch_groups))
        if not groups:
            return
        conn.execute(
            t.watch_groups.insert(),
            [
                {
                    "id": g.id,
                    "label": g.label,
                    "expression": g.expression,
                    "start_date": g.start,
                    "end_date": g.end,
                    "precision": g.precision,
                    "confidence": g.confidence,
                    "domain": g.domain,
                    "actors": json.dumps(list(g.actors)),
                    "topics": json.dumps(list(g.topics)),
                    "parent_id": g.parent_id,
                    "first_seen": g.first_seen,
                }
                for g in groups
            ],
        )
        conn.execute(
            t.watch_group_sources.insert(),
            [{"group_id": g.id, "item_id": m} for g in groups for m in g.members],
        )


def report_sentences(store: Store, start: date, end: date) -> list[ReportSentence]:
    """Sentences of documents published in [start, end], with the actors they name."""
    docs, sents = t.documents, t.sentences
    query = (
        select(docs.c.id, sents.c.idx, t.sentence_text(), docs.c.published)
        .join(sents, sents.c.document_id == docs.c.id)
        .where(docs.c.published >= start, docs.c.published <= end)
        .order_by(docs.c.published, docs.c.id, sents.c.idx)
    )
    mentions = (
        select(t.mentions.c.document_id, t.mentions.c.sentence, t.mentions.c.entity)
        .join(docs, docs.c.id == t.mentions.c.document_id)
        .where(docs.c.published >= start, docs.c.published <= end, t.mentions.c.kind == "actor")
    )
    with store.engine.connect() as conn:
        actors: dict[tuple[str, int], set[str]] = defaultdict(set)
        for doc_id, index, entity in conn.execute(mentions):
            actors[(doc_id, index)].add(entity)
        return [
            ReportSentence(d, i, text, published, frozenset(actors.get((d, i), ())))
            for d, i, text, published in conn.execute(query)
        ]


def propose_outcomes(store: Store, proposals: list[tuple[str, str, int, str, str]]) -> int:
    """Record (group, document, sentence, outcome, evidence) proposals; a pair an analyst
    has already decided is left alone. Returns how many are new."""
    if not proposals:
        return 0
    rows = [
        {
            "group_id": g,
            "document_id": d,
            "sentence": s,
            "outcome": o,
            "state": "proposed",
            "assigned_by": "rule",
            "evidence": e,
            "decided_at": _now(),
        }
        for g, d, s, o, e in proposals
    ]
    with store.engine.begin() as conn:
        return conn.execute(store._insert_ignore(t.watch_outcomes), rows).rowcount or 0


def group_id_of(store: Store, some_id: str) -> str:
    """The group of a group id or of a per-document item id."""
    with store.engine.connect() as conn:
        if conn.execute(select(t.watch_groups.c.id).where(t.watch_groups.c.id == some_id)).first():
            return some_id
        group = conn.execute(
            select(t.watch_group_sources.c.group_id).where(
                t.watch_group_sources.c.item_id == some_id
            )
        ).scalar()
    if group is None:
        raise InputError(
            f"no watch item {some_id!r}",
            "List the ids with `risktracker watch list` (run `risktracker analyze` first).",
        )
    return group


def decide_outcome(
    store: Store, group_id: str, outcome: str, document_id: str, *, confirm: bool
) -> None:
    """An analyst confirms (or rejects) what became of a happening, citing a document."""
    with store.engine.begin() as conn:
        known = conn.execute(
            select(t.documents.c.id).where(t.documents.c.id == document_id)
        ).scalar()
        if known is None:
            raise InputError(
                f"no document {document_id!r}", "Cite the id of a stored document as evidence."
            )
        outcomes = t.watch_outcomes
        key = and_(outcomes.c.group_id == group_id, outcomes.c.document_id == document_id)
        values = {
            "outcome": outcome,
            "state": "confirmed" if confirm else "rejected",
            "assigned_by": "analyst",
            "decided_at": _now(),
        }
        if confirm:  # one confirmed outcome per happening: an earlier one is superseded
            conn.execute(
                update(outcomes)
                .where(outcomes.c.group_id == group_id, outcomes.c.state == "confirmed")
                .values(state="rejected", decided_at=_now())
            )
        if not conn.execute(update(outcomes).where(key).values(**values)).rowcount:
            conn.execute(
                outcomes.insert().values(
                    group_id=group_id, document_id=document_id, evidence=None, **values
                )
            )


def _status(end: date, outcomes: tuple[WatchOutcome, ...], as_of: date) -> str:
    confirmed = [o.outcome for o in outcomes if o.state == "confirmed"]
    if confirmed:
        return confirmed[0]
    return "due" if end < as_of else "upcoming"


def tracked_items(
    store: Store,
    *,
    start: date | None = None,
    end: date | None = None,
    domain: str | None = None,
    as_of: date | None = None,
    announced_by: date | None = None,
) -> list[TrackedWatchItem]:
    """Merged watch items whose range meets [start, end], with sources and outcomes.

    ``announced_by`` keeps the groups first announced on or before that day (an
    edition shows what was known at its period's end).
    """
    as_of = as_of or date.today()
    groups = t.watch_groups
    query = select(groups).order_by(groups.c.start_date, groups.c.end_date, groups.c.id)
    if start is not None:
        query = query.where(groups.c.end_date >= start)
    if end is not None:
        query = query.where(groups.c.start_date <= end)
    if domain is not None:
        query = query.where(groups.c.domain == domain)
    if announced_by is not None:
        query = query.where(groups.c.first_seen <= announced_by)
    sources: dict[str, list[WatchSource]] = defaultdict(list)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        members = conn.execute(select(t.watch_group_sources)).all()
        outcome_rows = conn.execute(
            select(t.watch_outcomes).order_by(t.watch_outcomes.c.decided_at)
        ).all()
    items = {s.source.item_id: s.source for s in stored_items(store)}
    for group_id, item_id in members:
        if item_id in items:
            sources[group_id].append(items[item_id])
    outcomes: dict[str, list[WatchOutcome]] = defaultdict(list)
    for o in outcome_rows:
        outcomes[o.group_id].append(
            WatchOutcome(o.outcome, o.state, o.assigned_by, o.document_id, o.evidence)
        )
    result = []
    for row in rows:
        own = tuple(outcomes.get(row.id, ()))
        result.append(
            TrackedWatchItem(
                id=row.id,
                label=row.label,
                expression=row.expression,
                start=row.start_date,
                end=row.end_date,
                precision=row.precision,
                confidence=row.confidence,
                status=_status(row.end_date, own, as_of),
                domain=row.domain,
                actors=tuple(json.loads(row.actors or "[]")),
                topics=tuple(json.loads(row.topics or "[]")),
                parent=row.parent_id,
                sources=tuple(sources.get(row.id, ())),
                outcomes=own,
            )
        )
    return result


def reject_outcome(store: Store, group_id: str, document_id: str) -> str:
    """An analyst rejects the outcome proposed from a document; returns that outcome."""
    outcomes = t.watch_outcomes
    key = and_(outcomes.c.group_id == group_id, outcomes.c.document_id == document_id)
    with store.engine.begin() as conn:
        outcome = conn.execute(select(outcomes.c.outcome).where(key)).scalar()
        if outcome is None:
            raise InputError(
                f"no outcome of {group_id} was proposed from {document_id!r}",
                "See the proposals with `risktracker watch list --json`.",
            )
        conn.execute(
            update(outcomes)
            .where(key)
            .values(state="rejected", assigned_by="analyst", decided_at=_now())
        )
    return outcome


def latest_publication(store: Store) -> date | None:
    """The newest publication date in the store: outcomes are known up to it."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.max(t.documents.c.published))).scalar()
