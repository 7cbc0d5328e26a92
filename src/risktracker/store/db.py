"""The store: connection, migrations and the writes of ingest and enrich.

``Store(url)`` opens any SQLAlchemy URL; SQLite (the default) gets WAL and foreign keys.
Every write is idempotent: ids derive from content, and re-running a stage replaces
what it wrote before instead of adding to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..models import Document, Enrichment
from . import schema as t
from .migrations import LATEST, migrate


def stable_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return prefix + digest[:15]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """All database access of the package goes through this class and ``store.reads``."""

    def __init__(self, url: str, *, auto_migrate: bool = True) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
        except (ArgumentError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            self._prepare_sqlite()
        if auto_migrate:
            self.migrate()

    def _prepare_sqlite(self) -> None:
        database = self.engine.url.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)

        @event.listens_for(self.engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> list[int]:
        try:
            with self.engine.begin() as conn:
                return migrate(conn)
        except OperationalError as exc:
            raise StoreError(f"cannot prepare database {self.url!r}: {exc.orig}") from None

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(t.schema_migrations.c.version))).scalar() or 0

    def close(self) -> None:
        self.engine.dispose()

    def _insert_ignore(self, table):  # noqa: ANN001, ANN202
        """INSERT that skips rows whose key exists (the idempotent write).

        Callers read ``rowcount`` to learn whether a row was new; SQLAlchemy reports it for
        INSERT on psycopg only when asked (``preserve_rowcount``), otherwise it is -1.
        """
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        if self.dialect == "postgresql":
            statement = postgresql.insert(table).on_conflict_do_nothing()
        else:
            statement = insert(table).prefix_with("IGNORE")
        return statement.execution_options(preserve_rowcount=True)

    # --- ingest ------------------------------------------------------------------

    def ensure_source(self, name: str, kind: str, url: str | None = None) -> str:
        source_id = stable_id("s", kind, name)
        with self.engine.begin() as conn:
            conn.execute(
                self._insert_ignore(t.sources).values(id=source_id, name=name, kind=kind, url=url)
            )
        return source_id

    def find_existing(self, canonical_url: str | None, content_hash: str) -> str | None:
        """The id of a stored document with the same canonical URL or the same text."""
        condition = t.documents.c.content_hash == content_hash
        if canonical_url:
            condition = condition | (t.documents.c.canonical_url == canonical_url)
        with self.engine.connect() as conn:
            return conn.execute(select(t.documents.c.id).where(condition).limit(1)).scalar()

    def fingerprints(self) -> Iterator[tuple[str, bytes]]:
        """(document id, MinHash signature) of every stored document, oldest first."""
        query = select(t.documents.c.id, t.documents.c.fingerprint).order_by(
            t.documents.c.ingested_at, t.documents.c.id
        )
        with self.engine.connect() as conn:
            for doc_id, value in conn.execute(query):
                yield doc_id, bytes(value)

    def add_document(
        self,
        document: Document,
        *,
        canonical_url: str | None,
        fingerprint: bytes,
        location: str,
        external_id: str | None = None,
        near_duplicate_of: tuple[str, float] | None = None,
    ) -> bool:
        """Store a document (and its near-duplicate link); False when it was already there."""
        row = {
            "id": document.id,
            "source_id": document.source_id,
            "url": document.url,
            "canonical_url": canonical_url,
            "title": document.title,
            "text": document.text,
            "published": document.published,
            "language": document.language,
            "content_hash": document.content_hash,
            "fingerprint": fingerprint,
            "external_id": external_id,
            "location": location,
            "ingested_at": _now(),
        }
        with self.engine.begin() as conn:
            inserted = conn.execute(self._insert_ignore(t.documents).values(**row)).rowcount
            if not inserted:
                return False
            if near_duplicate_of is not None:
                original, similarity = near_duplicate_of
                conn.execute(
                    t.near_duplicates.insert().values(
                        document_id=document.id, original_id=original, similarity=similarity
                    )
                )
            if self.dialect == "sqlite":
                conn.execute(
                    text("INSERT INTO documents_fts(document_id, title, text) VALUES (:i, :t, :x)"),
                    {"i": document.id, "t": document.title, "x": document.text},
                )
        return True

    def record_ingest_error(self, location: str, reason: str) -> None:
        error_id = stable_id("e", location, reason)
        now = _now()
        with self.engine.begin() as conn:
            updated = conn.execute(
                update(t.ingest_errors)
                .where(t.ingest_errors.c.id == error_id)
                .values(last_seen=now, occurrences=t.ingest_errors.c.occurrences + 1)
            ).rowcount
            if not updated:
                conn.execute(
                    t.ingest_errors.insert().values(
                        id=error_id,
                        location=location,
                        reason=reason,
                        first_seen=now,
                        last_seen=now,
                        occurrences=1,
                    )
                )

    def ingest_errors(self) -> list[tuple[str, str, int]]:
        query = select(
            t.ingest_errors.c.location, t.ingest_errors.c.reason, t.ingest_errors.c.occurrences
        ).order_by(t.ingest_errors.c.location)
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    # --- enrich ------------------------------------------------------------------

    def documents_to_enrich(self, version: str, *, force: bool = False) -> list[Document]:
        query = select(
            t.documents.c.id,
            t.documents.c.text,
            t.documents.c.title,
            t.documents.c.source_id,
            t.documents.c.content_hash,
            t.documents.c.url,
            t.documents.c.published,
            t.documents.c.language,
        ).order_by(t.documents.c.id)
        if not force:
            condition = t.documents.c.enriched_version.is_(None)
            query = query.where(condition | (t.documents.c.enriched_version != version))
        with self.engine.connect() as conn:
            return [Document(*row) for row in conn.execute(query)]

    def save_enrichment(self, enrichment: Enrichment) -> None:
        """Replace what an earlier enrichment of the document wrote, in one transaction.

        Each writer of :data:`risktracker.store.enrichment.ENRICHMENT_WRITERS` deletes and
        rewrites its own part, so enriching twice changes nothing.
        """
        from .enrichment import ENRICHMENT_WRITERS

        with self.engine.begin() as conn:
            for write in ENRICHMENT_WRITERS:
                write(self, conn, enrichment)
            conn.execute(
                update(t.documents)
                .where(t.documents.c.id == enrichment.document_id)
                .values(enriched_version=enrichment.version)
            )

    # --- status ------------------------------------------------------------------

    def status(self) -> dict[str, object]:
        counts = {
            "sources": t.sources,
            "documents": t.documents,
            "near_duplicates": t.near_duplicates,
            "sentences": t.sentences,
            "mentions": t.mentions,
            "labels": t.labels,
            "watch_items": t.watch_items,
            "events": t.events,
            "ingest_errors": t.ingest_errors,
        }
        try:
            with self.engine.connect() as conn:
                result: dict[str, object] = {
                    "database": self.engine.url.render_as_string(hide_password=True),
                    "schema_version": conn.execute(
                        select(func.max(t.schema_migrations.c.version))
                    ).scalar(),
                    "latest_schema_version": LATEST,
                }
                for name, table in counts.items():
                    result[name] = conn.execute(select(func.count()).select_from(table)).scalar()
                result["enriched_documents"] = conn.execute(
                    select(func.count()).where(t.documents.c.enriched_version.is_not(None))
                ).scalar()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {self.url!r}: {exc}") from None
        return result
