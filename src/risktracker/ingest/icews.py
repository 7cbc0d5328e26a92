"""ICEWS coded events: tab-separated files with a header row (``Event ID``, ``Event
Date``, ``Source Name``, ``Source Sectors``, ``Source Country``, ``Event Text``,
``CAMEO Code``, ``Intensity``, ``Target Name``, ... ``Story ID``, ``Publisher``, ...).

Each row becomes an :class:`~risktracker.models.Event`: the CAMEO code mapped to PLOVER,
the source and target countries (written as names, "Russian Federation") resolved to
knowledge-base ids, ICEWS's intensity kept in the Goldstein column (the same -10..+10
scale). A bad row is one :class:`~risktracker.errors.IngestError`; the rest is kept.
Ids derive from ``Event ID``, so importing a file twice stores nothing new.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import date

from ..errors import IngestError
from ..kb import KnowledgeBase
from ..kb.events import EventKnowledge
from ..models import Event
from .datasets import country_index

REQUIRED = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Country",
)


def icews_event_id(event_id: str) -> str:
    return "i" + hashlib.sha256(f"icews\x1f{event_id}".encode()).hexdigest()[:15]


def read_rows(
    lines: Iterator[str], location: str, kb: KnowledgeBase, knowledge: EventKnowledge
) -> Iterator[Event | IngestError]:
    countries = country_index(kb, knowledge)
    rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if not header:
        return
    header[0] = header[0].lstrip("\ufeff")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        yield IngestError(location, f"ICEWS header lacks columns: {', '.join(missing)}")
        return
    columns = {name: header.index(name) for name in header}
    for number, row in enumerate(rows, start=2):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        where = f"{location}:{number}"
        if len(row) != len(header):
            yield IngestError(where, f"expected {len(header)} columns, found {len(row)}")
            continue
        try:
            yield _event(row, columns, knowledge, countries)
        except ValueError as exc:
            yield IngestError(where, str(exc))


def _country(value: str, countries: dict[str, str]) -> str | None:
    value = value.strip()
    return countries.get(value.lower()) if value and value != "NA" else None


def _event(
    row: list[str], columns: dict[str, int], knowledge: EventKnowledge, countries: dict[str, str]
) -> Event:
    def get(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None else ""

    event_id = get("Event ID")
    if not event_id:
        raise ValueError("empty Event ID")
    try:
        when = date.fromisoformat(get("Event Date"))
    except ValueError:
        raise ValueError(f"Event Date {get('Event Date')!r} is not a date (YYYY-MM-DD)") from None
    code = get("CAMEO Code")
    entry = knowledge.cameo_to_plover(code) if code.isdigit() else None
    if entry is None:
        raise ValueError(f"CAMEO code {code!r} has no PLOVER type")
    try:
        intensity = float(get("Intensity")) if get("Intensity") else None
    except ValueError:
        raise ValueError(f"Intensity {get('Intensity')!r} is not a number") from None
    source = _country(get("Source Country"), countries)
    target = _country(get("Target Country"), countries)
    place = ", ".join(p for p in (get("City"), get("Country")) if p and p != "NA")
    evidence = f"ICEWS {code} {get('Event Text')}: {get('Source Name')} -> {get('Target Name')}"
    publisher = get("Publisher")
    return Event(
        id=icews_event_id(event_id),
        type=entry.type,
        source=source,
        source_country=source,
        target=target,
        target_country=target,
        mode=entry.mode or None,
        context=";".join(entry.context) or None,
        date=when,
        sentence_text=evidence
        + (f" ({place})" if place else "")
        + (f" [{publisher}]" if publisher else ""),
        source_text=get("Source Name"),
        target_text=get("Target Name"),
        dataset="icews",
        cameo=code,
        goldstein=intensity,
        external_id=event_id,
    )
