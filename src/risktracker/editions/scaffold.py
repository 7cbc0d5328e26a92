"""``edition new``: a new edition folder with the tracker's proposals filled in.

Everything the tracker proposes is marked (``proposed: true``, or a comment naming where
a value came from), so ``edition check`` keeps reporting it until an analyst has read
and confirmed it. The previous edition's risk judgments are carried over as proposals:
a register lives across editions, and most risks are re-judged, not re-written.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..models import Edition
from ..store import Store
from .assemble import assemble_edition
from .check import FOCUS_PLACEHOLDER
from .compose import previous_number
from .folder import EDITION_FILE, edition_dir, load_edition
from .periods import Quarter, check_number
from .proposals import propose
from .render import percent


def _quote(value: str) -> str:
    """A YAML scalar on one line, quoted when YAML would read it as something else."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).strip().removesuffix("\n...")


def _domain_lines(edition: Edition) -> list[str]:
    lines = ["domains:"]
    for s in edition.sections:
        previous = "n/a" if s.previous_share is None else percent(s.previous_share)
        top = s.developments[0].headline if s.developments else "write the headline judgment"
        lines += [
            f"  {s.domain_id}:",
            "    proposed: true  # delete once an analyst has reviewed this domain",
            f"    headline: {_quote(top)}  # proposed: the top development's title",
            "    narrative: null  # the analyst's paragraph",
            f"    arrow: {s.arrow}  # proposed by the signals: {percent(s.share)} of attention, "
            f"previous quarter {previous}",
            "    arrow_reason: null  # required if you change the arrow",
            "    developments:  # proposed, strongest first; any stored document URL works",
        ]
        for d in s.developments:
            lines.append(
                f"      - {_quote(d.evidence.url or d.evidence.document_id)}  # {d.headline}"
            )
        if not s.developments:
            lines[-1] = "    developments: []  # none proposed: add document URLs"
    return lines


def _risk_lines(root: Path, period: str) -> list[str]:
    previous = previous_number(root, period)
    if previous is None:
        return ["risks: []  # judgments of risks from the register (risks.yml)"]
    spec = load_edition(edition_dir(root, previous)).value
    lines = [f"risks:  # carried over from {previous} as proposals"]
    for r in spec.risks:
        lines += [
            f"  - id: {r.id}",
            "    proposed: true",
            f"    likelihood: {r.likelihood}",
            f"    impact: {r.impact}",
            f"    arrow: {r.arrow}",
            f"    rationale: {_quote(r.rationale)}",
            "    evidence:",
            *(f"      - {_quote(e)}" for e in r.evidence),
        ]
    return lines


def scaffold_edition(
    store: Store, kb: KnowledgeBase, root: Path, number: str, period: str
) -> list[Path]:
    """Create ``ROOT/<year>-<issue>/`` with edition.yml and focus.md; never overwrites."""
    number = check_number(number)
    quarter = Quarter.parse(period)
    folder = edition_dir(root, number)
    if (folder / EDITION_FILE).exists():
        raise EditionError(
            f"{folder / EDITION_FILE} already exists", "Edit it, or pick another number."
        )
    proposal = propose(store, kb, assemble_edition(store, kb, period=str(quarter), number=number))
    lines = [
        f"# Edition {number}, scaffolded by `risktracker edition new` from the store.",
        "# Values marked proposed are the tracker's: review them, then delete the marks.",
        f"number: {_quote(number)}",
        f"period: {quarter}",
        "title: China Security and Risk Tracker",
        "authors: [Risk Tracker analysts]",
        "focus: focus.md",
        "graphic:",
        "  kind: domain_attention  # or country_pair_ledger, topic_signal, indicator",
        "  caption: null",
        *_domain_lines(proposal),
        *_risk_lines(root, str(quarter)),
        "forecasts: []  # id, question, probability, deadline, criteria, domain, author",
        "watch:",
        "  remove: []  # expressions of proposed items to leave out",
        "  pin: []  # expression, start, end, label, evidence",
        "# Proposed watch items (from the period's documents):",
        *(f"#   {w.expression} ({w.start} to {w.end}): {w.label}" for w in proposal.watch),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    edition_file = folder / EDITION_FILE
    edition_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    focus = folder / "focus.md"
    if not focus.exists():
        focus.write_text(f"# Focus topic\n\n{FOCUS_PLACEHOLDER}\n", encoding="utf-8")
    return [edition_file, focus]
