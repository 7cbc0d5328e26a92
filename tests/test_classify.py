"""The rule labeller on paragraphs we wrote, one per domain, and on text about none."""

from risktracker.enrich.annotate import annotate

PARAGRAPHS = {
    "domestic_stability": (
        "A court sentenced a retired businessman to twelve years in prison for picking "
        "quarrels and provoking trouble, after he criticised local officials online. "
        "Censors also deleted posts that questioned the emergency response to the floods."
    ),
    "security_defense": (
        "The PLA sent more than thirty fighter jets and two bombers into Taiwan's air "
        "defense identification zone, while the navy held live-fire drills in the South "
        "China Sea."
    ),
    "geopolitical_competition": (
        "After the G7 summit criticised Beijing, China imposed counter-sanctions on members "
        "of the European Parliament, and diplomats accused Washington of bloc politics."
    ),
    "economic_tech_security": (
        "The Cyberspace Administration of China ordered app stores to remove the ride-hailing "
        "app during a cybersecurity review, and new data security rules will bind companies "
        "that list shares on foreign stock exchanges."
    ),
}


def _document_domains(text: str, kb) -> dict[str, float]:  # noqa: ANN001
    data = annotate(text, kb)
    return {x["domain"]: x["score"] for x in data["labels"] if x["sentence"] is None}


def test_each_paragraph_gets_its_domain_first(kb) -> None:  # noqa: ANN001
    for domain, text in PARAGRAPHS.items():
        scores = _document_domains(text, kb)
        assert scores, domain
        assert max(scores, key=scores.get) == domain, (domain, scores)


def test_text_about_no_domain_gets_no_label(kb) -> None:  # noqa: ANN001
    assert _document_domains("The weather was mild and the museum opened late on Sunday.", kb) == {}


def test_scores_are_probability_like(kb) -> None:  # noqa: ANN001
    data = annotate(" ".join(PARAGRAPHS.values()), kb)
    assert all(0 < x["score"] <= 1 for x in data["labels"] + data["topics"])
    assert len({x["domain"] for x in data["labels"] if x["sentence"] is None}) >= 3
