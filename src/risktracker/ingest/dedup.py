"""Keys for "stored once": canonical URLs, exact content hashes and simhash fingerprints.

The store uses the first two to refuse exact repeats and the fingerprint to link a
near-duplicate (the same wire story on two sites, a corrected re-post) to its original.
Everything here is deterministic across processes and machines: hashes come from
``hashlib``, never from Python's salted ``hash()``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from risktracker.ingest.text import normalize_text

__all__ = ["canonical_url", "content_hash", "shingles"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Click identifiers added by ad and mail platforms; they never change the page.
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"})

_WS_RE = re.compile(r"\s+")
# A token is a run of letters/digits, or a single CJK ideograph (Chinese has no spaces,
# and one character is roughly one word for shingling purposes).
_TOKEN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_SHINGLE = 3


def canonical_url(url: str) -> str:
    """Return the form of ``url`` under which the same page is stored once.

    Lowercases scheme and host, drops the fragment, the default port, tracking
    parameters (``utm_*``, ``fbclid``, ``gclid`` and a few other click ids) and a
    trailing slash, and sorts the remaining query parameters. A string that is not a
    URL with a host is returned stripped, unchanged otherwise.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if not parts.scheme or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    netloc = parts.hostname.lower()
    if ":" in netloc:  # IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    path = parts.path.rstrip("/")
    query = urlencode(sorted(_kept_params(parts.query)))
    return urlunsplit((scheme, netloc, path, query, ""))


def _kept_params(query: str) -> list[tuple[str, str]]:
    """Query parameters minus the tracking ones (blank values kept: ``?amp=`` matters)."""
    return [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    ]


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` normalised, lowercased and whitespace-collapsed.

    Two copies that differ only in case, line wrapping or spacing get the same hash.
    """
    canonical = _WS_RE.sub(" ", normalize_text(text).lower()).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """Word 3-shingles of ``text``, lower-cased; each Chinese character counts as a word
    (Chinese has no spaces). A text shorter than three words is one shingle."""
    tokens = _TOKEN_RE.findall(normalize_text(text).lower())
    if len(tokens) < _SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}
