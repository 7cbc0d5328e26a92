"""Full-text search over documents: FTS5 on SQLite, a LIKE scan elsewhere."""

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
            pattern = f"%{query}%"
            rows = conn.execute(
                select(t.documents.c.id, t.documents.c.title)
                .where(or_(t.documents.c.title.ilike(pattern), t.documents.c.text.ilike(pattern)))
                .limit(limit)
            )
        return [tuple(row) for row in rows]
