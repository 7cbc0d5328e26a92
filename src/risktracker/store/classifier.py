"""Saved classifier models, with their version: ``risktracker train`` writes, enrich reads.

The model travels as bytes (joblib) inside the store, never from anywhere else, so a
model is exactly as trustworthy as the database it sits in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from . import schema as t

if TYPE_CHECKING:
    from .db import Store


@dataclass(frozen=True)
class SavedModel:
    version: str
    name: str
    created_at: datetime
    trained_on: int
    info: dict[str, object]
    data: bytes


def save_model(
    store: Store, name: str, version: str, data: bytes, trained_on: int, info: dict[str, object]
) -> bool:
    """Store a model once per version; False when that version was already saved."""
    row = {
        "version": version,
        "name": name,
        "created_at": datetime.now(UTC).replace(tzinfo=None),
        "trained_on": trained_on,
        "info": json.dumps(info, sort_keys=True),
        "data": data,
    }
    with store.engine.begin() as conn:
        if conn.execute(store._insert_ignore(t.classifier_models).values(**row)).rowcount:
            return True
        # the same training data again: that version becomes the latest once more
        conn.execute(
            update(t.classifier_models)
            .where(t.classifier_models.c.version == version)
            .values(created_at=row["created_at"])
        )
        return False


def latest_model(store: Store, name: str = "domains") -> SavedModel | None:
    """The most recently trained model of that name, or None before the first training."""
    models = t.classifier_models
    query = (
        select(models)
        .where(models.c.name == name)
        .order_by(models.c.created_at.desc(), models.c.version.desc())
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return SavedModel(
        row["version"],
        row["name"],
        row["created_at"],
        row["trained_on"],
        json.loads(row["info"]),
        bytes(row["data"]),
    )
