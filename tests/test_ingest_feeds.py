"""Reading RSS and Atom feeds: full content, summaries, fetched pages and broken feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from risktracker.errors import IngestError
from risktracker.ingest.feeds import html_to_text, looks_like_feed, read_feed
from risktracker.models import RawDocument

GOOD = Path(__file__).parent / "fixtures" / "good"
BAD = Path(__file__).parent / "fixtures" / "bad"


def documents(items: list[RawDocument | IngestError]) -> list[RawDocument]:
    assert all(isinstance(item, RawDocument) for item in items), items
    return items  # type: ignore[return-value]


def page(url: str, text: str) -> RawDocument:
    return RawDocument(
        text=text, location=url, source="straitwatch.example.net", source_kind="web", url=url
    )


def test_rss_entries_with_full_content_and_with_summary_only() -> None:
    data = (GOOD / "rss.xml").read_bytes()
    full, short = documents(list(read_feed(data, "rss.xml", None)))
    assert full.source == short.source == "Strait Watch"
    assert full.source_kind == "feed"
    assert full.location == "rss.xml#1"
    assert full.title == "Navy announces live-fire exercise"
    assert full.url == "https://straitwatch.example.net/2021/08/live-fire"
    assert full.published == date(2021, 8, 17)
    assert full.external_id == "sw-2021-0817"
    assert full.text.startswith("The navy announced a live-fire exercise")  # content:encoded
    assert "\n\nFishing cooperatives asked for compensation" in full.text  # paragraphs kept
    assert "<p>" not in full.text
    assert short.text == "The northern channel reopened to cargo traffic after dredging work."
    assert short.published == date(2021, 8, 18)


def test_atom_published_falls_back_to_updated_and_content_beats_summary() -> None:
    data = (GOOD / "atom.xml").read_bytes()
    plenum, case = documents(list(read_feed(data, "atom.xml", None)))
    assert plenum.source == "Policy Tracker Notes"
    assert plenum.published == date(2021, 9, 27)  # <published>, not <updated>
    assert plenum.text == "The party's central committee will meet from 8 to 11 November."
    assert plenum.external_id == "urn:example:policy-tracker:plenum-dates"
    assert case.published == date(2021, 9, 30)  # only <updated>
    assert case.text.startswith("Commerce authorities fined a trading company")
    assert "first fine under the export control law" not in case.text  # the summary


def test_short_entries_are_fetched_and_long_ones_are_not() -> None:
    fetched: list[str] = []

    def fetch_page(url: str) -> RawDocument:
        fetched.append(url)
        return page(url, "Full article about the northern channel reopening. " * 5)

    data = (GOOD / "rss.xml").read_bytes()
    full, short = documents(list(read_feed(data, "rss.xml", fetch_page)))
    assert fetched == ["https://straitwatch.example.net/2021/08/channel-reopens"]
    assert short.text.startswith("Full article about the northern channel")
    assert short.title == "Port authority reopens northern channel"  # the feed's metadata
    assert short.source == "Strait Watch"
    assert short.source_kind == "feed"
    assert short.published == date(2021, 8, 18)
    assert full.text.startswith("The navy announced")


def test_dates_are_the_publishers_local_dates() -> None:
    data = b"""<rss version="2.0"><channel><title>Beijing desk</title>
    <item><description>Early morning notice.</description>
      <pubDate>Tue, 17 Aug 2021 06:00:00 +0800</pubDate></item>
    </channel></rss>"""
    (doc,) = read_feed(data, "desk.rss", None)
    assert isinstance(doc, RawDocument)
    assert doc.published == date(2021, 8, 17)  # 16 August in UTC


def test_failed_fetch_falls_back_to_the_summary() -> None:
    def fetch_page(url: str) -> RawDocument:
        raise IngestError(url, "HTTP 503")

    data = (GOOD / "rss.xml").read_bytes()
    _, short = documents(list(read_feed(data, "rss.xml", fetch_page)))
    assert short.text == "The northern channel reopened to cargo traffic after dredging work."


def test_entry_without_text_reports_why_its_page_failed() -> None:
    def fetch_page(url: str) -> RawDocument:
        raise IngestError(url, "disallowed by robots.txt")

    data = b"""<rss version="2.0"><channel><title>Links only</title>
    <item><title>Headline only</title><link>https://example.org/story</link></item>
    </channel></rss>"""
    (error,) = read_feed(data, "links.rss", fetch_page)
    assert isinstance(error, IngestError)
    assert error.location == "links.rss#1"
    assert error.reason == "no text in the feed, and its page: disallowed by robots.txt"


def test_a_page_shorter_than_the_summary_is_not_used() -> None:
    data = (GOOD / "rss.xml").read_bytes()
    items = list(read_feed(data, "rss.xml", lambda url: page(url, "Subscribe to read.")))
    _, short = documents(items)
    assert short.text == "The northern channel reopened to cargo traffic after dredging work."


def test_malformed_feed_is_one_error() -> None:
    items = list(read_feed((BAD / "malformed.rss").read_bytes(), "malformed.rss", None))
    assert len(items) == 1
    error = items[0]
    assert isinstance(error, IngestError)
    assert error.location == "malformed.rss"
    assert error.reason.startswith("malformed feed: line 3, column 20: not well-formed")


def test_xml_that_is_not_a_feed_is_an_error() -> None:
    data = b'<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>'
    (error,) = read_feed(data, "sitemap.xml", None)
    assert isinstance(error, IngestError)
    assert error.reason == "not an RSS or Atom feed"


def test_empty_valid_feed_yields_nothing() -> None:
    data = b'<rss version="2.0"><channel><title>Quiet week</title></channel></rss>'
    assert list(read_feed(data, "quiet.rss", None)) == []


def test_one_bad_entry_does_not_spoil_the_others() -> None:
    data = b"""<rss version="2.0"><channel><title>Mixed</title>
    <item><title>Kept</title><description>A normal entry.</description></item>
    <item><title></title><description>   </description></item>
    <item><title>Also kept</title><description>Another entry.</description>
      <pubDate>not a date</pubDate></item>
    </channel></rss>"""
    kept, empty, also_kept = read_feed(data, "https://feeds.example.org/mixed", None)
    assert isinstance(kept, RawDocument) and kept.text == "A normal entry."
    assert isinstance(empty, IngestError)
    assert empty.location == "https://feeds.example.org/mixed#2"
    assert empty.reason == "empty text"
    assert isinstance(also_kept, RawDocument) and also_kept.published is None


def test_source_falls_back_to_default_then_host() -> None:
    data = b"<rss><channel><item><description>Entry.</description></item></channel></rss>"
    (doc,) = read_feed(data, "https://www.feeds.example.org/x.rss", None)
    assert isinstance(doc, RawDocument) and doc.source == "feeds.example.org"
    (doc,) = read_feed(data, "local.rss", None, default_source="inbox")
    assert isinstance(doc, RawDocument) and doc.source == "inbox"


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "text/xml", True),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "", True),
        (b"<rdf:RDF xmlns:rdf='...'>", "application/xml", True),
        (b"<?xml-stylesheet href='s.xsl'?><?xml version='1.0'?>", "application/rss+xml", True),
        (b"<!DOCTYPE html><html><head><title>RSS news</title>", "text/html", False),
        (b"<html><link type='application/rss+xml' href='/feed'>", "", False),
    ],
)
def test_looks_like_feed(data: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_feed(data, content_type) is expected


def test_html_to_text_keeps_blocks_and_drops_scripts() -> None:
    html = (
        "<p>First &amp; <b>bold</b>.</p><script>track()</script><ul><li>one</li><li>two</li></ul>"
    )
    assert html_to_text(html) == "First & bold.\n\none\n\ntwo"
    assert html_to_text("plain words, no markup") == "plain words, no markup"
    assert html_to_text("") == ""
