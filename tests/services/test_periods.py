"""Named report periods, with the organization's fiscal year."""

from __future__ import annotations

from datetime import date

from communitydesk.services.activity_stats import Period
from communitydesk.services.periods import PERIODS, named_period

TODAY = date(2026, 2, 10)


def test_named_periods_as_of_a_winter_day() -> None:
    assert named_period("last_30_days", TODAY) == Period(date(2026, 1, 12), TODAY)
    assert named_period("this_month", TODAY) == Period(date(2026, 2, 1), TODAY)
    assert named_period("last_month", TODAY) == Period(date(2026, 1, 1), date(2026, 1, 31))
    # A fiscal year from April: in February we are still in the one that began last April.
    assert named_period("this_fiscal_year", TODAY, 4) == Period(date(2025, 4, 1), TODAY)
    assert named_period("last_fiscal_year", TODAY, 4) == Period(date(2024, 4, 1), date(2025, 3, 31))
    assert named_period("this_fiscal_year", TODAY, 1) == Period(date(2026, 1, 1), TODAY)
    assert named_period("last_year", TODAY) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert all(named_period(key, TODAY).start <= TODAY for key in PERIODS)
