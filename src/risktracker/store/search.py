"""Full-text search over documents: FTS5 on SQLite, a case-blind scan of every word elsewhere."""

from __future__ import annotations

import re

from sqlalchemy import or_, select, text

from . import schema as t
from .db import Store


def _fts_query(query: str) -> str:
    # Quote every term so user punctuation cannot break the FTS5 syntax.
    terms = re.findall(r"\w+", query, flags=re.UNICODE)
    return " ".join(f'"{term}"' for term in terms)


def search_documents(store: Store, query: str, limit: int = 20) -> list[tuple[str, str]]:
    """(document id, title) of the best matches, best first."""
    if not query.strip():
        return []
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            match = _fts_query(query)
            if not match:
                return []
            rows = conn.execute(
                text(
                    "SELECT document_id, title FROM documents_fts WHERE documents_fts MATCH :q "
                    "ORDER BY rank LIMIT :n"
                ),
                {"q": match, "n": limit},
            )
        else:
            # As FTS5 does, every word must occur (title or text, any case, any order).
            terms = re.findall(r"\w+", query, flags=re.UNICODE)
            if not terms:
                return []
            docs = t.documents
            rows = conn.execute(
                select(docs.c.id, docs.c.title)
                .where(
                    *(
                        or_(
                            docs.c.title.icontains(term, autoescape=True),
                            docs.c.text.icontains(term, autoescape=True),
                        )
                        for term in terms
                    )
                )
                .order_by(docs.c.published.desc(), docs.c.id)
                .limit(limit)
            )
        return [tuple(row) for row in rows]
