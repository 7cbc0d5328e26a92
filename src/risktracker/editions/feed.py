"""The site around the editions: an index page and an Atom feed, both over every edition
built into one output folder.

Both are rebuilt from the editions' JSON files each time an edition is built, so adding
an edition updates them, and the same editions always give the same bytes: the feed's
dates are the editions' period ends, never the clock.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..models import Edition
from .jsonout import edition_from_json
from .render import _environment, edition_filename, edition_slug, period_dates

FEED_FILE = "feed.xml"
SITE_INDEX = "index.html"
SITE_TITLE = "China Security and Risk Tracker"


def built_editions(out_dir: Path) -> list[Edition]:
    """Editions whose JSON lies in ``OUT/<slug>/``, newest period first."""
    found = []
    for path in sorted(Path(out_dir).glob("*/edition-*.json")):
        found.append(edition_from_json(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda e: (e.end, e.number), reverse=True)


def _formats(out_dir: Path, edition: Edition) -> list[tuple[str, str]]:
    labels = (("HTML", ".html"), ("PDF", ".pdf"), ("Markdown", ".md"), ("JSON", ".json"))
    folder = Path(out_dir) / edition_slug(edition.number)
    formats = [(label, edition_filename(edition, suffix)) for label, suffix in labels]
    formats.append(("calendar", "watch.ics"))
    return [(label, name) for label, name in formats if (folder / name).is_file()]


def render_site_index(out_dir: Path, editions: list[Edition]) -> str:
    items = [
        {
            "folder": edition_slug(e.number),
            "html": edition_filename(e, ".html"),
            "number": e.number,
            "period": e.period,
            "dates": period_dates(e.start, e.end),
            "minutes": e.reading_minutes,
            "formats": _formats(out_dir, e),
        }
        for e in editions
    ]
    template = _environment().get_template("site.html.j2")
    return template.render(title=SITE_TITLE, editions=items, feed_file=FEED_FILE)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def render_feed(editions: list[Edition]) -> str:
    """An Atom 1.0 feed: one entry per edition, links relative to the feed."""
    updated = max((e.end for e in editions), default=date(1970, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(SITE_TITLE)}</title>",
        "  <id>tag:risktracker.invalid,2021:editions</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f'  <link rel="self" href={quoteattr(FEED_FILE)}/>',
    ]
    for e in editions:
        slug = edition_slug(e.number)
        href = f"{slug}/{edition_filename(e, '.html')}"
        headlines = [s.headline for s in e.sections if s.headline]
        summary = " ".join(headlines) or f"Edition for {e.period}."
        lines += [
            "  <entry>",
            f"    <title>{escape(f'{e.title} No. {e.number}')}</title>",
            f"    <id>tag:risktracker.invalid,2021:edition-{slug}</id>",
            f"    <updated>{_stamp(e.end)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(href)}/>',
            *(f"    <author><name>{escape(a)}</name></author>" for a in e.authors),
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_site(out_dir: Path) -> list[Path]:
    """(Re)write the index page and the feed over every edition built into OUT."""
    editions = built_editions(out_dir)
    paths = []
    for name, text in (
        (SITE_INDEX, render_site_index(out_dir, editions)),
        (FEED_FILE, render_feed(editions)),
    ):
        path = Path(out_dir) / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
