"""Ingest readers: turn paths, URLs and feeds into :class:`~risktracker.models.RawDocument`.

Public API
----------

``iter_raw_documents(targets, *, fetcher=None, max_bytes=20_000_000)``
    Yield a ``RawDocument`` for every readable item of ``targets`` and an
    :class:`~risktracker.errors.IngestError` *instance* (yielded, not raised) for every
    item that cannot be read, so the caller records it and goes on. Each target is

    - a file path: read by suffix (``.txt``, ``.md``/``.markdown``, ``.html``/``.htm``,
      ``.pdf``, ``.jsonl``/``.ndjson``, ``.xml``/``.rss``/``.atom``), or sniffed when
      the suffix is unknown;
    - a directory: walked recursively in sorted order, hidden files and folders skipped;
    - an ``http(s)`` URL: read as a feed when the response is RSS/Atom, else as a page.

    ``max_bytes`` caps the size of each file (each line for JSON Lines). ``fetcher``
    fetches URLs and, for feed entries that carry only a summary, the article page; when
    None, a :class:`~risktracker.ingest.web.Fetcher` is made (and closed) on the first
    URL target, and feed *files* keep their summaries (no network unless asked for).
    Any other ``scheme://`` target is an error, not a path. An exception nobody foresaw
    (a library bug) also becomes an error for that one item, its traceback logged.

    ``source`` is the parent folder's name for files (a JSON line's own ``source`` field
    wins), the feed's title for feed entries, and the host without ``www.`` for pages.

Building blocks, for callers that need one piece:

- :mod:`risktracker.ingest.files`: ``read_file(path, *, max_bytes, fetch_page)``
- :mod:`risktracker.ingest.feeds`: ``read_feed(data, location, fetch_page)``
- :mod:`risktracker.ingest.web`: ``Fetcher`` (``get``, ``fetch_page``), ``page_document``
- :mod:`risktracker.ingest.text`: ``normalize_text``, ``guess_language``, ``decode_bytes``
- :mod:`risktracker.ingest.dedup`: ``canonical_url``, ``content_hash``, ``shingles``
- :mod:`risktracker.ingest.minhash`: ``signature``, ``similarity``, ``NearDuplicateIndex``
- :mod:`risktracker.ingest.run`: ``ingest(store, targets)``, the stage itself

Locations in documents and errors: a file path, ``path:LINE`` for a JSON line,
``feed#N`` for the N-th entry of a feed (file path or URL), the URL for a page.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from risktracker.errors import IngestError
from risktracker.ingest.feeds import looks_like_feed, read_feed
from risktracker.ingest.files import DEFAULT_MAX_BYTES, read_file
from risktracker.ingest.web import Fetcher, page_document, source_from_url
from risktracker.models import RawDocument

__all__ = ["Fetcher", "IngestError", "RawDocument", "iter_raw_documents"]

log = logging.getLogger(__name__)


def iter_raw_documents(
    targets: Sequence[str],
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | IngestError]:
    """Yield documents and per-item errors for ``targets`` (see the module docstring)."""
    if isinstance(targets, str):  # one target given bare: not a sequence of characters
        targets = [targets]
    owned: Fetcher | None = None
    try:
        for target in targets:
            if _is_url(target):
                if fetcher is None:
                    fetcher = owned = Fetcher(max_bytes=max_bytes)
                yield from _guarded(target, _read_url(target, fetcher))
            elif scheme := _other_scheme(target):
                yield IngestError(target, f"unsupported URL scheme {scheme!r} (http or https)")
            else:
                yield from _read_path_target(Path(target), fetcher, max_bytes)
    finally:
        if owned is not None:
            owned.close()


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+)://")


def _other_scheme(target: str) -> str | None:
    """The scheme of a URL we do not fetch (``ftp://``...), so it is not taken for a path."""
    match = _SCHEME_RE.match(target)
    return match.group(1).lower() if match else None


def _read_path_target(
    path: Path, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[RawDocument | IngestError]:
    fetch_page = fetcher.fetch_page if fetcher is not None else None
    if path.is_dir():
        items: Iterator[Path | IngestError] = _walk(path)
    elif path.is_file():
        items = iter([path])
    elif path.exists():
        items = iter([IngestError(str(path), "not a regular file")])
    else:
        items = iter([IngestError(str(path), "no such file or directory")])
    for item in items:
        if isinstance(item, IngestError):
            yield item
        elif (events := _event_dataset(item)) is not None:
            yield from _guarded(str(item), events)  # issue 4: GDELT and ICEWS files
        else:
            documents = read_file(item, max_bytes=max_bytes, fetch_page=fetch_page)
            yield from _guarded(str(item), documents)


def _event_dataset(path: Path) -> Iterator | None:
    """A reader when ``path`` is an event dataset (GDELT, ICEWS), else None (issue 4)."""
    from risktracker.ingest.datasets import dataset_reader

    return dataset_reader(path)


def _walk(folder: Path) -> Iterator[Path | IngestError]:
    """Files under ``folder`` in sorted path order, skipping hidden files and folders.

    Sorted so that runs are reproducible (the earliest of two near-duplicates is the
    original); symlinked folders are not entered, so a link loop cannot hang a run.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(str(folder), f"cannot list folder: {_os_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file():
            yield path


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _read_url(url: str, fetcher: Fetcher) -> Iterator[RawDocument | IngestError]:
    try:
        body, content_type, final_url = fetcher.get(url)
    except IngestError as error:
        yield error
        return
    if looks_like_feed(body, content_type):
        yield from read_feed(
            body, url, fetcher.fetch_page, default_source=source_from_url(final_url)
        )
        return
    try:
        yield page_document(body, content_type, final_url, location=url)
    except IngestError as error:
        yield error


def _guarded(
    location: str, items: Iterator[RawDocument | IngestError]
) -> Iterator[RawDocument | IngestError]:
    """Pass ``items`` through; turn an unexpected exception into an error for ``location``.

    The readers report bad input themselves; this is the last line of defence against a
    library failing in a way nobody foresaw, so that one item never ends the run. The
    traceback is logged, since such an error is a bug to fix.
    """
    try:
        yield from items
    except Exception as exc:
        log.warning("unexpected failure reading %s", location, exc_info=True)
        yield IngestError(location, f"unexpected error: {type(exc).__name__}: {exc}")
