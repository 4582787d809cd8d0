"""The roster as a CSV file, for people whose consent allows contact.

A person with no contact consent is left out, and the result says how many. Each contact detail
is written only when its channel is consented (a phone number for phone or text consent, an
e-mail address for e-mail consent). Notes and sensitive notes never leave.
"""

from __future__ import annotations

import contextlib
import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_list, language_name
from communitydesk.db.session import Database
from communitydesk.models import Consent, Household, Person
from communitydesk.services.people import display_name

CONTACT_SCOPES = frozenset({"contact_phone", "contact_email", "contact_text"})


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

    def export(self, target: Path) -> ExportResult:
        with self._db.reading() as session:
            allowed: dict[int, set[str]] = defaultdict(set)
            for person_id, granted in session.execute(
                select(Consent.person_id, Consent.scopes).where(
                    Consent.withdrawn_on.is_(None), Consent.deleted_at.is_(None)
                )
            ):
                allowed[person_id].update(granted or ())
            rows = session.execute(
                select(Person, Household.name)
                .outerjoin(Household, Person.household_id == Household.id)
                .where(Person.deleted_at.is_(None))
                .order_by(Person.sort_key, Person.id)
            ).all()
            records: list[list[str]] = []
            left_out = 0
            for person, household in rows:
                scopes = allowed.get(person.id, set())
                if not scopes & CONTACT_SCOPES:
                    left_out += 1
                    continue
                by_phone = bool(scopes & {"contact_phone", "contact_text"})
                records.append(
                    [
                        display_name(person.given_name, person.family_name),
                        person.latin_name,
                        person.preferred_name,
                        household or "",
                        person.phone if by_phone else "",
                        person.other_phone if by_phone else "",
                        person.email if "contact_email" in scopes else "",
                        person.address,
                        format_list([language_name(code) for code in person.languages or ()]),
                    ]
                )
        partial = target.with_name(target.name + ".partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # utf-8-sig: spreadsheet programs then read accents and Arabic correctly.
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(_headers())
                writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in records])
            partial.replace(target)
        except OSError as error:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise CommunityDeskError(
                _("The file could not be written to {path}: {error}").format(
                    path=target, error=error.strerror or error
                )
            ) from error
        return ExportResult(target, len(records), left_out)
