"""The trend arrow: a stated rule against the trailing periods, with the figures that decided it.

For a series of shares (a domain's share of the period's documents, one value per
period; None for a period without documents):

- the window is the up to :data:`WINDOW` (4) latest earlier periods that had documents;
- its mean and population standard deviation are computed;
- the band is the largest of the standard deviation, :data:`RELATIVE_BAND` (a quarter) of
  the mean, and :data:`MIN_BAND` (2 percentage points): a small or flat history does not
  turn noise into an arrow;
- ``deteriorating`` when the value exceeds the mean by more than the band (more of the
  reporting is about this risk), ``improving`` when it falls short by more than the
  band, otherwise ``stable``; with no earlier period the arrow is ``stable``.

Editions name the same arrows rising, stable and easing (:data:`EDITION_ARROWS`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 4
RELATIVE_BAND = 0.25
MIN_BAND = 0.02
EDITION_ARROWS = {"deteriorating": "rising", "stable": "stable", "improving": "easing"}


@dataclass(frozen=True)
class Trend:
    arrow: str  # deteriorating | stable | improving
    value: float
    mean: float | None
    std: float | None
    band: float | None
    window: tuple[float, ...]  # the trailing values compared against, oldest first
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "arrow": self.arrow,
            "value": self.value,
            "mean": self.mean,
            "std": self.std,
            "band": self.band,
            "window": list(self.window),
            "reason": self.reason,
        }


def trend(value: float, history: Sequence[float]) -> Trend:
    """The arrow of ``value`` against ``history`` (earlier periods with documents)."""
    window = tuple(history[-WINDOW:])
    if not window:
        return Trend("stable", value, None, None, None, (), "no earlier period to compare with")
    mean = sum(window) / len(window)
    std = math.sqrt(sum((x - mean) ** 2 for x in window) / len(window))
    band = max(std, RELATIVE_BAND * mean, MIN_BAND)
    difference = value - mean
    if difference > band:
        arrow = "deteriorating"
    elif difference < -band:
        arrow = "improving"
    else:
        arrow = "stable"
    reason = (
        f"{value:.3f} vs mean {mean:.3f} of the last {len(window)} periods; "
        f"band {band:.3f} (std {std:.3f}, a quarter of the mean {RELATIVE_BAND * mean:.3f}, "
        f"floor {MIN_BAND:.3f})"
    )
    return Trend(
        arrow, round(value, 4), round(mean, 4), round(std, 4), round(band, 4), window, reason
    )


def series_trends(values: Sequence[float | None]) -> list[Trend | None]:
    """The trend of each period of a series; None where the period had no documents."""
    result: list[Trend | None] = []
    history: list[float] = []
    for value in values:
        if value is None:
            result.append(None)
            continue
        result.append(trend(value, history))
        history.append(value)
    return result
