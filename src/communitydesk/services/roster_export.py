"""The roster as a CSV file, for people whose consent allows contact.

A person with no contact consent is left out, and the result says how many. Each contact detail
is written only when its channel is consented (a phone number for phone or text consent, an
e-mail address for e-mail consent). Notes and sensitive notes never leave.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _, format_list, language_name
from communitydesk.db.session import Database
from communitydesk.services.people import RosterFilter, roster_condition
from communitydesk.services.reachable import reachable_people


@dataclass(frozen=True)
class ExportResult:
    path: Path
    written: int
    left_out: int


def _headers() -> list[str]:
    return [
        _("Name"),
        _("Latin spelling"),
        _("Preferred name"),
        _("Household"),
        _("Phone"),
        _("Other phone"),
        _("E-mail"),
        _("Address"),
        _("Languages"),
    ]


class RosterExportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def export(
        self, target: Path, wanted: RosterFilter | None = None, today: date | None = None
    ) -> ExportResult:
        """The people `wanted` shows (everyone by default) whose consent allows contact."""
        with self._db.reading() as session:
            condition = roster_condition(session, wanted or RosterFilter(), today or date.today())
            reachable = reachable_people(session, condition)
        records = [
            [
                person.name,
                person.latin_name,
                person.preferred_name,
                person.household,
                person.phone,
                person.other_phone,
                person.email,
                person.address,
                format_list([language_name(code) for code in person.languages]),
            ]
            for person in reachable.people
        ]
        with (
            written_whole(target) as partial,
            partial.open(
                "w",
                encoding="utf-8-sig",
                newline="",  # so spreadsheets read accents and Arabic
            ) as handle,
        ):
            writer = csv.writer(handle)
            writer.writerow(_headers())
            writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in records])
        return ExportResult(target, len(records), reachable.left_out)
