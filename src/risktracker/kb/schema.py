"""Pydantic models of the knowledge-base files: one model per concept file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

ACTOR_TYPES = (
    "state",
    "territory",
    "person",
    "institution",
    "party",
    "military",
    "organization",
    "company",
    "armed_group",
    "media",
)


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str

    @field_validator("id", "name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class DomainSpec(_Entry):
    description: str
    keywords: tuple[str, ...] = ()


class TopicSpec(_Entry):
    domain: str
    keywords: tuple[str, ...]
    keywords_zh: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @field_validator("keywords")
    @classmethod
    def _has_keywords(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("a topic needs at least one keyword")
        return value


class ActorSpec(_Entry):
    type: str
    country: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in ACTOR_TYPES:
            raise ValueError(
                f"unknown actor type {value!r}; expected one of {', '.join(ACTOR_TYPES)}"
            )
        return value


class PlaceSpec(_Entry):
    type: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
