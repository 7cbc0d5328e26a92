"""Turn an assembled :class:`~risktracker.models.Edition` into files a reader opens.

Rendering only formats: every judgment (arrows, shares, developments, watch items) was
made upstream. What this module adds is safety and stability:

* everything that came from a document (headlines, sentences, titles, URLs, labels) is
  escaped, and only ``http``/``https`` URLs ever become links, because the sources are
  untrusted web pages;
* the analyst's focus essay is Markdown, but only a small subset is honoured (see
  :func:`focus_html`) so that the essay cannot smuggle markup into a published page;
* identical editions give byte-identical files (no timestamps, fixed ordering), so a
  published edition can be rebuilt and compared.

Evidence is numbered once per edition in reading order (top risks, then what to watch);
two items citing the same sentence share one footnote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from risktracker.editions.calibration_chart import calibration_svg
from risktracker.editions.charts import attention_svg
from risktracker.editions.markup import focus_html, focus_markdown, md_text, md_url, safe_url
from risktracker.editions.views import diff_view, forecast_view, record_view, risk_views
from risktracker.models import DomainSection, Edition, Evidence

TEMPLATES = Path(__file__).parent / "templates"
CHART_FILE = "attention.svg"
INDEX_FILE = "index.html"
WATCH_HEADING = "Looking forward: What to watch in the months ahead"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ARROWS: dict[str, tuple[str, str]] = {
    "rising": ("\u2191", "rising"),
    "stable": ("\u2192", "stable"),
    "easing": ("\u2193", "easing"),
}


# --- small formatting helpers ----------------------------------------------------


def long_date(value: date | None) -> str:
    """``1 July 2021``: unambiguous for readers, independent of the machine's locale."""
    if value is None:
        return "date unknown"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def period_parts(start: date, end: date) -> tuple[str, str]:
    """Start and end of the period as text; the start omits its year when it is shared."""
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]}", long_date(end)
    return long_date(start), long_date(end)


def period_dates(start: date, end: date) -> str:
    """The covered period as a date range, e.g. ``1 July – 30 September 2021``."""
    return " \u2013 ".join(period_parts(start, end))


def percent(share: float | None) -> str:
    """A share in 0..1 as a percentage with one decimal; missing values say so."""
    if share is None or share != share:  # None or NaN
        return "n/a"
    return f"{share * 100:.1f}%"


def edition_slug(number: str) -> str:
    """File-name part of an edition number: ``3/2021`` becomes ``3-2021``."""
    slug = re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-")
    return slug or "edition"


def edition_filename(edition: Edition, suffix: str) -> str:
    """``edition-3-2021.html`` and friends."""
    return f"edition-{edition_slug(edition.number)}{suffix}"


# --- the view handed to the templates --------------------------------------------


@dataclass(frozen=True)
class Footnote:
    """One numbered piece of evidence, with its URL already vetted."""

    number: int
    evidence: Evidence
    url: str | None
    host: str
    published: str


@dataclass(frozen=True)
class Citation:
    """A line that cites a footnote: a development headline or a watch item."""

    text: str
    footnote: Footnote
    label: str = ""
    start: date | None = None
    confidence: str = ""  # confirmed | estimated | rumoured, when the dates stage says


def _number_evidence(edition: Edition) -> dict[tuple[str, int], Footnote]:
    """Number the evidence in reading order; repeated sentences keep their number."""
    notes: dict[tuple[str, int], Footnote] = {}
    cited = []
    for section in edition.sections:
        cited += [d.evidence for d in section.developments]
        cited += [e for r in edition.risks if r.domain == section.domain_id for e in r.evidence]
    cited += [e for r in edition.risks for e in r.evidence]  # risks outside the four domains
    cited += [w.evidence for w in edition.watch]
    for evidence in cited:
        key = (evidence.document_id, evidence.sentence_index)
        if key not in notes:
            url = safe_url(evidence.url)
            notes[key] = Footnote(
                number=len(notes) + 1,
                evidence=evidence,
                url=url,
                host=(urlsplit(url).hostname or url) if url else "",
                published=long_date(evidence.published),
            )
    return notes


def _note(notes: Mapping[tuple[str, int], Footnote], evidence: Evidence) -> Footnote:
    return notes[(evidence.document_id, evidence.sentence_index)]


def _trend(section: DomainSection) -> str:
    """The numbers behind the arrow, in words."""
    now = f"{percent(section.share)} of attention this period"
    if section.previous_share is None:
        return f"{now} (no figure for the previous period)"
    if section.baseline:
        return f"{now} ({section.baseline} {percent(section.previous_share)})"
    return f"{now} (previous period {percent(section.previous_share)})"


def _section_view(section: DomainSection, notes: Mapping[tuple[str, int], Footnote]) -> dict:
    symbol, word = _ARROWS.get(section.arrow, ("\u2022", section.arrow or "unassessed"))
    proposed = _ARROWS.get(section.proposed_arrow or "", (None, section.proposed_arrow))[1]
    return {
        "headline": section.headline,
        "narrative": section.narrative,
        "proposed_arrow": proposed,
        "arrow_reason": section.arrow_reason,
        "id": section.domain_id,
        "name": section.name,
        "description": section.description,
        "arrow_symbol": symbol,
        "arrow_word": word,
        "arrow_class": section.arrow if section.arrow in _ARROWS else "unknown",
        "trend": _trend(section),
        "developments": [
            Citation(text=d.headline, footnote=_note(notes, d.evidence))
            for d in section.developments
        ],
    }


def _view(edition: Edition, names: Mapping[str, str] | None) -> dict:
    """Everything the templates show, computed once so HTML and Markdown agree."""
    notes = _number_evidence(edition)
    legend = {s.domain_id: s.name for s in edition.sections}
    legend.update(names or {})
    domain_names = {s.domain_id: s.name for s in edition.sections}
    record = record_view(edition, domain_names)
    return {
        "risks": risk_views(edition, lambda e: _note(notes, e)),
        "calls": [forecast_view(f) for f in edition.forecasts],
        "record": record,
        "calibration_svg": (
            Markup(calibration_svg(edition.track_record)) if record is not None else None
        ),
        "changes": diff_view(edition, domain_names),
        "pdf_file": edition_filename(edition, ".pdf"),
        "edition": edition,
        "period_dates": period_dates(edition.start, edition.end),
        "period_start": period_parts(edition.start, edition.end)[0],
        "html_file": edition_filename(edition, ".html"),
        "md_file": edition_filename(edition, ".md"),
        "chart_file": CHART_FILE,
        "chart_svg": Markup(edition.graphic_svg or attention_svg(edition.chart, names=legend)),
        "focus_html": (
            None if edition.focus_markdown is None else focus_html(edition.focus_markdown)
        ),
        "focus_md": (
            None if edition.focus_markdown is None else focus_markdown(edition.focus_markdown)
        ),
        "sections": [_section_view(s, notes) for s in edition.sections],
        "watch": [
            Citation(
                text=w.expression,
                label=w.label,
                start=w.start,
                footnote=_note(notes, w.evidence),
                confidence=w.confidence or "",
            )
            for w in edition.watch
        ],
        "watch_heading": WATCH_HEADING,
        "footnotes": list(notes.values()),
        "documents": f"{edition.generated_from:,}",
        "document_word": "document" if edition.generated_from == 1 else "documents",
    }


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One Jinja environment: autoescape for ``*.html.j2``, off for Markdown."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["md_url"] = md_url
    env.filters["long_date"] = long_date
    return env


# --- public API ---------------------------------------------------------------------


def render_html(edition: Edition, names: Mapping[str, str] | None = None) -> str:
    """The edition as one self-contained HTML page (chart inlined, CSS inline).

    ``names`` overrides the domain names shown in the chart legend; by default they are
    the names of the edition's sections.
    """
    return _environment().get_template("edition.html.j2").render(_view(edition, names))


def render_markdown(edition: Edition) -> str:
    """The edition as Markdown with footnotes; the chart is referenced as a file."""
    return _environment().get_template("edition.md.j2").render(_view(edition, None))


def render_index(edition: Edition) -> str:
    """A small landing page linking to the edition in both formats."""
    return _environment().get_template("index.html.j2").render(_view(edition, None))


def write_edition(
    edition: Edition, out_dir: Path, names: Mapping[str, str] | None = None
) -> list[Path]:
    """Write the edition's HTML, Markdown, chart and index page into ``out_dir``.

    Returns the paths in a fixed order: HTML, Markdown, SVG, index. Files are written as
    UTF-8 with ``\\n`` line endings, so the same edition gives the same bytes anywhere.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    legend = {s.domain_id: s.name for s in edition.sections}
    legend.update(names or {})
    contents = (
        (edition_filename(edition, ".html"), render_html(edition, names)),
        (edition_filename(edition, ".md"), render_markdown(edition)),
        (CHART_FILE, attention_svg(edition.chart, names=legend)),
        (INDEX_FILE, render_index(edition)),
    )
    paths: list[Path] = []
    for name, text in contents:
        path = out / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
