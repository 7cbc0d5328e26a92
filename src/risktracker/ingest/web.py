"""Polite HTTP fetching: timeouts, a size cap, robots.txt, and errors instead of crashes.

A :class:`Fetcher` is shared by a whole ingest run so that connections and the
robots.txt of each host are reused. Every failure (network, HTTP status, robots rule,
oversized body) is an :class:`IngestError` for that one URL.
"""

from __future__ import annotations

import logging
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from risktracker.errors import IngestError
from risktracker.ingest.files import (
    DEFAULT_MAX_BYTES,
    html_document,
    pdf_document,
    sniff_kind,
    text_document,
)
from risktracker.models import RawDocument

__all__ = ["USER_AGENT", "Fetcher", "page_document", "source_from_url"]

log = logging.getLogger(__name__)

USER_AGENT = "risktracker/0.1 (+https://github.com/risktracker)"
_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
_MAX_REDIRECTS = 10
_ROBOTS_MAX_BYTES = 512_000  # Google reads the first 500 KiB; more is not a robots file
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


class Fetcher:
    """Fetches URLs for ingest; use as a context manager or call :meth:`close`.

    ``transport`` replaces the network (tests pass an ``httpx.MockTransport``).
    Redirects are followed by hand, so that robots.txt is checked for every host on
    the way, not only for the first.
    """

    def __init__(
        self,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = USER_AGENT,
        respect_robots: bool = True,
    ) -> None:
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self._client = httpx.Client(
            transport=transport,
            timeout=_TIMEOUT,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
        )
        self._robots: dict[str, RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> tuple[bytes, str, str]:
        """Fetch ``url`` and return ``(body, content_type, final_url)``.

        ``content_type`` is the raw header (with any ``charset``), ``""`` when absent.
        Raises :class:`IngestError` on any failure.
        """
        current = url
        try:
            for _ in range(_MAX_REDIRECTS + 1):
                _check_url(current, location=url)
                self._check_robots(current, location=url)
                with self._client.stream("GET", current) as response:
                    if response.is_redirect and response.next_request is not None:
                        current = str(response.next_request.url)
                        continue
                    if not response.is_success:
                        raise IngestError(url, f"HTTP {response.status_code}")
                    body = self._read_capped(response, url)
                    return body, response.headers.get("content-type", ""), str(response.url)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise IngestError(url, _short(exc)) from exc
        raise IngestError(url, f"too many redirects (more than {_MAX_REDIRECTS})")

    def fetch_page(self, url: str) -> RawDocument:
        """Fetch ``url`` and read it as a web page (HTML, or a PDF or plain text)."""
        body, content_type, final_url = self.get(url)
        return page_document(body, content_type, final_url, location=url)

    def _read_capped(self, response: httpx.Response, location: str) -> bytes:
        """The (decompressed) body, abandoned as soon as it passes ``max_bytes``."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise IngestError(location, f"response too large ({declared} bytes > {self.max_bytes})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise IngestError(
                    location, f"response too large (more than {self.max_bytes} bytes)"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str, *, location: str) -> None:
        if not self.respect_robots:
            return
        parser = self._robots_for(url)
        if parser is not None and not parser.can_fetch(self.user_agent, url):
            raise IngestError(location, "disallowed by robots.txt")

    def _robots_for(self, url: str) -> RobotFileParser | None:
        """The host's parsed robots.txt, fetched once; None (all allowed) if unavailable."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self._robots:
            self._robots[origin] = self._fetch_robots(origin)
        return self._robots[origin]

    def _fetch_robots(self, origin: str) -> RobotFileParser | None:
        robots_url = f"{origin}/robots.txt"
        try:
            with self._client.stream("GET", robots_url, follow_redirects=True) as response:
                if not response.is_success:
                    return None
                body = b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) >= _ROBOTS_MAX_BYTES:
                        break
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError) as exc:
            log.debug("%s: not read (%s); treating the host as allowing all", robots_url, exc)
            return None
        parser = RobotFileParser(robots_url)
        parser.parse(body[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        return parser


def _check_url(url: str, *, location: str) -> None:
    """Refuse what is not an absolute http(s) URL before any request is made."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise IngestError(location, f"invalid URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise IngestError(location, f"invalid URL: {url}")


def page_document(body: bytes, content_type: str, final_url: str, *, location: str) -> RawDocument:
    """Read a fetched response as one document: HTML page, PDF or plain text.

    ``source`` is the site's host name (without ``www.``); ``url`` is the final URL
    after redirects. Raises :class:`IngestError` for content it cannot read.
    """
    media_type, charset = _parse_content_type(content_type)
    source = source_from_url(final_url)
    kind = _page_kind(body, media_type)
    if kind == "pdf":
        return pdf_document(body, location, source, source_kind="web", url=final_url)
    if kind == "text":
        return text_document(body, location, source, source_kind="web", url=final_url)
    if kind == "html":
        markup = _decode_declared(body, charset)
        return html_document(markup, location, source, source_kind="web", url=final_url)
    raise IngestError(location, f"unsupported content type {media_type}")


def _page_kind(body: bytes, media_type: str) -> str | None:
    if media_type == "application/pdf" or body.startswith(b"%PDF-"):
        return "pdf"
    if media_type in _HTML_TYPES:
        return "html"
    if media_type == "text/plain":
        return "text"
    if media_type in _GENERIC_TYPES and sniff_kind(body) in ("html", "text"):
        return sniff_kind(body)
    return None


def _parse_content_type(content_type: str) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``."""
    media_type, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("'\"").lower()
    return media_type.strip().lower(), charset


def _decode_declared(body: bytes, charset: str | None) -> bytes | str:
    """Decode with the server's declared charset; bytes (trafilatura guesses) otherwise."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.debug("declared charset %s does not fit; letting the extractor guess", charset)
    return body


def source_from_url(url: str) -> str:
    """The source name of a web page: its host, lowercased, without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or url


def _short(exc: BaseException) -> str:
    """``"ConnectError: connection refused"``: the type and first line of the message."""
    message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {message}" if message else name
