"""GDELT 2.0 event records: the raw export (tab-separated, 61 columns, no header) and
CSV or TSV files with a header row (which may carry extra columns, such as the
``CAMEOCodeDescription`` of some published samples).

Each row becomes an :class:`~risktracker.models.Event`: the CAMEO code mapped to PLOVER
through the packaged table, the actors' country codes resolved to knowledge-base ids,
Goldstein scale and average tone kept, the source URL as evidence. A row that cannot be
read is one :class:`~risktracker.errors.IngestError` (``file:LINE``); the rest is kept.
Ids derive from ``GLOBALEVENTID``, so importing a file twice stores nothing new.
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

# The columns used, by name; the raw export has them at these positions (0-based).
RAW_COLUMNS = {
    "GLOBALEVENTID": 0,
    "SQLDATE": 1,
    "Actor1Code": 5,
    "Actor1Name": 6,
    "Actor1CountryCode": 7,
    "Actor2Code": 15,
    "Actor2Name": 16,
    "Actor2CountryCode": 17,
    "EventCode": 26,
    "GoldsteinScale": 30,
    "NumArticles": 33,
    "AvgTone": 34,
    "ActionGeo_FullName": 52,
    "SOURCEURL": 60,
}
RAW_WIDTH = 61


def gdelt_event_id(global_event_id: str) -> str:
    return "g" + hashlib.sha256(f"gdelt\x1f{global_event_id}".encode()).hexdigest()[:15]


def _parse_date(value: str) -> date:
    return date(int(value[0:4]), int(value[4:6]), int(value[6:8]))


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def read_rows(
    lines: Iterator[str], location: str, kb: KnowledgeBase, knowledge: EventKnowledge
) -> Iterator[Event | IngestError]:
    """Events of a GDELT file given as lines; header or not is decided by the first line."""
    countries = country_index(kb, knowledge)
    first = next(lines, "")
    if not first:
        return
    header_row = first.lstrip("\ufeff").startswith("GLOBALEVENTID")
    delimiter = "\t" if "\t" in first else ","
    if header_row:
        names = next(csv.reader([first.lstrip("\ufeff")], delimiter=delimiter))
        columns = {name: names.index(name) for name in RAW_COLUMNS if name in names}
        missing = sorted(set(RAW_COLUMNS) - set(columns) - {"ActionGeo_FullName"})
        if missing:
            yield IngestError(location, f"GDELT header lacks columns: {', '.join(missing)}")
            return
        width = len(names)
        rows = csv.reader(lines, delimiter=delimiter)
        start = 2
    else:
        columns, width = RAW_COLUMNS, RAW_WIDTH
        rows = csv.reader(_chain(first, lines), delimiter="\t", quoting=csv.QUOTE_NONE)
        start = 1
    for number, row in enumerate(rows, start=start):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        where = f"{location}:{number}"
        if len(row) != width:
            yield IngestError(where, f"expected {width} columns, found {len(row)}")
            continue
        try:
            yield _event(row, columns, knowledge, countries)
        except (ValueError, IndexError) as exc:
            yield IngestError(where, str(exc))


def _chain(first: str, lines: Iterator[str]) -> Iterator[str]:
    yield first
    yield from lines


def _event(
    row: list[str], columns: dict[str, int], knowledge: EventKnowledge, countries: dict[str, str]
) -> Event:
    def get(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None else ""

    global_id = get("GLOBALEVENTID")
    if not global_id.isdigit():
        raise ValueError(f"GLOBALEVENTID {global_id!r} is not a number")
    raw_date = get("SQLDATE")
    try:
        when = _parse_date(raw_date)
    except ValueError:
        raise ValueError(f"SQLDATE {raw_date!r} is not a date (YYYYMMDD)") from None
    code = get("EventCode")
    entry = knowledge.cameo_to_plover(code) if code.isdigit() else None
    if entry is None:
        raise ValueError(f"CAMEO code {code!r} has no PLOVER type")
    try:
        goldstein, tone = _float(get("GoldsteinScale")), _float(get("AvgTone"))
    except ValueError:
        raise ValueError("GoldsteinScale or AvgTone is not a number") from None
    source = countries.get(get("Actor1CountryCode").lower()) if get("Actor1CountryCode") else None
    target = countries.get(get("Actor2CountryCode").lower()) if get("Actor2CountryCode") else None
    source_text = get("Actor1Name") or get("Actor1Code")
    target_text = get("Actor2Name") or get("Actor2Code")
    description = entry.description or entry.type
    place = get("ActionGeo_FullName")
    evidence = f"GDELT {code} {description}: {source_text or '?'} -> {target_text or '?'}"
    return Event(
        id=gdelt_event_id(global_id),
        type=entry.type,
        source=source,
        source_country=source,
        target=target,
        target_country=target,
        mode=entry.mode or None,
        context=";".join(entry.context) or None,
        date=when,
        sentence_text=evidence + (f" ({place})" if place else ""),
        source_text=source_text,
        target_text=target_text,
        dataset="gdelt",
        cameo=code,
        goldstein=goldstein,
        tone=tone,
        external_id=global_id,
        url=get("SOURCEURL") or None,
    )
