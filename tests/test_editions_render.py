"""Rendering an edition: what a reader of the published page or file would check."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from risktracker.editions import render_html, render_markdown, write_edition
from risktracker.editions.markup import focus_html, md_text, safe_url
from risktracker.models import (
    ChartSeries,
    Development,
    DomainSection,
    Edition,
    Evidence,
    WatchEntry,
)

HOSTILE = "<script>alert(1)</script>"
SECTION_ORDER = ["header", "focus", "graphic", "top-risks", "watch", "calls", "record", "evidence"]
DOMAINS = (
    ("domestic_stability", "Domestic stability", "rising", 0.31, 0.24),
    ("security_defense", "Security and defense", "stable", 0.27, 0.27),
    ("geopolitical_competition", "Geopolitical competition", "easing", 0.22, 0.29),
    ("economic_tech_security", "Economic and tech security", "rising", 0.20, None),
)


def _evidence(doc: str, index: int, sentence: str, url: str | None = None) -> Evidence:
    return Evidence(
        document_id=doc,
        sentence_index=index,
        sentence=sentence,
        title=f"Report {doc}",
        url=url if url is not None else f"https://news.example.org/{doc}",
        published=date(2021, 8, 3),
        source="Example Wire",
    )


def _section(n: int, domain_id: str, name: str, arrow: str, share: float, prev: float | None):
    developments = tuple(
        Development(
            headline=f"{name}: development {k} in the quarter",
            score=1.0 - k / 10,
            evidence=_evidence(
                f"doc-{n}{k}", k + 2, f"Officials in case {n}.{k} announced new measures."
            ),
        )
        for k in range(1, 4)
    )
    return DomainSection(
        domain_id=domain_id,
        name=name,
        description=f"Attention to {name.lower()} moved as the quarter went on.",
        arrow=arrow,
        share=share,
        previous_share=prev,
        developments=developments,
    )


def make_edition(**changes: object) -> Edition:
    """A realistic edition: four domains, three developments each, two watch entries."""
    sections = tuple(_section(n, *domain) for n, domain in enumerate(DOMAINS, start=1))
    watch = (
        WatchEntry(
            expression="September 14",
            start=date(2021, 9, 14),
            end=date(2021, 9, 14),
            label="A regional strategy paper is due to be released",
            evidence=_evidence("doc-w1", 0, "The paper is due on September 14."),
        ),
        WatchEntry(
            expression="October 30-31",
            start=date(2021, 10, 30),
            end=date(2021, 10, 31),
            label=f"Summit {HOSTILE} in the capital",
            evidence=Evidence(
                document_id="doc-w2",
                sentence_index=4,
                sentence=f"Leaders meet at the end of October {HOSTILE}.",
                title=f"Hostile <b>title</b> {HOSTILE}",
                url="javascript:alert(document.cookie)",
                published=None,
                source="Unknown <i>blog</i>",
            ),
        ),
    )
    chart = ChartSeries(
        title="Attention per domain",
        caption="Share of the period's sentences labelled with each domain, by month.",
        months=("2021-07", "2021-08", "2021-09"),
        values={d[0]: (0.2 + i / 20, 0.25, 0.3 - i / 50) for i, d in enumerate(DOMAINS)},
    )
    edition = Edition(
        number="3/2021",
        period="2021-Q3",
        start=date(2021, 7, 1),
        end=date(2021, 9, 30),
        title="China Security and Risk Tracker",
        reading_minutes=15,
        authors=("A. Analyst", "B. Researcher"),
        focus_title="Partners with limits",
        focus_markdown="An essay on a **close** but *uneasy* partnership.\n\n## Where it frays\n",
        chart=chart,
        sections=sections,
        watch=watch,
        generated_from=1234,
    )
    return replace(edition, **changes)


class PageReader(HTMLParser):
    """Collects what a reader navigates by: sections, links, footnotes, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, int]] = []  # (id, depth)
        self.links: list[dict[str, str]] = []  # attrs of each <a>, plus the section it is in
        self.footnotes: dict[str, str] = {}  # li id -> its text
        self.scripts = 0
        self._stack: list[str] = []  # open section ids
        self._note: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.sections.append((found.get("id", ""), len(self._stack)))
            self._stack.append(found.get("id", ""))
        if tag == "a":
            self.links.append({**found, "_in": self._stack[-1] if self._stack else ""})
        if tag == "li" and found.get("id", "").startswith("ev-"):
            self._note = found["id"]
            self.footnotes[self._note] = ""
            self._depth = 0
        elif tag == "li" and self._note:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._stack:
            self._stack.pop()
        if tag == "li" and self._note:
            if self._depth == 0:
                self._note = None
            else:
                self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._note:
            self.footnotes[self._note] += data


def read(page: str) -> PageReader:
    reader = PageReader()
    reader.feed(page)
    reader.close()
    return reader


def test_sections_follow_the_seed_order() -> None:
    page = read(render_html(make_edition()))
    top = [sid for sid, depth in page.sections if depth == 0]
    domains = [sid for sid, depth in page.sections if depth == 1]
    assert top == SECTION_ORDER
    assert domains == [f"domain-{d[0]}" for d in DOMAINS]


def test_header_shows_number_period_reading_time_and_authors() -> None:
    html = render_html(make_edition())
    header = html.split('<section id="header">')[1].split("</section>")[0]
    assert "China Security and Risk Tracker" in header
    assert "No. 3/2021" in header
    assert "2021-Q3" in header and "1 July" in header and "30 September 2021" in header
    assert "15 min read" in header
    assert "A. Analyst, B. Researcher" in header
    assert '<html lang="en">' in html and '<meta charset="utf-8">' in html


def test_every_development_links_to_a_footnote_quoting_its_sentence() -> None:
    edition = make_edition()
    page = read(render_html(edition))
    for section in edition.sections:
        links = [
            a
            for a in page.links
            if a["_in"] == f"domain-{section.domain_id}" and a.get("class") == "evidence-link"
        ]
        assert len(links) >= 3
        for link, development in zip(links, section.developments, strict=True):
            note_id = link["href"].removeprefix("#")
            assert note_id in page.footnotes, link
            assert development.evidence.sentence in page.footnotes[note_id]
            assert link["data-document"] == development.evidence.document_id
            assert link["data-sentence"] == str(development.evidence.sentence_index)


def test_arrows_show_symbol_word_and_shares() -> None:
    html = render_html(make_edition())
    assert "↑</span> rising" in html and "→</span> stable" in html and "↓</span> easing" in html
    assert "31.0% of attention" in html and "previous period 24.0%" in html
    assert "no figure for the previous period" in html


def test_watch_lists_expression_label_and_its_evidence() -> None:
    page = read(render_html(make_edition()))
    watch_links = [a for a in page.links if a["_in"] == "watch"]
    assert len(watch_links) == 2
    assert all(a["href"].removeprefix("#") in page.footnotes for a in watch_links)
    html = render_html(make_edition())
    assert '<time datetime="2021-09-14">September 14</time></strong>: A regional' in html
    assert "Looking forward: What to watch in the months ahead" in html


def test_a_domain_without_developments_says_so() -> None:
    edition = make_edition()
    quiet = replace(edition.sections[2], developments=(), arrow="unclear")
    sections = (*edition.sections[:2], quiet, edition.sections[3])
    html = render_html(replace(edition, sections=sections))
    domain = html.split('<section id="domain-geopolitical_competition"')[1].split("</section>")[0]
    assert "No key developments were found" in domain
    assert 'class="arrow arrow-unknown"' in domain and "unclear" in domain


def test_footnotes_show_source_date_and_host() -> None:
    html = render_html(make_edition())
    note = html.split('<li id="ev-1"')[1].split("</li>")[0]
    assert "<cite>Report doc-11</cite>, Example Wire" in note
    assert '<time datetime="2021-08-03">3 August 2021</time>' in note
    assert '<a href="https://news.example.org/doc-11"' in note and ">news.example.org</a>" in note


def test_empty_watch_says_nothing_dated_was_found() -> None:
    html = render_html(make_edition(watch=()))
    watch = html.split('<section id="watch">')[1].split("</section>")[0]
    assert "No dated items were found" in watch


def test_hostile_text_is_escaped_and_no_script_runs() -> None:
    html = render_html(make_edition())
    page = read(html)
    assert page.scripts == 0
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>title</b>" not in html and "<i>blog</i>" not in html


def test_only_http_urls_become_links() -> None:
    html = render_html(make_edition())
    hrefs = [a.get("href", "") for a in read(html).links]
    assert hrefs and all(h.startswith(("#ev-", "https://")) for h in hrefs)
    assert not any("javascript" in h.lower() for h in hrefs)
    assert "link omitted" in html
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("java\tscript:alert(1)") is None
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


def test_missing_focus_shows_a_marked_notice() -> None:
    html = render_html(make_edition(focus_markdown=None))
    focus = html.split('<section id="focus">')[1].split("</section>")[0]
    assert 'class="notice"' in focus
    assert "Focus topic not yet written" in focus
    assert "--focus FILE" in focus


def test_focus_markdown_subset_is_rendered_safely() -> None:
    text = (
        "First **bold** and *italic* with [a source](https://example.org/x?a=1&b=2).\n"
        "Still the first paragraph.\n\n"
        "## A heading\n\n"
        "- one item\n- [bad link](javascript:void) and [local](notes.html#part)\n\n"
        "<img src=x onerror=alert(1)> stays text"
    )
    out = str(focus_html(text))
    assert "<strong>bold</strong>" in out and "<em>italic</em>" in out
    assert '<a href="https://example.org/x?a=1&amp;b=2">a source</a>' in out
    assert "with <a" in out and "Still the first paragraph.</p>" in out
    assert "<h3>A heading</h3>" in out
    assert "<ul><li>one item</li><li>bad link" in out
    assert '<a href="notes.html#part">local</a>' in out
    assert 'href="javascript' not in out.lower()
    assert "&lt;img src=x onerror=alert(1)&gt; stays text" in out
    assert "<img" not in out


def test_shared_evidence_keeps_one_footnote() -> None:
    edition = make_edition()
    first = edition.sections[0].developments[0]
    twin = replace(edition.sections[1].developments[0], evidence=first.evidence)
    sections = list(edition.sections)
    sections[1] = replace(sections[1], developments=(twin, *sections[1].developments[1:]))
    page = read(render_html(replace(edition, sections=tuple(sections))))
    assert len(page.footnotes) == 4 * 3 + 2 - 1
    refs = {a["href"] for a in page.links if a.get("class") == "evidence-link"}
    assert refs == {f"#ev-{n}" for n in range(1, len(page.footnotes) + 1)}


def test_footer_counts_documents() -> None:
    html = render_html(make_edition())
    footer = html.split("<footer>")[1]
    assert "Generated from 1,234 documents" in footer
    assert "Generated from 1 document " in render_html(make_edition(generated_from=1))


def test_graphic_is_inline_svg_with_caption() -> None:
    html = render_html(make_edition(), names={"security_defense": "Security & defence"})
    graphic = html.split('<section id="graphic">')[1].split("</section>")[0]
    assert "<h2>Graphic of the quarter</h2>" in graphic
    assert "<svg" in graphic and "<figcaption>Share of the period" in graphic
    assert "Security &amp; defence" in graphic


def test_markdown_has_the_sections_in_order_and_footnotes() -> None:
    md = render_markdown(make_edition())
    headings = [line for line in md.splitlines() if line.startswith("#")]
    expected = [
        "# China Security and Risk Tracker",
        "## Focus topic: Partners with limits",
        "### Where it frays",
        "## Graphic of the quarter",
        "## Top risks",
        *[f"### {d[1]}" for d in DOMAINS],
        "## Looking forward: What to watch in the months ahead",
        "## Our calls this quarter",
        "## How our earlier calls fared",
    ]
    assert headings == expected
    assert "![Graphic of the quarter](attention.svg)" in md
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.MULTILINE))
    assert refs == defined and len(defined) == 14
    assert md.index("[^1]:") > md.index("## Looking forward")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "<https://news.example.org/doc-11>" in md
    assert "javascript:" not in md
    assert "**↑ rising**" in md


def test_document_text_is_inert_in_markdown() -> None:
    assert md_text("# Not a heading") == "\\# Not a heading"
    assert md_text("2021. A year") == "2021\\. A year"
    assert md_text("[link](javascript:x) *x* <b>") == "\\[link\\](javascript:x) \\*x\\* \\<b\\>"
    assert md_text("two\nlines") == "two lines"


def test_markdown_without_focus_shows_the_notice() -> None:
    md = render_markdown(make_edition(focus_markdown=None, focus_title=None))
    assert "## Focus topic\n" in md and "Focus topic not yet written" in md


def test_renders_are_byte_identical(tmp_path: Path) -> None:
    assert render_html(make_edition()) == render_html(make_edition())
    assert render_markdown(make_edition()) == render_markdown(make_edition())
    first = write_edition(make_edition(), tmp_path / "a")
    second = write_edition(make_edition(), tmp_path / "b" / "nested")
    assert [p.name for p in first] == [
        "edition-3-2021.html",
        "edition-3-2021.md",
        "attention.svg",
        "index.html",
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert b"\r\n" not in first[0].read_bytes()


def test_index_links_to_the_edition(tmp_path: Path) -> None:
    paths = write_edition(make_edition(), tmp_path)
    index = read(paths[-1].read_text(encoding="utf-8"))
    hrefs = [a["href"] for a in index.links]
    assert "edition-3-2021.html" in hrefs and "edition-3-2021.md" in hrefs
    assert all((tmp_path / href).exists() for href in hrefs)
