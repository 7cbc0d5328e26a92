"""Signals: attention, threats, acts and intensity per period and per domain, topic, actor
or country pair, each point with the sentences and stories behind it.

Definitions (one period: a week, month or quarter; "documents" are original documents,
near-duplicates left out, and documents reporting the same story count once):

- share: documents about the key / all documents of the period;
- attention: the share scaled so that the baseline periods average 100 (the GPR index's
  convention); the baseline is every period of the series with documents, unless given;
- threats / acts: the share of documents whose sentences about the key use threat words
  (warn, threaten, risk of, could, ...) or report a THREATEN event, and the share with act
  words (attacked, sanctioned, detained, ...) or an ASSAULT, COERCE, SANCTION or MOBILIZE
  event (``kb/data/signals.yml``); each scaled to its own baseline average of 100;
- intensity: the conflict-weighted sum of events in sentences about the key (the
  negative intensities of issue 4's event scale, as positive weights); when the store
  holds no events at all, intensity falls back to attention (``intensity_basis``);
- trend: the arrow of the share against the trailing periods (:mod:`.trends`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from ..kb import KnowledgeBase
from ..store import Store
from ..store.signals import DocumentSignal, document_signals, published_range, sentence_texts
from .trends import Trend, series_trends

KINDS = ("domain", "topic", "actor", "pair")
PERIODS = ("week", "month", "quarter")


class SignalWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    threat_words: list[str]
    act_words: list[str]
    threat_events: list[str]
    act_events: list[str]


@lru_cache(maxsize=1)
def signal_words() -> tuple[re.Pattern[str], re.Pattern[str], SignalWords]:
    text = (resources.files("risktracker") / "kb" / "data" / "signals.yml").read_text("utf-8")
    words = SignalWords.model_validate(yaml.safe_load(text))

    def pattern(items: list[str]) -> re.Pattern[str]:
        ordered = sorted({w.lower() for w in items}, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")

    return pattern(words.threat_words), pattern(words.act_words), words


def period_of(day: date, by: str) -> tuple[str, date, date]:
    """(label, first day, last day) of the week, month or quarter holding ``day``."""
    if by == "week":
        start = day - timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}", start, start + timedelta(days=6)
    if by == "month":
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return f"{day:%Y-%m}", start, following - timedelta(days=1)
    if by == "quarter":
        quarter = (day.month - 1) // 3 + 1
        start = date(day.year, 3 * quarter - 2, 1)
        following = (start + timedelta(days=95)).replace(day=1)
        return f"{day.year}-Q{quarter}", start, following - timedelta(days=1)
    raise InputError(f"unknown period {by!r}", f"Choose one of: {', '.join(PERIODS)}.")


def periods_between(start: date, end: date, by: str) -> list[tuple[str, date, date]]:
    result = []
    day = start
    while day <= end:
        period = period_of(day, by)
        result.append(period)
        day = period[2] + timedelta(days=1)
    return result


@dataclass(frozen=True)
class SignalPoint:
    kind: str  # domain | topic | actor | pair
    key: str
    name: str
    period: str
    start: date
    end: date
    documents: int  # documents (stories) about the key
    total: int  # documents (stories) of the period
    share: float
    attention: float | None  # 100 = the baseline average; None when the baseline is 0
    threats: float | None
    acts: float | None
    intensity: float
    intensity_basis: str  # events | attention
    trend: Trend | None  # None for a period without documents
    sentences: tuple[str, ...]  # DOC:SENTENCE ids behind the point
    stories: tuple[str, ...]  # story ids (issue 4) behind the point
    document_ids: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "key": self.key,
            "name": self.name,
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "documents": self.documents,
            "total": self.total,
            "share": self.share,
            "attention": self.attention,
            "threats": self.threats,
            "acts": self.acts,
            "intensity": self.intensity,
            "intensity_basis": self.intensity_basis,
            "arrow": self.trend.arrow if self.trend else None,
            "trend": self.trend.as_dict() if self.trend else None,
            "sentences": list(self.sentences),
            "stories": list(self.stories),
            "document_ids": list(self.document_ids),
        }


def _keys_of(doc: DocumentSignal, kind: str) -> dict[str, set[int]]:
    return {"domain": doc.domains, "topic": doc.topics, "actor": doc.actors, "pair": doc.pairs}[
        kind
    ]


def _scaled(values: list[float | None], baseline: list[bool]) -> list[float | None]:
    base = [v for v, b in zip(values, baseline, strict=True) if b and v is not None]
    mean = sum(base) / len(base) if base else 0.0
    return [None if v is None or mean <= 0 else round(100 * v / mean, 1) for v in values]


def compute_signals(
    store: Store,
    kb: KnowledgeBase,
    *,
    by: str = "month",
    kind: str = "domain",
    keys: tuple[str, ...] = (),
    start: date | None = None,
    end: date | None = None,
    baseline: tuple[date, date] | None = None,
) -> list[SignalPoint]:
    """The signal series of every key of ``kind`` (or only ``keys``), period by period."""
    if kind not in KINDS:
        raise InputError(f"unknown signal kind {kind!r}", f"Choose one of: {', '.join(KINDS)}.")
    first, last = published_range(store)
    start, end = start or first, end or last
    if start is None or end is None:
        return []
    periods = periods_between(start, end, by)
    docs = document_signals(store, periods[0][1], periods[-1][2])
    in_period: dict[str, list[DocumentSignal]] = defaultdict(list)
    for doc in docs:
        in_period[period_of(doc.published, by)[0]].append(doc)
    if keys:  # asked for by name: a series even where nothing is about it
        all_keys = sorted(set(keys))
    else:
        all_keys = sorted({k for d in docs for k in _keys_of(d, kind)})
        if kind == "domain":
            all_keys = sorted(set(all_keys) | set(kb.domain_ids))
    texts = sentence_texts(
        store, [(d.id, i) for d in docs for k in _keys_of(d, kind) for i in _keys_of(d, kind)[k]]
    )
    threat_re, act_re, words = signal_words()
    any_events = any(doc.events for doc in docs)
    points: list[SignalPoint] = []
    for key in all_keys:
        rows = []
        for label, p_start, p_end in periods:
            members = in_period.get(label, [])
            total = len({d.group for d in members})
            about = [d for d in members if key in _keys_of(d, kind)]
            threat_groups, act_groups, intensity = set(), set(), 0.0
            sentences: list[str] = []
            for doc in about:
                indexes = _keys_of(doc, kind)[key]
                sentences.extend(f"{doc.id}:{i}" for i in sorted(indexes))
                body = " ".join(texts.get((doc.id, i), "") for i in indexes).lower()
                events = [e for e in doc.events if e[0] in indexes or not indexes]
                if threat_re.search(body) or any(e[1] in words.threat_events for e in events):
                    threat_groups.add(doc.group)
                if act_re.search(body) or any(e[1] in words.act_events for e in events):
                    act_groups.add(doc.group)
                intensity += sum(-e[2] for e in events if e[2] < 0)
            groups = {d.group for d in about}
            rows.append(
                (label, p_start, p_end, total, groups, threat_groups, act_groups, intensity,
                 sentences, about)
            )  # fmt: skip
        shares = [len(r[4]) / r[3] if r[3] else None for r in rows]
        in_base = [
            r[3] > 0 and (baseline is None or baseline[0] <= r[1] and r[2] <= baseline[1])
            for r in rows
        ]
        attention = _scaled(shares, in_base)
        threats = _scaled([len(r[5]) / r[3] if r[3] else None for r in rows], in_base)
        acts = _scaled([len(r[6]) / r[3] if r[3] else None for r in rows], in_base)
        trends = series_trends(shares)
        name = kb.name_of(key) if kind != "pair" else key
        for i, r in enumerate(rows):
            label, p_start, p_end, total, groups, _t, _a, intensity, sentences, about = r
            points.append(
                SignalPoint(
                    kind=kind,
                    key=key,
                    name=name,
                    period=label,
                    start=p_start,
                    end=p_end,
                    documents=len(groups),
                    total=total,
                    share=round(shares[i] or 0.0, 4),
                    attention=attention[i],
                    threats=threats[i],
                    acts=acts[i],
                    intensity=round(intensity, 2) if any_events else (attention[i] or 0.0),
                    intensity_basis="events" if any_events else "attention",
                    trend=trends[i],
                    sentences=tuple(sentences),
                    stories=tuple(sorted({s for d in about for s in d.stories})),
                    document_ids=tuple(d.id for d in about),
                )
            )
    return points


def summarize(store: Store, kb: KnowledgeBase) -> str:
    """The analysis of ``risktracker analyze``: the latest quarter's domain arrows."""
    points = compute_signals(store, kb, by="quarter")
    if not points:
        return "no documents"
    latest = max(p.period for p in points if p.total)
    arrows = ", ".join(
        f"{p.key} {p.trend.arrow}" for p in points if p.period == latest and p.trend is not None
    )
    return f"{latest}: {arrows}"
