"""Frozen dataclasses passed between stages. Only ``store/`` knows about tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """A text as ingest read it, before it is stored.

    ``location`` is where it came from (a path, a URL, ``path#line``) and is used in
    error messages; ``source`` names the source (feed title, site, folder, dataset).
    """

    text: str
    location: str
    source: str
    source_kind: str  # file | jsonl | feed | web
    title: str = ""
    url: str | None = None
    published: date | None = None
    language: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str
    source_id: str
    content_hash: str
    url: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start_char: int
    end_char: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Mention:
    text: str
    start_char: int
    end_char: int
    entity: str  # knowledge-base id
    kind: str  # actor | place | topic
    type: str  # state, person, company, province, ... (topic for topics)
    country: str | None  # ISO 3166 alpha-3 or an organisation id; None when unknown
    sentence: int


@dataclass(frozen=True)
class Label:
    """A domain or topic on a sentence (``sentence`` set) or a whole document (None)."""

    target: str  # domain | topic
    value: str  # domain id or topic id
    score: float
    sentence: int | None
    assigned_by: str = "rule"  # rule | model | analyst


@dataclass(frozen=True)
class WatchItem:
    """A dated future happening announced in a sentence (first pass; issue 3 refines it)."""

    id: str
    expression: str
    start_char: int
    end_char: int
    start: date
    end: date
    precision: str  # day | day_range | month
    label: str
    sentence: int


@dataclass(frozen=True)
class Enrichment:
    document_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    labels: tuple[Label, ...]
    watch: tuple[WatchItem, ...] = ()
    version: str = ""


# --- editions -----------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    document_id: str
    sentence_index: int
    sentence: str
    title: str
    url: str | None
    published: date | None
    source: str


@dataclass(frozen=True)
class Development:
    """A candidate key development of a domain, with the sentence that supports it."""

    headline: str
    score: float
    evidence: Evidence
    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DomainSection:
    domain_id: str
    name: str
    description: str
    arrow: str  # rising | stable | easing
    share: float  # share of the period's attention (0..1)
    previous_share: float | None
    developments: tuple[Development, ...]


@dataclass(frozen=True)
class WatchEntry:
    expression: str
    start: date | None
    end: date | None
    label: str
    evidence: Evidence


@dataclass(frozen=True)
class ChartSeries:
    """Attention per domain by month: ``values[domain_id][i]`` belongs to ``months[i]``."""

    title: str
    caption: str
    months: tuple[str, ...]
    values: dict[str, tuple[float, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Edition:
    number: str  # "3/2021"
    period: str  # "2021-Q3"
    start: date
    end: date
    title: str
    reading_minutes: int
    authors: tuple[str, ...]
    focus_title: str | None
    focus_markdown: str | None  # None: not yet written
    chart: ChartSeries
    sections: tuple[DomainSection, ...]
    watch: tuple[WatchEntry, ...]
    generated_from: int  # number of documents in the period
