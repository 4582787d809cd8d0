"""The figures of the activities dashboard and of the funder report, counted in SQL.

What counts:

- a session counts when it was held: not in the Trash, of a program not in the Trash, dated
  within the period and not after today (later ones are planned, not held);
- a named participant is a person ticked at such a session who is not in the Trash, counted once
  however many times they came;
- a head count adds its anonymous remainder: its people minus the people named "from" it (never
  below zero), so that nobody is counted twice. A person in the Trash is not counted by name, so
  their link does not shrink the remainder: they are still counted, anonymously. Anonymous people
  cannot be told apart, so each of them also counts once among the unique participants;
- volunteer hours count by the day they were worked, unless tied to a session or a program in
  the Trash, or given by a person in the Trash.

Every figure is a count, a distinct count or a sum in SQL over a common table of the sessions
held; what reaches Python is one row per group (a gender as typed, a list of languages, a month),
never one per attendance.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Select,
    String,
    case,
    cast,
    distinct,
    extract,
    func,
    literal_column,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import (
    ActivitySession,
    Attendance,
    HeadCount,
    Organization,
    Person,
    Program,
    SupportContact,
    VolunteerHours,
)
from communitydesk.services.people import AGE_BANDS
from communitydesk.services.records import by_uid
from communitydesk.services.sessions import anonymous_remainder
from communitydesk.services.volunteer_hours import hour_value_cents

GENDERS: Final = ("woman", "man", "another", "")
_WOMAN: Final = frozenset({"woman", "female", "f", "femme", "fille", "girl", "w", "امرأة", "أنثى"})
_MAN: Final = frozenset({"man", "male", "m", "homme", "garçon", "garcon", "boy", "h", "رجل", "ذكر"})
_DEFAULT_NEWCOMER_YEARS: Final = 5
_DEFAULT_HOUR_CENTS: Final = 2500


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date


@dataclass(frozen=True)
class ActivityFigures:
    sessions_held: int
    attendances: int  # named attendances + the anonymous remainder of head counts
    named_attendances: int
    anonymous_attendances: int
    unique_participants: int  # distinct named people + the anonymous remainder
    unique_named: int
    newcomers: int
    households: int
    languages: tuple[tuple[str, int], ...]  # most spoken first
    age_bands: tuple[tuple[str, int], ...]  # every band in AGE_BANDS order, then "" (unknown)
    genders: tuple[tuple[str, int], ...]  # woman, man, another, "" (not noted)
    volunteer_minutes: int
    volunteer_value_cents: int
    volunteers: int
    support_contacts: int


@dataclass(frozen=True)
class MonthPoint:
    month: date  # the first day of the month
    sessions: int
    attendances: int


@dataclass(frozen=True)
class ProgramFigures:
    uid: str
    name: str
    category: str  # the activity_category key as stored
    figures: ActivityFigures


def gender_key(text: str) -> str:
    """A gender as typed on the person form ("F", "Femme", "ذكر") as woman, man, another or ""."""
    folded = text.strip().casefold()
    if not folded:
        return ""
    if folded in _WOMAN:
        return "woman"
    if folded in _MAN:
        return "man"
    return "another"


@dataclass
class _Tally:
    """One scope's figures while their groups arrive (one row per group, not per person)."""

    sessions: int = 0
    named: int = 0
    unique_named: int = 0
    anonymous: int = 0
    newcomers: int = 0
    households: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    ages: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)
    minutes: int = 0
    volunteers: int = 0

    def add_languages(self, stored: str | None, people: int) -> None:
        """`stored`: a person's list of languages as JSON text, shared by `people` people."""
        try:
            codes = json.loads(stored) if stored else []
        except ValueError:
            return
        if not isinstance(codes, list):
            return
        for code in {str(c).strip() for c in codes if c is not None}:
            if code:
                self.languages[code] += people

    def add_age(self, band: str | None, people: int) -> None:
        self.ages[band if band in AGE_BANDS else ""] += people

    def figures(self, hour_cents: int, support_contacts: int) -> ActivityFigures:
        languages = sorted(self.languages.items(), key=lambda item: (-item[1], item[0]))
        return ActivityFigures(
            sessions_held=self.sessions,
            attendances=self.named + self.anonymous,
            named_attendances=self.named,
            anonymous_attendances=self.anonymous,
            unique_participants=self.unique_named + self.anonymous,
            unique_named=self.unique_named,
            newcomers=self.newcomers,
            households=self.households,
            languages=tuple((code, count) for code, count in languages if count),
            age_bands=tuple((band, self.ages[band]) for band in (*AGE_BANDS, "")),
            genders=tuple((key, self.genders[key]) for key in GENDERS),
            volunteer_minutes=self.minutes,
            volunteer_value_cents=hour_value_cents(self.minutes, hour_cents),
            volunteers=self.volunteers,
            support_contacts=support_contacts,
        )


def _text(value: str) -> ColumnElement[str]:
    """A constant string written into the SQL (only for the fixed names of groups below)."""
    return literal_column(f"'{value}'", String)


_ZERO: Final = literal_column("0", Integer)


def _band(year: int) -> ColumnElement[str]:
    """The person's age band as noted, else from the year of birth at the end of `year`."""
    age = year - Person.birth_year
    whens: list[tuple[ColumnElement[bool], str]] = [(Person.birth_year.is_(None), "")]
    for band in AGE_BANDS:
        if band.endswith("+"):
            whens.append((age >= int(band[:-1]), band))
        else:
            low, _dash, high = band.partition("-")
            whens.append((age.between(int(low), int(high)), band))
    noted = (Person.age_band != "", Person.age_band)
    return case(noted, *whens, else_="")


class _Scope:
    """Sessions held in a period, for the whole organization (`by_program` False: one group
    keyed None) or grouped by program (keyed by program id), perhaps for one program only, or
    for several programs counted as one group (`program_ids`, with `by_program` False: a person
    who came to two of them counts once)."""

    def __init__(
        self,
        period: Period,
        today: date,
        by_program: bool,
        program_id: int | None = None,
        program_ids: tuple[int, ...] | None = None,
    ) -> None:
        self.period = period
        self.last_day = min(period.end, today)
        self.by_program = by_program
        self.program_id = program_id
        self.program_ids = program_ids
        conditions = [
            ActivitySession.deleted_at.is_(None),
            ActivitySession.held_on >= period.start,
            ActivitySession.held_on <= self.last_day,
            Program.deleted_at.is_(None),
        ]
        if program_id is not None:
            conditions.append(ActivitySession.program_id == program_id)
        if program_ids is not None:
            conditions.append(ActivitySession.program_id.in_(program_ids))
        self.held: CTE = (
            select(
                ActivitySession.id.label("session_id"),
                ActivitySession.program_id.label("program_id"),
                extract("year", ActivitySession.held_on).label("year"),
                extract("month", ActivitySession.held_on).label("month"),
            )
            .join(Program, Program.id == ActivitySession.program_id)
            .where(*conditions)
            .cte("held")
        )
        self.trashed = select(Person.id).where(Person.deleted_at.is_not(None))

    def keys(self, table: Any) -> list[ColumnElement[Any]]:
        """The grouping columns of `table` (a CTE with a program_id column): none, or one."""
        return [table.c.program_id] if self.by_program else []

    def key(self, row: Sequence[Any]) -> int | None:
        return int(row[0]) if self.by_program else None

    def remainder(self) -> ColumnElement[int]:
        return anonymous_remainder()

    # --- the queries, each adding its groups to the tallies ----------------------------------

    def count_sessions(self, session: Session, tallies: dict[int | None, _Tally]) -> None:
        keys = self.keys(self.held)
        query = select(*keys, func.count()).select_from(self.held).group_by(*keys)
        for row in session.execute(query):
            count = int(row[-1] or 0)
            if count:
                tallies.setdefault(self.key(row), _Tally()).sessions = count

    def count_people(
        self, session: Session, tallies: dict[int | None, _Tally], newcomer_year: int
    ) -> None:
        """Named attendance and the distinct people behind it, by newcomer, household, gender,
        age band and language: one pass over the attendance, in one statement."""
        held_keys = self.keys(self.held)
        who = (
            select(*held_keys, Attendance.person_id, func.count().label("times"))
            .join(self.held, self.held.c.session_id == Attendance.session_id)
            .group_by(*held_keys, Attendance.person_id)
            .cte("who")
        )
        who_keys = self.keys(who)
        participant = (
            select(
                *who_keys,
                who.c.times,
                Person.gender,
                _band(self.period.end.year).label("band"),
                cast(Person.languages, String).label("languages"),
                Person.arrival_year,
                Person.household_id,
            )
            .join(Person, Person.id == who.c.person_id)
            .where(Person.deleted_at.is_(None))
            .cte("participant")
        )
        keys = self.keys(participant)
        c = participant.c
        newcomer = func.count(case((c.arrival_year >= newcomer_year, 1)))
        parts: list[Select[Any]] = [
            select(
                *keys,
                _text("named"),
                _text(""),
                func.coalesce(func.sum(c.times), 0),
                func.count(),
            ).group_by(*keys),
            select(
                *keys, _text("people"), _text(""), newcomer, func.count(distinct(c.household_id))
            ).group_by(*keys),
            select(*keys, _text("gender"), c.gender, func.count(), _ZERO).group_by(*keys, c.gender),
            select(*keys, _text("age"), c.band, func.count(), _ZERO).group_by(*keys, c.band),
            select(*keys, _text("language"), c.languages, func.count(), _ZERO).group_by(
                *keys, c.languages
            ),
        ]
        for row in session.execute(union_all(*(part.select_from(participant) for part in parts))):
            kind, label, first, second = row[-4:]
            if kind == "named" and not first:
                continue  # the whole organization's row, when nobody was named
            tally = tallies.setdefault(self.key(row), _Tally())
            first, second = int(first or 0), int(second or 0)
            if kind == "named":
                tally.named, tally.unique_named = first, second
            elif kind == "people":
                tally.newcomers, tally.households = first, second
            elif kind == "gender":
                tally.genders[gender_key(label or "")] += first
            elif kind == "age":
                tally.add_age(label, first)
            else:
                tally.add_languages(label, first)

    def count_anonymous(self, session: Session, tallies: dict[int | None, _Tally]) -> None:
        """Head counts' remainders, by age band, gender and language."""
        keys = self.keys(self.held)
        labels = (HeadCount.age_band, HeadCount.gender, HeadCount.language)
        query = (
            select(*keys, *labels, func.sum(self.remainder()))
            .join(self.held, self.held.c.session_id == HeadCount.session_id)
            .group_by(*keys, *labels)
        )
        for row in session.execute(query):
            band, gender, language, people = row[-4:]
            people = int(people or 0)
            if not people:
                continue
            tally = tallies.setdefault(self.key(row), _Tally())
            tally.anonymous += people
            tally.add_age(band, people)
            tally.genders[gender_key(gender or "")] += people
            language = (language or "").strip()
            if language:
                tally.languages[language] += people

    def count_hours(self, session: Session, tallies: dict[int | None, _Tally]) -> None:
        """Volunteer minutes and volunteers, by the day worked. With programs, an entry counts
        for its own program and for its session's (once when they are the same)."""
        period = self.period
        binned_programs = select(Program.id).where(Program.deleted_at.is_not(None))
        binned_sessions = select(ActivitySession.id).where(
            or_(
                ActivitySession.deleted_at.is_not(None),
                ActivitySession.program_id.in_(binned_programs),
            )
        )
        conditions = [
            VolunteerHours.deleted_at.is_(None),
            VolunteerHours.worked_on >= period.start,
            VolunteerHours.worked_on <= period.end,
            VolunteerHours.person_id.not_in(self.trashed),
            or_(
                VolunteerHours.session_id.is_(None),
                VolunteerHours.session_id.not_in(binned_sessions),
            ),
            or_(
                VolunteerHours.program_id.is_(None),
                VolunteerHours.program_id.not_in(binned_programs),
            ),
        ]
        counted: Any
        if not self.by_program:
            if self.program_ids is not None:
                # An entry counts once when its own program or its session's is one of them.
                their_sessions = select(ActivitySession.id).where(
                    ActivitySession.program_id.in_(self.program_ids)
                )
                conditions.append(
                    or_(
                        VolunteerHours.program_id.in_(self.program_ids),
                        VolunteerHours.session_id.in_(their_sessions),
                    )
                )
            counted = (
                select(VolunteerHours.person_id, VolunteerHours.minutes)
                .where(*conditions)
                .subquery()
            )
        else:
            if self.program_id is not None:
                its_sessions = select(ActivitySession.id).where(
                    ActivitySession.program_id == self.program_id
                )
                conditions.append(
                    or_(
                        VolunteerHours.program_id == self.program_id,
                        VolunteerHours.session_id.in_(its_sessions),
                    )
                )
            session_program = (
                select(ActivitySession.program_id)
                .where(ActivitySession.id == VolunteerHours.session_id)
                .correlate(VolunteerHours)
                .scalar_subquery()
            )
            entries = (
                select(
                    VolunteerHours.id,
                    VolunteerHours.person_id,
                    VolunteerHours.minutes,
                    VolunteerHours.program_id.label("own_program"),
                    session_program.label("session_program"),
                )
                .where(*conditions)
                .cte("entry")
            )
            c = entries.c
            own = select(c.id, c.person_id, c.minutes, c.own_program.label("program_id"))
            at_session = select(c.id, c.person_id, c.minutes, c.session_program.label("program_id"))
            if self.program_id is None:
                own = own.where(c.own_program.is_not(None))
                at_session = at_session.where(c.session_program.is_not(None))
            else:
                own = own.where(c.own_program == self.program_id)
                at_session = at_session.where(c.session_program == self.program_id)
            counted = union(own, at_session).subquery()
        keys = self.keys(counted)
        query = select(
            *keys,
            func.coalesce(func.sum(counted.c.minutes), 0),
            func.count(distinct(counted.c.person_id)),
        ).group_by(*keys)
        for row in session.execute(query):
            minutes, volunteers = int(row[-2] or 0), int(row[-1] or 0)
            if minutes:
                tally = tallies.setdefault(self.key(row), _Tally())
                tally.minutes, tally.volunteers = minutes, volunteers

    def per_session(self) -> Any:
        """Each session held with its named attendance and its anonymous remainder, counted
        session by session (an index range each), so that grouping them costs no sort of the
        attendance."""
        named = (
            select(func.count())
            .select_from(Attendance)
            .where(
                Attendance.session_id == self.held.c.session_id,
                Attendance.person_id.not_in(self.trashed),
            )
            .correlate(self.held)
            .scalar_subquery()
        )
        anonymous = (
            select(func.coalesce(func.sum(self.remainder()), 0))
            .where(HeadCount.session_id == self.held.c.session_id)
            .correlate(self.held)
            .scalar_subquery()
        )
        held = self.held.c
        return select(
            held.program_id,
            held.year,
            held.month,
            named.label("named"),
            anonymous.label("anonymous"),
        ).subquery("per_session")

    def count_attendances(self, session: Session, tallies: dict[int | None, _Tally]) -> None:
        """Only the sessions, named attendance and anonymous remainder (what rankings need)."""
        sessions = self.per_session()
        keys = self.keys(sessions)
        query = select(
            *keys, func.count(), func.sum(sessions.c.named), func.sum(sessions.c.anonymous)
        ).group_by(*keys)
        for row in session.execute(query):
            held, named, anonymous = (int(value or 0) for value in row[-3:])
            if held:
                tally = tallies.setdefault(self.key(row), _Tally())
                tally.sessions, tally.named, tally.anonymous = held, named, anonymous


def _settings(session: Session) -> tuple[int, int]:
    """The organization's newcomer years and the value of a volunteer hour, in cents."""
    row = session.execute(
        select(Organization.newcomer_years, Organization.volunteer_hour_cents).limit(1)
    ).first()
    if row is None:
        return _DEFAULT_NEWCOMER_YEARS, _DEFAULT_HOUR_CENTS
    return int(row[0]), int(row[1])


def _months(period: Period) -> list[date]:
    months = []
    year, month = period.start.year, period.start.month
    while date(year, month, 1) <= period.end:
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _program_order(name: str, uid: str) -> tuple[str, str, str]:
    return name.casefold(), name, uid


class ActivityStatsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def figures(
        self,
        period: Period,
        program_uid: str | None = None,
        today: date | None = None,
        program_uids: tuple[str, ...] | None = None,
    ) -> ActivityFigures:
        """The organization's figures for the period, or one program's (`program_uid`), or
        those of several programs together (`program_uids`: each person counted once)."""
        today = today or date.today()
        with self._db.reading() as session:
            years, hour_cents = _settings(session)
            if program_uids is not None:
                ids = tuple(self._program_id(session, uid) for uid in dict.fromkeys(program_uids))
                scope = _Scope(period, today, by_program=False, program_ids=ids)
                support_contacts = 0
            elif program_uid is None:
                scope = _Scope(period, today, by_program=False)
                support_contacts = self._support_contacts(session, period)
            else:
                program_id = self._program_id(session, program_uid)
                scope = _Scope(period, today, by_program=True, program_id=program_id)
                support_contacts = 0
            tallies = self._tallies(session, scope, period.end.year - years)
        tally = tallies.get(scope.program_id, _Tally())
        return tally.figures(hour_cents, support_contacts)

    def trend(
        self,
        period: Period,
        program_uid: str | None = None,
        today: date | None = None,
        program_uids: tuple[str, ...] | None = None,
    ) -> tuple[MonthPoint, ...]:
        """Sessions held and attendances in each calendar month the period touches (of one
        program, or of several together with `program_uids`)."""
        today = today or date.today()
        with self._db.reading() as session:
            program_id = None if program_uid is None else self._program_id(session, program_uid)
            ids = (
                None
                if program_uids is None
                else tuple(self._program_id(session, uid) for uid in dict.fromkeys(program_uids))
            )
            scope = _Scope(period, today, by_program=False, program_id=program_id, program_ids=ids)
            sessions = scope.per_session()
            month = (sessions.c.year, sessions.c.month)
            query = select(
                *month,
                func.count(),
                func.sum(sessions.c.named),
                func.sum(sessions.c.anonymous),
            ).group_by(*month)
            counts: dict[date, tuple[int, int]] = dict.fromkeys(_months(period), (0, 0))
            for year, number, held, named, anonymous in session.execute(query):
                first_day = date(int(year), int(number), 1)
                if first_day in counts:
                    counts[first_day] = (int(held or 0), int(named or 0) + int(anonymous or 0))
        return tuple(MonthPoint(m, s, a) for m, (s, a) in counts.items())

    def top_programs(
        self, period: Period, limit: int = 5, today: date | None = None
    ) -> tuple[tuple[str, str, int], ...]:
        """(uid, name, attendances) of the programs most attended, best first."""
        today = today or date.today()
        with self._db.reading() as session:
            scope = _Scope(period, today, by_program=True)
            tallies: dict[int | None, _Tally] = {}
            scope.count_attendances(session, tallies)
            names = self._programs(session, tallies)
        ranked = [
            (names[key][0], names[key][1], tally.named + tally.anonymous)
            for key, tally in tallies.items()
            if key in names and tally.sessions
        ]
        ranked.sort(key=lambda item: (-item[2], *_program_order(item[1], item[0])))
        return tuple(ranked[: max(limit, 0)])

    def per_program(self, period: Period, today: date | None = None) -> tuple[ProgramFigures, ...]:
        """Each program with a session held in the period, by name, with its figures."""
        today = today or date.today()
        with self._db.reading() as session:
            years, hour_cents = _settings(session)
            scope = _Scope(period, today, by_program=True)
            tallies = self._tallies(session, scope, period.end.year - years)
            names = self._programs(session, tallies)
        programs = [
            ProgramFigures(uid, name, category, tallies[key].figures(hour_cents, 0))
            for key, (uid, name, category) in names.items()
            if tallies[key].sessions
        ]
        return tuple(sorted(programs, key=lambda p: _program_order(p.name, p.uid)))

    @staticmethod
    def _tallies(session: Session, scope: _Scope, newcomer_year: int) -> dict[int | None, _Tally]:
        tallies: dict[int | None, _Tally] = {}
        scope.count_sessions(session, tallies)
        scope.count_people(session, tallies, newcomer_year)
        scope.count_anonymous(session, tallies)
        scope.count_hours(session, tallies)
        return tallies

    @staticmethod
    def _program_id(session: Session, uid: str) -> int:
        return by_uid(session, Program, uid, _("This program no longer exists.")).id

    @staticmethod
    def _programs(
        session: Session, keys: Iterable[int | None]
    ) -> dict[int | None, tuple[str, str, str]]:
        """uid, name and category of the programs (not in the Trash) among `keys`."""
        ids = [key for key in keys if key is not None]
        if not ids:
            return {}
        rows = session.execute(
            select(Program.id, Program.uid, Program.name, Program.category).where(
                Program.id.in_(ids), Program.deleted_at.is_(None)
            )
        )
        return {row.id: (row.uid, row.name, row.category) for row in rows}

    @staticmethod
    def _support_contacts(session: Session, period: Period) -> int:
        count = session.scalar(
            select(func.count())
            .select_from(SupportContact)
            .where(
                SupportContact.deleted_at.is_(None),
                SupportContact.contact_on >= period.start,
                SupportContact.contact_on <= period.end,
            )
        )
        return int(count or 0)
