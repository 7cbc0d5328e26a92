"""Canonical URLs, content hashes, simhash fingerprints and the near-duplicate index."""

from __future__ import annotations

import random

import pytest

from risktracker.ingest.dedup import (
    NearDuplicateIndex,
    canonical_url,
    content_hash,
    hamming,
    simhash64,
)

FLOOD = (
    "The provincial government raised its flood alert on Thursday after three days of heavy "
    "rain closed two highways and a rail line in the river valley. Emergency teams moved "
    "pumps to the largest reservoirs, and schools in low-lying districts stayed closed. "
    "Officials said the water level at the main dam had risen by two metres since Monday "
    "but remained below the safety limit. About eleven thousand residents were moved to "
    "temporary shelters in school gyms and community halls, where volunteers handed out "
    "food and blankets. The weather bureau forecast more rain for the weekend and warned of "
    "landslides in the hills north of the capital. Farmers said the flooding had destroyed "
    "much of the rice harvest and asked for loans."
)
EDITED = FLOOD.replace("on Thursday", "on Friday").replace("eleven thousand", "twelve thousand")
UNRELATED = (
    "A city court sentenced a labour activist to three years in prison for picking quarrels "
    "and provoking trouble, his lawyer said, after a closed trial that diplomats were not "
    "allowed to attend. The activist had helped factory workers claim unpaid wages and "
    "compensation for injuries, and had been held for more than a year before the trial. "
    "His family said they would appeal. Rights groups said the case was part of a wider "
    "effort to silence independent labour organisers in the manufacturing hubs of the "
    "south, where several similar cases have been heard since the spring. The court said "
    "the sentence reflected the seriousness of the offence and the defendant's refusal to "
    "admit guilt, and state media published a short report on the verdict."
)


def test_texts_are_the_size_the_tests_claim() -> None:
    assert 115 <= len(FLOOD.split()) <= 125
    assert len(FLOOD.split()) == len(EDITED.split())


# --- canonical URLs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.ORG/a/b/", "https://news.example.org/a/b"),
        ("https://news.example.org:443/a#comments", "https://news.example.org/a"),
        ("http://news.example.org:80/a", "http://news.example.org/a"),
        ("http://news.example.org:8080/a", "http://news.example.org:8080/a"),
        (
            "https://news.example.org/a?utm_source=x&b=2&fbclid=abc&a=1&gclid=z&UTM_Medium=m",
            "https://news.example.org/a?a=1&b=2",
        ),
        ("https://news.example.org/a?z=1&z=0&id=", "https://news.example.org/a?id=&z=0&z=1"),
        ("https://news.example.org/", "https://news.example.org"),
        ("https://news.example.org", "https://news.example.org"),
        ("https://news.example.org/Case/Path", "https://news.example.org/Case/Path"),
        ("  https://news.example.org/a  ", "https://news.example.org/a"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    url = "HTTPS://Example.org:443/x/?utm_campaign=q&k=v#top"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


# --- exact content -----------------------------------------------------------------------


def test_content_hash_ignores_case_spacing_and_line_wrapping() -> None:
    wrapped = FLOOD.upper().replace(". ", ".\n\n  ")
    assert content_hash(wrapped) == content_hash(FLOOD)
    assert len(content_hash(FLOOD)) == 64
    assert content_hash(EDITED) != content_hash(FLOOD)


# --- fingerprints ------------------------------------------------------------------------


def test_simhash_is_stable_across_processes() -> None:
    # Pinned: Python's salted hash() would give a different value in every process.
    assert simhash64("Dock workers returned to work on Tuesday.") == 0x1110B23AE4338AEB


def test_simhash_is_64_bits_and_ignores_formatting() -> None:
    fingerprint = simhash64(FLOOD)
    assert 0 <= fingerprint < 2**64
    assert simhash64(FLOOD.upper().replace(",", "").replace(" ", "  ")) == fingerprint
    assert simhash64("") == 0


def test_hamming() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(2**64 - 1, 0) == 64


def test_few_changed_words_are_near_and_unrelated_text_is_far() -> None:
    assert hamming(simhash64(FLOOD), simhash64(EDITED)) <= 9
    assert hamming(simhash64(FLOOD), simhash64(UNRELATED)) >= 20


# --- the index ---------------------------------------------------------------------------


def flip(fingerprint: int, bits: list[int]) -> int:
    for bit in bits:
        fingerprint ^= 1 << bit
    return fingerprint


def test_index_finds_within_three_bits_by_default() -> None:
    index = NearDuplicateIndex()
    base = 0x0123_4567_89AB_CDEF
    index.add("d1", base)
    assert index.find(base) == "d1"
    assert index.find(flip(base, [0, 17, 63])) == "d1"  # three bits, in three bands
    assert index.find(flip(base, [0, 17, 40, 63])) is None  # four bits: too far
    assert index.find(flip(base, [0, 17, 40, 63]), max_distance=4) == "d1"  # exact scan


def test_index_band_lookup_never_misses_within_bands_minus_one() -> None:
    rng = random.Random(64)
    for bands in (4, 10):
        index = NearDuplicateIndex(bands=bands)
        stored = [rng.getrandbits(64) for _ in range(300)]
        for position, fingerprint in enumerate(stored):
            index.add(f"d{position}", fingerprint)
        for position, fingerprint in enumerate(stored):
            query = flip(fingerprint, rng.sample(range(64), rng.randint(0, bands - 1)))
            assert index.find(query, max_distance=bands - 1) == f"d{position}"


def test_index_returns_the_earliest_added_match() -> None:
    index = NearDuplicateIndex()
    base = 0xFFFF_0000_FFFF_0000
    index.add("first", flip(base, [1, 2]))
    index.add("second", base)  # nearer to the query, but added later
    index.add("third", base)
    assert index.find(base) == "first"
    assert len(index) == 3


def test_index_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(bands=0)
    with pytest.raises(ValueError):
        NearDuplicateIndex().find(0, max_distance=-1)


def test_near_duplicate_text_is_found_and_unrelated_text_is_not() -> None:
    # Short texts need a wider search than the default 3 bits: each changed word alters
    # three shingles, 4-5 bits of a 120-word text's fingerprint on average (see the index's
    # docstring). Ten bands keep a search of up to 9 bits a band lookup.
    index = NearDuplicateIndex(bands=10)
    index.add("flood", simhash64(FLOOD))
    assert index.find(simhash64(EDITED), max_distance=9) == "flood"
    assert index.find(simhash64(UNRELATED), max_distance=9) is None
    assert index.find(simhash64(FLOOD.replace("  ", " ").lower())) == "flood"  # default
