"""Reading an editions folder: YAML files validated against :mod:`.spec`, with line numbers.

Every problem is reported as a :class:`Problem` naming the file and the line, because the
reader is an analyst with the file open in an editor. Loading never stops at the first
problem of a file when it can go on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import EditionError
from .periods import Quarter
from .spec import EditionSpec, Resolutions, RiskRegister

# libyaml when present: the pure-Python parser takes most of a check's time
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EDITION_FILE = "edition.yml"
REGISTER_FILE = "risks.yml"
RESOLUTIONS_FILE = "resolutions.yml"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class LineMap:
    """Line numbers (1-based) of every key and item of a YAML document, by path."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[Any, ...], int] = {}
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            node = None
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, key.value)
                self.lines[child] = key.start_mark.line + 1
                self._walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                self._walk(value, (*path, index))

    def line(self, path: tuple[Any, ...]) -> int | None:
        """The line of the path, or of its longest known prefix."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class Loaded:
    """A validated file (``value`` None when invalid), its line map and its problems."""

    path: Path
    value: BaseModel | None
    lines: LineMap
    problems: tuple[Problem, ...]

    def line(self, *path: Any) -> int | None:
        return self.lines.line(path)


def _pydantic_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the type names pydantic adds for unions (``str``, ``DevelopmentSpec``)."""
    return tuple(p for p in loc if isinstance(p, int) or not re.match(r"^[A-Z]|^str$", str(p)))


def load_yaml(path: Path, model: type[BaseModel], *, missing_ok: bool = False) -> Loaded:
    """Read and validate one YAML file; problems carry the file and line.

    Parsing is cached by the file's text: a check or a build reads each file of the
    folder many times.
    """
    path = Path(path)
    if not path.is_file():
        if missing_ok:
            return Loaded(path, model(), LineMap(""), ())
        return Loaded(path, None, LineMap(""), (Problem(path, None, "file is missing"),))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Loaded(path, None, LineMap(""), (Problem(path, None, f"cannot read: {exc}"),))
    return _parse(path, model, text)


@lru_cache(maxsize=256)
def _parse(path: Path, model: type[BaseModel], text: str) -> Loaded:
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return Loaded(path, None, LineMap(""), (Problem(path, line, f"not valid YAML: {reason}"),))
    lines = LineMap(text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Loaded(path, None, lines, (Problem(path, 1, "expected a mapping of fields"),))
    try:
        return Loaded(path, model.model_validate(data), lines, ())
    except ValidationError as exc:
        seen: set[tuple[int | None, str]] = set()
        problems = []
        for error in exc.errors():
            where = _pydantic_path(tuple(error["loc"]))
            field = ".".join(str(p) for p in where) or "file"
            key = (lines.line(where), field)
            if key in seen:  # a union reports once per member; once is enough
                continue
            seen.add(key)
            problems.append(Problem(path, lines.line(where), f"{field}: {error['msg']}"))
        return Loaded(path, None, lines, tuple(problems))


def edition_dir(root: Path, number: str) -> Path:
    """``3/2021`` lives in ``ROOT/2021-3``: folders sort by year, then issue."""
    match = re.match(r"^\s*(\d{1,2})/(\d{4})\s*$", number)
    if not match:
        raise EditionError(
            f"not an edition number: {number!r}", "Write it as ISSUE/YEAR, e.g. 3/2021."
        )
    return Path(root) / f"{match.group(2)}-{int(match.group(1))}"


def load_edition(folder: Path) -> Loaded:
    return load_yaml(Path(folder) / EDITION_FILE, EditionSpec)


def load_register(root: Path) -> Loaded:
    return load_yaml(Path(root) / REGISTER_FILE, RiskRegister, missing_ok=True)


def load_resolutions(root: Path) -> Loaded:
    return load_yaml(Path(root) / RESOLUTIONS_FILE, Resolutions, missing_ok=True)


def require(loaded: Loaded) -> Any:
    """The validated value, or an error listing the problems (for build and publish)."""
    if loaded.value is None:
        listing = "; ".join(str(p) for p in loaded.problems[:5])
        raise EditionError(
            f"invalid {loaded.path.name}: {listing}",
            "Run `risktracker edition check` for the full list with line numbers.",
        )
    return loaded.value


def edition_folders(root: Path) -> list[tuple[Quarter, Path]]:
    """Edition folders under ROOT with a readable edition.yml, oldest period first."""
    found = []
    for folder in sorted(Path(root).iterdir()) if Path(root).is_dir() else []:
        loaded = load_edition(folder) if (folder / EDITION_FILE).is_file() else None
        if loaded is None or loaded.value is None:
            continue
        try:
            found.append((Quarter.parse(loaded.value.period), folder))
        except EditionError:
            continue
    return sorted(found, key=lambda item: (item[0].year, item[0].quarter, item[1].name))
