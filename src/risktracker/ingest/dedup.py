"""Keys for "stored once": canonical URLs, exact content hashes and simhash fingerprints.

The store uses the first two to refuse exact repeats and the fingerprint to link a
near-duplicate (the same wire story on two sites, a corrected re-post) to its original.
Everything here is deterministic across processes and machines: hashes come from
``hashlib``, never from Python's salted ``hash()``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from risktracker.ingest.text import normalize_text

__all__ = [
    "NearDuplicateIndex",
    "canonical_url",
    "content_hash",
    "hamming",
    "simhash64",
]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Click identifiers added by ad and mail platforms; they never change the page.
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"})

_WS_RE = re.compile(r"\s+")
# A token is a run of letters/digits, or a single CJK ideograph (Chinese has no spaces,
# and one character is roughly one word for shingling purposes).
_TOKEN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_SHINGLE = 3
_BITS = 64
_MASK = (1 << _BITS) - 1


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


def _shingles(text: str) -> Counter[str]:
    """Word 3-shingles of ``text`` (lowercased), counted; a short text is one shingle."""
    tokens = _TOKEN_RE.findall(normalize_text(text).lower())
    if len(tokens) < _SHINGLE:
        return Counter([" ".join(tokens)]) if tokens else Counter()
    return Counter(" ".join(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


def _hash64(feature: str) -> int:
    """A stable 64-bit hash: the same in every process, unlike the built-in ``hash()``."""
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")


def simhash64(text: str) -> int:
    """64-bit simhash (Charikar) of ``text`` over word 3-shingles.

    Each shingle votes, weighted by its count, on every bit of the fingerprint; texts
    sharing most shingles get fingerprints a few bits apart. An empty text gives 0.
    """
    # Votes are tallied per 4-bit nibble value (16 adds per shingle instead of 64) and
    # expanded to bits once at the end; the result is the plain per-bit majority.
    nibbles = [[0] * 16 for _ in range(_BITS // 4)]
    total = 0
    for shingle, weight in _shingles(text).items():
        h = _hash64(shingle)
        total += weight
        for position, tally in enumerate(nibbles):
            tally[(h >> (4 * position)) & 0xF] += weight
    fingerprint = 0
    for position, tally in enumerate(nibbles):
        for bit in range(4):
            ones = sum(count for value, count in enumerate(tally) if value >> bit & 1)
            if 2 * ones > total:
                fingerprint |= 1 << (4 * position + bit)
    return fingerprint


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


class NearDuplicateIndex:
    """Finds a stored fingerprint within a few bits of a new one without scanning them all.

    The 64 bits are cut into ``bands`` bands (4 of 16 bits by default). Two fingerprints
    that differ in at most ``bands - 1`` bits agree on at least one whole band
    (pigeonhole), so looking up each band of the query finds every candidate, and only
    candidates are compared bit by bit. A wider search (``max_distance >= bands``) is
    still exact but scans every fingerprint.

    How far apart are near-duplicates? Each changed word alters three shingles, so the
    distance grows with the share of the text that changed. Measured on the ~110-word
    items of the sample corpus: one changed word moves the fingerprint about 4.6 bits
    (31% of such edits stay within 3 bits, 99% within 9), two words about 6.5 bits (10%
    within 3, 89% within 9), three words about 8 bits (3% within 3, 72% within 9), while
    unrelated items are 32 bits apart on average and never closer than 15. The default
    of 3 bits (4 bands) suits long texts; for short news items use ``bands=10`` and
    ``max_distance=9`` (two random texts then match by chance about twice in a billion).
    """

    def __init__(self, bands: int = 4) -> None:
        if not 1 <= bands <= _BITS:
            raise ValueError(f"bands must be between 1 and {_BITS}, not {bands}")
        # Band i covers bits [bounds[i], bounds[i+1]); widths differ by at most one bit.
        self._bounds = [round(i * _BITS / bands) for i in range(bands + 1)]
        self._tables: list[dict[int, list[int]]] = [{} for _ in range(bands)]
        self._ids: list[str] = []
        self._fingerprints: list[int] = []

    @property
    def bands(self) -> int:
        return len(self._tables)

    def __len__(self) -> int:
        return len(self._ids)

    def _band_keys(self, fingerprint: int) -> list[int]:
        bounds = self._bounds
        return [
            (fingerprint >> bounds[i]) & ((1 << (bounds[i + 1] - bounds[i])) - 1)
            for i in range(len(self._tables))
        ]

    def add(self, doc_id: str, fingerprint: int) -> None:
        """Index ``fingerprint`` under ``doc_id`` (a document added twice is kept twice)."""
        fingerprint &= _MASK
        position = len(self._ids)
        self._ids.append(doc_id)
        self._fingerprints.append(fingerprint)
        for table, key in zip(self._tables, self._band_keys(fingerprint), strict=True):
            table.setdefault(key, []).append(position)

    def find(self, fingerprint: int, max_distance: int = 3) -> str | None:
        """The id of the earliest-added fingerprint within ``max_distance`` bits, or None.

        Earliest-added, not nearest: the original of a story is the one stored first,
        and the answer must not depend on hash-table order.
        """
        if max_distance < 0:
            raise ValueError(f"max_distance must not be negative, not {max_distance}")
        fingerprint &= _MASK
        for position in self._candidates(fingerprint, max_distance):
            if hamming(self._fingerprints[position], fingerprint) <= max_distance:
                return self._ids[position]
        return None

    def _candidates(self, fingerprint: int, max_distance: int) -> list[int] | range:
        """Positions to compare, in insertion order: band matches, or all if too wide."""
        if max_distance >= self.bands:
            return range(len(self._ids))
        positions: set[int] = set()
        for table, key in zip(self._tables, self._band_keys(fingerprint), strict=True):
            positions.update(table.get(key, ()))
        return sorted(positions)
