"""The periods people report on: the last 30 days, a month, the fiscal year, the calendar year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from communitydesk.core.i18n import N_
from communitydesk.services.activity_stats import Period

PERIODS: Final = {
    "last_30_days": N_("The last 30 days"),
    "this_month": N_("This month"),
    "last_month": N_("Last month"),
    "this_fiscal_year": N_("This fiscal year"),
    "last_fiscal_year": N_("Last fiscal year"),
    "this_year": N_("This calendar year"),
    "last_year": N_("Last calendar year"),
}


def _fiscal_start(today: date, start_month: int) -> date:
    year = today.year if today.month >= start_month else today.year - 1
    return date(year, start_month, 1)


def _year_later(start: date) -> date:
    return date(start.year + 1, start.month, 1) - timedelta(days=1)


def fiscal_year_of(day: date, start_month: int) -> int:
    """The calendar year in which the fiscal year holding `day` starts (its name in the books)."""
    return _fiscal_start(day, start_month).year


def fiscal_label(year: int, start_month: int) -> str:
    """The fiscal year as people say it: 2025 for a calendar year, 2025–2026 otherwise."""
    return str(year) if start_month == 1 else f"{year}–{year + 1}"


def fiscal_year(start_year: int, start_month: int) -> Period:
    """The fiscal year that starts in `start_month` of `start_year`."""
    start = date(start_year, start_month, 1)
    return Period(start, _year_later(start))


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period(start, following - timedelta(days=1))


def named_period(key: str, today: date, fiscal_start_month: int = 4) -> Period:
    """The period `key` (one of PERIODS) as of `today`; periods in progress end today."""
    if key == "last_30_days":
        return Period(today - timedelta(days=29), today)
    if key == "this_month":
        return Period(today.replace(day=1), today)
    if key == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if key == "this_fiscal_year":
        return Period(_fiscal_start(today, fiscal_start_month), today)
    if key == "last_fiscal_year":
        start = _fiscal_start(today, fiscal_start_month)
        start = start.replace(year=start.year - 1)
        return Period(start, _year_later(start))
    if key == "this_year":
        return Period(date(today.year, 1, 1), today)
    if key == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    raise ValueError(f"unknown period {key!r}")
