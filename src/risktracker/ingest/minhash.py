"""Near-duplicate detection: MinHash signatures over word shingles, with banded lookup.

Why MinHash: a brief re-issued with an updated figure and a new headline changes a few
words, which moves a 64-bit SimHash by as many bits as two unrelated briefs differ;
the Jaccard similarity of word 3-shingles keeps them far apart (about 0.6 against
under 0.1), and MinHash estimates it.

A signature is ``PERMUTATIONS`` minima of salted 64-bit shingle hashes, kept as 32-bit
values. Lookup splits it into ``BANDS`` bands; documents sharing a band are candidates,
confirmed when the estimated Jaccard reaches the threshold.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .dedup import shingles

PERMUTATIONS = 64
BANDS = 16  # 4 rows a band: pairs at Jaccard 0.5 are found with probability ~0.65+
ROWS = PERMUTATIONS // BANDS
DEFAULT_THRESHOLD = 0.5

_rng = np.random.default_rng(20210701)  # fixed: signatures must be stable across runs
_SALTS = _rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_MULTIPLIERS = _rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` as ``PERMUTATIONS`` little-endian uint32 values."""
    pieces = shingles(text)
    if not pieces:
        return bytes(4 * PERMUTATIONS)
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
            for s in pieces
        ),
        dtype=np.uint64,
        count=len(pieces),
    )
    with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the point
        mixed = (hashes[None, :] ^ _SALTS[:, None]) * _MULTIPLIERS[:, None]
    minima = (mixed >> np.uint64(32)).min(axis=1).astype("<u4")
    return minima.tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    left = np.frombuffer(a, dtype="<u4")
    right = np.frombuffer(b, dtype="<u4")
    return float(np.mean(left == right))


class NearDuplicateIndex:
    """Signatures by band; ``find`` returns the earliest-added document similar enough."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._bands: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]
        self._ids: list[str] = []
        self._signatures: list[bytes] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc_id: str, sig: bytes) -> None:
        position = len(self._ids)
        self._ids.append(doc_id)
        self._signatures.append(sig)
        for band, table in enumerate(self._bands):
            table.setdefault(sig[band * ROWS * 4 : (band + 1) * ROWS * 4], []).append(position)

    def find(self, sig: bytes) -> tuple[str, float] | None:
        if not any(sig):
            return None  # an empty text has no meaningful neighbours
        candidates: set[int] = set()
        for band, table in enumerate(self._bands):
            candidates.update(table.get(sig[band * ROWS * 4 : (band + 1) * ROWS * 4], ()))
        for position in sorted(candidates):
            score = similarity(sig, self._signatures[position])
            if score >= self.threshold:
                return self._ids[position], score
        return None
