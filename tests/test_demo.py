"""End to end: the demo job in a temporary folder, read as a reader of the edition would."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from risktracker.demo import run_demo
from risktracker.store import Store

SEED_ORDER = ["header", "focus", "graphic", "top-risks", "watch"]
DOMAINS = [
    "domestic_stability",
    "security_defense",
    "geopolitical_competition",
    "economic_tech_security",
]


class _Outline(HTMLParser):
    """Section ids in order, and per domain section the evidence links it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.links: dict[str, list[str]] = {}
        self.footnotes: dict[str, str] = {}
        self._domain: str | None = None
        self._footnote: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ident = values.get("id") or ""
        if tag == "section" and ident in SEED_ORDER:
            self.sections.append(ident)
        if ident.startswith("domain-"):
            self._domain = ident.removeprefix("domain-")
            self.links[self._domain] = []
        if tag == "a" and "evidence-link" in (values.get("class") or "") and self._domain:
            self.links[self._domain].append((values.get("href") or "").lstrip("#"))
        if tag == "section" and ident == "watch":
            self._domain = None
        if tag == "li" and ident.startswith("ev-"):
            self._footnote = ident
            self.footnotes[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._footnote = None

    def handle_data(self, data: str) -> None:
        if self._footnote:
            self.footnotes[self._footnote] += data


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    folder = tmp_path_factory.mktemp("demo")
    return folder, run_demo(folder)


def test_demo_stores_and_enriches_the_sample_corpus(demo) -> None:  # noqa: ANN001
    folder, result = demo
    assert result.ingest.stored >= 200 and result.ingest.failed == 0
    assert result.ingest.near_duplicates >= 4  # the corpus holds deliberate near-duplicates
    status = Store(result.database).status()
    assert status["enriched_documents"] == status["documents"] == result.ingest.stored
    assert status["mentions"] > 1000 and status["watch_items"] > 0


def test_edition_follows_the_seed_structure_with_linked_developments(demo) -> None:  # noqa: ANN001
    folder, result = demo
    html_path = next(p for p in result.outputs if p.name == "edition-3-2021.html")
    outline = _Outline()
    outline.feed(html_path.read_text(encoding="utf-8"))
    assert outline.sections == SEED_ORDER
    assert list(outline.links) == DOMAINS
    for domain, links in outline.links.items():
        assert len(links) >= 3, domain
        for link in links:
            assert outline.footnotes.get(link, "").strip(), (domain, link)
    markdown = next(p for p in result.outputs if p.suffix == ".md").read_text(encoding="utf-8")
    assert "3/2021" in markdown and "What to watch" in markdown


def test_running_the_demo_again_adds_nothing_and_gives_the_same_files(demo) -> None:  # noqa: ANN001
    folder, result = demo
    before = {p: p.read_bytes() for p in result.outputs}
    status = Store(result.database).status()
    again = run_demo(folder)
    assert again.ingest.stored == 0 and again.enrich.enriched == 0
    assert Store(result.database).status() == status
    assert {p: p.read_bytes() for p in again.outputs} == before


def test_outputs_are_listed_as_real_files(demo) -> None:  # noqa: ANN001
    folder, result = demo
    assert all(Path(p).is_file() and Path(p).stat().st_size > 0 for p in result.outputs)
