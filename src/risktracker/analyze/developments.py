"""Top developments: for a domain and a period, the candidates an edition shows, ranked.

A candidate is a group of documents about the domain: the documents that report one
story (issue 4's stories) when stories exist, otherwise one document with its
near-duplicates. Its score multiplies four documented factors:

- size: ``1 + ln(documents)``, the documents of the group, near-duplicates included;
- source diversity: ``1 + ln(distinct sources)`` among them;
- intensity: ``0.5 + (1 - exp(-w / 5))`` with ``w`` the conflict weight of the events in
  the group's sentences about the domain (issue 4's scale); without events, ``0.5 +``
  the best domain score of the group's documents;
- novelty: ``0.5 +`` the fraction of the actors and topics the group names in those
  sentences that no document of the domain named in the previous period (1 when it
  names none).

The evidence is the group's sentence about the domain that names the most actors (the
earliest document and sentence on a tie).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import Development, Evidence
from ..store import Store
from ..store.signals import DocumentSignal, document_signals, evidence_for, near_duplicate_sources


@dataclass(frozen=True)
class RankedDevelopment:
    domain: str
    group: str  # story id or the original document's id
    score: float
    size: int
    sources: int
    intensity: float  # the factor, 0.5..1.5
    novelty: float  # the factor, 0.5..1.5
    evidence: Evidence
    document_ids: tuple[str, ...]
    sentences: tuple[str, ...]  # DOC:SENTENCE
    topics: tuple[str, ...]
    actors: tuple[str, ...]

    def development(self) -> Development:
        """The edition's form of this candidate."""
        return Development(
            headline=self.evidence.title,
            score=self.score,
            evidence=self.evidence,
            topics=self.topics,
            actors=self.actors,
        )


def _names(doc: DocumentSignal, indexes: set[int]) -> tuple[set[str], set[str]]:
    topics = {k for k, s in doc.topics.items() if s & indexes or not indexes}
    actors = {k for k, s in doc.actors.items() if s & indexes}
    return topics, actors


def _previous_names(docs: list[DocumentSignal], domain: str) -> set[str]:
    names: set[str] = set()
    for doc in docs:
        if domain in doc.domains:
            topics, actors = _names(doc, doc.domains[domain])
            names |= topics | actors
    return names


def rank_developments(
    store: Store,
    domains: tuple[str, ...],
    start: date,
    end: date,
    previous_start: date,
    *,
    limit: int = 5,
) -> dict[str, list[RankedDevelopment]]:
    """Candidates of each domain in [start, end], best first; the previous period is
    [previous_start, start) for novelty."""
    docs = document_signals(store, start, end)
    previous = document_signals(store, previous_start, start - timedelta(days=1))
    duplicates = near_duplicate_sources(store, [d.id for d in docs])
    candidates: dict[str, list[tuple]] = defaultdict(list)
    for domain in domains:
        seen_before = _previous_names(previous, domain)
        groups: dict[str, list[DocumentSignal]] = defaultdict(list)
        for doc in docs:
            if domain in doc.domains:
                groups[doc.group].append(doc)
        for group, members in groups.items():
            sources = [d.source_id for d in members] + [
                s for d in members for s in duplicates.get(d.id, [])
            ]
            weight, best_score, topics, actors, sentences = 0.0, 0.0, set(), set(), []
            for doc in members:
                indexes = doc.domains[domain]
                weight += sum(-e[2] for e in doc.events if e[2] < 0 and e[0] in indexes)
                best_score = max(best_score, doc.scores.get(domain, 0.0))
                found_topics, found_actors = _names(doc, indexes)
                topics |= found_topics
                actors |= found_actors
                for i in sorted(indexes):
                    count = sum(i in s for s in doc.actors.values())
                    sentences.append((-count, doc.published, doc.id, i))
            has_events = any(e[2] < 0 for d in members for e in d.events)
            intensity = 0.5 + ((1 - math.exp(-weight / 5)) if has_events else best_score)
            named = topics | actors
            novelty = 0.5 + (len(named - seen_before) / len(named) if named else 1.0)
            size, diversity = len(sources), len(set(sources))
            score = (1 + math.log(size)) * (1 + math.log(diversity)) * intensity * novelty
            candidates[domain].append(
                (round(score, 4), group, size, diversity, intensity, novelty, members,
                 sorted(sentences), tuple(sorted(topics)), tuple(sorted(actors)))
            )  # fmt: skip
    chosen = {d: sorted(c, key=lambda x: (-x[0], x[1]))[:limit] for d, c in candidates.items()}
    keys = [
        (c[7][0][2], c[7][0][3]) if c[7] else (c[6][0].id, 0) for cs in chosen.values() for c in cs
    ]
    evidence = evidence_for(store, keys)
    result: dict[str, list[RankedDevelopment]] = {d: [] for d in domains}
    for domain, ranked in chosen.items():
        for (
            score,
            group,
            size,
            diversity,
            intensity,
            novelty,
            members,
            sents,
            topics,
            actors,
        ) in ranked:
            key = (sents[0][2], sents[0][3]) if sents else (members[0].id, 0)
            if key not in evidence:
                continue
            result[domain].append(
                RankedDevelopment(
                    domain=domain,
                    group=group,
                    score=score,
                    size=size,
                    sources=diversity,
                    intensity=round(intensity, 4),
                    novelty=round(novelty, 4),
                    evidence=evidence[key],
                    document_ids=tuple(d.id for d in members),
                    sentences=tuple(f"{s[2]}:{s[3]}" for s in sents),
                    topics=topics,
                    actors=actors,
                )
            )
    return result
