"""A first pass at "what to watch": sentences that announce a dated future happening.

It reads explicit English month-and-day expressions ("August 17-20", "September 2-3",
"October 30-31", "on September 14", "17 August", "in early October", "September-October")
in sentences with a forward-looking cue, infers a missing year from the document date,
and keeps items that lie after it. The full temporal tagger replaces this in a later
stage; the output shape (``WatchItem``) stays.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date, timedelta

from ..models import Sentence, WatchItem

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|through)\s*"

_PATTERNS = (
    # August 17-20 / October 30-31 / June 30-July 2
    re.compile(
        _MONTH.format("m1")
        + r"\s+(?P<d1>\d{1,2})"
        + _DASH
        + r"(?:"
        + _MONTH.format("m2")
        + r"\s+)?(?P<d2>\d{1,2})(?:,?\s+(?P<y>\d{4}))?\b",
        re.I,
    ),
    # 17-20 August (2021)
    re.compile(
        r"\b(?P<d1>\d{1,2})"
        + _DASH
        + r"(?P<d2>\d{1,2})\s+"
        + _MONTH.format("m1")
        + r"(?:\s+(?P<y>\d{4}))?\b",
        re.I,
    ),
    # September 14 (, 2021) / 14 September
    re.compile(
        _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b", re.I
    ),
    re.compile(r"\b(?P<d1>\d{1,2})\s+" + _MONTH.format("m1") + r"(?:\s+(?P<y>\d{4}))?\b", re.I),
    # September-October / early October / in March
    re.compile(_MONTH.format("m1") + r"\s*(?:-|–)\s*" + _MONTH.format("m2") + r"\b", re.I),
    re.compile(
        r"\b(?:(?P<part>early|mid|late|the end of)[\s-]+|(?:in|this|next)\s+)"
        + _MONTH.format("m1")
        + r"(?:\s+(?P<y>\d{4}))?\b",
        re.I,
    ),
)

_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is|are)\s+(?:due|scheduled|expected|set|slated|planned)\b|\bwill\b"
    r"|\bto be held\b|\bupcoming\b|\bis to\b|\bare to\b|\bplans? to\b|\bdeadline\b"
    r"|\bgoes? into effect\b|\btakes? effect\b|\bexpected\b|\bscheduled\b"
    r"|\bconvenes?\b|\bis due\b|\bcomes? into (?:effect|force)\b",
    re.I,
)

_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "the end of": (21, 31)}


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _resolve(groups: dict[str, str | None], published: date) -> tuple[date, date, str] | None:
    m1 = MONTHS[groups["m1"].lower().rstrip(".")]
    m2 = MONTHS[groups["m2"].lower().rstrip(".")] if groups.get("m2") else None
    explicit_year = int(groups["y"]) if groups.get("y") else None
    year = explicit_year or published.year
    if explicit_year is None and m1 < published.month - 1:
        year += 1  # a forward-looking "January" written in November means next January
    try:
        if groups.get("d1"):
            d1 = int(groups["d1"])
            start = date(year, m1, d1)
            if groups.get("d2"):
                end_month = m2 or m1
                end_year = year + (1 if end_month < m1 else 0)
                end = date(end_year, end_month, int(groups["d2"]))
                return (start, end, "day_range") if end >= start else None
            return start, start, "day"
        if m2 is not None:
            end_year = year + (1 if m2 < m1 else 0)
            return date(year, m1, 1), date(end_year, m2, _month_end(end_year, m2)), "month_range"
        part = (groups.get("part") or "").lower()
        last = _month_end(year, m1)
        if part in _PARTS:
            first_day, last_day = _PARTS[part]
            return date(year, m1, first_day), date(year, m1, min(last_day, last)), "part_of_month"
        return date(year, m1, 1), date(year, m1, last), "month"
    except ValueError:
        return None  # 31 June and the like: not a date


def _label(sentence: str, expression: str) -> str:
    text = sentence.replace(expression, "", 1).strip(" :,;.-–•·*")
    text = re.sub(r"\s+", " ", text)
    return text[:1].upper() + text[1:157] + ("…" if len(text) > 158 else "")


def find_watch_items(
    document_id: str, sentences: tuple[Sentence, ...], published: date | None
) -> tuple[WatchItem, ...]:
    if published is None:
        return ()
    items: list[WatchItem] = []
    for sentence in sentences:
        if not _FUTURE_CUE.search(sentence.text):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                resolved = _resolve(match.groupdict(), published)
                if resolved is None:
                    continue
                taken.append(match.span())
                start, end, precision = resolved
                if end < published or start > published + timedelta(days=730):
                    continue
                expression = match.group(0)
                key = f"{document_id}:{sentence.index}:{match.start()}"
                items.append(
                    WatchItem(
                        id="w" + hashlib.sha256(key.encode()).hexdigest()[:15],
                        expression=expression,
                        start_char=sentence.start_char + match.start(),
                        end_char=sentence.start_char + match.end(),
                        start=start,
                        end=end,
                        precision=precision,
                        label=_label(sentence.text, expression),
                        sentence=sentence.index,
                    )
                )
    items.sort(key=lambda w: w.start_char)
    return tuple(items)
