"""The bilateral ledger of a pair as static files: a page where every number links to
the stories behind it, the chart (SVG and Vega-Lite) and the data with its evidence.

``write_ledger(ledger, folder)`` writes ``ledger-A-B.html``, ``.svg``, ``.vl.json`` and
``.json`` and returns their paths. The page needs no JavaScript; identical input gives
identical bytes (nothing depends on the clock).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..analyze.relations import Ledger
from .ledger_chart import ledger_svg, ledger_title, ledger_vega_lite

_STYLE = (
    "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{padding:.25rem .6rem;"
    "border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child,"
    "td:nth-child(2),td:nth-child(3){text-align:left}li{margin:.4rem 0}.muted{color:#666}"
)


def ledger_data(ledger: Ledger) -> dict[str, object]:
    """The ledger as plain data: cells with their story ids, and every story's evidence."""
    return {
        "pair": [ledger.first, ledger.second],
        "by": ledger.by,
        "channel": ledger.channel,
        "periods": list(ledger.periods),
        "cells": [cell.__dict__ | {"stories": list(cell.stories)} for cell in ledger.cells],
        "stories": ledger.evidence,
    }


def _links(stories: tuple[str, ...], count: int, anchor: str) -> str:
    if not count:
        return "0"
    targets = " ".join(f'<a href="#{escape(s)}">{n}</a>' for n, s in enumerate(stories, 1))
    return f'<span id="{anchor}">{count}</span> <span class="muted">({targets})</span>'


def ledger_html(ledger: Ledger) -> str:
    title = ledger_title(ledger)
    rows = []
    for n, cell in enumerate(ledger.cells):
        coop = [s for s in cell.stories if ledger.evidence[s]["intensity"] > 0]
        conf = [s for s in cell.stories if ledger.evidence[s]["intensity"] < 0]
        rows.append(
            f"<tr><td>{escape(cell.source)} → {escape(cell.target)}</td>"
            f"<td>{escape(cell.period)}</td><td>{escape(cell.channel)}</td>"
            f"<td>{_links(tuple(coop), cell.cooperation, f'c{n}')}</td>"
            f"<td>{_links(tuple(conf), cell.conflict, f'k{n}')}</td>"
            f"<td>{cell.net:+.1f}</td></tr>"
        )
    stories = []
    for story_id, story in ledger.evidence.items():
        reports = []
        for event in story["events"]:  # type: ignore[union-attr]
            link = f' <a href="{escape(event["url"])}">source</a>' if event.get("url") else ""
            where = escape(event.get("title") or event.get("dataset") or "")
            reports.append(
                f"<li>{escape(event['date'] or '')} {escape(event['evidence'] or '')}"
                f' <span class="muted">{where}</span>{link}</li>'
            )
        stories.append(
            f'<li id="{escape(story_id)}"><strong>{escape(str(story["type"]))}</strong> '
            f"{escape(str(story['source']))} → {escape(str(story['target']))}, "
            f"{escape(str(story['start']))}, {escape(str(story['channel']))}, intensity "
            f"{float(story['intensity']):+.1f}; {story['reports']} report(s) from "  # type: ignore[arg-type]
            f"{story['sources']} source(s)<ul>{''.join(reports)}</ul></li>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        '<p class="muted">Counts are of stories (one happening however often reported); '
        "the net score sums their intensities on the cooperation-conflict scale. Each count "
        "links to its stories and their evidence.</p>"
        f"{ledger_svg(ledger)}"
        "<table><thead><tr><th>direction</th><th>period</th><th>channel</th>"
        "<th>cooperation</th><th>conflict</th><th>net</th></tr></thead><tbody>"
        f"{''.join(rows)}</tbody></table><h2>Stories</h2><ol>{''.join(stories)}</ol>"
        "</body></html>\n"
    )


def write_ledger(ledger: Ledger, folder: Path) -> tuple[Path, ...]:
    """Write the page, the chart (SVG, Vega-Lite) and the data of a ledger into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"ledger-{ledger.first}-{ledger.second}"
    files = {
        folder / f"{stem}.html": ledger_html(ledger),
        folder / f"{stem}.svg": ledger_svg(ledger),
        folder / f"{stem}.vl.json": json.dumps(ledger_vega_lite(ledger), indent=2) + "\n",
        folder / f"{stem}.json": json.dumps(ledger_data(ledger), indent=2, default=str) + "\n",
    }
    for path, content in files.items():
        path.write_text(content, encoding="utf-8")
    return tuple(files)
