from datetime import date

import pytest
from sqlalchemy import inspect

from risktracker.errors import StoreError
from risktracker.models import Document, Enrichment, Label, Mention, Sentence, WatchItem
from risktracker.store import Store
from risktracker.store.migrations import LATEST
from risktracker.store.search import search_documents

TEXT = "The PLA held drills near Taiwan. Beijing will respond on October 30-31."


def _document(store: Store) -> Document:
    source = store.ensure_source("test folder", "file")
    return Document("d1", TEXT, "Drills near Taiwan", source, "h1", None, date(2021, 8, 1), "en")


def _enrichment() -> Enrichment:
    return Enrichment(
        "d1",
        (Sentence(0, 0, 32, TEXT[:32]), Sentence(1, 33, len(TEXT), TEXT[33:])),
        (Mention("PLA", 4, 7, "pla", "actor", "military", "CHN", 0),),
        (
            Label("domain", "security_defense", 0.8, 0),
            Label("domain", "security_defense", 0.7, None),
        ),
        (
            WatchItem(
                "w1",
                "October 30-31",
                55,
                68,
                date(2021, 10, 30),
                date(2021, 10, 31),
                "day_range",
                "Beijing will respond",
                1,
            ),
        ),
        "v1",
    )


def test_migrations_create_every_table_once(db_url: str) -> None:
    store = Store(db_url)
    assert store.schema_version() == LATEST
    assert store.migrate() == []  # a second run applies nothing
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "documents",
        "sources",
        "near_duplicates",
        "sentences",
        "mentions",
        "labels",
        "watch_items",
        "events",
        "ingest_errors",
        "documents_fts",
    } <= tables
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_documents_are_stored_once_and_found_by_text_or_url(db_url: str) -> None:
    store = Store(db_url)
    doc = _document(store)
    sig = bytes(range(256))
    assert store.add_document(doc, canonical_url="https://x.test/a", fingerprint=sig, location="a")
    assert not store.add_document(
        doc, canonical_url="https://x.test/a", fingerprint=b"", location="a"
    )
    assert store.find_existing("https://x.test/a", "other") == "d1"
    assert store.find_existing(None, "h1") == "d1"
    assert store.find_existing("https://x.test/b", "h2") is None
    assert list(store.fingerprints()) == [("d1", sig)]
    assert search_documents(store, "drills Taiwan") == [("d1", "Drills near Taiwan")]
    assert search_documents(store, 'AND OR "(') == []


def test_saving_an_enrichment_twice_changes_nothing(db_url: str) -> None:
    store = Store(db_url)
    store.add_document(_document(store), canonical_url=None, fingerprint=b"x", location="a")
    assert [d.id for d in store.documents_to_enrich("v1")] == ["d1"]
    store.save_enrichment(_enrichment())
    first = store.status()
    store.save_enrichment(_enrichment())
    assert store.status() == first
    assert first["sentences"] == 2
    assert (first["mentions"], first["labels"], first["watch_items"]) == (1, 2, 1)
    assert first["enriched_documents"] == 1
    assert store.documents_to_enrich("v1") == []
    assert [d.id for d in store.documents_to_enrich("v2")] == ["d1"]


def test_ingest_errors_are_counted_not_duplicated(db_url: str) -> None:
    store = Store(db_url)
    store.record_ingest_error("bad.html", "no main text found")
    store.record_ingest_error("bad.html", "no main text found")
    assert store.ingest_errors() == [("bad.html", "no main text found", 2)]
    assert store.status()["ingest_errors"] == 1


def test_status_names_the_nouns(db_url: str) -> None:
    status = Store(db_url).status()
    for key in (
        "database",
        "sources",
        "documents",
        "near_duplicates",
        "enriched_documents",
        "mentions",
        "labels",
        "watch_items",
        "events",
        "ingest_errors",
    ):
        assert key in status


def test_an_unusable_database_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store("nosuchdialect://x")
