"""Publishing freezes an edition; building a published edition reproduces it or says why not.

``publish`` composes the edition from the store and the folder once, and writes two
files into the edition folder:

* ``published.json``: the whole assembled edition (developments, quoted sentences,
  shares, scores as known then). Later builds read this instead of the store, so a
  change of the store (new documents, a re-enrichment, later resolutions) does not
  change a published edition.
* ``publication.yml``: the SHA-256 of every input (edition.yml, focus, the register,
  the resolutions, published.json) and every output file, a content hash over all of
  them, and the versions of the tools that wrote the outputs.

``build`` of a published edition writes the outputs from ``published.json`` and compares
them with the recorded hashes; when they differ it names the files and the likely
reason (an input edited after publication, or a different WeasyPrint or Risk Tracker).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

from ..errors import EditionError
from ..kb import KnowledgeBase
from ..models import Edition
from ..store import Store
from .build import edition_files, write_outputs
from .compose import compose_edition
from .folder import (
    EDITION_FILE,
    REGISTER_FILE,
    RESOLUTIONS_FILE,
    edition_dir,
    load_edition,
    require,
)
from .jsonout import edition_from_json, edition_to_json
from .render import edition_slug

FROZEN = "published.json"
MANIFEST = "publication.yml"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _versions() -> dict[str, str]:
    found = {}
    for package in ("risktracker", "weasyprint"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _inputs(root: Path, folder: Path) -> dict[str, str]:
    spec = require(load_edition(folder))
    names = [
        f"{folder.name}/{EDITION_FILE}",
        f"{folder.name}/{FROZEN}",
        REGISTER_FILE,
        RESOLUTIONS_FILE,
    ]
    if spec.focus:
        names.insert(1, f"{folder.name}/{spec.focus}")
    return {n: _sha((root / n).read_bytes()) for n in names if (root / n).is_file()}


def content_hash(inputs: dict[str, str], outputs: dict[str, str]) -> str:
    lines = [f"in {k} {v}" for k, v in sorted(inputs.items())]
    lines += [f"out {k} {v}" for k, v in sorted(outputs.items())]
    return _sha("\n".join(lines).encode("utf-8"))


@dataclass(frozen=True)
class BuildReport:
    paths: tuple[Path, ...]
    published: bool
    content_hash: str | None
    differences: tuple[str, ...]  # why a rebuild differs from the publication; empty when equal


def is_published(root: Path, number: str) -> bool:
    return (edition_dir(root, number) / MANIFEST).is_file()


def frozen_edition(root: Path, number: str) -> Edition:
    return edition_from_json((edition_dir(root, number) / FROZEN).read_text(encoding="utf-8"))


def publish(store: Store, kb: KnowledgeBase, root: Path, number: str, out_dir: Path) -> BuildReport:
    """Freeze edition NUMBER of ROOT and write its outputs into OUT; refuses to publish twice."""
    root = Path(root)
    folder = edition_dir(root, number)
    if is_published(root, number):
        raise EditionError(
            f"{number} is already published ({folder / MANIFEST})",
            "Published editions never change; `risktracker edition build` rebuilds it.",
        )
    edition = compose_edition(store, kb, root, number)
    (folder / FROZEN).write_bytes(edition_to_json(edition).encode("utf-8"))
    outputs = {name: _sha(data) for name, data in edition_files(edition)}
    inputs = _inputs(root, folder)
    digest = content_hash(inputs, outputs)
    manifest = {
        "number": edition.number,
        "content_hash": digest,
        "versions": _versions(),
        "inputs": inputs,
        "outputs": outputs,
    }
    (folder / MANIFEST).write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    paths = write_outputs(edition, out_dir)
    return BuildReport(tuple(paths), True, digest, ())


def build(store: Store, kb: KnowledgeBase, root: Path, number: str, out_dir: Path) -> BuildReport:
    """Build edition NUMBER: from the frozen JSON when published, else from the store."""
    root = Path(root)
    if not is_published(root, number):
        paths = write_outputs(compose_edition(store, kb, root, number), out_dir)
        return BuildReport(tuple(paths), False, None, ())
    folder = edition_dir(root, number)
    manifest = yaml.safe_load((folder / MANIFEST).read_text(encoding="utf-8"))
    edition = frozen_edition(root, number)
    paths = write_outputs(edition, out_dir)
    own = Path(out_dir) / edition_slug(edition.number)
    outputs = {p.name: _sha(p.read_bytes()) for p in paths if p.parent == own}
    differences = []
    for name, digest in sorted(_inputs(root, folder).items()):
        if manifest["inputs"].get(name) != digest:
            differences.append(f"input {name} changed after publication")
    for name, digest in sorted(manifest["outputs"].items()):
        if outputs.get(name) != digest:
            differences.append(f"output {name} differs from the published bytes")
    if any(d.startswith("output") for d in differences) and manifest["versions"] != _versions():
        differences.append(
            f"tools changed: published with {manifest['versions']}, now {_versions()}"
        )
    return BuildReport(tuple(paths), True, manifest["content_hash"], tuple(differences))
