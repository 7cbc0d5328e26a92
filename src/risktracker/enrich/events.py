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
   is CHN->RUS and RUS->CHN);
7. actors written as common nouns ("police in Shanghai", "Chinese regulators") take
   their country from the context (:mod:`.events_common`); a trigger marked `reverse`
   swaps the roles ("Serbia received Chinese missiles"), one marked `place_target`
   takes a place after it as its target ("visited Taipei").

Sentences are first scanned for triggers (:mod:`.events_scan`, only where one can
begin); the many sentences without one cost a scan and the subject they pass on.
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
from .events_common import CommonActors, document_country
from .events_magnitude import MagnitudeFinder
from .events_roles import RoleFinder, Trigger
from .events_scan import TriggerScanner

_PRONOUN = re.compile(r"(?<!\w)(it|they|he|she)(?!\w)")
_LOOSE_PREPS = frozenset({"of", "for", "about", "on", "over", "from"})
# "visited Taipei", "arrived in Moscow", "banned imports of cotton from Xinjiang"
_PLACE_GAP = re.compile(
    r"^\s*(?:(?:[\w,'’-]+\s+){0,6}?(?:in|to|at|from)\s+)?(?:the\s+)?(?:city\s+of\s+)?$"
)


def _event_id(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "v" + digest[:15]


def _place_spans(
    mentions: list[Mention], actors: list[Actor], offset: int
) -> tuple[tuple[int, int, str], ...]:
    """Where the places of a sentence are written, with their countries, in order."""
    spans = [
        (m.start_char - offset, m.end_char - offset, m.country)
        for m in mentions
        if m.kind == "place" and m.country
    ]
    spans += [(a.start, a.end, a.country) for a in actors if a.country and is_location(a, ())]
    return tuple(sorted(spans))


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
        # one group p{i} per trigger entry; a phrase may end on its following space
        # ("sign "): that space is its end boundary
        self._scanner = TriggerScanner(
            [list(spec.forms()) for spec in self._specs],
            r"(?<![\w-])",
            r"(?:(?<=\s)|(?![\w-]))",
        )
        self._triggers = self._scanner.pattern
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
        self._common = CommonActors(kb, knowledge.common_actors)
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
        home = document_country(mentions)
        for sentence in sentences:
            mentions_here = by_sentence.get(sentence.index, [])
            # most sentences have no trigger: they only give the subject a pronoun of the
            # next sentence may refer to, and need no common nouns nor places
            matches = list(self._scanner.finditer(sentence.text.lower()))
            common = (
                self._common.find(sentence.text, mentions_here, sentence.start_char, home)
                if matches
                else []
            )
            actors = sentence_actors(sentence.text, mentions_here, sentence.start_char, common)
            found, subject = self._sentence(
                sentence,
                actors,
                previous,
                matches,
                _places(mentions_here, actors) if matches else (),
                _place_spans(mentions_here, actors, sentence.start_char) if matches else (),
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
        matches: list[re.Match[str]],
        places: tuple[str | None, ...] = (),
        place_spans: tuple[tuple[int, int, str], ...] = (),
    ) -> tuple[list[Event], list[Actor]]:
        text = sentence.text
        lowered = text.lower()
        if not actors and not (previous and _PRONOUN.search(lowered)):
            return [], []  # no participant can be found: an event needs one
        triggers = []
        for match in matches:
            start, end = match.start(), match.start() + len(match.group().rstrip())
            if self._is_trigger(text, lowered, start, end):
                spec = self._specs[int(match.lastgroup[1:])]
                triggers.append(Trigger(start, end, spec, text[start:end]))
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
            mode, context, framed_target, framed_start = (
                spec.mode,
                ",".join(spec.context),
                None,
                None,
            )
            if spec.embeds:
                framed = self._framed(triggers, position, clause)
                if framed is not None:
                    swallowed.add(framed)
                    inner = triggers[framed]
                    mode = mode or inner.spec.mode
                    context = context or ",".join(inner.spec.context)
                    framed_target, framed_start = inner.end, inner.start
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
                framed_start,
            )
            if spec.reverse:  # "Serbia received Chinese missiles": the supplier gives
                after = targets and targets[0].start >= trigger.end
                if after and targets[0].prep not in spec.object_preps:
                    targets = []  # "would face sanctions if it attacked Taiwan"
                sources, targets = targets, sources
                source_text, target_text = target_text, source_text
            if spec.place_target and not targets and len(sources) == 1:
                targets = self._place_after(text, lowered, trigger, clause, place_spans, sources)
                target_text = text[targets[0].start : targets[0].end] if targets else target_text
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

    def _place_after(
        self,
        text: str,
        lowered: str,
        trigger: Trigger,
        clause: tuple[int, int],
        place_spans: tuple[tuple[int, int, str], ...],
        sources: list[Actor],
    ) -> list[Actor]:
        """The place a visit goes to, as the actor of its country ("visited Taipei")."""
        for start, end, country in place_spans:
            if start < trigger.end or start >= clause[1]:
                continue
            if not _PLACE_GAP.match(lowered[trigger.end : start]):
                return []
            if country == sources[0].country or country not in self._kb.by_id:
                return []
            return [Actor(start, end, country, country, "state", text[start:end], False, "")]
        return []

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
        if (
            spec.reciprocal
            and len(sources) > 1
            and targets
            and targets[0].prep in _LOOSE_PREPS
            and targets[0].prep not in spec.object_preps
        ):
            # "Serbia and China signed a deal for the purchase of Chinese vaccines": a
            # complement, not a party; the signatories act on each other
            targets = []
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
        kept: list[Event] = []
        dropped: list[Event] = []
        for event in events:
            if any(
                other is not event
                and other.type == event.type
                and event.source in (None, other.source)
                and event.target in (None, other.target)
                and (other.source, other.target) != (event.source, event.target)
                for other in events
            ) or any(
                k.type == event.type and (k.source, k.target) == (event.source, event.target)
                for k in kept
            ):
                dropped.append(event)
                continue
            kept.append(event)
        # a magnitude said of a dropped event ("25 planes had entered ..., the largest
        # incursion") belongs to the event that says the same more precisely
        for event in dropped:
            for index, k in enumerate(kept):
                if (
                    event.magnitudes
                    and k.type == event.type
                    and event.source in (None, k.source)
                    and event.target in (None, k.target)
                ):
                    kinds = {m.kind for m in k.magnitudes}
                    extra = tuple(m for m in event.magnitudes if m.kind not in kinds)
                    kept[index] = replace(k, magnitudes=k.magnitudes + extra)
        return kept
