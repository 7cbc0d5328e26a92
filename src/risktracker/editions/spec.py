"""What analysts write: the schema of ``edition.yml``, ``risks.yml`` and ``resolutions.yml``.

An editions folder an analyst keeps in git looks like::

    editions/
      risks.yml           the risk register: named risks that live across editions
      resolutions.yml     how forecasts resolved (written by ``risktracker forecast resolve``)
      2021-3/
        edition.yml       number, period, authors, judgments per domain, risks, forecasts
        focus.md          the focus essay

Values the tracker proposed (``edition new``) carry ``proposed: true`` until an analyst
confirms them; ``edition check`` lists what is still a proposal.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Arrow = Literal["rising", "stable", "easing"]
GraphicKind = Literal["domain_attention", "country_pair_ledger", "topic_signal", "indicator"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DevelopmentSpec(_Strict):
    """A key development chosen by the analyst: a document (URL or id), optional headline."""

    evidence: str
    headline: str | None = None


class DomainSpec(_Strict):
    headline: str | None = None
    narrative: str | None = None
    arrow: Arrow | None = None  # None: take the arrow the signals propose
    arrow_reason: str | None = None  # required when the arrow overrides the proposal
    developments: list[str | DevelopmentSpec] | None = None  # None: take the proposals
    proposed: bool = False


class WatchPin(_Strict):
    expression: str
    start: date
    end: date | None = None
    label: str
    evidence: str


class WatchSpec(_Strict):
    pin: list[WatchPin] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)  # stored item ids or expressions


class RiskJudgment(_Strict):
    id: str
    likelihood: float = Field(ge=0.0, le=1.0)
    impact: int = Field(ge=1, le=5)
    arrow: Arrow
    rationale: str
    evidence: list[str] = Field(default_factory=list)
    proposed: bool = False  # carried over by `edition new`: confirm, then remove the mark


class ForecastSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    question: str
    probability: float = Field(ge=0.0, le=1.0)
    deadline: date
    criteria: str
    domain: str
    author: str


class GraphicSpec(_Strict):
    kind: GraphicKind = "domain_attention"
    caption: str | None = None
    pair: str | None = None  # country_pair_ledger: e.g. "CHN-USA"
    topic: str | None = None  # topic_signal
    indicator: str | None = None  # indicator


class EditionSpec(_Strict):
    number: str
    period: str
    title: str = "China Security and Risk Tracker"
    authors: list[str] = Field(min_length=1)
    focus: str | None = "focus.md"
    graphic: GraphicSpec = Field(default_factory=GraphicSpec)
    domains: dict[str, DomainSpec] = Field(default_factory=dict)
    risks: list[RiskJudgment] = Field(default_factory=list)
    forecasts: list[ForecastSpec] = Field(default_factory=list)
    watch: WatchSpec = Field(default_factory=WatchSpec)


class RegisterEntry(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str
    domain: str
    topics: list[str] = Field(default_factory=list)
    description: str


class RiskRegister(_Strict):
    risks: list[RegisterEntry] = Field(default_factory=list)


class Resolution(_Strict):
    forecast: str
    outcome: bool  # YAML reads yes/no as booleans
    resolved_on: date
    evidence: str


class Resolutions(_Strict):
    resolutions: list[Resolution] = Field(default_factory=list)
