"""Actors written as common nouns: "a court", "police", "regulators", "protesters".

The mention finder knows named actors only, so "Chinese regulators fined Meituan" or
"police in Shanghai detained dozens" would have no source. The nouns are data
(``kb/data/events/common_actors.yml``); the country of each comes from the context:

1. a country actor or place written just before it ("Chinese regulators", "China's
   market regulator", "Hong Kong police"); the coder then folds that mention into it;
2. a place or actor right after it ("police in Shanghai", "a court in Dandong");
3. for authorities only, the country of the document (the one its mentions name most).

The actor is that country's institution where the data names one ("China's market
regulator" is samr), else the country itself.
"""

from __future__ import annotations

import re
from collections import Counter

from ..kb import KnowledgeBase
from ..kb.events import CommonActorSpec, CommonActorsSpec
from ..models import Mention
from .events_actors import Actor, actor_at

# "Chinese", "China's top", "Hong Kong's national security": a short qualifier, without
# verbs ("Hong Kong police arrested four activists": Hong Kong is not the activists')
_BEFORE_GAP = re.compile(
    r"^(?:['’]s?)?\s+(?:(?!(?:and|or|with|to|from|of|in|on|at|by|for|against|as|is|are|was"
    r"|were|has|have|had|said|says|told|not|will|would|could|may)\s)(?![\w-]+ed\s)[\w.-]+\s+){0,2}$"
)
_AFTER_GAP = re.compile(r"^\s+(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+)?$")
# "a critic of the authorities", but not "hundreds of protesters"
_OF_BEFORE = re.compile(
    r"\b(?!(?:hundreds|thousands|dozens|millions|scores|tens|group|groups|crowd|crowds|some"
    r"|many|number|several)\s)[\w-]+\s+of\s+(?:the\s+|a\s+)?$"
)
_NEXT_WORD = re.compile(r"\s+([\w-]+)")


def document_country(mentions: tuple[Mention, ...]) -> str | None:
    """The country the document's place and actor mentions name most often."""
    counts = Counter(m.country for m in mentions if m.country)
    return counts.most_common(1)[0][0] if counts else None


class CommonActors:
    """Compiled once from the data; :meth:`find` is pure."""

    def __init__(self, kb: KnowledgeBase, data: CommonActorsSpec) -> None:
        specs = data.actors
        self._specs = specs
        self._heads = frozenset(data.heads)
        self._known = frozenset(kb.by_id)
        alternatives = [f"(?P<c{i}>" + "|".join(spec.nouns) + ")" for i, spec in enumerate(specs)]
        self._nouns = (
            re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
            if alternatives
            else None
        )

    def find(
        self, sentence: str, mentions: list[Mention], offset: int, home: str | None
    ) -> list[Actor]:
        """The common-noun actors of one sentence whose country the context gives."""
        if self._nouns is None:
            return []
        lowered = sentence.lower()
        spans = sorted(
            (m.start_char - offset, m.end_char - offset, m.country)
            for m in mentions
            if m.kind in ("actor", "place")
        )
        found = []
        for match in self._nouns.finditer(lowered):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e, _ in spans):
                continue  # part of a named actor ("Hong Kong Police Force")
            if _OF_BEFORE.search(lowered, max(0, start - 30), start):
                continue  # a complement: "a critic of the authorities"
            head = _NEXT_WORD.match(lowered, end)
            if head and head.group(1) in self._heads:
                continue  # a modifier: "coast guard vessels"
            spec = self._specs[int(match.lastgroup[1:])]
            country = self._country(sentence, start, end, spans, spec, home)
            if not country or country not in self._known:
                continue
            entity = spec.institutions.get(country, country)
            entity = entity if entity in self._known else country
            kind = "institution" if entity != country else "state"
            found.append(actor_at(sentence, start, end, entity, country, kind))
        return found

    def _country(
        self,
        sentence: str,
        start: int,
        end: int,
        spans: list[tuple[int, int, str | None]],
        spec: CommonActorSpec,
        home: str | None,
    ) -> str | None:
        before = [s for s in spans if s[1] <= start and s[2]]
        if before and _BEFORE_GAP.match(sentence[before[-1][1] : start]):
            return before[-1][2]
        after = [s for s in spans if s[0] >= end and s[2]]
        if after and _AFTER_GAP.match(sentence[end : after[0][0]].lower()):
            return after[0][2]
        return home if spec.kind == "authority" else None
