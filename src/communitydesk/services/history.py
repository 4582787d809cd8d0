"""Reading the change history: one record's story, or the whole log with filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, func, or_, select

from communitydesk.core.i18n import N_, _, embedded, format_date, is_right_to_left
from communitydesk.db.name_search import contains
from communitydesk.db.session import Database
from communitydesk.models import ChangeEntry

ACTIONS: Final = {
    "create": N_("added"),
    "update": N_("changed"),
    "delete": N_("moved to the Trash"),
    "restore": N_("restored"),
    "purge": N_("removed for good"),
    "import": N_("imported"),
    "undo": N_("undone"),
    "export": N_("exported"),
    "merge": N_("merged"),
}
KINDS: Final = {
    "person": N_("Person"),
    "household": N_("Household"),
    "consent": N_("Consent"),
    "membership": N_("Membership"),
    "membership_type": N_("Kind of membership"),
    "volunteer": N_("Volunteer record"),
    "volunteer_role": N_("Volunteer role"),
    "volunteer_check": N_("Screening or training"),
    "support_contact": N_("Contact"),
    "organization": N_("Organization"),
    "import_batch": N_("Import"),
}
FIELDS: Final = {
    "given_name": N_("First name"),
    "family_name": N_("Family name"),
    "latin_name": N_("Latin spelling"),
    "preferred_name": N_("Preferred name"),
    "phone": N_("Phone"),
    "other_phone": N_("Other phone"),
    "email": N_("E-mail"),
    "address": N_("Address"),
    "birth_year": N_("Year of birth"),
    "age_band": N_("Age band"),
    "gender": N_("Gender"),
    "languages": N_("Languages"),
    "country_of_origin": N_("Country of origin"),
    "arrival_year": N_("Year of arrival"),
    "community": N_("Community"),
    "notes": N_("Notes"),
    "sensitive_notes": N_("Sensitive notes"),
    "household_id": N_("Household"),
    "household_role": N_("Role in the household"),
    "main_contact_id": N_("Main contact"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "scopes": N_("Allows"),
    "given_on": N_("Given on"),
    "withdrawn_on": N_("Withdrawn on"),
    "witness": N_("Witness"),
    "paid_on": N_("Paid on"),
    "start_date": N_("Starts on"),
    "end_date": N_("Ends on"),
    "dues_cents": N_("Dues (cents)"),
    "contact_on": N_("Date"),
    "minutes": N_("Minutes"),
    "language": N_("Language"),
    "volunteer_id": N_("Volunteer"),
    "note": N_("Note"),
    "person_id": N_("Person"),
    "role": N_("Role"),
    "backup_person_id": N_("Backup"),
    "done_on": N_("Done on"),
    "expires_on": N_("Expires on"),
    "skills": N_("Skills"),
    "availability": N_("Availability"),
    "emergency_name": N_("Emergency contact"),
    "emergency_phone": N_("Emergency phone"),
    "type_id": N_("Kind of membership"),
    "period_months": N_("Months"),
    "legal_name": N_("Legal name"),
    "website": N_("Website"),
    "mission": N_("Mission"),
    "languages_spoken": N_("Languages spoken"),
    "communities_served": N_("Communities served"),
    "currency": N_("Currency"),
    "fiscal_year_start_month": N_("First month of the fiscal year"),
    "newcomer_years": N_("Newcomer for (years)"),
    "people": N_("People"),
    "households": N_("Households"),
    "merged": N_("Merged"),
}
NOTHING: Final = "—"


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def change_text(change: FieldChange) -> str:
    """'Phone: (613) 555-0101 → (613) 555-0199' in the current language."""
    name = _(FIELDS[change.field]) if change.field in FIELDS else change.field
    arrow = "←" if is_right_to_left() else "→"  # from the old value to the new, as one reads
    return f"{name}: {embedded(_value(change.old))} {arrow} {embedded(_value(change.new))}"


def entry_text(entry: HistoryEntry) -> str:
    """'Person “Hodan Warsame” changed' (a redacted entry names no one)."""
    kind = _(KINDS[entry.record_kind]) if entry.record_kind in KINDS else entry.record_kind
    action = _(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action
    if entry.redacted:
        return _("{kind} {action} (removed at the person's request)").format(
            kind=kind, action=action
        )
    if entry.label:
        return _("{kind} “{name}” {action}").format(kind=kind, name=entry.label, action=action)
    return f"{kind} {action}"


def actor_text(actor: str) -> str:
    return actor or _("someone on this laptop")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    record_kind: str
    record_uid: str
    subject_uid: str
    label: str
    changes: tuple[FieldChange, ...]
    redacted: bool


@dataclass(frozen=True)
class HistoryFilter:
    text: str = ""  # in the record's name
    kind: str = ""
    actor: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    total: int


def _entry(row: ChangeEntry) -> HistoryEntry:
    return HistoryEntry(
        at=row.at,
        actor=row.actor,
        action=row.action,
        record_kind=row.record_kind,
        record_uid=row.record_uid,
        subject_uid=row.subject_uid,
        label=row.label,
        changes=tuple(
            FieldChange(name, *values) for name, values in sorted((row.changes or {}).items())
        ),
        redacted=row.redacted,
    )


class HistoryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def for_record(self, uid: str, limit: int = 500) -> tuple[HistoryEntry, ...]:
        """What happened to a record and to everything that belongs to it, newest first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(ChangeEntry)
                .where(or_(ChangeEntry.record_uid == uid, ChangeEntry.subject_uid == uid))
                .order_by(ChangeEntry.at.desc(), ChangeEntry.id.desc())
                .limit(limit)
            ).all()
            return tuple(_entry(row) for row in rows)

    def log(self, wanted: HistoryFilter, limit: int = 500, offset: int = 0) -> HistoryPage:
        conditions: list[ColumnElement[bool]] = []
        if wanted.kind:
            conditions.append(ChangeEntry.record_kind == wanted.kind)
        if wanted.actor is not None:
            conditions.append(ChangeEntry.actor == wanted.actor)
        if wanted.since is not None:
            conditions.append(ChangeEntry.at >= datetime.combine(wanted.since, time()).astimezone())
        if wanted.until is not None:
            end = datetime.combine(wanted.until + timedelta(days=1), time()).astimezone()
            conditions.append(ChangeEntry.at < end)
        for word in wanted.text.split():  # as typed: LIKE ignores the case of Latin letters
            conditions.append(contains(ChangeEntry.label, word))
        condition = and_(True, *conditions)
        with self._db.reading() as session:
            total = session.scalar(select(func.count()).select_from(ChangeEntry).where(condition))
            rows = session.scalars(
                select(ChangeEntry)
                .where(condition)
                .order_by(ChangeEntry.at.desc(), ChangeEntry.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
            return HistoryPage(tuple(_entry(row) for row in rows), int(total or 0))

    def actors(self) -> tuple[str, ...]:
        with self._db.reading() as session:
            return tuple(
                session.scalars(select(ChangeEntry.actor).distinct().order_by(ChangeEntry.actor))
            )
