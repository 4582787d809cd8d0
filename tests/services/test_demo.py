from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from communitydesk.core.errors import ValidationError
from communitydesk.core.paths import DataPaths
from communitydesk.models import Household, Person
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.demo_names import COMMUNITIES


def _scripts(names: list[str]) -> set[str]:
    found = set()
    for name in names:
        for char in name:
            if char.isalpha():
                found.add(unicodedata.name(char).split()[0])
    return found


def test_sample_organization_is_alive(sample: Services) -> None:
    profile = sample.organization.require()
    assert profile.is_sample
    assert profile.name == "Riverside Newcomer Families Association"
    summary = sample.dashboard.summary()
    assert summary.people == 120
    assert 20 <= summary.households <= 80
    assert summary.volunteers > 0
    with sample.database.reading() as session:
        people = session.scalars(select(Person)).all()
        households = session.scalars(select(Household)).all()
    # Names from many cultures and scripts, each with a Latin spelling where needed.
    assert {"LATIN", "ARABIC", "CYRILLIC"} <= _scripts([p.given_name for p in people])
    for person in people:
        if not person.given_name.isascii() and _scripts([person.given_name]) != {"LATIN"}:
            assert person.latin_name.isascii() or "LATIN" in _scripts([person.latin_name])
    # Several generations under one roof, and every household has its main contact.
    roles = Counter(p.household_role for p in people)
    assert roles["grandparent"] and roles["child"] and roles["main_contact"] == len(households)
    by_id = {p.id: p for p in people}
    for household in households:
        assert household.main_contact_id is not None
        assert by_id[household.main_contact_id].household_id == household.id
    # Fictional phone numbers only.
    assert all(re.fullmatch(r"\(\d{3}\) 555-01\d\d", p.phone) for p in people if p.phone)


def test_the_sample_organization_has_a_history(sample: Services) -> None:
    # Drafted funding applications and practice profiles print it under "About the organization".
    history = sample.organization.require().history
    assert history.startswith("Five Somali and Syrian families started the association in 2011")
    assert history.count(". ") == 1 and history.endswith(".")


def test_the_same_seed_gives_the_same_sample(services: Services, tmp_path: object) -> None:
    services.demo.generate(people=40, seed=3)
    first = [r.display_name for r in services.people.search(limit=40).rows]
    services.demo.generate(people=40, seed=3, force=True)
    assert [r.display_name for r in services.people.search(limit=40).rows] == first


def test_demo_refuses_a_folder_with_a_sample_unless_forced(services: Services) -> None:
    services.demo.generate(people=10)
    with pytest.raises(ValidationError) as raised:
        services.demo.generate(people=12)
    assert "--force" in raised.value.message
    services.demo.generate(people=12, force=True)
    assert services.dashboard.summary().people == 12


def test_the_sample_never_replaces_a_real_organization(organized: Services) -> None:
    for force in (False, True):
        with pytest.raises(ValidationError) as raised:
            organized.demo.generate(people=10, force=force)
        assert "real organization" in raised.value.message
    assert organized.organization.require().name == "Cercle des aînés"
    assert organized.dashboard.summary().people == 0


def test_people_count_is_bounded(services: Services) -> None:
    with pytest.raises(ValidationError):
        services.demo.generate(people=0)


def test_a_hundred_thousand_people(services: Services) -> None:
    result = services.demo.generate(people=100_000, seed=1)
    assert result.people == 100_000
    assert services.dashboard.summary().people == 100_000
    assert services.maintenance.check().healthy


def test_discarding_the_sample_keeps_a_backup(sample: Services) -> None:
    backup = sample.demo.discard_sample()
    assert backup.exists()
    assert sample.organization.get() is None
    assert sample.dashboard.summary().people == 0


def test_a_real_organization_cannot_be_discarded(organized: Services) -> None:
    with pytest.raises(ValidationError):
        organized.demo.discard_sample()
    assert organized.organization.get() is not None


def test_most_adults_in_the_sample_gave_consent(sample: Services) -> None:
    from communitydesk.models import Consent

    with sample.database.reading() as session:
        consents = session.scalars(select(Consent)).all()
        adults = session.scalars(select(Person).where(Person.birth_year <= 2026 - 18)).all()
    assert 0.6 * len(adults) <= len(consents) <= len(adults)
    assert all(c.scopes for c in consents)
    assert {c.kind for c in consents} == {"signed", "verbal"}


# --- A year of activities -------------------------------------------------------------------


def _keys(services: Services, list_key: str) -> set[str]:
    from communitydesk.models import LookupItem

    with services.database.reading() as session:
        return set(session.scalars(select(LookupItem.code).where(LookupItem.list_key == list_key)))


def _fingerprint(services: Services) -> list[tuple[object, ...]]:
    """What the year looks like, by names and dates rather than row numbers."""
    from communitydesk.models import ActivitySession, Attendance, Feedback, HeadCount, Program

    with services.database.reading() as session:
        sessions = session.execute(
            select(Program.name, ActivitySession.held_on, ActivitySession.topic)
            .join(Program, Program.id == ActivitySession.program_id)
            .order_by(Program.name, ActivitySession.held_on)
        ).all()
        present = session.execute(
            select(Program.name, ActivitySession.held_on, Person.sort_key)
            .select_from(Attendance)
            .join(ActivitySession, ActivitySession.id == Attendance.session_id)
            .join(Program, Program.id == ActivitySession.program_id)
            .join(Person, Person.id == Attendance.person_id)
            .order_by(Program.name, ActivitySession.held_on, Person.sort_key)
        ).all()
        counted = session.execute(
            select(ActivitySession.held_on, HeadCount.age_band, HeadCount.gender, HeadCount.people)
            .join(ActivitySession, ActivitySession.id == HeadCount.session_id)
            .order_by(ActivitySession.held_on, HeadCount.age_band, HeadCount.gender)
        ).all()
        said = session.execute(select(Feedback.words, Feedback.given_on).order_by(Feedback.words))
        return [tuple(rows) for rows in (sessions, present, counted, said.all())]


def test_the_sample_has_a_year_of_programs(sample: Services) -> None:
    today = date.today()
    programs = sample.programs.programs(today=today)
    assert 6 <= len(programs) <= 12
    names = {p.name for p in programs}
    assert {"Seniors' circle", "Homework club", "Community festival"} <= names
    # Tagged with the keys of the shared lists, in the languages the members speak.
    spoken = {code for community in COMMUNITIES for code in community.languages}
    for program in programs:
        assert program.category in _keys(sample, "activity_category")
        assert set(program.populations) <= _keys(sample, "target_population")
        assert set(program.issues) <= _keys(sample, "family_issue")
        assert program.service_stream in _keys(sample, "service_stream")
        assert program.languages and set(program.languages) <= spoken
        assert program.description and program.venue_name and program.leader_name
        assert program.sessions_held > 0
        assert program.last_session is not None
        assert today - timedelta(days=365) <= program.last_session <= today
    # Most go on, and what meets every week all year has its next sessions planned already.
    assert sum(p.ongoing for p in programs) >= 4
    for program in programs:
        if program.next_session is not None:
            assert program.ongoing
            assert today < program.next_session <= today + timedelta(days=21)
    weekly = [p for p in programs if p.name in ("Seniors' circle", "Women's group")]
    assert len(weekly) == 2 and all(p.next_session for p in weekly)
    seniors = next(p for p in programs if p.name == "Seniors' circle")
    assert 45 <= seniors.sessions_held <= 53  # weekly, but for the holidays
    # Venues say how to get there, whether there are stairs, and what a use costs.
    venues = sample.programs.venues()
    assert 3 <= len(venues) <= 5
    assert all(v.address and v.transit and v.accessibility and v.contact for v in venues)
    assert all(isinstance(v.rental_cents, int) and v.rental_cents >= 0 for v in venues)
    assert any(v.rental_cents for v in venues)


def test_attendance_only_at_sessions_already_held(sample: Services) -> None:
    from communitydesk.models import ActivitySession, Attendance, HeadCount

    today = date.today()
    with sample.database.reading() as session:
        held_on = dict(session.execute(select(ActivitySession.id, ActivitySession.held_on)).all())
        attended = Counter(session.scalars(select(Attendance.session_id)))
        counted = set(session.scalars(select(HeadCount.session_id)))
    assert min(held_on.values()) >= today - timedelta(days=365)
    planned = {sid for sid, day in held_on.items() if day > today}
    assert 2 <= len(planned) <= 40  # a few in the next three weeks
    assert not planned & set(attended)
    assert not planned & counted
    assert sum(attended.values()) >= 800
    # A usual session has a handful to a couple of dozen people.
    sizes = sorted(attended.values())
    assert 5 <= sizes[len(sizes) // 2] <= 25
    assert sizes[-1] <= 40
    sessions = sample.sessions.sessions(end=today, limit=5000)
    assert all(s.held_on <= today for s in sessions)
    assert sum(s.named for s in sessions) == sum(attended.values())


def test_the_festival_counts_people_without_names(sample: Services) -> None:
    from communitydesk.models import ActivitySession, Attendance, HeadCount, Program
    from communitydesk.services.demo_activities import age_band
    from communitydesk.services.people import AGE_BANDS

    festival = next(p for p in sample.programs.programs() if p.name == "Community festival")
    assert 1 <= festival.sessions_held <= 2
    for day in sample.sessions.sessions(program_uid=festival.uid, end=date.today()):
        assert day.anonymous >= 100  # hundreds came
        assert 0 < day.named < 20  # few gave their names
    with sample.database.reading() as session:
        counts = (
            session.execute(
                select(HeadCount)
                .join(ActivitySession, ActivitySession.id == HeadCount.session_id)
                .join(Program, Program.id == ActivitySession.program_id)
                .where(Program.name == "Community festival")
            )
            .scalars()
            .all()
        )
        linked = session.execute(
            select(Attendance, Person)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.head_count_id.is_not(None))
        ).all()
    assert {c.age_band for c in counts} >= set(AGE_BANDS)
    assert {c.gender for c in counts} >= {"woman", "man"}
    assert len({c.language for c in counts}) >= 3
    assert all(c.gender in ("woman", "man", "another", "") for c in counts)
    # Two or three people counted in the crowd were named since: the count still covers them.
    assert 2 <= len(linked) <= 3
    by_id = {c.id: c for c in counts}
    for attendance, person in linked:
        assert attendance.head_count_id is not None
        group = by_id[attendance.head_count_id]
        assert group.session_id == attendance.session_id
        assert group.people >= sum(1 for a, _p in linked if a.head_count_id == group.id)
        assert group.age_band == age_band(date.today().year - (person.birth_year or 0))
        assert group.gender == person.gender
        assert group.language in (*person.languages, "")
    # The clothing drive counted families at the door too.
    drive = next(p for p in sample.programs.programs() if p.name == "Winter clothing drive")
    assert all(
        s.anonymous > 0
        for s in sample.sessions.sessions(program_uid=drive.uid)
        if s.held_on <= date.today()
    )


def test_hours_are_given_by_volunteers_only(sample: Services) -> None:
    from communitydesk.models import ActivitySession, Volunteer, VolunteerHours

    today = date.today()
    with sample.database.reading() as session:
        volunteers = set(session.scalars(select(Volunteer.person_id)))
        hours = session.scalars(select(VolunteerHours)).all()
        held_on = dict(session.execute(select(ActivitySession.id, ActivitySession.held_on)).all())
    assert len(hours) >= 100
    assert {h.person_id for h in hours} <= volunteers
    assert all(60 <= h.minutes <= 180 for h in hours)
    assert all(today - timedelta(days=365) <= h.worked_on <= today for h in hours)
    at_sessions = [h for h in hours if h.session_id is not None]
    assert all(h.session_id and h.worked_on == held_on[h.session_id] for h in at_sessions)
    assert {"Set-up", "Interpreter"} <= {h.role for h in at_sessions}
    free = [h for h in hours if h.session_id is None and h.program_id is None]
    assert free and {"Newsletter", "Fundraising"} & {h.role for h in free}
    # The in-kind value an hour is worth stays what the organization says (the default).
    assert sample.volunteer_hours.hour_value() == 2500


def test_testimonials_are_quoted_only_with_consent(sample: Services) -> None:
    from communitydesk.models import Consent

    everything = sample.feedback.feedback()
    quotable = sample.feedback.feedback(quotable_only=True)
    assert 20 <= len(everything) <= 60
    assert 0 < len(quotable) < len(everything)  # some may be quoted, some not
    assert {"en", "fr", "ar"} <= {f.language for f in everything}
    assert len({f.words for f in everything}) == len(everything)
    with sample.database.reading() as session:
        scopes: dict[str, set[str]] = {}
        for uid, given in session.execute(
            select(Person.uid, Consent.scopes).join(Consent, Consent.person_id == Person.id)
        ):
            scopes.setdefault(uid, set()).update(given)
        languages = dict(session.execute(select(Person.uid, Person.languages)).all())
    for said in everything:
        assert said.program_name and said.person_uid and said.given_on <= date.today()
        assert said.language in languages[said.person_uid]  # in a language they speak
        assert said.quotable == ("quoting" in scopes.get(said.person_uid, set()))
    assert {f.uid for f in quotable} == {f.uid for f in everything if f.quotable}


def test_members_suggestions_and_what_became_of_them(sample: Services) -> None:
    suggestions = sample.feedback.suggestions()
    assert 8 <= len(suggestions) <= 15
    assert {s.status for s in suggestions} == {"new", "planned", "done"}
    done = [s for s in suggestions if s.status == "done"]
    assert any(s.program_name for s in done)
    assert all(s.response for s in suggestions if s.status != "new")


def test_the_same_seed_gives_the_same_year(services: Services, paths: DataPaths) -> None:
    services.demo.generate(people=150, seed=11)
    first = _fingerprint(services)
    services.demo.generate(people=150, seed=11, force=True)
    assert _fingerprint(services) == first
    services.demo.generate(people=150, seed=12, force=True)
    assert _fingerprint(services) != first


def test_regenerating_replaces_the_activities(services: Services, tmp_path: Path) -> None:
    from communitydesk.models import ActivitySession, Attendance, Program, Venue

    services.demo.generate(people=300, seed=1)
    result = services.demo.generate(people=150, seed=2, force=True)
    fresh = open_data_folder(DataPaths(tmp_path / "fresh").ensure())
    try:
        again = fresh.demo.generate(people=150, seed=2)
        assert _fingerprint(services) == _fingerprint(fresh)
    finally:
        fresh.close()
    assert result.activities is not None and result.activities == again.activities
    with services.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Venue)) == 4
        programs = session.scalar(select(func.count()).select_from(Program))
        assert programs == result.activities.programs
        sessions = session.scalar(select(func.count()).select_from(ActivitySession))
        assert sessions == result.activities.sessions
        attended = session.scalar(select(func.count()).select_from(Attendance))
        assert attended == result.activities.attendance
    assert services.maintenance.check().healthy
    # Discarding the sample takes its year of activities with it.
    services.demo.discard_sample()
    with services.database.reading() as session:
        for model in (Venue, Program, ActivitySession, Attendance):
            assert session.scalar(select(func.count()).select_from(model)) == 0
