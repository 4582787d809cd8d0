"""Programs and the venues they meet in.

A program is tagged with keys of the shared lists (activity category, target populations,
issues addressed, settlement service stream) so that reports can be grouped the way funders and
hubs ask. Deleting sends a program or a venue to the Trash; its sessions stay with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import ActivitySession, LookupItem, Person, Program, Venue
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.records import by_uid

LONGEST_TEXT = 5000


@dataclass(frozen=True)
class VenueInput:
    name: str
    address: str = ""
    transit: str = ""
    accessibility: str = ""
    rental_cents: int | None = None
    contact: str = ""
    notes: str = ""


@dataclass(frozen=True)
class VenueRecord(VenueInput):
    uid: str = ""

    def as_input(self) -> VenueInput:
        return VenueInput(
            self.name,
            self.address,
            self.transit,
            self.accessibility,
            self.rental_cents,
            self.contact,
            self.notes,
        )


@dataclass(frozen=True)
class ProgramInput:
    name: str
    category: str = ""
    populations: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    service_stream: str = ""
    languages: tuple[str, ...] = ()
    description: str = ""
    leader_uid: str = ""
    venue_uid: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    ongoing: bool = True


@dataclass(frozen=True)
class ProgramRecord(ProgramInput):
    uid: str = ""
    leader_name: str = ""
    venue_name: str = ""
    sessions_held: int = 0
    last_session: date | None = None
    next_session: date | None = None

    def has_ended(self, today: date) -> bool:
        """Over: no longer ongoing, and its end date (if any) has passed."""
        return not self.ongoing and (self.ends_on is None or self.ends_on < today)

    def as_input(self) -> ProgramInput:
        return ProgramInput(
            name=self.name,
            category=self.category,
            populations=self.populations,
            issues=self.issues,
            service_stream=self.service_stream,
            languages=self.languages,
            description=self.description,
            leader_uid=self.leader_uid,
            venue_uid=self.venue_uid,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            ongoing=self.ongoing,
        )


def _words(text: str, field: str, limit: int = 200) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > limit:
        raise ValidationError(field, _("Keep this under {count} characters.").format(count=limit))
    return cleaned


def _text(text: str, field: str) -> str:
    cleaned = text.strip()
    if len(cleaned) > LONGEST_TEXT:
        raise ValidationError(
            field, _("Keep this under {count} characters.").format(count=LONGEST_TEXT)
        )
    return cleaned


def clean_venue(venue: VenueInput) -> VenueInput:
    name = _words(venue.name, "name")
    if not name:
        raise ValidationError("name", _("Give the venue a name."))
    if venue.rental_cents is not None and venue.rental_cents < 0:
        raise ValidationError("rental_cents", _("The rental cost cannot be negative."))
    return VenueInput(
        name=name,
        address=_text(venue.address, "address"),
        transit=_text(venue.transit, "transit"),
        accessibility=_text(venue.accessibility, "accessibility"),
        rental_cents=venue.rental_cents,
        contact=_text(venue.contact, "contact"),
        notes=_text(venue.notes, "notes"),
    )


def _known_codes(session: Session, list_key: str) -> set[str]:
    return set(session.scalars(select(LookupItem.code).where(LookupItem.list_key == list_key)))


def clean_program(session: Session, program: ProgramInput) -> ProgramInput:
    name = _words(program.name, "name")
    if not name:
        raise ValidationError("name", _("Give the program a name."))
    if program.starts_on and program.ends_on and program.ends_on < program.starts_on:
        raise ValidationError("ends_on", _("The program cannot end before it starts."))
    checks = (
        ("category", "activity_category", (program.category,) if program.category else ()),
        ("populations", "target_population", program.populations),
        ("issues", "family_issue", program.issues),
        ("service_stream", "service_stream", (program.service_stream,)),
    )
    for field, list_key, codes in checks:
        unknown = {code for code in codes if code} - _known_codes(session, list_key)
        if unknown:
            raise ValidationError(
                field,
                _("Choose from the list: {value} is not in it.").format(value=sorted(unknown)[0]),
            )
    return replace(
        program,
        name=name,
        populations=tuple(dict.fromkeys(program.populations)),
        issues=tuple(dict.fromkeys(program.issues)),
        languages=tuple(dict.fromkeys(code.strip() for code in program.languages if code.strip())),
        description=_text(program.description, "description"),
        # "Ongoing" is a program without a planned end.
        ongoing=program.ongoing and program.ends_on is None,
    )


class ProgramService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- venues --------------------------------------------------------------------------------

    def venues(self) -> tuple[VenueRecord, ...]:
        with self._db.reading() as session:
            rows = session.scalars(
                select(Venue).where(Venue.deleted_at.is_(None)).order_by(func.lower(Venue.name))
            )
            return tuple(_venue(row) for row in rows)

    def create_venue(self, venue: VenueInput) -> VenueRecord:
        venue = clean_venue(venue)
        with self._db.unit_of_work() as session:
            row = Venue(**vars(venue))
            session.add(row)
            session.flush()
            return _venue(row)

    def update_venue(self, uid: str, venue: VenueInput) -> VenueRecord:
        venue = clean_venue(venue)
        with self._db.unit_of_work() as session:
            row = self._venue_row(session, uid)
            for name, value in vars(venue).items():
                setattr(row, name, value)
            return _venue(row)

    def delete_venue(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._venue_row(session, uid).deleted_at = utc_now()

    def restore_venue(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._venue_row(session, uid, any_state=True).deleted_at = None

    # --- programs ------------------------------------------------------------------------------

    def programs(
        self, include_ended: bool = True, today: date | None = None
    ) -> tuple[ProgramRecord, ...]:
        """Programs by name with their sessions held so far, the last one and the next one."""
        today = today or date.today()
        with self._db.reading() as session:
            query = select(Program).where(Program.deleted_at.is_(None))
            if not include_ended:
                # The rule of ProgramRecord.has_ended, in SQL.
                query = query.where(or_(Program.ongoing.is_(True), Program.ends_on >= today))
            rows = list(session.scalars(query.order_by(func.lower(Program.name))))
            return self._records(session, rows, today)

    def get(self, uid: str, today: date | None = None) -> ProgramRecord:
        with self._db.reading() as session:
            return self._records(session, [self._program_row(session, uid)], today)[0]

    def create(self, program: ProgramInput, today: date | None = None) -> ProgramRecord:
        with self._db.unit_of_work() as session:
            row = Program()
            self._fill(session, row, clean_program(session, program))
            session.add(row)
            session.flush()
            return self._records(session, [row], today)[0]

    def update(self, uid: str, program: ProgramInput, today: date | None = None) -> ProgramRecord:
        with self._db.unit_of_work() as session:
            row = self._program_row(session, uid)
            self._fill(session, row, clean_program(session, program))
            session.flush()
            return self._records(session, [row], today)[0]

    def delete(self, uid: str) -> None:
        """To the Trash, sessions and attendance with it (they count nowhere until restored)."""
        with self._db.unit_of_work() as session:
            self._program_row(session, uid).deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._program_row(session, uid, any_state=True).deleted_at = None

    def _fill(self, session: Session, row: Program, program: ProgramInput) -> None:
        row.name = program.name
        row.category = program.category
        row.populations = list(program.populations)
        row.issues = list(program.issues)
        row.service_stream = program.service_stream
        row.languages = list(program.languages)
        row.description = program.description
        row.leader_id = find_person(session, program.leader_uid).id if program.leader_uid else None
        row.venue_id = (
            self._venue_row(session, program.venue_uid, kept_from=row.venue_id).id
            if program.venue_uid
            else None
        )
        row.starts_on = program.starts_on
        row.ends_on = program.ends_on
        row.ongoing = program.ongoing

    @staticmethod
    def _records(
        session: Session, rows: list[Program], today: date | None
    ) -> tuple[ProgramRecord, ...]:
        today = today or date.today()
        ids = [row.id for row in rows]
        live = (ActivitySession.deleted_at.is_(None), ActivitySession.program_id.in_(ids))
        past = dict(
            session.execute(
                select(
                    ActivitySession.program_id,
                    func.count(),
                )
                .where(*live, ActivitySession.held_on <= today)
                .group_by(ActivitySession.program_id)
            ).all()
        )
        last = dict(
            session.execute(
                select(ActivitySession.program_id, func.max(ActivitySession.held_on))
                .where(*live, ActivitySession.held_on <= today)
                .group_by(ActivitySession.program_id)
            ).all()
        )
        upcoming = dict(
            session.execute(
                select(ActivitySession.program_id, func.min(ActivitySession.held_on))
                .where(*live, ActivitySession.held_on > today)
                .group_by(ActivitySession.program_id)
            ).all()
        )
        people = {
            person.id: person
            for person in session.scalars(
                select(Person).where(Person.id.in_({r.leader_id for r in rows if r.leader_id}))
            )
        }
        venues = {
            venue.id: venue
            for venue in session.scalars(
                select(Venue).where(Venue.id.in_({r.venue_id for r in rows if r.venue_id}))
            )
        }
        records = []
        for row in rows:
            leader = people.get(row.leader_id) if row.leader_id else None
            venue = venues.get(row.venue_id) if row.venue_id else None
            records.append(
                ProgramRecord(
                    name=row.name,
                    category=row.category,
                    populations=tuple(row.populations),
                    issues=tuple(row.issues),
                    service_stream=row.service_stream,
                    languages=tuple(row.languages),
                    description=row.description,
                    leader_uid=leader.uid if leader else "",
                    venue_uid=venue.uid if venue else "",
                    starts_on=row.starts_on,
                    ends_on=row.ends_on,
                    ongoing=row.ongoing,
                    uid=row.uid,
                    leader_name=(
                        display_name(leader.given_name, leader.family_name) if leader else ""
                    ),
                    venue_name=venue.name if venue else "",
                    sessions_held=int(past.get(row.id, 0)),
                    last_session=last.get(row.id),
                    next_session=upcoming.get(row.id),
                )
            )
        return tuple(records)

    @staticmethod
    def _venue_row(
        session: Session, uid: str, any_state: bool = False, kept_from: int | None = None
    ) -> Venue:
        return find_venue(session, uid, any_state, kept_from)

    @staticmethod
    def _program_row(session: Session, uid: str, any_state: bool = False) -> Program:
        return find_program(session, uid, any_state)


def find_venue(
    session: Session, uid: str, include_trash: bool = False, kept_from: int | None = None
) -> Venue:
    """The venue `uid`; one in the Trash only when asked, or when the record being saved
    already meets there (`kept_from` is its venue id): an edit that leaves it is no error."""
    missing = _("This venue is no longer in the list.")
    venue = by_uid(session, Venue, uid, missing, include_deleted=True)
    if venue.deleted_at is not None and not include_trash and venue.id != kept_from:
        raise NotFoundError(missing)
    return venue


def find_program(session: Session, uid: str, include_trash: bool = False) -> Program:
    missing = _("This program no longer exists.")
    return by_uid(session, Program, uid, missing, include_deleted=include_trash)


def _venue(row: Venue) -> VenueRecord:
    return VenueRecord(
        name=row.name,
        address=row.address,
        transit=row.transit,
        accessibility=row.accessibility,
        rental_cents=row.rental_cents,
        contact=row.contact,
        notes=row.notes,
        uid=row.uid,
    )
