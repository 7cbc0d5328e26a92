"""The graphic of the quarter, as chosen in ``edition.yml`` (``graphic: kind: ...``).

* ``domain_attention``: share of documents per domain by month (:mod:`.assemble`);
* ``country_pair_ledger`` (``pair: CHN-RUS``): net cooperation and conflict of a pair,
  each direction a line (the events stage: ``analyze/relations.py``, ``ledger_chart.py``);
* ``topic_signal`` (``topic: taiwan_strait``): a topic's share of documents by month
  (the signals stage: ``analyze/signals.py``);
* ``indicator`` (``indicator: GPRC_CHN``): an imported indicator next to our attention
  (``analyze/indicators.py``; import the series first).

Each is drawn as deterministic SVG with its Vega-Lite specification. A kind whose stage
is not installed is reported unavailable, with the reason, by ``edition check`` and by
``edition build``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..models import ChartSeries
from ..store import Store
from .charts import attention_svg, attention_vega_lite
from .periods import Quarter
from .spec import GraphicSpec

# kind -> (module that must provide it, the field the analyst has to fill in)
_PROVIDERS = {
    "country_pair_ledger": ("risktracker.editions.ledger_chart", "pair"),
    "topic_signal": ("risktracker.analyze.signals", "topic"),
    "indicator": ("risktracker.analyze.indicators", "indicator"),
}


@dataclass(frozen=True)
class Graphic:
    chart: ChartSeries  # the series behind the SVG (the attention chart for a ledger)
    caption: str
    svg: str
    spec: str  # Vega-Lite, JSON text


def unavailable(spec: GraphicSpec) -> str | None:
    """Why the chosen graphic cannot be drawn, or None when it can."""
    if spec.kind == "domain_attention":
        return None
    module, needs = _PROVIDERS[spec.kind]
    if getattr(spec, needs) is None:
        return f"graphic kind {spec.kind} needs `{needs}:` in edition.yml"
    if find_spec(module) is None:
        return (
            f"graphic kind {spec.kind} is unavailable: {module} is not installed in this "
            "version; use kind: domain_attention"
        )
    return None


def _json(spec: dict) -> str:
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _series_graphic(chart: ChartSeries, names: dict[str, str], caption: str) -> Graphic:
    svg = attention_svg(chart, names=names)
    return Graphic(chart, caption, svg, _json(attention_vega_lite(chart, names=names)))


def _months(quarters: list[Quarter]) -> list[str]:
    return [m for q in quarters for m in q.months()]


def _topic(store: Store, kb: KnowledgeBase, topic: str, quarters: list[Quarter]) -> ChartSeries:
    signals = import_module("risktracker.analyze.signals")
    if topic not in {t.id for t in kb.topics}:
        raise EditionError(f"graphic: unknown topic {topic!r}", "Use a topic id of topics.yml.")
    points = signals.compute_signals(
        store, kb, by="month", kind="topic", keys=(topic,), start=quarters[0].start,
        end=quarters[-1].end,
    )  # fmt: skip
    share = {p.period: round(100 * p.share, 1) for p in points if p.key == topic}
    months = _months(quarters)
    name = next(t.name for t in kb.topics if t.id == topic)
    return ChartSeries(
        title=f"Attention to {name} by month",
        caption=f"Share of documents (%) about {name}, by month. Source: documents in the store.",
        months=tuple(months),
        values={topic: tuple(share.get(m, 0.0) for m in months)},
    )


def _indicator(store: Store, series: str, quarters: list[Quarter]) -> ChartSeries:
    indicators = import_module("risktracker.analyze.indicators")
    found = indicators.overlay(store, series)
    months = _months(quarters)
    at = dict(zip(found.months, found.attention, strict=True))
    values = dict(zip(found.months, found.indicator, strict=True))
    if not any(values.get(m) is not None for m in months):
        raise EditionError(
            f"graphic: no values of indicator {series} for {months[0]} to {months[-1]}",
            "Import the indicator first, or choose another graphic kind.",
        )
    return ChartSeries(
        title=f"Our attention and {series} by month",
        caption=(
            f"Our monthly attention (100 = the average month) next to {series}; "
            f"correlation over {found.overlap} months: "
            + ("n/a" if found.correlation is None else f"{found.correlation:.2f}")
            + "."
        ),
        months=tuple(months),
        values={
            "attention": tuple(at.get(m) for m in months),
            series: tuple(values.get(m) for m in months),
        },
    )


def _ledger(store: Store, kb: KnowledgeBase, pair: str, quarters: list[Quarter]) -> tuple:
    relations = import_module("risktracker.analyze.relations")
    chart = import_module("risktracker.editions.ledger_chart")
    first, _, second = pair.replace("/", "-").partition("-")
    if not second:
        raise EditionError(f"graphic: pair {pair!r} is not two countries", "Write e.g. CHN-RUS.")
    found = relations.ledger(
        store, kb, relations.resolve_country(kb, first), relations.resolve_country(kb, second),
        by="month", start=quarters[0].start, end=quarters[-1].end,
    )  # fmt: skip
    return chart.ledger_svg(found), _json(chart.ledger_vega_lite(found)), chart.ledger_title(found)


def graphic_for(
    store: Store, kb: KnowledgeBase, spec: GraphicSpec, quarter: Quarter, attention: ChartSeries
) -> Graphic:
    """The graphic of the quarter (this quarter and the one before) for the chosen kind."""
    reason = unavailable(spec)
    if reason is not None:
        raise EditionError(reason, "Change `graphic:` in edition.yml.")
    quarters = [quarter.previous(), quarter]
    names = {d.id: d.name for d in kb.domains}

    def caption(default: str) -> str:
        return default if not spec.caption else f"{spec.caption} {default}"

    if spec.kind == "topic_signal":
        chart = _topic(store, kb, spec.topic or "", quarters)
        names = {t.id: t.name for t in kb.topics}
        return _series_graphic(chart, names, caption(chart.caption))
    if spec.kind == "indicator":
        chart = _indicator(store, spec.indicator or "", quarters)
        names = {"attention": "Our attention", spec.indicator or "": spec.indicator or ""}
        return _series_graphic(chart, names, caption(chart.caption))
    if spec.kind == "country_pair_ledger":
        svg, vega, title = _ledger(store, kb, spec.pair or "", quarters)
        text = f"{title}. Source: events coded from documents in the store."
        return Graphic(attention, caption(text), svg, vega)
    return _series_graphic(attention, names, caption(attention.caption))
