"""Join what the store proposes with what analysts decided in the edition folder.

The store gives the proposals (:func:`~.assemble.assemble_edition`: arrows from attention,
ranked developments, dated watch items); ``edition.yml`` gives the judgments (headlines,
narratives, overridden arrows, chosen developments, the risks of the register, forecasts,
pinned or removed watch items). The analyst's word wins wherever it is written.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..models import Development, DomainSection, Edition, RiskAssessment, WatchEntry
from ..store import Store
from ..store.edition_reads import evidence_for
from .assemble import WORDS_PER_MINUTE, assemble_edition
from .diff import diff_editions
from .folder import edition_dir, edition_folders, load_edition, load_register, require
from .forecasts import all_forecasts, as_of, earlier_calls, track_record
from .graphics import graphic_for
from .periods import Quarter
from .proposals import propose, watch_statuses
from .spec import DevelopmentSpec, DomainSpec, EditionSpec, WatchSpec


def _section(store: Store, section: DomainSection, spec: DomainSpec | None) -> DomainSection:
    if spec is None:
        return section
    changes: dict = {"headline": spec.headline, "narrative": spec.narrative}
    if spec.arrow is not None and spec.arrow != section.arrow:
        changes.update(
            arrow=spec.arrow, proposed_arrow=section.arrow, arrow_reason=spec.arrow_reason
        )
    if spec.developments is not None:
        items = [
            d if isinstance(d, DevelopmentSpec) else DevelopmentSpec(evidence=d)
            for d in spec.developments
        ]
        found = evidence_for(store, [d.evidence for d in items], section.domain_id)
        chosen = []
        for item in items:
            evidence = found.get(item.evidence.strip())
            if evidence is None:
                raise EditionError(
                    f"{section.domain_id}: development {item.evidence!r} has no stored evidence",
                    "Ingest and enrich the document, or run `risktracker edition check`.",
                )
            chosen.append(Development(item.headline or evidence.title, 1.0, evidence))
        changes["developments"] = tuple(chosen)
    return replace(section, **changes)


def _watch(
    store: Store, proposed: tuple[WatchEntry, ...], spec: WatchSpec
) -> tuple[WatchEntry, ...]:
    removed = {r.strip().lower() for r in spec.remove}
    kept = [w for w in proposed if w.expression.lower() not in removed]
    found = evidence_for(store, [p.evidence for p in spec.pin])
    for pin in spec.pin:
        evidence = found.get(pin.evidence.strip())
        if evidence is None:
            raise EditionError(f"pinned watch item {pin.expression!r} has no stored evidence")
        kept.append(
            WatchEntry(pin.expression, pin.start, pin.end or pin.start, pin.label, evidence)
        )
    kept.sort(key=lambda w: (w.start or w.end, w.end or w.start, w.expression))
    return tuple(kept)


def _risks(store: Store, root: Path, spec: EditionSpec) -> tuple[RiskAssessment, ...]:
    register = {r.id: r for r in require(load_register(root)).risks}
    risks = []
    for judgment in spec.risks:
        entry = register.get(judgment.id)
        if entry is None:
            raise EditionError(f"risk {judgment.id!r} is not in the register (risks.yml)")
        found = evidence_for(store, judgment.evidence, entry.domain)
        missing = [ref for ref in judgment.evidence if ref.strip() not in found]
        if missing:
            raise EditionError(f"risk {judgment.id!r}: no stored evidence for {missing[0]!r}")
        risks.append(
            RiskAssessment(
                id=entry.id,
                domain=entry.domain,
                topics=tuple(entry.topics),
                name=entry.name,
                description=entry.description,
                likelihood=judgment.likelihood,
                impact=judgment.impact,
                arrow=judgment.arrow,
                rationale=judgment.rationale,
                evidence=tuple(found[ref.strip()] for ref in judgment.evidence),
            )
        )
    return tuple(risks)


def _reading_minutes(edition: Edition) -> int:
    texts = [edition.focus_markdown or ""]
    for s in edition.sections:
        texts += [s.headline or "", s.narrative or ""]
        texts += [d.headline + " " + d.evidence.sentence for d in s.developments]
    texts += [r.description + " " + r.rationale for r in edition.risks]
    texts += [f.question for f in edition.forecasts] + [w.label for w in edition.watch]
    words = sum(len(t.split()) for t in texts)
    return max(1, round(words / WORDS_PER_MINUTE))


def compose_edition(
    store: Store, kb: KnowledgeBase, root: Path, number: str, *, with_diff: bool = True
) -> Edition:
    """The edition ``number`` of the editions folder ROOT, judged and scored."""
    folder = edition_dir(root, number)
    spec: EditionSpec = require(load_edition(folder))
    if spec.number.strip() != number.strip():
        raise EditionError(f"{folder}/edition.yml is number {spec.number}, not {number}")
    focus = folder / spec.focus if spec.focus else None
    base = assemble_edition(
        store,
        kb,
        period=spec.period,
        number=spec.number,
        focus=focus if focus is not None and focus.is_file() else None,
        authors=tuple(spec.authors),
    )
    base = propose(store, kb, base)
    quarter = Quarter.parse(spec.period)
    sections = tuple(_section(store, s, spec.domains.get(s.domain_id)) for s in base.sections)
    own = [as_of(f, base.end) for f in all_forecasts(root) if f.edition == spec.number]
    graphic = graphic_for(store, kb, spec.graphic, quarter, base.chart)
    edition = replace(
        base,
        title=spec.title,
        sections=sections,
        watch=_watch(store, base.watch, spec.watch),
        risks=_risks(store, root, spec),
        forecasts=tuple(own),
        track_record=track_record(earlier_calls(root, spec.period), base.end),
        chart=replace(graphic.chart, caption=graphic.caption),
        graphic_kind=spec.graphic.kind,
        graphic_svg=graphic.svg,
        graphic_spec=graphic.spec,
    )
    if with_diff:
        previous = previous_number(root, spec.period)
        if previous is not None:
            before = compose_edition(store, kb, root, previous, with_diff=False)
            diff = diff_editions(before, edition)
            ids = [w.item_id for w in diff.watch_resolved if w.item_id]
            statuses = watch_statuses(store, ids, edition.end)
            passed = tuple(
                replace(w, status=statuses.get(w.item_id or "", w.status))
                for w in diff.watch_resolved
            )
            edition = replace(edition, diff=replace(diff, watch_resolved=passed))
    return replace(edition, reading_minutes=_reading_minutes(edition))


def previous_number(root: Path, period: str) -> str | None:
    """The number of the latest edition of a period before ``period``, if any."""
    quarter = Quarter.parse(period)
    earlier = [
        folder
        for other, folder in edition_folders(root)
        if (other.year, other.quarter) < (quarter.year, quarter.quarter)
    ]
    return load_edition(earlier[-1]).value.number if earlier else None
