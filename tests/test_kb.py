from pathlib import Path

import pytest

from risktracker.errors import KnowledgeBaseError
from risktracker.kb import load_kb

DOMAINS = {
    "domestic_stability",
    "security_defense",
    "geopolitical_competition",
    "economic_tech_security",
}


def test_packaged_knowledge_base_has_what_a_tracker_needs(kb) -> None:  # noqa: ANN001
    assert set(kb.domain_ids) == DOMAINS
    assert len(kb.topics) >= 30
    assert {t.domain for t in kb.topics} == DOMAINS
    states = [a for a in kb.actors if a.type == "state"]
    assert len(states) >= 193
    assert {"TWN", "HKG", "MAC"} <= {a.id for a in kb.actors if a.type == "territory"}
    further = [a for a in kb.actors if a.type not in ("state", "territory")]
    assert len(further) >= 150
    china = kb.by_id["CHN"]
    assert china.capital == "Beijing" and "中国" in china.aliases_zh
    assert "习近平" in kb.by_id["xi_jinping"].aliases_zh
    assert "中国人民解放军" in kb.by_id["pla"].aliases_zh
    assert kb.by_id["EU"].type == "organization"
    stateless = [a.id for a in further if not a.country and a.type != "armed_group"]
    assert stateless == [], "only transnational armed groups may belong to no country"


def test_every_actor_alias_is_unambiguous(kb) -> None:  # noqa: ANN001
    owners: dict[str, str] = {}
    clashes = []
    for actor in kb.actors:
        for alias in {actor.name, *actor.aliases, *actor.demonyms}:
            key = alias.lower()
            if key in owners and owners[key] != actor.id:
                clashes.append((alias, owners[key], actor.id))
            owners[key] = actor.id
    assert clashes == []


def test_a_user_folder_replaces_and_adds_entries(tmp_path: Path, kb) -> None:  # noqa: ANN001
    (tmp_path / "actors.yml").write_text(
        "- id: huawei\n  name: Huawei Technologies\n  type: company\n  country: CHN\n"
        "  aliases: [Huawei, Huawei Technologies]\n"
        "- id: acme_shipping\n  name: Acme Shipping\n  type: company\n  country: SGP\n"
        "  aliases: [Acme Shipping]\n",
        encoding="utf-8",
    )
    extended = load_kb(tmp_path)
    assert extended.by_id["huawei"].name == "Huawei Technologies"
    assert extended.by_id["acme_shipping"].country == "SGP"
    assert len(extended.actors) == len(kb.actors) + 1
    assert extended.version != kb.version


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- id: x\n  name: [unclosed\n", "not valid YAML"),
        ("- id: x\n  name: X\n  type: robot\n", "unknown actor type"),
        ("- id: x\n  name: X\n  type: company\n  country: NOWHERE\n", "unknown country"),
        ("id: x\n", "expected a list"),
    ],
)
def test_broken_files_name_the_file_and_the_entry(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "actors.yml").write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message) as caught:
        load_kb(tmp_path)
    assert "actors" in str(caught.value)


def test_a_missing_user_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="does not exist"):
        load_kb(tmp_path / "nope")
