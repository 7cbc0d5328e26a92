"""Signals over the sample corpus (2021): attention, threats, acts, intensity and arrows per
period, every point traceable to its sentences; ranked developments; the GPR overlay."""

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker.analyze.developments import rank_developments
from risktracker.analyze.edition_signals import domain_arrows, domain_developments
from risktracker.analyze.signals import compute_signals, period_of, signal_words
from risktracker.analyze.trends import EDITION_ARROWS
from risktracker.cli import app
from risktracker.demo import sample_corpus_dir
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.store import Store
from risktracker.store.signals import sentence_texts

GPR = Path(__file__).parent / "fixtures" / "gpr" / "data_gpr_export_subset.csv"


@pytest.fixture(scope="module")
def sample(tmp_path_factory, kb) -> tuple[Store, str]:  # noqa: ANN001
    url = f"sqlite:///{tmp_path_factory.mktemp('signals') / 'rt.db'}"
    store = Store(url)
    ingest(store, [str(sample_corpus_dir())])
    enrich_pending(store, kb, workers=1)
    return store, url


@pytest.fixture(scope="module")
def quarters(sample, kb) -> list:  # noqa: ANN001
    return compute_signals(sample[0], kb, by="quarter")


def test_four_domains_by_quarter_for_2021(quarters, kb) -> None:  # noqa: ANN001
    assert {p.key for p in quarters} == set(kb.domain_ids)
    assert {p.period for p in quarters} == {"2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"}
    for domain in kb.domain_ids:
        series = [p for p in quarters if p.key == domain]
        assert len(series) == 4
        assert math.isclose(sum(p.attention for p in series) / 4, 100, abs_tol=0.1)
        for p in series:
            assert 0 < p.documents <= p.total
            assert p.share == round(p.documents / p.total, 4)
            assert p.trend is not None and p.trend.arrow in {
                "deteriorating",
                "stable",
                "improving",
            }
        assert series[0].trend.mean is None  # the first quarter has no history
        assert len(series[3].trend.window) == 3


def test_every_point_traces_to_sentences_of_its_period(sample, quarters) -> None:  # noqa: ANN001
    store, _ = sample
    keys = [tuple(s.split(":")) for p in quarters for s in p.sentences]
    texts = sentence_texts(store, [(d, int(i)) for d, i in keys])
    assert len(texts) == len(set(keys)) > 100
    for point in quarters:
        assert point.sentences, point
        for ref in point.sentences:
            doc, _, idx = ref.partition(":")
            assert doc in point.document_ids and (doc, int(idx)) in texts


def test_threats_and_acts_rest_on_their_words(sample, quarters) -> None:  # noqa: ANN001
    store, _ = sample
    threat_re, act_re, _words = signal_words()
    assert any(p.threats for p in quarters) and any(p.acts for p in quarters)
    point = max(quarters, key=lambda p: p.threats or 0)
    texts = sentence_texts(
        store, [(s.split(":")[0], int(s.split(":")[1])) for s in point.sentences]
    )
    assert any(threat_re.search(t.lower()) for t in texts.values())
    assert all(p.intensity >= 0 and p.intensity_basis in {"events", "attention"} for p in quarters)


def test_the_edition_gets_the_same_arrows(sample, quarters, kb) -> None:  # noqa: ANN001
    arrows = domain_arrows(sample[0], kb, "2021-Q3")
    expected = {p.key: p.trend for p in quarters if p.period == "2021-Q3"}
    assert arrows == expected


def test_an_edition_built_without_a_folder_shows_the_signals_arrows(
    sample, quarters, kb, monkeypatch, tmp_path
) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", sample[1])
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--period", "2021-Q3", "--number", "3/2021", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "edition-3-2021.html").read_text(encoding="utf-8")
    shown = re.findall(r'class="arrow arrow-(\w+)"', page)
    expected = [
        EDITION_ARROWS[p.trend.arrow] if p.trend else "stable"
        for domain in kb.domain_ids
        for p in quarters
        if p.period == "2021-Q3" and p.key == domain
    ]
    assert shown == expected


def test_periods() -> None:
    assert period_of(date(2021, 7, 14), "week") == (
        "2021-W28",
        date(2021, 7, 12),
        date(2021, 7, 18),
    )
    assert period_of(date(2021, 2, 14), "month") == ("2021-02", date(2021, 2, 1), date(2021, 2, 28))
    assert period_of(date(2021, 12, 31), "quarter")[0] == "2021-Q4"


def test_months_and_pairs(sample, kb) -> None:  # noqa: ANN001
    store, _ = sample
    months = compute_signals(store, kb, by="month", kind="domain", keys=("security_defense",))
    assert [p.period for p in months] == [f"2021-{m:02d}" for m in range(1, 13)]
    pairs = compute_signals(store, kb, by="quarter", kind="pair", keys=("CHN-USA",))
    assert sum(p.documents for p in pairs) > 5
    assert all(p.name == "CHN-USA" for p in pairs)


def test_developments_are_ranked_with_their_figures(sample, kb) -> None:  # noqa: ANN001
    store, _ = sample
    ranked = domain_developments(store, kb, "2021-Q3")
    assert set(ranked) == set(kb.domain_ids)
    for domain, items in ranked.items():
        assert 1 <= len(items) <= 5
        assert [x.score for x in items] == sorted((x.score for x in items), reverse=True)
        for x in items:
            assert x.domain == domain
            expected = (1 + math.log(x.size)) * (1 + math.log(x.sources)) * x.intensity * x.novelty
            assert math.isclose(x.score, expected, rel_tol=1e-3)
            assert f"{x.evidence.document_id}:{x.evidence.sentence_index}" in x.sentences
            assert date(2021, 7, 1) <= x.evidence.published <= date(2021, 9, 30)
            assert x.development().evidence == x.evidence
    more = rank_developments(
        store, kb.domain_ids, date(2021, 7, 1), date(2021, 9, 30), date(2021, 4, 1), limit=50
    )
    assert sum(len(v) for v in more.values()) > sum(len(v) for v in ranked.values())


def test_cli_signals_outputs(sample, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", sample[1])
    runner = CliRunner()
    result = runner.invoke(app, ["signals", "--by", "quarter", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 16 and data[0]["trend"]["window"] == [] and data[0]["sentences"]
    result = runner.invoke(app, ["signals", "--by", "month", "--topic", "taiwan", "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("kind,key,name,period")
    result = runner.invoke(app, ["signals", "--by", "year"])
    assert result.exit_code != 0


def test_parquet_without_pyarrow_is_a_clear_error(sample, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    try:
        import pyarrow  # noqa: F401

        pytest.skip("pyarrow is installed")
    except ImportError:
        pass
    from risktracker.cli.signals import _write_parquet
    from risktracker.errors import InputError

    with pytest.raises(InputError, match="pyarrow"):
        _write_parquet([], tmp_path / "x.parquet")


def test_gpr_overlay_and_correlation(sample, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", sample[1])
    runner = CliRunner()
    assert runner.invoke(app, ["indicators", "import", str(GPR)]).exit_code == 0
    chart = tmp_path / "overlay.svg"
    result = runner.invoke(
        app, ["signals", "--by", "month", "--overlay", "GPRC_CHN", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"r = -?\d\.\d{3} over 12 overlapping months", result.output)
    assert "2021-08  attention" in result.output and "GPRC_CHN 0.59" in result.output
    svg = chart.read_text()
    assert svg.startswith("<svg") and "GPRC_CHN" in svg
