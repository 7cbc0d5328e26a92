"""Training the domain model: ``risktracker train``.

Labelled texts come from three places, all of them ours or the analyst's:
- a gold file (JSON Lines: ``text`` and ``domains``, an empty list meaning none),
  by default ``tests/gold/domains.jsonl`` of a source checkout;
- the Top Risks sections of a published edition in plain text (``--seed FILE``): each
  paragraph under a domain's heading is labelled with that domain;
- every label an analyst set in the store (``risktracker label``), which wins over a
  gold or seed label of the same text.

The trained model is saved in the store with a version derived from its training data;
the next ``risktracker enrich`` re-labels every document with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..kb import KnowledgeBase
from ..store import Store
from ..store.classifier import latest_model, save_model
from ..store.labels import LabelledText, analyst_examples

MODEL_NAME = "domains"


def load_gold(path: Path, kb: KnowledgeBase) -> list[LabelledText]:
    """Read a gold file; a line with an unknown domain or no text is an error naming it."""
    known = set(kb.domain_ids)
    items: list[LabelledText] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, domains = record["text"], tuple(record.get("domains") or ())
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a labelled text ({exc})") from None
        unknown = [d for d in domains if d not in known]
        if unknown or not str(text).strip():
            raise InputError(f"{path}:{number}: unknown domain {unknown} or empty text")
        items.append(LabelledText(str(text), domains, f"gold:{record.get('id', number)}"))
    return items


def seed_sections(path: Path, kb: KnowledgeBase) -> dict[str, list[str]]:
    """Paragraphs of each domain section under an edition's "Top Risks" heading.

    The first short line after a domain heading is the section's headline and is left
    out; the sections end at the "Looking forward" heading.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read edition text {path}: {exc}") from None
    names = {d.name.lower(): d.id for d in kb.domains}
    sections: dict[str, list[str]] = {}
    inside, current, headline_pending = False, None, False
    for raw in re.split(r"\n\s*\n|\n", text):
        line = raw.strip()
        if not line:
            continue
        lowered = line.lower()
        if lowered.endswith("top risks"):
            inside = True
            continue
        if not inside:
            continue
        if lowered.startswith("looking forward"):
            break
        if lowered in names:
            current, headline_pending = names[lowered], True
            sections[current] = []
            continue
        if current is None:
            continue
        if headline_pending and not line.endswith((".", "”", '"')):
            headline_pending = False
            continue
        headline_pending = False
        sections[current].append(line)
    if not sections:
        raise InputError(
            f"no Top Risks sections found in {path}",
            "The file needs a 'Top Risks' heading followed by domain headings.",
        )
    return sections


def seed_examples(path: Path, kb: KnowledgeBase) -> list[LabelledText]:
    return [
        LabelledText(paragraph, (domain,), f"seed:{domain}:{number}")
        for domain, paragraphs in seed_sections(path, kb).items()
        for number, paragraph in enumerate(paragraphs)
    ]


def merge_examples(*groups: list[LabelledText]) -> list[LabelledText]:
    """One example per text; a later group (the analyst's) replaces an earlier label."""
    merged: dict[str, LabelledText] = {}
    for group in groups:
        for item in group:
            merged[" ".join(item.text.split())] = item
    return list(merged.values())


def train_examples(examples: list[LabelledText], kb: KnowledgeBase):  # noqa: ANN201
    """Fit a model on labelled texts (the knowledge-base features are computed here)."""
    from ..enrich.model import RuleFeatures, fit_model

    rules = RuleFeatures(kb)
    texts = [x.text for x in examples]
    return fit_model(
        kb.domain_ids, texts, [x.domains for x in examples], [rules.features(x) for x in texts]
    )


@dataclass(frozen=True)
class TrainSummary:
    version: str
    examples: int
    by_origin: dict[str, int]
    new: bool

    def line(self) -> str:
        origins = ", ".join(f"{k} {v}" for k, v in sorted(self.by_origin.items()))
        state = "saved" if self.new else "already saved; now the latest"
        return (
            f"model {self.version} trained on {self.examples} labelled texts ({origins}); "
            f"{state}. Run `risktracker enrich` to relabel the documents."
        )


def train(
    store: Store, kb: KnowledgeBase, *, gold: Path | None = None, seed: Path | None = None
) -> TrainSummary:
    from ..evaluate import default_gold_dir

    gold_path = gold or default_gold_dir() / "domains.jsonl"
    if not gold_path.is_file():
        raise InputError(
            f"gold file {gold_path} does not exist", "Run from a source checkout or pass --gold."
        )
    groups = [load_gold(gold_path, kb)]
    if seed is not None:
        groups.append(seed_examples(seed, kb))
    groups.append(analyst_examples(store))
    examples = merge_examples(*groups)
    model = train_examples(examples, kb)
    by_origin: dict[str, int] = {}
    for item in examples:
        key = item.origin.split(":")[0]
        by_origin[key] = by_origin.get(key, 0) + 1
    new = save_model(
        store,
        MODEL_NAME,
        model.version,
        model.dumps(),
        len(examples),
        {"origins": by_origin, "gold": str(gold_path), "seed": str(seed) if seed else None},
    )
    return TrainSummary(model.version, len(examples), by_origin, new)


def load_domain_model(store: Store):  # noqa: ANN201
    """The latest trained domain model of the store, or None (rules only)."""
    saved = latest_model(store, MODEL_NAME)
    if saved is None:
        return None
    from ..enrich.model import DomainModel

    try:
        return DomainModel.loads(saved.data)
    except Exception as exc:  # noqa: BLE001 - a model from another version: retrain
        raise InputError(
            f"cannot load the saved model {saved.version}: {exc}", "Run `risktracker train` again."
        ) from None
