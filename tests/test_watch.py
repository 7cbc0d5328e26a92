from datetime import date

from risktracker.enrich.annotate import annotate
from risktracker.enrich.dates import tag_dates
from risktracker.enrich.sentences import split_sentences
from risktracker.enrich.watch import find_watch_items
from risktracker.models import Enrichment, WatchItem


def _watch(text: str, published: date | None) -> tuple[WatchItem, ...]:
    sentences = split_sentences(text)
    result = Enrichment("d1", sentences, (), (), dates=tag_dates(text, published, sentences))
    return find_watch_items("d1", text, result, published)


def _items(text: str, published: date) -> list[tuple[str, date, date, str]]:
    return [(w.expression, w.start, w.end, w.precision) for w in _watch(text, published)]


def test_ranges_keep_the_documents_year() -> None:
    text = (
        "The standing committee will convene on August 17-20 to review the law. "
        "The G20 summit is scheduled for October 30-31 in Rome."
    )
    assert _items(text, date(2021, 8, 1)) == [
        ("August 17-20", date(2021, 8, 17), date(2021, 8, 20), "day_range"),
        ("October 30-31", date(2021, 10, 30), date(2021, 10, 31), "day_range"),
    ]


def test_forward_month_written_late_in_the_year_means_next_year() -> None:
    text = "The new rules will take effect on January 10."
    assert _items(text, date(2021, 11, 20)) == [
        ("January 10", date(2022, 1, 10), date(2022, 1, 10), "day")
    ]


def test_parts_of_months_and_month_ranges() -> None:
    text = "Ministers are expected to meet in early October. A review will run September-October."
    assert _items(text, date(2021, 8, 1)) == [
        ("early October", date(2021, 10, 1), date(2021, 10, 10), "part_of_month"),
        ("September-October", date(2021, 9, 1), date(2021, 10, 31), "month_range"),
    ]


def test_past_and_cue_less_dates_are_not_watch_items() -> None:
    text = "Floods hit the province on July 20. The court ruled on July 30 last year."
    assert _items(text, date(2021, 8, 1)) == []
    assert _items("The meeting will be held on June 31.", date(2021, 5, 1)) == []
    assert _items("The talks will resume on September 2.", None) == []  # type: ignore[arg-type]


# A calendar in the shape of a tracker's "what to watch", written for this test.
CALENDAR = """Looking ahead: dates to watch

  • August 24-26: The State Council's standing committee convenes for its summer session. It is expected to review the draft rules on data exports.
  • November-December: The European Commission will decide whether to revise its screening regulation. The trade commissioner will present an assessment to member states in early autumn, most likely near the end of September. Trade ministers are expected to debate it at an informal meeting in Vienna on October 18-19, which will be followed by a vote of national leaders in late November.
  • September 21: The WTO is due to publish its review of China's trade policies, drawing on findings adopted in March.
  • October 1-7: Retail sales during the National Day holiday will be watched closely.
  • December 9-10: The Summit for Democracy will be held online. It could see Taiwan invited alongside dozens of other governments.
"""  # noqa: E501


def test_a_tracker_calendar_gives_its_items_and_nested_ones() -> None:
    items = _watch(CALENDAR, date(2021, 8, 1))
    by_id = {w.id: w for w in items}
    got = [
        (
            w.expression,
            w.start.isoformat(),
            w.end.isoformat(),
            by_id[w.parent].expression if w.parent else None,
        )
        for w in items
    ]
    assert got == [
        ("August 24-26", "2021-08-24", "2021-08-26", None),
        ("November-December", "2021-11-01", "2021-12-31", None),
        ("near the end of September", "2021-09-21", "2021-09-30", "November-December"),
        ("October 18-19", "2021-10-18", "2021-10-19", "November-December"),
        ("late November", "2021-11-21", "2021-11-30", "November-December"),
        ("September 21", "2021-09-21", "2021-09-21", None),
        ("October 1-7", "2021-10-01", "2021-10-07", None),
        ("December 9-10", "2021-12-09", "2021-12-10", None),
    ]
    confidence = {w.expression: w.confidence for w in items}
    assert confidence["August 24-26"] == "confirmed"  # a calendar entry that convenes
    assert confidence["near the end of September"] == "estimated"  # "most likely"
    assert confidence["October 18-19"] == "estimated"  # "are expected to"
    assert confidence["September 21"] == "confirmed"  # "is due to"
    labels = {w.expression: w.label for w in items}
    assert labels["December 9-10"] == "The Summit for Democracy will be held online"
    assert labels["August 24-26"].startswith("The State Council's standing committee convenes")
    assert "September 21" not in labels["September 21"]


def test_confidence_of_rumoured_and_estimated_dates() -> None:
    text = (
        "The premier will reportedly visit Berlin on November 3. "
        "A ruling could come in mid-September. "
        "The law takes effect on September 1."
    )
    assert [(w.expression, w.confidence) for w in _watch(text, date(2021, 8, 1))] == [
        ("November 3", "rumoured"),
        ("mid-September", "estimated"),
        ("September 1", "confirmed"),
    ]


def test_annotate_links_actors_topics_and_domain(kb) -> None:  # noqa: ANN001
    text = (
        "October 30-31: The G20 Leaders Summit will be held in Rome. This could be the stage "
        "for the first meeting between US President Joe Biden and Xi Jinping."
    )
    data = annotate(text, kb, date(2021, 8, 1))
    (item,) = data["watch"]
    assert item["text"] == "October 30-31" and item["future"] is True
    assert {"joe_biden", "xi_jinping"} <= set(item["actors"])
    assert item["domain"] is not None
    assert item["confidence"] in ("confirmed", "estimated")
    first = data["dates"][0]
    assert (first["text"], first["start"], first["end"], first["precision"]) == (
        "October 30-31",
        "2021-10-30",
        "2021-10-31",
        "day_range",
    )
    assert first["future"] is True
    assert text[first["start_char"] : first["end_char"]] == "October 30-31"


def test_chinese_announcements_become_items_with_chinese_labels() -> None:
    text = "全国人大常委会会议将于8月17日至20日在北京举行。代表团预计于9月上旬访问欧洲。"
    got = [
        (w.expression, w.start.isoformat(), w.end.isoformat(), w.confidence, w.label)
        for w in _watch(text, date(2021, 8, 1))
    ]
    assert got == [
        ("8月17日至20日", "2021-08-17", "2021-08-20", "confirmed", "全国人大常委会会议在北京举行"),
        ("9月上旬", "2021-09-01", "2021-09-10", "estimated", "代表团预计访问欧洲"),
    ]
