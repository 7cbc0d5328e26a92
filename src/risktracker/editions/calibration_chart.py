"""The calibration chart: stated probability against how often the calls came true.

A perfectly calibrated forecaster's points lie on the diagonal; points below it mean
the calls were too confident that things would happen. Each point is one probability
bin of :func:`~risktracker.editions.forecasts.calibration`, its size the number of
resolved calls. Hand-written SVG with fixed decimals, so the bytes are stable; a
Vega-Lite specification of the same data serves the dashboard.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..models import TrackRecord

_SIZE = 260.0
_PAD = 40.0


def _n(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def calibration_svg(record: TrackRecord | None) -> str:
    """An SVG scatter of the calibration bins (empty bins are left out)."""
    side = _SIZE + 2 * _PAD
    x0, y0 = _PAD, _PAD + _SIZE  # origin at the bottom left

    def x(p: float) -> float:
        return x0 + p * _SIZE

    def y(p: float) -> float:
        return y0 - p * _SIZE

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(side)}" height="{_n(side)}" '
        f'viewBox="0 0 {_n(side)} {_n(side)}" role="img" aria-labelledby="calibration-title">',
        '<title id="calibration-title">Calibration of resolved forecasts</title>',
        f'<rect x="{_n(x0)}" y="{_n(_PAD)}" width="{_n(_SIZE)}" height="{_n(_SIZE)}" '
        'fill="none" stroke="#999"/>',
        f'<line x1="{_n(x(0))}" y1="{_n(y(0))}" x2="{_n(x(1))}" y2="{_n(y(1))}" '
        'stroke="#bbb" stroke-dasharray="4 3"/>',
    ]
    for tick in (0.0, 0.5, 1.0):
        label = f"{round(tick * 100)}%"
        parts.append(
            f'<text x="{_n(x(tick))}" y="{_n(y0 + 16)}" font-size="11" '
            f'text-anchor="middle">{label}</text>'
        )
        parts.append(
            f'<text x="{_n(x0 - 6)}" y="{_n(y(tick) + 4)}" font-size="11" '
            f'text-anchor="end">{label}</text>'
        )
    parts.append(
        f'<text x="{_n(x(0.5))}" y="{_n(side - 4)}" font-size="11" text-anchor="middle">'
        "stated probability</text>"
    )
    parts.append(
        f'<text x="12" y="{_n(y(0.5))}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {_n(y(0.5))})">share that came true</text>'
    )
    bins = [] if record is None else [b for b in record.calibration if b.resolved]
    for item in bins:
        radius = 3.0 + 2.0 * min(item.resolved, 6)
        parts.append(
            f'<circle cx="{_n(x(item.mean_probability or 0))}" cy="{_n(y(item.observed or 0))}" '
            f'r="{_n(radius)}" fill="#2166ac" fill-opacity="0.7">'
            f"<title>{escape(f'{item.resolved} calls')}</title></circle>"
        )
    if not bins:
        parts.append(
            f'<text x="{_n(x(0.5))}" y="{_n(y(0.5))}" font-size="12" text-anchor="middle">'
            "no resolved calls yet</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def calibration_vega_lite(record: TrackRecord) -> dict:
    """The same chart as a Vega-Lite specification."""
    values = [
        {"stated": b.mean_probability, "observed": b.observed, "calls": b.resolved}
        for b in record.calibration
        if b.resolved
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "Calibration of resolved forecasts",
        "data": {"values": values},
        "mark": {"type": "circle", "opacity": 0.7},
        "encoding": {
            "x": {"field": "stated", "type": "quantitative", "scale": {"domain": [0, 1]}},
            "y": {"field": "observed", "type": "quantitative", "scale": {"domain": [0, 1]}},
            "size": {"field": "calls", "type": "quantitative"},
        },
    }
