"""Signals and the classifier an analyst corrects: ``signals``, ``indicators import``,
``label``, ``train``."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .app import app, load_knowledge_base, open_store, parse_date, print_json, settings, stdout

indicators_app = typer.Typer(
    help="External indicator series (GPR and others).", no_args_is_help=True
)
app.add_typer(indicators_app, name="indicators")

CSV_COLUMNS = (
    "kind key name period start end documents total share attention threats acts intensity "
    "intensity_basis arrow sentences stories"
).split()


def _rows(points: list) -> list[dict[str, object]]:
    rows = []
    for point in points:
        data = point.as_dict()
        data["sentences"] = " ".join(point.sentences)
        data["stories"] = " ".join(point.stories)
        rows.append({k: data[k] for k in CSV_COLUMNS})
    return rows


def _write_parquet(points: list, path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "writing Parquet needs pyarrow, which is not installed",
            "Run `pip install pyarrow`, or use --csv or --json.",
        ) from None
    rows = _rows(points)
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)


@app.command()
def signals(
    by: Annotated[str, typer.Option("--by", help="week, month or quarter.")] = "month",
    domain: Annotated[str | None, typer.Option(help="Only this domain id.")] = None,
    topic: Annotated[str | None, typer.Option(help="Signals of this topic id.")] = None,
    actor: Annotated[str | None, typer.Option(help="Signals of this actor id.")] = None,
    pair: Annotated[
        str | None, typer.Option(help="Signals of a country pair, e.g. CHN-USA.")
    ] = None,
    start: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every point as JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Every point as CSV.")] = False,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="Write the points to this Parquet file.")
    ] = None,
    overlay: Annotated[
        str | None, typer.Option(help="With --by month: an imported series, e.g. GPRC_CHN.")
    ] = None,
    chart: Annotated[
        Path | None, typer.Option(help="With --overlay: write an SVG chart to this file.")
    ] = None,
) -> None:
    """Attention, threats, acts, intensity and the trend arrow per period, with evidence."""
    from ..analyze.signals import compute_signals

    chosen = [(k, v) for k, v in (("topic", topic), ("actor", actor), ("pair", pair)) if v]
    if len(chosen) > 1:
        raise InputError("give one of --topic, --actor, --pair", "Run one command per kind.")
    kind, key = chosen[0] if chosen else ("domain", domain)
    if kind == "pair" and key:
        key = "-".join(sorted(part.strip().upper() for part in key.split("-")))
    loaded = settings()
    store, kb = open_store(loaded), load_knowledge_base(loaded)
    points = compute_signals(
        store,
        kb,
        by=by,
        kind=kind,
        keys=(key,) if key else (),
        start=parse_date(start),
        end=parse_date(end),
    )
    if overlay:
        _overlay(store, overlay, chart)
        return
    if parquet is not None:
        _write_parquet(points, parquet)
        stdout.print(f"wrote {len(points)} points to {parquet}", highlight=False, soft_wrap=True)
    elif as_json:
        print_json([p.as_dict() for p in points])
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(_rows(points))
    else:
        _print_table(points)


def _print_table(points: list) -> None:
    if not points:
        stdout.print("no documents in that range", highlight=False, soft_wrap=True)
        return
    stdout.print(
        f"{'key':28} {'period':9} {'docs':>5} {'share':>6} {'attn':>6} {'threat':>6} "
        f"{'acts':>6} {'intens':>7}  arrow",
        highlight=False,
        soft_wrap=True,
    )
    for p in points:

        def fmt(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f}"

        arrow = p.trend.arrow if p.trend else "-"
        stdout.print(
            f"{p.key[:28]:28} {p.period:9} {p.documents:5d} {p.share:6.3f} {fmt(p.attention):>6} "
            f"{fmt(p.threats):>6} {fmt(p.acts):>6} {p.intensity:7.1f}  {arrow}",
            highlight=False,
            soft_wrap=True,
        )
    stdout.print(
        "evidence: --json lists the sentence ids (DOC:N) and stories behind every point",
        highlight=False,
        soft_wrap=True,
    )


def _overlay(store, series: str, chart: Path | None) -> None:  # noqa: ANN001
    from ..analyze.indicators import overlay

    result = overlay(store, series)
    if not any(v is not None for v in result.indicator):
        raise InputError(
            f"no values of {series} in the months of the documents",
            "Import it first: `risktracker indicators import FILE`.",
        )
    for month, ours, theirs in zip(result.months, result.attention, result.indicator, strict=True):
        stdout.print(
            f"{month}  attention {'-' if ours is None else ours:>6}  {series} "
            f"{'-' if theirs is None else theirs}",
            highlight=False,
            soft_wrap=True,
        )
    r = "n/a (fewer than 3 months)" if result.correlation is None else f"{result.correlation:.3f}"
    stdout.print(
        f"correlation of our China risk attention with {series}: r = {r} "
        f"over {result.overlap} overlapping months",
        highlight=False,
        soft_wrap=True,
    )
    if chart is not None:
        from ..editions.charts import attention_svg
        from ..models import ChartSeries

        figure = ChartSeries(
            title=f"Our China risk attention and {series}",
            caption=(
                f"Documents carrying a risk domain per month and {series} (Caldara and "
                "Iacoviello, Geopolitical Risk index), each scaled so its months average 100."
            ),
            months=result.months,
            values={
                "attention": tuple(float("nan") if v is None else v for v in result.attention),
                series: tuple(float("nan") if v is None else v for v in result.indicator_scaled),
            },
        )
        chart.write_text(
            attention_svg(figure, names={"attention": "China risk attention", series: series}),
            encoding="utf-8",
        )
        stdout.print(f"wrote {chart}", highlight=False, soft_wrap=True)


@indicators_app.command("import")
def indicators_import(
    file: Annotated[Path, typer.Argument(help="GPR export or any CSV of date,value columns.")],
    name: Annotated[
        str | None, typer.Option(help="Series name for a file with one value column.")
    ] = None,
) -> None:
    """Import indicator series; bad rows are reported with their line and skipped."""
    from ..ingest.indicators import read_indicators
    from ..store.indicators import replace_indicator_values

    loaded = settings()
    store = open_store(loaded)
    read = read_indicators(file, name=name)
    stored = replace_indicator_values(store, read.series, str(file))
    for line, reason in read.errors:
        stdout.print(f"skipped line {line}: {reason}", highlight=False, soft_wrap=True)
    stdout.print(
        f"imported {read.rows} dates, {len(read.series)} series, {stored} values "
        f"from {file} ({len(read.errors)} bad rows)",
        highlight=False,
        soft_wrap=True,
    )


@indicators_app.command("list")
def indicators_list() -> None:
    """The imported series with their number of values and date range."""
    from ..store.indicators import indicator_names

    for series, count, first, last in indicator_names(open_store(settings())):
        stdout.print(f"{series:16} {count:6d}  {first} .. {last}", highlight=False, soft_wrap=True)


@app.command()
def label(
    target: Annotated[str, typer.Argument(help="DOC_ID or DOC_ID:SENTENCE.")],
    domain: Annotated[str, typer.Argument(help="A domain id, or none.")],
) -> None:
    """Record an analyst's domain for a document or sentence (used by the next `train`)."""
    from ..store.labels import add_analyst_label

    loaded = settings()
    store, kb = open_store(loaded), load_knowledge_base(loaded)
    doc, sentence = add_analyst_label(store, target, domain, kb.domain_ids)
    where = doc if sentence is None else f"{doc} sentence {sentence}"
    stdout.print(f"labelled {where} as {domain} (analyst)", highlight=False, soft_wrap=True)


@app.command()
def train(
    gold: Annotated[
        Path | None, typer.Option(help="Gold file (default tests/gold/domains.jsonl).")
    ] = None,
    seed: Annotated[
        Path | None, typer.Option(help="An edition in plain text: its Top Risks paragraphs.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Train the domain model on the gold set, an edition and the analysts' labels."""
    from ..analyze.train import train as run_train

    loaded = settings()
    summary = run_train(open_store(loaded), load_knowledge_base(loaded), gold=gold, seed=seed)
    if as_json:
        print_json(
            {"version": summary.version, "examples": summary.examples, "origins": summary.by_origin}
        )
    else:
        stdout.print(summary.line(), highlight=False, soft_wrap=True)
