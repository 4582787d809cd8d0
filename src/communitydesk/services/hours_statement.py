"""A statement of one volunteer's hours, signed for the organization.

Volunteers take it to an employer (a first Canadian reference, a résumé line) or to a school that
asks for community-service hours. Hours are whole minutes everywhere; they are shown as decimal
hours ("1.5 h") worked out in integers, never through a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_number,
    is_right_to_left,
    left_to_right,
    ngettext,
)
from communitydesk.db.session import Database
from communitydesk.models import Organization
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.people import display_name, find_person
from communitydesk.services.volunteer_hours import (
    HoursRecord,
    VolunteerHoursService,
    hours_number,
    hundredths_of_hours,
)

# Every entry of a volunteer is listed: a statement that left some out would understate them.
ALL_ENTRIES: Final = 1_000_000
SIGNATURE_LINE: Final = "_" * 28
DATE_LINE: Final = "_" * 14


def format_hours(minutes: int) -> str:
    """Minutes as short hours for a table cell: '1.5 h'."""
    return _("{hours} h").format(hours=hours_number(minutes))


def hours_phrase(minutes: int) -> str:
    """Minutes as hours in a sentence: '1 hour', '12.5 hours'."""
    hundredths = hundredths_of_hours(minutes)
    # A fraction takes the plural ("1.5 hours"); whole hours follow the language's own rule.
    count = hundredths // 100 if hundredths % 100 == 0 else hundredths
    return ngettext("{count} hour", "{count} hours", count).format(count=hours_number(minutes))


def format_duration(minutes: int) -> str:
    """Minutes as hours and minutes, exactly: '1 h 30 min', '2 h', '45 min'."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(
            hours=format_number(hours), minutes=format_number(rest)
        )
    if hours:
        return _("{hours} h").format(hours=format_number(hours))
    return _("{minutes} min").format(minutes=format_number(rest))


@dataclass(frozen=True)
class _Organization:
    name: str
    address: str
    phone: str
    email: str
    website: str


class HoursStatementService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._hours = VolunteerHoursService(db)

    def document(
        self,
        person_uid: str,
        start: date | None,
        end: date | None,
        today: date | None = None,
    ) -> Document:
        """The statement of `person_uid`'s hours between `start` and `end` (either may be open:
        the period then runs from their first entry, or up to today)."""
        today = today or date.today()
        with self._db.reading() as session:
            person = find_person(session, person_uid, include_trash=True)
            name = display_name(person.given_name, person.family_name)
            row = session.scalars(select(Organization).limit(1)).first()
            organization = (
                _Organization(row.name, row.address, row.phone, row.email, row.website)
                if row is not None
                else _Organization("", "", "", "", "")
            )
        entries = tuple(reversed(self._hours.entries(person_uid, start, end, limit=ALL_ENTRIES)))
        total = sum(entry.minutes for entry in entries)
        first = start or (entries[0].worked_on if entries else today)
        last = end or today
        statement = self._statement(name, organization.name, total, first, last)
        sections: list[Section] = []
        if entries:
            sections.append(
                Section(
                    heading=_("Hours given"),
                    table=Table(
                        headers=(_("Date"), _("Program or activity"), _("Role"), _("Hours")),
                        rows=(
                            *(_entry_row(entry) for entry in entries),
                            ("", "", _("Total"), format_hours(total)),
                        ),
                        widths=(20, 44, 24, 12),
                    ),
                )
            )
        sections.append(
            Section(
                heading=_("Signature"),
                paragraphs=(
                    _("Signed for the organization: {line}   Date: {date_line}").format(
                        line=SIGNATURE_LINE, date_line=DATE_LINE
                    ),
                    _("Name and role of the person signing: {line}").format(line=SIGNATURE_LINE),
                ),
            )
        )
        return Document(
            title=_("Statement of volunteer hours"),
            subtitle=organization.name,
            right_to_left=is_right_to_left(),
            introduction=tuple(part for part in (_letterhead(organization), statement) if part),
            sections=tuple(sections),
            footnotes=(
                ngettext(
                    "Prepared on {date} from the organization's volunteer records ({count} entry).",
                    "Prepared on {date} from the organization's volunteer records "
                    "({count} entries).",
                    len(entries),
                ).format(date=format_date(today, "long"), count=format_number(len(entries))),
            ),
            name=_("volunteer-hours"),
        )

    @staticmethod
    def _statement(name: str, organization: str, total: int, first: date, last: date) -> str:
        if not total:
            return _("No volunteer hours of {name} are recorded between {start} and {end}.").format(
                name=embedded(name), start=_long_date(first), end=_long_date(last)
            )
        if organization:
            text = _(
                "This is to confirm that {name} gave {hours} of volunteer time to {organization} "
                "between {start} and {end}."
            )
        else:
            text = _(
                "This is to confirm that {name} gave {hours} of volunteer time between {start} "
                "and {end}."
            )
        return text.format(
            name=embedded(name),
            hours=hours_phrase(total),
            organization=embedded(organization),
            start=_long_date(first),
            end=_long_date(last),
        )


def _long_date(day: date) -> str:
    # "3 مارس 2026" keeps its order inside a sentence of either direction.
    return embedded(format_date(day, "long"))


def _letterhead(organization: _Organization) -> str:
    # Each line keeps its own direction: "1200 Montreal Rd" stays so on an Arabic page.
    lines = [embedded(line.strip()) for line in organization.address.splitlines() if line.strip()]
    lines += [left_to_right(part) for part in (organization.phone, organization.email)]
    lines.append(left_to_right(organization.website))
    return "\n".join(line for line in lines if line)


def _entry_row(entry: HoursRecord) -> tuple[str, str, str, str]:
    return (
        format_date(entry.worked_on),
        entry.program_name or _("General volunteering"),
        entry.role,
        format_hours(entry.minutes),
    )
