"""The bilateral ledger: ordered pairs, channels, periods, counts of stories with their
evidence; the `relations` command and the chart of a pair over time."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker import cli
from risktracker.analyze import run_analyses
from risktracker.analyze.relations import ledger
from risktracker.editions.ledger_chart import ledger_svg, ledger_vega_lite
from risktracker.enrich.run import enrich_pending
from risktracker.errors import InputError
from risktracker.ingest.run import ingest
from risktracker.kb import KnowledgeBase
from risktracker.store import Store

REPORTS = [
    ("2021-06-28", "Russia and China renewed their friendship treaty."),
    ("2021-06-29", "Moscow and Beijing have renewed the treaty of friendship, officials said."),
    ("2021-08-10", "China and Russia began joint military exercises in Ningxia."),
    ("2021-08-12", "Russia sold fighter jets to China."),
    ("2021-09-01", "China criticised Russia over gas prices."),
]


@pytest.fixture()
def store(db_url: str, tmp_path: Path, kb: KnowledgeBase) -> Store:
    path = tmp_path / "reports.jsonl"
    lines = [
        json.dumps({"id": f"r{n}", "published": day, "source": f"Outlet {n % 2}", "text": text})
        for n, (day, text) in enumerate(REPORTS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(db_url)
    ingest(store, [str(path)])
    enrich_pending(store, kb, workers=1)
    run_analyses(store, kb)
    return store


def _cells(result) -> dict[tuple[str, str, str], tuple]:  # noqa: ANN001
    return {
        (c.source, c.period, c.channel): (c.cooperation, c.conflict, c.net, len(c.stories))
        for c in result.cells
    }


def test_ledger_keeps_directions_apart_and_counts_stories(store: Store, kb: KnowledgeBase) -> None:
    result = ledger(store, kb, "China", "RUS", by="quarter")
    assert (result.first, result.second, result.periods) == ("CHN", "RUS", ("2021-Q2", "2021-Q3"))
    assert _cells(result) == {
        # the treaty renewal, reported twice, is one story per direction (+6)
        ("CHN", "2021-Q2", "diplomatic"): (1, 0, 6.0, 1),
        ("RUS", "2021-Q2", "diplomatic"): (1, 0, 6.0, 1),
        # joint exercises (+6) both ways; arms (+7) only Russia to China
        ("CHN", "2021-Q3", "military"): (1, 0, 6.0, 1),
        ("RUS", "2021-Q3", "military"): (2, 0, 13.0, 2),
        # criticism (-2) only China to Russia
        ("CHN", "2021-Q3", "diplomatic"): (0, 1, -2.0, 1),
    }
    treaty = next(c for c in result.cells if c.source == "CHN" and c.period == "2021-Q2")
    evidence = result.evidence[treaty.stories[0]]
    assert evidence["reports"] == 2 and evidence["sources"] == 2
    assert {e["evidence"] for e in evidence["events"]} == {REPORTS[0][1], REPORTS[1][1]}


def test_channel_filter_and_months(store: Store, kb: KnowledgeBase) -> None:
    result = ledger(store, kb, "CHN", "RUS", by="month", channel="military")
    assert result.periods == ("2021-08",)
    assert {(c.source, c.cooperation) for c in result.cells} == {("CHN", 1), ("RUS", 2)}
    with pytest.raises(InputError, match="unknown channel"):
        ledger(store, kb, "CHN", "RUS", channel="cyber")
    with pytest.raises(InputError, match="unknown country"):
        ledger(store, kb, "CHN", "Atlantis")


def test_chart_has_both_directions_and_is_deterministic(store: Store, kb: KnowledgeBase) -> None:
    result = ledger(store, kb, "CHN", "RUS", by="quarter")
    svg = ledger_svg(result)
    assert svg == ledger_svg(result) and svg.startswith("<svg")
    assert "CHN → RUS" in svg and "RUS → CHN" in svg and svg.count("<circle") == 4
    spec = ledger_vega_lite(result)
    rows = spec["data"]["values"]
    assert {(r["direction"], r["period"], r["net"]) for r in rows} == {
        ("CHN → RUS", "2021-Q2", 6.0),
        ("CHN → RUS", "2021-Q3", 4.0),
        ("RUS → CHN", "2021-Q2", 6.0),
        ("RUS → CHN", "2021-Q3", 13.0),
    }
    assert all(r["stories"] for r in rows)


def test_relations_command(store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    runner = CliRunner()
    chart = tmp_path / "ledger.svg"
    result = runner.invoke(
        cli.app, ["relations", "CHN", "RUS", "--by", "quarter", "--json", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pair"] == ["CHN", "RUS"] and len(data["cells"]) == 5
    for cell in data["cells"]:
        assert cell["stories"] and all(s in data["stories"] for s in cell["stories"])
    assert chart.read_text(encoding="utf-8").startswith("<svg")
    result = runner.invoke(cli.app, ["relations", "RUS", "CHN", "--csv", "--channel", "military"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["source"], r["cooperation"]) for r in rows] == [("RUS", "2"), ("CHN", "1")]


def test_ledger_page_links_every_number_to_its_stories(
    store: Store, kb: KnowledgeBase, tmp_path: Path
) -> None:
    from risktracker.editions.ledger_page import write_ledger

    result = ledger(store, kb, "CHN", "RUS", by="quarter")
    paths = write_ledger(result, tmp_path / "ledger")
    assert sorted(p.name for p in paths) == [
        "ledger-CHN-RUS.html",
        "ledger-CHN-RUS.json",
        "ledger-CHN-RUS.svg",
        "ledger-CHN-RUS.vl.json",
    ]
    page = (tmp_path / "ledger" / "ledger-CHN-RUS.html").read_text(encoding="utf-8")
    for cell in result.cells:
        for story in cell.stories:
            assert f'href="#{story}"' in page and f'id="{story}"' in page
    assert REPORTS[3][1] in page  # the evidence sentence of the arms sale
    assert write_ledger(result, tmp_path / "again")  # same bytes on a rebuild
    again = (tmp_path / "again" / "ledger-CHN-RUS.html").read_text(encoding="utf-8")
    assert again == page
