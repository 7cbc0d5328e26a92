"""Enrichment throughput against spaCy, in one process, as a ratio.

Both sides read the sample corpus repeated to at least 20,000 documents:
- ours: the full enrichment (sentences, mentions, labels, dates, watch items, events)
  of undated documents, the same of documents dated as the sample briefs are (dates
  then fill in missing years and watch items are looked for), that without events, and
  the mention finder alone;
- baseline: spaCy's blank English pipeline with an EntityRuler (phrase patterns) over
  the same aliases, the case rule left to spaCy's ``LOWER`` attribute.
Single process on both sides. Run: ``make bench`` (installs the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date

from risktracker.demo import sample_corpus_dir, sample_texts
from risktracker.enrich.annotate import text_document
from risktracker.enrich.mentions import MentionFinder
from risktracker.enrich.pipeline import COMPONENTS, Enricher, Events
from risktracker.enrich.sentences import split_sentences
from risktracker.kb import load_kb


def timed(label: str, work) -> float:  # noqa: ANN001
    start = time.perf_counter()
    count = work()
    seconds = time.perf_counter() - start
    rate = count / seconds
    print(f"{label:<48} {count:>7} docs {seconds:8.2f} s {rate:10.0f} docs/s", flush=True)
    return rate


def sample_dates(count: int) -> list[date]:
    """The publication dates of the sample briefs, in the order of ``sample_texts``."""
    dates = [
        date.fromisoformat(json.loads(line)["published"])
        for path in sorted(sample_corpus_dir().glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return (dates * (-(-count // len(dates))))[:count]


def spacy_baseline(kb, texts: list[str]) -> float:  # noqa: ANN001
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for actor in kb.actors:
        for alias in {actor.name, *actor.aliases, *actor.demonyms, *actor.aliases_zh}:
            patterns.append({"label": actor.type.upper(), "pattern": alias, "id": actor.id})
    for place in kb.places:
        for alias in {place.name, *place.aliases, *place.aliases_zh}:
            patterns.append({"label": "PLACE", "pattern": alias, "id": place.id})
    ruler.add_patterns(patterns)

    def run() -> int:
        found = 0
        for doc in nlp.pipe(texts, batch_size=256):
            found += len(doc.ents)
        return len(texts)

    return timed("baseline: spaCy blank('en') + EntityRuler", run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    args = parser.parse_args()
    kb = load_kb()
    texts = sample_texts(args.docs)
    documents = [text_document(t, doc_id=f"b{i}") for i, t in enumerate(texts)]
    dated = [
        text_document(t, published, doc_id=f"b{i}")
        for i, (t, published) in enumerate(zip(texts, sample_dates(len(texts)), strict=True))
    ]
    enricher = Enricher(kb)
    no_events = Enricher(kb, tuple(c for c in COMPONENTS if c is not Events))
    finder = MentionFinder(kb)
    print(f"{len(texts)} documents, {sum(len(t) for t in texts) / 1e6:.1f} M characters")

    def full() -> int:
        for document in documents:
            enricher(document)
        return len(documents)

    def full_dated() -> int:
        for document in dated:
            enricher(document)
        return len(dated)

    def dated_without_events() -> int:
        for document in dated:
            no_events(document)
        return len(dated)

    def mentions_only() -> int:
        for text in texts:
            finder.find(text, split_sentences(text))
        return len(texts)

    ours_full = timed("risktracker: full enrichment", full)
    ours_dated = timed("risktracker: full enrichment, dated documents", full_dated)
    ours_no_events = timed("risktracker: the same without events", dated_without_events)
    ours_mentions = timed("risktracker: sentences + mentions", mentions_only)
    try:
        baseline = spacy_baseline(kb, texts)
    except ImportError:
        print("spaCy is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 1
    print(f"ratio full enrichment / spaCy baseline:      {ours_full / baseline:6.2f}x")
    print(f"ratio full enrichment, dated / spaCy:        {ours_dated / baseline:6.2f}x")
    print(f"ratio dated without events / spaCy:          {ours_no_events / baseline:6.2f}x")
    print(f"ratio sentences+mentions / spaCy baseline:   {ours_mentions / baseline:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
