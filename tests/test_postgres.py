"""PostgreSQL as a backend: the store-facing stages run end to end on a real server.

Set RISKTRACKER_TEST_POSTGRES to a SQLAlchemy URL of a server where the tests may create
and drop databases (``.ci/postgres.sh`` starts one and prints such a URL). Each test gets
a fresh database, and the sample pipeline (ingest, enrich, analyze, build the editions)
runs once per module in its own; they are dropped afterwards. SQLite is the reference:
the pipeline also runs on SQLite and the two must agree on what a user sees.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from risktracker.analyze import run_analyses
from risktracker.analyze.signals import compute_signals
from risktracker.cli import app
from risktracker.demo import SAMPLE_EDITIONS, copy_sample_editions, demo_ledger, sample_corpus_dir
from risktracker.editions.publish import build
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.kb import KnowledgeBase
from risktracker.models import Document
from risktracker.store import Store
from risktracker.store.migrations import LATEST
from risktracker.store.search import search_documents
from risktracker.store.watch import tracked_items

SERVER = os.environ.get("RISKTRACKER_TEST_POSTGRES", "")

pytestmark = pytest.mark.skipif(
    not SERVER,
    reason="PostgreSQL tests need RISKTRACKER_TEST_POSTGRES, a URL of a server where tests "
    "may create databases (`.ci/postgres.sh` starts one and prints it)",
)


@contextmanager
def fresh_database(tag: str, timezone: str = "UTC") -> Iterator[str]:
    """A new, empty database on the test server; dropped (connections and all) afterwards.

    Its sessions run in ``timezone``: a team's server is rarely set to UTC."""
    server = make_url(SERVER)
    name = f"rt_{tag}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            conn.execute(text(f"ALTER DATABASE \"{name}\" SET timezone = '{timezone}'"))
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture()
def pg_store() -> Iterator[Store]:
    with fresh_database("t", timezone="Asia/Shanghai") as url:
        store = Store(url)
        assert store.dialect == "postgresql"
        yield store
        store.close()


# --- the store on its own ---------------------------------------------------------


def test_migrations_create_every_table_once(pg_store: Store, db_url: str) -> None:
    assert pg_store.schema_version() == LATEST
    assert pg_store.migrate() == []  # a second run applies nothing
    reference = Store(db_url)  # SQLite: the same tables, less its full-text index
    expected = set(inspect(reference.engine).get_table_names()) - {"documents_fts"}
    expected = {name for name in expected if not name.startswith("documents_fts_")}
    assert set(inspect(pg_store.engine).get_table_names()) == expected
    for table in expected:
        pg_columns = {c["name"] for c in inspect(pg_store.engine).get_columns(table)}
        assert pg_columns == {c["name"] for c in inspect(reference.engine).get_columns(table)}
    fingerprint = next(
        c for c in inspect(pg_store.engine).get_columns("documents") if c["name"] == "fingerprint"
    )
    assert str(fingerprint["type"]) == "BYTEA"
    with pg_store.engine.connect() as conn:  # times are stored as UTC whatever the server's zone
        applied = conn.execute(text("SELECT min(applied_at) FROM schema_migrations")).scalar()
    assert abs(applied - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=5)
    reference.close()


def test_documents_are_stored_once_and_found_by_their_words(pg_store: Store) -> None:
    source = pg_store.ensure_source("test folder", "file")
    assert pg_store.ensure_source("test folder", "file") == source
    text_ = "The PLA held drills near Taiwan. Beijing will respond on October 30-31."
    doc = Document("d1", text_, "Drills near Taiwan", source, "h1", None, date(2021, 8, 1), "en")
    signature = bytes(range(256))
    url = "https://x.test/a"
    assert pg_store.add_document(doc, canonical_url=url, fingerprint=signature, location="a")
    assert not pg_store.add_document(doc, canonical_url=url, fingerprint=b"", location="a")
    assert pg_store.find_existing("https://x.test/a", "other") == "d1"
    assert pg_store.find_existing(None, "h1") == "d1"
    assert list(pg_store.fingerprints()) == [("d1", signature)]
    # every word must occur, in any order and case, as with SQLite's FTS5
    assert search_documents(pg_store, "taiwan DRILLS") == [("d1", "Drills near Taiwan")]
    assert search_documents(pg_store, "drills Japan") == []
    assert search_documents(pg_store, 'AND OR "(') == []
    assert search_documents(pg_store, "_") == []  # LIKE's wildcards are plain characters
    pg_store.record_ingest_error("bad.html", "no main text found")
    pg_store.record_ingest_error("bad.html", "no main text found")
    assert pg_store.ingest_errors() == [("bad.html", "no main text found", 2)]
    assert pg_store.status()["ingest_errors"] == 1


# --- the sample pipeline, on PostgreSQL and on SQLite -----------------------------


@dataclass
class Run:
    store: Store
    url: str
    first_ingest: object
    second_ingest: object
    enriched: object
    analyses: list[tuple[str, str]]
    status_after_analyses: dict
    second_analyses: list[tuple[str, str]]
    site: Path


def _pipeline(url: str, folder: Path, kb: KnowledgeBase) -> Run:
    """The demo's pipeline (demo.run_demo) through the library, on any database URL."""
    store = Store(url)
    corpus = str(sample_corpus_dir())
    first = ingest(store, [corpus])
    second = ingest(store, [corpus])
    enriched = enrich_pending(store, kb, workers=1)
    analyses = run_analyses(store, kb)
    status = store.status()
    again = run_analyses(store, kb)
    editions = copy_sample_editions(folder / "editions")
    site = folder / "site"
    for number in SAMPLE_EDITIONS:
        build(store, kb, editions, number, site)
    demo_ledger(store, kb, site / "ledger")
    return Run(store, url, first, second, enriched, analyses, status, again, site)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, kb: KnowledgeBase) -> Iterator[tuple[Run, Run]]:  # noqa: ANN001
    lite_dir = tmp_path_factory.mktemp("sqlite")
    reference = _pipeline(f"sqlite:///{lite_dir / 'rt.db'}", lite_dir, kb)
    with fresh_database("demo", timezone="Asia/Shanghai") as url:
        pg = _pipeline(url, tmp_path_factory.mktemp("postgres"), kb)
        yield pg, reference
        pg.store.close()
    reference.store.close()


def _rows(conn, query: str) -> list[tuple]:  # noqa: ANN001
    """Rows of raw SQL, dates as ISO text (SQLite returns them so from raw SQL)."""
    return [
        tuple(str(v) if isinstance(v, date) else v for v in r) for r in conn.execute(text(query))
    ]


def _counts(status: dict) -> dict:
    return {k: v for k, v in status.items() if k != "database"}


def test_ingest_twice_stores_each_document_once(runs) -> None:  # noqa: ANN001
    pg, lite = runs
    assert pg.first_ingest.stored > 40
    assert pg.first_ingest == lite.first_ingest
    assert pg.second_ingest.stored == 0
    assert pg.second_ingest == lite.second_ingest
    assert pg.store.status()["documents"] == pg.first_ingest.stored


def test_enrich_and_status_match_sqlite(runs) -> None:  # noqa: ANN001
    pg, lite = runs
    assert pg.enriched == lite.enriched
    status = pg.store.status()
    assert status["database"].startswith("postgresql")
    assert make_url(status["database"]).password in (None, "***")  # never shown
    assert status["enriched_documents"] == status["documents"] > 0
    assert status["events"] > 0 and status["watch_items"] > 0
    assert _counts(status) == _counts(lite.store.status())
    assert pg.enriched.enriched == status["documents"]


def test_analyses_agree_with_sqlite_and_rerun_changes_nothing(runs, kb) -> None:  # noqa: ANN001
    pg, lite = runs
    assert {"stories", "relations", "watch", "signals"} <= set(dict(pg.analyses))
    assert pg.analyses == lite.analyses
    proposed = re.search(r"(\d+) outcomes proposed", dict(pg.analyses)["watch"])
    assert proposed and int(proposed.group(1)) > 0
    # a second run proposes no outcome twice and stores nothing new
    assert pg.second_analyses == lite.second_analyses
    assert "0 outcomes proposed" in dict(pg.second_analyses)["watch"]
    assert pg.store.status() == pg.status_after_analyses
    with pg.store.engine.connect() as a, lite.store.engine.connect() as b:
        query = (
            "SELECT id, type, source_country, target_country, start_date, end_date, events, "
            "documents, sources FROM stories ORDER BY id"
        )
        stories = _rows(a, query)
        assert stories and stories == _rows(b, query)  # dates: date objects vs ISO text
        members = "SELECT story_id, event_id FROM story_members ORDER BY story_id, event_id"
        assert _rows(a, members) == _rows(b, members)


def test_signals_agree_with_sqlite(runs, kb) -> None:  # noqa: ANN001
    pg, lite = runs
    for by in ("quarter", "month"):
        points = compute_signals(pg.store, kb, by=by)
        assert points and points == compute_signals(lite.store, kb, by=by)
    assert {p.period for p in compute_signals(pg.store, kb, by="quarter")} >= {"2021-Q3"}


def test_watch_items_agree_with_sqlite(runs) -> None:  # noqa: ANN001
    pg, lite = runs
    as_of = date(2021, 10, 1)
    items = tracked_items(pg.store, as_of=as_of)
    assert items and items == tracked_items(lite.store, as_of=as_of)
    assert all(i.start <= i.end for i in items)


def test_editions_built_from_postgres_equal_those_from_sqlite(runs) -> None:  # noqa: ANN001
    pg, lite = runs
    built = sorted(p.relative_to(pg.site) for p in pg.site.rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(lite.site) for p in lite.site.rglob("*") if p.is_file())
    for number in ("1-2021", "2-2021", "3-2021"):
        for name in (f"edition-{number}.json", f"edition-{number}.md", "watch.ics"):
            assert Path(number, name) in built
    compared = [p for p in built if p.suffix in {".json", ".md", ".ics", ".svg", ".html"}]
    assert len(compared) > 20
    for relative in compared:
        mine = (pg.site / relative).read_text(encoding="utf-8")
        assert mine == (lite.site / relative).read_text(encoding="utf-8"), relative
    path = pg.site / "3-2021" / "edition-3-2021.json"
    edition = json.loads(path.read_text(encoding="utf-8"))["edition"]
    assert (edition["number"], edition["period"]) == ("3/2021", "2021-Q3")
    assert len(edition["sections"]) == 4 and edition["watch"]


def test_status_command_on_postgres(runs, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    pg, _ = runs
    monkeypatch.chdir(tmp_path)  # no risktracker.toml from the working directory
    monkeypatch.setenv("RISKTRACKER_DB", pg.url)
    result = CliRunner().invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["documents"] == pg.store.status()["documents"]
    assert shown["schema_version"] == LATEST
    assert make_url(shown["database"]).password in (None, "***")
    found = CliRunner().invoke(app, ["search", "Taiwan"])
    assert found.exit_code == 0 and found.output.strip(), found.output
