"""The participants of one sentence, as the event coder sees them.

From the actor mentions of a sentence this module keeps those that can take part in an
event and groups the ones written together ("Russia and China", "the US, Japanese and
French navies"). Rules, in order:

- a mention glued to a hyphen ("Sino-Russian", "US-China") is part of a compound
  adjective, not a participant;
- "China's Foreign Minister Wang Yi", "Chinese President Xi": a mention followed closely
  by a mention of the same country is folded into the later, more specific one;
- "Wang Yi, China's foreign minister,": a state or organisation in an apposition right
  after a person describes that person;
- a mention after a place preposition ("in Hong Kong") is a location; it can still be a
  target when the trigger takes that preposition ("incursion into Taiwanese airspace");
- "X's" marks a possessor, which a trigger may read as its source or its target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Mention

_CONNECTOR = re.compile(
    r"^\s*(?:,|,?\s*and|&|,?\s*or|,?\s*as well as|,?\s*along with|,?\s*together with"
    r"|,?\s*and (?:his|her|its|their) (?:[\w-]+ ){0,2}?)"
    r"\s*(?:(?:the|a|both)\s+(?:[\w-]+\s+){0,2})?$"
)
# "China's Foreign Minister", "German researcher", "Chinese drone maker": a short noun
# phrase, without prepositions, conjunctions or verbs (a word in -ed, an auxiliary)
_FOLD_GAP = re.compile(
    r"^(?:['’]s)?\s+(?:(?!(?:and|or|with|to|from|of|in|on|at|by|for|against|as|than|is|are|was"
    r"|were|has|have|had|will|would|could|may|said|says|met|told|also|not)\s)(?![\w-]+ed\s)"
    r"[\w.-]+\s+){0,4}$"
)
_APPOSITION_GAP = re.compile(r"^,\s*(?:the\s+|a\s+)?$")
_POSSESSIVE = re.compile(r"^['’]s?(?!\w)")
_PREP_BEFORE = re.compile(r"([a-z]+)\s+(?:the\s+|its\s+|their\s+|a\s+)?$")
LOCATION_PREPS = frozenset(
    "in at near across around inside outside throughout off within over from into under".split()
)


@dataclass(frozen=True)
class Actor:
    start: int  # offsets within the sentence
    end: int
    entity: str
    country: str | None
    type: str
    text: str
    possessive: bool
    prep: str  # the preposition right before it, lower case ("" when none)


def actor_at(
    sentence: str,
    start: int,
    end: int,
    entity: str,
    country: str | None,
    kind: str,
    text: str | None = None,
) -> Actor:
    """The participant written at ``sentence[start:end]``, with its possessive mark and
    the preposition before it."""
    before = sentence[max(0, start - 24) : start].lower()
    prep = _PREP_BEFORE.search(before)
    return Actor(
        start=start,
        end=end,
        entity=entity,
        country=country,
        type=kind,
        text=sentence[start:end] if text is None else text,
        possessive=bool(_POSSESSIVE.match(sentence[end : end + 3])),
        prep=prep.group(1) if prep else "",
    )


def sentence_actors(
    sentence: str, mentions: list[Mention], offset: int, extra: list[Actor] | None = None
) -> list[Actor]:
    """The participants among a sentence's actor mentions (see the module docstring),
    with ``extra`` actors found otherwise (common nouns such as "police")."""
    actors: list[Actor] = list(extra or ())
    for mention in mentions:
        if mention.kind != "actor":
            continue
        start, end = mention.start_char - offset, mention.end_char - offset
        if (start > 0 and sentence[start - 1] == "-") or sentence[end : end + 1] == "-":
            continue
        actors.append(
            actor_at(
                sentence, start, end, mention.entity, mention.country, mention.type, mention.text
            )
        )
    actors.sort(key=lambda a: a.start)
    kept: list[Actor] = []
    for actor in actors:
        if kept:
            last = kept[-1]
            gap = sentence[last.end : actor.start]
            if last.entity == actor.entity and not gap.strip(" ()[],"):
                continue  # "United Nations Security Council (UNSC)"
            if last.country and last.country == actor.country and _FOLD_GAP.match(gap):
                # "Chinese President Xi": keep the specific one, spanning the whole phrase
                kept[-1] = replace(actor, start=last.start, prep=last.prep)
                continue
            if last.type == "person" and actor.type != "person" and _APPOSITION_GAP.match(gap):
                continue  # an apposition describing the person
        kept.append(actor)
    return kept


def groups(sentence: str, actors: list[Actor]) -> list[list[Actor]]:
    """Runs of actors joined by "and", commas, "as well as" and the like."""
    result: list[list[Actor]] = []
    # joined by "and", "or"... or a list of persons; a lone comma between a person and
    # something else is an apposition
    coordinated: list[bool] = []
    for actor in actors:
        if result:
            last = result[-1][-1]
            gap = sentence[last.end : actor.start]
            if last.possessive:
                gap = gap[2:] if gap[:2] in ("'s", "’s") else gap[1:]
            if _CONNECTOR.match(gap):
                result[-1].append(actor)
                alike = (last.type == "person") == (actor.type == "person")
                coordinated[-1] = coordinated[-1] or gap.strip() != "," or alike
                continue
        result.append([actor])
        coordinated.append(False)
    split: list[list[Actor]] = []
    for group, joined in zip(result, coordinated, strict=True):
        split.extend([group] if joined or len(group) == 1 else [[a] for a in group])
    return split


def is_location(actor: Actor, object_preps: tuple[str, ...]) -> bool:
    """True when the actor is where something happened rather than who took part."""
    # "under the EU's regime", "into Taiwan's airspace": a possessor is not the place
    return not actor.possessive and actor.prep in LOCATION_PREPS and actor.prep not in object_preps
