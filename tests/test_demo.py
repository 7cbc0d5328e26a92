"""End to end: the demo job in a temporary folder, read as a reader of the editions would.

The demo is built once for the module (about 15 s) and read by every test.
"""

import json
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from risktracker.demo import SAMPLE_EDITIONS, run_demo
from risktracker.editions.build import calendar_writer
from risktracker.store import Store

SEED_ORDER = ["header", "focus", "graphic", "top-risks", "watch"]
SECTIONS = [*SEED_ORDER, "changes", "calls", "record", "evidence"]
DOMAINS = [
    "domestic_stability",
    "security_defense",
    "geopolitical_competition",
    "economic_tech_security",
]


class _Outline(HTMLParser):
    """Top-level section ids in order, and per domain section the evidence links it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.links: dict[str, list[str]] = {}
        self.footnotes: dict[str, str] = {}
        self._domain: str | None = None
        self._footnote: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ident = values.get("id") or ""
        if tag == "section" and ident in SECTIONS:
            self.sections.append(ident)
            self._domain = None
        if ident.startswith("domain-"):
            self._domain = ident.removeprefix("domain-")
            self.links[self._domain] = []
        if tag == "a" and "evidence-link" in (values.get("class") or "") and self._domain:
            self.links[self._domain].append((values.get("href") or "").lstrip("#"))
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


def _file(result, name: str) -> Path:  # noqa: ANN001
    return next(p for p in result.outputs if p.name == name)


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_demo_stores_and_enriches_the_sample_corpus(demo) -> None:  # noqa: ANN001
    folder, result = demo
    assert result.ingest.stored >= 200 and result.ingest.failed == 0
    assert result.ingest.near_duplicates >= 4  # the corpus holds deliberate near-duplicates
    status = Store(result.database).status()
    assert status["enriched_documents"] == status["documents"] == result.ingest.stored
    assert status["mentions"] > 1000 and status["watch_items"] > 0


def test_three_editions_in_every_format_and_a_site(demo) -> None:  # noqa: ANN001
    folder, result = demo
    suffixes = [".html", ".pdf", ".md", ".json"]
    for number in SAMPLE_EDITIONS:
        slug = number.replace("/", "-")
        for suffix in suffixes:
            path = result.site_dir / slug / f"edition-{slug}{suffix}"
            assert path in result.outputs and path.stat().st_size > 500, path
        if calendar_writer() is not None:
            assert (
                (result.site_dir / slug / "watch.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
            )
    index = (result.site_dir / "index.html").read_text(encoding="utf-8")
    for number in SAMPLE_EDITIONS:
        assert f"No. {number}" in index
    feed = (result.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 3 and "<updated>2021-09-30T00:00:00Z</updated>" in feed


def test_edition_follows_the_seed_structure_with_linked_developments(demo) -> None:  # noqa: ANN001
    folder, result = demo
    html = _file(result, "edition-3-2021.html").read_text(encoding="utf-8")
    outline = _Outline()
    outline.feed(html)
    assert outline.sections == SECTIONS
    assert list(outline.links) == DOMAINS
    for domain, links in outline.links.items():
        assert len(links) >= 3, domain
        for link in links:
            assert outline.footnotes.get(link, "").strip(), (domain, link)
    text = _text(html)
    # the analysts' words from 2021-3/edition.yml, and their arrow override with its reason
    assert "Beijing punishes Lithuania and courts the Taliban." in text
    assert "the signals proposed" in text and "a share of attention cannot see" in text
    # a chosen development with the analyst's own headline
    assert "The personal information protection law passes in August" in text
    # the pinned watch item replaces the proposed one the analysts removed
    watch = text[text.index("What to watch in the months ahead") : text.index("What changed")]
    assert "October 30-31" in watch and "October 30 and 31" not in watch
    assert "Biden and Xi" in watch and "(estimated)" in watch  # confidence from the dates stage
    markdown = _file(result, "edition-3-2021.md").read_text(encoding="utf-8")
    assert "3/2021" in markdown and "What to watch" in markdown


def test_the_diff_and_the_scored_calls_are_in_the_edition(demo) -> None:  # noqa: ANN001
    folder, result = demo
    text = _text(_file(result, "edition-3-2021.html").read_text(encoding="utf-8"))
    changes = text[text.index("What changed since the last issue") : text.index("Our calls")]
    assert "Compared with No. 2/2021" in changes
    assert "Risk added: Property developers' debt spills over" in changes
    assert "Risk dropped: A maritime standoff in the South China Sea turns physical" in changes
    assert "Likelihood of Economic coercion of a small EU state: 30.0% → 60.0%" in changes
    record = text[text.index("How our earlier calls fared") : text.index("Evidence")]
    # 1/2021 and 2/2021 made nine calls; eight had resolved by 30 September 2021
    assert "8 resolved, 1 open" in record
    # (0.8 - 1)^2 for the carrier group, (0.7 - 1)^2 for the privacy law
    assert "0.040" in record and "0.090" in record
    # a call resolved after the period (Evergrande, December) is not yet known in 3/2021
    assert "Evergrande" not in record
    data = json.loads(_file(result, "edition-3-2021.json").read_text(encoding="utf-8"))
    edition = data["edition"]
    assert edition["diff"]["risks_added"] == ["property-debt-stress"]
    assert edition["track_record"]["overall"]["resolved"] == 8
    assert [f["id"] for f in edition["forecasts"]] == [
        "evergrande-default-2021",
        "adiz-50-aircraft-2021",
        "biden-xi-summit-2021",
    ]
    first = _text(_file(result, "edition-1-2021.html").read_text(encoding="utf-8"))
    assert "No earlier calls to score yet." in first and "What changed since" not in first


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_pdf_pages_render_and_carry_every_section_and_chinese_names(demo, tmp_path) -> None:  # noqa: ANN001
    folder, result = demo
    pdf = _file(result, "edition-3-2021.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert len(pages) == count and 4 <= count <= 30
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 1000 for p in pages)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for heading in (
        "China Security and Risk Tracker",
        "No. 3/2021",
        "Focus topic",
        "Graphic of the quarter",
        "Top risks",
        "Domestic stability",
        "Security and defense",
        "Geopolitical competition",
        "Economic and tech security",
        "What to watch",
        "What changed since the last issue",
        "Our calls this quarter",
        "How our earlier calls fared",
        "Evidence",
    ):
        assert heading in flat, heading
    assert "张伟" in flat and "习近平" in flat  # Chinese names survive into the PDF's text


def test_running_the_demo_again_adds_nothing_and_gives_the_same_bytes(demo) -> None:  # noqa: ANN001
    folder, result = demo
    before = {p: p.read_bytes() for p in result.outputs}
    status = Store(result.database).status()
    again = run_demo(folder)
    assert again.ingest.stored == 0 and again.enrich.enriched == 0
    assert Store(result.database).status() == status
    assert set(again.outputs) == set(before)
    changed = [p.name for p in again.outputs if p.read_bytes() != before[p]]
    assert changed == []  # HTML, PDF, Markdown, JSON, SVG, calendar, index and feed
