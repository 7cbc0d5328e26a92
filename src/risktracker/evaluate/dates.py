"""``risktracker eval dates``: the temporal tagger against ``tests/gold/dates.jsonl``.

Each gold line is a text we wrote, its document date and the expressions a reader finds
in it, with their inclusive ranges and precision. A found expression *matches* a gold one
when their character spans overlap (one to one: "in March" and "March" are the same
find); it is *exact* when it also gives the same start and end dates. The report gives
precision, recall and F1 for both, recall per gold precision, exact spans, and whether
``future`` agrees with the gold range (it ends after the document date).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..enrich.dates import tag_dates
from ..errors import InputError
from ..models import DateExpression
from . import EvalReport


@dataclass(frozen=True)
class GoldExpression:
    text: str
    start_char: int
    end_char: int
    start: date
    end: date
    precision: str


@dataclass(frozen=True)
class GoldText:
    id: str
    anchor: date
    text: str
    expressions: tuple[GoldExpression, ...]


def read_gold(path: Path) -> list[GoldText]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            expressions = tuple(
                GoldExpression(
                    e["text"],
                    e["start_char"],
                    e["end_char"],
                    date.fromisoformat(e["start"]),
                    date.fromisoformat(e["end"]),
                    e["precision"],
                )
                for e in raw["expressions"]
            )
            items.append(
                GoldText(raw["id"], date.fromisoformat(raw["date"]), raw["text"], expressions)
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a gold line ({exc})") from None
    return items


def _pairs(
    gold: tuple[GoldExpression, ...], found: Iterable[DateExpression]
) -> list[tuple[GoldExpression, DateExpression]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    candidates = []
    for g in gold:
        for f in found:
            overlap = min(g.end_char, f.end_char) - max(g.start_char, f.start_char)
            if overlap > 0:
                candidates.append((overlap, g, f))
    candidates.sort(key=lambda c: -c[0])
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, g, f in candidates:
        if id(g) in used_gold or id(f) in used_found:
            continue
        used_gold.add(id(g))
        used_found.add(id(f))
        pairs.append((g, f))
    return pairs


def _prf(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 1.0
    recall = hits / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


Tagger = Callable[[str, date], Iterable[DateExpression]]


def score(items: list[GoldText], tagger: Tagger | None = None) -> dict[str, object]:
    """Scores of ``tagger`` (ours by default) on the gold texts, with the misses."""
    tagger = tagger or (lambda text, anchor: tag_dates(text, anchor))
    predicted = expected = found_hits = exact_hits = span_hits = future_ok = 0
    by_precision: Counter[str] = Counter()
    found_by_precision: Counter[str] = Counter()
    exact_by_precision: Counter[str] = Counter()
    errors: list[str] = []
    for item in items:
        found = list(tagger(item.text, item.anchor))
        predicted += len(found)
        expected += len(item.expressions)
        pairs = _pairs(item.expressions, found)
        found_hits += len(pairs)
        paired = {id(g): f for g, f in pairs}
        for g in item.expressions:
            by_precision[g.precision] += 1
            f = paired.get(id(g))
            if f is None:
                errors.append(f"{item.id} missed {g.text!r}")
                continue
            found_by_precision[g.precision] += 1
            span_hits += (f.start_char, f.end_char) == (g.start_char, g.end_char)
            if (f.start, f.end) == (g.start, g.end):
                exact_hits += 1
                exact_by_precision[g.precision] += 1
                future_ok += f.future == (g.end > item.anchor)
            else:
                errors.append(f"{item.id} {g.text!r}: {f.start}..{f.end}, gold {g.start}..{g.end}")
        matched = {id(f) for _, f in pairs}
        errors.extend(f"{item.id} extra {f.text!r}" for f in found if id(f) not in matched)
    return {
        "found": _prf(found_hits, predicted, expected),
        "exact": _prf(exact_hits, predicted, expected),
        "expected": expected,
        "predicted": predicted,
        "exact_span": span_hits / expected if expected else 1.0,
        "future_accuracy": future_ok / exact_hits if exact_hits else 1.0,
        "by_precision": {
            p: (n, found_by_precision[p] / n, exact_by_precision[p] / n)
            for p, n in sorted(by_precision.items())
        },
        "errors": errors,
    }


def evaluate(gold_path: Path) -> EvalReport:
    items = read_gold(gold_path)
    result = score(items)
    fp, fr, ff = result["found"]  # type: ignore[misc]
    ep, er, ef = result["exact"]  # type: ignore[misc]
    lines = [
        f"dates: {len(items)} texts, {result['expected']} gold expressions, "
        f"{result['predicted']} found",
        f"{'':14} {'precision':>9} {'recall':>7} {'F1':>6}",
        f"{'found':14} {fp:9.3f} {fr:7.3f} {ff:6.3f}",
        f"{'exact range':14} {ep:9.3f} {er:7.3f} {ef:6.3f}",
        f"exact spans: {result['exact_span']:.3f}   future flag right: "
        f"{result['future_accuracy']:.3f}",
        "",
        f"{'gold precision':16} {'n':>4} {'found':>6} {'exact':>6}",
    ]
    for name, (n, found, exact) in result["by_precision"].items():  # type: ignore[union-attr]
        lines.append(f"{name:16} {n:4d} {found:6.3f} {exact:6.3f}")
    errors = result["errors"]
    if errors:
        lines += ["", "errors:"] + [f"  {e}" for e in errors]  # type: ignore[union-attr]
    return EvalReport(
        task="dates",
        scores={
            "found_precision": fp,
            "found_recall": fr,
            "found_f1": ff,
            "exact_precision": ep,
            "exact_recall": er,
            "exact_f1": ef,
            "future_accuracy": result["future_accuracy"],  # type: ignore[dict-item]
        },
        text="\n".join(lines),
        details={"by_precision": result["by_precision"], "errors": errors},
    )
