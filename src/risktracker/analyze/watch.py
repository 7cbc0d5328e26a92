"""The watchlist analysis: merge watch items across documents, then look for outcomes.

Merging. Two items from different documents are about the same happening when their
date ranges meet, their event phrases share content words (at least two, or half of the
shorter phrase's), and, when both name actors, they share one. Connected items form one
group that keeps every source. The date shown is the winner's: the best confidence
(confirmed, then estimated, then rumoured), then the most precise (shortest) range,
then the earliest report. A group's id is its earliest source's, so the outcomes
analysts decide stay attached when the groups are rebuilt.

Outcomes. Once a happening's end date has passed, a sentence of a later document that
shares its event words (and an actor, when it has any) and tells what happened
("held", "postponed", "called off"; ``kb/data/watch.yml``) is proposed as its outcome.
An analyst confirms or rejects it (``risktracker watch resolve``).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..enrich.watch_cues import OUTCOMES, WatchCues, load_cues
from ..errors import InputError
from ..kb import KnowledgeBase
from ..models import TrackedWatchItem
from ..store import Store
from ..store.watch import (
    GroupRow,
    StoredItem,
    decide_outcome,
    group_id_of,
    latest_publication,
    propose_outcomes,
    reject_outcome,
    replace_groups,
    report_sentences,
    stored_items,
    tracked_items,
)

CONFIDENCE_RANK = {"confirmed": 0, "estimated": 1, "rumoured": 2}
REPORT_WINDOW = timedelta(days=45)  # how long after its end a happening is still reported


def _shares_words(a: frozenset[str], b: frozenset[str]) -> bool:
    common = len(a & b)
    return common >= 2 or (common >= 1 and common * 2 >= min(len(a), len(b)))


def same_happening(a: StoredItem, b: StoredItem, cues: WatchCues) -> bool:
    if a.document_id == b.document_id:
        return False  # one document announcing two things means two things
    if a.source.start > b.source.end or b.source.start > a.source.end:
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    return _shares_words(cues.keywords(a.source.label), cues.keywords(b.source.label))


def _winner(members: list[StoredItem]) -> StoredItem:
    return min(
        members,
        key=lambda m: (
            CONFIDENCE_RANK.get(m.source.confidence, 3),
            (m.source.end - m.source.start).days,
            m.published or date.max,
            m.source.item_id,
        ),
    )


def group_items(items: list[StoredItem], cues: WatchCues | None = None) -> list[GroupRow]:
    """Merge per-document items into groups (pure: the rule, testable without a store)."""
    cues = cues or load_cues()
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(items)), key=lambda i: items[i].source.start)
    for position, i in enumerate(order):
        for j in order[position + 1 :]:
            if items[j].source.start > items[i].source.end:
                break  # sorted by start: nothing later can meet item i
            if same_happening(items[i], items[j], cues):
                parent[find(j)] = find(i)
    members: dict[int, list[StoredItem]] = {}
    for i, item in enumerate(items):
        members.setdefault(find(i), []).append(item)
    earliest = {
        root: min(group, key=lambda m: (m.published or date.max, m.source.item_id))
        for root, group in members.items()
    }
    group_of_item = {
        m.source.item_id: "g" + earliest[root].source.item_id[1:]
        for root, group in members.items()
        for m in group
    }
    rows = []
    for group in members.values():
        win = _winner(group)
        domains = [m.domain for m in sorted(group, key=lambda m: m is not win) if m.domain]
        published = [m.published for m in group if m.published]
        rows.append(
            GroupRow(
                id=group_of_item[win.source.item_id],
                label=win.source.label,
                expression=win.source.expression,
                start=win.source.start,
                end=win.source.end,
                precision=win.source.precision,
                confidence=win.source.confidence,
                domain=domains[0] if domains else None,
                actors=tuple(sorted({a for m in group for a in m.actors})),
                topics=tuple(sorted({x for m in group for x in m.topics})),
                parent_id=group_of_item.get(win.parent_id) if win.parent_id else None,
                first_seen=min(published) if published else None,
                members=tuple(sorted(m.source.item_id for m in group)),
                documents=tuple(sorted({m.document_id for m in group})),
            )
        )
    rows.sort(key=lambda g: (g.start, g.end, g.id))
    return rows


def find_outcomes(
    store: Store, groups: list[GroupRow], as_of: date, cues: WatchCues
) -> list[tuple[str, str, int, str, str]]:
    """(group, document, sentence, outcome, evidence) proposals for the due groups."""
    due = [g for g in groups if g.end < as_of and g.first_seen is not None]
    if not due:
        return []
    start = min(g.first_seen for g in due)  # type: ignore[type-var]
    end = max(g.end for g in due) + REPORT_WINDOW
    candidates = []
    for sentence in report_sentences(store, start, end):  # type: ignore[arg-type]
        outcome = cues.outcome_of(sentence.text)
        if outcome is not None:
            candidates.append((sentence, outcome, cues.keywords(sentence.text)))
    proposals = []
    for group in due:
        words = cues.keywords(group.label)
        for sentence, outcome, sentence_words in candidates:
            if sentence.published <= group.first_seen or sentence.document_id in group.documents:
                continue
            if sentence.published > group.end + REPORT_WINDOW:
                continue
            if outcome == "happened" and sentence.published < group.start:
                continue  # a happening is reported as done only once it has begun
            if group.actors and not sentence.actors & set(group.actors):
                continue
            if _shares_words(words, sentence_words):
                proposals.append(
                    (group.id, sentence.document_id, sentence.sentence, outcome, sentence.text)
                )
    return proposals


def merge_watch(store: Store, kb: KnowledgeBase, as_of: date | None = None) -> str:
    """The registered analysis: rebuild the groups, propose outcomes of due ones."""
    cues = load_cues()
    items = stored_items(store)
    groups = group_items(items, cues)
    replace_groups(store, groups)
    # Outcomes can only be known up to the newest report the store holds.
    newest = latest_publication(store)
    if as_of is None:
        as_of = min(date.today(), newest + timedelta(days=1)) if newest else date.today()
    proposed = propose_outcomes(store, find_outcomes(store, groups, as_of, cues))
    return f"{len(items)} items merged into {len(groups)}; {proposed} outcomes proposed"


def watchlist(
    store: Store,
    kb: KnowledgeBase,
    *,
    start: date | None = None,
    end: date | None = None,
    domain: str | None = None,
    status: str | None = None,
    as_of: date | None = None,
) -> list[TrackedWatchItem]:
    """The merged watch items (rebuilt first, so enrichment's latest items are in)."""
    merge_watch(store, kb)
    items = tracked_items(store, start=start, end=end, domain=domain, as_of=as_of)
    return [i for i in items if status is None or i.status == status]


def resolve_watch(store: Store, item_id: str, outcome: str, document_id: str) -> str:
    """An analyst confirms what became of a happening; returns its group id."""
    if outcome not in OUTCOMES:
        raise InputError(f"unknown outcome {outcome!r}", f"Choose one of: {', '.join(OUTCOMES)}.")
    group = group_id_of(store, item_id)
    decide_outcome(store, group, outcome, document_id, confirm=True)
    return group


def reject_watch(store: Store, item_id: str, document_id: str) -> tuple[str, str]:
    """An analyst rejects a proposed outcome; returns (group id, the rejected outcome)."""
    group = group_id_of(store, item_id)
    return group, reject_outcome(store, group, document_id)
