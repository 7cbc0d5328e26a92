"""The bilateral ledger: what one country did to another, per channel and period.

For an ordered pair (China->Russia is not Russia->China), per channel (diplomatic,
military, economic and trade, technology, legal and sanctions; ``channels.yml``) and
per period (week, month, quarter), the ledger counts *stories*, not articles: how many
cooperative ones (intensity above zero on the scale of ``scale.yml``) and how many
conflictual ones, sums their intensities, and nets them. Every cell lists the stories
behind its numbers; :func:`ledger` returns their evidence too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import InputError
from ..kb import KnowledgeBase
from ..kb.events import load_event_kb
from ..store import Store
from ..store.events import pair_stories, story_evidence

PERIODS = ("week", "month", "quarter")


@dataclass(frozen=True)
class LedgerCell:
    source: str
    target: str
    period: str
    channel: str
    cooperation: int  # stories
    conflict: int
    cooperation_intensity: float
    conflict_intensity: float  # a sum of negative numbers
    net: float
    stories: tuple[str, ...]


@dataclass(frozen=True)
class Ledger:
    first: str
    second: str
    by: str
    channel: str | None
    periods: tuple[str, ...]
    cells: tuple[LedgerCell, ...]
    evidence: dict[str, dict] = field(default_factory=dict)  # story id -> story and events

    def direction(self, source: str) -> list[LedgerCell]:
        return [c for c in self.cells if c.source == source]


def period_of(day: date, by: str) -> str:
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _period_range(first: date, last: date, by: str) -> tuple[str, ...]:
    """Every period from the first to the last, so a quiet period shows as zero."""
    periods: list[str] = []
    if by == "week":
        day = first - timedelta(days=first.weekday())
        while day <= last:
            periods.append(period_of(day, by))
            day += timedelta(days=7)
        return tuple(periods)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = period_of(date(year, month, 1), by)
        if not periods or periods[-1] != label:
            periods.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(periods)


def resolve_country(kb: KnowledgeBase, value: str) -> str:
    """A knowledge-base id of a state, territory or organisation from an id or a name."""
    wanted = value.strip()
    for actor in kb.actors:
        if actor.id == wanted or actor.id == wanted.upper():
            return actor.id
    for actor in kb.actors:
        if wanted.lower() in {a.lower() for a in (actor.name, *actor.aliases)}:
            return actor.id
    raise InputError(
        f"unknown country {value!r}",
        "Give an ISO 3166 alpha-3 code (CHN, RUS, USA) or a name of the knowledge base.",
    )


def ledger(
    store: Store,
    kb: KnowledgeBase,
    first: str,
    second: str,
    *,
    by: str = "quarter",
    channel: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Ledger:
    """The ledger of a pair in both directions (run the stories analysis first)."""
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}", f"Choose one of: {', '.join(PERIODS)}.")
    knowledge = load_event_kb()
    if channel is not None and channel not in knowledge.channel_ids:
        raise InputError(
            f"unknown channel {channel!r}", f"Choose one of: {', '.join(knowledge.channel_ids)}."
        )
    a, b = resolve_country(kb, first), resolve_country(kb, second)
    stories = [s for s in pair_stories(store, a, b, start, end) if s["start_date"] is not None]
    if channel is not None:
        stories = [s for s in stories if s["channel"] == channel]
    cells: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for story in stories:
        key = (story["source_country"], period_of(story["start_date"], by), story["channel"])
        cells[key].append(story)
    periods: tuple[str, ...] = ()
    if stories:
        periods = _period_range(stories[0]["start_date"], stories[-1]["start_date"], by)
    channels = (channel,) if channel else knowledge.channel_ids
    out: list[LedgerCell] = []
    for source, target in ((a, b), (b, a)):
        for period in periods:
            for chan in channels:
                members = cells.get((source, period, chan), [])
                if not members and channel is None:
                    continue
                coop = [s for s in members if s["intensity"] > 0]
                conf = [s for s in members if s["intensity"] < 0]
                coop_sum = round(sum(s["intensity"] for s in coop), 2)
                conf_sum = round(sum(s["intensity"] for s in conf), 2)
                out.append(
                    LedgerCell(
                        source=source,
                        target=target,
                        period=period,
                        channel=chan,
                        cooperation=len(coop),
                        conflict=len(conf),
                        cooperation_intensity=coop_sum,
                        conflict_intensity=conf_sum,
                        net=round(coop_sum + conf_sum, 2),
                        stories=tuple(s["id"] for s in members),
                    )
                )
    events = story_evidence(store, [s["id"] for s in stories])
    evidence = {
        s["id"]: {
            "type": s["type"],
            "source": s["source_country"],
            "target": s["target_country"],
            "channel": s["channel"],
            "mode": s["mode"],
            "intensity": s["intensity"],
            "start": s["start_date"].isoformat(),
            "end": s["end_date"].isoformat() if s["end_date"] else None,
            "reports": s["events"],
            "documents": s["documents"],
            "sources": s["sources"],
            "headline": s["headline"],
            "events": events.get(s["id"], []),
        }
        for s in stories
    }
    return Ledger(a, b, by, channel, periods, tuple(out), evidence)


def net_by_period(ledger_: Ledger, source: str) -> list[tuple[str, float, int, int]]:
    """(period, net, cooperation stories, conflict stories) of one direction, all channels."""
    totals: dict[str, list[float]] = {p: [0.0, 0, 0] for p in ledger_.periods}
    for cell in ledger_.direction(source):
        entry = totals[cell.period]
        entry[0] += cell.net
        entry[1] += cell.cooperation
        entry[2] += cell.conflict
    return [(p, round(v[0], 2), int(v[1]), int(v[2])) for p, v in totals.items()]


def summarize(store: Store, kb: KnowledgeBase) -> str:
    """The analysis: how many ordered country pairs have stories (the ledger's reach)."""
    from ..store.events import story_pairs

    pairs = story_pairs(store)
    if not pairs:
        return "no country pairs with stories"
    top = ", ".join(f"{s}->{t} {n}" for s, t, n in pairs[:3])
    return f"{len(pairs)} ordered country pairs with stories; most: {top}"
