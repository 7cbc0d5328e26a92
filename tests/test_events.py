"""The event coder on sentences we wrote: the seed's checks in our own words, and the
rules for passives, possessors, pronouns, negation, modality, threats and magnitudes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from risktracker.enrich.annotate import annotate
from risktracker.errors import KnowledgeBaseError
from risktracker.kb import KnowledgeBase
from risktracker.kb.events import EVENTS_DIR, load_event_kb, read_event_kb

DAY = date(2021, 8, 1)


def events(text: str, kb: KnowledgeBase) -> list[dict]:
    return annotate(text, kb, published=DAY)["events"]


def pairs(found: list[dict]) -> set[tuple[str, str | None, str | None]]:
    return {(e["type"], e["source_country"], e["target_country"]) for e in found}


def test_compound_subject_renewing_a_treaty_acts_on_each_other(kb: KnowledgeBase) -> None:
    found = events("Moscow and Beijing have renewed their 2001 friendship treaty.", kb)
    assert pairs(found) == {("AGREE", "RUS", "CHN"), ("AGREE", "CHN", "RUS")}
    assert {e["mode"] for e in found} == {"treaty"}


def test_pronoun_at_sentence_start_takes_the_previous_subject(kb: KnowledgeBase) -> None:
    text = (
        "China and Russia have deepened their cooperation this year. "
        "They also held joint naval drills near Japan."
    )
    drills = [e for e in events(text, kb) if e["sentence"] == 1]
    assert pairs(drills) == {("COOPERATE", "CHN", "RUS"), ("COOPERATE", "RUS", "CHN")}
    assert drills[0]["mode"] == "exercise"


def test_possessor_of_a_supplier_is_the_recipient(kb: KnowledgeBase) -> None:
    found = events("Russia remains China's main arms supplier.", kb)
    assert pairs(found) == {("AID", "RUS", "CHN")}


def test_passive_with_an_agent_under_a_regime(kb: KnowledgeBase) -> None:
    found = events(
        "Chinese and Russian officials were sanctioned under the EU's human rights regime.", kb
    )
    assert pairs(found) == {("SANCTION", "EU", "CHN"), ("SANCTION", "EU", "RUS")}


def test_passive_by_agent_and_regulator_as_source(kb: KnowledgeBase) -> None:
    found = events("Didi Chuxing was placed under investigation by China's regulators.", kb)
    assert len(found) == 1
    event = found[0]
    assert event["type"] in ("ACCUSE", "COERCE")
    assert (event["source_country"], event["target"]) == ("CHN", "didi")
    assert event["source_text"] == "China's regulators"  # the common noun, with its country


def test_sentence_with_years_and_authority_of_the_place(kb: KnowledgeBase) -> None:
    found = events("In Hong Kong, Tong Ying-kit was sentenced to nine years in prison.", kb)
    assert len(found) == 1
    event = found[0]
    assert (event["type"], event["source"], event["target"]) == ("COERCE", "HKG", "tong_ying_kit")
    assert event["mode"] == "sentence"
    assert [(m["kind"], m["value"]) for m in event["magnitude"]] == [("years", 9.0)]


def test_incursion_into_airspace_with_aircraft_counted(kb: KnowledgeBase) -> None:
    found = events(
        "The PLA sent 38 aircraft into Taiwan's air defence zone, its largest incursion yet.", kb
    )
    assert ("MOBILIZE", "CHN", "TWN") in pairs(found)
    mobilize = next(e for e in found if e["target_country"] == "TWN")
    assert mobilize["source"] == "pla"
    assert any(m["kind"] == "aircraft" and m["value"] == 38 for m in mobilize["magnitude"])


def test_negation_is_kept_apart_from_the_event(kb: KnowledgeBase) -> None:
    found = events("Xi Jinping did not attend the summit with Joe Biden.", kb)
    assert found and all(e["negated"] for e in found)
    assert {e["type"] for e in found} == {"CONSULT"}


def test_modality_marks_possible_acts(kb: KnowledgeBase) -> None:
    found = events("Washington could impose new sanctions on Chinese chipmakers.", kb)
    assert pairs(found) == {("SANCTION", "USA", "CHN")}
    assert found[0]["modality"] == "possible" and not found[0]["negated"]


def test_a_threat_is_threaten_not_the_act(kb: KnowledgeBase) -> None:
    found = events("Beijing threatened to impose sanctions on Lithuania.", kb)
    assert pairs(found) == {("THREATEN", "CHN", "LTU")}
    assert found[0]["mode"] == "sanctions"


def test_denial_negates_the_embedded_act(kb: KnowledgeBase) -> None:
    found = events("China denied sending warships to the disputed reef.", kb)
    mobilize = [e for e in found if e["type"] == "MOBILIZE"]
    assert mobilize and all(e["negated"] for e in mobilize)


def test_title_and_apposition_resolve_to_the_person(kb: KnowledgeBase) -> None:
    found = events("China's Foreign Minister Wang Yi met Sergei Lavrov in Guilin.", kb)
    assert {(e["source"], e["target"]) for e in found} >= {("wang_yi", "sergei_lavrov")}
    found = events("Wang Yi, China's top diplomat, criticised Australia.", kb)
    assert {(e["type"], e["source"], e["target"]) for e in found} == {("ACCUSE", "wang_yi", "AUS")}


def test_nouns_and_names_are_not_triggers(kb: KnowledgeBase) -> None:
    assert events("The Anti-Foreign Sanctions Law took effect in June.", kb) == []
    assert events("Analysts discussed a Chinese attack on Taiwan as a remote scenario.", kb) == []


def test_money_with_currency(kb: KnowledgeBase) -> None:
    found = events("China's market regulator fined Alibaba 18.2 billion yuan.", kb)
    assert pairs(found) == {("COERCE", "CHN", "CHN")}
    money = found[0]["magnitude"][0]
    assert (money["kind"], money["value"], money["unit"]) == ("money", 18.2e9, "CNY")


def test_event_date_is_the_document_date(kb: KnowledgeBase) -> None:
    found = events("Japan and China held talks in Tokyo.", kb)
    assert found and {e["date"] for e in found} == {"2021-08-01"}


def test_event_kb_loads_and_maps_cameo(kb: KnowledgeBase) -> None:
    knowledge = load_event_kb()
    assert knowledge.cameo_to_plover("0874").type == "RETREAT"
    assert knowledge.cameo_to_plover("1724").type == "COERCE"
    assert knowledge.cameo_to_plover("0231").type == "REQUEST"  # our supplement for 02x
    assert knowledge.cameo_to_plover("99") is None
    assert knowledge.channel("SANCTION", None, None) == "legal"
    assert knowledge.channel("COOPERATE", "exercise", "military") == "military"
    assert knowledge.intensity("AID", "arms") > knowledge.intensity("CONSULT", None) > 0
    assert knowledge.intensity("ASSAULT", None) < knowledge.intensity("ACCUSE", None) < 0


def test_event_kb_reports_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "scale.yml").write_text("- type: BOMB\n  intensity: -9\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="scale.yml: entry 1: type"):
        read_event_kb(tmp_path)
    (tmp_path / "scale.yml").write_text((EVENTS_DIR / "scale.yml").read_text(), encoding="utf-8")
    (tmp_path / "patterns.yml").write_text("- type: AGREE\n  phrases: ['(']\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad regular expression"):
        read_event_kb(tmp_path)
