"""What the tracker proposes for an edition, from the best analyses this installation has.

:mod:`.assemble` gives the skeleton's edition; the signals stage
(``analyze/edition_signals.py``: trend arrows against up to four earlier quarters, and
developments ranked by story size, intensity and novelty) and the dates stage
(``store/watch.py``: watch items merged across documents, with confidence and status)
replace its arrows, developments and watch list, so ``edition new``, ``edition check``
and ``edition build`` (with or without an edition folder) all propose the same thing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..analyze import edition_signals, trends
from ..kb import KnowledgeBase
from ..models import Edition, WatchEntry
from ..store import Store
from ..store import watch as tracked
from .assemble import WATCH_HORIZON_DAYS

LONGEST_WATCH_DAYS = 92  # a year-long "later this year" is not a date to watch


def _signal_sections(store: Store, kb: KnowledgeBase, base: Edition) -> tuple:
    points = edition_signals.domain_points(store, kb, base.period)
    ranked = edition_signals.domain_developments(store, kb, base.period)
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
    first = base.end + timedelta(days=1)
    items = tracked.tracked_items(
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
    if not ids:
        return {}
    return {i.id: i.status for i in tracked.tracked_items(store, as_of=as_of) if i.id in ids}


def propose(store: Store, kb: KnowledgeBase, base: Edition) -> Edition:
    """The skeleton's edition with the signals' arrows and developments and the merged
    watch list (the skeleton's own list stays when no merged item falls after the period)."""
    watch = tracked_watch(store, base)
    return replace(
        base,
        sections=_signal_sections(store, kb, base),
        watch=base.watch if watch is None else watch,
    )
