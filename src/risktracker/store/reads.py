"""Reads for analysis and editions. Near-duplicates are left out: a happening reported
twice in almost the same words counts once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from ..models import Evidence
from . import schema as t
from .db import Store


@dataclass(frozen=True)
class DocumentDomainScore:
    document_id: str
    published: date
    domain: str
    score: float


@dataclass(frozen=True)
class SentenceCandidate:
    domain: str
    score: float
    actors: int  # distinct actors mentioned in the sentence
    topics: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class StoredWatchItem:
    id: str
    expression: str
    start: date
    end: date
    precision: str
    label: str
    evidence: Evidence


def originals_between(start: date, end: date):  # noqa: ANN201
    """Documents published in [start, end] that are not near-duplicates of another."""
    docs = t.documents
    return and_(
        docs.c.published >= start,
        docs.c.published <= end,
        docs.c.id.not_in(select(t.near_duplicates.c.document_id)),
    )


def count_documents(store: Store, start: date, end: date) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(t.documents).where(originals_between(start, end))
        ).scalar_one()


def document_domain_scores(store: Store, start: date, end: date) -> list[DocumentDomainScore]:
    """The best score per document and domain, whoever assigned it."""
    docs, labels = t.documents, t.labels
    query = (
        select(docs.c.id, docs.c.published, labels.c.value, func.max(labels.c.score))
        .join(labels, labels.c.document_id == docs.c.id)
        .where(originals_between(start, end), labels.c.sentence == -1, labels.c.target == "domain")
        .group_by(docs.c.id, docs.c.published, labels.c.value)
        .order_by(docs.c.published, docs.c.id, labels.c.value)
    )
    with store.engine.connect() as conn:
        return [DocumentDomainScore(*row) for row in conn.execute(query)]


def evidence_columns():  # noqa: ANN201
    """The columns of an :class:`Evidence`, in its field order (joins documents, sentences
    and sources)."""
    docs, sents = t.documents, t.sentences
    return (
        docs.c.id,
        sents.c.idx,
        t.sentence_text(),
        docs.c.title,
        docs.c.url,
        docs.c.published,
        t.sources.c.name,
    )


def sentence_candidates(store: Store, start: date, end: date) -> list[SentenceCandidate]:
    """Every sentence of the period with a domain label, with what ranking needs."""
    docs, sents, labels, mentions = t.documents, t.sentences, t.labels, t.mentions
    query = (
        select(labels.c.value, func.max(labels.c.score), *evidence_columns())
        .select_from(labels)
        .join(docs, docs.c.id == labels.c.document_id)
        .join(t.sources, t.sources.c.id == docs.c.source_id)
        .join(sents, and_(sents.c.document_id == docs.c.id, sents.c.idx == labels.c.sentence))
        .where(originals_between(start, end), labels.c.target == "domain", labels.c.sentence >= 0)
        .group_by(labels.c.value, *evidence_columns())
        .order_by(docs.c.id, sents.c.idx, labels.c.value)
    )
    actor_query = (
        select(
            mentions.c.document_id, mentions.c.sentence, func.count(mentions.c.entity.distinct())
        )
        .join(docs, docs.c.id == mentions.c.document_id)
        .where(originals_between(start, end), mentions.c.kind == "actor")
        .group_by(mentions.c.document_id, mentions.c.sentence)
    )
    topic_query = (
        select(labels.c.document_id, labels.c.sentence, labels.c.value)
        .join(docs, docs.c.id == labels.c.document_id)
        .where(originals_between(start, end), labels.c.target == "topic", labels.c.sentence >= 0)
        .order_by(labels.c.value)
    )
    with store.engine.connect() as conn:
        actors = {(d, s): n for d, s, n in conn.execute(actor_query)}
        topics: dict[tuple[str, int], list[str]] = {}
        for d, s, value in conn.execute(topic_query):
            topics.setdefault((d, s), []).append(value)
        rows = conn.execute(query).all()
    return [
        SentenceCandidate(
            domain=domain,
            score=score,
            actors=actors.get((doc_id, idx), 0),
            topics=tuple(topics.get((doc_id, idx), ())),
            evidence=Evidence(doc_id, idx, sentence, title, url, published, source),
        )
        for domain, score, doc_id, idx, sentence, title, url, published, source in rows
    ]


def watch_items_between(
    store: Store, after: date, until: date, *, announced_from: date | None = None
) -> list[StoredWatchItem]:
    """Watch items ending after ``after`` and starting by ``until``, announced since
    ``announced_from``; one per expression and date range (the earliest document wins)."""
    docs, items = t.documents, t.watch_items
    query = (
        select(
            items.c.id,
            items.c.expression,
            items.c.start_date,
            items.c.end_date,
            items.c.precision,
            items.c.label,
            *evidence_columns(),
        )
        .join(docs, docs.c.id == items.c.document_id)
        .join(t.sources, t.sources.c.id == docs.c.source_id)
        .join(
            t.sentences,
            and_(t.sentences.c.document_id == docs.c.id, t.sentences.c.idx == items.c.sentence),
        )
        .where(items.c.end_date > after, items.c.start_date <= until, docs.c.published <= after)
        .order_by(items.c.start_date, items.c.end_date, docs.c.published, docs.c.id)
    )
    if announced_from is not None:
        query = query.where(docs.c.published >= announced_from)
    seen: set[tuple[str, date, date]] = set()
    result = []
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            key = (row[1].lower(), row[2], row[3])
            if key in seen:
                continue
            seen.add(key)
            result.append(StoredWatchItem(*row[:6], evidence=Evidence(*row[6:])))
    return result
