"""The watchlist of the sample corpus's third quarter, as the demo edition publishes it."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from risktracker.analyze.watch import merge_watch
from risktracker.demo import sample_corpus_dir
from risktracker.editions.ics import watch_calendar
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.watch import tracked_items


@pytest.fixture(scope="module")
def q3_store(tmp_path_factory: pytest.TempPathFactory, kb) -> Store:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("demo-watch")
    store = Store(f"sqlite:///{folder / 'q3.db'}")
    ingest(store, [str(Path(sample_corpus_dir()) / "2021-Q3.jsonl")])
    enrich_pending(store, kb, workers=1)
    merge_watch(store, kb)
    return store


def test_the_sample_quarter_calendar_parses_back_with_the_reference_items(q3_store) -> None:  # noqa: ANN001
    # what the quarter announced, from late August on
    items = tracked_items(
        q3_store, start=date(2021, 8, 21), announced_by=date(2021, 9, 30), as_of=date(2021, 9, 1)
    )
    calendar = Calendar.from_ical(watch_calendar(items))
    events = calendar.walk("VEVENT")
    assert len(events) == len(items) > 0
    ranges = {(e["dtstart"].dt, e["dtend"].dt - timedelta(days=1)) for e in events}
    for start, end in [
        (date(2021, 8, 21), date(2021, 8, 31)),  # the EU report, near the end of August
        (date(2021, 9, 2), date(2021, 9, 3)),  # the foreign ministers' informal meeting
        (date(2021, 10, 1), date(2021, 10, 7)),  # the National Day holiday
        (date(2021, 10, 30), date(2021, 10, 31)),  # the G20 summit in Rome
    ]:
        assert (start, end) in ranges
    for event in events:
        assert str(event["uid"]).endswith("@risktracker")
        assert "Sources (" in str(event["description"])
        assert any(c in str(event["description"]) for c in ("confirmed", "estimated", "rumoured"))
