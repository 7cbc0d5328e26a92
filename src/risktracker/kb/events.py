"""The event knowledge base: triggers, modes, magnitudes, cues, channels, the intensity
scale and the CAMEO-to-PLOVER table, as validated YAML under ``kb/data/events/``.

``load_event_kb()`` reads the packaged files (once per process); ``load_event_kb(folder)``
lets a folder with files of the same names replace them. Every problem is a
:class:`~risktracker.errors.KnowledgeBaseError` naming the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import KnowledgeBaseError

EVENTS_DIR = Path(__file__).parent / "data" / "events"

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "ACCUSE",
    "REQUEST",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_regexes(values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    return values


def _check_type(value: str) -> str:
    if value not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {value!r}")
    return value


class PatternSpec(_Model):
    type: str
    mode: str = ""
    context: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    possessor: Literal["source", "target"] = "source"
    embeds: bool = False
    reciprocal: bool = False
    joint_type: str = ""
    place_target: bool = False
    reverse: bool = False
    object_preps: tuple[str, ...] = ("with", "against", "on", "to", "into", "toward", "towards")

    _type = field_validator("type")(classmethod(lambda cls, v: _check_type(v)))
    _phrases = field_validator("phrases")(classmethod(lambda cls, v: _check_regexes(v)))

    def forms(self) -> tuple[str, ...]:
        """Every trigger as a regular expression: inflected verbs, then the phrases."""
        return tuple(_verb_regex(v) for v in self.verbs) + self.phrases


def _inflect(base: str) -> tuple[str, str, str]:
    if base.endswith("e"):
        return base + "d", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied", base[:-1] + "ied", base + "ing"
    return base + "ed", base + "ed", base + "ing"


def _verb_regex(verb: str) -> str:
    parts = verb.split("/")
    base = parts[0]
    past, participle, ing = parts[1:4] if len(parts) == 4 else _inflect(base)
    head, _, rest = base.partition(" ")
    third = head + ("es" if head.endswith(("s", "sh", "ch", "x")) else "s")
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        third = head[:-1] + "ies"
    third = f"{third} {rest}".strip()
    forms = sorted({base, third, past, participle, ing}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


class ModeSpec(_Model):
    id: str
    label: str
    context: str
    keywords: tuple[str, ...]

    _keywords = field_validator("keywords")(classmethod(lambda cls, v: _check_regexes(v)))


class MagnitudeKind(_Model):
    kind: str
    unit: str
    patterns: tuple[str, ...]

    @field_validator("patterns")
    @classmethod
    def _has_num(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            if "{num}" not in pattern:
                raise ValueError(f"pattern {pattern!r} has no {{num}}")
        return _check_regexes(tuple(p.replace("{num}", "0") for p in value)) and value


class MagnitudeSpec(_Model):
    numbers: dict[str, float]
    scales: dict[str, float]
    currencies: dict[str, str]
    kinds: tuple[MagnitudeKind, ...]


class CueSpec(_Model):
    negation: tuple[str, ...]
    modality: dict[str, tuple[str, ...]]
    participles: tuple[str, ...] = ()
    passive: str
    agent: tuple[str, ...]
    clause: tuple[str, ...]
    location: str
    homographs: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()


class CommonActorSpec(_Model):
    kind: Literal["authority", "people"]
    nouns: tuple[str, ...]
    institutions: dict[str, str] = {}

    _nouns = field_validator("nouns")(classmethod(lambda cls, v: _check_regexes(v)))


class CommonActorsSpec(_Model):
    heads: tuple[str, ...] = ()
    actors: tuple[CommonActorSpec, ...] = ()


class ChannelSpec(_Model):
    id: str
    label: str
    modes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


class DatasetSpec(_Model):
    countries: dict[str, str] = {}


class ScaleSpec(_Model):
    type: str
    intensity: float
    modes: dict[str, float] = {}

    _type = field_validator("type")(classmethod(lambda cls, v: _check_type(v)))


class CameoSpec(_Model):
    code: str
    type: str
    mode: str = ""
    context: tuple[str, ...] = ()
    root: bool = False
    description: str = ""
    origin: str = "plover"

    _type = field_validator("type")(classmethod(lambda cls, v: _check_type(v)))


@dataclass(frozen=True)
class EventKnowledge:
    patterns: tuple[PatternSpec, ...]
    modes: tuple[ModeSpec, ...]
    magnitudes: MagnitudeSpec
    cues: CueSpec
    channels: tuple[ChannelSpec, ...]
    scale: tuple[ScaleSpec, ...]
    cameo: tuple[CameoSpec, ...]
    datasets: DatasetSpec
    common_actors: CommonActorsSpec = CommonActorsSpec()

    @cached_property
    def cameo_table(self) -> dict[str, CameoSpec]:
        table: dict[str, CameoSpec] = {}
        for entry in self.cameo:
            table.setdefault(entry.code, entry)
        return table

    def cameo_to_plover(self, code: str) -> CameoSpec | None:
        """The PLOVER entry of a CAMEO code: the code itself, else its nearest parent."""
        code = code.strip()
        table = self.cameo_table
        for length in range(len(code), 1, -1):
            entry = table.get(code[:length])
            if entry is not None:
                return entry
        return None

    def intensity(self, event_type: str, mode: str | None) -> float:
        for entry in self.scale:
            if entry.type == event_type:
                return entry.modes.get(mode or "", entry.intensity)
        return 0.0

    def channel(self, event_type: str, mode: str | None, context: str | None) -> str:
        """The ledger channel: by mode, then by context, then by type, else diplomatic."""
        contexts = [c for c in (context or "").split(";") if c]
        for attribute, values in (("modes", [mode] if mode else []), ("contexts", contexts)):
            for value in values:
                for channel in self.channels:
                    if value in getattr(channel, attribute):
                        return channel.id
        for channel in self.channels:
            if event_type in channel.types:
                return channel.id
        return "diplomatic"

    @cached_property
    def channel_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.channels)


# (attribute, file name, model, is a list of entries)
_FILES: tuple[tuple[str, str, type[BaseModel], bool], ...] = (
    ("patterns", "patterns.yml", PatternSpec, True),
    ("modes", "modes.yml", ModeSpec, True),
    ("magnitudes", "magnitudes.yml", MagnitudeSpec, False),
    ("cues", "cues.yml", CueSpec, False),
    ("channels", "channels.yml", ChannelSpec, True),
    ("scale", "scale.yml", ScaleSpec, True),
    ("cameo", "cameo_plover.yml", CameoSpec, True),
    ("datasets", "datasets.yml", DatasetSpec, False),
    ("common_actors", "common_actors.yml", CommonActorsSpec, False),
)


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise KnowledgeBaseError(f"{path}{where}: not valid YAML") from None


def _validate(path: Path, model: type[BaseModel], raw: Any, many: bool) -> Any:
    items = raw if many else [raw]
    if many and not isinstance(raw, list):
        raise KnowledgeBaseError(f"{path}: expected a list of entries at the top level")
    out = []
    for position, item in enumerate(items, start=1):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "entry"
            raise KnowledgeBaseError(f"{path}: entry {position}: {field}: {first['msg']}") from None
    return tuple(out) if many else out[0]


def read_event_kb(folder: Path | None = None) -> EventKnowledge:
    """Read and validate the event files; a file in ``folder`` replaces the packaged one."""
    parts: dict[str, Any] = {}
    for attribute, name, model, many in _FILES:
        path = folder / name if folder is not None and (folder / name).is_file() else None
        path = path or EVENTS_DIR / name
        parts[attribute] = _validate(path, model, _read(path), many)
    knowledge = EventKnowledge(**parts)
    mode_ids = {m.id for m in knowledge.modes}
    for pattern in knowledge.patterns:
        if pattern.mode and pattern.mode not in mode_ids:
            raise KnowledgeBaseError(
                f"patterns.yml: {pattern.type} names unknown mode {pattern.mode!r}"
            )
    missing = set(PLOVER_TYPES) - {s.type for s in knowledge.scale}
    if missing:
        raise KnowledgeBaseError(f"scale.yml: no intensity for {', '.join(sorted(missing))}")
    return knowledge


@cache
def load_event_kb(folder: str | None = None) -> EventKnowledge:
    """The event knowledge base, read once per process (and per folder)."""
    return read_event_kb(Path(folder) if folder else None)
