"""Versioned schema migrations, applied in order and recorded in ``schema_migrations``.

Each migration is a function of a connection. Migration 1 creates the tables of the
first release; later ones alter them. A migration must leave the schema equal to what
``schema.py`` declares for its tables at that version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from . import schema

V1_TABLES = (
    "schema_migrations",
    "sources",
    "documents",
    "near_duplicates",
    "sentences",
    "mentions",
    "labels",
    "watch_items",
    "events",
    "ingest_errors",
)


def _v1_tables(conn: Connection) -> None:
    tables = [schema.metadata.tables[name] for name in V1_TABLES]
    schema.metadata.create_all(conn, tables=tables)


def _v2_full_text(conn: Connection) -> None:
    # FTS5 is SQLite's; PostgreSQL searches with to_tsvector at query time.
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "document_id UNINDEXED, title, text, tokenize='unicode61')"
            )
        )


def _v5_models_indicators(conn: Connection) -> None:
    # issue 5: saved domain models and imported indicator series (GPR and any date,value CSV)
    tables = [schema.metadata.tables[n] for n in ("classifier_models", "indicator_values")]
    schema.metadata.create_all(conn, tables=tables)


def _v4_events_stories(conn: Connection) -> None:
    # issue 4: the v1 events table was never written before this version, so a database
    # made with its first shape gets the new one by replacing it; then stories.
    columns = {c["name"] for c in inspect(conn).get_columns("events")}
    if "channel" not in columns:
        schema.events.drop(conn, checkfirst=True)
        schema.events.create(conn)
    tables = [schema.metadata.tables[n] for n in ("stories", "story_members")]
    schema.metadata.create_all(conn, tables=tables)


def _v3_watch(conn: Connection) -> None:
    # issue 3: new columns of the v1 watch_items table, then the merged groups and outcomes
    present = {c["name"] for c in inspect(conn).get_columns("watch_items")}
    for column in ("confidence", "parent_id", "domain", "actors", "topics"):
        if column not in present:
            kind = "VARCHAR(20) NOT NULL DEFAULT 'confirmed'" if column == "confidence" else "TEXT"
            conn.execute(text(f"ALTER TABLE watch_items ADD COLUMN {column} {kind}"))
    names = ("watch_groups", "watch_group_sources", "watch_outcomes")
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[n] for n in names])


MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "tables of the walking skeleton", _v1_tables),
    (2, "full-text index over documents", _v2_full_text),
    (3, "watch items: confidence, nesting, links; merged groups, outcomes", _v3_watch),
    (4, "events reshaped, stories and their members", _v4_events_stories),
    (5, "saved domain models and indicator series", _v5_models_indicators),
)

LATEST = MIGRATIONS[-1][0]


def applied_versions(conn: Connection) -> set[int]:
    schema.metadata.tables["schema_migrations"].create(conn, checkfirst=True)
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


def migrate(conn: Connection) -> list[int]:
    """Apply the missing migrations; returns the versions applied now."""
    done = applied_versions(conn)
    applied = []
    for version, name, apply in MIGRATIONS:
        if version in done:
            continue
        apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                # naive UTC, as every DateTime column holds: PostgreSQL would otherwise
                # shift an aware value into the session's time zone
                version=version,
                name=name,
                applied_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        applied.append(version)
    return applied
