"""Magnitudes of events: counts of dead, injured and displaced people, years of a
sentence, money with its currency, aircraft and ships, from the patterns of
``kb/data/events/magnitudes.yml``."""

from __future__ import annotations

import re

from ..kb.events import MagnitudeSpec
from ..models import Magnitude

_DIGIT = re.compile(r"\d")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


class MagnitudeFinder:
    """Compiled once per event knowledge base; ``find`` is pure."""

    def __init__(self, spec: MagnitudeSpec) -> None:
        words = sorted(spec.numbers, key=len, reverse=True)
        tens = "|".join(w for w, v in spec.numbers.items() if 20 <= v <= 90 and v % 10 == 0)
        units = "|".join(w for w, v in spec.numbers.items() if 1 <= v <= 9 and " " not in w)
        # "twenty-eight": a compound of tens and units, before the plain words
        number = (
            f"(?:{_DIGITS}|(?:{tens})-(?:{units})|" + "|".join(re.escape(w) for w in words) + ")"
        )
        # "at least 12", "more than 20": the qualifier stays outside the captured number
        num = (
            rf"(?:(?:at least|some|about|nearly|around|more than|over|up to)\s+)?(?P<num>{number})"
        )
        self._numbers = spec.numbers
        self._words = frozenset(w.split()[-1] for w in spec.numbers)
        self._kinds = []
        for kind in spec.kinds:
            for pattern in kind.patterns:
                compiled = re.compile(r"(?<!\w)" + pattern.replace("{num}", num) + r"(?!\w)")
                self._kinds.append((kind.kind, kind.unit, compiled))
        currencies = sorted(spec.currencies, key=len, reverse=True)
        prefix = "|".join(re.escape(c) for c in currencies if not c[0].isalpha() or c.endswith("$"))
        suffix = "|".join(re.escape(c) for c in currencies if c[0].isalpha() and "$" not in c)
        scales = "|".join(sorted((re.escape(s) for s in spec.scales), key=len, reverse=True))
        self._money = re.compile(
            rf"(?:(?P<pre>{prefix})\s?(?P<a>{_DIGITS})(?:\s?(?P<sa>{scales})\b)?"
            rf"|(?<!\w)(?P<b>{_DIGITS})(?:\s?(?P<sb>{scales}))?\s(?P<post>{suffix})(?!\w))"
        )
        self._currencies = spec.currencies
        self._scales = spec.scales

    def _value(self, text: str) -> float | None:
        if text in self._numbers:
            return float(self._numbers[text])
        parts = text.split("-")
        if len(parts) == 2 and all(p in self._numbers for p in parts):
            return float(self._numbers[parts[0]] + self._numbers[parts[1]])
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None

    def find(self, lowered: str) -> list[tuple[int, Magnitude]]:
        """(position, magnitude) of every magnitude in a lower-cased sentence."""
        found: list[tuple[int, Magnitude]] = []
        if not _DIGIT.search(lowered) and self._words.isdisjoint(lowered.replace("-", " ").split()):
            return found  # no number at all: most sentences
        taken: list[tuple[int, int]] = []
        for match in self._money.finditer(lowered):
            amount = match.group("a") or match.group("b")
            currency = match.group("pre") or match.group("post")
            scale = match.group("sa") or match.group("sb")
            value = self._value(amount)
            if value is None:
                continue
            value *= self._scales.get(scale or "", 1)
            code = self._currencies[currency]
            found.append((match.start(), Magnitude("money", value, code, match.group(0))))
            taken.append(match.span())
        for kind, unit, pattern in self._kinds:
            for match in pattern.finditer(lowered):
                start = match.start("num")
                if any(a <= start < b for a, b in taken):
                    continue
                value = self._value(match.group("num"))
                if value is None:
                    continue
                found.append((start, Magnitude(kind, value, unit, match.group(0))))
                taken.append(match.span("num"))
        found.sort(key=lambda item: item[0])
        return found
