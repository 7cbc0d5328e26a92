"""Who is the source and who the target of a trigger, within its sentence.

The rules of :mod:`risktracker.enrich.events` steps 2 to 4: the nearest group of actors
before the trigger is its subject, the first group after it (directly or after one of
its prepositions) its object; the passive swaps them and finds the source after "by" or
"under ... 's"; a possessor is the source of a nominal trigger or, where the trigger
says so, its target; pronouns, coordinated verbs ("raided X and arrested Y" share
their subject), "its" objects, and the authorities of a place for courts and police
without a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..kb import KnowledgeBase
from ..kb.events import CueSpec, PatternSpec
from .events_actors import Actor, is_location

_PRONOUN = re.compile(r"(?<!\w)(it|they|he|she)(?!\w)")
_AUTHORITY_MODES = frozenset({"sentence", "arrest", "regulation", "investigation"})
_NOT_OBJECT = frozenset(
    "since during despite amid about over after before like than as via".split()
)
# "warned that Taiwan ...", "demanded that China ...": the one the clause is about is
# the target of these types (not of "agreed that Afghanistan would ...")
_ADDRESSED_BY_THAT = frozenset({"THREATEN", "REQUEST", "ACCUSE"})
_THAT = re.compile(r"\s*(?:that|whether)\s")
_EARLIER_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?[a-z]+ed\b")
_MAX_TARGET_GAP = 9  # words between a trigger and its direct object
_ITS = re.compile(r"\s+(?:[\w,-]+\s+){0,3}?(?:its|their)\s")
_COORDINATED = re.compile(r"^(?:['’]s)?\s*(?:[\w-]+\s+){0,4}?(?:,\s*)?and\s+(?:then\s+|also\s+)?$")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    spec: PatternSpec
    text: str


class RoleFinder:
    """Compiled once from the cues of the event knowledge base; pure."""

    def __init__(self, kb: KnowledgeBase, cues: CueSpec) -> None:
        self._kb = kb
        self._passive = re.compile(cues.passive)
        self._participles = frozenset(cues.participles)
        self._agent = re.compile("|".join(f"(?:{c})" for c in cues.agent))

    def participants(
        self,
        text: str,
        lowered: str,
        trigger: Trigger,
        clause: tuple[int, int],
        actor_groups: list[list[Actor]],
        previous: list[Actor],
        framed_end: int | None,
        mode: str,
        place_country: str | None = None,
        shared: tuple[int, list[Actor]] | None = None,
        framed_start: int | None = None,
    ) -> tuple[list[Actor], list[Actor], str, str]:
        spec = trigger.spec
        # groups cut at the clause start ("If China invaded Taiwan, Japan would ...": Japan
        # alone is in the clause of "would")
        inside = [[a for a in g if a.start >= clause[0]] for g in actor_groups]
        before = [
            g for g in inside if g and g[-1].end <= trigger.start and not is_location(g[0], ())
        ]
        # an object may sit inside a phrase trigger ("added SenseTime to its blacklist")
        first_word = trigger.start + len(trigger.text.split()[0])
        after_start = framed_end or first_word
        # a group that runs past the clause keeps its members inside ("a blockade of
        # Taiwan, Japan would ...": Japan is in the next clause)
        after = [
            [a for a in g if a.start < clause[1]]
            for g in actor_groups
            if g[0].start >= first_word
            and g[0].start < clause[1]
            and not is_location(g[0], spec.object_preps)
        ]
        possessor: list[Actor] = []
        if before and before[-1][-1].possessive:
            gap = lowered[before[-1][-1].end : trigger.start].lstrip("'’s")
            if len(gap.split()) <= 4:
                possessor = before.pop()
        # "Taiwan's air defence zone": a possessor qualifies a noun, it is no subject
        before = [g for g in before if not g[-1].possessive]
        subject = before[-1] if before else []
        # "raided Stand News and arrested six staff": the object of the first verb is not
        # the subject of the second; coordinated verbs share their subject
        if (
            shared is not None
            and shared[1]
            and (not subject or subject[0].start >= shared[0])
            and (not subject or _COORDINATED.match(lowered[subject[-1].end : trigger.start]))
        ):
            subject = shared[1]
        if not subject:
            subject = self._pronoun(lowered, trigger, clause, actor_groups, previous)
        addressed = spec.type in _ADDRESSED_BY_THAT
        target = self._first_after(lowered, after, after_start, spec.object_preps, addressed)
        if framed_end is not None:
            # "urged Washington to stop selling arms": the framing verb's own object
            own = self._first_after(lowered, after, first_word, spec.object_preps, True)
            if own and framed_start is not None and own[-1].end <= framed_start:
                target = own
        if not target and _ITS.match(lowered, first_word):
            # "entered its air defence zone": "its" is the first actor of the sentence
            # other than the subject ("Taiwan said 20 aircraft entered its zone")
            target = next((g for g in actor_groups if g[-1].end <= trigger.start), [])
            if target and subject and target[0].entity == subject[0].entity:
                target = []
        passive = self._is_passive(lowered, trigger, actor_groups)
        if passive:
            agent = self._agent_after(
                lowered, trigger, [g for g in actor_groups if g[0].start >= trigger.end]
            )
            subject, target = agent, subject
            if not subject and possessor:
                subject, possessor = possessor, []
        if possessor:
            if spec.possessor == "target" and not target:
                target = possessor
            elif spec.possessor == "source":
                subject = possessor  # "the EU's sanctions": the possessor acts
        if not subject and target and mode in _AUTHORITY_MODES:
            # courts, police and regulators without a name: the authorities of where it
            # happened ("a court in Dandong"), else of the target's country
            country = place_country or target[0].country
            if country and country in self._kb.by_id:
                subject = [Actor(-1, -1, country, country, "state", "", False, "")]
        source_text = (
            text[subject[0].start : subject[-1].end] if subject and subject[0].start >= 0 else ""
        )
        target_text = (
            text[target[0].start : target[-1].end] if target and target[0].start >= 0 else ""
        )
        return subject, target, source_text, target_text

    def _pronoun(
        self,
        lowered: str,
        trigger: Trigger,
        clause: tuple[int, int],
        actor_groups: list[list[Actor]],
        previous: list[Actor],
    ) -> list[Actor]:
        matches = list(_PRONOUN.finditer(lowered, clause[0], trigger.start))
        if not matches:
            return []
        match = matches[-1]
        plural = match.group(1) == "they"
        earlier = [
            g for g in actor_groups if g[-1].end <= match.start() and not is_location(g[0], ())
        ]
        candidates = [g for g in earlier if (len(g) > 1) == plural]
        if len(candidates) >= 1:
            return candidates[0]
        if not earlier and previous and (len(previous) > 1) == plural:
            return [replace(a, start=-1, end=-1) for a in previous]
        return []

    def _first_after(
        self,
        lowered: str,
        after: list[list[Actor]],
        start: int,
        preps: tuple[str, ...],
        frames: bool = False,
    ) -> list[Actor]:
        for group in after:
            if group[0].start < start:
                continue
            if group[0].prep in _NOT_OBJECT and group[0].prep not in preps:
                continue  # "held a call since the US election"
            if not frames and _THAT.match(lowered, start, group[0].start):
                # "agreed that Afghanistan would ...": the subject of a new clause (but
                # "warned that Taiwan ...", "demanded that China ...": the one addressed)
                return []
            if len(lowered[start : group[0].start].split()) <= _MAX_TARGET_GAP:
                return group
            return []
        return []

    def _is_passive(self, lowered: str, trigger: Trigger, actor_groups: list[list[Actor]]) -> bool:
        first = trigger.text.lower().split()[0]
        if not (first.endswith("ed") or first in self._participles):
            return False
        if self._passive.search(lowered[max(0, trigger.start - 40) : trigger.start]):
            return True
        # "Tencent was ordered to end its deals and fined ...": coordinated participles
        # share the passive of the first
        head = lowered[: trigger.start]
        if head.endswith(("and ", "and then ", "and later ")) and _EARLIER_PASSIVE.search(head):
            return True
        # "Zhang Zhan, jailed for her reporting, ...": a participle right after an actor
        comma = lowered[: trigger.start].rstrip()
        return comma.endswith(",") and any(
            g[-1].end == len(comma) - 1 for g in actor_groups if g[-1].end > 0
        )

    def _agent_after(self, lowered: str, trigger: Trigger, after: list[list[Actor]]) -> list[Actor]:
        for group in after:
            window = lowered[trigger.end : group[0].start]
            cues = list(self._agent.finditer(window))
            if cues and len(window[cues[-1].end() :].split()) <= 3:
                return group
        return []
