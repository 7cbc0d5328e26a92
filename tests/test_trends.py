"""The trend arrow rule: stated thresholds, and the figures that decided it."""

from risktracker.analyze.trends import EDITION_ARROWS, MIN_BAND, series_trends, trend


def test_no_history_is_stable_and_says_why() -> None:
    result = trend(0.4, [])
    assert result.arrow == "stable"
    assert result.mean is None and "no earlier period" in result.reason


def test_beyond_the_band_deteriorates_or_improves() -> None:
    history = [0.30, 0.32, 0.28, 0.30]  # mean 0.30, std ~0.014, a quarter of mean 0.075
    rising = trend(0.40, history)
    assert rising.arrow == "deteriorating"
    assert rising.mean == 0.3 and rising.band == 0.075
    assert rising.window == tuple(history)
    assert trend(0.20, history).arrow == "improving"
    assert trend(0.37, history).arrow == "stable"  # 0.07 above: inside the band


def test_only_the_last_four_periods_count() -> None:
    result = trend(0.5, [0.9, 0.1, 0.1, 0.1, 0.1])
    assert result.window == (0.1, 0.1, 0.1, 0.1)
    assert result.arrow == "deteriorating"


def test_a_volatile_history_widens_the_band() -> None:
    history = [0.1, 0.5, 0.1, 0.5]  # std 0.2 beats a quarter of the mean (0.075)
    result = trend(0.45, history)
    assert result.band == 0.2 and result.arrow == "stable"


def test_small_shares_use_the_floor() -> None:
    result = trend(0.015, [0.01, 0.01])
    assert result.band == MIN_BAND and result.arrow == "stable"
    assert trend(0.04, [0.01, 0.01]).arrow == "deteriorating"


def test_periods_without_documents_are_skipped() -> None:
    trends = series_trends([0.3, None, 0.3, 0.6])
    assert trends[1] is None
    assert trends[2].window == (0.3,)
    assert trends[3].window == (0.3, 0.3) and trends[3].arrow == "deteriorating"


def test_edition_names() -> None:
    assert EDITION_ARROWS == {"deteriorating": "rising", "stable": "stable", "improving": "easing"}
