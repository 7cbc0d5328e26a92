"""``edition check``: what is missing or stale in an edition folder, with file and line.

Checks, in the order an analyst fixes them: the files parse and fit the schema; the
number matches the folder; the focus essay exists and is written; every domain has a
headline judgment; an arrow that overrides the proposal gives a reason; every chosen
development, risk and pinned watch item rests on a stored document; risks are in the
register; forecasts have unique ids and deadlines after the period; pinned watch items
are not already past; nothing is still marked as a proposal; the graphic can be drawn.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..store import Store
from ..store.edition_reads import evidence_for
from .assemble import assemble_edition
from .folder import (
    EDITION_FILE,
    Loaded,
    Problem,
    edition_dir,
    edition_folders,
    load_edition,
    load_register,
    load_resolutions,
)
from .graphics import unavailable
from .periods import Quarter
from .proposals import propose
from .spec import DevelopmentSpec, EditionSpec

FOCUS_PLACEHOLDER = "[write the focus essay here]"


def _proposals(store: Store | None, kb: KnowledgeBase, spec: EditionSpec) -> dict[str, str]:
    """The arrows the signals propose, per domain; empty when the store cannot say."""
    if store is None:
        return {}
    try:
        base = propose(
            store, kb, assemble_edition(store, kb, period=spec.period, number=spec.number)
        )
    except EditionError:
        return {}
    return {s.domain_id: s.arrow for s in base.sections}


def _evidence(
    store: Store | None, refs: list[tuple[str, tuple]], domain: str | None, loaded: Loaded
) -> list[Problem]:
    if store is None or not refs:
        return []
    found = evidence_for(store, [r for r, _ in refs], domain)
    return [
        Problem(loaded.path, loaded.line(*where), f"no stored document for evidence {ref!r}")
        for ref, where in refs
        if ref.strip() not in found
    ]


def _domains(loaded: Loaded, spec: EditionSpec, kb: KnowledgeBase, store, arrows) -> list[Problem]:
    problems = []
    path = loaded.path
    for domain_id in spec.domains:
        if domain_id not in kb.domain_ids:
            problems.append(
                Problem(path, loaded.line("domains", domain_id), f"unknown domain {domain_id!r}")
            )
    for domain_id in kb.domain_ids:
        judged = spec.domains.get(domain_id)
        if judged is None or not (judged.headline or "").strip():
            where = loaded.line("domains", domain_id) or loaded.line("domains")
            problems.append(Problem(path, where, f"{domain_id}: no headline judgment"))
            continue
        where = ("domains", domain_id)
        if judged.proposed:
            problems.append(
                Problem(
                    path,
                    loaded.line(*where, "proposed"),
                    f"{domain_id}: still a proposal (review it, then delete `proposed: true`)",
                )
            )
        proposed = arrows.get(domain_id)
        overrides = judged.arrow is not None and (proposed is None or judged.arrow != proposed)
        if overrides and not (judged.arrow_reason or "").strip():
            said = f" (the signals propose {proposed})" if proposed else ""
            problems.append(
                Problem(
                    path,
                    loaded.line(*where, "arrow"),
                    f"{domain_id}: arrow {judged.arrow} overrides the proposal{said} "
                    "without `arrow_reason`",
                )
            )
        refs = [
            (d.evidence if isinstance(d, DevelopmentSpec) else d, (*where, "developments", i))
            for i, d in enumerate(judged.developments or [])
        ]
        problems += _evidence(store, refs, domain_id, loaded)
    return problems


def check_edition(
    root: Path, folder: Path, kb: KnowledgeBase, store: Store | None
) -> list[Problem]:
    """Every problem of one edition folder (and of the shared register and resolutions)."""
    loaded = load_edition(folder)
    problems = list(loaded.problems)
    register = load_register(root)
    resolutions = load_resolutions(root)
    problems += register.problems + resolutions.problems
    spec: EditionSpec | None = loaded.value  # type: ignore[assignment]
    if spec is None:
        return _sorted(problems)
    path = loaded.path
    try:
        quarter = Quarter.parse(spec.period)
    except EditionError as exc:
        return _sorted([*problems, Problem(path, loaded.line("period"), str(exc))])
    try:
        if edition_dir(root, spec.number).resolve() != Path(folder).resolve():
            problems.append(
                Problem(
                    path,
                    loaded.line("number"),
                    f"number {spec.number} does not match the folder name {Path(folder).name}",
                )
            )
    except EditionError as exc:
        problems.append(Problem(path, loaded.line("number"), str(exc)))
    if spec.focus:
        focus = Path(folder) / spec.focus
        if not focus.is_file():
            problems.append(
                Problem(path, loaded.line("focus"), f"focus file {spec.focus} is missing")
            )
        elif FOCUS_PLACEHOLDER in focus.read_text(encoding="utf-8", errors="replace"):
            problems.append(Problem(focus, 1, "the focus essay is not yet written"))
    problems += _domains(loaded, spec, kb, store, _proposals(store, kb, spec))
    problems += _risks(loaded, spec, register, kb, store)
    problems += _forecasts(loaded, spec, root, quarter, kb)
    problems += _watch(loaded, spec, quarter, store)
    reason = unavailable(spec.graphic)
    if reason:
        problems.append(Problem(path, loaded.line("graphic", "kind"), reason))
    return _sorted(problems)


def _risks(loaded: Loaded, spec: EditionSpec, register: Loaded, kb, store) -> list[Problem]:
    entries = {r.id: r for r in register.value.risks} if register.value is not None else None
    problems = []
    for name, count in Counter(r.id for r in spec.risks).items():
        if count > 1:
            problems.append(
                Problem(loaded.path, loaded.line("risks"), f"risk {name} is judged {count} times")
            )
    if entries is not None:
        for i, entry in enumerate(register.value.risks):
            if entry.domain not in kb.domain_ids:
                problems.append(
                    Problem(
                        register.path,
                        register.line("risks", i, "domain"),
                        f"risk {entry.id}: unknown domain {entry.domain!r}",
                    )
                )
    for i, judgment in enumerate(spec.risks):
        where = ("risks", i)
        if entries is not None and judgment.id not in entries:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*where, "id"),
                    f"risk {judgment.id!r} is not in the register ({register.path.name})",
                )
            )
            continue
        if judgment.proposed:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*where, "proposed"),
                    f"risk {judgment.id}: carried over as a proposal "
                    "(review it, then delete `proposed: true`)",
                )
            )
        if not judgment.evidence:
            problems.append(
                Problem(loaded.path, loaded.line(*where), f"risk {judgment.id}: no evidence")
            )
        domain = entries[judgment.id].domain if entries else None
        refs = [(ref, (*where, "evidence", k)) for k, ref in enumerate(judgment.evidence)]
        problems += _evidence(store, refs, domain, loaded)
    return problems


def _forecasts(
    loaded: Loaded, spec: EditionSpec, root: Path, quarter: Quarter, kb
) -> list[Problem]:
    problems = []
    elsewhere = Counter()
    for _, other in edition_folders(root):
        if Path(other).resolve() != loaded.path.parent.resolve():
            elsewhere.update(f.id for f in load_edition(other).value.forecasts)
    mine = Counter(f.id for f in spec.forecasts)
    for i, forecast in enumerate(spec.forecasts):
        where = ("forecasts", i)
        if mine[forecast.id] > 1 or elsewhere[forecast.id]:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*where, "id"),
                    f"forecast id {forecast.id} is used more than once",
                )
            )
        if forecast.deadline <= quarter.end:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*where, "deadline"),
                    f"forecast {forecast.id}: deadline {forecast.deadline} is not after the "
                    f"period ({quarter.end})",
                )
            )
        if forecast.domain not in kb.domain_ids:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line(*where, "domain"),
                    f"forecast {forecast.id}: unknown domain {forecast.domain!r}",
                )
            )
    return problems


def _watch(loaded: Loaded, spec: EditionSpec, quarter: Quarter, store) -> list[Problem]:
    problems = []
    for i, pin in enumerate(spec.watch.pin):
        end = pin.end or pin.start
        if end <= quarter.end:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line("watch", "pin", i),
                    f"watch item {pin.expression!r} ({end}) is already past at the end of "
                    f"{quarter}",
                )
            )
        if pin.end is not None and pin.end < pin.start:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line("watch", "pin", i, "end"),
                    f"watch item {pin.expression!r} ends before it starts",
                )
            )
    refs = [(pin.evidence, ("watch", "pin", i, "evidence")) for i, pin in enumerate(spec.watch.pin)]
    return problems + _evidence(store, refs, None, loaded)


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (str(p.path), p.line or 0, p.message))


def check_all(root: Path, kb: KnowledgeBase, store: Store | None) -> list[Problem]:
    """Problems of every edition folder under ROOT (folders with an edition.yml)."""
    problems: list[Problem] = []
    folders = [f for f in sorted(Path(root).iterdir()) if (f / EDITION_FILE).is_file()]
    for folder in folders:
        problems += check_edition(root, folder, kb, store)
    return _sorted(problems)
