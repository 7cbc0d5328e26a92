"""Domain classification against our gold set, and the seed check.

``risktracker eval classify``: stratified 5-fold cross-validation of the model on
``tests/gold/domains.jsonl``; per domain precision, recall and F1 (a text may carry
several domains), the same for "none" (no domain reached the threshold), and the
macro-F1 over the four domains. The rule labeller alone (a domain from a rule score of
0.25, the sentence threshold of enrich/classify.py) is scored on the same texts as the
named baseline.

``risktracker eval seed --gold EDITION.txt``: leave one Top Risks section out of an
edition, train on the gold set plus the other sections, and count the held-out
paragraphs whose most probable domain is their section's; the rule labeller's best
domain is the baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..analyze.train import load_gold, seed_sections
from ..kb import KnowledgeBase, load_kb
from . import EvalReport

FOLDS = 5
RULE_THRESHOLD = 0.25
NONE = "none"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_sets(
    domains: Sequence[str], gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, tuple[float, float, float, int]]:
    """(precision, recall, F1, support) per domain and for none."""
    result = {}
    for name in (*domains, NONE):

        def has(labels: Sequence[str], name: str = name) -> bool:
            return not labels if name == NONE else name in labels

        tp = sum(has(g) and has(p) for g, p in zip(gold, predicted, strict=True))
        fp = sum(not has(g) and has(p) for g, p in zip(gold, predicted, strict=True))
        fn = sum(has(g) and not has(p) for g, p in zip(gold, predicted, strict=True))
        result[name] = (*_prf(tp, fp, fn), sum(has(g) for g in gold))
    return result


def _table(title: str, scores: dict[str, tuple[float, float, float, int]], macro: float) -> str:
    lines = [title, f"{'domain':28} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for name, (p, r, f, n) in scores.items():
        lines.append(f"{name:28} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    lines.append(f"{'macro-F1 (four domains)':28} {'':6} {'':6} {macro:6.3f}")
    return "\n".join(lines)


def cross_validate(
    kb: KnowledgeBase, texts: list[str], targets: list[tuple[str, ...]], folds: int = FOLDS
) -> list[tuple[str, ...]]:
    """Out-of-fold predictions of the model for every text."""
    from sklearn.model_selection import StratifiedKFold

    from ..enrich.model import RuleFeatures, fit_model

    rules = RuleFeatures(kb)
    rule_scores = [rules.features(t) for t in texts]
    strata = [t[0] if t else NONE for t in targets]
    predicted: list[tuple[str, ...]] = [()] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train_idx, test_idx in splitter.split(texts, strata):
        model = fit_model(
            kb.domain_ids,
            [texts[i] for i in train_idx],
            [targets[i] for i in train_idx],
            [rule_scores[i] for i in train_idx],
        )
        for i, labels in zip(
            test_idx,
            model.predict([texts[i] for i in test_idx], [rule_scores[i] for i in test_idx]),
            strict=True,
        ):
            predicted[i] = labels
    return predicted


def evaluate_classify(gold_path: Path) -> EvalReport:
    from ..enrich.model import RuleFeatures

    kb = load_kb()
    items = load_gold(gold_path, kb)
    texts, targets = [x.text for x in items], [x.domains for x in items]
    predicted = cross_validate(kb, texts, targets)
    scores = score_sets(kb.domain_ids, targets, predicted)
    macro = sum(scores[d][2] for d in kb.domain_ids) / len(kb.domain_ids)
    rules = RuleFeatures(kb)
    rule_predicted = [
        tuple(
            d
            for d, s in RuleFeatures.domain_scores(rules.features(t)).items()
            if s >= RULE_THRESHOLD
        )
        for t in texts
    ]
    rule_scores = score_sets(kb.domain_ids, targets, rule_predicted)
    rule_macro = sum(rule_scores[d][2] for d in kb.domain_ids) / len(kb.domain_ids)
    text = "\n\n".join(
        [
            _table(f"model, {FOLDS}-fold cross-validation on {len(items)} texts", scores, macro),
            _table("baseline: rule labeller alone", rule_scores, rule_macro),
        ]
    )
    result = {"macro_f1": round(macro, 4), "rule_macro_f1": round(rule_macro, 4)}
    result.update({f"{d}_f1": round(scores[d][2], 4) for d in (*kb.domain_ids, NONE)})
    return EvalReport("classify", result, text, {"examples": len(items)})


def evaluate_seed(edition_path: Path) -> EvalReport:
    """Leave-one-section-out on an edition's Top Risks paragraphs."""
    from ..analyze.train import train_examples
    from ..enrich.model import RuleFeatures
    from ..evaluate import default_gold_dir
    from ..store.labels import LabelledText

    kb = load_kb()
    sections = seed_sections(edition_path, kb)
    gold = load_gold(default_gold_dir() / "domains.jsonl", kb)
    rules = RuleFeatures(kb)
    lines, right, rule_right, total = [], 0, 0, 0
    for held_out, paragraphs in sections.items():
        others = [
            LabelledText(p, (d,), f"seed:{d}")
            for d, group in sections.items()
            if d != held_out
            for p in group
        ]
        model = train_examples(gold + others, kb)
        rule_scores = [rules.features(p) for p in paragraphs]
        for paragraph, probs, rule in zip(
            paragraphs, model.probabilities(paragraphs, rule_scores), rule_scores, strict=True
        ):
            best = max(kb.domain_ids, key=lambda d: (probs[d], d))
            rule_domains = RuleFeatures.domain_scores(rule)
            rule_best = max(rule_domains, key=lambda d: (rule_domains[d], d), default=NONE)
            right += best == held_out
            rule_right += rule_best == held_out
            total += 1
            mark = "ok " if best == held_out else "MISS"
            lines.append(f"{mark} {held_out:26} -> {best:26} {probs[best]:.2f}  {paragraph[:60]}")
    accuracy, rule_accuracy = right / total, rule_right / total
    lines.append(
        f"\nleave-one-section-out accuracy: {right}/{total} = {accuracy:.3f} "
        f"(rule labeller alone: {rule_right}/{total} = {rule_accuracy:.3f})"
    )
    return EvalReport(
        "seed",
        {"accuracy": round(accuracy, 4), "rule_accuracy": round(rule_accuracy, 4)},
        "\n".join(lines),
        {"paragraphs": total},
    )
