from datetime import date

from risktracker.enrich.sentences import split_sentences
from risktracker.enrich.watch import find_watch_items


def _items(text: str, published: date) -> list[tuple[str, date, date, str]]:
    found = find_watch_items("d1", split_sentences(text), published)
    return [(w.expression, w.start, w.end, w.precision) for w in found]


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
