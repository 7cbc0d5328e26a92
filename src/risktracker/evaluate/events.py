"""``risktracker eval events``: the event coder against ``tests/gold/events.jsonl``.

Each gold line is a sentence we wrote, its date, and the events a reader finds in it:
PLOVER type, source and target (knowledge-base ids; none when the sentence names no
participant), and where the words give them mode, magnitude, negation and modality.

Scores, each precision, recall and F1 over the whole set, matching one to one inside a
sentence:

- ``type``: the event types of each sentence;
- ``source`` / ``target``: (type, actor) pairs, for events that name that actor;
- ``event``: (type, source, target) triples, a missing actor matching a missing one.

A gold actor that is a country, territory or organisation matches a found actor that
belongs to it (gold ``CHN`` is met by the coder's ``pla``); a gold person or institution
must be found as itself. On matched events the report also gives how often mode,
negation, modality and magnitude agree, and a confusion table of types.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..enrich.annotate import text_document
from ..enrich.pipeline import enrich
from ..errors import InputError
from ..kb import KnowledgeBase, load_kb
from ..kb.events import PLOVER_TYPES
from ..models import Event
from . import EvalReport

_GROUP_TYPES = ("state", "territory", "organization")


@dataclass(frozen=True)
class GoldEvent:
    type: str
    source: str | None
    target: str | None
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"
    magnitude: tuple[str, float] | None = None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    day: date
    text: str
    events: tuple[GoldEvent, ...]


def read_gold(path: Path, kb: KnowledgeBase) -> list[GoldSentence]:
    known = {a.id for a in kb.actors}
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            events = []
            for e in raw["events"]:
                if e["type"] not in PLOVER_TYPES:
                    raise ValueError(f"unknown type {e['type']!r}")
                for actor in (e.get("source"), e.get("target")):
                    if actor is not None and actor not in known:
                        raise ValueError(f"unknown actor {actor!r}")
                magnitude = e.get("magnitude")
                events.append(
                    GoldEvent(
                        e["type"],
                        e.get("source"),
                        e.get("target"),
                        e.get("mode"),
                        bool(e.get("negated", False)),
                        e.get("modality", "asserted"),
                        (magnitude["kind"], float(magnitude["value"])) if magnitude else None,
                    )
                )
            items.append(
                GoldSentence(raw["id"], date.fromisoformat(raw["date"]), raw["text"], tuple(events))
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{path}:{number}: not a gold event line ({exc})") from None
    return items


def _actor_matches(
    gold: str | None, found: str | None, found_country: str | None, kb: KnowledgeBase
) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    if gold == found:
        return True
    entry = kb.by_id.get(gold)
    return getattr(entry, "type", "") in _GROUP_TYPES and gold == found_country


def _match(gold: list, found: list, same) -> list[tuple[int, int]]:  # noqa: ANN001
    """Greedy one-to-one matching of gold to found items under ``same``."""
    pairs, used = [], set()
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            if j not in used and same(g, f):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


@dataclass
class _Tally:
    tp: int = 0
    gold: int = 0
    found: int = 0

    def add(self, tp: int, gold: int, found: int) -> None:
        self.tp, self.gold, self.found = self.tp + tp, self.gold + gold, self.found + found

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.found if self.found else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    items: list[GoldSentence], coded: list[tuple[Event, ...]], kb: KnowledgeBase
) -> EvalReport:
    tallies = {name: _Tally() for name in ("type", "source", "target", "event")}
    per_type = {t: _Tally() for t in PLOVER_TYPES}
    agree = {name: [0, 0] for name in ("mode", "negated", "modality", "magnitude")}
    confusion: Counter[tuple[str, str]] = Counter()
    for item, found in zip(items, coded, strict=True):
        gold, found = list(item.events), list(found)
        types = _match(gold, found, lambda g, f: g.type == f.type)
        tallies["type"].add(len(types), len(gold), len(found))
        for t in PLOVER_TYPES:
            per_type[t].add(
                sum(1 for i, _ in types if gold[i].type == t),
                sum(1 for g in gold if g.type == t),
                sum(1 for f in found if f.type == t),
            )
        for side in ("source", "target"):
            g_side = [g for g in gold if getattr(g, side)]
            f_side = [f for f in found if getattr(f, side)]
            pairs = _match(
                g_side,
                f_side,
                lambda g, f, s=side: (
                    g.type == f.type
                    and _actor_matches(getattr(g, s), getattr(f, s), getattr(f, s + "_country"), kb)
                ),
            )
            tallies[side].add(len(pairs), len(g_side), len(f_side))

        def same_actors(g: GoldEvent, f: Event) -> bool:
            return _actor_matches(g.source, f.source, f.source_country, kb) and _actor_matches(
                g.target, f.target, f.target_country, kb
            )

        events = _match(gold, found, lambda g, f: g.type == f.type and same_actors(g, f))
        tallies["event"].add(len(events), len(gold), len(found))
        for i, j in events:
            g, f = gold[i], found[j]
            if g.mode:
                agree["mode"][0] += g.mode == f.mode
                agree["mode"][1] += 1
            agree["negated"][0] += g.negated == f.negated
            agree["negated"][1] += 1
            agree["modality"][0] += g.modality == f.modality
            agree["modality"][1] += 1
            if g.magnitude:
                agree["magnitude"][1] += 1
                agree["magnitude"][0] += any((m.kind, m.value) == g.magnitude for m in f.magnitudes)
        # confusion: align the rest by actors, whatever their types
        rest_gold = [g for i, g in enumerate(gold) if i not in {a for a, _ in events}]
        rest_found = [f for j, f in enumerate(found) if j not in {b for _, b in events}]
        aligned = _match(rest_gold, rest_found, same_actors)
        for i, j in aligned:
            confusion[(rest_gold[i].type, rest_found[j].type)] += 1
        for i, g in enumerate(rest_gold):
            if i not in {a for a, _ in aligned}:
                confusion[(g.type, "(none)")] += 1
        for j, f in enumerate(rest_found):
            if j not in {b for _, b in aligned}:
                confusion[("(none)", f.type)] += 1
    scores: dict[str, float] = {}
    lines = [f"events: {len(items)} sentences, {tallies['type'].gold} gold events", ""]
    lines.append(f"{'':10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, tally in tallies.items():
        p, r, f1 = tally.prf()
        scores.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f1})
        lines.append(f"{name:10} {p:9.3f} {r:7.3f} {f1:6.3f}")
    lines += ["", "on matched events:"]
    for name, (ok, total) in agree.items():
        scores[f"{name}_accuracy"] = ok / total if total else 0.0
        lines.append(f"  {name:10} {ok}/{total} agree")
    lines += ["", f"{'type':10} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for t, tally in per_type.items():
        p, r, f1 = tally.prf()
        lines.append(f"{t:10} {tally.gold:5} {tally.found:5} {p:6.2f} {r:6.2f} {f1:6.2f}")
    lines += ["", "confusions (gold -> found, same actors or none):"]
    for (g, f), count in confusion.most_common(25):
        lines.append(f"  {g:10} -> {f:10} {count}")
    return EvalReport("events", scores, "\n".join(lines), {"confusion": dict(confusion)})


def evaluate(gold_path: Path) -> EvalReport:
    kb = load_kb()
    items = read_gold(gold_path, kb)
    coded = [
        enrich(text_document(item.text, item.day, doc_id=item.id), kb).events for item in items
    ]
    return score(items, coded, kb)
