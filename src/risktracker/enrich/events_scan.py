"""Finding trigger matches fast: try the big trigger expression only where one can start.

The trigger expression of the event coder is one alternation of some hundreds of verb
forms and phrases; Python's engine tries every alternative at every position of every
sentence, which is most of the coder's time. Each trigger starts with a few known
letters ("sanction" with "san", "(?:held|hold) talks" with "hel" or "hol"), so we list,
from the parsed expressions, the first three characters a match can begin with, and
try the expression only at word starts that begin so. The matches are the same as
``pattern.finditer`` (leftmost, non-overlapping); when some form can begin with
something we cannot list (a character class, a wildcard), the scanner falls back to
``finditer`` on every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser of the standard library's engine (private, stable since 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_WIDTH = 3
_WORD_START = re.compile(r"(?<![\w-])\w")
_SKIPPED = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


class _Unknown(Exception):
    """A form can begin with something we do not list."""


def _expand(seq: list, prefix: str, budget: list[int]) -> set[str]:
    """The first characters (up to ``_WIDTH``) of what ``seq`` matches after ``prefix``."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Unknown
    if len(prefix) >= _WIDTH:
        return {prefix[:_WIDTH]}
    if not seq:
        return {prefix}
    op, av = seq[0]
    rest = list(seq[1:])
    if op is _c.LITERAL:
        return _expand(rest, prefix + chr(av), budget)
    if op in _SKIPPED:
        return _expand(rest, prefix, budget)
    if op is _c.SUBPATTERN:
        return _expand(list(av[-1]) + rest, prefix, budget)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _expand(list(alternative) + rest, prefix, budget)
        return out
    if op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in av):
        out = set()
        for _, code in av:
            out |= _expand(rest, prefix + chr(code), budget)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, inner = av
        out = set()
        if low == 0:
            out |= _expand(rest, prefix, budget)
        if high != 0:
            again = [(op, (max(low - 1, 0), high if high is _c.MAXREPEAT else high - 1, inner))]
            repeat = again if (high is _c.MAXREPEAT or high > 1) else []
            out |= _expand(list(inner) + repeat + rest, prefix, budget)
        return out
    raise _Unknown


def starts(form: str) -> set[str] | None:
    """The lower-case beginnings (up to three characters) of every match of ``form``, or
    None when they cannot be listed."""
    try:
        found = _expand(list(_sre_parse.parse(form)), "", [5000])
    except (_Unknown, RecursionError, re.error):
        return None
    if any(not s or not (s[0].isalnum() or s[0] == "_") for s in found):
        return None  # a match could begin with something other than a word character
    return found


class TriggerScanner:
    """``finditer`` of the trigger expression, tried only where a trigger can begin.

    ``forms[i]`` are the forms of trigger group ``p{i}``; the whole expression is
    ``before (?:(?P<p0>...)|(?P<p1>...)|...) after``. At a word start, only the forms
    that can begin with its first three characters are tried, in their order: the same
    alternative wins as in the whole expression, since no other one could match there.
    """

    def __init__(self, forms: list[list[str]], before: str, after: str) -> None:
        self._before, self._after = before, after
        self.pattern = self._compile([list(enumerate(group)) for group in forms])
        by_head: dict[str, list[list[tuple[int, str]]]] = {}
        self._by_head: dict[str, re.Pattern[str]] | None = {}
        for index, group in enumerate(forms):
            for position, form in enumerate(group):
                found = starts(form)
                if found is None or any(len(b) < _WIDTH for b in found):
                    self._by_head = None  # cannot list them all: try everywhere
                    return
                for head in found:
                    groups = by_head.setdefault(head, [[] for _ in forms])
                    groups[index].append((position, form))
        self._by_head = {head: self._compile(groups) for head, groups in by_head.items()}

    def _compile(self, groups: list[list[tuple[int, str]]]) -> re.Pattern[str]:
        alternatives = [
            f"(?P<p{index}>" + "|".join(form for _, form in group) + ")"
            for index, group in enumerate(groups)
            if group
        ]
        return re.compile(self._before + "(?:" + "|".join(alternatives) + ")" + self._after)

    def finditer(self, lowered: str) -> Iterator[re.Match[str]]:
        if self._by_head is None:
            yield from self.pattern.finditer(lowered)
            return
        end = 0
        by_head = self._by_head
        for word in _WORD_START.finditer(lowered):
            position = word.start()
            if position < end:
                continue
            pattern = by_head.get(lowered[position : position + _WIDTH])
            if pattern is None:
                continue
            found = pattern.match(lowered, position)
            if found is not None:
                end = found.end() if found.end() > position else position + 1
                yield found
