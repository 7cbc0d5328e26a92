"""The graphic of the quarter: a hand-written SVG and its Vega-Lite twin."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET

import pytest

from risktracker.editions.charts import PALETTE, attention_svg, attention_vega_lite
from risktracker.models import ChartSeries

SVG = "{http://www.w3.org/2000/svg}"
NAMES = {
    "domestic_stability": "Domestic stability",
    "security_defense": "Security and defense",
    "geopolitical_competition": "Geopolitical competition",
    "economic_tech_security": "Economic and tech security",
}


def make_chart(**values: tuple[float, ...]) -> ChartSeries:
    return ChartSeries(
        title="Attention per domain",
        caption="Share of sentences labelled with each domain, by month.",
        months=("2021-07", "2021-08", "2021-09"),
        values=values
        or {
            "domestic_stability": (0.31, 0.28, 0.35),
            "security_defense": (0.22, 0.27, 0.24),
            "geopolitical_competition": (0.29, 0.25, 0.18),
            "economic_tech_security": (0.18, 0.20, 0.23),
        },
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_svg_parses_with_one_polyline_per_domain_and_a_legend() -> None:
    root = parse(attention_svg(make_chart(), names=NAMES))
    assert root.tag == f"{SVG}svg"
    polylines = list(root.iter(f"{SVG}polyline"))
    assert len(polylines) == 4
    colours = [p.get("stroke") for p in polylines]
    assert len(set(colours)) == 4 and all(c in PALETTE for c in colours)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == list(NAMES.values())


def test_svg_has_title_months_and_gridline_labels() -> None:
    root = parse(attention_svg(make_chart(), names=NAMES))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Attention per domain"
    assert root.get("role") == "img"
    labels = texts(root)
    assert {"Jul 2021", "Aug 2021", "Sep 2021"} <= set(labels)
    assert {"0.0", "0.1", "0.2", "0.3", "0.4"} <= set(labels)
    grid = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "grid")
    assert len(list(grid.iter(f"{SVG}line"))) == 5


def test_each_polyline_has_a_point_per_month_inside_the_plot() -> None:
    root = parse(attention_svg(make_chart(), width=720, height=320))
    for polyline in root.iter(f"{SVG}polyline"):
        points = [tuple(map(float, p.split(","))) for p in polyline.get("points", "").split()]
        assert len(points) == 3
        assert all(0 <= x <= 720 and 0 <= y <= 320 for x, y in points)
    series = [g for g in root.iter(f"{SVG}g") if g.get("class") == "series"]
    assert sum(len(list(g.iter(f"{SVG}circle"))) for g in series) == 4 * 3


def test_numbers_have_fixed_decimals_and_output_is_byte_stable() -> None:
    svg = attention_svg(make_chart(), names=NAMES)
    assert svg == attention_svg(make_chart(), names=NAMES)
    coordinates = re.findall(r'(?<![\w-])(?:x|y|x1|x2|y1|y2|cx|cy)="([^"]+)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+\.\d\d|0", c) for c in coordinates)
    assert "-0.00" not in svg


def test_text_is_escaped() -> None:
    chart = ChartSeries(
        title="Attention <script>alert(1)</script> & more",
        caption='A "quoted" caption',
        months=("2021-07", "<b>odd</b>"),
        values={"x<y": (1.0, 2.0)},
    )
    svg = attention_svg(chart, names={"x<y": "R&D <security>"})
    root = parse(svg)
    assert "<script" not in svg and "<b>" not in svg
    assert "R&D <security>" in texts(root)
    assert root.find(f"{SVG}title").text == "Attention <script>alert(1)</script> & more"


def test_domains_without_names_use_their_ids_and_gaps_are_skipped() -> None:
    chart = make_chart(a=(1.0, math.nan, 3.0), b=(2.0, 2.0, 2.0))
    root = parse(attention_svg(chart))
    polylines = list(root.iter(f"{SVG}polyline"))
    assert len(polylines[0].get("points", "").split()) == 2
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["a", "b"]


def test_empty_chart_still_draws_axes_and_says_so() -> None:
    chart = ChartSeries(title="Attention per domain", caption="", months=())
    root = parse(attention_svg(chart))
    assert not list(root.iter(f"{SVG}polyline"))
    assert "No attention data for this period" in texts(root)


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(TypeError):
        attention_svg(make_chart(), NAMES)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        attention_svg(make_chart(), width=100, height=50)


def test_vega_lite_spec_matches_the_svg() -> None:
    spec = attention_vega_lite(make_chart(), NAMES)
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    rows = spec["data"]["values"]
    assert len(rows) == 4 * 3
    assert {r["domain"] for r in rows} == set(NAMES.values())
    encoding = spec["encoding"]
    assert encoding["x"]["sort"] == ["Jul 2021", "Aug 2021", "Sep 2021"]
    assert encoding["color"]["scale"]["domain"] == list(NAMES.values())
    assert encoding["color"]["scale"]["range"] == list(PALETTE[:4])
    dumped = json.dumps(spec, sort_keys=True)
    assert dumped == json.dumps(attention_vega_lite(make_chart(), NAMES), sort_keys=True)
