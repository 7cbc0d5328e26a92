"""The edition's "graphic of the quarter": attention per domain by month.

Two renderings of the same :class:`~risktracker.models.ChartSeries`:

* :func:`attention_svg` writes the SVG by hand. Static outputs (HTML, Markdown, later PDF)
  must not need a JavaScript runtime or a charting dependency, and a published edition
  must be byte-identical when it is rebuilt, so every number is formatted with fixed
  decimals and nothing depends on the clock, the locale or hash ordering.
* :func:`attention_vega_lite` returns the equivalent Vega-Lite v5 specification with the
  data inline, for the interactive dashboard.

Domains are drawn in the insertion order of ``chart.values`` (the assembler inserts them
in the order of the edition's sections) and each takes the next colour of :data:`PALETTE`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from risktracker.models import ChartSeries

# Okabe-Ito colours: distinguishable for the common forms of colour blindness, and dark
# enough to read on white. The pale yellow of the original set is left out.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
)

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_FONT = "font-family=\"Georgia, 'Times New Roman', serif\""
_MARGIN_LEFT = 56.0
_MARGIN_TOP = 44.0
_MARGIN_BOTTOM = 40.0
_LEGEND_GAP = 16.0
_CHAR_WIDTH = 6.4  # rough advance of an 11px serif glyph, used to size the legend


def _num(value: float) -> str:
    """Format a coordinate with two decimals, never as ``-0.00``."""
    return _fixed(value, 2)


def _fixed(value: float, places: int) -> str:
    """Format a value with ``places`` decimals, never with a negative zero."""
    text = f"{value:.{places}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _text(value: str) -> str:
    """Escape text content for XML (``&``, ``<``, ``>``)."""
    return escape(value)


def _attr(value: str) -> str:
    """Escape and quote an attribute value for XML."""
    return quoteattr(value)


def month_label(month: str) -> str:
    """Turn ``2021-07`` into ``Jul 2021``; anything else is shown as written."""
    parts = month.split("-")
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
        number = int(parts[1])
        if 1 <= number <= 12:
            return f"{_MONTH_ABBR[number - 1]} {parts[0]}"
    return month


def _finite(value: object) -> float | None:
    """Return the value as a float when it is a finite number, else None (a gap)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _nice_step(span: float, target_ticks: int = 4) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about the target."""
    raw = span / target_ticks
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power + 1e-12:
            return factor * power
    return 10.0 * power


def _decimals(step: float) -> int:
    """How many decimals tick labels need so that neighbouring ticks differ."""
    for places in range(0, 7):
        if abs(round(step, places) - step) < 1e-9:
            return places
    return 6


def _y_scale(values: Sequence[float]) -> tuple[float, float, float]:
    """Axis minimum, maximum and step: zero-based, rounded outwards to whole steps."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high - low <= 0:
        return 0.0, 1.0, 0.25
    step = _nice_step(high - low)
    axis_low = math.floor(low / step + 1e-9) * step
    axis_high = math.ceil(high / step - 1e-9) * step
    return axis_low, axis_high, step


def _domain_names(chart: ChartSeries, names: Mapping[str, str] | None) -> dict[str, str]:
    """Display names for the chart's domains; an unknown id is shown as itself."""
    given = names or {}
    return {domain_id: given.get(domain_id, domain_id) for domain_id in chart.values}


def _check_size(width: object, height: object) -> tuple[float, float]:
    """Reject sizes that cannot hold a chart (catches a mapping passed as ``width``)."""
    for label, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{label} must be a number, not {type(value).__name__}")
    if width < 320 or height < 160:
        raise ValueError(f"chart size {width}x{height} is too small (minimum 320x160)")
    return float(width), float(height)


def attention_svg(
    chart: ChartSeries,
    width: int = 720,
    height: int = 320,
    names: Mapping[str, str] | None = None,
) -> str:
    """Render ``chart`` as a self-contained SVG line chart.

    ``names`` maps domain ids to the names shown in the legend. Non-finite values are
    treated as missing: the line joins the points on either side. The result is a
    complete ``<svg>`` element (no XML declaration) that can be inlined in HTML or
    written to a file as it is.
    """
    w, h = _check_size(width, height)
    labels = _domain_names(chart, names)
    months = tuple(chart.months)
    series = {
        domain_id: [_finite(v) for v in tuple(values)[: len(months)]]
        for domain_id, values in chart.values.items()
    }
    present = [v for points in series.values() for v in points if v is not None]
    y_low, y_high, step = _y_scale(present)
    places = _decimals(step)

    longest = max((len(name) for name in labels.values()), default=0)
    legend_width = min(220.0, 28.0 + longest * _CHAR_WIDTH) if labels else 0.0
    plot_left = _MARGIN_LEFT
    plot_right = w - 16.0 - (legend_width + _LEGEND_GAP if labels else 0.0)
    plot_top = _MARGIN_TOP
    plot_bottom = h - _MARGIN_BOTTOM
    plot_w = plot_right - plot_left
    plot_h = plot_bottom - plot_top

    def x_at(i: int) -> float:
        if len(months) <= 1:
            return plot_left + plot_w / 2
        return plot_left + plot_w * i / (len(months) - 1)

    def y_at(value: float) -> float:
        return plot_bottom - plot_h * (value - y_low) / (y_high - y_low)

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(w)}" height="{int(h)}" '
        f'viewBox="0 0 {int(w)} {int(h)}" role="img" '
        'aria-labelledby="attention-chart-title attention-chart-desc" class="attention-chart">',
        f'<title id="attention-chart-title">{_text(chart.title)}</title>',
        f'<desc id="attention-chart-desc">{_text(chart.caption)}</desc>',
        f'<rect x="0" y="0" width="{int(w)}" height="{int(h)}" fill="#ffffff"/>',
        f'<text x="{_num(plot_left)}" y="22.00" {_FONT} font-size="14" font-weight="bold" '
        f'fill="#222222">{_text(chart.title)}</text>',
        '<g class="grid">',
    ]
    ticks = int(round((y_high - y_low) / step))
    for k in range(ticks + 1):
        value = y_low + k * step
        y = y_at(value)
        out.append(
            f'<line x1="{_num(plot_left)}" y1="{_num(y)}" x2="{_num(plot_right)}" '
            f'y2="{_num(y)}" stroke="#dddddd" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_num(plot_left - 8)}" y="{_num(y + 4)}" text-anchor="end" {_FONT} '
            f'font-size="11" fill="#444444">{_fixed(value, places)}</text>'
        )
    out.append("</g>")

    out.append('<g class="axes" stroke="#444444" stroke-width="1">')
    out.append(
        f'<line x1="{_num(plot_left)}" y1="{_num(plot_top)}" x2="{_num(plot_left)}" '
        f'y2="{_num(plot_bottom)}"/>'
    )
    out.append(
        f'<line x1="{_num(plot_left)}" y1="{_num(plot_bottom)}" x2="{_num(plot_right)}" '
        f'y2="{_num(plot_bottom)}"/>'
    )
    out.append("</g>")

    # Thin the month labels so that they do not overlap on long series.
    every = max(1, math.ceil(len(months) * 56.0 / max(plot_w, 1.0)))
    out.append('<g class="months">')
    for i, month in enumerate(months):
        x = x_at(i)
        out.append(
            f'<line x1="{_num(x)}" y1="{_num(plot_bottom)}" x2="{_num(x)}" '
            f'y2="{_num(plot_bottom + 4)}" stroke="#444444" stroke-width="1"/>'
        )
        if i % every == 0:
            out.append(
                f'<text x="{_num(x)}" y="{_num(plot_bottom + 18)}" text-anchor="middle" '
                f'{_FONT} font-size="11" fill="#444444">{_text(month_label(month))}</text>'
            )
    out.append("</g>")

    if not present:
        out.append(
            f'<text x="{_num(plot_left + plot_w / 2)}" y="{_num(plot_top + plot_h / 2)}" '
            f'text-anchor="middle" {_FONT} font-size="12" fill="#666666">'
            "No attention data for this period</text>"
        )

    for n, (domain_id, points) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        coords = [(x_at(i), y_at(v)) for i, v in enumerate(points) if v is not None]
        out.append(f'<g class="series" data-domain={_attr(domain_id)}>')
        out.append(
            f"<polyline points={_attr(' '.join(f'{_num(x)},{_num(y)}' for x, y in coords))} "
            f'fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>'
        )
        for (x, y), value in zip(coords, [v for v in points if v is not None], strict=True):
            out.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{colour}">'
                f"<title>{_text(labels[domain_id])}: {_fixed(value, max(places, 2))}</title>"
                "</circle>"
            )
        out.append("</g>")

    if labels:
        legend_x = plot_right + _LEGEND_GAP
        out.append('<g class="legend">')
        for n, name in enumerate(labels.values()):
            colour = PALETTE[n % len(PALETTE)]
            y = plot_top + 8 + n * 20
            out.append(
                f'<line x1="{_num(legend_x)}" y1="{_num(y)}" x2="{_num(legend_x + 18)}" '
                f'y2="{_num(y)}" stroke="{colour}" stroke-width="2"/>'
            )
            out.append(f'<circle cx="{_num(legend_x + 9)}" cy="{_num(y)}" r="3" fill="{colour}"/>')
            out.append(
                f'<text x="{_num(legend_x + 24)}" y="{_num(y + 4)}" {_FONT} font-size="11" '
                f'fill="#222222">{_text(name)}</text>'
            )
        out.append("</g>")

    out.append("</svg>")
    return "\n".join(out) + "\n"


def attention_vega_lite(
    chart: ChartSeries, names: Mapping[str, str] | None = None
) -> dict[str, object]:
    """The same chart as a Vega-Lite v5 specification, with its data inline.

    Months stay ordinal (in the chart's order, labelled as in the SVG) rather than
    temporal, so Vega does not reinterpret ``2021-07`` in the viewer's time zone. Colours
    follow :data:`PALETTE` in the same domain order as the SVG, so both renderings agree.
    """
    labels = _domain_names(chart, names)
    months = list(chart.months)
    rows: list[dict[str, object]] = []
    for domain_id, values in chart.values.items():
        for month, value in zip(months, tuple(values)[: len(months)], strict=False):
            number = _finite(value)
            if number is None:
                continue
            rows.append(
                {
                    "attention": number,
                    "domain": labels[domain_id],
                    "domain_id": domain_id,
                    "month": month,
                    "month_label": month_label(month),
                }
            )
    domain_names = list(labels.values())
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": chart.title,
        "description": chart.caption,
        "width": "container",
        "height": 280,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True, "interpolate": "linear"},
        "encoding": {
            "x": {
                "field": "month_label",
                "type": "ordinal",
                "sort": [month_label(m) for m in dict.fromkeys(months)],
                "title": "Month",
            },
            "y": {"field": "attention", "type": "quantitative", "title": "Attention"},
            "color": {
                "field": "domain",
                "type": "nominal",
                "title": "Domain",
                "scale": {
                    "domain": domain_names,
                    "range": [PALETTE[n % len(PALETTE)] for n in range(len(domain_names))],
                },
            },
            "tooltip": [
                {"field": "domain", "type": "nominal", "title": "Domain"},
                {"field": "month_label", "type": "nominal", "title": "Month"},
                {"field": "attention", "type": "quantitative", "title": "Attention"},
            ],
        },
    }
