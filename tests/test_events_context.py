"""The event coder's use of context, on sentences we wrote: actors written as common nouns
("police", "regulators"), conditionals, "its", clauses, recipients of arms, visits,
coordinated passives; and the trigger scanner, which must find what the whole trigger
expression finds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from risktracker.enrich.annotate import annotate
from risktracker.enrich.events import EventCoder
from risktracker.enrich.events_scan import TriggerScanner, starts
from risktracker.kb import KnowledgeBase
from risktracker.kb.events import load_event_kb

DAY = date(2021, 8, 1)
GOLD = Path(__file__).parent / "gold"


def events(text: str, kb: KnowledgeBase) -> list[dict]:
    return annotate(text, kb, published=DAY)["events"]


def coded(text: str, kb: KnowledgeBase) -> set[tuple]:
    return {(e["type"], e["source"], e["target"]) for e in events(text, kb)}


def test_common_noun_takes_the_country_written_before_it(kb: KnowledgeBase) -> None:
    assert coded("Chinese regulators fined Meituan 3 billion yuan.", kb) == {
        ("COERCE", "CHN", "meituan")
    }
    # the institution of that country where the data names one
    assert coded("China's market regulator fined Alibaba.", kb) == {("COERCE", "samr", "alibaba")}
    assert coded("Hong Kong police arrested four activists.", kb) == {("COERCE", "hk_police", None)}


def test_common_noun_takes_the_place_after_it(kb: KnowledgeBase) -> None:
    found = events("Police in Shanghai detained a lawyer on Monday.", kb)
    assert [(e["type"], e["source"], e["mode"]) for e in found] == [("COERCE", "CHN", "arrest")]
    assert found[0]["source_text"] == "Police"


def test_authorities_take_the_document_country_people_do_not(kb: KnowledgeBase) -> None:
    text = "Didi shares fell in New York. Regulators ordered app stores to remove the Didi app."
    assert coded(text, kb) == {("COERCE", "CHN", "didi")}
    # protesters outside an embassy are often foreigners: no country is guessed
    assert coded("Protesters rallied outside the Chinese embassy.", kb) == {
        ("PROTEST", None, "CHN")
    }
    found = events("Hundreds of protesters in Vilnius marched against Chinese pressure.", kb)
    assert {(e["type"], e["source_country"], e["target"]) for e in found} == {
        ("PROTEST", "LTU", "CHN")
    }


def test_a_complement_is_no_participant(kb: KnowledgeBase) -> None:
    found = events("Sun Dawu, a critic of the authorities, was sentenced to 18 years.", kb)
    assert {(e["type"], e["target"]) for e in found} == {("COERCE", "sun_dawu")}


def test_conditionals_are_possible_not_asserted(kb: KnowledgeBase) -> None:
    found = events("If China invaded Taiwan, the United States would impose sanctions.", kb)
    assert {(e["type"], e["source"], e["target"], e["modality"]) for e in found} == {
        ("ASSAULT", "CHN", "TWN", "possible"),
        ("SANCTION", "USA", None, "possible"),
    }
    found = events("In case of a Chinese blockade of Taiwan, Japan would be drawn in.", kb)
    assert {(e["type"], e["source"], e["target"], e["modality"]) for e in found} == {
        ("COERCE", "CHN", "TWN", "possible")
    }
    found = events("China would face sanctions if it attacked Taiwan.", kb)
    assert all(e["modality"] == "possible" for e in found)
    assert {(e["type"], e["source"], e["target"]) for e in found} == {
        ("SANCTION", None, "CHN"),
        ("ASSAULT", "CHN", "TWN"),
    }


def test_its_is_the_first_actor_of_the_sentence(kb: KnowledgeBase) -> None:
    found = events("Japan said two Chinese ships entered its territorial waters.", kb)
    assert [(e["type"], e["source"], e["target"], e["mode"]) for e in found] == [
        ("MOBILIZE", "CHN", "JPN", "incursion")
    ]
    assert [(m["kind"], m["value"]) for m in found[0]["magnitude"]] == [("ships", 2.0)]
    found = events("Twenty-eight PLA aircraft entered Taiwan's air defence zone.", kb)
    assert [(m["kind"], m["value"]) for m in found[0]["magnitude"]] == [("aircraft", 28.0)]


def test_buyers_and_recipients_of_arms_are_targets(kb: KnowledgeBase) -> None:
    assert coded("Bangladesh bought training aircraft from China.", kb) == {("AID", "CHN", "BGD")}
    assert coded("Serbia received Chinese missiles last year.", kb) == {("AID", "CHN", "SRB")}


def test_a_visited_place_is_the_counterpart(kb: KnowledgeBase) -> None:
    found = events("Antony Blinken arrived in Beijing on Sunday.", kb)
    assert {(e["type"], e["source"], e["target_country"]) for e in found} == {
        ("CONSULT", "antony_blinken", "CHN")
    }
    found = events("The United States banned imports of cotton from Xinjiang.", kb)
    assert {(e["type"], e["source"], e["target_country"]) for e in found} == {
        ("SANCTION", "USA", "CHN")
    }


def test_coordinated_participles_share_the_passive(kb: KnowledgeBase) -> None:
    found = events("Tencent was ordered to end its exclusive music deals and fined.", kb)
    assert {(e["type"], e["source"], e["target"]) for e in found} == {("COERCE", "CHN", "tencent")}


def test_signatories_act_on_each_other_not_on_a_complement(kb: KnowledgeBase) -> None:
    found = coded("Serbia and China signed a deal for the purchase of Chinese vaccines.", kb)
    assert found == {("AGREE", "SRB", "CHN"), ("AGREE", "CHN", "SRB")}


def test_a_clause_after_that_is_no_object(kb: KnowledgeBase) -> None:
    found = coded("Wang Yi and Sergei Lavrov agreed that Japan was a concern.", kb)
    assert found == {("AGREE", "wang_yi", "sergei_lavrov"), ("AGREE", "sergei_lavrov", "wang_yi")}


# --- the trigger scanner ---------------------------------------------------------------


def test_scanner_finds_what_the_whole_expression_finds(kb: KnowledgeBase) -> None:
    coder = EventCoder(kb, load_event_kb())
    texts = []
    for name in ("events.jsonl", "events_heldout.jsonl"):
        lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"].lower() for line in lines if line.strip()]
    texts.append("they signed, then sanctioned; hold talks held talks-free talks")
    spans = 0
    for text in texts:
        fast = [(m.span(), m.lastgroup) for m in coder._scanner.finditer(text)]
        assert fast == [(m.span(), m.lastgroup) for m in coder._triggers.finditer(text)]
        spans += len(fast)
    assert spans > 300


def test_scanner_lists_beginnings_or_falls_back() -> None:
    assert starts("(?:hold|held) talks") == {"hol", "hel"}
    assert starts("sign(?:s|ed)?") == {"sig"}
    assert starts("[a-z]+ed") is None  # a class: cannot be listed
    scanner = TriggerScanner([["[a-z]+ed"], ["met"]], r"(?<![\w-])", r"(?![\w-])")
    assert [m.group() for m in scanner.finditer("they met and talked")] == ["met", "talked"]


@pytest.mark.parametrize(
    "text",
    [
        "China's navy held drills near Taiwan.",
        "Police arrested a man.",  # no country anywhere: no actor, no event
    ],
)
def test_no_common_noun_actor_without_a_country(kb: KnowledgeBase, text: str) -> None:
    assert all(e["source"] is not None or e["target"] is not None for e in events(text, kb))
    if text.startswith("Police"):
        assert events(text, kb) == []


def test_common_noun_institutions_are_knowledge_base_ids(kb: KnowledgeBase) -> None:
    data = load_event_kb().common_actors
    assert data.actors and data.heads
    for spec in data.actors:
        for country, institution in spec.institutions.items():
            assert country in kb.by_id and institution in kb.by_id, (country, institution)
            assert kb.by_id[institution].country == country
