"""Activity figures against small organizations counted by hand (the counts are in comments)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import update

from communitydesk.core.errors import NotFoundError
from communitydesk.db.session import Database
from communitydesk.models import (
    ActivitySession,
    Attendance,
    HeadCount,
    Household,
    Organization,
    Person,
    Program,
    SupportContact,
    VolunteerHours,
)
from communitydesk.models.base import Base, utc_now
from communitydesk.services.activity_stats import (
    ActivityFigures,
    ActivityStatsService,
    MonthPoint,
    Period,
    gender_key,
)
from communitydesk.services.context import Services
from communitydesk.services.volunteer_hours import hour_value_cents

TODAY = date(2026, 11, 20)
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
BANDS_ZERO = {band: 0 for band in ("0-5", "6-12", "13-17", "18-24", "25-44", "45-64", "65+", "")}
GENDERS_ZERO = {"woman": 0, "man": 0, "another": 0, "": 0}


class Records:
    """Writes rows straight into the database, one unit of work each; returns their ids."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _add(self, row: Base) -> int:
        with self.db.unit_of_work() as session:
            session.add(row)
            session.flush()
            ident: int = row.id  # type: ignore[attr-defined]
            return ident

    def person(self, given: str, trashed: bool = False, **details: Any) -> int:
        deleted_at = utc_now() if trashed else None
        return self._add(Person(given_name=given, deleted_at=deleted_at, **details))

    def household(self, name: str) -> int:
        return self._add(Household(name=name))

    def program(self, name: str, category: str = "", trashed: bool = False) -> int:
        deleted_at = utc_now() if trashed else None
        return self._add(Program(name=name, category=category, deleted_at=deleted_at))

    def session(self, program_id: int, held_on: date, trashed: bool = False) -> int:
        deleted_at = utc_now() if trashed else None
        return self._add(
            ActivitySession(program_id=program_id, held_on=held_on, deleted_at=deleted_at)
        )

    def came(self, session_id: int, *people: int, head_count: int | None = None) -> None:
        with self.db.unit_of_work() as session:
            for person_id in people:
                session.add(
                    Attendance(session_id=session_id, person_id=person_id, head_count_id=head_count)
                )

    def head_count(
        self, session_id: int, people: int, age_band: str = "", gender: str = "", language: str = ""
    ) -> int:
        return self._add(
            HeadCount(
                session_id=session_id,
                people=people,
                age_band=age_band,
                gender=gender,
                language=language,
            )
        )

    def hours(
        self,
        person_id: int,
        worked_on: date,
        minutes: int,
        session_id: int | None = None,
        program_id: int | None = None,
        trashed: bool = False,
    ) -> int:
        return self._add(
            VolunteerHours(
                person_id=person_id,
                worked_on=worked_on,
                minutes=minutes,
                session_id=session_id,
                program_id=program_id,
                deleted_at=utc_now() if trashed else None,
            )
        )

    def contact(self, person_id: int, contact_on: date, trashed: bool = False) -> int:
        deleted_at = utc_now() if trashed else None
        return self._add(
            SupportContact(
                person_id=person_id,
                contact_on=contact_on,
                kind="orientation",
                deleted_at=deleted_at,
            )
        )

    def uid(self, program_id: int) -> str:
        with self.db.reading() as session:
            program = session.get(Program, program_id)
            assert program is not None
            return program.uid

    def hour_value(self, cents: int) -> None:
        with self.db.unit_of_work() as session:
            session.execute(update(Organization).values(volunteer_hour_cents=cents))


@pytest.fixture
def records(organized: Services) -> Records:
    return Records(organized.database)


@pytest.fixture
def stats(organized: Services) -> ActivityStatsService:
    return ActivityStatsService(organized.database)


def _year(stats: ActivityStatsService, program_uid: str | None = None) -> ActivityFigures:
    return stats.figures(YEAR, program_uid, today=TODAY)


def test_an_empty_organization_has_zeros_everywhere(stats: ActivityStatsService) -> None:
    figures = _year(stats)
    assert figures == ActivityFigures(
        sessions_held=0,
        attendances=0,
        named_attendances=0,
        anonymous_attendances=0,
        unique_participants=0,
        unique_named=0,
        newcomers=0,
        households=0,
        languages=(),
        age_bands=tuple(BANDS_ZERO.items()),
        genders=tuple(GENDERS_ZERO.items()),
        volunteer_minutes=0,
        volunteer_value_cents=0,
        volunteers=0,
        support_contacts=0,
    )
    assert stats.per_program(YEAR, today=TODAY) == ()
    assert stats.top_programs(YEAR, today=TODAY) == ()


def test_named_and_anonymous_people_are_each_counted_once(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    first = records.session(club, date(2026, 3, 4))
    second = records.session(club, date(2026, 3, 11))
    amina, bashir = records.person("Amina"), records.person("Bashir")
    festival = records.head_count(first, 5)  # five counted at the door, Bashir among them
    records.came(first, amina)
    records.came(first, bashir, head_count=festival)
    records.came(second, amina)  # Amina again: twice in the attendance, once in unique people
    records.head_count(second, 3, gender="woman")

    figures = _year(stats)
    assert figures.sessions_held == 2
    assert figures.named_attendances == 3  # Amina twice, Bashir once
    assert figures.anonymous_attendances == 7  # 5 - 1 (Bashir, named) + 3
    assert figures.attendances == 10
    assert figures.unique_named == 2
    assert figures.unique_participants == 9  # Amina, Bashir and 7 unnamed


def test_naming_more_people_than_counted_never_goes_below_zero(
    records: Records, stats: ActivityStatsService
) -> None:
    circle = records.program("Seniors' circle")
    meeting = records.session(circle, date(2026, 5, 6))
    one = records.head_count(meeting, 1, gender="man")
    records.head_count(meeting, 4, gender="woman")  # not linked: all four stay anonymous
    first, second = records.person("Farid"), records.person("Hassan")
    records.came(meeting, first, second, head_count=one)  # two named from a count of one

    figures = _year(stats)
    assert figures.named_attendances == 2
    assert figures.anonymous_attendances == 4  # max(1 - 2, 0) + 4, not 1 - 2 + 4 = 3
    assert figures.attendances == 6
    assert figures.unique_participants == 6
    assert dict(figures.genders)["man"] == 0  # the man counted is one of the two named


def test_people_in_the_trash_are_not_counted_by_name(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    meeting = records.session(club, date(2026, 2, 2))
    kept = records.person("Selam", languages=["ti"])
    gone = records.person("Yonas", trashed=True, languages=["am"], arrival_year=2025)
    door = records.head_count(meeting, 2)
    records.came(meeting, kept, head_count=door)
    records.came(meeting, gone, head_count=door)

    figures = _year(stats)
    assert figures.named_attendances == 1
    assert figures.unique_named == 1
    # Yonas no longer counts by name, so he stays in the count at the door: 2 - 1 (Selam).
    assert figures.anonymous_attendances == 1
    assert figures.unique_participants == 2
    assert figures.newcomers == 0
    assert figures.languages == (("ti", 1),)


def test_a_session_in_the_trash_counts_nowhere(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    held = records.session(club, date(2026, 4, 1))
    binned = records.session(club, date(2026, 4, 8), trashed=True)
    amina, bashir = records.person("Amina"), records.person("Bashir", gender="m")
    records.came(held, amina)
    records.came(binned, amina, bashir)
    records.head_count(binned, 10)
    records.hours(amina, date(2026, 4, 8), 120, session_id=binned)
    records.hours(amina, date(2026, 4, 1), 60, session_id=held)

    figures = _year(stats)
    assert (figures.sessions_held, figures.attendances, figures.unique_participants) == (1, 1, 1)
    assert figures.anonymous_attendances == 0
    assert dict(figures.genders)["man"] == 0
    assert (figures.volunteer_minutes, figures.volunteers) == (60, 1)
    assert stats.trend(Period(date(2026, 4, 1), date(2026, 4, 30)), today=TODAY) == (
        MonthPoint(date(2026, 4, 1), 1, 1),
    )
    assert [p.figures.attendances for p in stats.per_program(YEAR, today=TODAY)] == [1]


def test_a_program_in_the_trash_counts_nowhere(
    records: Records, stats: ActivityStatsService
) -> None:
    kept = records.program("Sewing")
    binned = records.program("Old club", trashed=True)
    sewing = records.session(kept, date(2026, 6, 1))
    old = records.session(binned, date(2026, 6, 2))
    hodan, abdi = records.person("Hodan"), records.person("Abdi")
    records.came(sewing, hodan)
    records.came(old, hodan, abdi)
    records.head_count(old, 6)
    records.hours(abdi, date(2026, 6, 2), 90, session_id=old)  # tied to its session
    records.hours(abdi, date(2026, 6, 3), 30, program_id=binned)  # tied to the program
    records.hours(hodan, date(2026, 6, 4), 45)  # free hours (the newsletter) still count

    figures = _year(stats)
    assert (figures.sessions_held, figures.attendances, figures.unique_named) == (1, 1, 1)
    assert figures.anonymous_attendances == 0
    assert (figures.volunteer_minutes, figures.volunteers) == (45, 1)
    assert [p.name for p in stats.per_program(YEAR, today=TODAY)] == ["Sewing"]
    assert [uid for uid, _name, _count in stats.top_programs(YEAR, today=TODAY)] == [
        records.uid(kept)
    ]
    with pytest.raises(NotFoundError, match="This program no longer exists"):
        _year(stats, records.uid(binned))


def test_sessions_after_today_are_planned_not_held(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    past = records.session(club, date(2026, 11, 20))  # today: held
    planned = records.session(club, date(2026, 12, 4))
    amina, bashir = records.person("Amina"), records.person("Bashir")
    records.came(past, amina)
    records.came(planned, bashir)  # ticked in advance
    records.head_count(planned, 3)

    figures = _year(stats)
    assert (figures.sessions_held, figures.attendances, figures.unique_participants) == (1, 1, 1)
    later = stats.figures(YEAR, today=date(2026, 12, 31))
    assert (later.sessions_held, later.attendances, later.unique_participants) == (2, 5, 5)
    december = stats.trend(YEAR, today=TODAY)[-1]
    assert december == MonthPoint(date(2026, 12, 1), 0, 0)


def test_newcomers_and_households(records: Records, stats: ActivityStatsService) -> None:
    club = records.program("Homework club")
    meeting = records.session(club, date(2025, 9, 10))
    later = records.session(club, date(2026, 9, 9))
    warsame, farah = records.household("Warsame"), records.household("Farah")
    # Newcomer years: 5 (the organization's default); the period ends in 2026, so from 2021.
    people = [
        records.person("Hodan", household_id=warsame, arrival_year=2021),  # newcomer
        records.person("Abdi", household_id=warsame, arrival_year=2020),  # arrived earlier
        records.person("Amina", household_id=farah, arrival_year=2026),  # newcomer
        records.person("Lucía"),  # no household, arrival not noted
    ]
    records.came(meeting, *people)
    records.came(later, *people)

    figures = stats.figures(Period(date(2025, 1, 1), date(2026, 12, 31)), today=TODAY)
    assert (figures.unique_named, figures.newcomers, figures.households) == (4, 2, 2)
    # A period ending in 2025 counts newcomers from 2020: Abdi too (Amina's 2026 as well).
    figures_2025 = stats.figures(Period(date(2025, 1, 1), date(2025, 12, 31)), today=TODAY)
    assert figures_2025.newcomers == 3
    with records.db.unit_of_work() as session:
        session.execute(update(Organization).values(newcomer_years=1))
    assert stats.figures(Period(date(2025, 1, 1), date(2026, 12, 31)), today=TODAY).newcomers == 1


def test_languages_ages_and_genders_of_named_and_anonymous_people(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    first = records.session(club, date(2026, 3, 4))
    second = records.session(club, date(2026, 3, 11))
    people = [
        # age 11 at the end of 2026 (from the year of birth)
        records.person("Amina", gender="F", languages=["so", "en"], birth_year=2015),
        # the band noted wins over the year of birth
        records.person(
            "Bashir", gender=" Homme ", languages=["so"], age_band="25-44", birth_year=1950
        ),
        # a language twice in the list counts once
        records.person("Chen", gender="non-binary", languages=["zh", "fr", "zh"]),
        records.person("Dina", gender="", languages=[], birth_year=1960),  # 66
        records.person("Farid", gender="GARÇON", languages=["ar", ""], birth_year=2026),  # 0
        records.person("Mariam", gender="امرأة", languages=["ar"], birth_year=1999),  # 27
        records.person("Omar", gender="ذكر", birth_year=2030),  # born after the period: unknown
    ]
    records.came(first, *people)
    records.came(second, *people[:2])  # coming twice adds nothing to the breakdowns
    records.head_count(second, 2, age_band="65+", gender="woman", language="so")
    records.head_count(second, 1, age_band="13-17", gender="man", language="")
    records.head_count(second, 2, age_band="", gender="another", language="fr")

    figures = _year(stats)
    assert figures.unique_participants == 12  # 7 named + 5 counted at the door
    assert figures.languages == (
        ("so", 4),  # Amina, Bashir, 2 at the door
        ("fr", 3),  # Chen, 2 at the door
        ("ar", 2),
        ("en", 1),
        ("zh", 1),
    )
    assert dict(figures.age_bands) == BANDS_ZERO | {
        "0-5": 1,  # Farid
        "6-12": 1,  # Amina
        "13-17": 1,  # at the door
        "25-44": 2,  # Bashir (noted), Mariam
        "65+": 3,  # Dina, 2 at the door
        "": 4,  # Chen, Omar, 2 at the door
    }
    assert [band for band, _count in figures.age_bands] == list(BANDS_ZERO)
    assert figures.genders == (
        ("woman", 4),  # F, امرأة, 2 at the door
        ("man", 4),  # Homme, GARÇON, ذكر, 1 at the door
        ("another", 3),  # non-binary, 2 at the door
        ("", 1),  # Dina
    )


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Woman", "woman"),
        (" female ", "woman"),
        ("FEMME", "woman"),
        ("fille", "woman"),
        ("W", "woman"),
        ("أنثى", "woman"),
        ("MALE", "man"),
        ("garcon", "man"),
        ("Garçon", "man"),
        ("boy", "man"),
        ("h", "man"),
        ("رجل", "man"),
        ("two-spirit", "another"),
        ("another", "another"),
        ("   ", ""),
    ],
)
def test_free_text_genders_are_mapped(typed: str, key: str) -> None:
    assert gender_key(typed) == key


def test_volunteer_value_is_rounded_half_up_in_whole_cents(
    records: Records, stats: ActivityStatsService
) -> None:
    assert hour_value_cents(90, 2501) == 3752  # 3751.5
    assert hour_value_cents(1, 2500) == 42  # 41.67
    assert hour_value_cents(1, 30) == 1  # 0.5
    assert hour_value_cents(1, 29) == 0  # 0.48
    assert hour_value_cents(0, 2500) == 0
    records.hour_value(2501)
    amina, bashir = records.person("Amina"), records.person("Bashir")
    gone = records.person("Yonas", trashed=True)
    records.hours(amina, date(2026, 2, 1), 60)
    records.hours(amina, date(2026, 2, 8), 30)  # the same volunteer again
    records.hours(bashir, date(2025, 12, 31), 600)  # before the period
    records.hours(bashir, date(2026, 3, 1), 45, trashed=True)  # taken back
    records.hours(gone, date(2026, 3, 1), 45)  # a person in the Trash

    figures = _year(stats)
    assert (figures.volunteer_minutes, figures.volunteers) == (90, 1)
    assert figures.volunteer_value_cents == 3752


def test_figures_of_one_program(records: Records, stats: ActivityStatsService) -> None:
    club, circle = records.program("Homework club"), records.program("Seniors' circle")
    homework = records.session(club, date(2026, 3, 4))
    tea = records.session(circle, date(2026, 3, 5))
    amina, bashir, chen = records.person("Amina"), records.person("Bashir"), records.person("Chen")
    records.came(homework, amina, bashir)
    records.came(tea, amina)
    records.head_count(tea, 4)
    records.hours(chen, date(2026, 3, 4), 60, session_id=homework)  # the club, by its session
    records.hours(chen, date(2026, 3, 6), 30, program_id=club)  # the club, by the program
    records.hours(bashir, date(2026, 3, 5), 20, session_id=tea, program_id=club)  # both
    records.hours(amina, date(2026, 3, 7), 15)  # no program: the organization's only
    records.contact(amina, date(2026, 3, 8))
    records.contact(amina, date(2026, 3, 9), trashed=True)
    records.contact(amina, date(2025, 3, 9))

    whole = _year(stats)
    assert (whole.sessions_held, whole.attendances, whole.unique_participants) == (2, 7, 6)
    assert (whole.volunteer_minutes, whole.volunteers, whole.support_contacts) == (125, 3, 1)

    homework_figures = _year(stats, records.uid(club))
    assert (homework_figures.sessions_held, homework_figures.attendances) == (1, 2)
    assert (homework_figures.volunteer_minutes, homework_figures.volunteers) == (110, 2)
    assert homework_figures.support_contacts == 0
    tea_figures = _year(stats, records.uid(circle))
    assert (tea_figures.sessions_held, tea_figures.attendances) == (1, 5)
    assert (tea_figures.unique_named, tea_figures.anonymous_attendances) == (1, 4)
    assert (tea_figures.volunteer_minutes, tea_figures.volunteers) == (20, 1)
    with pytest.raises(NotFoundError, match="This program no longer exists"):
        _year(stats, "no-such-program")


def test_trend_has_a_point_for_every_month_even_empty_ones(
    records: Records, stats: ActivityStatsService
) -> None:
    club, circle = records.program("Homework club"), records.program("Seniors' circle")
    amina, bashir = records.person("Amina"), records.person("Bashir")
    january = records.session(club, date(2026, 1, 20))
    records.session(club, date(2026, 1, 10))  # before the period starts
    march = records.session(club, date(2026, 3, 31))
    records.session(circle, date(2026, 3, 3))  # nobody came
    records.came(january, amina, bashir)
    records.came(march, amina)
    records.head_count(march, 3)

    period = Period(date(2026, 1, 15), date(2026, 4, 10))
    assert stats.trend(period, today=TODAY) == (
        MonthPoint(date(2026, 1, 1), 1, 2),
        MonthPoint(date(2026, 2, 1), 0, 0),
        MonthPoint(date(2026, 3, 1), 2, 4),
        MonthPoint(date(2026, 4, 1), 0, 0),
    )
    assert stats.trend(period, records.uid(circle), today=TODAY) == (
        MonthPoint(date(2026, 1, 1), 0, 0),
        MonthPoint(date(2026, 2, 1), 0, 0),
        MonthPoint(date(2026, 3, 1), 1, 0),
        MonthPoint(date(2026, 4, 1), 0, 0),
    )
    over_new_year = stats.trend(Period(date(2025, 12, 31), date(2026, 1, 1)), today=TODAY)
    assert [point.month for point in over_new_year] == [date(2025, 12, 1), date(2026, 1, 1)]


def test_top_programs_best_first_then_by_name(
    records: Records, stats: ActivityStatsService
) -> None:
    people = [records.person(name) for name in ("Amina", "Bashir", "Chen", "Dina")]
    ids = {name: records.program(name) for name in ("Zumba", "bingo", "Art", "Choir", "Empty")}
    records.came(records.session(ids["Zumba"], date(2026, 2, 1)), *people)  # 4
    records.came(records.session(ids["bingo"], date(2026, 2, 2)), people[0])  # 1 + 1 at the door
    records.head_count(records.session(ids["bingo"], date(2026, 2, 9)), 1)
    records.came(records.session(ids["Art"], date(2026, 2, 3)), *people[:2])  # 2
    records.session(ids["Choir"], date(2026, 2, 4))  # held, nobody came
    records.came(records.session(ids["Empty"], date(2026, 12, 1)), *people)  # planned

    top = stats.top_programs(YEAR, today=TODAY)
    assert [(name, count) for _uid, name, count in top] == [
        ("Zumba", 4),
        ("Art", 2),
        ("bingo", 2),
        ("Choir", 0),
    ]
    assert top[0][0] == records.uid(ids["Zumba"])
    assert [name for _uid, name, _count in stats.top_programs(YEAR, 2, today=TODAY)] == [
        "Zumba",
        "Art",
    ]


def test_figures_for_each_program(records: Records, stats: ActivityStatsService) -> None:
    club = records.program("Homework club", category="education")
    circle = records.program("Seniors' circle", category="seniors")
    records.program("Never met")
    planned = records.program("Planned only")
    records.session(planned, date(2026, 12, 20))
    amina, bashir = records.person("Amina", languages=["so"]), records.person("Bashir")
    homework = records.session(club, date(2026, 3, 4))
    records.came(homework, amina, bashir)
    records.came(records.session(club, date(2026, 3, 11)), amina)
    records.came(records.session(circle, date(2026, 3, 5)), amina)  # Amina in both programs
    records.hours(bashir, date(2026, 3, 4), 60, session_id=homework)

    rows = stats.per_program(YEAR, today=TODAY)
    assert [(r.name, r.category, r.uid) for r in rows] == [
        ("Homework club", "education", records.uid(club)),
        ("Seniors' circle", "seniors", records.uid(circle)),
    ]
    homework_figures, circle_figures = rows[0].figures, rows[1].figures
    assert homework_figures == _year(stats, records.uid(club))
    assert circle_figures == _year(stats, records.uid(circle))
    assert (homework_figures.sessions_held, homework_figures.attendances) == (2, 3)
    assert (homework_figures.unique_named, homework_figures.volunteer_minutes) == (2, 60)
    assert (circle_figures.unique_named, circle_figures.languages) == (1, (("so", 1),))
    assert circle_figures.volunteer_minutes == 0
    whole = _year(stats)
    assert (whole.unique_named, whole.languages) == (2, (("so", 1),))  # Amina once


def test_figures_and_trend_of_several_programs_count_each_person_once(
    records: Records, stats: ActivityStatsService
) -> None:
    club = records.program("Homework club")
    circle = records.program("Seniors' circle")
    other = records.program("Choir")
    amina, bashir, chen = records.person("Amina"), records.person("Bashir"), records.person("Chen")
    homework = records.session(club, date(2026, 3, 4))
    records.came(homework, amina, bashir)
    seniors = records.session(circle, date(2026, 4, 5))
    records.came(seniors, amina)  # Amina in both linked programs
    records.head_count(seniors, 2)
    records.came(records.session(other, date(2026, 3, 6)), chen)
    records.hours(bashir, date(2026, 3, 4), 60, session_id=homework, program_id=club)  # once
    records.hours(chen, date(2026, 4, 5), 30, program_id=circle)
    records.hours(chen, date(2026, 4, 6), 45, program_id=other)  # not theirs
    uids = (records.uid(club), records.uid(circle))

    both = stats.figures(YEAR, today=TODAY, program_uids=uids)
    # 2 sessions; Amina, Bashir, and the head count's 2 anonymous people.
    assert (both.sessions_held, both.attendances, both.unique_participants) == (2, 5, 4)
    assert (both.unique_named, both.volunteer_minutes, both.volunteers) == (2, 90, 2)
    assert stats.figures(YEAR, today=TODAY, program_uids=uids[:1]) == _year(stats, uids[0])
    assert stats.figures(YEAR, today=TODAY, program_uids=()).sessions_held == 0
    trend = {
        p.month.month: (p.sessions, p.attendances)
        for p in stats.trend(YEAR, today=TODAY, program_uids=uids)
    }
    assert (trend[3], trend[4]) == ((1, 2), (1, 3))
    assert stats.trend(YEAR, today=TODAY, program_uids=uids[:1]) == stats.trend(
        YEAR, uids[0], today=TODAY
    )
