"""Imported indicator series (GPR and others): written by ``risktracker indicators import``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select

from . import schema as t
from .db import Store

_BATCH = 5000


def replace_indicator_values(
    store: Store, series: Mapping[str, Sequence[tuple[date, float]]], source: str
) -> int:
    """Store the values, replacing those of the same series and dates (idempotent)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    table = t.indicator_values
    count = 0
    with store.engine.begin() as conn:
        for name, values in series.items():
            days = [d for d, _ in values]
            for begin in range(0, len(days), _BATCH):
                conn.execute(
                    delete(table).where(
                        (table.c.series == name)
                        & table.c.period_start.in_(days[begin : begin + _BATCH])
                    )
                )
            rows = [
                {
                    "series": name,
                    "period_start": d,
                    "value": v,
                    "source": source,
                    "imported_at": now,
                }
                for d, v in values
            ]
            for begin in range(0, len(rows), _BATCH):
                conn.execute(table.insert(), rows[begin : begin + _BATCH])
            count += len(rows)
    return count


def indicator_values(
    store: Store, series: str, start: date | None = None, end: date | None = None
) -> list[tuple[date, float]]:
    table = t.indicator_values
    query = select(table.c.period_start, table.c.value).where(table.c.series == series)
    if start is not None:
        query = query.where(table.c.period_start >= start)
    if end is not None:
        query = query.where(table.c.period_start <= end)
    with store.engine.connect() as conn:
        return [(d, v) for d, v in conn.execute(query.order_by(table.c.period_start))]


def indicator_names(store: Store) -> list[tuple[str, int, date, date]]:
    """(series, values, first date, last date) of every imported series."""
    table = t.indicator_values
    query = (
        select(
            table.c.series,
            func.count(),
            func.min(table.c.period_start),
            func.max(table.c.period_start),
        )
        .group_by(table.c.series)
        .order_by(table.c.series)
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
