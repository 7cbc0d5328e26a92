"""The analyze stage: SQL-backed analyses over what enrichment stored (stories, signals).

Each analysis is a function ``(store, kb) -> str`` (a one-line summary) registered in
:data:`ANALYSES` as ``(name, "module:function")``, run in order by ``risktracker
analyze`` and by the demo. Analyses are idempotent: running them twice changes nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..kb import KnowledgeBase
from ..store import Store

# (name, "module:function" under risktracker.analyze), in the order they run.
ANALYSES: tuple[tuple[str, str], ...] = (
    ("stories", "stories:build_stories"),  # issue 4
    ("relations", "relations:summarize"),  # issue 4
    ("watch", "watch:merge_watch"),  # issue 3
    ("signals", "signals:summarize"),  # issue 5: after stories, which group documents
)


def run_analyses(
    store: Store, kb: KnowledgeBase, only: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """Run the registered analyses (or ``only`` those named); returns (name, summary)."""
    done = []
    for name, target in ANALYSES:
        if only and name not in only:
            continue
        module_name, function_name = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        analysis: Callable[[Store, KnowledgeBase], str] = getattr(module, function_name)
        done.append((name, analysis(store, kb)))
    return done
