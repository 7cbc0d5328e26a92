"""Date tagging against ``dateparser.search_dates``, in one process, as a ratio.

Both sides read the paragraphs of ``tests/gold/dates.jsonl`` (repeated ``--repeat``
times, ours ``--ours-repeat`` times: one pass of ours is too short to time) with each
paragraph's document date as the base of relative dates, and give date expressions with
character spans. Printed for both: expressions found per second,
paragraphs per second and exact-range F1 on the gold set (dateparser gives one date per
expression, so its range is that day). Run: ``make bench`` or ``python bench/dates.py``
(needs the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from risktracker.enrich.dates import tag_dates
from risktracker.evaluate.dates import GoldText, read_gold, score
from risktracker.models import DateExpression

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "dates.jsonl"
Tagger = Callable[[str, date], Iterable[DateExpression]]


def ours(text: str, anchor: date) -> tuple[DateExpression, ...]:
    return tag_dates(text, anchor)


def dateparser_tagger(languages: list[str] | None) -> Tagger:
    from dateparser.search import search_dates

    def tag(text: str, anchor: date) -> list[DateExpression]:
        base = datetime(anchor.year, anchor.month, anchor.day)
        settings = {"RELATIVE_BASE": base}
        found = search_dates(text, languages=languages, settings=settings) or []
        result, cursor = [], 0
        for phrase, when in found:
            start = text.find(phrase, cursor)
            if start < 0:
                start = text.find(phrase)
            cursor = max(cursor, start + len(phrase))
            day = when.date()
            result.append(
                DateExpression(phrase, start, start + len(phrase), day, day, "day", day > anchor)
            )
        return result

    return tag


def run(tagger: Tagger, items: list[GoldText], passes: int) -> tuple[float, int, list]:
    """(seconds, expressions found, the first pass's output) over ``passes`` passes."""
    outputs: list[list[DateExpression]] = []
    found = 0
    start = time.perf_counter()
    for number in range(passes):
        for item in items:
            result = list(tagger(item.text, item.anchor))
            found += len(result)
            if number == 0:
                outputs.append(result)
    return time.perf_counter() - start, found, outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the gold set")
    parser.add_argument(
        "--ours-repeat",
        type=int,
        default=30,
        help="passes for our tagger (fast: more passes keep its timing above the noise)",
    )
    parser.add_argument(
        "--skip-default", action="store_true", help="leave out dateparser's default (slow)"
    )
    args = parser.parse_args()
    items = read_gold(GOLD)
    warnings.filterwarnings("ignore")  # dateparser warns about pytz and time zones
    taggers: list[tuple[str, Tagger, int]] = [
        ("risktracker", ours, args.ours_repeat),
        ("dateparser (en, zh)", dateparser_tagger(["en", "zh"]), args.repeat),
    ]
    if not args.skip_default:  # languages detected per text, as a bare call does: one pass
        taggers.append(("dateparser (default)", dateparser_tagger(None), 1))
    rows = []
    for name, tagger, passes in taggers:
        seconds, found, outputs = run(tagger, items, passes)
        # F1 from the first pass's output: the slow baseline is not run twice
        known = {(i.text, i.anchor): out for i, out in zip(items, outputs, strict=True)}
        quality = score(items, lambda text, anchor, _k=known: _k[(text, anchor)])
        rows.append((name, found / seconds, len(items) * passes / seconds, passes, quality))
    print(f"gold paragraphs: {len(items)}; passes per tagger in the last column")
    header = f"{'tagger':22} {'expr/s':>9} {'para/s':>9} {'found F1':>9} {'exact F1':>9} passes"
    print(header)
    for name, rate, paragraphs, passes, quality in rows:
        print(
            f"{name:22} {rate:9.0f} {paragraphs:9.1f} "
            f"{quality['found'][2]:9.3f} {quality['exact'][2]:9.3f} {passes:6d}"
        )
    ours_rate, ours_paragraphs = rows[0][1], rows[0][2]
    for name, rate, paragraphs, _, _ in rows[1:]:
        print(
            f"speed ratio vs {name}: {ours_paragraphs / paragraphs:.1f}x paragraphs/s, "
            f"{ours_rate / rate:.1f}x expressions/s"
        )


if __name__ == "__main__":
    main()
