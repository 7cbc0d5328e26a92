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


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _previous_word(lowered: str, position: int) -> str:
    """The word of TENSE_WORD (a run of [a-z'] or one Chinese character) last before
    ``position``, or "" at the start: what a word-by-word reading would have just read."""
    j = position
    while j and not (
        "a" <= lowered[j - 1] <= "z" or lowered[j - 1] == "'" or _is_cjk(lowered[j - 1])
    ):
        j -= 1
    if not j:
        return ""
    if _is_cjk(lowered[j - 1]):
        return lowered[j - 1]
    k = j - 1
    while k and ("a" <= lowered[k - 1] <= "z" or lowered[k - 1] == "'"):
        k -= 1
    return lowered[k:j]


def _tense(text: str, start: int = 0, end: int = 0) -> int:
    """+1 forward-looking, -1 past, 0 unknown: the cue word nearest to text[start:end]
    decides ("said on Tuesday that it will ..." puts Tuesday in the past).

    The words of ``p.TENSE_WORD`` are read in order, each with the word before it; only
    the few that can be cues are visited (``p.TENSE_CUE``), their previous word found by
    looking back."""
    best: tuple[int, int] | None = None
    lowered = text.lower()
    for word in p.TENSE_CUE.finditer(lowered):
        token = word.group()
        if token in p.FUTURE_WORDS or token in p.FUTURE_CHARS:
            sign = 1
        else:
            previous = _previous_word(lowered, word.start())
            if (previous, token) in p.FUTURE_PAIRS:
                sign = 1
            elif previous not in p.PASSIVE_BEFORE and (
                token in p.PAST_WORDS or (len(token) > 4 and token.endswith("ed"))
            ):
                sign = -1
            else:
                continue
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
    size, kinds_of = len(text), p.TRIGGER_KIND
    for trigger in p.TRIGGER.finditer(lowered):
        start, end = trigger.span()
        low = max(0, start - WINDOW_REACH)
        high = min(size, end + WINDOW_REACH)
        word = trigger.group()
        kind = kinds_of.get(word) or p.trigger_kind(word)  # words first: most triggers
        if windows and low <= windows[-1][1]:
            last = windows[-1]
            windows[-1] = (last[0], high, last[2])
            last[2].add(kind)
        else:
            windows.append((low, high, {kind}))
    return windows


# The kinds whose readings _acceptable may refuse; every other kind is taken as matched.
_CHECKED_KINDS = frozenset({"month", "season"})
# (kind, pattern, whether the group "x" marks the expression, whether to check it)
_Plan = tuple[tuple[str, re.Pattern[str], bool, bool], ...]
_PLANS: dict[frozenset[str], _Plan] = {}


def _also(kind: str, kinds: frozenset[str]) -> bool:
    also = p.ALSO_NEEDS.get(kind)
    return also is None or not kinds.isdisjoint(also)


def _plan(kinds: frozenset[str]) -> _Plan:
    """The patterns a stretch with trigger words of these kinds runs, in PATTERNS order
    (built once per combination of kinds: there are few)."""
    plan = _PLANS.get(kinds)
    if plan is None:
        plan = _PLANS[kinds] = tuple(
            (kind, pattern, "x" in pattern.groupindex, kind in _CHECKED_KINDS)
            for kind, pattern in p.PATTERNS
            if not kinds.isdisjoint(p.NEEDS[kind]) and _also(kind, kinds)
        )
    return plan


def _count_month_names(text: str, low: int, high: int, kinds: set[str]) -> None:
    """Every month pattern holds a capitalised month name, a range of months two of them:
    a stretch with only lower-case look-alikes ("may", "declared", "market") loses the
    kind "month" and skips all ten; one with two or more names gains "month2"."""
    names = p.MONTH_NAME.finditer(text, low, high)
    if next(names, None) is None:
        kinds.discard("month")
    elif next(names, None) is not None:
        kinds.add("month2")


def tag_sentence(
    text: str, anchor: date | None, offset: int = 0, index: int = -1
) -> list[DateExpression]:
    """Date expressions of one sentence; ``offset`` is its position in the document."""
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    seen: set[tuple[int, int, str]] = set()
    for low, high, kinds in _windows(text):
        if "month" in kinds:
            _count_month_names(text, low, high, kinds)
        for kind, pattern, marked, checked in _plan(frozenset(kinds)):
            for match in pattern.finditer(text, low, high):
                if checked and not _acceptable(kind, match):
                    continue
                start, end = match.span("x") if marked else match.span()
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
