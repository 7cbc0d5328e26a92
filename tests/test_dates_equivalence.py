"""The temporal tagger's shortcuts read exactly what the plain readings they replace read.

Each shortcut (a prefix-tree alternation, a scan of cue words only, a month-name gate) is
checked against the straightforward version on many random texts built from the words
that matter, so a speed-up cannot change an output.
"""

from __future__ import annotations

import random
import re
from datetime import date

from risktracker.enrich import dates_patterns as p
from risktracker.enrich.dates import _count_month_names, _plan, _tense, _windows, tag_dates

PIECES = (
    "will be held said was to is take effect Planned planned expected decided "
    "be been being won't it's in on the of from until early late mid Q3 H1 year years "
    "month monthly week weekend days day half quarter today fall Fall spring March march "
    "May may mayor Dec declared decided Sept. Sept Sep September Jan January Mon Monday "
    "2021 2022 17 30 3rd 1 - – , ; : . ' 将 于 计 划 了 已 去 年 月 日 明年 下周 个 "
    "café naïve ÉTÉ İstanbul the third first second final quarter Quarter of end beginning "
    "turn half latter this next last later earlier coming between and to through Q1 H2 "
    "year-end 2021/22 April July October Oct. / 5th 31 12 30-31 winter summer weeks "
    "within two ago"
).split()


PHRASES = (
    "later this week",
    "earlier in 2021",
    "the first half of",
    "second half of next year",
    "the end of the month",
    "the third quarter of 2022",
    "between April and July",
    "September-October 2021",
    "August 17-20",
    "2 and 3 September",
    "Tuesday, August 17, 2021",
    "in two weeks",
    "three days ago",
    "the coming months",
    "mid-March to early April",
    "2021年8月17日",
    "明年3月初",
    "下周",
)


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = rng.choices([*PIECES, *PHRASES], k=rng.randint(1, 30))
        glue = rng.choice((" ", " ", "", ", "))
        texts.append(glue.join(words))
    return texts


def plain_alternation(words: list[str]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + ")")


def test_the_word_tree_finds_what_the_plain_alternation_finds() -> None:
    tree = re.compile(r"\b" + p.word_trie(p.TRIGGER_WORDS))
    plain = plain_alternation(p.TRIGGER_WORDS)
    for text in random_texts(3000, seed=1):
        lowered = text.lower()
        assert tree.findall(lowered) == plain.findall(lowered), text


def plain_tense(text: str, start: int = 0, end: int = 0) -> int:
    """The tense read word by word, every word with the one before it."""
    best: tuple[int, int] | None = None
    previous = ""
    for word in p.TENSE_WORD.finditer(text.lower()):
        token = word.group()
        sign = 0
        if (
            token in p.FUTURE_WORDS
            or token in p.FUTURE_CHARS
            or (previous, token) in p.FUTURE_PAIRS
        ):
            sign = 1
        elif previous not in p.PASSIVE_BEFORE and (
            token in p.PAST_WORDS or (len(token) > 4 and token.endswith("ed"))
        ):
            sign = -1
        previous = token
        if sign:
            distance = max(word.start() - end, start - word.end(), 0)
            if best is None or distance < best[0] or (distance == best[0] and sign > 0):
                best = (distance, sign)
    return best[1] if best else 0


def test_the_cue_scan_reads_the_tense_a_word_by_word_reading_reads() -> None:
    rng = random.Random(2)
    signs = set()
    for text in random_texts(3000, seed=3):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = plain_tense(text, start, end)
        signs.add(expected)
        assert _tense(text, start, end) == expected, (text, start, end)
    assert signs == {-1, 0, 1}


def coarse(kinds: set[str] | frozenset[str]) -> set[str]:
    """Kinds as the tagger first read them: every unit word one kind, no month count."""
    return {"unit" if k.startswith("unit_") else k for k in kinds if k != "month2"}


# The trigger kinds each pattern needed in the first reading, before unit words had kinds
# of their own and month names were counted.
FIRST_READING: dict[str, set[str]] = {
    **dict.fromkeys(("iso", "dotted", "year_range", "year"), {"year"}),
    **dict.fromkeys(
        ("md_range", "dm_range", "md", "dm", "month_range", "month_part", "part_range", "month"),
        {"month"},
    ),
    "season": {"season"},
    "quarter": {"qh", "unit"},
    "half": {"qh", "unit"},
    "year_part": {"year", "unit"},
    "unit_month_part": {"unit"},
    "later": {"unit", "year"},
    "relative_unit": {"unit"},
    "offset": {"unit"},
    "dayword": {"dayword", "zh"},
    "weekday": {"weekday"},
    **dict.fromkeys(("zh_day", "zh_part", "zh_month", "zh_year", "zh_week"), {"zh"}),
}


def test_a_pattern_skipped_in_a_stretch_has_no_match_there() -> None:
    """Against the first reading, where any unit word ran every unit pattern and any
    month-like word every month pattern: what is skipped now could not have matched."""
    skipped = 0
    for text in random_texts(4000, seed=4):
        for low, high, kinds in _windows(text):
            before = coarse(kinds)
            _count_month_names(text, low, high, kinds)
            run = {kind for kind, *_ in _plan(frozenset(kinds))}
            for kind, pattern in p.PATTERNS:
                if kind in run or before.isdisjoint(FIRST_READING[kind]):
                    continue
                skipped += 1
                assert pattern.search(text, low, high) is None, (kind, text[low:high])
    assert skipped > 5000


def test_month_look_alikes_are_skipped_and_month_names_still_found() -> None:
    text = (
        "The mayor may visit in May; the ministry declared on Dec. 3 that talks held "
        "in March will resume next Monday, after the Fall 2021 session and mid-Sept."
    )
    assert [d.text for d in tag_dates(text, None)] == ["the Fall 2021"]  # others lack a year
    found = {d.text: (d.start, d.end) for d in tag_dates(text, date(2021, 11, 20))}
    assert list(found) == ["May", "Dec. 3", "March", "next Monday", "the Fall 2021", "mid-Sept."]
    assert found["Dec. 3"] == (date(2020, 12, 3), date(2020, 12, 3))  # "declared": past
    assert found["March"] == (date(2022, 3, 1), date(2022, 3, 31))  # "will resume": ahead
    assert found["next Monday"] == (date(2021, 11, 22), date(2021, 11, 22))
