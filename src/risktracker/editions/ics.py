"""The watchlist as iCalendar (RFC 5545): one all-day event per tracked happening.

A pure function of the items: the same items give the same bytes (the stamp is the
newest source's publication date, not the clock). An inclusive range becomes an
all-day event whose DTEND is the day after its end, as RFC 5545 wants; the confidence,
the date as written, the status and every source go into the DESCRIPTION.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ..models import TrackedWatchItem

PRODID = "-//Risk Tracker//What to watch//EN"
_STATUS = {"confirmed": "CONFIRMED", "estimated": "TENTATIVE", "rumoured": "TENTATIVE"}


def _stamp(item: TrackedWatchItem) -> datetime:
    published = [s.evidence.published for s in item.sources if s.evidence.published]
    day = max(published) if published else item.start
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def describe(item: TrackedWatchItem) -> str:
    """The event's DESCRIPTION: date as written, confidence, status and sources."""
    lines = [
        f"Date: {item.expression} ({item.precision.replace('_', ' ')}), {item.confidence}.",
        f"Status: {item.status}.",
    ]
    confirmed = [o for o in item.outcomes if o.state == "confirmed"]
    if confirmed:
        lines.append(f"Outcome: {confirmed[0].outcome} (evidence {confirmed[0].document_id}).")
    lines.append(f"Sources ({len(item.sources)}):")
    for source in item.sources:
        e = source.evidence
        when = e.published.isoformat() if e.published else "undated"
        lines.append(f"- {e.title or e.document_id} ({e.source}, {when}): {e.sentence}")
        if e.url:
            lines.append(f"  {e.url}")
    return "\n".join(lines)


def watch_calendar(
    items: Sequence[TrackedWatchItem], *, name: str = "Risk Tracker: what to watch"
) -> bytes:
    """An iCalendar file holding ``items`` as all-day events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        event.add("uid", f"{item.id}@risktracker")
        event.add("dtstamp", _stamp(item))
        event.add("summary", item.label)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # exclusive end of an all-day range
        event.add("description", describe(item))
        event.add("status", "CANCELLED" if item.status == "cancelled" else _STATUS[item.confidence])
        categories = [c for c in (item.domain, item.confidence, item.status) if c]
        event.add("categories", categories)
        if item.parent:
            event.add("related-to", f"{item.parent}@risktracker")
        urls = [s.evidence.url for s in item.sources if s.evidence.url]
        if urls:
            event.add("url", urls[0])
        calendar.add_component(event)
    return calendar.to_ical()


def inclusive_range(dtstart: date, dtend: date) -> tuple[date, date]:
    """The inclusive range an all-day event covers (for readers of the file)."""
    return dtstart, dtend - timedelta(days=1)
