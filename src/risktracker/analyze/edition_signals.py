"""What an edition asks of the analyze stage: per-domain arrows and ranked developments
for a quarter, computed exactly as ``risktracker signals --by quarter`` computes them.

Editions call :func:`domain_arrows` (``EDITION_ARROWS[trend.arrow]`` gives rising,
stable or easing) and :func:`domain_developments` (``[x.development() for x in ...]``).
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..kb import KnowledgeBase
from ..store import Store
from .developments import RankedDevelopment, rank_developments
from .signals import SignalPoint, compute_signals, period_of
from .trends import WINDOW

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)


def quarter_bounds(period: str, back: int = 0) -> tuple[date, date]:
    """First and last day of the quarter ``period`` (``back`` quarters earlier)."""
    match = _QUARTER.match(period.strip())
    if not match:
        raise InputError(f"not a quarter: {period!r}", "Write the period as YEAR-QN, e.g. 2021-Q3.")
    index = int(match.group(1)) * 4 + int(match.group(2)) - 1 - back
    start = date(index // 4, 3 * (index % 4) + 1, 1)
    return start, period_of(start, "quarter")[2]


def domain_points(store: Store, kb: KnowledgeBase, period: str) -> dict[str, SignalPoint]:
    """The quarter's signal point of each domain, its trend against up to four quarters."""
    start, _ = quarter_bounds(period, back=WINDOW)
    label_start, end = quarter_bounds(period)
    points = compute_signals(store, kb, by="quarter", kind="domain", start=start, end=end)
    label = period_of(label_start, "quarter")[0]
    return {p.key: p for p in points if p.period == label and p.key in kb.domain_ids}


def domain_arrows(store: Store, kb: KnowledgeBase, period: str) -> dict[str, object]:
    """domain -> its :class:`~.trends.Trend` for the quarter (None: no documents)."""
    return {key: point.trend for key, point in domain_points(store, kb, period).items()}


def domain_developments(
    store: Store, kb: KnowledgeBase, period: str, limit: int = 5
) -> dict[str, list[RankedDevelopment]]:
    """domain -> the quarter's ranked candidate developments, best first."""
    start, end = quarter_bounds(period)
    previous_start, _ = quarter_bounds(period, back=1)
    return rank_developments(store, kb.domain_ids, start, end, previous_start, limit=limit)
