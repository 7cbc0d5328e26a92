from datetime import date
from pathlib import Path

import pytest

from risktracker.enrich.dates import tag_dates
from risktracker.evaluate import run_evaluation
from risktracker.evaluate.dates import read_gold

GOLD = Path(__file__).parent / "gold" / "dates.jsonl"


def _found(text: str, anchor: date | None) -> list[tuple[str, str, str, str]]:
    return [
        (e.text, e.start.isoformat(), e.end.isoformat(), e.precision)
        for e in tag_dates(text, anchor)
    ]


def test_gold_set_is_large_and_consistent() -> None:
    items = read_gold(GOLD)
    assert len(items) >= 250
    precisions = {e.precision for item in items for e in item.expressions}
    assert precisions >= {
        "day",
        "day_range",
        "month",
        "month_range",
        "part_of_month",
        "season",
        "quarter",
        "half_year",
        "year",
        "relative",
    }
    for item in items:
        for e in item.expressions:
            assert item.text[e.start_char : e.end_char] == e.text
            assert e.start <= e.end


def test_gold_scores_stay_above_their_floors() -> None:
    report = run_evaluation("dates", GOLD)
    # measured: found F1 0.998, exact-range F1 0.995 (308 texts, 311 expressions)
    assert report.scores["found_f1"] >= 0.98
    assert report.scores["exact_f1"] >= 0.98
    assert report.scores["future_accuracy"] >= 0.99
    assert "exact range" in report.text
    # every kind of expression is read right nine times in ten or better (measured: all
    # at 1.000 but day, 0.97, whose misses are "moved from 14 September to 5 October")
    for precision, (count, _found, exact) in report.details["by_precision"].items():
        assert exact >= 0.9, (precision, count, exact)


def test_the_issue_reference_list() -> None:
    text = (
        "August 17-20: a session convenes. September-October: a review will run. "
        "September 14: a strategy is due. October 1-7: the holiday week will be watched. "
        "October 30-31: the summit will be held."
    )
    assert _found(text, date(2021, 8, 1)) == [
        ("August 17-20", "2021-08-17", "2021-08-20", "day_range"),
        ("September-October", "2021-09-01", "2021-10-31", "month_range"),
        ("September 14", "2021-09-14", "2021-09-14", "day"),
        ("October 1-7", "2021-10-01", "2021-10-07", "day_range"),
        ("October 30-31", "2021-10-30", "2021-10-31", "day_range"),
    ]
    assert all(e.future for e in tag_dates(text, date(2021, 8, 1)))


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the year follows the tense: forward-looking takes the next, past the last one
        ("The rules will apply from January 10.", date(2021, 11, 20), "2022-01-10"),
        ("The rules applied from January 10.", date(2021, 11, 20), "2021-01-10"),
        # a date a few days back in a forward-looking sentence is recent news
        ("A ruling on July 28 said levies will apply.", date(2021, 8, 1), "2021-07-28"),
        # "said on Tuesday that ... will": the nearest cue decides
        ("He said on Tuesday that talks will go on.", date(2021, 8, 1), "2021-07-27"),
        ("The talks will go on Tuesday.", date(2021, 8, 1), "2021-08-03"),
    ],
)
def test_year_and_weekday_follow_the_tense(text: str, anchor: date, expected: str) -> None:
    (found,) = tag_dates(text, anchor)
    assert found.start.isoformat() == expected


def test_chinese_expressions() -> None:
    text = "会议将于8月17日至20日召开。新规将于8月下旬公布。项目预计年底完工，明年将扩大试点。"
    assert _found(text, date(2021, 8, 1)) == [
        ("8月17日至20日", "2021-08-17", "2021-08-20", "day_range"),
        ("8月下旬", "2021-08-21", "2021-08-31", "part_of_month"),
        ("年底", "2021-12-01", "2021-12-31", "part_of_year"),
        ("明年", "2022-01-01", "2022-12-31", "relative"),
    ]


def test_without_a_document_date_only_dates_that_name_their_year() -> None:
    text = "The forum opens on 17 August 2021 and closes on August 20; it returns next year."
    assert _found(text, None) == [("17 August 2021", "2021-08-17", "2021-08-17", "day")]
    assert not any(e.future for e in tag_dates(text, None))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "The vote will be held on February 30.",
        "The vote will be held on 31.06.2021 or on 2021-13-01.",
        "Prices may fall. Theresa May said the march would go on.",
        "He is a 20-year-old who sold 2,021 cars and 17-20 percent more trucks.",
    ],
)
def test_bad_input_gives_no_invented_date(text: str) -> None:
    assert tag_dates(text, date(2021, 8, 1)) == ()


def test_huge_and_mixed_input_does_not_crash() -> None:
    line = "word " * 1_000_000 + "The summit will be held on October 30-31."
    found = tag_dates(line, date(2021, 8, 1))
    assert [e.text for e in found] == ["October 30-31"]
    mixed = "Das Treffen am 17.08.2021 — 会议将于9月1日举行 — will be followed by talks on Sept. 3."
    assert [e.start.isoformat() for e in tag_dates(mixed, date(2021, 8, 1))] == [
        "2021-08-17",
        "2021-09-01",
        "2021-09-03",
    ]
    assert tag_dates("\x00\ufffd\u202e 2021年13月40日", date(2021, 8, 1)) == ()
