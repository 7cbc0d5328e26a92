"""Event coder throughput in sentences per second, against spaCy, in one process.

Both sides read the sample corpus repeated to at least 5,000 documents:
- ours: the event coder alone, given the sentences and mentions (what it adds to an
  enrichment), and the whole enrichment with and without the events component;
- baseline: spaCy's blank English pipeline (tokenizer) with a PhraseMatcher over the
  verb triggers of the same lexicon (``kb/data/events/patterns.yml``): it only spots
  trigger words, no actors, clauses, negation or magnitudes.
The trigger scan alone is also timed against the whole trigger expression run at every
position (what the coder did before it scanned only where a trigger can begin).
Single process on both sides. Run: ``python bench/events.py`` (needs the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import re
import time

from risktracker.demo import sample_texts
from risktracker.enrich.annotate import text_document
from risktracker.enrich.events import EventCoder
from risktracker.enrich.pipeline import COMPONENTS, Enricher, Events
from risktracker.kb import load_kb
from risktracker.kb.events import load_event_kb


def timed(label: str, sentences: int, work) -> float:  # noqa: ANN001
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    rate = sentences / seconds
    print(f"{label:<58} {sentences:>7} sentences {seconds:7.2f} s {rate:9.0f} /s", flush=True)
    return rate


def trigger_words(knowledge) -> list[str]:  # noqa: ANN001
    """The literal verb forms of the lexicon (regular expressions of phrases left out)."""
    words: set[str] = set()
    for spec in knowledge.patterns:
        for form in spec.forms()[: len(spec.verbs)]:
            inner = form[3:-1]  # "(?:a|b|c)"
            words.update(re.sub(r"\\(.)", r"\1", w) for w in inner.split("|"))
    return sorted(words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    args = parser.parse_args()
    kb = load_kb()
    knowledge = load_event_kb()
    texts = sample_texts(args.documents)
    documents = [text_document(t, doc_id=f"b{i}") for i, t in enumerate(texts)]
    without = Enricher(kb, tuple(c for c in COMPONENTS if c is not Events))
    prepared = [without(d) for d in documents]
    sentences = sum(len(p.sentences) for p in prepared)
    print(f"{len(texts)} documents, {sentences} sentences (the sample corpus repeated)")

    coder = EventCoder(kb, knowledge)
    ours = timed(
        "ours: event coder (given sentences and mentions)",
        sentences,
        lambda: [
            coder.code(p.document_id, p.sentences, p.mentions, None, p.dates) for p in prepared
        ],
    )
    lowered = [s.text.lower() for p in prepared for s in p.sentences]
    scan = timed(
        "ours: trigger scan (only where a trigger can begin)",
        sentences,
        lambda: [list(coder._scanner.finditer(t)) for t in lowered],
    )
    whole = timed(
        "ours: trigger scan (the whole expression everywhere)",
        sentences,
        lambda: [list(coder._triggers.finditer(t)) for t in lowered],
    )
    print(f"ratio scanner / whole expression: {scan / whole:.2f}x")
    full = Enricher(kb)
    with_events = timed(
        "ours: whole enrichment with events", sentences, lambda: [full(d) for d in documents]
    )
    no_events = timed(
        "ours: whole enrichment without events", sentences, lambda: [without(d) for d in documents]
    )

    import spacy

    nlp = spacy.blank("en")
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TRIGGER", [nlp.make_doc(w) for w in trigger_words(knowledge)])

    def baseline() -> None:
        for doc in nlp.pipe(texts, batch_size=256):
            matcher(doc)

    spacy_rate = timed(
        "baseline: spaCy blank('en') + PhraseMatcher on triggers", sentences, baseline
    )
    print(f"ratio coder / spaCy baseline: {ours / spacy_rate:.2f}x")
    print(f"events component share of enrichment time: {1 - with_events / no_events:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
