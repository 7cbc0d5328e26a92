"""Labels set by the model and by analysts, and the labelled texts that training reads.

The v1 ``labels`` table keeps who set each label (``assigned_by``: rule, model, analyst).
Rule labels are rewritten by every enrichment (:func:`store.enrichment.write_labels`).
Model labels are rewritten only by an enrichment that ran with a model (its version
carries :data:`MODEL_VERSION_MARK`), so enriching without a model keeps them. Analyst
labels are never touched by enrichment. An analyst's label of domain ``none`` says the
text belongs to no domain: it overrides rule and model labels of that text in signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, delete, func, select

from ..errors import InputError
from ..models import Enrichment
from . import schema as t

if TYPE_CHECKING:
    from .db import Store

MODEL_VERSION_MARK = (
    "+model:"  # in Enrichment.version when a model labelled the document (enrich/model_labels.py)
)
NONE = "none"


def write_model_labels(store: Store, conn: Connection, enrichment: Enrichment) -> None:
    """Replace the model labels of a document, when this enrichment ran with a model."""
    if MODEL_VERSION_MARK not in enrichment.version:
        return
    doc = enrichment.document_id
    conn.execute(
        delete(t.labels).where(
            (t.labels.c.document_id == doc) & (t.labels.c.assigned_by == "model")
        )
    )
    rows = [
        {
            "document_id": doc,
            "sentence": -1 if label.sentence is None else label.sentence,
            "target": label.target,
            "value": label.value,
            "assigned_by": "model",
            "score": label.score,
        }
        for label in enrichment.labels
        if label.assigned_by == "model"
    ]
    if rows:
        conn.execute(store._insert_ignore(t.labels), rows)


def parse_target(reference: str) -> tuple[str, int | None]:
    """``DOC`` or ``DOC:SENTENCE`` (sentence numbers as ``risktracker annotate`` shows them)."""
    doc, _, sentence = reference.strip().partition(":")
    if not doc:
        raise InputError(f"not a document or sentence: {reference!r}", "Write DOC_ID or DOC_ID:N.")
    if not sentence:
        return doc, None
    if not sentence.isdigit():
        raise InputError(
            f"not a sentence number: {sentence!r}", "Write DOC_ID:N with N the sentence index."
        )
    return doc, int(sentence)


def add_analyst_label(
    store: Store, reference: str, domain: str, known_domains: tuple[str, ...]
) -> tuple[str, int | None]:
    """Record an analyst's domain (or ``none``) for a document or one of its sentences.

    The analyst's word replaces an earlier analyst domain label of the same text only
    when it is ``none`` (or was ``none``): several domains may be added one by one.
    """
    if domain != NONE and domain not in known_domains:
        raise InputError(
            f"unknown domain {domain!r}", f"Choose one of: {', '.join(known_domains)}, none."
        )
    doc, sentence = parse_target(reference)
    index = -1 if sentence is None else sentence
    with store.engine.begin() as conn:
        exists = conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc)).scalar()
        if exists is None:
            raise InputError(f"no document {doc!r}", "Find ids with `risktracker search WORDS`.")
        if sentence is not None:
            found = conn.execute(
                select(t.sentences.c.idx).where(
                    (t.sentences.c.document_id == doc) & (t.sentences.c.idx == sentence)
                )
            ).scalar()
            if found is None:
                raise InputError(
                    f"document {doc} has no sentence {sentence}",
                    "Enrich it first; `risktracker annotate` shows sentence numbers.",
                )
        mine = (
            (t.labels.c.document_id == doc)
            & (t.labels.c.sentence == index)
            & (t.labels.c.target == "domain")
            & (t.labels.c.assigned_by == "analyst")
        )
        clear = mine if domain == NONE else mine & (t.labels.c.value == NONE)
        conn.execute(delete(t.labels).where(clear))
        conn.execute(
            store._insert_ignore(t.labels).values(
                document_id=doc,
                sentence=index,
                target="domain",
                value=domain,
                assigned_by="analyst",
                score=1.0,
            )
        )
    return doc, sentence


@dataclass(frozen=True)
class LabelledText:
    text: str
    domains: tuple[str, ...]  # () means none
    origin: str  # gold | seed | analyst:DOC[:N]


def analyst_examples(store: Store) -> list[LabelledText]:
    """Every text an analyst labelled, with all its analyst domains (none: empty)."""
    docs, sents, labels = t.documents, t.sentences, t.labels
    text = func.coalesce(
        t.sentence_text(),
        docs.c.text,
    )
    query = (
        select(labels.c.document_id, labels.c.sentence, labels.c.value, text)
        .join(docs, docs.c.id == labels.c.document_id)
        .outerjoin(sents, and_(sents.c.document_id == docs.c.id, sents.c.idx == labels.c.sentence))
        .where(labels.c.assigned_by == "analyst", labels.c.target == "domain")
        .order_by(labels.c.document_id, labels.c.sentence, labels.c.value)
    )
    grouped: dict[tuple[str, int], tuple[str, list[str]]] = {}
    with store.engine.connect() as conn:
        for doc, sentence, value, body in conn.execute(query):
            entry = grouped.setdefault((doc, sentence), (body, []))
            if value != NONE:
                entry[1].append(value)
    return [
        LabelledText(body, tuple(values), f"analyst:{doc}" + ("" if s < 0 else f":{s}"))
        for (doc, s), (body, values) in grouped.items()
    ]
