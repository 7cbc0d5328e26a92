"""What to watch: sentences that announce a dated future happening become watch items.

Built on the temporal tagger's expressions (``Enrichment.dates``). A sentence yields
items when it has a date that lies after the document date (and within two years) and
an announcement cue ("will", "is due to", "expected", "takes effect"; ``kb/data/watch.yml``)
or when it is a dated heading ("October 30-31: The G20 summit ..."), the shape of a
tracker's own calendar. Within a sentence, a narrower date that follows a broader one
it falls inside ("late summer, most likely near the end of August") refines it instead
of starting a new item. Items of the sentences under a dated heading, up to the next
line, are nested in the heading's item. Confidence comes from the cues of the date's
clause, then of its sentence: rumoured, estimated, or confirmed (the default for a
plain "will" or a calendar entry).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import date, timedelta

from ..models import DateExpression, Enrichment, Sentence, WatchItem
from .watch_cues import WatchCues, load_cues

HORIZON = timedelta(days=730)  # beyond two years a date is a goal, not an item to watch
LABEL_CHARS = 140

_BULLET = " \t•·*◦▪‣-–—>"
_HEADING_END = re.compile(r"\s*(?::|\s[-–—]\s)")
_CLAUSE_BREAK = re.compile(r"[;:，；]|,\s|\s[–—-]\s")
_CONNECTIVE = re.compile(
    r"^(?:which|who|and|but|while|when|where|that|then|as|with|after|before)\b\s*", re.I
)
_PREPOSITION = re.compile(
    r"\b(?:on|in|at|by|from|during|until|till|for|around|about|between|through|of|most"
    r"|likely|probably|possibly|as early as|as late as|no later than|not before)\s*$"
    r"|(?:将于|于|在|到)\s*$",
    re.I,
)


def _item_id(document_id: str, start_char: int) -> str:
    return "w" + hashlib.sha256(f"{document_id}:{start_char}".encode()).hexdigest()[:15]


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _starts_line(text: str, sentence: Sentence) -> bool:
    return not text[_line_start(text, sentence.start_char) : sentence.start_char].strip(_BULLET)


def _heading_date(sentence: Sentence, expressions: list[DateExpression]) -> DateExpression | None:
    """The date a sentence opens with, followed by a colon or a dash: a calendar entry."""
    first = expressions[0]
    lead = sentence.text[: first.start_char - sentence.start_char]
    if lead.strip(_BULLET):
        return None
    rest = sentence.text[first.end_char - sentence.start_char :]
    return first if _HEADING_END.match(rest) else None


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = _CLAUSE_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def _happenings(
    sentence: Sentence, expressions: list[DateExpression]
) -> list[tuple[DateExpression, DateExpression]]:
    """(first expression, chosen expression) per happening: a narrower date right after a
    broader one that holds it refines it."""
    groups: list[tuple[DateExpression, DateExpression]] = []
    for expression in expressions:
        if groups:
            first, chosen = groups[-1]
            between = sentence.text[
                chosen.end_char - sentence.start_char : expression.start_char - sentence.start_char
            ]
            inside = chosen.start <= expression.start and expression.end <= chosen.end
            narrower = (expression.end - expression.start) < (chosen.end - chosen.start)
            if inside and narrower and len(between.split()) <= 4 and ";" not in between:
                groups[-1] = (first, expression)
                continue
        groups.append((expression, expression))
    return groups


def _join(before: str, after: str) -> str:
    """The words around a removed date; Chinese needs no space between them."""
    before, after = before.rstrip(), after.lstrip()
    cjk = before[-1:] >= "\u3000" and after[:1] >= "\u3000"
    return before + ("" if cjk else " ") + after


def _clean_label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-–—•·*。，；：")
    text = _CONNECTIVE.sub("", text).strip(" ,;:.-–—。，；：")
    if len(text) > LABEL_CHARS:
        text = text[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return text[:1].upper() + text[1:]


def _label(sentence: Sentence, first: DateExpression, chosen: DateExpression, heading: bool) -> str:
    text, base = sentence.text, sentence.start_char
    if heading:
        rest = text[chosen.end_char - base :]
        return _clean_label(rest[_HEADING_END.match(rest).end() :]) or _clean_label(text)
    left, _ = _clause_bounds(text, first.start_char - base, first.end_char - base)
    _, right = _clause_bounds(text, chosen.start_char - base, chosen.end_char - base)
    before = _PREPOSITION.sub("", text[left : first.start_char - base])
    after = text[chosen.end_char - base : right]
    label = _clean_label(_join(before, after))
    short = len(label.split()) < 3 and not re.search(r"[\u4e00-\u9fff]{4}", label)
    if short:  # the clause is only the date: take the sentence around it
        before = _PREPOSITION.sub("", text[: first.start_char - base])
        joined = re.sub(r"\s+([,;:.])", r"\1", _join(before, text[chosen.end_char - base :]))
        label = _clean_label(re.sub(r",\s*,", ",", joined))
    return label


def _links(
    result: Enrichment, context: tuple[int, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """Actors, topics and the domain of the sentences an item rests on."""
    actors = sorted(
        {m.entity for m in result.mentions if m.sentence in context and m.kind == "actor"}
    )
    topics = sorted(
        {x.value for x in result.labels if x.target == "topic" and x.sentence in context}
    )
    domains = [x for x in result.labels if x.target == "domain" and x.sentence in context]
    if not domains:
        domains = [x for x in result.labels if x.target == "domain" and x.sentence is None]
    domain = max(domains, key=lambda x: (x.score, x.value)).value if domains else None
    return tuple(actors), tuple(topics), domain


def find_watch_items(
    document_id: str,
    text: str,
    result: Enrichment,
    published: date | None,
    cues: WatchCues | None = None,
) -> tuple[WatchItem, ...]:
    """Watch items of a document from its sentences, dates, mentions and labels."""
    if published is None:
        return ()
    cues = cues or load_cues()
    by_sentence: dict[int, list[DateExpression]] = defaultdict(list)
    for expression in result.dates:
        if expression.future and expression.start <= published + HORIZON:
            by_sentence[expression.sentence].append(expression)
    if not by_sentence:  # no date ahead: no item (most documents)
        return ()
    items: list[WatchItem] = []
    heading_id: str | None = None
    for sentence in result.sentences:
        starts_line = _starts_line(text, sentence)
        if starts_line:
            heading_id = None  # a new line or bullet closes the previous heading's entry
        expressions = by_sentence.get(sentence.index)
        if not expressions:
            continue
        heading = _heading_date(sentence, expressions) if starts_line else None
        if heading is None and not cues.announce.search(sentence.text):
            continue
        for first, chosen in _happenings(sentence, expressions):
            is_heading = first is heading
            left, right = _clause_bounds(
                sentence.text,
                first.start_char - sentence.start_char,
                chosen.end_char - sentence.start_char,
            )
            clause = "" if is_heading else sentence.text[left:right]
            item = WatchItem(
                id=_item_id(document_id, chosen.start_char),
                expression=chosen.text,
                start_char=chosen.start_char,
                end_char=chosen.end_char,
                start=chosen.start,
                end=chosen.end,
                precision=chosen.precision,
                label=_label(sentence, first, chosen, is_heading),
                sentence=sentence.index,
                confidence=cues.confidence_of(clause, sentence.text) or "confirmed",
                parent=None if is_heading else heading_id,
            )
            items.append(item)
            if is_heading:
                heading_id = item.id
    return _with_links(items, result, text)


def _with_links(items: list[WatchItem], result: Enrichment, text: str) -> tuple[WatchItem, ...]:
    # An item rests on its sentence and the undated sentences that follow it on its line
    # (a calendar entry's body names the actors: "This could be the stage for ...").
    context: dict[str, list[int]] = {item.id: [item.sentence] for item in items}
    sentences_with_items = {item.sentence for item in items}
    for item in items:
        following = item.sentence + 1
        while (
            following < len(result.sentences)
            and following not in sentences_with_items
            and not _starts_line(text, result.sentences[following])
        ):
            context[item.id].append(following)
            following += 1
    linked = []
    for item in items:
        actors, topics, domain = _links(result, tuple(context[item.id]))
        linked.append(
            WatchItem(
                **{
                    **item.__dict__,
                    "actors": actors,
                    "topics": topics,
                    "domain": domain,
                }
            )
        )
    return tuple(linked)
