from __future__ import annotations

from pathlib import Path

import pytest

from risktracker.kb import KnowledgeBase, load_kb

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"
