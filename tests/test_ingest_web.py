"""Fetching pages and feeds over HTTP, with httpx.MockTransport standing in for the network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
import pytest

from risktracker.errors import IngestError
from risktracker.ingest import iter_raw_documents
from risktracker.ingest.web import USER_AGENT, Fetcher
from risktracker.models import RawDocument

GOOD = Path(__file__).parent / "fixtures" / "good"
HTML = (GOOD / "harbour-report.html").read_bytes()
RSS = (GOOD / "rss.xml").read_bytes()
HTML_TYPE = {"content-type": "text/html; charset=utf-8"}

Route = httpx.Response | Callable[[httpx.Request], httpx.Response]


class FakeWeb:
    """Routes keyed by URL; records requests. Unknown URLs are 404, robots.txt included."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        route = self.routes.get(str(request.url))
        if route is None:
            return httpx.Response(404)
        return route(request) if callable(route) else route

    def fetcher(self, **kwargs: object) -> Fetcher:
        return Fetcher(transport=httpx.MockTransport(self), **kwargs)  # type: ignore[arg-type]

    def urls(self) -> list[str]:
        return [str(request.url) for request in self.requests]


def test_fetch_page_reads_html_with_metadata() -> None:
    web = FakeWeb(
        {"https://www.news.example.org/a": httpx.Response(200, headers=HTML_TYPE, content=HTML)}
    )
    with web.fetcher() as fetcher:
        doc = fetcher.fetch_page("https://www.news.example.org/a")
    assert doc.source == "news.example.org"
    assert doc.source_kind == "web"
    assert doc.location == doc.url == "https://www.news.example.org/a"
    assert doc.title == "Customs tightens checks on chip exports"
    assert doc.published == date(2021, 9, 14)
    assert "additional document checks" in doc.text
    assert all(request.headers["user-agent"] == USER_AGENT for request in web.requests)


def test_redirects_are_followed_and_the_final_url_kept() -> None:
    web = FakeWeb(
        {
            "http://news.example.org/a": httpx.Response(
                301, headers={"location": "https://news.example.org/articles/a"}
            ),
            "https://news.example.org/articles/a": httpx.Response(
                200, headers=HTML_TYPE, content=HTML
            ),
        }
    )
    with web.fetcher() as fetcher:
        body, content_type, final_url = fetcher.get("http://news.example.org/a")
        doc = fetcher.fetch_page("http://news.example.org/a")
    assert body == HTML
    assert content_type == "text/html; charset=utf-8"
    assert final_url == doc.url == "https://news.example.org/articles/a"
    assert doc.location == "http://news.example.org/a"


def test_robots_disallow_is_an_error_and_robots_is_read_once_per_host() -> None:
    robots = b"User-agent: *\nDisallow: /private/\n\nUser-agent: risktracker\nDisallow: /drafts/\n"
    web = FakeWeb(
        {
            "https://site.example.org/robots.txt": httpx.Response(200, content=robots),
            "https://site.example.org/news/1": httpx.Response(200, headers=HTML_TYPE, content=HTML),
        }
    )
    with web.fetcher() as fetcher:
        assert fetcher.fetch_page("https://site.example.org/news/1").title
        with pytest.raises(IngestError) as drafts:
            fetcher.get("https://site.example.org/drafts/2")
    assert drafts.value.reason == "disallowed by robots.txt"
    assert drafts.value.location == "https://site.example.org/drafts/2"
    assert web.urls().count("https://site.example.org/robots.txt") == 1
    assert "https://site.example.org/drafts/2" not in web.urls()  # never requested


def test_robots_of_a_redirect_target_is_respected() -> None:
    web = FakeWeb(
        {
            "https://short.example.net/x": httpx.Response(
                302, headers={"location": "https://closed.example.com/story"}
            ),
            "https://closed.example.com/robots.txt": httpx.Response(
                200, content=b"User-agent: *\nDisallow: /\n"
            ),
        }
    )
    with web.fetcher() as fetcher, pytest.raises(IngestError, match="disallowed by robots.txt"):
        fetcher.get("https://short.example.net/x")
    assert "https://closed.example.com/story" not in web.urls()


def refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


@pytest.mark.parametrize(
    "robots",
    [
        httpx.Response(404),
        httpx.Response(500),
        refuse,
    ],
    ids=["404", "500", "network error"],
)
def test_robots_that_cannot_be_read_allows_everything(robots: Route) -> None:
    web = FakeWeb(
        {
            "https://open.example.org/robots.txt": robots,
            "https://open.example.org/p": httpx.Response(200, headers=HTML_TYPE, content=HTML),
        }
    )
    with web.fetcher() as fetcher:
        assert fetcher.fetch_page("https://open.example.org/p").text


def test_robots_can_be_switched_off() -> None:
    web = FakeWeb({"https://x.example.org/p": httpx.Response(200, headers=HTML_TYPE, content=HTML)})
    with web.fetcher(respect_robots=False) as fetcher:
        fetcher.get("https://x.example.org/p")
    assert web.urls() == ["https://x.example.org/p"]


def test_http_error_status_is_an_error() -> None:
    web = FakeWeb({})
    with web.fetcher() as fetcher, pytest.raises(IngestError) as error:
        fetcher.get("https://gone.example.org/missing")
    assert error.value.reason == "HTTP 404"


def test_network_error_gives_its_short_message() -> None:
    web = FakeWeb({"https://down.example.org/p": refuse})
    with web.fetcher() as fetcher, pytest.raises(IngestError) as error:
        fetcher.get("https://down.example.org/p")
    assert error.value.reason == "ConnectError: [Errno 111] Connection refused"


def test_declared_oversize_response_is_refused() -> None:
    web = FakeWeb(
        {"https://big.example.org/p": httpx.Response(200, headers=HTML_TYPE, content=b"x" * 5000)}
    )
    with web.fetcher(max_bytes=1000) as fetcher, pytest.raises(IngestError) as error:
        fetcher.get("https://big.example.org/p")
    assert error.value.reason == "response too large (5000 bytes > 1000)"


def test_streamed_oversize_response_is_cut_off() -> None:
    sent: list[int] = []

    def chunks() -> httpx.SyncByteStream:
        class Endless(httpx.SyncByteStream):
            def __iter__(self):  # type: ignore[no-untyped-def]
                for _ in range(1000):
                    sent.append(1)
                    yield b"y" * 100

        return Endless()

    web = FakeWeb({"https://big.example.org/s": lambda r: httpx.Response(200, stream=chunks())})
    with web.fetcher(max_bytes=1000) as fetcher, pytest.raises(IngestError) as error:
        fetcher.get("https://big.example.org/s")
    assert error.value.reason == "response too large (more than 1000 bytes)"
    assert len(sent) < 20  # stopped reading, did not download everything


def test_too_many_redirects() -> None:
    loop = httpx.Response(302, headers={"location": "https://loop.example.org/a"})
    web = FakeWeb({"https://loop.example.org/a": loop})
    with web.fetcher() as fetcher, pytest.raises(IngestError, match="too many redirects"):
        fetcher.get("https://loop.example.org/a")


def test_pdf_and_plain_text_pages_and_unsupported_types() -> None:
    pdf = (GOOD / "drill-briefing.pdf").read_bytes()
    web = FakeWeb(
        {
            "https://docs.example.org/r.pdf": httpx.Response(
                200, headers={"content-type": "application/pdf"}, content=pdf
            ),
            "https://docs.example.org/n.txt": httpx.Response(
                200, headers={"content-type": "text/plain"}, content=b"Short notice.\n\nBody."
            ),
            "https://docs.example.org/i.png": httpx.Response(
                200, headers={"content-type": "image/png"}, content=b"\x89PNG\r\n\x1a\n\x00"
            ),
        }
    )
    with web.fetcher() as fetcher:
        report = fetcher.fetch_page("https://docs.example.org/r.pdf")
        notice = fetcher.fetch_page("https://docs.example.org/n.txt")
        with pytest.raises(IngestError) as image:
            fetcher.fetch_page("https://docs.example.org/i.png")
    assert report.title == "Coastal exercise schedule, August 2021"
    assert report.source_kind == notice.source_kind == "web"
    assert notice.title == "Short notice."
    assert image.value.reason == "unsupported content type image/png"


def test_iter_raw_documents_reads_feeds_pages_and_errors_from_urls() -> None:
    article = (
        b"<html><head><title>Channel reopens</title></head><body><article>"
        + b"<p>The northern channel reopened to all cargo traffic on Wednesday after dredging.</p>"
        * 4
        + b"</article></body></html>"
    )
    web = FakeWeb(
        {
            "https://straitwatch.example.net/feed": httpx.Response(
                200, headers={"content-type": "application/xml"}, content=RSS
            ),
            "https://straitwatch.example.net/2021/08/channel-reopens": httpx.Response(
                200, headers=HTML_TYPE, content=article
            ),
            "https://news.example.org/a": httpx.Response(200, headers=HTML_TYPE, content=HTML),
        }
    )
    with web.fetcher() as fetcher:
        items = list(
            iter_raw_documents(
                [
                    "https://straitwatch.example.net/feed",
                    "https://news.example.org/missing",
                    "https://news.example.org/a",
                ],
                fetcher=fetcher,
            )
        )
    live_fire, channel, missing, page = items
    assert isinstance(live_fire, RawDocument) and live_fire.source_kind == "feed"
    assert live_fire.source == "Strait Watch"
    assert isinstance(channel, RawDocument)
    assert channel.text.startswith("The northern channel reopened to all cargo traffic")
    assert channel.url == "https://straitwatch.example.net/2021/08/channel-reopens"
    assert isinstance(missing, IngestError) and missing.reason == "HTTP 404"
    assert isinstance(page, RawDocument) and page.source_kind == "web"
    # the long entry was not fetched: its feed content was enough
    assert "https://straitwatch.example.net/2021/08/live-fire" not in web.urls()


def test_bad_urls_are_errors_without_requests() -> None:
    web = FakeWeb({})
    with web.fetcher() as fetcher:
        items = list(
            iter_raw_documents(
                ["https://", "http://[::1/x", "ftp://files.example.org/a"], fetcher=fetcher
            )
        )
    assert [(item.location, item.reason) for item in items] == [  # type: ignore[union-attr]
        ("https://", "invalid URL: https://"),
        ("http://[::1/x", "invalid URL: Invalid IPv6 URL"),
        ("ftp://files.example.org/a", "unsupported URL scheme 'ftp' (http or https)"),
    ]
    assert web.requests == []
