"""The cue lexicons of "what to watch" (``kb/data/watch.yml``), validated and compiled.

Announcement cues decide whether a dated sentence is about a future happening,
confidence cues whether its date is confirmed, estimated or rumoured, and outcome cues
what a later report says became of it. They are data so an analyst can extend them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import KnowledgeBaseError

CUES_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "watch.yml"
CONFIDENCES = ("rumoured", "estimated", "confirmed")  # the order in which cues are tried
OUTCOMES = ("cancelled", "postponed", "happened")


def _check_patterns(values: list[str]) -> list[str]:
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad pattern {value!r}: {exc}") from None
    return values


class _CueSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    announce: list[str]
    confidence: dict[str, list[str]]
    outcomes: dict[str, list[str]]
    ignore_words: list[str] = []

    @field_validator("announce")
    @classmethod
    def _announce(cls, values: list[str]) -> list[str]:
        return _check_patterns(values)

    @field_validator("confidence", "outcomes")
    @classmethod
    def _groups(cls, groups: dict[str, list[str]]) -> dict[str, list[str]]:
        for values in groups.values():
            _check_patterns(values)
        return groups


def _compile(values: list[str]) -> re.Pattern[str]:
    # CJK cues have no word boundaries; Latin ones need them ("will" is not "willing").
    # The Latin ones share one pair of boundaries, \b(?:a|b|...)\b, which finds a match
    # wherever \b(?:a)\b|\b(?:b)\b|... does, with one boundary test per position.
    chinese = [v for v in values if re.search(r"[\u4e00-\u9fff]", v)]
    latin = [f"(?:{v})" for v in values if v not in chinese]
    parts = ([rf"\b(?:{'|'.join(latin)})\b"] if latin else []) + chinese
    return re.compile("|".join(parts), re.I)


@dataclass(frozen=True)
class WatchCues:
    announce: re.Pattern[str]
    confidence: tuple[tuple[str, re.Pattern[str]], ...]
    outcomes: tuple[tuple[str, re.Pattern[str]], ...]
    ignore_words: frozenset[str] = frozenset()

    def keywords(self, text: str) -> frozenset[str]:
        """Content words of an event phrase, for comparing two of them."""
        lowered = text.lower()
        words = set(re.findall(r"[^\W\d_\u4e00-\u9fff]{3,}", lowered)) - self.ignore_words
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", lowered):  # Chinese: character pairs
            words.update(run[i : i + 2] for i in range(len(run) - 1))
        return frozenset(words)

    def confidence_of(self, *texts: str) -> str | None:
        """The confidence the first text with a cue shows (clause, then sentence)."""
        for text in texts:
            for name, pattern in self.confidence:
                if pattern.search(text):
                    return name
        return None

    def outcome_of(self, text: str) -> str | None:
        for name, pattern in self.outcomes:
            if pattern.search(text):
                return name
        return None


@cache
def load_cues(path: Path = CUES_FILE) -> WatchCues:
    try:
        spec = _CueSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise KnowledgeBaseError(f"{path}: {exc}") from None
    for group, names in (("confidence", CONFIDENCES), ("outcomes", OUTCOMES)):
        missing = set(names) - set(getattr(spec, group))
        if missing:
            raise KnowledgeBaseError(f"{path}: {group} lacks {', '.join(sorted(missing))}")
    return WatchCues(
        announce=_compile(spec.announce),
        confidence=tuple((n, _compile(spec.confidence[n])) for n in CONFIDENCES),
        outcomes=tuple((n, _compile(spec.outcomes[n])) for n in OUTCOMES),
        ignore_words=frozenset(w.lower() for w in spec.ignore_words),
    )
