"""What the tracker proposes for an edition, from the best analyses this installation has.

The walking skeleton's rules (:mod:`.assemble`) always work. When the signals stage
(``analyze/edition_signals.py``: trend arrows against up to four earlier quarters, and
developments ranked by story size, intensity and novelty) and the dates stage
(``store/watch.py``: watch items merged across documents, with confidence and status)
are installed, their proposals replace the skeleton's, so ``edition new``, ``edition
check`` and ``edition build`` all propose the same thing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from importlib import import_module

from ..kb import KnowledgeBase
from ..models import Edition, WatchEntry
from ..store import Store
from .assemble import WATCH_HORIZON_DAYS

LONGEST_WATCH_DAYS = 92  # a year-long "later this year" is not a date to watch


def _optional(module: str):  # noqa: ANN202
    try:
        return import_module(module)
    except ImportError:
        return None


def _signal_sections(store: Store, kb: KnowledgeBase, base: Edition) -> tuple:
    signals = _optional("risktracker.analyze.edition_signals")
    trends = _optional("risktracker.analyze.trends")
    if signals is None or trends is None:
        return base.sections
    points = signals.domain_points(store, kb, base.period)
    ranked = signals.domain_developments(store, kb, base.period)
    sections = []
    for section in base.sections:
        picks = ranked.get(section.domain_id)
        developments = tuple(r.development() for r in picks) if picks else section.developments
        point = points.get(section.domain_id)
        trend = point.trend if point is not None else None
        if trend is None:
            sections.append(replace(section, developments=developments))
            continue
        # the arrow compares the quarter's share of stories with the trailing quarters' mean
        sections.append(
            replace(
                section,
                arrow=trends.EDITION_ARROWS.get(trend.arrow, section.arrow),
                developments=developments,
                share=point.share,
                previous_share=trend.mean,
                baseline=(
                    f"mean of the last {len(trend.window)} quarters" if trend.window else None
                ),
            )
        )
    return tuple(sections)


def tracked_watch(store: Store, base: Edition) -> tuple[WatchEntry, ...] | None:
    """The dates stage's merged items that start in the months after the period."""
    watch = _optional("risktracker.store.watch")
    if watch is None or not hasattr(watch, "tracked_items"):
        return None
    first = base.end + timedelta(days=1)
    items = watch.tracked_items(
        store,
        start=first,
        end=base.end + timedelta(days=WATCH_HORIZON_DAYS),
        as_of=base.end,
        announced_by=base.end,
    )
    entries = []
    for item in items:
        if item.start < first or (item.end - item.start).days > LONGEST_WATCH_DAYS:
            continue
        if not item.sources:
            continue
        entries.append(
            WatchEntry(
                expression=item.expression,
                start=item.start,
                end=item.end,
                label=item.label,
                evidence=item.sources[0].evidence,
                item_id=item.id,
                precision=item.precision,
                confidence=item.confidence,
                status=item.status,
            )
        )
    return tuple(entries) if entries else None


def watch_statuses(store: Store, ids: list[str], as_of) -> dict[str, str]:  # noqa: ANN001
    """What became of tracked items (happened, postponed, due...) as known on ``as_of``."""
    watch = _optional("risktracker.store.watch")
    if watch is None or not ids:
        return {}
    return {i.id: i.status for i in watch.tracked_items(store, as_of=as_of) if i.id in ids}


def propose(store: Store, kb: KnowledgeBase, base: Edition) -> Edition:
    """The skeleton's edition with the richer stages' proposals where they exist."""
    watch = tracked_watch(store, base)
    return replace(
        base,
        sections=_signal_sections(store, kb, base),
        watch=base.watch if watch is None else watch,
    )
