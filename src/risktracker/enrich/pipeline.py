"""Enrichment as an ordered tuple of small pure components over one record.

``enrich(document, kb)`` never touches the database: the same call runs in-process, in a
process pool or elsewhere. Each component takes the document and the enrichment so far
and returns a new, extended enrichment.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from ..kb import KnowledgeBase
from ..models import Document, Enrichment
from .classify import RuleLabeller
from .mentions import MentionFinder
from .sentences import split_sentences
from .watch import find_watch_items

PIPELINE_VERSION = "1"


class Component(Protocol):
    def __call__(self, document: Document, result: Enrichment) -> Enrichment: ...


class Sentences:
    def __init__(self, kb: KnowledgeBase) -> None:
        pass

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        return replace(result, sentences=split_sentences(document.text))


class Mentions:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._finder = MentionFinder(kb)

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        return replace(result, mentions=self._finder.find(document.text, result.sentences))


class Labels:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._labeller = RuleLabeller(kb)

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        labels = self._labeller.label(document.text, result.sentences, result.mentions)
        return replace(result, labels=labels)


class Watch:
    def __init__(self, kb: KnowledgeBase) -> None:
        pass

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        items = find_watch_items(document.id, result.sentences, document.published)
        return replace(result, watch=items)


# The registry: order matters, each component may read what earlier ones added.
COMPONENTS: tuple[type, ...] = (Sentences, Mentions, Labels, Watch)


class Enricher:
    """The components built once for a knowledge base (building the automata is the slow part)."""

    def __init__(self, kb: KnowledgeBase, components: tuple[type, ...] = COMPONENTS) -> None:
        self.kb = kb
        self.version = f"{PIPELINE_VERSION}-{kb.version}"
        self._components: tuple[Component, ...] = tuple(c(kb) for c in components)

    def __call__(self, document: Document) -> Enrichment:
        result = Enrichment(document.id, (), (), (), (), self.version)
        for component in self._components:
            result = component(document, result)
        return result


_CACHE: dict[int, Enricher] = {}


def enrich(document: Document, kb: KnowledgeBase) -> Enrichment:
    """Enrich one document; the components are built on first use for each knowledge base."""
    enricher = _CACHE.get(id(kb))
    if enricher is None or enricher.kb is not kb:
        enricher = _CACHE[id(kb)] = Enricher(kb)
    return enricher(document)
