"""Accuracy against the gold sets in ``tests/gold/``: ``risktracker eval TASK``.

Each task is a function ``(gold_path: Path | None) -> EvalReport`` registered in
:data:`EVALUATIONS` as ``(name, "module:function", default gold file name)``. The tests
pin floors on ``EvalReport.scores``; the CLI prints ``EvalReport.text``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class EvalReport:
    task: str
    scores: dict[str, float]  # e.g. {"type_f1": 0.82, "source_f1": 0.75}
    text: str  # the printed report: tables of precision, recall, F1, confusions
    details: dict[str, object] = field(default_factory=dict)


# (task name, "module:function" under risktracker.evaluate, gold file name in tests/gold)
EVALUATIONS: tuple[tuple[str, str, str], ...] = (
    ("classify", "classify:evaluate_classify", "domains.jsonl"),
    ("seed", "classify:evaluate_seed", "seed-edition.txt"),  # pass --gold EDITION.txt
    ("dates", "dates:evaluate", "dates.jsonl"),  # issue 3
    ("events", "events:evaluate", "events.jsonl"),  # issue 4
)


def default_gold_dir() -> Path:
    """``tests/gold`` of a source checkout (the gold sets are not installed)."""
    return Path(__file__).resolve().parents[3] / "tests" / "gold"


def task_names() -> tuple[str, ...]:
    return tuple(name for name, _, _ in EVALUATIONS)


def run_evaluation(task: str, gold: Path | None = None) -> EvalReport:
    for name, target, gold_file in EVALUATIONS:
        if name == task:
            module_name, function_name = target.split(":")
            module = importlib.import_module(f"{__name__}.{module_name}")
            evaluate: Callable[[Path], EvalReport] = getattr(module, function_name)
            path = gold or default_gold_dir() / gold_file
            if not path.is_file():
                raise InputError(
                    f"gold file {path} does not exist",
                    "Run from a source checkout or pass --gold FILE.",
                )
            return evaluate(path)
    raise InputError(
        f"unknown evaluation task {task!r}",
        f"Choose one of: {', '.join(task_names()) or '(none yet)'}.",
    )
