"""Edition folders as analysts write them: `edition new` proposals and `edition check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from risktracker.cli import app
from risktracker.demo import sample_corpus_dir, sample_editions_dir
from risktracker.editions.check import check_all, check_edition
from risktracker.editions.folder import LineMap
from risktracker.editions.scaffold import scaffold_edition
from risktracker.enrich.run import enrich_pending
from risktracker.ingest.run import ingest
from risktracker.store import Store

U = "https://sample.risktracker.invalid/2021"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, kb) -> Store:  # noqa: ANN001
    path = tmp_path_factory.mktemp("store") / "rt.db"
    store = Store(f"sqlite:///{path}")
    ingest(store, [str(sample_corpus_dir())])
    enrich_pending(store, kb, workers=1)
    return store


@pytest.fixture()
def editions(tmp_path: Path) -> Path:
    root = tmp_path / "editions"
    shutil.copytree(sample_editions_dir(), root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_sample_editions_pass_the_check(store, kb, editions) -> None:  # noqa: ANN001
    assert check_all(editions, kb, store) == []


def test_a_broken_edition_lists_each_problem_with_file_and_line(store, kb, editions) -> None:  # noqa: ANN001
    folder = editions / "2021-3"
    yml = folder / "edition.yml"
    # an arrow override without its reason
    text = yml.read_text(encoding="utf-8")
    yml.write_text(re.sub(r"    arrow_reason: >-\n(      .*\n)+", "", text), encoding="utf-8")
    # a development whose document the store does not hold
    tutoring = f"      - {U}/07/for-profit-tutoring-ban\n      - evidence:"
    _edit(yml, tutoring, tutoring.replace("for-profit-tutoring-ban", "no-such-story"))
    # a pinned watch item already past at the end of the quarter
    _edit(
        yml, "start: 2021-10-30\n      end: 2021-10-31", "start: 2021-09-20\n      end: 2021-09-21"
    )
    # a forecast whose deadline falls inside the period
    _edit(
        yml,
        "deadline: 2021-12-31\n    criteria: Yes if Fitch",
        "deadline: 2021-09-01\n    criteria: Yes if Fitch",
    )
    # a risk that is not in the register
    _edit(yml, "  - id: property-debt-stress", "  - id: property-debt-spiral")
    problems = check_edition(editions, folder, kb, store)
    found = {(p.path.name, p.line) for p in problems}
    messages = "\n".join(str(p) for p in problems)
    assert ("edition.yml", _line_of(yml, "    arrow: rising")) in found, messages
    assert "overrides the proposal (the signals propose stable) without `arrow_reason`" in messages
    assert ("edition.yml", _line_of(yml, "no-such-story")) in found, messages
    assert f"no stored document for evidence '{U}/07/no-such-story'" in messages
    assert ("edition.yml", _line_of(yml, "- expression: October 30-31")) in found, messages
    assert "already past at the end of 2021-Q3" in messages
    assert ("edition.yml", _line_of(yml, "deadline: 2021-09-01")) in found, messages
    assert ("edition.yml", _line_of(yml, "id: property-debt-spiral")) in found, messages
    assert "not in the register" in messages
    assert len(problems) == 5, messages


def test_schema_errors_name_the_field_and_line(kb, editions) -> None:  # noqa: ANN001
    yml = editions / "2021-2" / "edition.yml"
    _edit(yml, "    likelihood: 0.45\n", "    likelihood: 1.45\n")
    _edit(yml, "    impact: 3\n    arrow: stable", "    impact: 3\n    arrow: sideways")
    _edit(yml, "    headline: Apple Daily", "    headlines: Apple Daily")
    problems = check_edition(editions, editions / "2021-2", kb, None)
    lines = {p.line: p.message for p in problems}
    assert "extra" in lines[_line_of(yml, "headlines: Apple Daily")].lower()
    assert lines[_line_of(yml, "likelihood: 1.45")].startswith("risks.3.likelihood")
    assert lines[_line_of(yml, "arrow: sideways")].startswith("risks.2.arrow")


def test_yaml_syntax_error_names_its_line(kb, editions) -> None:  # noqa: ANN001
    yml = editions / "2021-1" / "edition.yml"
    _edit(yml, "title: China Security and Risk Tracker\n", "title: [unclosed\n")
    (problem,) = check_edition(editions, editions / "2021-1", kb, None)
    assert problem.path == yml and "not valid YAML" in problem.message
    assert problem.line is not None and abs(problem.line - _line_of(yml, "title:")) <= 2


def test_line_map_follows_nested_keys_and_items() -> None:
    lines = LineMap("a:\n  b:\n    - x\n    - y: 1\n      z: 2\nc: 3\n")
    assert lines.line(("a", "b", 1, "z")) == 5
    assert lines.line(("a", "b", 0)) == 3
    assert lines.line(("c",)) == 6
    assert lines.line(("a", "missing")) == 1


def test_new_edition_is_scaffolded_with_marked_proposals(store, kb, editions) -> None:  # noqa: ANN001
    paths = scaffold_edition(store, kb, editions, "4/2021", "2021-Q4")
    yml = editions / "2021-4" / "edition.yml"
    assert paths == [yml, editions / "2021-4" / "focus.md"]
    text = yml.read_text(encoding="utf-8")
    assert text.count("proposed: true") == 4 + 6  # four domains, six risks carried over from 3/2021
    assert f"{U}/10/adiz-record-52-aircraft" in text  # a proposed development of the quarter
    problems = check_edition(editions, editions / "2021-4", kb, store)
    kinds = [p.message for p in problems]
    assert sum("still a proposal" in m for m in kinds) == 4
    assert sum("carried over as a proposal" in m for m in kinds) == 6
    assert any("focus essay is not yet written" in m for m in kinds)
    # confirmed by an analyst: the marks go, and the check is clean
    yml.write_text(text.replace("proposed: true", "proposed: false"), encoding="utf-8")
    focus = editions / "2021-4" / "focus.md"
    focus.write_text("# Ties under strain\n\nAn essay.\n", encoding="utf-8")
    assert check_edition(editions, editions / "2021-4", kb, store) == []


def test_cli_check_exits_1_and_prints_file_and_line(store, editions, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("RISKTRACKER_DB", store.url)
    runner = CliRunner()
    clean = runner.invoke(app, ["edition", "check", "--editions", str(editions)])
    assert clean.exit_code == 0, clean.output
    yml = editions / "2021-1" / "edition.yml"
    _edit(yml, "    impact: 5\n", "    impact: 9\n")
    broken = runner.invoke(app, ["edition", "check", "1/2021", "--editions", str(editions)])
    assert broken.exit_code == 1
    assert f"{yml}:{_line_of(yml, 'impact: 9')}: risks.1.impact" in broken.output


def test_a_graphic_kind_without_its_subject_is_reported(kb, editions) -> None:  # noqa: ANN001
    yml = editions / "2021-2" / "edition.yml"
    _edit(yml, "  kind: domain_attention\n", "  kind: country_pair_ledger\n")
    problems = check_edition(editions, editions / "2021-2", kb, None)
    (problem,) = [p for p in problems if "graphic" in p.message]
    assert problem.line == _line_of(yml, "kind: country_pair_ledger")
    assert "needs `pair:`" in problem.message
    _edit(yml, "  kind: country_pair_ledger\n", "  kind: country_pair_ledger\n  pair: CHN-RUS\n")
    assert not [
        p for p in check_edition(editions, editions / "2021-2", kb, None) if "graphic" in p.message
    ]
