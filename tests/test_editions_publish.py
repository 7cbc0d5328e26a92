"""Publishing freezes an edition; rebuilding reproduces its bytes or says why not."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from risktracker.cli import app
from risktracker.demo import sample_corpus_dir, sample_editions_dir
from risktracker.editions.compose import compose_edition
from risktracker.editions.jsonout import edition_from_json, edition_to_json
from risktracker.editions.publish import MANIFEST, build, publish
from risktracker.enrich.run import enrich_pending
from risktracker.errors import EditionError
from risktracker.ingest.run import ingest
from risktracker.store import Store

EXTRA = {
    "id": "test-extra-1",
    "url": "https://example.org/2021/08/extra-drill",
    "title": "Navy holds another drill near Taiwan",
    "published": "2021-08-25",
    "source": "Test wire",
    "text": "The navy held live-fire drills near Taiwan on Wednesday, the defense ministry said. "
    "Taiwan's air force tracked twelve aircraft during the exercise.",
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, kb):  # noqa: ANN001, ANN201
    """A store with the sample corpus, an editions copy, and 3/2021 published once."""
    base = tmp_path_factory.mktemp("publish")
    store = Store(f"sqlite:///{base / 'rt.db'}")
    ingest(store, [str(sample_corpus_dir())])
    enrich_pending(store, kb, workers=1)
    root = base / "editions"
    shutil.copytree(sample_editions_dir(), root)
    report = publish(store, kb, root, "3/2021", base / "site")
    published = {p: p.read_bytes() for p in report.paths if p.parent.name == "3-2021"}
    return base, store, root, report, published


def test_publishing_writes_a_manifest_with_a_content_hash(setup) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    manifest = yaml.safe_load((root / "2021-3" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["content_hash"] == report.content_hash and len(report.content_hash) == 64
    assert set(manifest["inputs"]) >= {"2021-3/edition.yml", "2021-3/focus.md", "risks.yml"}
    assert {"edition-3-2021.pdf", "edition-3-2021.html"} <= set(manifest["outputs"])
    assert (root / "2021-3" / "published.json").is_file()


def test_a_changed_store_does_not_change_a_published_edition(setup, kb, tmp_path) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    before = compose_edition(store, kb, root, "3/2021")
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(EXTRA) + "\n", encoding="utf-8")
    assert ingest(store, [str(extra)]).stored == 1
    enrich_pending(store, kb, workers=1)
    # the live edition sees the new document...
    assert compose_edition(store, kb, root, "3/2021").generated_from == before.generated_from + 1
    # ...the published one does not, and rebuilds to the same bytes
    again = build(store, kb, root, "3/2021", tmp_path / "site")
    assert again.published and again.differences == ()
    rebuilt = {p.name: p.read_bytes() for p in again.paths if p.parent.name == "3-2021"}
    assert rebuilt == {p.name: data for p, data in published.items()}


def test_an_input_edited_after_publication_is_reported(setup, tmp_path) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    focus = root / "2021-3" / "focus.md"
    original = focus.read_bytes()
    try:
        focus.write_bytes(original + b"\nA sentence added later.\n")
        again = build(store, None, root, "3/2021", tmp_path / "site")
        assert again.differences == ("input 2021-3/focus.md changed after publication",)
    finally:
        focus.write_bytes(original)


def test_an_edition_is_published_once(setup, kb) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    with pytest.raises(EditionError, match="already published"):
        publish(store, kb, root, "3/2021", base / "site")


def test_json_round_trip_gives_the_same_edition(setup) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    text = (root / "2021-3" / "published.json").read_text(encoding="utf-8")
    edition = edition_from_json(text)
    assert edition.track_record.overall.resolved == 8 and edition.diff.previous == "2/2021"
    assert edition_to_json(edition) == text
    with pytest.raises(EditionError, match="not an edition"):
        edition_from_json('{"format": "something else"}')


def test_cli_build_diff_and_publish(setup, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    base, store, root, report, published = setup
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    runner = CliRunner()
    built = runner.invoke(
        app, ["edition", "build", "3/2021", "--editions", str(root), "--out", str(tmp_path)]
    )
    assert built.exit_code == 0, built.output
    assert str(tmp_path / "3-2021" / "edition-3-2021.pdf") in built.stdout
    diff = runner.invoke(app, ["edition", "diff", "2/2021", "3/2021", "--editions", str(root)])
    assert diff.exit_code == 0, diff.output
    assert "risk added: property-debt-stress" in diff.stdout
    assert "risk dropped: south-china-sea-standoff" in diff.stdout
    assert "arrow Relations with the EU break down: rising -> easing" in diff.stdout
    again = runner.invoke(
        app, ["edition", "publish", "3/2021", "--editions", str(root), "--out", str(tmp_path)]
    )
    assert again.exit_code == 1
