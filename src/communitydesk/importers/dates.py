"""Dates as spreadsheets really hold them: ISO, dd/mm/yyyy, mm/dd/yyyy, Excel serial numbers."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from communitydesk.core.i18n import _

EXCEL_EPOCH: Final = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")


class DateError(ValueError):
    """The cell is not a date this importer can read; the message says why, for the volunteer."""


def parse_date(text: str, day_first: bool | None = None) -> date:
    """`day_first` None: 03/04/2020 is refused as ambiguous; True: 3 April; False: 4 March."""
    text = text.strip()
    if not text:
        raise DateError(_("The date is empty."))
    try:
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _NUMERIC.match(text):
            first, second, year = int(found[1]), int(found[2]), int(found[3])
            if year < 100:
                year += 2000 if year <= date.today().year % 100 else 1900
            if first > 12 or (day_first and second <= 12):
                return date(year, second, first)
            if second > 12 or day_first is False:
                return date(year, first, second)
            if first == second:
                return date(year, first, second)
            raise DateError(
                _("“{text}” could be day/month or month/day: choose which the file uses.").format(
                    text=text
                )
            )
        if text.replace(".", "", 1).isdigit():
            serial = float(text)
            if 1 <= serial <= 80_000:  # 1900 to 2118
                return EXCEL_EPOCH + timedelta(days=int(serial))
    except ValueError as error:
        if isinstance(error, DateError):
            raise
        raise DateError(_("“{text}” is not a real date.").format(text=text)) from error
    raise DateError(
        _("“{text}” is not a date (write it 2024-03-15 or 15/03/2024).").format(text=text)
    )


def parse_year(text: str, day_first: bool | None = None) -> int:
    """A year on its own (1982), or the year of a full date."""
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return int(text)
    return parse_date(text, day_first).year
