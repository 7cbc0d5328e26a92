"""The event coder: who did what to whom, per sentence, in PLOVER terms.

Pure and transparent: the triggers, modes, cues and magnitudes are the YAML files of
``kb/data/events/`` (see :mod:`risktracker.kb.events`), the actors are the mentions the
mention finder already resolved to knowledge-base ids. For each trigger in a sentence:

1. the clause around it is cut at the boundaries of ``cues.yml`` (";", "while", "after",
   ", which" ...), so actors of another clause do not take part;
2. the source is the group of actors nearest before the trigger ("Russia and China have
   renewed"); in the passive ("was sanctioned by", "sanctioned under the EU's") that
   group is the target and the source follows the agent cue; an action of courts or
   police without a named agent ("was sentenced") is the authorities' of the target's
   country; a subject pronoun takes the actors of the sentence before it or, at the
   start of a sentence, the subject of the previous sentence when the number agrees;
3. the target is the first group after the trigger, directly or after one of the
   trigger's prepositions; places ("in Hong Kong") are not targets;
4. "X's" before a nominal trigger is its source, or its target where the trigger says
   so ("China's top arms supplier");
5. negation ("did not", "denied") and modality ("could", "plans to") are read just
   before the trigger; a framing trigger ("threatened to", "urged ... to", "refused to")
   swallows the trigger it frames and takes its mode;
6. compound actors give one event per source and target; several actors acting
   together with no target act on each other ("Russia and China renewed the treaty"
   is CHN->RUS and RUS->CHN).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date

from ..kb import KnowledgeBase
from ..kb.events import EventKnowledge, PatternSpec
from ..models import DateExpression, Event, Mention, Sentence
from .events_actors import Actor, groups, is_location, sentence_actors
from .events_magnitude import MagnitudeFinder
from .events_roles import RoleFinder, Trigger

_PRONOUN = re.compile(r"(?<!\w)(it|they|he|she)(?!\w)")


def _event_id(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "v" + digest[:15]


def _places(mentions: list[Mention], actors: list[Actor]) -> tuple[str | None, ...]:
    """Countries of where things happen in a sentence: places, and actors used as places."""
    found = [m.country for m in mentions if m.kind == "place"]
    found += [a.country for a in actors if is_location(a, ())]
    return tuple(found)


class EventCoder:
    """Compiled once per knowledge base; :meth:`code` is pure."""

    def __init__(self, kb: KnowledgeBase, knowledge: EventKnowledge) -> None:
        self.knowledge = knowledge
        self._specs = knowledge.patterns
        alternatives = []
        for index, spec in enumerate(self._specs):
            forms = "|".join(spec.forms())
            alternatives.append(f"(?P<p{index}>{forms})")
        self._triggers = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
        cues = knowledge.cues
        self._negation = re.compile("|".join(f"(?:{c})" for c in cues.negation))
        self._modality = [
            (name, re.compile("|".join(f"(?:{c})" for c in patterns)))
            for name, patterns in cues.modality.items()
        ]
        self._clause = re.compile("|".join(f"(?:{c})" for c in cues.clause))
        self._modes = [
            (m.id, m.context, re.compile(r"(?<!\w)(?:" + "|".join(m.keywords) + r")(?!\w)"))
            for m in knowledge.modes
        ]
        self._mode_context = {m.id: m.context for m in knowledge.modes}
        self._magnitudes = MagnitudeFinder(knowledge.magnitudes)
        self._kb = kb
        self._roles = RoleFinder(kb, cues)
        self._homographs = frozenset(
            form
            for verb in cues.homographs
            for form in (verb, verb + "s", verb + "es", verb[:-1] + "ies")
        )
        self._determiners = frozenset(cues.determiners)

    # --- the document ----------------------------------------------------------------

    def code(
        self,
        document_id: str,
        sentences: tuple[Sentence, ...],
        mentions: tuple[Mention, ...],
        published: date | None = None,
        dates: tuple[DateExpression, ...] = (),
    ) -> tuple[Event, ...]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        sentence_dates: dict[int, date] = {}
        for expression in dates:
            # a past or present date of the sentence dates its events; a future one does not
            if expression.sentence >= 0 and not expression.future:
                sentence_dates.setdefault(expression.sentence, expression.start)
        events: list[Event] = []
        previous: list[Actor] = []
        for sentence in sentences:
            mentions_here = by_sentence.get(sentence.index, [])
            actors = sentence_actors(sentence.text, mentions_here, sentence.start_char)
            found, subject = self._sentence(
                sentence, actors, previous, _places(mentions_here, actors)
            )
            when = sentence_dates.get(sentence.index, published)
            events.extend(
                replace(e, document_id=document_id, date=when, id=_event_id(document_id, e.id))
                for e in found
            )
            previous = subject
        return tuple(events)

    # --- one sentence ----------------------------------------------------------------

    def _sentence(
        self,
        sentence: Sentence,
        actors: list[Actor],
        previous: list[Actor],
        places: tuple[str | None, ...] = (),
    ) -> tuple[list[Event], list[Actor]]:
        text = sentence.text
        lowered = text.lower()
        if not actors and not (previous and _PRONOUN.search(lowered)):
            return [], []  # no participant can be found: an event needs one
        triggers = [
            Trigger(
                m.start(), m.end(), self._specs[int(m.lastgroup[1:])], text[m.start() : m.end()]
            )
            for m in self._triggers.finditer(lowered)
            if self._is_trigger(text, lowered, m.start(), m.end())
        ]
        actor_groups = groups(text, actors)
        subject = next((g for g in actor_groups if not is_location(g[0], ())), [])
        if not triggers:
            return [], subject
        boundaries = [(m.start(), m.end()) for m in self._clause.finditer(lowered)]
        magnitudes = self._magnitudes.find(lowered)
        swallowed: set[int] = set()
        place_country = next((p for p in places if p), None)
        last_subject: tuple[int, list[Actor]] | None = None
        coded: list[tuple[Trigger, list[Event]]] = []
        for position, trigger in enumerate(triggers):
            if position in swallowed:
                continue
            clause = self._clause_of(trigger, boundaries, len(text))
            spec = trigger.spec
            mode, context, framed_target = spec.mode, ",".join(spec.context), None
            if spec.embeds:
                framed = self._framed(triggers, position, clause)
                if framed is not None:
                    swallowed.add(framed)
                    inner = triggers[framed]
                    mode = mode or inner.spec.mode
                    context = context or ",".join(inner.spec.context)
                    framed_target = inner.end
            if not mode:
                mode = self._mode_in(lowered[clause[0] : clause[1]])
            if not context and mode:
                context = self._mode_context.get(mode, "")
            shared = last_subject if last_subject and last_subject[0] >= clause[0] else None
            sources, targets, source_text, target_text = self._roles.participants(
                text,
                lowered,
                trigger,
                clause,
                actor_groups,
                previous,
                framed_target,
                mode,
                place_country,
                shared,
            )
            if sources:
                last_subject = (trigger.end, sources)
            if sources and (not subject or sources[0].start < 0):
                subject = sources
            before = lowered[max(0, trigger.start - 60) : trigger.start]
            negated = bool(self._negation.search(before))
            modality = next((name for name, rx in self._modality if rx.search(before)), "asserted")
            events = self._events(sentence, trigger, spec, sources, targets)
            events = [
                replace(
                    e,
                    mode=mode or None,
                    context=context or None,
                    negated=negated,
                    modality=modality,
                    source_text=source_text,
                    target_text=target_text,
                )
                for e in events
            ]
            coded.append((trigger, events))
        return self._with_magnitudes(coded, magnitudes), subject

    def _is_trigger(self, text: str, lowered: str, start: int, end: int) -> bool:
        """False for a trigger word that is part of a name ("Anti-Foreign Sanctions Law")
        or a noun homograph of a trigger verb ("a Chinese attack", "sanctions are")."""
        if start > 0 and text[start].isupper() and text[:start].rstrip()[-1:] not in '"“‘(':
            return False
        first = lowered[start:end].split()[0]
        before = lowered[max(0, start - 12) : start].split()
        if first.endswith("ed") and before and before[-1] in ("the", "a", "an", "its", "their"):
            return False  # an adjective: "the banned vigil"
        if first not in self._homographs:
            return True
        words = lowered[max(0, start - 40) : start].split()
        previous = words[-1] if words else ""
        if previous in self._determiners or previous.endswith(("'s", "’s")):
            return False
        capitalised = text[start - len(previous) - 1 : start - 1][:1].isupper()
        if len(words) > 1 and capitalised and words[-2] in self._determiners:
            return False  # "a Chinese attack"
        return not lowered[end:].lstrip().startswith("of ")

    def _clause_of(
        self, trigger: Trigger, boundaries: list[tuple[int, int]], length: int
    ) -> tuple[int, int]:
        start = max((end for begin, end in boundaries if end <= trigger.start), default=0)
        end = min((begin for begin, _ in boundaries if begin >= trigger.end), default=length)
        return start, end

    def _framed(
        self, triggers: list[Trigger], position: int, clause: tuple[int, int]
    ) -> int | None:
        """The trigger a framing trigger governs: the next one, close by, in the clause."""
        here = triggers[position]
        for index in range(position + 1, len(triggers)):
            other = triggers[index]
            if other.start >= clause[1] or other.start - here.end > 70:
                return None
            if not other.spec.embeds and other.spec.type != here.spec.type:
                return index
        return None

    def _mode_in(self, clause: str) -> str:
        for mode_id, _context, pattern in self._modes:
            if pattern.search(clause):
                return mode_id
        return ""

    def _events(
        self,
        sentence: Sentence,
        trigger: Trigger,
        spec: PatternSpec,
        sources: list[Actor],
        targets: list[Actor],
    ) -> list[Event]:
        pairs: list[tuple[Actor | None, Actor | None]] = []
        event_type = spec.type
        if spec.joint_type and not targets and len({s.country for s in sources}) > 1:
            event_type = spec.joint_type
            pairs = [(a, b) for a in sources for b in sources if a.country != b.country]
        elif spec.reciprocal and len(sources) > 1 and not targets:
            pairs = [(a, b) for a in sources for b in sources if a.entity != b.entity]
        elif spec.reciprocal and not sources and len(targets) > 1:
            pairs = [(a, b) for a in targets for b in targets if a.entity != b.entity]
        else:
            for source in sources or [None]:
                for target in targets or [None]:
                    if source is None and target is None:
                        continue
                    if source is not None and target is not None and source.entity == target.entity:
                        continue
                    pairs.append((source, target))
        return [
            Event(
                id=_event_id(
                    sentence.index, trigger.start, event_type, s and s.entity, t and t.entity
                ),
                type=event_type,
                source=s.entity if s else None,
                source_country=s.country if s else None,
                target=t.entity if t else None,
                target_country=t.country if t else None,
                sentence=sentence.index,
                sentence_text=sentence.text,
                text=trigger.text,
                start_char=sentence.start_char + trigger.start,
                end_char=sentence.start_char + trigger.end,
            )
            for s, t in pairs
        ]

    def _with_magnitudes(self, coded, magnitudes) -> list[Event]:  # noqa: ANN001
        """Attach each magnitude to the nearest trigger, then drop events another event
        of the sentence says more precisely (same type, a subset of its actors)."""
        if magnitudes and coded:
            attached: dict[int, list] = {}
            for position, magnitude in magnitudes:
                nearest = min(range(len(coded)), key=lambda i: abs(coded[i][0].start - position))
                attached.setdefault(nearest, []).append(magnitude)
            coded = [
                (trigger, [replace(e, magnitudes=tuple(attached.get(i, ()))) for e in events])
                for i, (trigger, events) in enumerate(coded)
            ]
        events = [e for _, events in coded for e in events]
        kept = []
        for event in events:
            if any(
                other is not event
                and other.type == event.type
                and event.source in (None, other.source)
                and event.target in (None, other.target)
                and (other.source, other.target) != (event.source, event.target)
                for other in events
            ):
                continue
            if any(
                k.type == event.type and (k.source, k.target) == (event.source, event.target)
                for k in kept
            ):
                continue
            kept.append(event)
        return kept
