"""Enrichment as an ordered tuple of small pure components over one record.

``enrich(document, kb)`` never touches the database: the same call runs in-process, in a
process pool or elsewhere. Each component takes the document and the enrichment so far
and returns a new, extended enrichment.
"""

from __future__ import annotations

from typing import Protocol

from ..kb import KnowledgeBase
from ..models import Document, Enrichment
from .classify import RuleLabeller
from .dates import tag_dates
from .mentions import MentionFinder
from .sentences import split_sentences
from .watch import find_watch_items

PIPELINE_VERSION = "2"  # 2: the temporal tagger and watch items of issue 3


def replace(result: Enrichment, **changes: object) -> Enrichment:
    """``dataclasses.replace`` for an Enrichment (all its fields are init fields) without
    the per-field introspection: it runs once per component and document."""
    return Enrichment(**{**result.__dict__, **changes})  # type: ignore[arg-type]


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


class Dates:
    """Date expressions of every sentence, anchored on the publication date (issue 3)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        pass

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        dates = tag_dates(document.text, document.published, result.sentences)
        return replace(result, dates=dates)


class Watch:
    def __init__(self, kb: KnowledgeBase) -> None:
        pass

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        items = find_watch_items(document.id, document.text, result, document.published)
        return replace(result, watch=items)


class Events:
    """Who did what to whom (issue 4): PLOVER events from the mentions already found."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from ..kb.events import load_event_kb
        from .events import EventCoder

        self._coder = EventCoder(kb, load_event_kb())

    def __call__(self, document: Document, result: Enrichment) -> Enrichment:
        events = self._coder.code(
            document.id, result.sentences, result.mentions, document.published, result.dates
        )
        return replace(result, events=events)


# The registry: order matters, each component may read what earlier ones added.
COMPONENTS: tuple[type, ...] = (Sentences, Mentions, Labels, Dates, Watch, Events)


class Enricher:
    """The components built once for a knowledge base (building the automata is the slow part)."""

    def __init__(
        self, kb: KnowledgeBase, components: tuple[type, ...] = COMPONENTS, model: object = None
    ) -> None:
        self.kb = kb
        self.version = f"{PIPELINE_VERSION}-{kb.version}"
        built: list[Component] = [c(kb) for c in components]
        if model is not None:  # issue 5: a trained domain model labels after the rules
            from .model_labels import ModelLabels, model_version_mark

            after = [i + 1 for i, c in enumerate(components) if c is Labels] or [len(built)]
            built.insert(after[0], ModelLabels(kb, model))  # type: ignore[arg-type]
            self.version += model_version_mark(model)  # type: ignore[arg-type]
        self._components: tuple[Component, ...] = tuple(built)

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
