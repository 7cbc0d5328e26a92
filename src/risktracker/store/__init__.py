"""The store: the only package that knows about tables.

Public API: :class:`Store` (connection, migrations, writes, status) and the read
functions of :mod:`risktracker.store.reads` and :mod:`risktracker.store.search`.
"""

from .db import Store, stable_id

__all__ = ["Store", "stable_id"]
