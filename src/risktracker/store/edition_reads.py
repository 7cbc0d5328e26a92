"""Reads for the edition folder (issue 6): evidence an analyst cites by URL or document id.

Analysts cite documents the way they know them, by URL; the tracker's ids work too. The
sentence quoted is the document's best sentence for the domain in question (the highest
label score), else its first sentence.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from ..models import Evidence
from . import schema as t
from .db import Store


def evidence_for(store: Store, refs: list[str], domain: str | None = None) -> dict[str, Evidence]:
    """Evidence per reference that names a stored document; unknown references are absent."""
    refs = sorted({r.strip() for r in refs if r and r.strip()})
    if not refs:
        return {}
    docs, sents, labels = t.documents, t.sentences, t.labels
    doc_query = (
        select(docs.c.id, docs.c.url, docs.c.title, docs.c.published, t.sources.c.name)
        .join(t.sources, t.sources.c.id == docs.c.source_id)
        .where(or_(docs.c.id.in_(refs), docs.c.url.in_(refs)))
        .order_by(docs.c.published, docs.c.id)
    )
    result: dict[str, Evidence] = {}
    with store.engine.connect() as conn:
        for doc_id, url, title, published, source in conn.execute(doc_query).all():
            best = None
            if domain is not None:
                best = conn.execute(
                    select(labels.c.sentence)
                    .where(
                        labels.c.document_id == doc_id,
                        labels.c.target == "domain",
                        labels.c.value == domain,
                        labels.c.sentence >= 0,
                    )
                    .order_by(labels.c.score.desc(), labels.c.sentence)
                    .limit(1)
                ).scalar()
            sentence_query = select(
                sents.c.idx,
                t.sentence_text(),
            ).join(docs, docs.c.id == sents.c.document_id)
            sentence_query = sentence_query.where(sents.c.document_id == doc_id)
            if best is not None:
                sentence_query = sentence_query.where(sents.c.idx == best)
            row = conn.execute(sentence_query.order_by(sents.c.idx).limit(1)).first()
            if row is None:
                continue  # not enriched yet: no sentence to quote
            evidence = Evidence(doc_id, row[0], row[1], title, url, published, source)
            for ref in (doc_id, url):
                if ref in refs and ref not in result:
                    result[ref] = evidence
    return result
