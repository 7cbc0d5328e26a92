"""The whole edition as JSON, for other tools, and back (a published edition is frozen as
this JSON, so it can be rebuilt without the store).

Dates are ISO strings, keys keep the dataclasses' field order and mappings their own order
(the chart legend follows it), so the same edition always gives the same bytes.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from ..errors import EditionError
from ..models import Edition

FORMAT = "risktracker.edition/1"


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}  # order matters (chart legend)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def edition_to_json(edition: Edition) -> str:
    data = {"format": FORMAT, "edition": _plain(edition)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _build(kind: Any, value: Any) -> Any:
    """Rebuild ``value`` (plain JSON) as the type ``kind`` of a dataclass field."""
    origin = typing.get_origin(kind)
    if value is None:
        return None
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(options[0], value)
    if origin is tuple:
        inner = typing.get_args(kind)[0]
        return tuple(_build(inner, v) for v in value)
    if origin is dict:
        _, inner = typing.get_args(kind)
        return {k: _build(inner, v) for k, v in value.items()}
    if kind is date:
        return date.fromisoformat(value)
    if is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], value[f.name]) for f in fields(kind)})
    return value


def edition_from_json(text: str) -> Edition:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        return _build(Edition, data["edition"])
    except (ValueError, KeyError, TypeError) as exc:
        raise EditionError(f"not an edition in JSON: {exc}") from None
