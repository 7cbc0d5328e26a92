"""Event datasets among ingest targets: recognise GDELT and ICEWS files and read them.

``dataset_reader(path)`` returns an iterator of :class:`EventBatch` and per-row
:class:`~risktracker.errors.IngestError` when the file is an event dataset, else None
(the file is a document). Recognition, without trusting the suffix alone:

- GDELT 2.0 raw export: tab-separated, 61 columns, no header, the first column a number
  and the second a date (``20170701``); ``.zip`` archives holding such a file too;
- GDELT with a header: comma- or tab-separated, first header field ``GLOBALEVENTID``;
- ICEWS: tab-separated with the header ``Event ID<TAB>Event Date<TAB>Source Name...``.

Events go to the events table, not to documents: a dataset record is a coded event
with a URL, not a text to enrich, and storing thousands of one-line "documents" would
flood the near-duplicate index and the full-text search with nothing to read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import IngestError
from ..kb import KnowledgeBase
from ..kb.events import EventKnowledge
from ..models import Event

BATCH = 2000


@dataclass(frozen=True)
class EventBatch:
    """Events read from one dataset file, stored together."""

    location: str
    dataset: str
    events: tuple[Event, ...]


RowReader = Callable[
    [Iterator[str], str, KnowledgeBase, EventKnowledge], Iterator[Event | IngestError]
]

_RAW_GDELT = re.compile(r"^\d+\t\d{8}\t")


def _open_lines(path: Path) -> Iterator[str]:
    """The text lines of a file, or of the first member of a zip archive."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if not members:
                return
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        yield from handle


def _first_line(path: Path) -> str:
    try:
        for line in _open_lines(path):
            return line
    except (OSError, zipfile.BadZipFile, EOFError):
        return ""
    return ""


def sniff_dataset(path: Path) -> str | None:
    """``gdelt`` or ``icews`` when the file is such an event dataset, else None."""
    if path.suffix.lower() not in (".csv", ".tsv", ".tab", ".txt", ".zip", ".export", ""):
        return None
    line = _first_line(path).lstrip("\ufeff")
    if line.startswith("GLOBALEVENTID"):
        return "gdelt"
    if _RAW_GDELT.match(line) and len(line.rstrip("\r\n").split("\t")) == 61:
        return "gdelt"
    if line.startswith("Event ID\tEvent Date\tSource Name"):
        return "icews"
    return None


def dataset_reader(
    path: Path, kb: KnowledgeBase | None = None, knowledge: EventKnowledge | None = None
) -> Iterator[EventBatch | IngestError] | None:
    """A reader of the event dataset at ``path``, or None when it is not one. The
    knowledge bases default to the packaged ones, loaded only when a dataset is found."""
    dataset = sniff_dataset(path)
    if dataset is None:
        return None
    if knowledge is None:
        from ..kb.events import load_event_kb

        knowledge = load_event_kb()
    kb = kb or packaged_kb()
    if dataset == "gdelt":
        from .gdelt import read_rows
    else:
        from .icews import read_rows
    return _batched(path, dataset, read_rows, kb, knowledge)


def _batched(
    path: Path, dataset: str, read_rows: RowReader, kb: KnowledgeBase, knowledge: EventKnowledge
) -> Iterator[EventBatch | IngestError]:
    location = str(path)
    batch: list[Event] = []
    try:
        for item in read_rows(_open_lines(path), location, kb, knowledge):
            if isinstance(item, IngestError):
                yield item
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                yield EventBatch(location, dataset, tuple(batch))
                batch = []
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        yield IngestError(location, f"cannot read {dataset} file: {exc}")
    if batch:
        yield EventBatch(location, dataset, tuple(batch))


@cache
def packaged_kb() -> KnowledgeBase:
    """The packaged knowledge base, which resolves dataset country codes during ingest
    (ingest takes no knowledge-base folder; countries are not something users replace)."""
    from ..kb import load_kb

    return load_kb()


def country_index(kb: KnowledgeBase, knowledge: EventKnowledge) -> dict[str, str]:
    """Country names, aliases and ids (lower case) -> knowledge-base id of the state, with
    the dataset spellings of ``kb/data/events/datasets.yml``."""
    known = {a.id for a in kb.actors}
    index: dict[str, str] = {
        name.lower(): kb_id
        for name, kb_id in knowledge.datasets.countries.items()
        if kb_id in known
    }
    for actor in kb.actors:
        if actor.type not in ("state", "territory"):
            continue
        for name in (actor.id, actor.name, *actor.aliases):
            index.setdefault(name.lower(), actor.id)
    return index
