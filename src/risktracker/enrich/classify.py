"""Domain and topic labels from knowledge-base keywords and actors (the rule labeller).

Evidence per sentence: each distinct topic keyword found counts 1 for its topic (and so
for the topic's domain), each domain keyword 0.5 for its domain, and each mention of an
actor tied to a topic 0.5 for that topic. Scores turn evidence into 0..1:

- topic: ``1 - exp(-evidence)``; kept from 0.5 (one keyword is enough, one actor is not);
- domain: ``share * (1 - exp(-total))``, the domain's share of all domain evidence in the
  sentence times the confidence that the sentence is about any domain; kept from 0.25,
  so a sentence can carry more than one domain;
- a document sums its sentences' evidence the same way, with confidence
  ``1 - exp(-total / 2)``; kept from 0.2, and its best domain is kept whenever it has any.
"""

from __future__ import annotations

import math
from collections import defaultdict

import ahocorasick

from ..kb import KnowledgeBase
from ..models import Label, Mention, Sentence

TOPIC_KEYWORD_WEIGHT = 1.0
DOMAIN_KEYWORD_WEIGHT = 0.5
TOPIC_ACTOR_WEIGHT = 0.5
MIN_TOPIC_SCORE = 0.5
MIN_SENTENCE_DOMAIN_SCORE = 0.25
MIN_DOCUMENT_DOMAIN_SCORE = 0.2


def _is_cjk(keyword: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in keyword)


def _boundary_ok(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


class RuleLabeller:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._automaton = ahocorasick.Automaton()
        keyed: dict[str, tuple[str, str]] = {}
        for domain in kb.domains:
            for keyword in domain.keywords:
                keyed.setdefault(keyword.lower(), ("domain", domain.id))
        for topic in kb.topics:
            for keyword in (*topic.keywords, *topic.keywords_zh):
                keyed[keyword.lower()] = ("topic", topic.id)  # a topic keyword beats a domain one
        for key, value in keyed.items():
            self._automaton.add_word(key, (len(key), _is_cjk(key), value))
        self._automaton.make_automaton()
        self._actor_topics: dict[str, list[str]] = defaultdict(list)
        for topic in kb.topics:
            for actor in topic.actors:
                self._actor_topics[actor].append(topic.id)

    def _sentence_evidence(
        self, lowered: str, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...]
    ) -> list[tuple[dict[str, float], dict[str, float]]]:
        """Per sentence: (topic evidence, domain-keyword evidence)."""
        hits: list[set[tuple[str, str, str]]] = [set() for _ in sentences]
        starts = [s.start_char for s in sentences]
        index = 0
        for last, (length, cjk, (kind, value)) in self._automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if not cjk and not _boundary_ok(lowered, start, end):
                continue
            while index + 1 < len(starts) and starts[index + 1] <= start:
                index += 1
            if sentences:
                hits[index].add((kind, value, lowered[start:end]))
        entities: list[set[str]] = [set() for _ in sentences]
        for mention in mentions:
            if mention.sentence < len(entities):
                entities[mention.sentence].add(mention.entity)
        evidence = []
        for number, found in enumerate(hits):
            if not found and not entities[number]:  # most sentences: nothing to count
                evidence.append(({}, {}))
                continue
            topics: dict[str, float] = defaultdict(float)
            domains: dict[str, float] = defaultdict(float)
            for kind, value, _key in found:
                if kind == "topic":
                    topics[value] += TOPIC_KEYWORD_WEIGHT
                else:
                    domains[value] += DOMAIN_KEYWORD_WEIGHT
            for entity in entities[number]:
                for topic in self._actor_topics.get(entity, ()):
                    topics[topic] += TOPIC_ACTOR_WEIGHT
            evidence.append((dict(topics), dict(domains)))
        return evidence

    def _domain_totals(
        self, topics: dict[str, float], domains: dict[str, float]
    ) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for topic, weight in topics.items():
            totals[self._kb.topic_domain[topic]] += weight
        for domain, weight in domains.items():
            totals[domain] += weight
        return totals

    @staticmethod
    def _domain_scores(totals: dict[str, float], scale: float) -> dict[str, float]:
        total = sum(totals.values())
        if total <= 0:
            return {}
        confidence = 1 - math.exp(-total / scale)
        return {d: round(w / total * confidence, 4) for d, w in totals.items()}

    def label(
        self, text: str, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...]
    ) -> tuple[Label, ...]:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text
        labels: list[Label] = []
        doc_totals: dict[str, float] = defaultdict(float)
        doc_topics: dict[str, float] = defaultdict(float)
        for number, (topics, domains) in enumerate(
            self._sentence_evidence(lowered, sentences, mentions)
        ):
            if not topics and not domains:
                continue  # no labels and nothing added to the document's totals
            for topic, weight in sorted(topics.items()):
                score = round(1 - math.exp(-weight), 4)
                if score >= MIN_TOPIC_SCORE:
                    labels.append(Label("topic", topic, score, number))
                    doc_topics[topic] += weight
            totals = self._domain_totals(
                {t: w for t, w in topics.items() if 1 - math.exp(-w) >= MIN_TOPIC_SCORE}, domains
            )
            for domain, score in sorted(self._domain_scores(totals, 1.0).items()):
                if score >= MIN_SENTENCE_DOMAIN_SCORE:
                    labels.append(Label("domain", domain, score, number))
            for domain, weight in totals.items():
                doc_totals[domain] += weight
        doc_scores = self._domain_scores(doc_totals, 2.0)
        best = max(doc_scores, key=lambda d: (doc_scores[d], d), default=None)
        for domain, score in sorted(doc_scores.items()):
            if score >= MIN_DOCUMENT_DOMAIN_SCORE or domain == best:
                labels.append(Label("domain", domain, score, None))
        for topic, weight in sorted(doc_topics.items()):
            labels.append(Label("topic", topic, round(1 - math.exp(-weight), 4), None))
        return tuple(labels)
