"""Canonical URLs, content hashes, MinHash signatures and the near-duplicate index."""

from __future__ import annotations

import random

import pytest

from risktracker.ingest.dedup import canonical_url, content_hash, shingles
from risktracker.ingest.minhash import NearDuplicateIndex, signature, similarity

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
EXPECTED_PREFIX = "9fe9181ec4cd441f"
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


def test_signatures_are_stable_across_processes() -> None:
    # A fixed value: a salt or hash that changed between runs would break stored links.
    assert signature("Dock workers returned to work on Tuesday.")[:8].hex() == EXPECTED_PREFIX


def test_chinese_text_is_shingled_by_character() -> None:
    assert "中 国 人" in shingles("中国人民解放军")
    assert shingles("") == set() and shingles("two words") == {"two words"}


def test_few_changed_words_are_near_and_unrelated_text_is_far() -> None:
    assert similarity(signature(FLOOD), signature(EDITED)) >= 0.6
    assert similarity(signature(FLOOD), signature(UNRELATED)) <= 0.1
    assert similarity(signature(FLOOD), signature(FLOOD.upper())) == 1.0


def test_index_finds_the_earliest_similar_document_only() -> None:
    index = NearDuplicateIndex()
    index.add("flood", signature(FLOOD))
    index.add("flood-again", signature(FLOOD))
    index.add("court", signature(UNRELATED))
    found = index.find(signature(EDITED))
    assert found is not None and found[0] == "flood" and found[1] >= 0.6
    assert index.find(signature("An unrelated note about a harbour strike.")) is None
    assert index.find(signature("")) is None
    assert len(index) == 3


def test_index_finds_pairs_over_the_threshold_reliably() -> None:
    rng = random.Random(7)
    words = FLOOD.split()
    found = 0
    for trial in range(40):
        edited = list(words)
        for position in rng.sample(range(len(words)), 4):
            edited[position] = f"changed{trial}"
        index = NearDuplicateIndex()
        index.add("original", signature(FLOOD))
        found += index.find(signature(" ".join(edited))) is not None
    assert found >= 38  # four changed words in 120: the banded lookup must not miss
