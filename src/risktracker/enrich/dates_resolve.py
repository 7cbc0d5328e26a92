"""Resolvers of the temporal tagger: a matched pattern and its groups to a date range.

One resolver per shape of :mod:`.dates_patterns`. A missing year is filled in by
:func:`_pick_year` from the anchor (the document date) and the tense around the
expression: forward-looking takes the first such date that has not passed (a date a
few days back counts as just reported), past the last that has, unknown the nearest.
Relative expressions ("next week", "in two weeks", "明年") count from the anchor.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from typing import Protocol

from . import dates_patterns as p


class Tense(Protocol):
    """+1 forward-looking, 0 unknown, -1 past: an int, or one computed when first compared."""

    def __gt__(self, other: int, /) -> bool: ...

    def __lt__(self, other: int, /) -> bool: ...


Range = tuple[date, date]
Builder = Callable[[int], Range]


RECENT_PAST = timedelta(days=14)


class NotADate(Exception):
    """The candidate names no real date: drop it and block its span."""


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(name: str) -> int:
    return p.MONTHS[name.lower().rstrip(".")]


def _zh_month(value: str) -> int:
    return int(value) if value.isdigit() else p.ZH_NUMBERS[value]


def _month_range(year: int, first: int, count: int = 1) -> Range:
    start = date(year, first, 1)
    last_month = first + count - 1
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return start, date(end_year, end_month, _last_day(end_year, end_month))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _last_day(year, month + 1)))


def _pick_year(build: Builder, anchor: date | None, tense: Tense, year: str | None) -> Range:
    """Resolve ``build`` for the explicit ``year`` or the one the anchor and tense imply."""
    if year is not None:
        try:
            return build(int(year))
        except ValueError:
            raise NotADate from None
    if anchor is None:
        raise NotADate  # no year and nothing to infer it from
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(build(y))
        except ValueError:
            continue
    if not candidates:
        raise NotADate
    if tense > 0:  # a date a few days back is news just reported, not one a year ahead
        recent = anchor - RECENT_PAST
        return next((c for c in candidates if c[1] >= recent), candidates[-1])
    if tense < 0:
        return next((c for c in reversed(candidates) if c[0] <= anchor), candidates[0])

    def distance(c: Range) -> tuple[int, int]:
        gap = (
            0
            if c[0] <= anchor <= c[1]
            else min(abs((c[0] - anchor).days), abs((c[1] - anchor).days))
        )
        return gap, abs(c[0].year - anchor.year)

    return min(candidates, key=distance)


def _relative_month(rel: str, month: int, anchor: date | None) -> Builder | int:
    """'this/next/last October' fixes the year: the upcoming or most recent one."""
    if anchor is None:
        raise NotADate
    rel = rel.lower()
    if rel == "this":
        return anchor.year
    if rel in ("next", "coming"):
        return anchor.year + (month <= anchor.month)
    return anchor.year - (month >= anchor.month)  # last, past


def _year_of(rel: str | None, anchor: date | None, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    if rel is None:
        return None
    if anchor is None:
        raise NotADate
    rel = rel.lower()
    shift = {"next": 1, "明年": 1, "last": -1, "去年": -1, "后年": 2}.get(rel, 0)
    return str(anchor.year + shift)


def _day_range(m1: int, d1: int, m2: int, d2: int) -> Builder:
    def build(y: int) -> Range:
        start = date(y, m1, d1)
        end = date(y + (m2 < m1), m2, d2)
        if end < start:
            raise ValueError("range ends before it starts")
        return start, end

    return build


def resolve(
    kind: str, g: dict[str, str | None], anchor: date | None, tense: Tense
) -> tuple[Range, str]:
    if kind in ("iso", "dotted"):
        day = date(int(g["y"]), int(g["mo"]), int(g["d1"]))
        return (day, day), "day"
    if kind == "md_range" or kind == "dm_range":
        m1 = _month(g["m1"] or g["m2"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        build = _day_range(m1, int(g["d1"]), m2, int(g["d2"]))
        if g.get("y1") and not g.get("y"):
            return _pick_year(build, anchor, tense, g["y1"]), "day_range"
        if g.get("y"):
            end_year = int(g["y"])
            return _pick_year(build, anchor, tense, str(end_year - (m2 < m1))), "day_range"
        return _pick_year(build, anchor, tense, None), "day_range"
    if kind in ("md", "dm"):
        m1, d1 = _month(g["m1"]), int(g["d1"])
        return _pick_year(lambda y: (date(y, m1, d1),) * 2, anchor, tense, g.get("y")), "day"
    if kind == "month_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        count = (m2 - m1) % 12 + 1
        year = g.get("y1") or (str(int(g["y"]) - (m2 < m1)) if g.get("y") else None)
        return _pick_year(lambda y: _month_range(y, m1, count), anchor, tense, year), "month_range"
    if kind == "month_part":
        m1 = _month(g["m1"])
        name = (g["part"] or g["part2"]).lower()
        first, last = p.MONTH_PARTS[name]

        def part(y: int) -> Range:
            end = _last_day(y, m1)
            if name == "last week":
                return date(y, m1, end - 6), date(y, m1, end)
            return date(y, m1, first), date(y, m1, min(last, end))

        return _pick_year(part, anchor, tense, g.get("y")), "part_of_month"
    if kind == "part_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        first, _ = p.MONTH_PARTS[g["part"].lower()]
        _, last = p.MONTH_PARTS[g["part2"].lower()]

        def parts(y: int) -> Range:
            end_year = y + (m2 < m1)
            return date(y, m1, first), date(end_year, m2, min(last, _last_day(end_year, m2)))

        year = str(int(g["y"]) - (m2 < m1)) if g.get("y") else None
        return _pick_year(parts, anchor, tense, year), "part_of_month"
    if kind == "month":
        m1 = _month(g["m1"])
        year = g.get("y")
        if g.get("rel") and not year:
            year = str(_relative_month(g["rel"], m1, anchor))
        return _pick_year(lambda y: _month_range(y, m1), anchor, tense, year), "month"
    if kind == "season":
        return _season(g, anchor, tense), "season"
    if kind == "quarter":
        q = int(g["q"][1]) if g.get("q") else p.ORDINALS[g["ord"].lower()]
        year = _year_of(g.get("rel"), anchor, g.get("y") or g.get("y2"))
        return _pick_year(lambda y: _month_range(y, 3 * q - 2, 3), anchor, tense, year), "quarter"
    if kind == "half":
        h = int(g["h"]) if g.get("h") else p.ORDINALS[g["ord"].lower()]
        year = _year_of(g.get("rel"), anchor, g.get("y") or g.get("y2"))
        return _pick_year(lambda y: _month_range(y, 6 * h - 5, 6), anchor, tense, year), "half_year"
    if kind == "year_part":
        return _year_part(g, anchor, tense), "part_of_year"
    if kind == "unit_month_part":
        if anchor is None:
            raise NotADate
        shift = {"next": 1, "last": -1}.get(g["rel"].lower(), 0)
        first_of = _add_months(anchor.replace(day=1), shift)
        low, high = p.MONTH_PARTS[g["part2"].lower()]
        end = _last_day(first_of.year, first_of.month)
        return (first_of.replace(day=low), first_of.replace(day=min(high, end))), "part_of_month"
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y"])
        if y2 <= y1:
            raise NotADate
        return (date(y1, 1, 1), date(y2, 12, 31)), "year"
    if kind == "year":
        y = int(g["y"])
        return (date(y, 1, 1), date(y, 12, 31)), "year"
    return _resolve_relative(kind, g, anchor, tense)


def _season(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Range:
    first = p.SEASONS[g["season"].lower()]
    offset = {"early": 0, "mid": 1, "late": 2}.get((g.get("part") or "").lower())

    def build(y: int) -> Range:
        if offset is None:
            return _month_range(y, first, 3)
        start, _ = _month_range(y, first + offset)
        if first + offset > 12:
            start = date(y + 1, first + offset - 12, 1)
        return _month_range(start.year, start.month)

    year = g.get("y")
    if year and first == 12:  # "winter 2022" and "winter 2021/22": the winter that ends in it
        year = str(int(year) - (0 if g.get("y2") else 1))
    rel = (g.get("rel") or "").lower()
    if not year and rel in ("this", "next", "last", "past", "coming") and anchor is not None:
        tense = {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, tense)
        if rel in ("next", "coming"):
            ahead = _pick_year(build, anchor, 1, None)
            if ahead[0] <= anchor:  # we are in it: "next summer" is a year on
                return build(ahead[0].year + 1)
            return ahead
        if rel in ("last", "past"):
            behind = _pick_year(build, anchor, -1, None)
            if behind[1] >= anchor:  # we are in it: "last summer" is a year back
                return build(behind[0].year - 1)
            return behind
    return _pick_year(build, anchor, tense, year)


def _year_part(g: dict[str, str | None], anchor: date | None, tense: Tense) -> Range:
    if g.get("ye"):
        part, year = "end", _year_of("this", anchor, None)
    else:
        part = (g.get("part") or g.get("part2") or "").lower()
        year = _year_of(g.get("rel"), anchor, g.get("y") or g.get("y2"))
    y = int(year)  # type: ignore[arg-type]
    spans = {
        "early": (1, 4),
        "mid": (5, 8),
        "middle": (5, 8),
        "late": (9, 12),
        "beginning": (1, 1),
        "start": (1, 1),
        "end": (12, 12),
    }
    if part == "turn":
        return date(y, 12, 1), date(y + 1, 1, 31)
    first, last = spans[part]
    return date(y, first, 1), date(y, last, _last_day(y, last))


def _number(value: str) -> int:
    return int(value) if value.isdigit() else p.NUMBER_WORDS[value.lower()]


def _week(day: date) -> Range:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift(anchor: date, unit: str, n: int) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return anchor + timedelta(days=n)
    if unit == "week":
        return anchor + timedelta(weeks=n)
    return _add_months(anchor, n * (12 if unit == "year" else 1))


def _unit_range(anchor: date, unit: str, shift: int) -> Range:
    unit = unit.lower()
    if unit in ("week", "周", "星期", "礼拜"):
        return _week(anchor + timedelta(weeks=shift))
    if unit in ("month", "月"):
        first = _add_months(anchor.replace(day=1), shift)
        return _month_range(first.year, first.month)
    return date(anchor.year + shift, 1, 1), date(anchor.year + shift, 12, 31)


def _resolve_relative(
    kind: str, g: dict[str, str | None], anchor: date | None, tense: Tense
) -> tuple[Range, str]:
    if anchor is None:
        raise NotADate
    if kind == "later":
        if g.get("y"):
            y = int(g["y"])
            bounds = (date(y, 1, 1), date(y, 12, 31))
        else:
            bounds = _unit_range(anchor, g["unit"], 0)
        later = g["dir"].lower() == "later"
        return (
            (anchor + timedelta(days=1), bounds[1]) if later else (bounds[0], anchor)
        ), "relative"
    if kind == "relative_unit":
        if g.get("unit"):
            shift = {"this": 0, "next": 1, "coming": 1, "following": 1}.get(g["rel"].lower(), -1)
            return _unit_range(anchor, g["unit"], shift), "relative"
        n = _number(g["n"]) if g.get("n") else 1
        units = g["units"].lower()
        if not g.get("n") and units.endswith("s"):  # "the coming months": about a quarter
            n = {"days": 7, "weeks": 4, "months": 3, "years": 2}[units]
            units = {"days": "day", "weeks": "week", "months": "month", "years": "year"}[units]
        return (anchor + timedelta(days=1), _shift(anchor, units, n)), "relative"
    if kind == "offset":
        if g.get("pre"):
            n, unit = _number(g["n"]), g["unit"]
            target = _shift(anchor, unit, n)
            if g["pre"].lower() == "within":
                return (anchor, target), "relative"
            return (target, target), "relative"
        n, unit = _number(g["n2"]), g["unit2"]
        sign = -1 if g["post"].lower() == "ago" else 1
        target = _shift(anchor, unit, sign * n)
        return (target, target), "relative"
    if kind == "dayword":
        word = (g.get("w") or g.get("zw") or "").lower()
        shift = {"tomorrow": 1, "明天": 1, "yesterday": -1, "昨天": -1}.get(word, 0)
        day = anchor + timedelta(days=shift)
        return (day, day), "relative"
    if kind == "weekday":
        return _weekday(g, anchor, tense), "relative"
    if kind == "zh_week":
        shift = {"下": 1, "上": -1}.get(g["rel"], 0)
        return _unit_range(anchor, g["unit"], shift), "relative"
    return _resolve_zh(kind, g, anchor, tense)


def _weekday(g: dict[str, str | None], anchor: date, tense: Tense) -> Range:
    target = p.WEEKDAYS[g["wd"].lower()]
    rel = (g.get("rel") or "").lower()
    ahead = (target - anchor.weekday()) % 7 or 7
    behind = (anchor.weekday() - target) % 7 or 7
    if rel == "this":
        day = _week(anchor)[0] + timedelta(days=target)
    elif rel in ("next", "coming") or (not rel and tense > 0):
        day = anchor + timedelta(days=ahead)
    elif rel == "last" or tense < 0:
        day = anchor - timedelta(days=behind)
    elif target == anchor.weekday():
        day = anchor
    else:
        day = anchor + timedelta(days=ahead) if ahead <= behind else anchor - timedelta(days=behind)
    return day, day


def _resolve_zh(
    kind: str, g: dict[str, str | None], anchor: date | None, tense: Tense
) -> tuple[Range, str]:
    year = _year_of(g.get("yrel"), anchor, g.get("y"))
    if kind == "zh_day":
        m1 = _zh_month(g["mo"])
        if g.get("d2"):
            m2 = _zh_month(g["mo2"]) if g.get("mo2") else m1
            return _pick_year(
                _day_range(m1, int(g["d1"]), m2, int(g["d2"])), anchor, tense, year
            ), "day_range"
        if not g.get("suf"):
            raise NotADate  # "8月17" without 日 is too often a score or a count
        d1 = int(g["d1"])
        return _pick_year(lambda y: (date(y, m1, d1),) * 2, anchor, tense, year), "day"
    if kind == "zh_part":
        m1 = _zh_month(g["mo"])
        first, last = p.MONTH_PARTS[g["part"]]
        return _pick_year(
            lambda y: (date(y, m1, first), date(y, m1, min(last, _last_day(y, m1)))),
            anchor,
            tense,
            year,
        ), "part_of_month"
    if kind == "zh_month":
        m1 = _zh_month(g["mo"])
        return _pick_year(lambda y: _month_range(y, m1), anchor, tense, year), "month"
    # zh_year
    q = g.get("q") or g.get("q2")
    part = g.get("part") or g.get("bare")
    if year is None:
        year = _year_of("this", anchor, None)
    y = int(year)  # type: ignore[arg-type]
    if q:
        n = _zh_month(q) if not q.isdigit() else int(q)
        return _month_range(y, 3 * n - 2, 3), "quarter"
    if part in ("上半年", "下半年"):
        return _month_range(y, 1 if part == "上半年" else 7, 6), "half_year"
    if part in ("年底", "年末", "底", "末"):
        return (date(y, 12, 1), date(y, 12, 31)), "part_of_year"
    if part in ("年初", "初"):
        return (date(y, 1, 1), date(y, 1, 31)), "part_of_year"
    precision = "relative" if g.get("yrel") else "year"
    return (date(y, 1, 1), date(y, 12, 31)), precision
