"""The model's domain labels, a pipeline component that runs after the rule labels.

Per sentence: the domains the model decides (:meth:`DomainModel.decide`) from the text
and the knowledge-base features of that sentence, each with its calibrated probability.
Per document: the model scores the whole text as one unit; when it decides none but the
rule labeller found a domain, the model's most probable domain is kept, so a document
the rules place somewhere keeps a place.
"""

from __future__ import annotations

from dataclasses import replace

from ..kb import KnowledgeBase
from ..models import Document, Enrichment, Label
from .model import DomainModel, RuleFeatures

MODEL_VERSION_MARK = "+model:"  # store/labels.py rewrites model labels only when present


def model_version_mark(model: DomainModel) -> str:
    return f"{MODEL_VERSION_MARK}{model.version}"


class ModelLabels:
    def __init__(self, kb: KnowledgeBase, model: DomainModel) -> None:
        self._model = model
        self._rules = RuleFeatures(kb)

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        sentences = result.sentences
        texts = [s.text for s in sentences] + [document.text]
        features = [
            RuleFeatures.from_labels(result.labels, result.mentions, s.index) for s in sentences
        ]
        doc_features = self._rules.for_mentions(document.text, result.mentions)
        features.append(doc_features)
        probabilities = self._model.probabilities(texts, features)
        domains = self._model.domains
        labels: list[Label] = []
        for sentence, scores in zip(sentences, probabilities, strict=False):
            labels.extend(
                Label("domain", d, scores[d], sentence.index, "model")
                for d in DomainModel.decide(scores, domains)
            )
        doc_scores = probabilities[-1]
        chosen = DomainModel.decide(doc_scores, domains)
        if not chosen and RuleFeatures.domain_scores(doc_features):
            chosen = (max(domains, key=lambda d: (doc_scores[d], d)),)
        labels.extend(Label("domain", d, doc_scores[d], None, "model") for d in chosen)
        return replace(result, labels=result.labels + tuple(labels))
