"""One settings object: defaults, then an optional TOML file, then RISKTRACKER_* variables.

The TOML file is ``risktracker.toml`` in the working directory, or the path in
``RISKTRACKER_CONFIG``. Keys are the field names of :class:`Settings`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError

ENV_PREFIX = "RISKTRACKER_"
DEFAULT_CONFIG_FILE = "risktracker.toml"


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///risktracker.db"
    kb_dir: str = ""  # a user folder that extends or replaces the packaged knowledge base
    workers: int = 0  # 0: one process per core
    max_bytes: int = 20_000_000
    user_agent: str = "risktracker/0.1 (+https://github.com/risktracker)"
    log_level: str = "WARNING"


def _coerce(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        return int(raw) if kind in ("int", int) else str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} must be a whole number, got {raw!r}") from None


def load_settings(environ: dict[str, str] | None = None, cwd: Path | None = None) -> Settings:
    """Build the settings; later layers override earlier ones."""
    environ = dict(os.environ if environ is None else environ)
    cwd = cwd or Path.cwd()
    known = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}

    path = Path(environ.get(ENV_PREFIX + "CONFIG", "") or cwd / DEFAULT_CONFIG_FILE)
    if environ.get(ENV_PREFIX + "CONFIG") and not path.is_file():
        raise ConfigError(f"settings file {path} does not exist")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{path}: unknown settings {', '.join(unknown)}")
        values.update({k: _coerce(k, v) for k, v in data.items()})

    for name in known:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw not in (None, ""):
            values[name] = _coerce(name, raw)
    return replace(Settings(), **values)
