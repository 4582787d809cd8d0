"""The whole roster to CSV or .xlsx, in the very columns the importer reads back, so that a
round trip (export, edit in a spreadsheet, import) loses nothing. Sensitive notes never leave."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Final

from sqlalchemy import select

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import NotAllowedError, ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import ChangeEntry, Household, Person
from communitydesk.services.access import can_see_sensitive

# Headers the importer recognizes (importers.mapping), in English whatever the app's language.
COLUMNS: Final = (
    ("given_name", "First name"),
    ("family_name", "Family name"),
    ("latin_name", "Latin spelling"),
    ("preferred_name", "Preferred name"),
    ("phone", "Phone"),
    ("other_phone", "Other phone"),
    ("email", "E-mail"),
    ("address", "Address"),
    ("birth_year", "Year of birth"),
    ("age_band", "Age band"),
    ("gender", "Gender"),
    ("languages", "Languages"),
    ("country_of_origin", "Country of origin"),
    ("arrival_year", "Year of arrival"),
    ("community", "Community"),
    ("notes", "Notes"),
    ("household", "Household"),
    ("household_role", "Household role"),
    ("household_address", "Household address"),
    ("household_phone", "Household phone"),
)


class PeopleExportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def export(self, target: Path) -> int:
        """Everyone in the roster (not the Trash) to `target` (.csv or .xlsx); returns how many."""
        if not can_see_sensitive(self._db.role) and self._db.role != "leader":
            # The whole roster leaves the laptop: the coordinator's or leader's decision.
            raise NotAllowedError(_("Only a coordinator or a group leader exports the roster."))
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ValidationError("file", _("Export to a .csv or an .xlsx file."))
        with self._db.reading() as session:
            rows = session.execute(
                select(Person, Household)
                .outerjoin(Household, Household.id == Person.household_id)
                .where(Person.deleted_at.is_(None), Person.anonymized_at.is_(None))
                .order_by(Person.sort_key, Person.id)
            ).all()
            table = [
                [self._cell(person, household, field) for field, _header in COLUMNS]
                for person, household in rows
            ]
        headers = [header for _field, header in COLUMNS]
        with written_whole(target) as partial:
            if suffix == ".csv":
                with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(headers)
                    writer.writerows([[spreadsheet_safe(c) for c in row] for row in table])
            else:
                from openpyxl import Workbook

                book = Workbook(write_only=True)
                sheet = book.create_sheet("People")
                sheet.append(headers)
                for row in table:
                    # Text cells stay text: a phone keeps its zeros, "=…" is never a formula.
                    sheet.append([spreadsheet_safe(c) for c in row])
                book.save(partial)
        with self._db.unit_of_work() as session:
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="export",
                    record_kind="person",
                    record_uid="",
                    label=target.name,
                    changes={"people": [None, len(table)]},
                )
            )
        return len(table)

    @staticmethod
    def _cell(person: Person, household: Household | None, field: str) -> str:
        if field.startswith("household"):
            if household is None:
                return ""
            return {
                "household": household.name,
                "household_role": person.household_role,
                "household_address": household.address,
                "household_phone": household.phone,
            }[field]
        if field == "languages":
            return "; ".join(person.languages or ())
        value = getattr(person, field)
        return "" if value is None else str(value)
