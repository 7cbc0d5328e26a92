"""The bilateral ledger of a country pair as a chart: the net cooperation-conflict score
of each direction per period (China->Russia and Russia->China as two lines).

Two renderings of one :class:`~risktracker.analyze.relations.Ledger`, as for the
attention chart (:mod:`risktracker.editions.charts`, whose helpers this module reuses):

* :func:`ledger_svg` writes a deterministic SVG for static outputs (no JavaScript, no
  clock, fixed decimals), each point titled with its counts and story ids;
* :func:`ledger_vega_lite` returns the Vega-Lite v5 specification with the data inline,
  each point carrying the stories behind it (the dashboard links them).
"""

from __future__ import annotations

from ..analyze.relations import Ledger, net_by_period
from .charts import _FONT, PALETTE, _attr, _decimals, _fixed, _num, _text, _y_scale, month_label

_LEFT, _TOP, _BOTTOM, _RIGHT = 56.0, 44.0, 48.0, 16.0


def _label(period: str) -> str:
    return month_label(period) if "-Q" not in period and "-W" not in period else period


def _rows(ledger: Ledger) -> list[dict[str, object]]:
    stories: dict[tuple[str, str], list[str]] = {}
    for cell in ledger.cells:
        stories.setdefault((cell.source, cell.period), []).extend(cell.stories)
    rows = []
    for source, target in ((ledger.first, ledger.second), (ledger.second, ledger.first)):
        for period, net, coop, conf in net_by_period(ledger, source):
            rows.append(
                {
                    "direction": f"{source} → {target}",
                    "period": period,
                    "period_label": _label(period),
                    "net": net,
                    "cooperation": coop,
                    "conflict": conf,
                    "stories": stories.get((source, period), []),
                }
            )
    return rows


def ledger_title(ledger: Ledger) -> str:
    channel = f", {ledger.channel}" if ledger.channel else ""
    pair = f"{ledger.first} and {ledger.second}"
    return f"{pair}: net cooperation (+) and conflict (−) by {ledger.by}{channel}"


def ledger_vega_lite(ledger: Ledger) -> dict[str, object]:
    """Vega-Lite v5: one line per direction over the periods, stories in the tooltip."""
    rows = _rows(ledger)
    directions = list(dict.fromkeys(str(r["direction"]) for r in rows))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": ledger_title(ledger),
        "description": "Net score: the summed intensities of the stories of each direction "
        "(kb/data/events/scale.yml); counts are of stories, not articles.",
        "width": "container",
        "height": 280,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "color": "#999999"}, "encoding": {"y": {"datum": 0}}},
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {
                        "field": "period_label",
                        "type": "ordinal",
                        "sort": [_label(p) for p in ledger.periods],
                        "title": ledger.by.capitalize(),
                    },
                    "y": {"field": "net", "type": "quantitative", "title": "Net score"},
                    "color": {
                        "field": "direction",
                        "type": "nominal",
                        "title": "Direction",
                        "scale": {"domain": directions, "range": list(PALETTE[: len(directions)])},
                    },
                    "tooltip": [
                        {"field": "direction", "type": "nominal"},
                        {"field": "period_label", "type": "nominal", "title": ledger.by},
                        {"field": "net", "type": "quantitative"},
                        {"field": "cooperation", "type": "quantitative"},
                        {"field": "conflict", "type": "quantitative"},
                        {"field": "stories", "type": "nominal"},
                    ],
                },
            },
        ],
    }


def ledger_svg(ledger: Ledger, width: int = 640, height: int = 300) -> str:
    """The same chart as a standalone SVG; identical input gives identical bytes."""
    rows = _rows(ledger)
    periods = list(ledger.periods)
    low, high, step = _y_scale([float(r["net"]) for r in rows])  # type: ignore[arg-type]
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    places = _decimals(step)

    def x_at(index: int) -> float:
        if len(periods) <= 1:
            return _LEFT + plot_w / 2
        return _LEFT + plot_w * index / (len(periods) - 1)

    def y_at(value: float) -> float:
        return _TOP + plot_h * (high - value) / (high - low)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={_attr(ledger_title(ledger))}>',
        f"<title>{_text(ledger_title(ledger))}</title>",
        f'<text x="{_num(_LEFT)}" y="20" font-size="13" {_FONT}>'
        f"{_text(ledger_title(ledger))}</text>",
    ]
    ticks = int(round((high - low) / step))
    for n in range(ticks + 1):
        value = low + n * step
        y = y_at(value)
        colour = "#999999" if abs(value) < 1e-9 else "#e5e5e5"
        out.append(
            f'<line x1="{_num(_LEFT)}" y1="{_num(y)}" x2="{_num(width - _RIGHT)}" y2="{_num(y)}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_num(_LEFT - 6)}" y="{_num(y + 4)}" font-size="10" text-anchor="end" '
            f"{_FONT}>{_fixed(value, places)}</text>"
        )
    for index, period in enumerate(periods):
        out.append(
            f'<text x="{_num(x_at(index))}" y="{_num(height - _BOTTOM + 16)}" font-size="10" '
            f'text-anchor="middle" {_FONT}>{_text(_label(period))}</text>'
        )
    directions = list(dict.fromkeys(str(r["direction"]) for r in rows))
    for number, direction in enumerate(directions):
        colour = PALETTE[number % len(PALETTE)]
        points = [r for r in rows if r["direction"] == direction]
        coords = [(x_at(periods.index(str(r["period"]))), y_at(float(r["net"]))) for r in points]  # type: ignore[arg-type]
        if len(coords) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for (x, y), row in zip(coords, points, strict=True):
            tip = (
                f"{direction} {row['period_label']}: net {_fixed(float(row['net']), 1)}, "  # type: ignore[arg-type]
                f"{row['cooperation']} cooperation, {row['conflict']} conflict stories"
                + (f" ({', '.join(row['stories'])})" if row["stories"] else "")  # type: ignore[arg-type]
            )
            out.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{colour}">'
                f"<title>{_text(tip)}</title></circle>"
            )
        lx = _LEFT + number * 150.0
        ly = height - 10.0
        out.append(
            f'<rect x="{_num(lx)}" y="{_num(ly - 8)}" width="10" height="10" fill="{colour}"/>'
        )
        out.append(
            f'<text x="{_num(lx + 14)}" y="{_num(ly + 1)}" font-size="11" {_FONT}>'
            f"{_text(direction)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
