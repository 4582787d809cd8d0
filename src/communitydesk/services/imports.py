"""Import people from a spreadsheet: a preview first, then all accepted rows in one transaction,
recorded so that the whole import can be undone while nothing since depends on it.

A row is the same person as one already in the roster when the name, phone, e-mail and year of
birth all agree (so the same file imported twice adds no one); a row sharing only the name, or
only the phone, with someone is flagged as a possible duplicate for the duplicate finder.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import NotAllowedError, NotFoundError, ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _
from communitydesk.core.text import fold
from communitydesk.db.session import Database
from communitydesk.importers.mapping import guess_mapping
from communitydesk.importers.people_rows import CellProblem, PersonRecord, parse_people
from communitydesk.importers.table import Table, read_table
from communitydesk.models import (
    ChangeEntry,
    Household,
    ImportBatch,
    Membership,
    MembershipType,
    Person,
)
from communitydesk.models.base import new_uid, utc_now
from communitydesk.services.households import HOUSEHOLD_ROLES
from communitydesk.services.membership import MembershipService, add_months
from communitydesk.services.people import (
    PersonInput,
    clean_person,
    person_columns,
    person_sort_key,
)
from communitydesk.services.phones import normalize_phone

CHUNK: Final = 500
Progress = Callable[[int, int], None]  # (done, total); may raise to stop
# Which importer field a validation error of the person form points at.
_FIELD_OF: Final = {
    "given_name": "given_name",
    "birth_year": "birth",
    "age_band": "age_band",
    "arrival_year": "arrival_year",
    "country_of_origin": "country_of_origin",
}


@dataclass(frozen=True)
class ImportOptions:
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    day_first: bool | None = None
    mapping: dict[int, str] | None = None
    # People already in the roster: fill their empty fields from the file (never overwrite).
    update_existing: bool = False


@dataclass(frozen=True)
class ImportRow:
    row: int
    person: PersonInput
    household: str = ""
    household_role: str = ""
    existing_uid: str = ""  # for a row that is someone already in the roster
    household_address: str = ""
    household_phone: str = ""
    membership_kind: str = ""  # the uid of the kind of membership to record
    member_since: date | None = None


@dataclass(frozen=True)
class PossibleDuplicate:
    row: int
    name: str
    other: str  # "row 7" or the name of the person already in the roster
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    table: Table
    mapping: dict[int, str]
    to_create: tuple[ImportRow, ...]
    already_there: tuple[ImportRow, ...]  # the same person is in the roster: skipped
    possible_duplicates: tuple[PossibleDuplicate, ...]
    rejected: tuple[CellProblem, ...]
    options: ImportOptions = field(default_factory=ImportOptions)


@dataclass(frozen=True)
class ImportSummary:
    uid: str
    file_name: str
    at: datetime
    actor: str
    created: int
    updated: int
    skipped: int
    rejected: int
    undone_at: datetime | None


def _input(record: PersonRecord) -> PersonInput:
    return PersonInput(
        given_name=record.given_name,
        family_name=record.family_name,
        latin_name=record.latin_name,
        preferred_name=record.preferred_name,
        phone=record.phone,
        other_phone=record.other_phone,
        email=record.email,
        address=record.address,
        birth_year=record.birth_year,
        age_band=record.age_band,
        gender=record.gender,
        languages=record.languages,
        country_of_origin=record.country_of_origin,
        arrival_year=record.arrival_year,
        community=record.community,
        notes=record.notes,
    )


def _key(person: PersonInput, sort_key: str) -> tuple[str, str, str, int | None]:
    return (sort_key, person.phone, person.email, person.birth_year)


class ImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    def read(path: Path, options: ImportOptions | None = None) -> tuple[Table, dict[int, str]]:
        """The file's columns and rows, and the mapping guessed from its headers."""
        options = options or ImportOptions()
        table = read_table(path, options.encoding, options.delimiter, options.sheet)
        return table, guess_mapping(table.headers)

    def preview(
        self,
        path: Path,
        options: ImportOptions | None = None,
        today: date | None = None,
        progress: Progress | None = None,
    ) -> ImportPreview:
        options = options or ImportOptions()
        today = today or date.today()
        table = read_table(path, options.encoding, options.delimiter, options.sheet)
        mapping = options.mapping if options.mapping is not None else guess_mapping(table.headers)
        if not {"given_name", "family_name", "full_name"} & set(mapping.values()):
            raise ValidationError(
                "mapping", _("Choose the column that holds the names before importing.")
            )
        parsed = parse_people(table, mapping, options.day_first)
        header_of = {f: table.headers[i] for i, f in mapping.items()}
        kinds = {fold(kind.name): kind.uid for kind in MembershipService(self._db).kinds()}
        rows: list[ImportRow] = []
        rejected = list(parsed.rejected)
        for done, record in enumerate(parsed.people):
            if progress is not None and done % CHUNK == 0:
                progress(done, len(parsed.people))  # may stop here, when the user cancels
            try:
                person = clean_person(_input(record), today)
            except ValidationError as error:
                column = header_of.get(_FIELD_OF.get(error.field, error.field), "")
                rejected.append(CellProblem(record.row, column, error.message))
                continue
            role = record.household_role if record.household_role in HOUSEHOLD_ROLES else ""
            kind = kinds.get(fold(record.membership), "") if record.membership else ""
            if record.membership and not kind:
                reason = _("Unknown kind of membership “{name}”; add it first.").format(
                    name=record.membership
                )
                rejected.append(CellProblem(record.row, header_of.get("membership", ""), reason))
                continue
            rows.append(
                ImportRow(
                    record.row,
                    person,
                    record.household,
                    role,
                    household_address=record.household_address,
                    household_phone=normalize_phone(record.household_phone),
                    membership_kind=kind,
                    member_since=record.member_since,
                )
            )
        to_create, already, duplicates = self._compare(rows)
        return ImportPreview(
            path.name,
            table,
            mapping,
            tuple(to_create),
            tuple(already),
            tuple(duplicates),
            tuple(sorted(rejected, key=lambda p: p.row)),
            options,
        )

    def _compare(
        self, rows: list[ImportRow]
    ) -> tuple[list[ImportRow], list[ImportRow], list[PossibleDuplicate]]:
        keys = {
            r.row: person_sort_key(r.person.given_name, r.person.family_name, r.person.latin_name)
            for r in rows
        }
        existing: dict[tuple[str, str, str, int | None], str] = {}  # -> uid
        by_name: dict[str, str] = {}
        by_phone: dict[str, str] = {}
        names = sorted(set(keys.values()))
        phones = sorted({r.person.phone for r in rows if r.person.phone})
        with self._db.reading() as session:
            for start in range(0, max(len(names), len(phones)), CHUNK):
                found = session.execute(
                    select(
                        Person.sort_key,
                        Person.phone,
                        Person.email,
                        Person.birth_year,
                        Person.given_name,
                        Person.family_name,
                        Person.uid,
                    ).where(
                        Person.deleted_at.is_(None),
                        Person.anonymized_at.is_(None),
                        or_(
                            Person.sort_key.in_(names[start : start + CHUNK]),
                            Person.phone.in_(phones[start : start + CHUNK]),
                        ),
                    )
                ).all()
                for sort_key, phone, email, birth_year, given, family, uid in found:
                    name = " ".join(p for p in (given, family) if p)
                    existing[(sort_key, phone, email, birth_year)] = uid
                    by_name.setdefault(sort_key, name)
                    if phone:
                        by_phone.setdefault(phone, name)
        to_create: list[ImportRow] = []
        already: list[ImportRow] = []
        duplicates: list[PossibleDuplicate] = []
        seen: dict[tuple[str, str, str, int | None], int] = {}
        seen_names: dict[str, int] = {}
        for row in rows:
            name = " ".join(p for p in (row.person.given_name, row.person.family_name) if p)
            key = _key(row.person, keys[row.row])
            if key in existing:
                already.append(replace(row, existing_uid=existing[key]))
                continue
            if key in seen:  # the very same line twice in the file
                duplicates.append(
                    PossibleDuplicate(
                        row.row,
                        name,
                        _("row {row}").format(row=seen[key]),
                        _("the same person twice in the file; imported once"),
                    )
                )
                continue
            seen[key] = row.row
            to_create.append(row)
            if keys[row.row] in seen_names:
                duplicates.append(
                    PossibleDuplicate(
                        row.row,
                        name,
                        _("row {row}").format(row=seen_names[keys[row.row]]),
                        _("the same name in the file"),
                    )
                )
            elif keys[row.row] in by_name:
                duplicates.append(
                    PossibleDuplicate(
                        row.row, name, by_name[keys[row.row]], _("the same name in the roster")
                    )
                )
            elif row.person.phone and row.person.phone in by_phone:
                duplicates.append(
                    PossibleDuplicate(
                        row.row, name, by_phone[row.person.phone], _("the same phone number")
                    )
                )
            seen_names.setdefault(keys[row.row], row.row)
        return to_create, already, duplicates

    def commit(self, preview: ImportPreview, progress: Progress | None = None) -> ImportSummary:
        """Every row the preview accepted, in one transaction, or none of them."""
        if self._db.may_write is not None and not self._db.may_write("person"):
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))
        now = utc_now()
        with self._db.unit_of_work() as session:
            batch = ImportBatch(
                file_name=preview.file_name,
                actor=self._db.actor,
                created=len(preview.to_create),
                skipped=len(preview.already_there),
                rejected=len(preview.rejected),
            )
            session.add(batch)
            session.flush()
            households: dict[str, tuple[int, str]] = {}
            first_of: dict[str, ImportRow] = {}
            for row in preview.to_create:
                if row.household and row.household not in first_of:
                    first_of[row.household] = row  # its address and phone are the household's
            names = list(first_of)
            if names:
                values = [
                    {
                        "uid": new_uid(),
                        "name": n,
                        "sort_key": fold(n),
                        "address": first_of[n].household_address,
                        "phone": first_of[n].household_phone,
                        "import_batch_id": batch.id,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in names
                ]
                session.execute(insert(Household), values)
                for household_id, uid, name in session.execute(
                    select(Household.id, Household.uid, Household.name).where(
                        Household.import_batch_id == batch.id
                    )
                ):
                    households[name] = (household_id, uid)
            people = []
            memberships: list[tuple[str, ImportRow]] = []
            for row in preview.to_create:
                columns = person_columns(row.person)
                home = households.get(row.household)
                uid = new_uid()
                if row.membership_kind:
                    memberships.append((uid, row))
                columns.update(
                    uid=uid,
                    household_id=home[0] if home else None,
                    household_role=(row.household_role or "other") if home else "",
                    import_batch_id=batch.id,
                    created_at=now,
                    updated_at=now,
                )
                people.append(columns)
            for start in range(0, len(people), CHUNK):
                if progress is not None:
                    # Cancelling raises here, inside the transaction: nothing is written.
                    progress(start, len(people))
                session.execute(insert(Person), people[start : start + CHUNK])
            if households:
                self._main_contacts(session, batch.id)
            if memberships:
                self._memberships(session, memberships, now.date())
            if preview.options.update_existing:
                batch.updated = self._fill_blanks(session, preview.already_there)
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="import",
                    record_kind="import_batch",
                    record_uid=batch.uid,
                    label=preview.file_name,
                    changes={"people": [None, len(people)], "households": [None, len(names)]},
                )
            )
            session.flush()
            return self._summary(batch)

    @staticmethod
    def _memberships(session: Session, rows: list[tuple[str, ImportRow]], today: date) -> None:
        kinds = {
            k.uid: k
            for k in session.scalars(
                select(MembershipType).where(
                    MembershipType.uid.in_({r.membership_kind for _uid, r in rows})
                )
            )
        }
        ids = dict(
            session.execute(
                select(Person.uid, Person.id).where(Person.uid.in_([uid for uid, _row in rows]))
            ).all()
        )
        values = []
        for uid, row in rows:
            kind = kinds[row.membership_kind]
            start = row.member_since or today
            values.append(
                {
                    "uid": new_uid(),
                    "person_id": ids[uid],
                    "type_id": kind.id,
                    "start_date": start,
                    "end_date": add_months(start, kind.period_months) - timedelta(days=1),
                    "dues_cents": kind.dues_cents,
                    "paid_on": None,
                    "created_at": utc_now(),
                    "updated_at": utc_now(),
                }
            )
        session.execute(insert(Membership), values)

    @staticmethod
    def _fill_blanks(session: Session, rows: tuple[ImportRow, ...]) -> int:
        """Fill the empty fields of people already there; returns how many were changed."""
        changed = 0
        for row in rows:
            person = session.scalars(select(Person).where(Person.uid == row.existing_uid)).first()
            if person is None:
                continue
            touched = False
            for name in (f.name for f in fields(PersonInput)):
                value = getattr(row.person, name)
                if value in ("", None, ()) or name == "sensitive_notes":
                    continue
                current = getattr(person, name)
                if current in ("", None, [], ()):
                    setattr(person, name, list(value) if isinstance(value, tuple) else value)
                    touched = True
            changed += touched
        return changed

    @staticmethod
    def _main_contacts(session: Session, batch_id: int) -> None:
        first = (
            select(Person.id)
            .where(Person.household_id == Household.id)
            .order_by((Person.household_role != "main_contact"), Person.id)
            .limit(1)
            .scalar_subquery()
        )
        session.execute(
            update(Household)
            .where(Household.import_batch_id == batch_id)
            .values(main_contact_id=first)
        )

    def undo(self, uid: str) -> int:
        """Remove the people and households an import brought in; refused once any was changed
        or linked to since (the history says so). Returns how many people were removed."""
        with self._db.unit_of_work() as session:
            batch = session.scalars(select(ImportBatch).where(ImportBatch.uid == uid)).first()
            if batch is None:
                raise NotFoundError(_("There is no import {uid}.").format(uid=uid))
            if batch.undone_at is not None:
                raise ValidationError("import", _("This import was already undone."))
            people = select(Person.uid).where(Person.import_batch_id == batch.id)
            homes = select(Household.uid).where(Household.import_batch_id == batch.id)
            later = session.scalar(
                select(func.count())
                .select_from(ChangeEntry)
                .where(
                    ChangeEntry.at > batch.at,
                    or_(
                        ChangeEntry.record_uid.in_(people),
                        ChangeEntry.subject_uid.in_(people),
                        ChangeEntry.record_uid.in_(homes),
                        ChangeEntry.subject_uid.in_(homes),
                    ),
                )
            )
            joined = session.scalar(
                select(func.count()).where(
                    Person.household_id.in_(
                        select(Household.id).where(Household.import_batch_id == batch.id)
                    ),
                    or_(Person.import_batch_id.is_(None), Person.import_batch_id != batch.id),
                )
            )
            if later or joined:
                raise ValidationError(
                    "import",
                    _(
                        "This import can no longer be undone: {count} of its records were "
                        "changed or linked to since. Change them one by one instead."
                    ).format(count=(later or 0) + (joined or 0)),
                )
            removed = session.execute(delete(Person).where(Person.import_batch_id == batch.id))
            session.execute(delete(Household).where(Household.import_batch_id == batch.id))
            batch.undone_at = utc_now()
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="undo",
                    record_kind="import_batch",
                    record_uid=batch.uid,
                    label=batch.file_name,
                    changes={"people": [batch.created, 0]},
                )
            )
            return int(getattr(removed, "rowcount", 0) or 0)

    def imports(self) -> tuple[ImportSummary, ...]:
        with self._db.reading() as session:
            rows = session.scalars(select(ImportBatch).order_by(ImportBatch.at.desc())).all()
            return tuple(self._summary(row) for row in rows)

    @staticmethod
    def _summary(batch: ImportBatch) -> ImportSummary:
        return ImportSummary(
            batch.uid,
            batch.file_name,
            batch.at,
            batch.actor,
            batch.created,
            batch.updated,
            batch.skipped,
            batch.rejected,
            batch.undone_at,
        )

    @staticmethod
    def write_rejected(preview: ImportPreview, target: Path) -> Path:
        """The rejected rows as they were, with the reason, to fix and import again."""
        by_row: dict[int, list[CellProblem]] = defaultdict(list)
        for problem in preview.rejected:
            by_row[problem.row].append(problem)
        with (
            written_whole(target) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = csv.writer(handle)
            writer.writerow([*preview.table.headers, _("Why it was not imported")])
            for row, problems in sorted(by_row.items()):
                cells = preview.table.rows[row - 2]
                reason = "; ".join(
                    f"{p.column}: {p.reason}" if p.column else p.reason for p in problems
                )
                writer.writerow([spreadsheet_safe(c) for c in (*cells, reason)])
        return target
