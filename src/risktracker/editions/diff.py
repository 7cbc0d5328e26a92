"""What changed between two editions: the register, the arrows, the calendar, the news.

A pure function of two assembled editions, so the same diff shows in the later edition
("What changed since the last issue") and on the command line (``edition diff``).
"""

from __future__ import annotations

from ..models import Change, Edition, EditionDiff
from .render import percent


def diff_editions(before: Edition, after: Edition) -> EditionDiff:
    """Risks added and dropped, arrows and likelihoods changed, watch items whose dates
    passed by the end of the later period, and developments new in each domain."""
    old_risks = {r.id: r for r in before.risks}
    new_risks = {r.id: r for r in after.risks}
    arrows: list[Change] = []
    old_sections = {s.domain_id: s for s in before.sections}
    for section in after.sections:
        earlier = old_sections.get(section.domain_id)
        if earlier is not None and earlier.arrow != section.arrow:
            arrows.append(Change(section.domain_id, section.name, earlier.arrow, section.arrow))
    likelihoods: list[Change] = []
    for risk_id in sorted(set(old_risks) & set(new_risks)):
        old, new = old_risks[risk_id], new_risks[risk_id]
        if old.arrow != new.arrow:
            arrows.append(Change(risk_id, new.name, old.arrow, new.arrow))
        if abs(old.likelihood - new.likelihood) >= 0.005:
            likelihoods.append(
                Change(risk_id, new.name, percent(old.likelihood), percent(new.likelihood))
            )
    resolved = tuple(
        w
        for w in before.watch
        if (w.end or w.start) is not None and (w.end or w.start) <= after.end
    )
    seen = {d.evidence.document_id for s in before.sections for d in s.developments}
    fresh = {
        s.domain_id: tuple(d.headline for d in s.developments if d.evidence.document_id not in seen)
        for s in after.sections
    }
    return EditionDiff(
        previous=before.number,
        current=after.number,
        risks_added=tuple(sorted(set(new_risks) - set(old_risks))),
        risks_dropped=tuple(sorted(set(old_risks) - set(new_risks))),
        arrows_changed=tuple(arrows),
        likelihoods_changed=tuple(likelihoods),
        watch_resolved=resolved,
        new_developments={k: v for k, v in fresh.items() if v},
        risk_names={r.id: r.name for r in (*before.risks, *after.risks)},
    )


def diff_lines(diff: EditionDiff) -> list[str]:
    """The diff as plain lines for the terminal."""
    lines = [f"What changed from {diff.previous} to {diff.current}"]
    lines += [f"  risk added: {r}" for r in diff.risks_added]
    lines += [f"  risk dropped: {r}" for r in diff.risks_dropped]
    lines += [f"  arrow {c.name}: {c.before} -> {c.after}" for c in diff.arrows_changed]
    lines += [f"  likelihood {c.name}: {c.before} -> {c.after}" for c in diff.likelihoods_changed]
    lines += [f"  watch item passed: {w.expression}: {w.label}" for w in diff.watch_resolved]
    for domain, headlines in diff.new_developments.items():
        lines += [f"  new in {domain}: {h}" for h in headlines]
    if len(lines) == 1:
        lines.append("  nothing changed")
    return lines
