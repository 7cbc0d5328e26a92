"""The temporal tagger: date expressions in English and Chinese, normalised to ranges.

Pure and model-free: the compiled patterns of :mod:`.dates_patterns` find candidates in
each sentence, the longest non-overlapping ones win, and a resolver per shape turns them
into an inclusive (start, end) range anchored on the document date. A year left out is
filled in from the sentence's tense: forward-looking sentences take the first such date
that has not passed, past ones the last that has, others the nearest. A candidate that
names an impossible date ("February 30") yields nothing and keeps shorter readings of
the same words from inventing one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..models import DateExpression, Sentence
from . import dates_patterns as p
from .dates_resolve import NotADate, resolve
from .sentences import split_sentences

_BARE_MONTH_NEEDS_CONTEXT = frozenset({"may", "march"})
_FULL_MONTHS = frozenset(calendar.month_name[i].lower() for i in range(1, 13))


def _acceptable(kind: str, match: re.Match[str]) -> bool:
    """Readings too ambiguous to take without context ("May" the verb, "a fall in")."""
    g = match.groupdict()
    if kind == "month" and not (g.get("pre") or g.get("rel") or g.get("y")):
        name = g["m1"].lower()
        return name in _FULL_MONTHS and name not in _BARE_MONTH_NEEDS_CONTEXT
    if kind == "season" and not (g.get("pre") or g.get("rel") or g.get("part") or g.get("y")):
        return False
    if kind == "season":
        # "The Winter Olympics", "the Summer Palace": a capitalised name, not a season
        after = match.string[match.end() : match.end() + 2]
        if g["season"][0].isupper() and re.match(r"\s[A-Z]", after) and not g.get("y"):
            return False
        # "fall" is a verb or a noun far more often than a season: "the fall" needs "in"
        rel = (g.get("rel") or "").lower()
        if g["season"].lower() == "fall" and not (g.get("part") or g.get("y")):
            return rel not in ("", "the") or (rel == "the" and bool(g.get("pre")))
    return True


_CLAUSE_BREAK = re.compile(r"[;:，；]|,\s|\s[–—-]\s")


def _clause(text: str, start: int, end: int) -> tuple[int, str]:
    """The clause around text[start:end] and where it begins: tense is read there first
    ("due to release X, based on conclusions adopted in April" puts April in the past)."""
    floor = max(0, start - TENSE_REACH)
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, floor, start)), default=floor)
    right = _CLAUSE_BREAK.search(text, end, end + TENSE_REACH)
    return left, text[left : right.start() if right else min(len(text), end + TENSE_REACH)]


def _tense(text: str, start: int = 0, end: int = 0) -> int:
    """+1 forward-looking, -1 past, 0 unknown: the cue word nearest to text[start:end]
    decides ("said on Tuesday that it will ..." puts Tuesday in the past)."""
    best: tuple[int, int] | None = None
    previous = ""
    for word in p.TENSE_WORD.finditer(text.lower()):
        token = word.group()
        sign = 0
        future = token in p.FUTURE_WORDS or token in p.FUTURE_CHARS
        if future or (previous, token) in p.FUTURE_PAIRS:
            sign = 1
        elif previous not in p.PASSIVE_BEFORE and (
            token in p.PAST_WORDS or (len(token) > 4 and token.endswith("ed"))
        ):
            sign = -1
        previous = token
        if sign:
            distance = max(word.start() - end, start - word.end(), 0)
            if best is None or distance < best[0] or (distance == best[0] and sign > 0):
                best = (distance, sign)
    return best[1] if best else 0


WINDOW_REACH = 28  # characters an expression reaches beyond the word that triggers it
TENSE_REACH = 300  # characters around an expression read for its tense


class _LazyTense:
    """The tense around an expression, read only when a missing year or a weekday needs
    it (most expressions name their year or need none): compares like +1, 0 or -1."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end
        self._value: int | None = None

    @property
    def value(self) -> int:
        if self._value is None:
            text, start, end = self._text, self._start, self._end
            left, clause = _clause(text, start, end)
            near = max(0, start - TENSE_REACH)
            self._value = _tense(clause, start - left, end - left) or _tense(
                text[near : end + TENSE_REACH], start - near, end - near
            )
        return self._value

    def __gt__(self, other: int) -> bool:
        return self.value > other

    def __lt__(self, other: int) -> bool:
        return self.value < other


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of ``text`` around the words a date needs (digits, month names, "year"),
    with the kinds of those words: the patterns that need them run there only, so a long
    sentence without dates costs one scan."""
    windows: list[tuple[int, int, set[str]]] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters change length when lower-cased
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for trigger in p.TRIGGER.finditer(lowered):
        low = max(0, trigger.start() - WINDOW_REACH)
        high = min(len(text), trigger.end() + WINDOW_REACH)
        kind = p.trigger_kind(trigger.group())
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high, windows[-1][2])
            windows[-1][2].add(kind)
        else:
            windows.append((low, high, {kind}))
    return windows


def tag_sentence(
    text: str, anchor: date | None, offset: int = 0, index: int = -1
) -> list[DateExpression]:
    """Date expressions of one sentence; ``offset`` is its position in the document."""
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    seen: set[tuple[int, int, str]] = set()
    for low, high, kinds in _windows(text):
        for kind, pattern in p.PATTERNS:
            if kinds.isdisjoint(p.NEEDS[kind]):
                continue
            for match in pattern.finditer(text, low, high):
                if not _acceptable(kind, match):
                    continue
                start, end = match.span("x") if "x" in pattern.groupindex else match.span()
                if end > start and (start, end, kind) not in seen:
                    seen.add((start, end, kind))
                    candidates.append((start, end, kind, match))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    found: list[DateExpression] = []
    taken_until = -1
    for start, end, kind, match in candidates:
        if start < taken_until:
            continue
        taken_until = end  # an invalid candidate still blocks shorter readings of its words
        tense = _LazyTense(text, start, end)
        try:
            (first, last), precision = resolve(kind, match.groupdict(), anchor, tense)
        except (NotADate, ValueError, KeyError, OverflowError):
            continue
        found.append(
            DateExpression(
                text=text[start:end],
                start_char=offset + start,
                end_char=offset + end,
                start=first,
                end=last,
                precision=precision,
                future=anchor is not None and last > anchor,
                sentence=index,
            )
        )
    return found


def tag_dates(
    text: str, anchor: date | None, sentences: tuple[Sentence, ...] | None = None
) -> tuple[DateExpression, ...]:
    """Every date expression of ``text``, anchored on the document date ``anchor``.

    Without an anchor only expressions that name their year are kept.
    """
    if sentences is None:
        sentences = split_sentences(text)
    found: list[DateExpression] = []
    for sentence in sentences:
        found.extend(tag_sentence(sentence.text, anchor, sentence.start_char, sentence.index))
    return tuple(found)
