"""Periods (quarters) and edition numbers as analysts write them: ``2021-Q3``, ``3/2021``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import EditionError

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_NUMBER = re.compile(r"^([1-9]\d?)/(\d{4})$")


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text.strip())
        if not match:
            raise EditionError(
                f"not a quarter: {text!r}", "Write the period as YEAR-QN, e.g. 2021-Q3."
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        following = self.next()
        return following.start - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.quarter // 4, self.quarter % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def months(self) -> tuple[str, ...]:
        return tuple(
            f"{self.year}-{m:02d}" for m in range(3 * self.quarter - 2, 3 * self.quarter + 1)
        )

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def check_number(number: str) -> str:
    if not _NUMBER.match(number.strip()):
        raise EditionError(
            f"not an edition number: {number!r}", "Write it as ISSUE/YEAR, e.g. 3/2021."
        )
    return number.strip()
