"""Mentions of knowledge-base entries, found with one Aho-Corasick automaton.

Rules, in the order they apply:
- every alias (English and Chinese), demonym and capital of the knowledge base is a key;
  the automaton runs over a lower-cased copy of the text (same offsets);
- a Latin-script match must sit on word boundaries; a Chinese alias needs none;
- case: an alias of at most four letters or written in capitals (``US``, ``PLA``, ``Xi``)
  must match exactly; a longer capitalised alias must start with a capital in the text,
  so the country ``Turkey`` is found but the bird ``turkey`` is not;
- overlapping matches resolve to the leftmost, then longest (``South China Sea`` wins over
  ``China``);
- a capital is a metonym for its state (``Beijing said``) unless a place preposition
  precedes it (``in Beijing``), in which case it is a place mention of that state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import ahocorasick

from ..kb import KnowledgeBase
from ..models import Mention, Sentence

_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|to|from|near|outside|around|visited|visit)\s+$", re.I)


TITLE_WORDS = frozenset(
    """president vice premier prime minister foreign defense defence finance commerce state
    secretary chancellor general chairman chairwoman chair chief executive deputy
    spokesperson spokesman spokeswoman governor senator ambassador admiral high
    representative councillor commissioner director leader supreme king queen mr mrs ms
    dr former party us u.s. first lady speaker envoy special minister-president""".split()
)


@dataclass(frozen=True)
class _Target:
    alias: str
    entity: str
    kind: str  # actor | place
    type: str
    country: str | None
    exact_case: bool
    is_capital: bool = False
    trim: int = 0  # characters of a leading title to leave out of the span
    cjk: bool = False  # Chinese aliases need no word boundaries


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _exact_case(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 4 or alias.isupper()


def _title_length(alias: str, names: tuple[str, ...]) -> int:
    """Length of a title before a name: "Foreign Minister Wang Yi" is found as a whole
    (the title helps) but its span is "Wang Yi" when that is also a name of the actor."""
    for name in names:
        if name != alias and alias.endswith(" " + name):
            prefix = alias[: -len(name)].split()
            if all(word.lower().strip(".") in TITLE_WORDS for word in prefix):
                return len(alias) - len(name)
    return 0


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (such as "İ") grow when lower-cased; keep offsets aligned.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class MentionFinder:
    """Built once per knowledge base; ``find`` is pure and safe to call from many processes."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._automaton = ahocorasick.Automaton()
        keyed: dict[str, list[_Target]] = {}

        def add(alias: str, target: _Target) -> None:
            alias = alias.strip()
            if alias:
                keyed.setdefault(alias.lower(), []).append(replace(target, cjk=_is_cjk(alias)))

        for actor in kb.actors:
            country = actor.country or None
            names = (actor.name, *actor.aliases, *actor.demonyms, *actor.aliases_zh)
            for alias in names:
                target = _Target(alias, actor.id, "actor", actor.type, country, _exact_case(alias))
                add(alias, replace(target, trim=_title_length(alias, names)))
            if actor.capital:
                add(
                    actor.capital,
                    _Target(actor.capital, actor.id, "actor", actor.type, country, False, True),
                )
        for place in kb.places:
            country = place.country or None
            for alias in (place.name, *place.aliases, *place.aliases_zh):
                add(
                    alias,
                    _Target(alias, place.id, "place", place.type, country, _exact_case(alias)),
                )
        for key, targets in keyed.items():
            # The same alias under several entries: the first loaded wins, deterministically.
            self._automaton.add_word(key, (len(key), targets))
        self._automaton.make_automaton()
        self.size = len(keyed)

    def _accept(self, text: str, start: int, end: int, target: _Target) -> bool:
        if target.cjk:
            return True
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            return False
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            return False
        if target.exact_case:
            return text[start:end] == target.alias
        # A proper name must be capitalised in the text; a lower-case alias ("the Taliban",
        # "maritime militia") may start a sentence.
        return not target.alias[0].isupper() or text[start].isupper()

    def find(self, text: str, sentences: tuple[Sentence, ...] = ()) -> tuple[Mention, ...]:
        lowered = _lower_same_length(text)
        candidates: list[tuple[int, int, _Target]] = []
        for last, (length, targets) in self._automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            for target in targets:
                if self._accept(text, start, end, target):
                    candidates.append((start, end, target))
                    break
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        mentions: list[Mention] = []
        last_end = -1
        sentence_ends = [s.end_char for s in sentences]
        index = 0
        for start, end, target in candidates:
            if start < last_end:
                continue
            last_end = end
            start += target.trim
            while index < len(sentence_ends) and sentence_ends[index] <= start:
                index += 1
            kind, kind_type = target.kind, target.type
            if target.is_capital and _PLACE_PREPOSITION.search(text[max(0, start - 12) : start]):
                kind, kind_type = "place", "capital"
            mentions.append(
                Mention(
                    text=text[start:end],
                    start_char=start,
                    end_char=end,
                    entity=target.entity,
                    kind=kind,
                    type=kind_type,
                    country=target.country,
                    sentence=min(index, max(len(sentences) - 1, 0)),
                )
            )
        return tuple(mentions)
