"""The tables. Only ``store/`` imports this module."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(500), nullable=False),
    Column("kind", String(20), nullable=False),  # file | jsonl | feed | web | dataset
    Column("url", Text),
    Column("owner_type", String(40)),  # state media, government, independent press, think tank
    Column("language", String(10)),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False),
    Column("url", Text),
    Column("canonical_url", String(2000), unique=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", Date),
    Column("language", String(10)),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("fingerprint", LargeBinary, nullable=False),  # MinHash signature
    Column("external_id", String(500)),
    Column("location", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Column("enriched_version", String(40)),
    Index("ix_documents_published", "published"),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("document_id", String(40), ForeignKey("documents.id"), primary_key=True),
    Column("original_id", String(40), ForeignKey("documents.id"), nullable=False),
    Column("similarity", Float, nullable=False),  # estimated Jaccard of word shingles
)

sentences = Table(
    "sentences",
    metadata,
    Column("document_id", String(40), ForeignKey("documents.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", String(40), ForeignKey("documents.id"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Column("entity", String(100), primary_key=True),
    Column("sentence", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("type", String(40), nullable=False),
    Column("country", String(20)),
    Index("ix_mentions_entity", "entity"),
)

labels = Table(
    "labels",
    metadata,
    Column("document_id", String(40), ForeignKey("documents.id"), primary_key=True),
    Column("sentence", Integer, primary_key=True),  # -1: the whole document
    Column("target", String(20), primary_key=True),  # domain | topic
    Column("value", String(100), primary_key=True),
    Column("assigned_by", String(20), primary_key=True),  # rule | model | analyst
    Column("score", Float, nullable=False),
    Index("ix_labels_value", "target", "value"),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("expression", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("precision", String(20), nullable=False),
    Column("label", Text, nullable=False),
    Index("ix_watch_dates", "start_date", "end_date"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id")),
    Column("sentence", Integer),
    Column("event_date", Date),
    Column("type", String(20), nullable=False),  # PLOVER type
    Column("source_actor", String(100)),
    Column("target_actor", String(100)),
    Column("dataset", String(20)),  # None for our own coder; gdelt | icews for imports
    UniqueConstraint("document_id", "sentence", "type", "source_actor", "target_actor"),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("location", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("occurrences", Integer, nullable=False),
)
