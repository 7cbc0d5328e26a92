from pathlib import Path

from risktracker.ingest.run import ingest
from risktracker.store import Store

FIXTURES = Path(__file__).parent / "fixtures"

BRIEF = (
    "Regulators in Beijing opened a cybersecurity review of a ride-hailing company two days "
    "after its shares began trading in New York, and ordered app stores to remove its "
    "application while the review runs. The company said it would cooperate fully and "
    "that existing users could keep using the service. Analysts expect the review to take "
    "several months and to weigh on other firms that planned listings abroad this year, "
    "since the regulator signalled that data held by large platforms is a matter of "
    "national security. Investors sold technology shares across the region on the news."
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "a.txt").write_text("Review of a ride-hailing firm\n\n" + BRIEF, encoding="utf-8")
    near = BRIEF.replace("two days", "three days").replace("several months", "some months")
    (folder / "b.txt").write_text("Review of a ride-hailing firm\n\n" + near, encoding="utf-8")
    (folder / "c.md").write_text("# Other news\n\nThe navy held a drill at sea today.\n")
    (folder / "copy.txt").write_text("Review of a ride-hailing firm\n\n" + BRIEF, encoding="utf-8")
    return folder


def test_ingest_stores_once_links_near_duplicates_and_is_idempotent(
    tmp_path: Path, db_url: str
) -> None:
    store = Store(db_url)
    folder = _folder(tmp_path)
    first = ingest(store, [str(folder)])
    assert (first.stored, first.duplicates, first.near_duplicates, first.failed) == (3, 1, 1, 0)
    before = store.status()
    second = ingest(store, [str(folder)])
    assert (second.stored, second.duplicates, second.failed) == (0, 4, 0)
    assert store.status() == before
    assert before["near_duplicates"] == 1


def test_a_folder_of_broken_files_gives_one_error_each(tmp_path: Path, db_url: str) -> None:
    store = Store(db_url)
    bad = FIXTURES / "bad"
    files = sorted(p for p in bad.rglob("*") if p.is_file() and not p.name.startswith("."))
    summary = ingest(store, [str(bad)])
    failed_files = {e.location.split(":")[0] for e in summary.errors}
    # every broken file is reported; a JSON Lines file may also hold a good line
    assert failed_files == {str(p) for p in files}
    assert all(e.reason for e in summary.errors)
    assert store.status()["ingest_errors"] == summary.failed
    again = ingest(store, [str(bad)])
    assert again.failed == summary.failed and again.stored == 0
    assert store.status()["ingest_errors"] == summary.failed  # recorded once, counted twice


def test_a_missing_path_is_an_error_not_a_crash(tmp_path: Path, db_url: str) -> None:
    summary = ingest(Store(db_url), [str(tmp_path / "nowhere")])
    assert summary.failed == 1 and summary.stored == 0
