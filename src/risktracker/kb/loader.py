"""Load, merge and cross-check the knowledge-base YAML files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeBaseError
from .schema import ActorSpec, DomainSpec, PlaceSpec, TopicSpec

PACKAGED_DIR = Path(__file__).parent / "data" / "china"

# (file name, model, required): actors are split over countries.yml and actors.yml.
KB_FILES: tuple[tuple[str, type[BaseModel], bool], ...] = (
    ("domains.yml", DomainSpec, True),
    ("topics.yml", TopicSpec, True),
    ("countries.yml", ActorSpec, True),
    ("actors.yml", ActorSpec, True),
    ("places.yml", PlaceSpec, False),
)


@dataclass(frozen=True)
class KnowledgeBase:
    domains: tuple[DomainSpec, ...]
    topics: tuple[TopicSpec, ...]
    actors: tuple[ActorSpec, ...]
    places: tuple[PlaceSpec, ...]
    version: str  # a hash of the files' contents: enrichment is redone when it changes

    @cached_property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.domains)

    @cached_property
    def by_id(self) -> dict[str, DomainSpec | TopicSpec | ActorSpec | PlaceSpec]:
        table: dict[str, DomainSpec | TopicSpec | ActorSpec | PlaceSpec] = {}
        for group in (self.topics, self.domains, self.places, self.actors):
            for entry in group:
                table[entry.id] = entry
        return table

    @cached_property
    def topic_domain(self) -> dict[str, str]:
        return {t.id: t.domain for t in self.topics}

    def name_of(self, entry_id: str) -> str:
        entry = self.by_id.get(entry_id)
        return entry.name if entry else entry_id


def _read_entries(path: Path, model: type[BaseModel]) -> list[BaseModel]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise KnowledgeBaseError(f"{path}{where}: not valid YAML") from None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise KnowledgeBaseError(f"{path}: expected a list of entries at the top level")
    entries = []
    for position, item in enumerate(raw, start=1):
        label = item.get("id", "?") if isinstance(item, dict) else "?"
        try:
            entries.append(model.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "entry"
            raise KnowledgeBaseError(
                f"{path}: entry {position} (id={label}): {field}: {first['msg']}"
            ) from None
    return entries


def _merge(packaged: list[BaseModel], extra: list[BaseModel]) -> list[BaseModel]:
    merged = {e.id: e for e in packaged}  # type: ignore[attr-defined]
    merged.update({e.id: e for e in extra})  # type: ignore[attr-defined]
    return list(merged.values())


def _check_unique(name: str, entries: list[BaseModel]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:  # type: ignore[attr-defined]
            raise KnowledgeBaseError(f"{name}: duplicate id {entry.id!r}")  # type: ignore[attr-defined]
        seen.add(entry.id)  # type: ignore[attr-defined]


def _cross_check(kb: KnowledgeBase) -> None:
    domain_ids = set(kb.domain_ids)
    actor_ids = {a.id for a in kb.actors}
    for topic in kb.topics:
        if topic.domain not in domain_ids:
            raise KnowledgeBaseError(
                f"topics.yml: topic {topic.id!r} has unknown domain {topic.domain!r}"
            )
        for actor in topic.actors:
            if actor not in actor_ids:
                raise KnowledgeBaseError(
                    f"topics.yml: topic {topic.id!r} names unknown actor {actor!r}"
                )
    for actor in kb.actors:
        if actor.country and actor.country not in actor_ids:
            raise KnowledgeBaseError(
                f"actors: {actor.id!r} belongs to unknown country or organisation {actor.country!r}"
            )
    for place in kb.places:
        if place.country and place.country not in actor_ids:
            raise KnowledgeBaseError(
                f"places.yml: {place.id!r} has unknown country {place.country!r}"
            )
    # Mentions name actors and places, labels name domains and topics: each pair shares
    # one namespace (a topic and a place may both be "taiwan_strait").
    for group in ((*kb.actors, *kb.places), (*kb.domains, *kb.topics)):
        ids = [e.id for e in group]
        clashes = sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else []
        if clashes:
            raise KnowledgeBaseError(f"ids used by two entries: {', '.join(clashes)}")


def _data_version(user: Path | None) -> str:
    """A hash of every knowledge-base file, packaged and user's (domains, actors, but also
    the date, watch, signal and event lexicons): enrichment is redone when any changes."""
    digest = hashlib.sha256()
    folders = [PACKAGED_DIR.parent] + ([user] if user is not None else [])
    for folder in folders:
        for path in sorted(folder.rglob("*.yml")):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_kb(user_dir: str | Path | None = None) -> KnowledgeBase:
    """Load the packaged knowledge base, extended by ``user_dir`` when given."""
    user = Path(user_dir) if user_dir else None
    if user is not None and not user.is_dir():
        raise KnowledgeBaseError(f"knowledge-base folder {user} does not exist")
    groups: dict[str, list[BaseModel]] = {}
    for name, model, required in KB_FILES:
        packaged_path = PACKAGED_DIR / name
        entries: list[BaseModel] = []
        if packaged_path.is_file():
            entries = _read_entries(packaged_path, model)
        elif required:
            raise KnowledgeBaseError(f"packaged knowledge-base file {name} is missing")
        _check_unique(str(packaged_path), entries)
        if user is not None and (user / name).is_file():
            extra = _read_entries(user / name, model)
            _check_unique(str(user / name), extra)
            entries = _merge(entries, extra)
        groups[name] = entries
    kb = KnowledgeBase(
        domains=tuple(groups["domains.yml"]),  # type: ignore[arg-type]
        topics=tuple(groups["topics.yml"]),  # type: ignore[arg-type]
        actors=tuple(groups["countries.yml"] + groups["actors.yml"]),  # type: ignore[arg-type]
        places=tuple(groups["places.yml"]),  # type: ignore[arg-type]
        version=_data_version(user),
    )
    _cross_check(kb)
    return kb
