"""Domain classification speed and retraining time, next to the rule labeller, in one run.

- classification: sentences of the sample corpus, repeated to at least 20,000, labelled
  by the trained model (knowledge-base features, TF-IDF, calibrated probabilities, the
  decision) in batches of 1,000, against the rule labeller alone (mentions and rule
  scores, which the model also computes as features) on the same sentences;
- retraining: ``fit_model`` on 10,000 labelled texts (our gold set and the sample
  corpus's sentences labelled by the first model, repeated to 10,000), against building
  the rule labeller from the knowledge base (the rules' "training").

Single process. Run: ``.venv/bin/python bench/classify.py``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from risktracker.analyze.train import load_gold, train_examples
from risktracker.demo import sample_corpus_dir
from risktracker.enrich.model import RuleFeatures, fit_model
from risktracker.enrich.sentences import split_sentences
from risktracker.kb import load_kb

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "domains.jsonl"


def sentences(minimum: int) -> list[str]:
    found = [
        s.text
        for path in sorted(Path(sample_corpus_dir()).glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for s in split_sentences(json.loads(line)["text"])
    ]
    repeats = -(-minimum // len(found))
    return (found * repeats)[: max(minimum, len(found))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--labels", type=int, default=10_000)
    args = parser.parse_args()
    kb = load_kb()
    gold = load_gold(GOLD, kb)
    model = train_examples(gold, kb)
    texts = sentences(args.sentences)

    rules = RuleFeatures(kb)
    start = time.perf_counter()
    features = [rules.features(t) for t in texts]
    rule_seconds = time.perf_counter() - start

    start = time.perf_counter()
    labelled = 0
    for begin in range(0, len(texts), 1000):
        batch = texts[begin : begin + 1000]
        labelled += len(model.predict(batch, [rules.features(t) for t in batch]))
    model_seconds = time.perf_counter() - start
    rule_rate, model_rate = len(texts) / rule_seconds, labelled / model_seconds
    print(f"sentences: {len(texts)}")
    print(f"rule labeller alone (baseline): {rule_rate:,.0f} sentences/s")
    print(f"model (features + calibrated probabilities): {model_rate:,.0f} sentences/s")
    print(f"ratio model / rule labeller: {model_rate / rule_rate:.2f}")

    unique = sorted(set(texts))
    pseudo = model.predict(unique, [rules.features(t) for t in unique])
    pool = [(x.text, x.domains) for x in gold] + list(zip(unique, pseudo, strict=True))
    pool = (pool * -(-args.labels // len(pool)))[: args.labels]
    pool_features = [rules.features(t) for t, _ in pool]
    start = time.perf_counter()
    fit_model(kb.domain_ids, [t for t, _ in pool], [d for _, d in pool], pool_features)
    train_seconds = time.perf_counter() - start
    start = time.perf_counter()
    RuleFeatures(kb)
    build_seconds = time.perf_counter() - start
    print(f"retrain on {len(pool)} labels: {train_seconds:.2f} s")
    print(f"build the rule labeller from the knowledge base (baseline): {build_seconds:.2f} s")
    print(f"ratio retrain / rule build: {train_seconds / build_seconds:.1f}")
    del features


if __name__ == "__main__":
    main()
