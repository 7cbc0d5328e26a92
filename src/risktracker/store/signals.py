"""Reads behind the signals: per document of a period, what it is about and where it says so.

Which labels count (per document, and per sentence): the analyst's when an analyst
labelled that text (``none`` meaning no domain), else the model's when a model labelled
the document, else the rule labeller's. Near-duplicates are left out; documents that
report the same story (issue 4's ``stories``, when built) share a group and count once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, literal, null, select

from ..models import Evidence
from . import schema as t
from .db import Store
from .reads import evidence_columns, originals_between

NONE = "none"
PRECEDENCE = ("analyst", "model", "rule")


@dataclass
class DocumentSignal:
    """One original document of the period and the sentences behind each thing it is about."""

    id: str
    published: date
    source_id: str
    title: str
    group: str  # the story it reports (smallest story id), else its own id
    stories: set[str] = field(default_factory=set)
    domains: dict[str, set[int]] = field(default_factory=dict)  # domain -> sentence indexes
    topics: dict[str, set[int]] = field(default_factory=dict)
    actors: dict[str, set[int]] = field(default_factory=dict)
    pairs: dict[str, set[int]] = field(default_factory=dict)  # "CHN-USA" -> sentences
    scores: dict[str, float] = field(default_factory=dict)  # document score per domain
    events: list[tuple[int | None, str, float]] = field(
        default_factory=list
    )  # sentence, type, intensity


def _effective(rows: list[tuple[str, int, str, str, float]]) -> dict[tuple[str, int], dict]:
    """(doc, sentence) -> {domain: score} by the precedence analyst > model > rule."""
    by_unit: dict[tuple[str, int], dict[str, dict[str, float]]] = defaultdict(dict)
    for doc, sentence, value, who, score in rows:
        by_unit[(doc, sentence)].setdefault(who, {})[value] = score
    chosen = {}
    for unit, whose in by_unit.items():
        for who in PRECEDENCE:
            if who in whose:
                chosen[unit] = {d: s for d, s in whose[who].items() if d != NONE}
                break
    return chosen


def document_signals(store: Store, start: date, end: date) -> list[DocumentSignal]:
    """Every original document published in [start, end] with what the signals need."""
    docs, labels, mentions = t.documents, t.labels, t.mentions
    where = originals_between(start, end)
    with store.engine.connect() as conn:
        found = {
            row[0]: DocumentSignal(row[0], row[1], row[2], row[3], row[0])
            for row in conn.execute(
                select(docs.c.id, docs.c.published, docs.c.source_id, docs.c.title)
                .where(where)
                .order_by(docs.c.published, docs.c.id)
            )
        }
        label_rows = conn.execute(
            select(
                labels.c.document_id,
                labels.c.sentence,
                labels.c.target,
                labels.c.value,
                labels.c.assigned_by,
                labels.c.score,
            )
            .join(docs, docs.c.id == labels.c.document_id)
            .where(where)
        ).all()
        mention_rows = conn.execute(
            select(mentions.c.document_id, mentions.c.sentence, mentions.c.entity, mentions.c.kind)
            .add_columns(mentions.c.country)
            .join(docs, docs.c.id == mentions.c.document_id)
            .where(where)
        ).all()
        event_rows = _event_rows(conn, where)
    domain_rows = [(d, s, v, w, sc) for d, s, tg, v, w, sc in label_rows if tg == "domain"]
    for (doc, sentence), domains in _effective(domain_rows).items():
        for domain, score in domains.items():
            if sentence < 0:
                found[doc].scores[domain] = score
                found[doc].domains.setdefault(domain, set())
        if sentence >= 0:
            for domain in domains:
                found[doc].domains.setdefault(domain, set())
    for (doc, sentence), domains in _effective(domain_rows).items():
        if sentence >= 0:
            for domain in domains:
                if domain in found[doc].scores:  # sentences count under the document's domains
                    found[doc].domains[domain].add(sentence)
    for doc in found.values():  # a sentence-only domain without a document label is dropped
        doc.domains = {d: s for d, s in doc.domains.items() if d in doc.scores}
    for doc, sentence, target, value, _who, _score in label_rows:
        if target == "topic":
            entry = found[doc].topics.setdefault(value, set())
            if sentence >= 0:
                entry.add(sentence)
    countries: dict[tuple[str, int], set[str]] = defaultdict(set)
    for doc, sentence, entity, kind, country in mention_rows:
        if kind == "actor":
            found[doc].actors.setdefault(entity, set()).add(sentence)
            if country and len(country) == 3 and country.isupper():
                countries[(doc, sentence)].add(country)
    for (doc, sentence), names in countries.items():
        ordered = sorted(names)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                found[doc].pairs.setdefault(f"{first}-{second}", set()).add(sentence)
    for doc, sentence, kind, intensity, story, pair in event_rows:
        if doc not in found:
            continue
        found[doc].events.append((sentence, kind, intensity))
        if story:
            found[doc].stories.add(story)
        if pair and sentence is not None:
            found[doc].pairs.setdefault(pair, set()).add(sentence)
    for doc in found.values():
        if doc.stories:
            doc.group = min(doc.stories)
    return list(found.values())


def _event_rows(conn, where) -> list[tuple]:  # noqa: ANN001
    """(document, sentence, PLOVER type, intensity, story, pair) of our coder's events.

    Intensity, country pairs and stories come from issue 4's columns and its
    ``story_members`` table when the schema has them; without them intensity is 0 and
    no story groups documents.
    """
    e, docs = t.events, t.documents
    columns = e.c
    members = t.metadata.tables.get("story_members")
    intensity = columns["intensity"] if "intensity" in columns else literal(0.0)
    story = members.c.story_id if members is not None else null()
    pair_cols = "source_country" in columns and "target_country" in columns
    source = e.join(docs, docs.c.id == e.c.document_id)
    if members is not None:
        source = source.outerjoin(members, members.c.event_id == e.c.id)
    query = (
        select(
            e.c.document_id,
            e.c.sentence,
            e.c.type,
            intensity,
            story,
            columns["source_country"] if pair_cols else null(),
            columns["target_country"] if pair_cols else null(),
        )
        .select_from(source)
        .where(where)
    )
    if "negated" in columns:
        query = query.where(e.c.negated == 0)
    rows = []
    for doc, sentence, kind, value, story_id, first, second in conn.execute(query):
        pair = "-".join(sorted((first, second))) if first and second and first != second else None
        rows.append((doc, sentence, kind, float(value or 0.0), story_id, pair))
    return rows


def sentence_texts(store: Store, keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The text of each (document, sentence)."""
    return {key: evidence.sentence for key, evidence in evidence_for(store, keys).items()}


def published_range(store: Store) -> tuple[date | None, date | None]:
    with store.engine.connect() as conn:
        return tuple(
            conn.execute(
                select(func.min(t.documents.c.published), func.max(t.documents.c.published))
            ).one()
        )  # type: ignore[return-value]


def near_duplicate_sources(store: Store, originals: list[str]) -> dict[str, list[str]]:
    """original id -> the sources of its near-duplicates (one entry per near-duplicate)."""
    nd, docs = t.near_duplicates, t.documents
    result: dict[str, list[str]] = defaultdict(list)
    with store.engine.connect() as conn:
        for begin in range(0, len(originals), 500):
            chunk = originals[begin : begin + 500]
            query = (
                select(nd.c.original_id, docs.c.source_id)
                .join(docs, docs.c.id == nd.c.document_id)
                .where(nd.c.original_id.in_(chunk))
            )
            for original, source in conn.execute(query):
                result[original].append(source)
    return dict(result)


def evidence_for(store: Store, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Evidence]:
    """The evidence (sentence, title, URL, date, source name) of each (document, sentence)."""
    docs, sents = t.documents, t.sentences
    wanted = defaultdict(set)
    for doc, idx in keys:
        wanted[doc].add(idx)
    result = {}
    doc_ids = sorted(wanted)
    with store.engine.connect() as conn:
        for begin in range(0, len(doc_ids), 500):
            chunk = doc_ids[begin : begin + 500]
            query = (
                select(*evidence_columns())
                .join(docs, docs.c.id == sents.c.document_id)
                .join(t.sources, t.sources.c.id == docs.c.source_id)
                .where(sents.c.document_id.in_(chunk))
            )
            for row in conn.execute(query):
                if row[1] in wanted[row[0]]:
                    result[(row[0], row[1])] = Evidence(*row)
    return result
