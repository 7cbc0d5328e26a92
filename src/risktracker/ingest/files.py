"""Readers for local files, chosen by suffix, with content sniffing for unknown suffixes.

Each reader turns one file (or one JSON line) into a :class:`RawDocument` or an
:class:`IngestError` naming the file and what is wrong with it. Readers never raise
for bad input: :func:`read_file` yields the error so the caller can record it and go
on with the next file. The single-document readers (:func:`html_document`,
:func:`pdf_document`, :func:`text_document`) work on bytes and raise, so that web pages
fetched over HTTP are read by exactly the same code.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import trafilatura
from pypdf import PdfReader

from risktracker.errors import IngestError
from risktracker.ingest.feeds import FetchPage, looks_like_feed, read_feed
from risktracker.ingest.text import build_document, decode_bytes, looks_binary, one_line
from risktracker.models import RawDocument

__all__ = [
    "DEFAULT_MAX_BYTES",
    "html_document",
    "pdf_document",
    "read_file",
    "sniff_kind",
    "text_document",
]

DEFAULT_MAX_BYTES = 20_000_000
_TITLE_MAX = 120  # a first line longer than this is prose, not a title

# Suffix -> kind of reader. One place to look when a format is added.
_SUFFIX_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".txt", ".text"), "text"),
    ((".md", ".markdown"), "markdown"),
    ((".html", ".htm", ".xhtml"), "html"),
    ((".pdf",), "pdf"),
    ((".jsonl", ".ndjson"), "jsonl"),
    ((".xml", ".rss", ".atom"), "feed"),
)

# The first element after an XML prolog, comments and processing instructions.
_HTML_START_RE = re.compile(
    rb"\A(?:\s|<\?.*?\?>|<!--.*?-->)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_SNIFF_BYTES = 4096


def sniff_kind(data: bytes) -> str:
    """Guess the reader for content whose suffix (or content type) says nothing useful.

    Returns ``"pdf"``, ``"html"``, ``"feed"`` or ``"text"``; ``"text"`` is the fallback,
    and the text reader is the one that rejects binary and undecodable data.
    """
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START_RE.match(head):
        return "html"
    if looks_like_feed(head):
        return "feed"
    return "text"


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_page: FetchPage | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of one file, or one :class:`IngestError` per bad item.

    ``fetch_page`` is only used for feed files whose entries carry a short summary.
    JSON Lines files are streamed, so for them ``max_bytes`` limits each line rather
    than the whole file.
    """
    location = str(path)
    source = path.absolute().parent.name or "files"
    kind = _suffix_kind(path)
    if kind == "jsonl":
        yield from _read_jsonl(path, source, max_bytes)
        return
    try:
        data = _read_capped(path, max_bytes)
    except IngestError as error:
        yield error
        return
    if kind is None:
        kind = sniff_kind(data)
    if kind == "feed":
        yield from read_feed(data, location, fetch_page, default_source=source)
        return
    reader = _document_reader(kind)
    try:
        yield reader(data, location, source)
    except IngestError as error:
        yield error


def _suffix_kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    for suffixes, kind in _SUFFIX_KINDS:
        if suffix in suffixes:
            return kind
    return None


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """Read a file whole, refusing before reading when it is larger than ``max_bytes``."""
    location = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(location, f"file too large ({size} bytes > {max_bytes})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(location, _os_reason(exc)) from exc
    if len(data) > max_bytes:  # grew since stat, or a special file reporting size 0
        raise IngestError(location, f"file too large (more than {max_bytes} bytes)")
    return data


def _os_reason(exc: OSError) -> str:
    """A short reason for an OS error, without repeating the path."""
    return (exc.strerror or type(exc).__name__).lower()


# --- single-document readers: (data, location, source) -> RawDocument ---------------


def text_document(
    data: bytes, location: str, source: str, *, source_kind: str = "file", url: str | None = None
) -> RawDocument:
    """A plain-text document; its first non-empty line is the title when it is short."""
    text = decode_bytes(data, location)
    return build_document(
        text,
        location,
        source=source,
        source_kind=source_kind,
        title=_first_short_line(text),
        url=url,
    )


def _first_short_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _TITLE_MAX else ""
    return ""


def _markdown_document(data: bytes, location: str, source: str) -> RawDocument:
    """A Markdown note: front matter and the first heading give title and date."""
    text = decode_bytes(data, location)
    meta, body = _split_front_matter(text)
    body, heading = _strip_markdown(body)
    title = meta.get("title") or heading or _first_short_line(body)
    return build_document(
        body,
        location,
        source=source,
        source_kind="file",
        title=title,
        published=_parse_date(meta.get("date", "")),
    )


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY_RE = re.compile(r"^(\w+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Flat ``key: value`` pairs of a YAML front-matter block, and the text after it.

    Only top-level scalar lines are read: notes use front matter for title and date,
    and a full YAML parse would turn a typo in it into a lost document.
    """
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    meta = {key.lower(): value.strip("'\"") for key, value in _FRONT_KEY_RE.findall(match.group(1))}
    return meta, text[match.end() :]


# Markdown syntax removed "lightly": enough that the text reads as prose for the
# enrichers, not a full CommonMark renderer.
_ATX_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT_RE = re.compile(r"^(?=.*\S)(?! {0,3}[-=])(.+)\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_FENCE_RE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.MULTILINE)
_QUOTE_RE = re.compile(r"^ {0,3}(?:> ?)+", re.MULTILINE)
_LINK_DEF_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.MULTILINE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK_RE = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE_RE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE_RE = re.compile(r"`+([^`\n]+?)`+")


def _strip_markdown(text: str) -> tuple[str, str]:
    """Return ``text`` with Markdown markup removed, and the text of its first heading."""
    text = _COMMENT_RE.sub("", text)
    text = _FENCE_RE.sub("", text)
    text = _LINK_DEF_RE.sub("", text)
    heading = _first_heading(text)
    text = _SETEXT_RE.sub(r"\1", text)
    text = _RULE_RE.sub("", text)
    text = _ATX_HEADING_RE.sub(lambda m: m.group(1) or "", text)
    text = _QUOTE_RE.sub("", text)
    for pattern, replacement in (
        (_IMAGE_RE, r"\1"),
        (_LINK_RE, r"\1"),
        (_AUTOLINK_RE, r"\1"),
        (_CODE_RE, r"\1"),
        (_STRONG_RE, r"\2"),
        (_EM_STAR_RE, r"\1"),
        (_EM_UNDERSCORE_RE, r"\1"),
        (_STRIKE_RE, r"\1"),
    ):
        text = pattern.sub(replacement, text)
    if heading:
        heading, _ = _strip_markdown(heading)
    return text, heading


def _first_heading(text: str) -> str:
    """Text of the earliest ATX (``# Title``) or setext (``Title`` over ``===``) heading."""
    found = [
        (m.start(), (m.group(1) or "").strip())
        for m in (_ATX_HEADING_RE.search(text), _SETEXT_RE.search(text))
        if m
    ]
    return min(found)[1] if found else ""


def html_document(
    data: bytes | str,
    location: str,
    source: str,
    *,
    source_kind: str = "file",
    url: str | None = None,
) -> RawDocument:
    """The main text of an HTML page (boilerplate removed by trafilatura) and its metadata.

    Only dates the page states (meta tags, structured data, the URL) are taken: a
    guessed date would place the document in the wrong period of the tracker.
    """
    if isinstance(data, bytes) and looks_binary(data):
        raise IngestError(location, "binary file")
    extracted = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = getattr(extracted, "text", None) or ""
    if not text.strip():
        raise IngestError(location, "no main text found")
    return build_document(
        text,
        location,
        source=source,
        source_kind=source_kind,
        title=extracted.title or "",
        url=url or extracted.url,
        published=_parse_date(extracted.date or ""),
    )


def _html_file(data: bytes, location: str, source: str) -> RawDocument:
    return html_document(data, location, source)


def pdf_document(
    data: bytes,
    location: str,
    source: str,
    *,
    source_kind: str = "file",
    url: str | None = None,
) -> RawDocument:
    """The text layer of a PDF; title from its metadata, else from its first line.

    A scanned PDF without a text layer is reported ("PDF has no text layer") rather than
    stored empty: it needs OCR, which is the analyst's call.
    """
    try:
        pages, info_title = _pdf_contents(data)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise IngestError(location, f"unreadable PDF: {_short(exc)}") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise IngestError(location, "PDF has no text layer")
    return build_document(
        text,
        location,
        source=source,
        source_kind=source_kind,
        title=info_title or _first_short_line(text),
        url=url,
    )


_FILE_NAME_TITLE_RE = re.compile(r"\.(?:docx?|pdf|indd|pptx?|odt|rtf|tex)\s*$|^untitled", re.I)


def _pdf_contents(data: bytes) -> tuple[list[str], str]:
    """Text of each page, and the document-info title unless it is a leftover file name."""
    if b"%PDF-" not in data[:1024]:  # where the PDF standard lets the header be
        raise ValueError("no %PDF- header, not a PDF file")
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted with a password")
    pages = [page.extract_text() or "" for page in reader.pages]
    metadata = reader.metadata
    title = one_line(str(metadata.title)) if metadata and metadata.title else ""
    return pages, "" if _FILE_NAME_TITLE_RE.search(title) else title


def _short(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:200]


def _text_file(data: bytes, location: str, source: str) -> RawDocument:
    return text_document(data, location, source)


def _pdf_file(data: bytes, location: str, source: str) -> RawDocument:
    return pdf_document(data, location, source)


_DOCUMENT_READERS: tuple[tuple[str, Callable[[bytes, str, str], RawDocument]], ...] = (
    ("text", _text_file),
    ("markdown", _markdown_document),
    ("html", _html_file),
    ("pdf", _pdf_file),
)


def _document_reader(kind: str) -> Callable[[bytes, str, str], RawDocument]:
    return dict(_DOCUMENT_READERS)[kind]


# --- JSON Lines -----------------------------------------------------------------------


def _read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | IngestError]:
    """One document per line; a bad line is an error for ``path:LINE`` only."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(str(path), _os_reason(exc))
        return
    with handle:
        for number, line in _capped_lines(handle, max_bytes):
            location = f"{path}:{number}"
            if line is None:
                yield IngestError(location, f"line too large (more than {max_bytes} bytes)")
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, location, source)
            except IngestError as error:
                yield error


def _capped_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of ``handle``; ``None`` for a line longer than ``max_bytes``.

    The rest of an overlong line is skipped in chunks, never held in memory.
    """
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _jsonl_document(line: bytes, location: str, default_source: str) -> RawDocument:
    try:
        record = json.loads(decode_bytes(line, location))
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg.removesuffix(' at')}, column {exc.colno}"
        raise IngestError(location, reason) from exc
    if not isinstance(record, dict):
        raise IngestError(location, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(location, "missing or empty 'text'")
    external_id = record.get("id")
    return build_document(
        text,
        location,
        source=_optional_str(record, "source", location) or default_source,
        source_kind="jsonl",
        title=_optional_str(record, "title", location),
        url=_optional_str(record, "url", location) or None,
        published=_published(record.get("published"), location),
        external_id=None if external_id is None else str(external_id),
    )


def _optional_str(record: dict[str, Any], key: str, location: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IngestError(location, f"'{key}' must be a string, got {type(value).__name__}")
    return value


def _published(value: object, location: str) -> date | None:
    if value is None or value == "":
        return None
    parsed = _parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise IngestError(location, f"bad 'published' date {value!r} (use ISO 8601)")
    return parsed


def _parse_date(value: str) -> date | None:
    """The calendar date of an ISO 8601 date or datetime string, or None.

    A datetime keeps the date as the publisher wrote it, in the publisher's time zone.
    """
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
