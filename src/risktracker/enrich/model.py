"""The domain model: a linear classifier over sparse text features, one per domain.

Why this shape: analysts must be able to read and correct it, and retraining after a
correction must be quick (``bench/classify.py`` times it on 10,000 labels). Each unit
(a sentence, a paragraph or a whole document) becomes

- TF-IDF of word unigrams and bigrams (sublinear term frequency; the 20,000 most
  frequent),
- TF-IDF of character 2-5 grams inside word boundaries (spelling variants, plurals;
  the 30,000 most frequent),
- what the knowledge base says about the unit (:class:`RuleFeatures`: the rule
  labeller's domain and topic scores, the actors and places mentioned and their types),
  weighted by :data:`KB_WEIGHT`, so the rules act as a prior the model can lean on or
  overrule;

and one logistic regression per domain (one-vs-rest, so a unit can carry several
domains) turns them into a probability, calibrated by Platt scaling under internal
cross-validation. A further classifier gives the probability that the unit belongs to
no domain. The decision (:meth:`DomainModel.predict`): every domain from
:data:`THRESHOLD`; when none reaches it, the most probable domain if it is more probable
than "none"; otherwise none.

scikit-learn is imported only when a model is built or loaded, so commands that never
touch a model (``risktracker annotate`` without one) stay fast.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..kb import KnowledgeBase
from ..models import Label, Mention, Sentence
from .classify import RuleLabeller
from .mentions import MentionFinder

THRESHOLD = 0.5  # a domain is assigned from this calibrated probability on
NONE = "none"  # the outcome of a unit that belongs to no domain
KB_WEIGHT = 0.5  # knowledge-base features next to unit-length TF-IDF vectors
CALIBRATION_FOLDS = 3
MAX_WORDS = 20_000  # word unigram and bigram features kept
MAX_CHARS = 30_000  # character n-gram features kept
MODEL_FORMAT = 1  # bump when the pickled layout changes

Features = Mapping[str, float]


class RuleFeatures:
    """What the knowledge base says about a text taken as one unit (one sentence).

    Features: ``domain=ID`` and ``topic=ID`` with the rule labeller's scores,
    ``ent=ID`` and ``type=TYPE`` for each actor, place or topic mentioned.
    :meth:`domain_scores` gives the rule domains.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.domains = kb.domain_ids
        self._labeller = RuleLabeller(kb)
        self._finder = MentionFinder(kb)

    def features(self, text: str) -> dict[str, float]:
        unit = (Sentence(0, 0, len(text), text),)
        mentions = self._finder.find(text, unit)
        return self.from_labels(self._labeller.label(text, unit, mentions), mentions, 0)

    def for_mentions(self, text: str, mentions: Sequence[Mention]) -> dict[str, float]:
        """The whole text as one unit, with mentions found earlier in the pipeline."""
        unit = (Sentence(0, 0, len(text), text),)
        moved = tuple(replace(m, sentence=0) for m in mentions)
        return self.from_labels(self._labeller.label(text, unit, moved), moved, 0)

    @staticmethod
    def from_labels(
        labels: Sequence[Label], mentions: Sequence[Mention], sentence: int
    ) -> dict[str, float]:
        """Features of one sentence from the rule labels and mentions of its document."""
        found: dict[str, float] = {}
        for x in labels:
            if x.sentence == sentence and x.assigned_by == "rule":
                found[f"{x.target}={x.value}"] = x.score
        for m in mentions:
            if m.sentence == sentence:
                found[f"ent={m.entity}"] = 1.0
                found[f"type={m.type}"] = 1.0
        return found

    @staticmethod
    def domain_scores(features: Features) -> dict[str, float]:
        return {k[7:]: v for k, v in features.items() if k.startswith("domain=")}


@dataclass
class DomainModel:
    """A trained model: vectorizers, one calibrated classifier per domain and for none."""

    domains: tuple[str, ...]
    words: Any  # TfidfVectorizer over words
    chars: Any  # TfidfVectorizer over characters
    knowledge: Any  # DictVectorizer over RuleFeatures
    classifiers: dict[str, Any]  # domain or NONE -> calibrated classifier, or a constant
    version: str = ""
    trained_on: int = 0
    format: int = MODEL_FORMAT

    def _matrix(self, texts: Sequence[str], features: Sequence[Features]):  # noqa: ANN202
        from scipy import sparse

        return sparse.hstack(
            [
                self.words.transform(texts),
                self.chars.transform(texts),
                self.knowledge.transform(features) * KB_WEIGHT,
            ],
            format="csr",
        )

    def _columns(self, texts: Sequence[str], features: Sequence[Features]) -> dict[str, list]:
        matrix = self._matrix(texts, features)
        columns: dict[str, list] = {}
        for name, classifier in self.classifiers.items():
            if isinstance(classifier, float):
                columns[name] = [classifier] * len(texts)
            else:
                columns[name] = list(classifier.predict_proba(matrix)[:, 1])
        return columns

    def probabilities(
        self, texts: Sequence[str], features: Sequence[Features]
    ) -> list[dict[str, float]]:
        """Calibrated probability of each domain, and of none, for each text."""
        if not texts:
            return []
        columns = self._columns(texts, features)
        return [
            {name: round(float(values[i]), 4) for name, values in columns.items()}
            for i in range(len(texts))
        ]

    @staticmethod
    def decide(probabilities: Mapping[str, float], domains: Sequence[str]) -> tuple[str, ...]:
        chosen = tuple(d for d in domains if probabilities[d] >= THRESHOLD)
        if chosen:
            return chosen
        best = max(domains, key=lambda d: (probabilities[d], d))
        return (best,) if probabilities[best] > probabilities.get(NONE, 1.0) else ()

    def predict(self, texts: Sequence[str], features: Sequence[Features]) -> list[tuple[str, ...]]:
        """The domains of each text; () means none."""
        return [self.decide(p, self.domains) for p in self.probabilities(texts, features)]

    def dumps(self) -> bytes:
        import joblib

        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def loads(data: bytes) -> DomainModel:
        import joblib

        try:
            model = joblib.load(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - any unreadable bytes: one clear error
            raise ValueError(f"not a saved domain model ({type(exc).__name__})") from None
        if not isinstance(model, DomainModel) or model.format != MODEL_FORMAT:
            raise ValueError("not a domain model of this version of risktracker")
        return model


def fit_model(
    domains: Sequence[str],
    texts: Sequence[str],
    targets: Sequence[Sequence[str]],
    features: Sequence[Features],
) -> DomainModel:
    """Train on texts with their domain sets (empty: none) and knowledge-base features."""
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    # the most frequent n-grams only: retraining on many labels stays fast, and a rare
    # n-gram says little that its words do not
    words = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", max_features=MAX_WORDS
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=MAX_CHARS
    )
    words.fit(texts)
    chars.fit(texts)
    knowledge = DictVectorizer().fit(features)
    model = DomainModel(tuple(domains), words, chars, knowledge, {}, trained_on=len(texts))
    matrix = model._matrix(texts, features)
    for name in (*domains, NONE):
        y = np.array([(not t) if name == NONE else (name in t) for t in targets], dtype=int)
        positives = int(y.sum())
        if positives < CALIBRATION_FOLDS or len(y) - positives < CALIBRATION_FOLDS:
            model.classifiers[name] = float(positives / max(len(y), 1))  # too few to learn
            continue
        base = LogisticRegression(
            C=10.0, class_weight="balanced", max_iter=2000, solver="liblinear", dual=True
        )
        calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=CALIBRATION_FOLDS)
        model.classifiers[name] = calibrated.fit(matrix, y)
    digest = hashlib.sha256()
    for text, target in zip(texts, targets, strict=True):
        digest.update(text.encode("utf-8") + b"\x1f" + ",".join(sorted(target)).encode() + b"\x1e")
    model.version = f"m{MODEL_FORMAT}-{digest.hexdigest()[:10]}"
    return model
