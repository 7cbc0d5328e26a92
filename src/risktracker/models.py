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
class DateExpression:
    """A date expression as written, normalised to an inclusive range (issue 3).

    ``precision`` is one of day, day_range, month, month_range, part_of_month, season,
    quarter, half_year, part_of_year, year, relative; ``future``: the range ends after
    the document date.
    """

    text: str
    start_char: int
    end_char: int
    start: date
    end: date
    precision: str
    future: bool
    sentence: int = -1


@dataclass(frozen=True)
class WatchItem:
    """A dated future happening announced in a sentence (issue 3)."""

    id: str
    expression: str
    start_char: int
    end_char: int
    start: date
    end: date
    precision: str  # a DateExpression precision
    label: str  # the event phrase
    sentence: int
    confidence: str = "confirmed"  # confirmed | estimated | rumoured
    parent: str | None = None  # id of the item this one is nested in
    actors: tuple[str, ...] = ()  # knowledge-base ids
    topics: tuple[str, ...] = ()
    domain: str | None = None


# --- issue 4: events ------------------------------------------------------------


@dataclass(frozen=True)
class Magnitude:
    """A counted quantity of an event: dead, injured, displaced, years, money, aircraft, ships."""

    kind: str
    value: float
    unit: str  # people | years | aircraft | ships | a currency code (USD, CNY, ...)
    text: str


@dataclass(frozen=True)
class Event:
    """Who did what to whom (PLOVER), with its evidence.

    Coded from a sentence (``document_id``, ``sentence``, ``sentence_text``, ``text`` =
    the trigger words) or imported from a dataset (``dataset`` = gdelt | icews, with
    ``cameo``, ``goldstein``, ``tone``, ``external_id`` and ``url``). ``source`` and
    ``target`` are knowledge-base ids when resolved; ``negated`` and ``modality``
    (asserted | possible | planned) say whether it happened at all.
    """

    id: str
    type: str
    source: str | None
    source_country: str | None
    target: str | None
    target_country: str | None
    mode: str | None = None
    context: str | None = None
    magnitudes: tuple[Magnitude, ...] = ()
    negated: bool = False
    modality: str = "asserted"
    date: date | None = None
    document_id: str | None = None
    sentence: int | None = None
    sentence_text: str = ""
    text: str = ""
    start_char: int | None = None
    end_char: int | None = None
    source_text: str = ""
    target_text: str = ""
    dataset: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    tone: float | None = None
    external_id: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Enrichment:
    document_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    labels: tuple[Label, ...]
    watch: tuple[WatchItem, ...] = ()
    version: str = ""
    dates: tuple[DateExpression, ...] = ()  # issue 3
    events: tuple[Event, ...] = ()  # issue 4


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
    # issue 6: the analyst's judgment of the domain (edition folder); None when unwritten
    headline: str | None = None
    narrative: str | None = None
    proposed_arrow: str | None = None  # what the signals proposed, when overridden
    arrow_reason: str | None = None
    baseline: str | None = None  # what previous_share is, when not the previous quarter


@dataclass(frozen=True)
class WatchEntry:
    expression: str
    start: date | None
    end: date | None
    label: str
    evidence: Evidence
    # issue 6: from the dates stage's merged watch list, when the edition uses it
    item_id: str | None = None
    precision: str | None = None
    confidence: str | None = None  # confirmed | estimated | rumoured
    status: str | None = None  # upcoming | due | happened | postponed | cancelled


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
    # issue 6: judgments from the edition folder, scored calls and the diff
    risks: tuple[RiskAssessment, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    track_record: TrackRecord | None = None
    diff: EditionDiff | None = None
    graphic_kind: str = "domain_attention"
    graphic_svg: str | None = None  # the graphic as drawn (None: draw ``chart``)
    graphic_spec: str | None = None  # its Vega-Lite specification, JSON text


# --- issue 6: the risk register, forecasts, the diff ----------------------------------


@dataclass(frozen=True)
class RiskAssessment:
    """A named risk of the register as one edition judged it."""

    id: str
    domain: str
    topics: tuple[str, ...]
    name: str
    description: str
    likelihood: float  # probability 0..1 that the risk materialises over the horizon
    impact: int  # 1 (minor) .. 5 (severe)
    arrow: str  # rising | stable | easing
    rationale: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Forecast:
    """A scored call: a question, a probability and a deadline; later its outcome."""

    id: str
    question: str
    probability: float
    deadline: date
    criteria: str
    domain: str
    author: str
    edition: str  # number of the edition that made the call
    outcome: bool | None = None  # None while open
    resolved_on: date | None = None
    resolution_evidence: str | None = None

    @property
    def brier(self) -> float | None:
        if self.outcome is None:
            return None
        return (self.probability - float(self.outcome)) ** 2


@dataclass(frozen=True)
class ScoreRow:
    group: str  # a domain id, an author or an edition number; "all" for the total
    resolved: int
    brier: float


@dataclass(frozen=True)
class CalibrationBin:
    lower: float
    upper: float
    resolved: int
    mean_probability: float | None
    observed: float | None  # share that resolved yes


@dataclass(frozen=True)
class TrackRecord:
    """How earlier calls fared, as of an edition's end date."""

    as_of: date
    forecasts: tuple[Forecast, ...]  # earlier editions' calls, resolved or open
    overall: ScoreRow | None
    by_domain: tuple[ScoreRow, ...]
    by_author: tuple[ScoreRow, ...]
    by_edition: tuple[ScoreRow, ...]
    calibration: tuple[CalibrationBin, ...]


@dataclass(frozen=True)
class Change:
    """One judgment that moved between two editions (an arrow or a likelihood)."""

    subject: str  # a domain id or a risk id
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class EditionDiff:
    previous: str  # number of the earlier edition
    current: str
    risks_added: tuple[str, ...]
    risks_dropped: tuple[str, ...]
    arrows_changed: tuple[Change, ...]
    likelihoods_changed: tuple[Change, ...]
    watch_resolved: tuple[WatchEntry, ...]  # earlier items whose dates have now passed
    new_developments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    risk_names: dict[str, str] = field(default_factory=dict)  # ids of both editions


# --- issue 3: watch items merged across documents, with their outcomes ---------------


@dataclass(frozen=True)
class WatchSource:
    """One document's announcement of a tracked happening."""

    item_id: str
    expression: str
    start: date
    end: date
    precision: str
    confidence: str
    label: str
    evidence: Evidence


@dataclass(frozen=True)
class WatchOutcome:
    outcome: str  # happened | postponed | cancelled
    state: str  # proposed | confirmed | rejected
    assigned_by: str  # rule | analyst
    document_id: str
    evidence: str | None


@dataclass(frozen=True)
class TrackedWatchItem:
    """A happening to watch, merged over every document that announced it.

    The date shown is the most precise one among the best-confirmed sources; ``status``
    is ``upcoming`` until the end date, then ``due`` until an outcome is confirmed, then
    the outcome (happened, postponed, cancelled).
    """

    id: str
    label: str
    expression: str
    start: date
    end: date
    precision: str
    confidence: str
    status: str
    domain: str | None
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    parent: str | None
    sources: tuple[WatchSource, ...]
    outcomes: tuple[WatchOutcome, ...] = ()
