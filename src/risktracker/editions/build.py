"""Write one assembled edition in every published format, then refresh the site around it.

``OUT/<slug>/`` receives the edition as HTML, PDF, Markdown and JSON, the graphic of the
quarter as SVG and as a Vega-Lite specification, the calibration chart, and the watch
list as iCalendar when the calendar writer (``editions/ics.py``) is present; ``OUT/``
receives the index of all editions built there and their Atom feed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..models import Edition, TrackedWatchItem, WatchEntry, WatchSource
from ..store import stable_id
from .calibration_chart import calibration_svg
from .charts import attention_svg, attention_vega_lite
from .feed import write_site
from .jsonout import edition_to_json
from .pdf import html_to_pdf
from .render import edition_filename, edition_slug, render_html, render_markdown

GRAPHIC_SVG = "attention.svg"
GRAPHIC_SPEC = "graphic.vl.json"
CALIBRATION_SVG = "calibration.svg"
CALENDAR = "watch.ics"


def calendar_writer() -> Callable[[Edition], bytes] | None:
    """The iCalendar writer of the dates stage (``editions/ics.py``), if installed."""
    try:
        module = import_module("risktracker.editions.ics")
    except ImportError:
        return None
    write = getattr(module, "watch_calendar", None)
    if not callable(write):
        return None
    return lambda edition: write(
        [tracked(edition, w) for w in edition.watch], name=f"{edition.title} No. {edition.number}"
    )


def tracked(edition: Edition, entry: WatchEntry) -> TrackedWatchItem:
    """An edition's watch entry in the dates stage's form. Entries the tracker proposed
    keep their id, confidence and status; an analyst's pin is confirmed by the analyst."""
    start = entry.start or entry.end or edition.end
    end = entry.end or start
    ident = entry.item_id or stable_id("pin", edition.number, entry.expression, str(start))
    precision = entry.precision or ("day" if start == end else "day_range")
    confidence = entry.confidence or "confirmed"
    source = WatchSource(
        ident, entry.expression, start, end, precision, confidence, entry.label, entry.evidence
    )
    return TrackedWatchItem(
        id=ident,
        label=entry.label,
        expression=entry.expression,
        start=start,
        end=end,
        precision=precision,
        confidence=confidence,
        status=entry.status or "upcoming",
        domain=None,
        actors=(),
        topics=(),
        parent=None,
        sources=(source,),
    )


def edition_files(edition: Edition) -> list[tuple[str, bytes]]:
    """Every file of one edition as (name, bytes), in a fixed order."""
    legend = {s.domain_id: s.name for s in edition.sections}
    html = render_html(edition)
    svg = edition.graphic_svg or attention_svg(edition.chart, names=legend)
    spec = edition.graphic_spec or json.dumps(
        attention_vega_lite(edition.chart, names=legend), indent=2, sort_keys=True
    )
    files = [
        (edition_filename(edition, ".html"), html.encode("utf-8")),
        (edition_filename(edition, ".pdf"), html_to_pdf(html)),
        (edition_filename(edition, ".md"), render_markdown(edition).encode("utf-8")),
        (edition_filename(edition, ".json"), edition_to_json(edition).encode("utf-8")),
        (GRAPHIC_SVG, svg.encode("utf-8")),
        (GRAPHIC_SPEC, (spec.rstrip("\n") + "\n").encode("utf-8")),
        (CALIBRATION_SVG, calibration_svg(edition.track_record).encode("utf-8")),
    ]
    writer = calendar_writer()
    if writer is not None:
        files.append((CALENDAR, writer(edition)))
    return files


def write_outputs(edition: Edition, out_dir: Path) -> list[Path]:
    """Write the edition into ``OUT/<slug>/`` and refresh ``OUT/index.html`` and the feed."""
    folder = Path(out_dir) / edition_slug(edition.number)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in edition_files(edition):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths + write_site(Path(out_dir))
