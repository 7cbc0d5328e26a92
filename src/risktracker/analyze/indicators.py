"""Our attention next to an imported indicator (e.g. GPRC_CHN), month by month.

"China risk attention" here is the number of documents (stories counted once,
near-duplicates left out) that carry any risk-domain label in a month, scaled so that
the months compared average 100; for charts the indicator is scaled the same way. The
Pearson correlation with the indicator is taken
over the months both series have; it is reported as it comes, never tuned for.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..store import Store
from ..store.indicators import indicator_values
from ..store.signals import document_signals, published_range
from .signals import period_of, periods_between


@dataclass(frozen=True)
class Overlay:
    series: str
    months: tuple[str, ...]
    attention: tuple[float | None, ...]  # ours, 100 = the average of the months shown
    indicator: tuple[float | None, ...]  # as imported
    indicator_scaled: tuple[float | None, ...]  # 100 = its average over the months shown
    correlation: float | None  # Pearson r over months with both values
    overlap: int  # months with both values


def monthly_risk_documents(store: Store, start: date, end: date) -> dict[str, int]:
    groups: dict[str, set[str]] = defaultdict(set)
    for doc in document_signals(store, start, end):
        if doc.domains:
            groups[period_of(doc.published, "month")[0]].add(doc.group)
    return {month: len(g) for month, g in groups.items()}


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return None if sxx == 0 or syy == 0 else round(sxy / math.sqrt(sxx * syy), 4)


def overlay(store: Store, series: str = "GPRC_CHN") -> Overlay:
    """Our monthly attention over the months of the documents, with the indicator."""
    first, last = published_range(store)
    if first is None or last is None:
        return Overlay(series, (), (), (), (), None, 0)
    months = [p for p in periods_between(first, last, "month")]
    counts = monthly_risk_documents(store, months[0][1], months[-1][2])
    values = {
        d.strftime("%Y-%m"): v for d, v in indicator_values(store, series, months[0][1], last)
    }
    labels = tuple(m[0] for m in months)
    raw = [counts.get(m) for m in labels]
    present = [v for v in raw if v]
    mean = sum(present) / len(present) if present else 0
    attention = tuple(round(100 * v / mean, 1) if v and mean else None for v in raw)
    indicator = tuple(values.get(m) for m in labels)
    known = [v for v in indicator if v is not None]
    base = sum(known) / len(known) if known else 0
    scaled = tuple(None if v is None or not base else round(100 * v / base, 1) for v in indicator)
    pairs = [
        (a, b) for a, b in zip(attention, indicator, strict=True) if a is not None and b is not None
    ]
    return Overlay(
        series,
        labels,
        attention,
        indicator,
        scaled,
        pearson([a for a, _ in pairs], [b for _, b in pairs]),
        len(pairs),
    )
