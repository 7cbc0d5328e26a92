"""Digests of enrichment outputs, to check that a speed-up changes no output.

Enriches every sample-corpus document (with its publication date and without one) and
tags the dates of every gold date text (with its document date, with none and with two
other anchors, so every year-filling path runs), then prints one SHA-256 digest per
output field. ``--write`` stores them in ``bench/enrich_equivalence.json``; without it
the digests are compared with the stored ones and the exit status is 1 on a difference.
Events are reported but never fail the check: the event coder changes them on purpose, and
it reads only sentences, mentions and dates, which are checked.
Run: ``python bench/enrich_equivalence.py [--write]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

from risktracker.demo import sample_corpus_dir
from risktracker.enrich.annotate import text_document
from risktracker.enrich.dates import tag_dates
from risktracker.enrich.pipeline import Enricher
from risktracker.evaluate.dates import read_gold
from risktracker.kb import load_kb

HERE = Path(__file__).resolve().parent
STORED = HERE / "enrich_equivalence.json"
GOLD = HERE.parent / "tests" / "gold" / "dates.jsonl"
FIELDS = ("sentences", "mentions", "labels", "dates", "watch", "events")
REPORTED_ONLY = frozenset({"corpus.events"})
OTHER_ANCHORS = (date(2019, 12, 31), date(2030, 6, 15))


def sample_documents() -> list[tuple[str, str, date | None]]:
    rows = []
    for path in sorted(sample_corpus_dir().glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                rows.append((raw["id"], raw["text"], date.fromisoformat(raw["published"])))
    return rows


def digests() -> dict[str, str]:
    kb = load_kb()
    enricher = Enricher(kb)
    hashes = {field: hashlib.sha256() for field in FIELDS}
    for doc_id, text, published in sample_documents():
        for anchor in (published, None):
            result = enricher(text_document(text, anchor, doc_id))
            for field in FIELDS:
                hashes[field].update(repr(getattr(result, field)).encode("utf-8"))
    gold = hashlib.sha256()
    for item in read_gold(GOLD):
        for anchor in (item.anchor, None, *OTHER_ANCHORS):
            gold.update(repr(tag_dates(item.text, anchor)).encode("utf-8"))
    out = {f"corpus.{field}": h.hexdigest() for field, h in hashes.items()}
    out["gold.dates"] = gold.hexdigest()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the digests")
    args = parser.parse_args()
    now = digests()
    if args.write:
        STORED.write_text(json.dumps(now, indent=2) + "\n", encoding="utf-8")
        print(f"stored {len(now)} digests in {STORED}")
        return 0
    stored = json.loads(STORED.read_text(encoding="utf-8"))
    changed = [key for key in now if stored.get(key) != now[key]]
    for key in now:
        print(f"{key:20} {'CHANGED' if key in changed else 'same'}")
    return 1 if set(changed) - REPORTED_ONLY else 0


if __name__ == "__main__":
    sys.exit(main())
