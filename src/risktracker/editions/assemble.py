"""Assemble an edition from the store: the assess stage of the walking skeleton.

What the edition shows, and the rules behind it:
- attention of a domain in a month = the share of that month's documents (near-duplicates
  left out) that carry the domain as a document label;
- the arrow compares the domain's share of the quarter with the previous quarter's:
  ``rising`` when it grew by at least 5 points and by a fifth, ``easing`` when it fell
  by as much, otherwise ``stable``;
- developments: each labelled sentence scores its label score, times 1.25 per distinct
  actor it names (up to four), times 1.1 per topic; a document contributes its best
  sentence to one domain only, the strongest first, up to five per domain;
- what to watch: dated items announced during the quarter that end after it, within
  six months.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..models import ChartSeries, Development, DomainSection, Edition, WatchEntry
from ..store import Store
from ..store.reads import (
    SentenceCandidate,
    count_documents,
    document_domain_scores,
    sentence_candidates,
    watch_items_between,
)
from .periods import Quarter, check_number

DEVELOPMENTS_PER_DOMAIN = 5
WATCH_HORIZON_DAYS = 183
ARROW_MIN_POINTS = 0.05
ARROW_MIN_RATIO = 1.2
WORDS_PER_MINUTE = 200


def _shares(store: Store, start: date, end: date) -> tuple[dict[str, float], int]:
    total = count_documents(store, start, end)
    counts: dict[str, int] = defaultdict(int)
    for row in document_domain_scores(store, start, end):
        counts[row.domain] += 1
    return {d: n / total for d, n in counts.items()} if total else {}, total


def arrow(share: float, previous: float | None) -> str:
    if previous is None:
        return "stable"
    if share - previous >= ARROW_MIN_POINTS and share >= previous * ARROW_MIN_RATIO:
        return "rising"
    if previous - share >= ARROW_MIN_POINTS and previous >= share * ARROW_MIN_RATIO:
        return "easing"
    return "stable"


def attention_by_month(store: Store, kb: KnowledgeBase, quarters: list[Quarter]) -> ChartSeries:
    months: list[str] = []
    values: dict[str, list[float]] = {d: [] for d in kb.domain_ids}
    for quarter in quarters:
        for month in quarter.months():
            year, number = map(int, month.split("-"))
            start = date(year, number, 1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            shares, _ = _shares(store, start, end)
            months.append(month)
            for domain in kb.domain_ids:
                values[domain].append(round(100 * shares.get(domain, 0.0), 1))
    first, last = quarters[0], quarters[-1]
    return ChartSeries(
        title="Attention per risk domain by month",
        caption=(
            f"Share of documents (%) labelled with each domain, {first.start:%B %Y} to "
            f"{last.end:%B %Y}; near-duplicates counted once. Source: documents in the store."
        ),
        months=tuple(months),
        values={d: tuple(v) for d, v in values.items()},
    )


def _development_score(candidate: SentenceCandidate) -> float:
    return candidate.score * 1.25 ** min(candidate.actors, 4) * 1.1 ** len(candidate.topics)


def pick_developments(
    candidates: list[SentenceCandidate], kb: KnowledgeBase
) -> dict[str, list[Development]]:
    best: dict[tuple[str, str], tuple[float, SentenceCandidate]] = {}
    for candidate in candidates:
        key = (candidate.domain, candidate.evidence.document_id)
        score = _development_score(candidate)
        if key not in best or score > best[key][0]:
            best[key] = (score, candidate)
    ranked = sorted(
        best.values(), key=lambda item: (-item[0], item[1].evidence.document_id, item[1].domain)
    )
    chosen: dict[str, list[Development]] = {d: [] for d in kb.domain_ids}
    used: set[str] = set()
    for score, candidate in ranked:
        doc = candidate.evidence.document_id
        picks = chosen.get(candidate.domain)
        if doc in used or picks is None or len(picks) >= DEVELOPMENTS_PER_DOMAIN:
            continue
        used.add(doc)
        picks.append(
            Development(
                headline=candidate.evidence.title,
                score=round(score, 4),
                evidence=candidate.evidence,
                topics=candidate.topics,
            )
        )
    return chosen


def read_focus(path: str | Path | None) -> tuple[str | None, str | None]:
    """(title, Markdown body) of an analyst's focus file; the first ``# `` line is the title."""
    if path is None:
        return None, None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EditionError(f"cannot read focus file {path}: {exc}") from None
    match = re.match(r"\s*#\s+(.+)\n", text)
    if match:
        return match.group(1).strip(), text[match.end() :].strip()
    return None, text.strip()


def assemble_edition(
    store: Store,
    kb: KnowledgeBase,
    *,
    period: str,
    number: str,
    focus: str | Path | None = None,
    authors: tuple[str, ...] = ("Risk Tracker analysts",),
) -> Edition:
    quarter = Quarter.parse(period)
    number = check_number(number)
    shares, total = _shares(store, quarter.start, quarter.end)
    if total == 0:
        raise EditionError(
            f"no documents published in {quarter}",
            "Ingest and enrich documents of that period first (`risktracker demo` shows how).",
        )
    previous_quarter = quarter.previous()
    previous_shares, previous_total = _shares(store, previous_quarter.start, previous_quarter.end)
    developments = pick_developments(sentence_candidates(store, quarter.start, quarter.end), kb)
    sections = []
    for domain in kb.domains:
        share = shares.get(domain.id, 0.0)
        previous = previous_shares.get(domain.id, 0.0) if previous_total else None
        sections.append(
            DomainSection(
                domain_id=domain.id,
                name=domain.name,
                description=domain.description,
                arrow=arrow(share, previous),
                share=round(share, 4),
                previous_share=None if previous is None else round(previous, 4),
                developments=tuple(developments[domain.id]),
            )
        )
    watch = tuple(
        WatchEntry(item.expression, item.start, item.end, item.label, item.evidence)
        for item in watch_items_between(
            store,
            quarter.end,
            quarter.end + timedelta(days=WATCH_HORIZON_DAYS),
            announced_from=quarter.start,
        )
    )
    focus_title, focus_markdown = read_focus(focus)
    words = (
        len((focus_markdown or "").split())
        + sum(
            len(d.evidence.sentence.split()) + len(d.headline.split())
            for section in sections
            for d in section.developments
        )
        + sum(len(w.label.split()) for w in watch)
    )
    return Edition(
        number=number,
        period=str(quarter),
        start=quarter.start,
        end=quarter.end,
        title="China Security and Risk Tracker",
        reading_minutes=max(1, round(words / WORDS_PER_MINUTE)),
        authors=authors,
        focus_title=focus_title,
        focus_markdown=focus_markdown,
        chart=attention_by_month(store, kb, [previous_quarter, quarter]),
        sections=tuple(sections),
        watch=watch,
        generated_from=total,
    )
