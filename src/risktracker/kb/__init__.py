"""The knowledge base: domains, topics, actors and places as validated YAML data.

``load_kb()`` reads the packaged files under ``kb/data/china/`` and, when given, a user
folder whose files extend them: an entry with a known id replaces the packaged one, a
new id is added. Every problem is reported as a :class:`KnowledgeBaseError` naming the
file and the entry.
"""

from .loader import KnowledgeBase, load_kb
from .schema import ActorSpec, DomainSpec, PlaceSpec, TopicSpec

__all__ = ["ActorSpec", "DomainSpec", "KnowledgeBase", "PlaceSpec", "TopicSpec", "load_kb"]
