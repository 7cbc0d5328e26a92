from risktracker.enrich.mentions import MentionFinder
from risktracker.enrich.sentences import split_sentences


def _found(kb, text: str) -> list[tuple[str, str, str]]:  # noqa: ANN001
    finder = MentionFinder(kb)
    return [(m.text, m.entity, m.kind) for m in finder.find(text, split_sentences(text))]


def test_people_organisations_and_countries_with_offsets(kb) -> None:  # noqa: ANN001
    text = (
        "President Xi Jinping and Vladimir Putin spoke by video. Foreign Minister Wang Yi "
        "later met Sergei Lavrov, and both criticised NATO and the EU. The Taliban sent a "
        "delegation to the SCO meeting, while the PLA flew near Taiwan and Hong Kong courts "
        "sat. Floods hit Henan, and regulators turned on Didi."
    )
    finder = MentionFinder(kb)
    mentions = finder.find(text, split_sentences(text))
    entities = {m.entity for m in mentions}
    for expected in (
        "xi_jinping",
        "vladimir_putin",
        "wang_yi",
        "sergei_lavrov",
        "NATO",
        "EU",
        "taliban",
        "SCO",
        "pla",
        "TWN",
        "HKG",
        "henan",
        "didi",
    ):
        assert expected in entities, expected
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text
    xi = next(m for m in mentions if m.entity == "xi_jinping")
    assert (xi.start_char, xi.end_char, xi.kind, xi.country) == (10, 20, "actor", "CHN")
    assert next(m for m in mentions if m.entity == "henan").kind == "place"


def test_longest_match_wins_and_words_must_be_whole(kb) -> None:  # noqa: ANN001
    found = _found(kb, "Ships sailed through the South China Sea past Chinalco's office.")
    assert [f[0] for f in found] == ["South China Sea"]


def test_case_rules_for_short_and_common_names(kb) -> None:  # noqa: ANN001
    assert [f[1] for f in _found(kb, "Turkey and the US objected.")] == ["TUR", "USA"]
    assert _found(kb, "They ate turkey with us and discussed chad.") == []


def test_chinese_aliases_match_without_spaces(kb) -> None:  # noqa: ANN001
    found = _found(kb, "习近平会见了普京。中国人民解放军举行演习。")
    assert ("习近平", "xi_jinping", "actor") in found
    assert ("中国人民解放军", "pla", "actor") in found


def test_capital_is_the_state_unless_it_is_a_place(kb) -> None:  # noqa: ANN001
    found = _found(kb, "Beijing protested the visit. The talks were held in Beijing.")
    assert found == [("Beijing", "CHN", "actor"), ("Beijing", "CHN", "place")]


def test_brussels_stands_for_the_eu(kb) -> None:  # noqa: ANN001
    found = _found(kb, "Brussels is still developing its toolbox.")
    assert found == [("Brussels", "EU", "actor")]
