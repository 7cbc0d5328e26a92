"""Stories: one happening reported many times counts once.

Events (coded from documents or imported from datasets) join a story when they have the
same PLOVER type, the same source and target (their countries, else their actor ids),
compatible modes, and dates within :data:`WINDOW_DAYS` of the story's first event. Two
events whose modes differ (a drill and an incursion) join only when their evidence
sentences are alike (word overlap of at least :data:`SIMILAR_TEXT`). Negated, possible
and planned events make no story. A story keeps every member event and counts its
events, documents and distinct sources; its id derives from its earliest event, so
rebuilding changes nothing when nothing new came in.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..kb import KnowledgeBase
from ..store import Store
from ..store.events import EventForStory, events_for_stories, replace_stories

WINDOW_DAYS = 3
SIMILAR_TEXT = 0.5
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if len(w) > 3)


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SIMILAR_TEXT


@dataclass
class _Story:
    first: EventForStory
    members: list[EventForStory] = field(default_factory=list)

    @property
    def start(self) -> date | None:
        return self.first.day

    def accepts(self, event: EventForStory) -> bool:
        if self.start is None or event.day is None:
            return (
                self.start is None
                and event.day is None
                and event.document_id == self.first.document_id
            )
        if abs((event.day - self.start).days) > WINDOW_DAYS:
            return False
        modes = {m.mode for m in self.members if m.mode}
        if event.mode and modes and event.mode not in modes:
            return any(_similar(event.evidence, m.evidence) for m in self.members)
        return True


def _key(event: EventForStory) -> tuple[str, str, str]:
    return (
        event.type,
        event.source_country or event.source or "",
        event.target_country or event.target or "",
    )


def cluster(events: list[EventForStory]) -> list[_Story]:
    """Group events into stories (events sorted by type, date and id)."""
    open_stories: dict[tuple[str, str, str], list[_Story]] = {}
    stories: list[_Story] = []
    for event in events:
        candidates = open_stories.setdefault(_key(event), [])
        for story in reversed(candidates):
            if story.accepts(event):
                story.members.append(event)
                break
        else:
            story = _Story(event, [event])
            candidates.append(story)
            stories.append(story)
    return stories


def story_id(first_event_id: str) -> str:
    return "st" + hashlib.sha256(first_event_id.encode("utf-8")).hexdigest()[:14]


def story_rows(stories: list[_Story]) -> tuple[list[dict], list[dict]]:
    rows, members = [], []
    for story in stories:
        first = story.first
        sid = story_id(first.id)
        days = [m.day for m in story.members if m.day is not None]
        channel = Counter(m.channel for m in story.members).most_common(1)[0][0]
        mode = next((m.mode for m in story.members if m.mode), None)
        rows.append(
            {
                "id": sid,
                "type": first.type,
                "source": first.source,
                "source_country": first.source_country,
                "target": first.target,
                "target_country": first.target_country,
                "mode": mode,
                "channel": channel,
                "intensity": sum(m.intensity for m in story.members) / len(story.members),
                "start_date": min(days) if days else None,
                "end_date": max(days) if days else None,
                "events": len(story.members),
                "documents": len({m.document_id for m in story.members if m.document_id}),
                "sources": len({m.source_id for m in story.members if m.source_id}),
                "headline": first.evidence,
            }
        )
        members.extend(
            {"story_id": sid, "event_id": m.id, "document_id": m.document_id} for m in story.members
        )
    return rows, members


def build_stories(store: Store, kb: KnowledgeBase) -> str:
    """The analysis: rebuild every story from the stored events; a one-line summary."""
    events = list(events_for_stories(store))
    stories = cluster(events)
    rows, members = story_rows(stories)
    replace_stories(store, rows, members)
    repeated = sum(1 for r in rows if r["events"] > 1)
    return f"{len(rows)} stories from {len(events)} events ({repeated} reported more than once)"
