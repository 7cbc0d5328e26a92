"""Enrichment: a pure function from a document and the knowledge base to annotations.

Public API: :func:`enrich`, :class:`Enricher`, :func:`split_sentences`, :data:`COMPONENTS`.
"""

from .pipeline import COMPONENTS, Enricher, enrich
from .sentences import split_sentences

__all__ = ["COMPONENTS", "Enricher", "enrich", "split_sentences"]
