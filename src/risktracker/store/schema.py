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
    # issue 3 owns this v1 table; migration 3 adds these columns to older databases
    Column("confidence", String(20), nullable=False, server_default="confirmed"),
    Column("parent_id", String(40)),  # the item this one is nested in (same document)
    Column("domain", String(100)),
    Column("actors", Text),  # JSON list of knowledge-base ids
    Column("topics", Text),  # JSON list of topic ids
    Index("ix_watch_dates", "start_date", "end_date"),
)

# Issue 4 owns this v1 table: coded events (document_id and sentence set) and events
# imported from datasets (dataset = gdelt | icews, document_id empty). Ids derive from
# content: the document, sentence, trigger and actors, or the dataset's own event id.
events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id")),
    Column("sentence", Integer),
    Column("event_date", Date),
    Column("type", String(20), nullable=False),  # PLOVER type
    Column("source_actor", String(100)),  # knowledge-base id
    Column("source_country", String(20)),
    Column("target_actor", String(100)),
    Column("target_country", String(20)),
    Column("source_text", Text),
    Column("target_text", Text),
    Column("mode", String(40)),
    Column("context", String(100)),
    Column("channel", String(20), nullable=False),  # ledger channel (kb/data/events/channels.yml)
    Column("intensity", Float, nullable=False),  # cooperation (+) or conflict (-), scale.yml
    Column("magnitudes", Text),  # JSON list of {kind, value, unit, text}
    Column("negated", Integer, nullable=False, default=0),
    Column("modality", String(20), nullable=False, default="asserted"),
    Column("trigger", Text),  # the words that triggered the event
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("evidence", Text),  # the sentence, or the dataset's description of the record
    Column("dataset", String(20)),  # None for our own coder; gdelt | icews for imports
    Column("cameo", String(10)),
    Column("goldstein", Float),
    Column("tone", Float),
    Column("external_id", String(100)),
    Column("url", Text),
    Column("location", Text),  # the file (and line) an imported event came from
    Column("story_id", String(40)),  # set by the stories analysis
    Index("ix_events_date", "event_date"),
    Index("ix_events_pair", "source_country", "target_country"),
    Index("ix_events_document", "document_id"),
    Index("ix_events_story", "story_id"),
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

# --- issue 5: saved models, imported indicator series ---

classifier_models = Table(
    "classifier_models",
    metadata,
    Column("version", String(40), primary_key=True),  # derived from the training data
    Column("name", String(40), nullable=False),  # "domains"
    Column("created_at", DateTime, nullable=False),
    Column("trained_on", Integer, nullable=False),  # number of labelled texts
    Column("info", Text, nullable=False),  # JSON: sources of the labels, scores
    Column("data", LargeBinary, nullable=False),  # the pickled model (joblib)
    Index("ix_classifier_models_name", "name", "created_at"),
)

indicator_values = Table(
    "indicator_values",
    metadata,
    Column("series", String(100), primary_key=True),  # e.g. GPRC_CHN
    Column("period_start", Date, primary_key=True),  # first day of the month
    Column("value", Float, nullable=False),
    Column("source", Text, nullable=False),  # the file it was imported from
    Column("imported_at", DateTime, nullable=False),
)

# --- issue 4: stories ---

# One happening, reported by many documents or dataset records: the events of the same
# type between the same actors within a few days. Rebuilt by the stories analysis.
stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),  # derived from its earliest event
    Column("type", String(20), nullable=False),
    Column("source", String(100)),
    Column("source_country", String(20)),
    Column("target", String(100)),
    Column("target_country", String(20)),
    Column("mode", String(40)),
    Column("channel", String(20), nullable=False),
    Column("intensity", Float, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("events", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("sources", Integer, nullable=False),  # distinct sources and datasets reporting it
    Column("headline", Text, nullable=False),  # the evidence of its earliest event
    Index("ix_stories_pair", "source_country", "target_country", "start_date"),
)

story_members = Table(
    "story_members",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("event_id", String(40), primary_key=True),
    Column("document_id", String(40)),
    Index("ix_story_members_event", "event_id"),
)

# --- issue 3: watch items merged across documents, and their outcomes ---

# One happening announced by one or more documents; rebuilt by the watch analysis. The
# id is that of its earliest source item, so outcomes stay attached across rebuilds.
watch_groups = Table(
    "watch_groups",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("label", Text, nullable=False),
    Column("expression", Text, nullable=False),  # of the winning source: the date shown
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("precision", String(20), nullable=False),
    Column("confidence", String(20), nullable=False),
    Column("domain", String(100)),
    Column("actors", Text),  # JSON list
    Column("topics", Text),  # JSON list
    Column("parent_id", String(40)),  # the group of the item it is nested in
    Column("first_seen", Date),  # earliest publication of a source
    Index("ix_watch_groups_dates", "start_date", "end_date"),
)

watch_group_sources = Table(
    "watch_group_sources",
    metadata,
    Column("group_id", String(40), primary_key=True),
    Column("item_id", String(40), primary_key=True),
    Index("ix_watch_group_sources_item", "item_id"),
)

# What became of a happening: proposed by the analysis from a later report, then
# confirmed or rejected by an analyst. Survives rebuilds of the groups.
watch_outcomes = Table(
    "watch_outcomes",
    metadata,
    Column("group_id", String(40), primary_key=True),
    Column("document_id", String(40), primary_key=True),
    Column("sentence", Integer),
    Column("outcome", String(20), nullable=False),  # happened | postponed | cancelled
    Column("state", String(20), nullable=False),  # proposed | confirmed | rejected
    Column("assigned_by", String(20), nullable=False),  # rule | analyst
    Column("evidence", Text),
    Column("decided_at", DateTime, nullable=False),
)


def sentence_text():  # noqa: ANN201 - a SQL expression
    """The text of a sentence row, sliced from its document (sentences keep offsets only)."""
    from sqlalchemy import func, literal_column

    # The 1 is written into the SQL, not bound: PostgreSQL accepts the expression in a
    # SELECT of a GROUP BY query only when it is identical to the grouped one, and two
    # bind parameters ($1, $5) are not.
    return func.substr(
        documents.c.text,
        sentences.c.start_char + literal_column("1", Integer),
        sentences.c.end_char - sentences.c.start_char,
    )
