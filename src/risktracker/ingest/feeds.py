"""RSS and Atom feeds: one :class:`RawDocument` per entry, one error per bad entry.

Feeds often carry only a teaser. When an entry has no substantial content of its own,
the article is fetched (if the caller gave a ``fetch_page``) so the enrichers see the
full text; the feed's own metadata (title, link, date, id) still describes the document.
"""

from __future__ import annotations

import email.utils
import io
import logging
import re
import time
import xml.sax
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html

from risktracker.errors import IngestError
from risktracker.ingest.text import build_document, normalize_text
from risktracker.models import RawDocument

__all__ = ["FULL_CONTENT_CHARS", "FetchPage", "html_to_text", "looks_like_feed", "read_feed"]

log = logging.getLogger(__name__)

FetchPage = Callable[[str], RawDocument]

# An entry whose own content has at least this many characters of text is the article;
# shorter content is a teaser and the page is fetched instead.
FULL_CONTENT_CHARS = 400

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_FEED_ROOT_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "section", "article", "header", "footer"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dd", "dt"),
        *("table", "tr", "figure", "figcaption"),
    }
)


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True when an HTTP response is an RSS/Atom feed rather than a web page.

    The root element decides; a feed content type alone is trusted too, since some
    servers send feeds with odd prologs (a stylesheet, a long comment).
    """
    media_type = content_type.split(";")[0].strip().lower()
    return media_type in _FEED_TYPES or bool(_FEED_ROOT_RE.match(data[:4096]))


def read_feed(
    data: bytes,
    location: str,
    fetch_page: FetchPage | None,
    *,
    default_source: str | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Yield one document per feed entry, or an :class:`IngestError` per bad entry.

    A feed that cannot be parsed at all yields a single ``"malformed feed: ..."`` error.
    ``source`` is the feed's title, else ``default_source``, else the feed's host.
    Entries are located as ``location#N`` (N counting from 1).
    """
    # A stream, not bytes: feedparser treats a str or bytes argument as a possible path.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield IngestError(location, f"malformed feed: {_parse_reason(parsed)}")
        elif not parsed.get("version"):
            yield IngestError(location, "not an RSS or Atom feed")
        return  # a valid feed with no entries is simply empty
    feed = parsed.get("feed") or {}
    feed_title = _html_field_text(feed.get("title", ""), feed.get("title_detail"))
    source = feed_title or default_source or _host(location) or location
    for number, entry in enumerate(entries, start=1):
        entry_location = f"{location}#{number}"
        try:
            yield _entry_document(entry, entry_location, source, fetch_page)
        except IngestError as error:
            yield error
        except Exception as exc:  # feedparser entries are loose dicts; one bad entry only
            log.debug("entry %s failed", entry_location, exc_info=True)
            yield IngestError(entry_location, f"unreadable entry: {_short(exc)}")


def _entry_document(
    entry: Any, location: str, source: str, fetch_page: FetchPage | None
) -> RawDocument:
    link = entry.get("link") or None
    content = _content_text(entry)
    summary = _html_field_text(entry.get("summary", ""), entry.get("summary_detail"))
    title = _html_field_text(entry.get("title", ""), entry.get("title_detail"))
    published = _entry_date(entry)
    text = content
    if len(content) < FULL_CONTENT_CHARS:
        text = max(content, summary, key=len)
        page = _fetch(fetch_page, link, location) if fetch_page and link else None
        if isinstance(page, IngestError) and not text:
            raise IngestError(location, f"no text in the feed, and its page: {page.reason}")
        # A page shorter than the feed's own text is a paywall or an error page.
        if isinstance(page, RawDocument) and len(page.text) > len(text):
            text = page.text
            title = title or page.title
            published = published or page.published
    return build_document(
        text,
        location,
        source=source,
        source_kind="feed",
        title=title,
        url=link,
        published=published,
        external_id=entry.get("id") or None,
    )


def _fetch(fetch_page: FetchPage, link: str, location: str) -> RawDocument | IngestError:
    """The entry's page, or the error that kept it (the feed's own text is used then)."""
    try:
        return fetch_page(link)
    except IngestError as error:
        log.warning("%s: page not fetched, using the feed's own text: %s", location, error)
        return error


def _content_text(entry: Any) -> str:
    """Text of the entry's full content blocks (``content:encoded``, Atom ``content``)."""
    parts = [_html_field_text(block.get("value", ""), block) for block in entry.get("content", [])]
    return "\n\n".join(part for part in parts if part)


def _html_field_text(value: str, detail: Any) -> str:
    """Plain text of a feed field, stripping markup unless the feed says it is plain."""
    kind = detail.get("type", "text/html") if isinstance(detail, dict) else "text/html"
    return normalize_text(value) if kind == "text/plain" else html_to_text(value)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, with block elements on their own lines.

    lxml rather than trafilatura: feed snippets are short and all markup is content,
    where trafilatura's boilerplate removal would throw real text away.
    """
    if "<" not in fragment and "&" not in fragment:
        return normalize_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return normalize_text(re.sub(r"<[^>]*>", " ", fragment))
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return normalize_text(root.text_content())


def _entry_date(entry: Any) -> date | None:
    """The entry's publication date, else its last update.

    The date is taken as the publisher wrote it (in their time zone), like dates
    everywhere else in ingest; feedparser's UTC conversion is the fallback, for date
    formats only it understands. A story published at 06:00 in Beijing belongs to that
    day, not to the previous one.
    """
    for key in ("published", "updated"):
        if key not in entry:  # ``in`` avoids feedparser's updated->published alias warning
            continue
        local = _local_date(entry.get(key) or "")
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if local is not None:
            return local
        if parsed:
            return _struct_date(parsed)
    return None


def _local_date(raw: str) -> date | None:
    """The date of an RFC 822 (RSS) or ISO 8601 (Atom) timestamp, in its own time zone."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        return None


def _struct_date(parsed: time.struct_time) -> date | None:
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None


def _host(location: str) -> str:
    host = urlsplit(location).hostname or ""
    return host.removeprefix("www.")


def _parse_reason(parsed: Any) -> str:
    """``"line 3, column 20: not well-formed (invalid token)"`` from feedparser's bozo."""
    exc = parsed.get("bozo_exception")
    if isinstance(exc, xml.sax.SAXParseException):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    return _short(exc) or "unparseable"


def _short(exc: object) -> str:
    text = str(exc or "").strip()
    return text.splitlines()[0][:200] if text else (type(exc).__name__ if exc else "")
